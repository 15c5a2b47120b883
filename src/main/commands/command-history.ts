// The undo history, kept with the store (command-history.json beside it, rewritten durably after
// every step, so it survives a reload and a restart). Runs commands one at a time, records the records
// each one touched, and undoes or redoes a step by checking that every one of those records is still
// as the step left it and then writing the other side back: a record changed since (a teammate's
// synced edit, a re-import) makes the step refuse with a message rather than overwrite the change.
// How to add a command kind: see the header of command-kind.ts.

import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { assertCodePointBoundaries } from '../../shared/anchoring/code-points'
import { foldChanges, sameRecord, sidesOf, type Direction, type RecordChange } from '../../shared/commands/record-changes'
import type { HistoryState, HistoryStep } from '../../shared/commands/history-state'
import type { Article } from '../../shared/model'
import { articleSchema } from '../../shared/record-schemas'
import { UserError } from '../../shared/result'
import { COLLECTIONS, keyOf, type AnnotationChange, type AnnotationsSnapshot, type Collection } from '../store/annotations-journal'
import { STORE_SCHEMA_VERSION, type CorpusStore } from '../store/corpus-store'
import { claimProblem, highlightProblem } from '../store/record-rules'
import { annotationsFileSchema, type AnnotationsFile } from '../store/store-schema'
import { quoteForLabel, type CommandContext, type CommandKind } from './command-kind'

export const COMMAND_HISTORY_FILE = 'command-history.json'
/** Steps kept for undo: a long working session's; the oldest fall off. */
export const MAX_UNDO_STEPS = 200
/** Articles are a collection of records like the annotations' for the history, keyed by id. */
const ARTICLES = 'articles'

const changeSchema = z.object({ collection: z.string(), key: z.string(), before: z.unknown(), after: z.unknown() })
const stepSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  at: z.string(),
  /** The command value as it was run: its kind and arguments. */
  args: z.unknown(),
  changes: z.array(changeSchema),
})
const historyFileSchema = z.object({
  /** Records are stored in this store version's shape; a history of another version is dropped, not replayed. */
  schemaVersion: z.number().int(),
  undo: z.array(stepSchema),
  redo: z.array(stepSchema),
})
type Step = z.infer<typeof stepSchema>

export interface CommandHistoryOptions {
  /** Called after articles changed by an undo or redo (the search index keeps titles). */
  onArticlesChanged?: (ids: string[]) => Promise<void> | void
  /** Called after a step was undone or redone, with its kind and arguments: for what a command means outside the store's records (a sync conflict's resolution). */
  onStep?: (direction: Direction, step: { kind: string; args: unknown }) => Promise<void> | void
  /** Called after any change a command, an undo or a redo made (continuous sync sends it at once). */
  onChange?: () => void
  /**
   * Whether a step may be undone or redone although a record it touched changed since. Never for a
   * record an analyst wrote; the service says yes only where the change is the step's own subject: a
   * sync conflict's resolution redone while that conflict is open again, whichever version the
   * store shows meanwhile (a sync may show the other one: it is still the conflict being resolved).
   */
  mayRewrite?: (direction: Direction, step: { kind: string; args: unknown }) => Promise<boolean> | boolean
}

