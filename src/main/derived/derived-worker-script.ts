// Where a derived index's worker entry is, as the running code can load it: the built bundle's
// out/main/<name>.js (each worker is a main entry of its own in electron.vite.config.ts) or, from
// source (tsx, vitest), the .ts file through tsx's require hook. The import's preparation pool
// finds its worker the same way; domains reach it through here, as the runner is theirs to use.

export { workerScriptBeside as derivedWorkerScript } from '../import/preparation-pool'
