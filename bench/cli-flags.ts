// Flag parsing shared by the bench commands.

/** A whole-number flag: the fallback when absent, a clear error when not a whole number of at least `min`. */
export function integerFlag(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}, not "${raw}"`)
  return value
}
