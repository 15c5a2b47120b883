// The analyst's entity decisions as one command kind of the service's history (DECISIONS section 4):
// the records an edit puts and removes, planned by entity-operations against the list as it stands.
// The history records the decision records before and after, so undo and redo need nothing more.

import type { EntityDecision } from '../../shared/entities/cluster-entities'
import { registerCommand } from '../commands/command-kind'

export interface EntityDecisionArgs {
  /** "Merge Ron Dermer into Ahmed al-Sharaa": what the undo bar shows. */
  label: string
  put: EntityDecision[]
  del: string[]
}

export const entityDecisionCommand = registerCommand<EntityDecisionArgs, { label: string }>({
  kind: 'entity.decide',
  label: (args) => args.label,
  apply: (ctx, { label, put, del }) =>
    ctx.changeAnnotations((data) => {
      const touched = new Set([...del, ...put.map((d) => d.id)])
      data.entities = [...data.entities.filter((d) => !touched.has(d.id)), ...put]
      return { label }
    }),
})
