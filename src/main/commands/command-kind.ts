// Commands: every change an analyst makes is a command (DECISIONS.md section 4). A command kind is
// registered once; the service runs it through CommandHistory.execute, which records every record it
// touched (before and after), so undo, redo, the undo bar's label and the check "is it still as the
// command left it?" all come from one mechanism and need nothing more from the kind.
//
// ── How to add a command (origin override, entity merge, event date, accepted figure, …) ──────────
//
// 1. Keep the decision as records in the store: in an annotations collection (add it to COLLECTIONS in
//    src/main/store/annotations-journal.ts, to annotationsFileSchema in store-schema.ts, with your
//    migration), or on articles. Undo and redo restore whole records, so that is all they need.
// 2. Write the change as a pure function over the records (like src/main/claims/claim-commands.ts):
//    validate first, then replace records (never edit one in place: the journal diffs by identity),
//    throw UserError for anything the analyst can fix.
// 3. Register the kind beside your domain code and run it from the service handler:
//
//      // src/main/origins/origin-commands.ts
//      export const overrideOriginCommand = registerCommand({
//        kind: 'origin.override',                      // unique, "domain.verb"
//        label: (args, store) => `Set origin of “${quoteOf(store, args.linkId)}” to ${args.label}`,
//        apply: (ctx, args) => ctx.changeAnnotations((data) => overrideOrigin(data, args, ctx.now())),
//      })
//
//      // src/main/service/triangulate-service.ts, in the operation's handler:
//      async overrideOrigin(args) { return commands.execute(overrideOriginCommand, args) },
//
//    `label` runs before `apply`, on the store as it is, and names exactly what Ctrl+Z will reverse
//    (quote the claim or passage; keep it under ~80 characters). `apply` must change the store only
//    through ctx.changeAnnotations and ctx.saveArticles (the store's own writers are not recorded,
//    so their changes could not be undone), may read anything, and returns the operation's result.
// 4. Add a round-trip test (apply, undo, redo through the real store) beside your code; see
//    src/main/commands/command-history.test.ts for the shape.
//
// That is all: the renderer's undo bar, Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y and the persisted history pick
// the command up without further code. An undo refuses (with a message, dropping the step) when any
// record the command touched has changed since, e.g. by a teammate's synced edit or a re-import.

import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import type { AnnotationsFile } from '../store/store-schema'

/** What a command's apply may do: read the store, and change it through recorded writers only. */
export interface CommandContext {
  /** For reading (getArticle, claims, links, readBody…). Do not call its writers: they are not recorded. */
  readonly store: CorpusStore
  /** The command's timestamp, the same for every record it writes. */
  now(): string
  /** A fresh record id: `${prefix}_` and 16 hex digits. */
  newId(prefix: string): string
  /** Changes annotation records in one durable write (as store.changeAnnotations); recorded for undo. */
  changeAnnotations<T>(change: (data: AnnotationsFile) => T): Promise<T>
  /** Saves changed articles (matched by id) in one durable write; recorded for undo. */
  saveArticles(articles: readonly Article[]): Promise<void>
}

export interface CommandKind<A, R> {
  /** Unique, "domain.verb": stored in the history file with each step. */
  readonly kind: string
  /** What the undo bar shows, computed on the store before apply. */
  label(args: A, store: CorpusStore): string
  apply(ctx: CommandContext, args: A): Promise<R> | R
  /**
   * Record a step even when apply changed no record: for a decision that also lives outside the
   * store's records (keeping the version of a sync conflict the store already shows changes none,
   * yet undoing it must bring the conflict back; CommandHistoryOptions.onStep does that part).
   */
  readonly recordedWithoutChanges?: boolean
}

const registry = new Map<string, CommandKind<never, unknown>>()

/** Registers a command kind (once per kind; a second registration of a name is a bug) and returns it for execute. */
export function registerCommand<A, R>(command: CommandKind<A, R>): CommandKind<A, R> {
  if (registry.has(command.kind)) throw new Error(`Command kind "${command.kind}" is registered twice.`)
  registry.set(command.kind, command as unknown as CommandKind<never, unknown>)
  return command
}

/** Every registered kind, for tests that check each one round-trips. */
export function registeredCommandKinds(): string[] {
  return [...registry.keys()]
}

/** Characters of a quoted claim or passage in a label: enough to recognise it, short enough for one line. */
const LABEL_QUOTE_CHARS = 48

/** The text of a claim for a label, shortened; the id when it is gone. */
export function claimLabel(store: CorpusStore, claimId: string): string {
  const claim = store.claims.find((c) => c.id === claimId)
  return claim ? quoteForLabel(claim.text) : claimId
}

/** A quote short enough for the undo bar, in typographic quotes. */
export function quoteForLabel(text: string, max = LABEL_QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`
}
