// Runs one of the bench's TypeScript entry points in a fresh Node process (through tsx, as the CLI
// runs) and returns the JSON object it prints last. Used where a figure must not share a process
// with the bench: a cold store open, or fixture building whose memory must not count as the app's.

import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from './store-session'

export function runBenchChild<T>(script: string, args: readonly string[], options: { passStderr?: boolean } = {}): Promise<T> {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const child = spawn(process.execPath, [tsx, join(__dirname, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    // A long child (a service group) shows its progress as it goes.
    if (options.passStderr) process.stderr.write(chunk)
    stderr += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? ''
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`${script} exited with ${code}: ${stderr || stdout}`))
      else resolve(JSON.parse(line) as T)
    })
  })
}
