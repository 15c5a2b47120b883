// The lint rules that hold the architecture, run through ESLint's Node API on code placed (virtually)
// where it must not be: each case asserts that the violation is reported and by which rule, so a
// config edit that silently drops a boundary fails here. The cycle case needs real files on disk
// (the rule follows imports), written to a temporary folder in the repository and removed after.

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

// CI=true makes typescript-eslint build its typed program once from the files on disk ("single run"),
// so a probe linted under a real file's path would be checked as that file's disk text. These probes
// need the text they pass to be the text checked (read at parse time, so setting it here is in time).
process.env.TSESTREE_SINGLE_RUN = 'false'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const eslint = new ESLint({ cwd: root })
const LINT_TIMEOUT_MS = 120_000 // the first lint loads the TypeScript resolver; the machine is shared

async function lint(code, filePath) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }))
}

describe('lint: process boundaries', { timeout: LINT_TIMEOUT_MS }, () => {
  it.each(['src/shared/claims/lint-probe.ts', 'src/main/claims/lint-probe.ts', 'src/renderer/src/lint-probe.ts'])(
    'electron imported in %s is an error from no-restricted-imports',
    async (file) => {
      const messages = await lint("import 'electron'\n", file)
      expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', line: 1, message: expect.stringContaining('DECISIONS.md section 7') })])
    },
  )

  it.each(['src/main/index.ts', 'src/main/ipc.ts', 'src/main/brief-pdf.ts', 'src/main/desktop/lint-probe.ts', 'src/preload/lint-probe.ts'])(
    'the desktop shell (%s) may import electron',
    async (file) => {
      expect(await lint("import { app } from 'electron'\nexport const shell = app\n", file)).toEqual([])
    },
  )

  it.each([
    ["import { readFile } from 'node:fs'\nexport const r = readFile\n", 'src/renderer/src/features/lint-probe.tsx'],
    ["import { readFile } from 'fs'\nexport const r = readFile\n", 'src/renderer/src/lint-probe.ts'],
    ["import { join } from 'node:path'\nexport const j = join\n", 'src/shared/lint-probe.ts'],
  ])('a Node built-in (%s) in %s is an error from no-restricted-imports', async (code, file) => {
    const messages = await lint(code, file)
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('imports no Node built-in') })])
  })

  it('src/shared importing src/main is an error from import-x/no-restricted-paths', async () => {
    const messages = await lint("import { foldText } from '../main/search/search-terms'\nexport const f = foldText\n", 'src/shared/lint-probe.ts')
    expect(messages).toEqual([
      expect.objectContaining({ ruleId: 'import-x/no-restricted-paths', message: expect.stringContaining('src/shared imports nothing from src/main') }),
    ])
  })

  it('the renderer importing src/main is an error from import-x/no-restricted-paths', async () => {
    const messages = await lint(
      "import type { CorpusStore } from '../../../main/store/corpus-store'\nexport type S = CorpusStore\n",
      'src/renderer/src/lib/lint-probe.ts',
    )
    expect(messages).toEqual([
      expect.objectContaining({ ruleId: 'import-x/no-restricted-paths', message: expect.stringContaining('src/renderer imports nothing from src/main') }),
    ])
  })
})

describe('lint: layers of src/main', { timeout: LINT_TIMEOUT_MS }, () => {
  it('a domain importing the service is an error naming the allowed directions', async () => {
    const messages = await lint(
      "import { createTriangulateService } from '../service/triangulate-service'\nexport const c = createTriangulateService\n",
      'src/main/claims/lint-probe.ts',
    )
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'import-x/no-restricted-paths', message: expect.stringContaining('DOMAIN_EDGES') })])
  })

  it('a domain importing another domain outside DOMAIN_EDGES is an error; the store is allowed', async () => {
    expect(await lint("import { importFolder } from '../import/import-folder'\nexport const i = importFolder\n", 'src/main/search/lint-probe.ts')).toEqual([
      expect.objectContaining({ ruleId: 'import-x/no-restricted-paths' }),
    ])
    expect(await lint("import type { CorpusStore } from '../store/corpus-store'\nexport type S = CorpusStore\n", 'src/main/search/lint-probe.ts')).toEqual([])
  })

  // The store and the service are linted with type information, which needs a file their tsconfig
  // knows: these probes borrow real files' paths (the text linted is the probe's, not the file's).
  it('the store imports no domain; the service imports any domain but no adapter', async () => {
    const probe = "import { foldText } from '../search/search-terms'\nexport const f = foldText\n"
    expect(await lint(probe, 'src/main/store/store-location.ts')).toEqual([expect.objectContaining({ ruleId: 'import-x/no-restricted-paths' })])
    expect(await lint(probe, 'src/main/service/dispatch.ts')).toEqual([])
    expect(await lint("import * as adapter from '../http-shell/shell-server'\nexport const a = adapter\n", 'src/main/service/dispatch.ts')).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'import-x/no-restricted-paths', message: expect.stringContaining('imports no adapter') })]),
    )
  })

  it('an unawaited promise in the store is an error from @typescript-eslint/no-floating-promises', async () => {
    const probe = 'export async function write(): Promise<void> {}\nexport function lose(): void {\n  write()\n}\n'
    expect(await lint(probe, 'src/main/store/store-location.ts')).toEqual([expect.objectContaining({ ruleId: '@typescript-eslint/no-floating-promises', line: 3 })])
  })

  it('a new domain folder may import the store and src/shared but not an existing domain', async () => {
    expect(
      await lint(
        "import type { CorpusStore } from '../store/corpus-store'\nimport type { Article } from '../../shared/model'\nexport type S = [CorpusStore, Article]\n",
        'src/main/newdomain/lint-probe.ts',
      ),
    ).toEqual([])
    expect(await lint("import * as claims from '../claims/claim-commands'\nexport const c = claims\n", 'src/main/newdomain/lint-probe.ts')).toEqual([
      expect.objectContaining({ ruleId: 'import-x/no-restricted-paths' }),
    ])
  })
})

describe('lint: import cycles', { timeout: LINT_TIMEOUT_MS }, () => {
  let dir
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('two modules importing each other are an error from import-x/no-cycle', async () => {
    dir = await mkdtemp(join(root, '.lint-probe-'))
    await writeFile(join(dir, 'a.ts'), "import { b } from './b'\nexport const a = (): number => b() + 1\n")
    await writeFile(join(dir, 'b.ts'), "import { a } from './a'\nexport const b = (): number => a() - 1\n")
    const results = await eslint.lintFiles([join(dir, 'a.ts')])
    expect(results[0].messages).toEqual([expect.objectContaining({ ruleId: 'import-x/no-cycle' })])
  })
})
