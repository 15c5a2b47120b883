// The provenance index: credits and reused passages of every article, as a derived index
// (derived/derived-index-runner.ts, DECISIONS section 1), and what the board reads of it — the origin
// context the tracer (shared/provenance/origins.ts) follows. Passage reuse joins the articles' entries
// and is worked out again only when the entries or the articles' outlets, dates or near-duplicate links
// change: after each update of the index (its afterUpdate), where it is read from its own sidecar
// when made from the same inputs (saved-passage-reuse.ts), else worked out and saved — so the first
// board or export of a session finds it ready. Reads the store; writes only its own sidecars.

import { creditsOf, analyseProvenance, provenanceEntryFromSaved, savedProvenanceEntry, type ProvenanceEntry } from './provenance-analysis'
import { findPassageReuse } from './passage-reuse'
import { findPassageReuseInWorker } from './passage-reuse-in-worker'
import { readSavedReuse, reuseInputs, saveReuse } from './saved-passage-reuse'
import type { ArticleCredit } from '../../shared/provenance/article-credits'
import type { ArticleProvenance, OriginContext, PassageCopy } from '../../shared/provenance/origins'
import { DerivedIndexRunner, type DerivedIndexSpec, type RunnerOptions } from '../derived/derived-index-runner'
import { workerScriptBeside } from '../import/preparation-pool'
import type { CorpusStore } from '../store/corpus-store'
import type { Article } from '../../shared/model'

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
  /** The reuse of the entries and articles as `signature` says they were; `saved` once its sidecar holds it too. */
  private reuse: { signature: string; generation: number; articles: readonly Article[]; copies: Map<string, PassageCopy[]>; saved: boolean } | null = null
  /** The articles' part of the signature, kept with the store's array it was read from (replaced on every change). */
  private articlesKey: { articles: readonly Article[]; key: string } | null = null
  private readonly credits = new Map<string, { entry: ProvenanceEntry; credits: ArticleCredit[] }>()
  private keptContext: { copies: Map<string, PassageCopy[]>; articles: readonly Article[]; generation: number; context: OriginContext } | null = null
  /** The digest of reuse's inputs, kept with the article array and the entries' generation it was made from. */
  private inputsDigest: { articles: readonly Article[]; generation: number; inputs: string } | null = null

  constructor(
    private readonly store: CorpusStore,
    private readonly options: RunnerOptions = {},
  ) {
    this.runner = new DerivedIndexRunner(store, provenanceIndexSpec, { ...options, afterUpdate: () => this.settleReuse() })
    // The runner lets go of its entries when the store has closed; what was made of them goes too.
    store.whenClosed(() => {
      this.reuse = null
      this.articlesKey = null
      this.credits.clear()
      this.keptContext = null
      this.inputsDigest = null
    })
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

  /**
   * What the origin tracer reads: articles from the store, credits and copies from this index. The
   * same object while none of that changes (the library's articles, the entries, the reuse), so the
   * traces kept with it (traceOriginsKept) hold for as long as it is handed out.
   */
  context(): OriginContext {
    const copies = this.passageReuse()
    const articles = this.store.listArticles()
    const generation = this.runner.generation
    const kept = this.keptContext
    if (kept && kept.copies === copies && kept.articles === articles && kept.generation === generation) return kept.context
    const context: OriginContext = {
      article: (id) => this.store.getArticle(id),
      provenance: (id): ArticleProvenance | undefined => {
        const credits = this.creditsOf(id)
        return credits ? { credits, copies: copies.get(id) ?? [] } : undefined
      },
    }
    this.keptContext = { copies, articles, generation, context }
    return context
  }

  /**
   * The digest of what passage reuse is worked out from (saved-passage-reuse.ts reuseInputs), as the
   * library and the entries stand: made once per change of either (after each update, where the
   * saved reuse is looked up), so what else is saved under it (kept-traces.ts) finds it made.
   */
  reuseInputs(): string {
    const articles = this.store.listArticles()
    const generation = this.runner.generation
    const kept = this.inputsDigest
    if (kept && kept.articles === articles && kept.generation === generation) return kept.inputs
    const inputs = reuseInputs(articles, (id) => this.runner.entryKey(id), PROVENANCE_INDEX_VERSION)
    this.inputsDigest = { articles, generation, inputs }
    return inputs
  }

  private passageReuse(): Map<string, PassageCopy[]> {
    const articles = this.store.listArticles()
    const generation = this.runner.generation
    // The same entries and the same article array as the reuse was worked out for: no signature (a
    // string of every article) built or compared.
    if (this.reuse && this.reuse.generation === generation && this.reuse.articles === articles) return this.reuse.copies
    const signature = this.reuseSignature()
    if (this.reuse?.signature !== signature) {
      this.reuse = { signature, generation, articles, copies: findPassageReuse(articles, (id) => this.runner.entry(id)), saved: false }
    } else {
      // A new article array saying the same (a title edited): the same reuse, found fast from now on.
      this.reuse.articles = articles
    }
    return this.reuse.copies
  }

  /**
   * passageReuse() as an update settles it: the clustering in a worker for a large corpus
   * (passage-reuse-in-worker.ts), unless the index runs without workers. Should the library or the
   * entries change while the worker works, its answer is for inputs gone by, and passageReuse()
   * answers for the current ones.
   */
  private async passageReuseSettled(signature: string): Promise<Map<string, PassageCopy[]>> {
    if (this.options.workers === 0 || this.reuse?.signature === signature) return this.passageReuse()
    const articles = this.store.listArticles()
    const generation = this.runner.generation
    const copies = await findPassageReuseInWorker(articles, (id) => this.runner.entry(id), workerScriptBeside(__dirname, 'passage-reuse-worker'))
    if (this.runner.generation !== generation || this.store.listArticles() !== articles) return this.passageReuse()
    this.reuse = { signature, generation, articles, copies, saved: false }
    return copies
  }

  /** What reuse depends on, in this session: the entries (their generation) and each article's outlet, date and original. */
  private reuseSignature(): string {
    const articles = this.store.listArticles()
    if (this.articlesKey?.articles !== articles) {
      let key = ''
      for (const a of articles) key += `\n${a.id}\t${a.outlet ?? ''}\t${a.date ?? ''}\t${a.nearDuplicateOf ?? ''}`
      this.articlesKey = { articles, key }
    }
    return `${this.runner.generation}${this.articlesKey.key}`
  }

  /**
   * After each update of the index: the reuse of the entries as they now stand, read from its sidecar
   * when that was worked out from the same inputs, else worked out here and saved, so that the first
   * board or export of a session reads it rather than joins every passage of the corpus.
   */
  private async settleReuse(): Promise<void> {
    const signature = this.reuseSignature()
    if (this.reuse?.signature === signature && this.reuse.saved) return
    const inputs = this.reuseInputs()
    if (this.reuse?.signature !== signature) {
      const saved = await readSavedReuse(this.store, inputs)
      // Taken only if nothing changed while the file was read (an import may commit meanwhile).
      if (saved && this.reuseSignature() === signature) {
        if (this.reuse?.signature !== signature)
          this.reuse = { signature, generation: this.runner.generation, articles: this.store.listArticles(), copies: saved, saved: true }
        return
      }
    }
    if (this.reuseSignature() !== signature) return
    const copies = await this.passageReuseSettled(signature)
    if (!this.store.readOnly) await saveReuse(this.store, inputs, copies)
    if (this.reuse?.copies === copies) this.reuse.saved = true
  }
}
