// The one place compromise is used: a Tagger for extract-entities. compromise (npm, MIT) is a rule-
// and lexicon-based English tagger in plain JavaScript, ~2 MB, that needs nothing downloaded at run
// time and no native code, so it runs in a worker thread as it does in a test. Its people/places/
// organisations are a starting point only: extract-entities strips titles, keeps particles and runs
// the second pass it lacks.

import type nlpType from 'compromise'
import type { Tagger, TaggedSpan } from './extract-entities'
import type { EntityType } from './find-candidates'

/** compromise's entry; passed in, so the thread using the tagger decides when to load the library. */
export type Compromise = typeof nlpType

interface CompromiseMatch {
  offset: { start: number; length: number }
}

const GETTERS: readonly [EntityType, (doc: ReturnType<Compromise>) => { json(options: object): CompromiseMatch[] }][] = [
  ['person', (doc) => doc.people()],
  ['place', (doc) => doc.places()],
  ['organisation', (doc) => doc.organizations()],
]

/** A Tagger over compromise, which `load` gives (loading it the first time it is asked for). */
export const compromiseTagger =
  (load: () => Compromise): Tagger =>
  (sentence: string): TaggedSpan[] => {
    const doc = load()(sentence)
    const spans: TaggedSpan[] = []
    for (const [type, get] of GETTERS) {
      for (const match of get(doc).json({ offset: true, text: false, terms: false })) {
        spans.push({ start: match.offset.start, end: match.offset.start + match.offset.length, type })
      }
    }
    return spans
  }
