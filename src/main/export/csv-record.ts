// One CSV record as csv-stringify writes it with the exports' options (comma, double quote, CRLF
// records, `quoted_match: /[\r\n]/`): a cell is quoted when it holds a quote, a comma, a CR or an LF,
// and its quotes are doubled; numbers are written as JavaScript prints them. Written by hand for the
// one export that streams 100,000 rows: csv-stringify's per-cell option handling cost about a second
// of a 2-second budget there. csv-record.test.ts checks it against csv-stringify on generated cells,
// and the evidence CSV's tests compare the streamed file with csv-stringify's bytes (claimsToCsv).

export type CsvCell = string | number

/** Characters that make csv-stringify quote a cell under the exports' options. */
const NEEDS_QUOTES = /[",\r\n]/

/** The record's text, its CRLF included. */
export function csvRecord(cells: readonly CsvCell[]): string {
  let line = ''
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ','
    const cell = cells[i] as CsvCell
    if (typeof cell === 'number') line += String(cell)
    else if (NEEDS_QUOTES.test(cell)) line += `"${cell.replaceAll('"', '""')}"`
    else line += cell
  }
  return `${line}\r\n`
}
