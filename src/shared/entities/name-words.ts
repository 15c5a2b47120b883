// Word lists the entity extractor reads names with: titles that come before a person's name, the
// words that end a ministerial portfolio, demonyms, capitalised words that are not names, and a small
// gazetteer of countries. Small on purpose: they fix what the tagger gets wrong on news text (titles
// leaking into names, "Jordan" as a person), they are not a dictionary of the world.

const words = (list: string): ReadonlySet<string> =>
  new Set(
    list
      .trim()
      .split(/\s+/)
      .map((w) => w.toLowerCase()),
  )

/** Titles and offices written before a name: "President", "Foreign Minister", "Deputy Foreign Minister". */
export const TITLE_WORDS = words(`
  president vice prime minister ministers foreign deputy interim former late acting secretary general
  envoy special ambassador senator governor mayor king queen prince princess sheikh sheik emir crown
  chancellor premier chief commander colonel col gen lt lieutenant major sergeant captain admiral
  mr mrs ms dr prof professor sir lord lady spokesperson spokesman spokeswoman leader chairman chair
  director head justice judge speaker representative rep sen pope cardinal bishop imam ayatollah
  rabbi reverend rev us u.s. un fm
`)

/** Words that end a portfolio after "Minister for/of": "Minister for Strategic Affairs Ron Dermer". */
export const PORTFOLIO_END_WORDS = words(`
  affairs defence defense interior finance justice health economy trade energy security development
  education transport culture agriculture environment information communications labour labor
  tourism industry relations planning intelligence diaspora heritage state welfare housing
`)

/** Nationality adjectives: "Syrian President", "Israeli officials"; never a name on their own. */
export const DEMONYMS = words(`
  syrian israeli iranian iraqi turkish russian american british french german chinese jordanian
  lebanese egyptian saudi emirati qatari azerbaijani azeri ukrainian palestinian kurdish druze sunni
  shia shiite alawite arab european african asian western eastern northern southern us u.s. uk un
  bedouin islamist jewish christian muslim libyan yemeni afghan pakistani indian japanese korean
  italian spanish portuguese dutch belgian swiss austrian polish greek canadian mexican brazilian
`)

/** Capitalised at a sentence's start or in headings, but not names. */
export const NOT_NAMES = words(`
  a an the this that these those there their they them then than it its he she his her we our you
  your i in on at of for from to by with without about after before during since until while when
  where what which who whom whose why how if but and or nor so yet also although though despite
  however meanwhile moreover as once both each every all some any many most more much few several
  no not one two three four five six seven eight nine ten first second third last next new old
  other another such only even just still already again according earlier later today yesterday
  tomorrow tonight monday tuesday wednesday thursday friday saturday sunday january february march
  april may june july august september october november december sources source officials official
  diplomat diplomats government ministry reuters afp ap
  is was are were be been will would can could should might must has have had do does did said says
  read more share comment comments advertisement related photo image video watch listen subscribe
  breaking update updated live opinion analysis editorial senior
`)

/** Words after which the capitalised words are an organisation: "Syrian Observatory for Human Rights". */
export const ORGANISATION_WORDS = words(`
  observatory ministry council committee commission agency union party front army forces force
  organisation organization institute university bank fund court parliament assembly congress senate
  association federation foundation corporation company group network coalition alliance movement
  brigade brigades militia authority office department bureau nations league guard guards television
  tv radio news times post press kremlin pentagon nato reserve
`)

/**
 * Countries and a few regions, as names a tagger often mistakes for people ("Jordan", "Chad",
 * "Georgia"); any name here is a place whatever the tagger says. Lower case, spelled as in news.
 */
export const COUNTRY_NAMES = words(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain
  bangladesh belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi
  cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark
  djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia
  georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india
  indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait
  kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar
  malawi malaysia maldives mali malta mauritania mauritius mexico moldova monaco mongolia montenegro
  morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman
  pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia
  rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname
  sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkiye
  turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
  gaza kurdistan crimea donbas caucasus
`)

/** Connectors allowed inside a name of several words: "Syrian Observatory for Human Rights". */
export const NAME_CONNECTORS = words(`for of and de`)
