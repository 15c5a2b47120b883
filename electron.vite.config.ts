import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// Convention paths (src/main, src/preload, src/renderer) need no entries here, except the worker
// threads (the import's preparation, the derived indexes', entity extraction, passage reuse): each is a main entry of its own, built to
// out/main/<name>.js beside index.js, where workerScriptBeside (preparation-pool.ts) looks for it. lowdb and its writer are ESM-only, so they are bundled
// into the CommonJS main instead of required at run time.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'prepare-worker': resolve(__dirname, 'src/main/import/prepare-worker.ts'),
          'provenance-worker': resolve(__dirname, 'src/main/provenance/provenance-worker.ts'),
          'passage-reuse-worker': resolve(__dirname, 'src/main/provenance/passage-reuse-worker.ts'),
          'dates-worker': resolve(__dirname, 'src/main/chronology/dates-worker.ts'),
          'figures-worker': resolve(__dirname, 'src/main/figures/figures-worker.ts'),
          'entity-worker': resolve(__dirname, 'src/main/entities/entity-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require anything but electron: everything is bundled into one file.
    build: { externalizeDeps: false },
  },
  renderer: {
    plugins: [react()],
  },
})