export class CommandHistory {
  private undoSteps: Step[] = []
  private redoSteps: Step[] = []
  private loaded: Promise<void> | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: CorpusStore,
    private readonly options: CommandHistoryOptions = {},
  ) {}

  /** Runs a command, records what it changed as one undo step (none when it changed nothing), clears redo. */
  execute<A, R>(command: CommandKind<A, R>, args: A): Promise<R> {
    return this.inQueue(async () => {
      const label = command.label(args, this.store)
      const recorded: RecordChange[] = []
      const at = new Date().toISOString()
      const value = await command.apply(this.contextRecording(recorded, at), args)
      const changes = foldChanges(recorded)
      if (changes.length > 0 || command.recordedWithoutChanges) {
        this.undoSteps = [
          ...this.undoSteps.slice(-(MAX_UNDO_STEPS - 1)),
          { id: randomBytes(6).toString('hex'), kind: command.kind, label, at, args: args ?? null, changes },
        ]
        this.redoSteps = []
        await this.persist()
        this.options.onChange?.()
      }
      return value
    })
  }

  undo(): Promise<HistoryStep> {
    return this.step('undo')
  }

  redo(): Promise<HistoryStep> {
    return this.step('redo')
  }

  state(): Promise<HistoryState> {
    return this.inQueue(async () => this.currentState())
  }

  private currentState(): HistoryState {
    return {
      undoLabel: this.undoSteps.at(-1)?.label ?? null,
      redoLabel: this.redoSteps.at(-1)?.label ?? null,
      undoCount: this.undoSteps.length,
      redoCount: this.redoSteps.length,
    }
  }

  private step(direction: Direction): Promise<HistoryStep> {
    return this.inQueue(async () => {
      const from = direction === 'undo' ? this.undoSteps : this.redoSteps
      const step = from.at(-1)
      if (!step) throw new UserError('conflict', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.')
      const changed = this.firstChangedSince(step, direction)
      if (changed && !(await this.options.mayRewrite?.(direction, { kind: step.kind, args: step.args }))) {
        from.pop()
        await this.persist()
        throw new UserError(
          'conflict',
          `Cannot ${direction} “${step.label}”: ${changed} changed since (a synced or re-imported change). ${direction === 'undo' ? 'Undoing' : 'Redoing'} it would overwrite that, so nothing was changed and this step was dropped from the history.`,
        )
      }
      try {
        await this.write(step, direction)
      } catch (error) {
        // A step the store's rules refuse now would be refused again: it leaves the history too.
        if (error instanceof RefusedStep) {
          from.pop()
          await this.persist()
          throw new UserError('conflict', error.message)
        }
        throw error
      }
      from.pop()
      ;(direction === 'undo' ? this.redoSteps : this.undoSteps).push(step)
      await this.persist()
      await this.options.onStep?.(direction, { kind: step.kind, args: step.args })
      this.options.onChange?.()
      return { label: step.label, history: this.currentState() }
    })
  }

  /** What the step touched that is no longer as the step left it (for undo) or found it (for redo), or null. */
  private firstChangedSince(step: Step, direction: Direction): string | null {
    const current = new Map<string, Map<string, unknown>>()
    for (const change of step.changes) {
      let records = current.get(change.collection)
      if (!records) current.set(change.collection, (records = this.recordsOf(change.collection)))
      const { expected } = sidesOf(change, direction)
      const now = records.get(change.key) ?? null
      if (!sameRecord(now, expected ?? null)) return describeRecord(change.collection, change.key, now ?? expected ?? sidesOf(change, direction).target)
    }
    return null
  }

  private recordsOf(collection: string): Map<string, unknown> {
    if (collection === ARTICLES) return new Map(this.store.listArticles().map((a) => [a.id, a]))
    if (!isCollection(collection)) throw new UserError('internal', `The undo history names an unknown kind of record, "${collection}".`)
    return new Map(this.store.annotationRecords(collection).map((r) => [keyOf(collection, r), r]))
  }

  /**
   * Writes one side of a step: annotation records in one durable write, after checking them against
   * the record schemas and the store's rules (no evidence without its claim and highlight, no
   * highlight without its article); then articles.
   */
  private async write(step: Step, direction: Direction): Promise<void> {
    const annotationChanges = step.changes.filter((c) => c.collection !== ARTICLES)
    const articleChanges = step.changes.filter((c) => c.collection === ARTICLES)
    const articles = articleChanges.map((c) => {
      const target = articleSchema.safeParse(sidesOf(c, direction).target)
      if (!target.success) throw new UserError('conflict', `Cannot ${direction} “${step.label}”: it would add or remove an article, which only an import does.`)
      return target.data as Article
    })
    await this.checkRecordRules(annotationChanges, direction, step.label)
    if (annotationChanges.length > 0) {
      await this.store.changeAnnotations((data) => {
        const next = withTargets(data, annotationChanges, direction)
        checkAnnotationRules(data, next, annotationChanges, direction, (id) => this.store.getArticle(id) !== undefined, step.label)
        Object.assign(data, next)
      })
    }
    if (articles.length > 0) {
      await this.store.saveArticles(articles)
      await this.options.onArticlesChanged?.(articles.map((a) => a.id))
    }
  }

  /**
   * The store's rules for each highlight and claim a step writes back (record-rules.ts): a highlight
   * covers at least one character of its article's text, its ends between characters (DECISIONS
   * section 3); a claim has a statement. The history file is read from disk, so it is not trusted.
   */
  private async checkRecordRules(changes: readonly RecordChange[], direction: Direction, label: string): Promise<void> {
    const refuse = (what: string, problem: string): never => {
      throw new RefusedStep(
        `Cannot ${direction} “${label}”: the ${what} it would restore breaks the store's rules (${problem}). Nothing was changed, and this step was dropped from the history.`,
      )
    }
    for (const change of changes) {
      const target = sidesOf(change, direction).target as Record<string, unknown> | null
      if (!target) continue
      if (change.collection === 'claims' && typeof target.text === 'string') {
        const problem = claimProblem({ text: target.text })
        if (problem) refuse('claim', problem)
      }
      if (change.collection !== 'highlights' || typeof target.articleId !== 'string') continue
      const article = this.store.getArticle(target.articleId)
      if (!article || typeof target.start !== 'number' || typeof target.end !== 'number') continue
      const text = await this.store.readBody(article)
      try {
        // Its own message names the offsets to use instead.
        assertCodePointBoundaries(text, { start: target.start, end: target.end }, 'The highlight to restore')
      } catch (error) {
        throw new RefusedStep(`Cannot ${direction} “${label}”: ${(error as Error).message} Nothing was changed, and this step was dropped from the history.`)
      }
      const problem = highlightProblem({ start: target.start, end: target.end, orphaned: target.orphaned === true }, text)
      if (problem) refuse('highlight', problem)
    }
  }

  private contextRecording(recorded: RecordChange[], at: string): CommandContext {
    const store = this.store
    return {
      store,
      now: () => at,
      newId: (prefix) => `${prefix}_${randomBytes(8).toString('hex')}`,
      changeAnnotations: (change) => store.changeAnnotations(change, (before, diff) => recorded.push(...annotationChangesOf(before, diff))),
      saveArticles: async (articles) => {
        const before = articles.map((a) => store.getArticle(a.id) ?? null)
        await store.saveArticles(articles)
        articles.forEach((a, i) => recorded.push({ collection: ARTICLES, key: a.id, before: before[i], after: a }))
      },
    }
  }

  private inQueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await (this.loaded ??= this.load())
      return work()
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  private async load(): Promise<void> {
    const parsed = historyFileSchema.safeParse(await this.store.readSidecar(COMMAND_HISTORY_FILE))
    // A missing, damaged or older history starts empty: it costs the chance to undo, never work.
    if (!parsed.success || parsed.data.schemaVersion !== STORE_SCHEMA_VERSION) return
    this.undoSteps = parsed.data.undo.slice(-MAX_UNDO_STEPS)
    this.redoSteps = parsed.data.redo
  }

  private async persist(): Promise<void> {
    if (this.store.readOnly) return
    try {
      await this.store.writeSidecar(COMMAND_HISTORY_FILE, { schemaVersion: STORE_SCHEMA_VERSION, undo: this.undoSteps, redo: this.redoSteps })
    } catch (error) {
      // The change itself is saved; only the chance to undo it after a restart is lost.
      console.error(`[triangulate] could not save the undo history: ${(error as Error).message}`)
    }
  }
}

