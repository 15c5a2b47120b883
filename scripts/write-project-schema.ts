// `npm run schema`: writes the project file's JSON Schema to docs/, from the zod schema the app reads
// project files with, so the published schema and the reader cannot disagree.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectJsonSchema } from '../src/main/exchange/project-file'

const out = join(__dirname, '..', 'docs', 'project-file.schema.json')
writeFileSync(out, `${JSON.stringify(projectJsonSchema(), null, 2)}\n`)
console.log(`Wrote ${out}`)
