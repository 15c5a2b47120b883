// Boilerplate ranges per article text, computed once. Detection reads every line against the
// article's vocabulary (a few milliseconds for a long read), and used to run again on every open of
// the same article; the text is named by its hash, so the hash is a key that can never go stale.

import { detectBoilerplate, type BoilerplateRange } from '../../shared/boilerplate/detect-boilerplate'

/** Texts remembered: far more than an analyst reopens in a session, a few hundred KB at most. */
const CACHED_TEXTS = 2_000

export class BoilerplateCache {
  private readonly byContentHash = new Map<string, readonly BoilerplateRange[]>()

  rangesOf(contentHash: string, text: string): BoilerplateRange[] {
    let ranges = this.byContentHash.get(contentHash)
    if (ranges) {
      // Re-inserted so the Map's order is least recently used first.
      this.byContentHash.delete(contentHash)
    } else {
      ranges = detectBoilerplate(text)
    }
    this.byContentHash.set(contentHash, ranges)
    if (this.byContentHash.size > CACHED_TEXTS) this.byContentHash.delete(this.byContentHash.keys().next().value as string)
    // A copy: the caller's view may be serialised or changed without touching the cache.
    return ranges.map((r) => ({ ...r }))
  }
}
