// CPU time the hypervisor gave to other machines while a measurement ran ("steal" in /proc/stat),
// as a share of the machine's CPU time in that span. On the shared virtual machine the benches run
// on, the same import took 3.2 s in one hour and 5–7.5 s in the next; some slow runs had 8% of the
// CPU stolen, others none (then the same work simply cost more CPU time), so steal explains some
// of the spread, not all. Printed beside each run so a figure can be read with it. Linux only:
// elsewhere there is nothing to read and the share is null.

import { readFileSync } from 'node:fs'

export interface CpuTicks {
  total: number
  steal: number
}

export function readCpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number)
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null
    return { total: fields.reduce((sum, n) => sum + n, 0), steal: fields[7] as number }
  } catch {
    return null
  }
}

/** Share of the CPU time between two readings that was stolen, 0–1, or null where unknown. */
export function stealShare(before: CpuTicks | null, after: CpuTicks | null): number | null {
  if (!before || !after || after.total <= before.total) return null
  return (after.steal - before.steal) / (after.total - before.total)
}