/** An undo or redo the store's rules do not allow any more. */
class RefusedStep extends Error {}

function isCollection(name: string): name is Collection {
  return (COLLECTIONS as readonly string[]).includes(name)
}

/** The records a change of the annotations put or removed, each with its state before. */
function annotationChangesOf(before: AnnotationsSnapshot, diff: AnnotationChange): RecordChange[] {
  const changes: RecordChange[] = []
  for (const collection of COLLECTIONS) {
    const put = (diff.put[collection] ?? []) as unknown[]
    const del = diff.del[collection] ?? []
    if (put.length === 0 && del.length === 0) continue
    // Only the records the change touched: a map of the whole collection per change cost ~100 ms with 100,000 links.
    const touched = new Set<string>(del)
    for (const record of put) touched.add(keyOf(collection, record as never))
    const old = new Map<string, unknown>()
    for (const record of before[collection] as readonly never[]) {
      const key = keyOf(collection, record)
      if (touched.has(key)) old.set(key, record)
    }
    for (const record of put) {
      const key = keyOf(collection, record as never)
      changes.push({ collection, key, before: old.get(key) ?? null, after: record })
    }
    for (const key of del) changes.push({ collection, key, before: old.get(key) ?? null, after: null })
  }
  return changes
}

/** The annotation collections a step touches, with the step's target side written in; the rest shared. */
function withTargets(data: AnnotationsFile, changes: readonly RecordChange[], direction: Direction): Partial<AnnotationsFile> {
  const next: Partial<Record<Collection, unknown[]>> = {}
  for (const collection of new Set(changes.map((c) => c.collection))) {
    if (!isCollection(collection)) throw new UserError('internal', `The undo history names an unknown kind of record, "${collection}".`)
    const itemSchema = annotationsFileSchema.shape[collection].element
    const records: (unknown | null)[] = data[collection].slice()
    const at = new Map<string, number>(records.map((r, i) => [keyOf(collection, r as never), i]))
    for (const change of changes.filter((c) => c.collection === collection)) {
      const { target } = sidesOf(change, direction)
      const index = at.get(change.key)
      if (target === null || target === undefined) {
        if (index !== undefined) records[index] = null
        continue
      }
      const parsed = itemSchema.safeParse(target)
      if (!parsed.success)
        throw new UserError('conflict', `The undo history holds a ${collection} record that is not valid (${parsed.error.issues[0]?.message}); nothing was changed.`)
      if (index === undefined) records.push(parsed.data)
      else records[index] = parsed.data
    }
    next[collection] = records.filter((r) => r !== null)
  }
  return next as Partial<AnnotationsFile>
}

