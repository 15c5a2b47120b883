// Resolving a sync conflict is an analyst's decision, so it is a command of the undo mechanism
// (DECISIONS.md section 4): the chosen (or combined) version is written over the record the store
// shows, recorded for undo and redo like any change. What it means for the replica — the losing
// revisions deleted at the next sync, so every copy converges on the choice — is noted by the
// service after the command ran (SyncController.markResolved). Undoing a resolution writes the
// record back as it was before and brings the conflict back (SyncController.afterResolutionStep):
// not yet synced, the resolution is forgotten; synced, each losing version is written again on top
// of the tombstone that deleted it, so every copy lists the conflict again. Redoing resolves anew.
// A resolution that keeps the version the store already shows changes no record, so the step is
// recorded without changes: undoing it still brings the conflict back.

import type { Article } from '../../shared/model'
import { quoteForLabel, registerCommand } from '../commands/command-kind'
import type { AnnotationsFile } from '../store/store-schema'
import { collectionOf, type Resolution } from './sync-engine'

export const resolveSyncConflictCommand = registerCommand({
  kind: 'sync.resolveConflict',
  label: (args: Resolution) => `Resolved a sync conflict on a ${args.kind}: ${quoteForLabel(args.summary, 40)}`,
  recordedWithoutChanges: true,
  apply: async (ctx, args: Resolution) => {
    if (args.kind === 'article') {
      await ctx.saveArticles([args.record as Article])
      return { docId: args.docId }
    }
    if (args.kind === 'text') return { docId: args.docId }
    const collection = collectionOf(args.kind)
    const keyOf = (r: object) => (args.kind === 'source' ? (r as { sourceKey: string }).sourceKey : (r as { id: string }).id)
    await ctx.changeAnnotations((data: AnnotationsFile) => {
      const records = data[collection] as object[]
      const at = records.findIndex((r) => keyOf(r) === args.key)
      const next = records.slice()
      if (at === -1) next.push(args.record)
      else next[at] = args.record
      ;(data as unknown as Record<string, object[]>)[collection] = next
    })
    return { docId: args.docId }
  },
})
