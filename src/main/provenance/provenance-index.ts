// The provenance index: credits and reused passages of every article, as a derived index
// (derived/derived-index-runner.ts, DECISIONS section 1), and what the board reads of it — the origin
// context the tracer (shared/provenance/origins.ts) follows. Passage reuse joins the articles' entries
// and is worked out again only when the entries or the articles' outlets, dates or near-duplicate links
// change. Reads the store; writes only its own sidecar (through the runner).

import { creditsOf, analyseProvenance, provenanceEntryFromSaved, savedProvenanceEntry, type ProvenanceEntry } from './provenance-analysis'
import { findPassageReuse } from './passage-reuse'
import type { ArticleCredit } from '../../shared/provenance/article-credits'
import type { ArticleProvenance, OriginContext, PassageCopy } from '../../shared/provenance/origins'
import { DerivedIndexRunner, type DerivedIndexSpec, type RunnerOptions } from '../derived/derived-index-runner'
import { workerScriptBeside } from '../import/preparation-pool'
import type { CorpusStore } from '../store/corpus-store'

/** Bumped whenever credit detection or passage sketches change: saved entries are then rebuilt. */
export const PROVENANCE_INDEX_VERSION = 1

export const provenanceIndexSpec: DerivedIndexSpec<ProvenanceEntry> = {
  name: 'provenance',
  label: 'credits and reused passages',
  version: PROVENANCE_INDEX_VERSION,
  analyse: analyseProvenance,
  workerScript: () => workerScriptBeside(__dirname, 'provenance-worker'),
  saved: { toSaved: savedProvenanceEntry, fromSaved: provenanceEntryFromSaved },
}

export class ProvenanceIndex {
  readonly runner: DerivedIndexRunner<ProvenanceEntry>
  private reuse: { signature: string; copies: Map<string, PassageCopy[]> } | null = null
  private readonly credits = new Map<string, { entry: ProvenanceEntry; credits: ArticleCredit[] }>()

  constructor(
    private readonly store: CorpusStore,
    options: RunnerOptions = {},
  ) {
    this.runner = new DerivedIndexRunner(store, provenanceIndexSpec, options)
  }

  /** An article's credits as analysed so far (undefined before its analysis). */
  creditsOf(articleId: string): ArticleCredit[] | undefined {
    const entry = this.runner.entry(articleId)
    if (!entry) return undefined
    const cached = this.credits.get(articleId)
    if (cached && cached.entry === entry) return cached.credits
    const credits = creditsOf(entry)
    this.credits.set(articleId, { entry, credits })
    return credits
  }

  /** An article's passages found copied in (or from) articles of other outlets. */
  copiesOf(articleId: string): readonly PassageCopy[] {
    return this.passageReuse().get(articleId) ?? []
  }

  /** What the origin tracer reads: articles from the store, credits and copies from this index. */
  context(): OriginContext {
    const copies = this.passageReuse()
    return {
      article: (id) => this.store.getArticle(id),
      provenance: (id): ArticleProvenance | undefined => {
        const credits = this.creditsOf(id)
        return credits ? { credits, copies: copies.get(id) ?? [] } : undefined
      },
    }
  }

  private passageReuse(): Map<string, PassageCopy[]> {
    const articles = this.store.listArticles()
    // What reuse depends on: the entries (their generation) and each article's outlet, date and original.
    let signature = `${this.runner.generation}`
    for (const a of articles) signature += `\n${a.id}\t${a.outlet ?? ''}\t${a.date ?? ''}\t${a.nearDuplicateOf ?? ''}`
    if (this.reuse?.signature !== signature) this.reuse = { signature, copies: findPassageReuse(articles, (id) => this.runner.entry(id)) }
    return this.reuse.copies
  }
}
