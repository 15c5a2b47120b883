// ESLint (flat config): the architecture's boundaries, checked rather than remembered.
// `npm run lint` runs it; `npm test` runs it as a stage, so a violation fails the suite.
// Each boundary below is one rule with a message saying what the boundary is; ESLint prints the
// rule's id beside the message (`no-restricted-imports`, `import-x/no-restricted-paths`,
// `import-x/no-cycle`, `react-hooks/rules-of-hooks`, `@typescript-eslint/no-floating-promises`).
// Style is Prettier's business (.prettierrc.json), not this file's.

import { builtinModules } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import reactHooks from 'eslint-plugin-react-hooks'

const root = dirname(fileURLToPath(import.meta.url))

// --- Where Electron may be imported (../shared/DECISIONS.md section 7): the desktop shell only.
const ELECTRON_SHELL = ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/brief-pdf.ts', 'src/main/desktop/**', 'src/preload/**']
const noElectron = {
  name: 'electron',
  message:
    'electron is imported only by the desktop shell: src/main/index.ts, ipc.ts, brief-pdf.ts, src/main/desktop/, src/preload/ (DECISIONS.md section 7). Domain code must run in the CLI and the browser shell too.',
}
const noNode = (where) => ({
  group: ['node:*', ...builtinModules.flatMap((m) => [m, `${m}/*`])],
  message: `${where} imports no Node built-in: it runs where Node does not (see STYLE.md, "Where code lives").`,
})

// --- The layers of src/main, lowest first. A module may import src/shared, its own folder, and the
// folders this table allows; nothing else under src/main. The service is where domains meet: a domain
// that needs another domain's result gets it through the service (or a store record), not by reaching
// into that domain's modules. Tests (*.test.ts) and test-support/ assemble real parts and are exempt.
//
//   base       store, commands (the undo history lives with the store: DECISIONS.md section 4)
//   runners    derived: the derived-index runner every analysis uses (DECISIONS.md section 1)
//   domains    import, library, search, claims, provenance/origins, entities, chronology, figures,
//              and any new folder: the base, the runners, and the domain-to-domain directions in DOMAIN_EDGES
//   outputs    export, exchange, sync: the base and any domain (they write what the domains derive)
//              sync (team sync, issue 19) stays an output although it also writes into the store: it
//              needs only the base (the store's records, and the undo commands its conflict resolution
//              is one of), and what it needs of the service's other parts (the search index after a
//              teammate retitles an article) comes as a callback the service passes, so no layer
//              above the outputs is needed and nothing but the service and the CLI imports it
//   service    every folder but the adapters
//   adapters   cli, http-shell, desktop and the shell files index.ts, ipc.ts, brief-pdf.ts: anything
//
// A new direction is added here, once, with its reason; a new folder is a domain until listed otherwise.
const BASE = ['store', 'commands']
const RUNNERS = ['derived']
const OUTPUTS = ['export', 'exchange', 'sync']
const ADAPTERS = ['cli', 'http-shell', 'desktop']
const DOMAIN_EDGES = {
  // the derived-index runner runs analyses in the import's worker pool
  derived: ['import'],
  // suggested matches search the corpus; claim status counts independent origins and flags
  // conflicting figures and dates (DECISIONS.md sections 8-11)
  claims: ['search', 'origins', 'provenance', 'figures', 'chronology', 'entities'],
  // re-importing a changed file re-anchors its highlights and records which moved; the preparation
  // worker counts each new text's search terms, so the importer's thread only looks them up
  import: ['anchoring', 'search'],
  // the library's title filter folds text as search does
  library: ['search'],
  // reused passages start from the import's near-duplicate signatures; credits may use search terms
  provenance: ['import', 'search'],
  origins: ['import', 'search', 'provenance'],
  // analyses of text that fold words as search does
  entities: ['search'],
  chronology: ['search'],
  figures: ['search'],
}
const LISTED_DOMAINS = ['import', 'library', 'search', 'claims', ...Object.keys(DOMAIN_EDGES)]
const SHELL_FILES = ['index.ts', 'ipc.ts', 'brief-pdf.ts']
const KNOWN = [...new Set([...BASE, ...LISTED_DOMAINS, ...OUTPUTS, 'service', ...ADAPTERS, 'test-support'])]
const main = (names) => names.map((n) => `./src/main/${n}`)
const layerMessage = (who, ok) =>
  `${who} may import only src/shared and src/main/{${ok.join(',')}}; the service is where other domains meet (allowed directions: eslint.config.mjs, DOMAIN_EDGES).`
const mainZones = [
  // The base and the listed domains: what they may import is listed.
  ...[...BASE, ...new Set(LISTED_DOMAINS)].map((folder) => {
    const ok = [...new Set([folder, ...(BASE.includes(folder) ? BASE : [...BASE, ...RUNNERS, ...(DOMAIN_EDGES[folder] ?? [])])])]
    return { target: `./src/main/${folder}`, from: './src/main', except: ok.map((d) => `./${d}`), message: layerMessage(`src/main/${folder}`, ok) }
  }),
  // A folder not listed yet is a domain with the base only (it may also import its own folder).
  {
    target: `./src/main/!(${KNOWN.join('|')})/**`,
    from: main([...KNOWN.filter((d) => !BASE.includes(d) && !RUNNERS.includes(d) && d !== 'test-support'), ...SHELL_FILES]),
    message: layerMessage('a new src/main folder', [...BASE, ...RUNNERS]) + ' List the folder there.',
  },
  // Outputs: anything but the service, the adapters and each other.
  ...OUTPUTS.map((folder) => ({
    target: `./src/main/${folder}`,
    from: main([...OUTPUTS.filter((d) => d !== folder), 'service', ...ADAPTERS, ...SHELL_FILES]),
    message: `src/main/${folder} writes what the domains derive: it imports the base and the domains, not the service, the adapters or another output.`,
  })),
  // The service: everything but the adapters that serve it.
  {
    target: './src/main/service',
    from: main([...ADAPTERS, ...SHELL_FILES]),
    message: 'src/main/service imports no adapter (cli, http-shell, desktop, the Electron shell files): they import it.',
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.test-output/**', 'resources/**', 'docs/**'] },
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX, 'react-hooks': reactHooks },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      // import-x reads the modules an import leads to (for no-cycle) only if it knows their extensions and parser.
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      // Cycles make load order matter and layers meaningless.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // Electron: nowhere in src/ but the shell.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ELECTRON_SHELL,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  // src/shared: pure TypeScript, no Node, no Electron, no React, nothing from the processes. Its tests
  // run in Node on real files and may use Node and the main process's test support (not Electron).
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'src/shared imports no React: it is pure TypeScript.' }],
          patterns: [noNode('src/shared')],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/shared',
              from: ['./src/main', './src/renderer', './src/preload'],
              message: 'src/shared imports nothing from src/main, src/renderer or src/preload: they import it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  // src/renderer: the UI reaches the service only through the contract (lib/api-client.ts).
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noNode('src/renderer')] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/renderer',
              from: './src/main',
              message: 'src/renderer imports nothing from src/main: it talks to the service through the contract (src/shared/api.ts, lib/api-client.ts).',
            },
          ],
        },
      ],
      'react-hooks/rules-of-hooks': 'error',
      // A warning, not an error: nine effects today leave out dependencies on purpose (run once per
      // article, not per render); each should say why in a comment before this becomes an error.
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // src/main: the layers above.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/main/test-support/**', 'src/main/**/test-support/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: mainZones }] },
  },
  // The service and the store: an unawaited write is a lost write.
  {
    files: ['src/main/service/**/*.ts', 'src/main/store/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir: root } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
)
