// The search code's tables are typed arrays that fill as texts come in; this is their one rule for
// growing: a new array at least as long as asked, and at least twice the old one's length (so a
// table filled one entry at a time is copied a logarithmic number of times), the old values kept.

type GrowableArray = Int32Array | Uint32Array | Uint16Array

/** A copy of `array` at least `atLeast` long and at least twice as long as it was, its values kept. */
export function grown<T extends GrowableArray>(array: T, atLeast = 0): T {
  const larger = new (array.constructor as new (length: number) => T)(Math.max(atLeast, array.length * 2))
  larger.set(array)
  return larger
}