/**
 * The store's rules, for what an undo or redo is about to write: evidence needs its claim and its
 * highlight, a highlight its article, and nothing removed may leave evidence pointing at it.
 * `current` is the store's data; `next` the collections the step rewrites.
 */
function checkAnnotationRules(
  current: AnnotationsFile,
  next: Partial<AnnotationsFile>,
  changes: readonly RecordChange[],
  direction: Direction,
  articleExists: (id: string) => boolean,
  label: string,
): void {
  const refuse = (why: string): never => {
    throw new RefusedStep(`Cannot ${direction} “${label}”: ${why}. Nothing was changed, and this step was dropped from the history.`)
  }
  const claims = next.claims ?? current.claims
  const highlights = next.highlights ?? current.highlights
  const links = next.links ?? current.links
  let claimIds: Set<string> | undefined
  let highlightIds: Set<string> | undefined
  for (const change of changes) {
    const { target } = sidesOf(change, direction)
    if (change.collection === 'links' && target) {
      const link = target as { claimId: string; highlightId: string }
      if (!(claimIds ??= new Set(claims.map((c) => c.id))).has(link.claimId)) refuse('the claim it links evidence to has been deleted since')
      if (!(highlightIds ??= new Set(highlights.map((h) => h.id))).has(link.highlightId)) refuse('the highlight it links to a claim has been deleted since')
    }
    if (change.collection === 'highlights' && target && !articleExists((target as { articleId: string }).articleId)) {
      refuse('the highlight’s article is no longer in the library')
    }
    if ((change.collection === 'claims' || change.collection === 'highlights') && !target) {
      const field = change.collection === 'claims' ? 'claimId' : 'highlightId'
      if (links.some((l) => l[field] === change.key)) refuse(`evidence added since still points at the ${change.collection === 'claims' ? 'claim' : 'highlight'}`)
    }
  }
}

function describeRecord(collection: string, key: string, record: unknown): string {
  const r = (record ?? {}) as Record<string, unknown>
  switch (collection) {
    case 'claims':
      return `the claim ${typeof r.text === 'string' ? quoteForLabel(r.text) : key}`
    case 'highlights':
      return `the highlight ${typeof r.exact === 'string' ? quoteForLabel(r.exact) : key}`
    case 'links':
      return 'a piece of evidence it touched'
    case 'sources':
      return `the grade of ${key.replace(/^[a-z]+:/, '')}`
    case ARTICLES:
      return `the details of ${typeof r.title === 'string' ? quoteForLabel(r.title) : key}`
    default:
      return `a ${collection} record it touched`
  }
}
