// The wire agencies credits are checked against: a credit naming one of them ("(Reuters) -", "told
// AFP", "Reporting by Reuters") is a wire credit, the deepest origin an article's own reporting can
// have short of a named primary source. Edit this list to add an agency: its name as shown, then
// every other way articles write it (matched whole, case-sensitively for short capitalised forms).

export interface WireAgency {
  /** The name shown on cards and in exports. */
  name: string
  aliases: readonly string[]
}

export const WIRE_AGENCIES: readonly WireAgency[] = [
  { name: 'AFP', aliases: ['Agence France-Presse', 'Agence France Presse', 'AFP news agency'] },
  { name: 'Reuters', aliases: ['Thomson Reuters', 'Reuters news agency'] },
  { name: 'AP', aliases: ['Associated Press', 'The Associated Press', 'AP news agency'] },
  { name: 'dpa', aliases: ['DPA', 'Deutsche Presse-Agentur'] },
  { name: 'Xinhua', aliases: ['Xinhua News Agency', 'Xinhua news agency'] },
  { name: 'EFE', aliases: ['Agencia EFE'] },
  { name: 'ANSA', aliases: ['Agenzia Nazionale Stampa Associata'] },
  { name: 'Anadolu', aliases: ['Anadolu Agency', 'Anadolu Ajansı', 'AA'] },
  { name: 'PA', aliases: ['PA Media', 'Press Association', 'the Press Association'] },
  { name: 'UPI', aliases: ['United Press International'] },
  { name: 'Kyodo', aliases: ['Kyodo News', 'Kyodo news agency'] },
  { name: 'TASS', aliases: ['Tass', 'ITAR-TASS'] },
  { name: 'RIA Novosti', aliases: ['RIA'] },
  { name: 'Interfax', aliases: [] },
  { name: 'Yonhap', aliases: ['Yonhap News Agency'] },
  { name: 'Bernama', aliases: [] },
  { name: 'PTI', aliases: ['Press Trust of India'] },
  { name: 'ANI', aliases: ['Asian News International'] },
  { name: 'APA', aliases: ['Austria Presse Agentur'] },
  { name: 'Belga', aliases: [] },
  { name: 'Lusa', aliases: [] },
  { name: 'Europa Press', aliases: [] },
  { name: 'KUNA', aliases: ['Kuwait News Agency'] },
  { name: 'WAM', aliases: ['Emirates News Agency'] },
  { name: 'SPA', aliases: ['Saudi Press Agency'] },
  { name: 'SANA', aliases: ['Syrian Arab News Agency'] },
  { name: 'IRNA', aliases: ['Islamic Republic News Agency'] },
  { name: 'MENA', aliases: ['Middle East News Agency'] },
  { name: 'Ukrinform', aliases: [] },
  { name: 'PAP', aliases: ['Polish Press Agency'] },
  { name: 'CTK', aliases: ['ČTK'] },
  { name: 'NTB', aliases: [] },
  { name: 'TT', aliases: ['Tidningarnas Telegrambyrå'] },
  { name: 'Ritzau', aliases: [] },
  { name: 'AAP', aliases: ['Australian Associated Press'] },
  { name: 'CP', aliases: ['The Canadian Press', 'Canadian Press'] },
  { name: 'Bloomberg', aliases: ['Bloomberg News'] },
]
