// Independent readers for export tests: Python's own `csv` and `json` modules, run in a child
// process, read what our exports wrote. A spreadsheet ends a record at a bare LF as well as at CRLF,
// and so does Python's csv module (with newline='' as its documentation asks), so a cell with an
// unquoted line break splits its row here exactly as it would in Excel or LibreOffice. The CSV
// library that writes the exports is never used to check them.

import { execFile } from 'node:child_process'

/** The interpreter: python3 on the PATH, or $PYTHON. */
const python = () => process.env.PYTHON ?? 'python3'

/** Reads a CSV file with Python's csv module (strict, BOM stripped): every record as a list of cells. */
export function readCsvWithPython(path: string): Promise<string[][]> {
  return runPython(
    `import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, strict=True))
sys.stdout.write(json.dumps(rows))`,
    [path],
  ) as Promise<string[][]>
}

/** Reads the CSV files in one Python process (one child for many files, for property tests). */
export function readCsvsWithPython(paths: readonly string[]): Promise<string[][][]> {
  return runPython(
    `import csv, json, sys
out = []
for path in sys.argv[1:]:
    with open(path, newline='', encoding='utf-8-sig') as f:
        out.append(list(csv.reader(f, strict=True)))
sys.stdout.write(json.dumps(out))`,
    [...paths],
  ) as Promise<string[][][]>
}

/**
 * Parses a JSON file with Python's json module, strictly: the bytes must be UTF-8 (a lone surrogate
 * cannot be), and a \\uD800-\\uDFFF escape that is not half of a pair is refused, as jq refuses it.
 * Returns the value parsed.
 */
export function readJsonWithPython(path: string): Promise<unknown> {
  return runPython(
    `import json, re, sys
raw = open(sys.argv[1], 'rb').read().decode('utf-8', 'strict')
def no_lone_surrogates(value):
    if isinstance(value, str):
        if re.search('[\\ud800-\\udfff]', value):
            raise ValueError('lone surrogate in %r' % value[:80])
    elif isinstance(value, list):
        for item in value: no_lone_surrogates(item)
    elif isinstance(value, dict):
        for k, v in value.items(): no_lone_surrogates(k); no_lone_surrogates(v)
value = json.loads(raw)
no_lone_surrogates(value)
sys.stdout.write(json.dumps(value))`,
    [path],
  )
}

function runPython(script: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const PYTHON = python()
    execFile(PYTHON, ['-c', script, ...args], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error(`${PYTHON} is not installed: these tests read the exports with Python's csv and json modules, so install python3 (apt-get install -y python3).`))
      } else if (error) {
        reject(new Error(`Python could not read the export: ${stderr.trim() || error.message}`))
      } else {
        resolve(JSON.parse(stdout))
      }
    })
  })
}
