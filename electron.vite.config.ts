import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// Convention paths (src/main, src/preload, src/renderer) need no entries here. lowdb and its writer
// are ESM-only, so they are bundled into the CommonJS main instead of required at run time.
export default defineConfig({
  main: {
    build: { externalizeDeps: { exclude: ['lowdb', 'steno'] } },
  },
  preload: {
    // A sandboxed preload cannot require anything but electron: everything is bundled into one file.
    build: { externalizeDeps: false },
  },
  renderer: {
    plugins: [react()],
  },
})
