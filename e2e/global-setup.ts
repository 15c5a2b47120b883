import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** The specs drive the built app: build it once, as `npm run build` would. */
export default function globalSetup(): void {
  if (process.env.TRIANGULATE_SKIP_BUILD === '1') return
  const root = join(__dirname, '..')
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
}
