// The CLI's entity commands: `entities` (the list, in DECISIONS section 10's shape with --json) and
// the analyst's decisions `entity merge ID ID`, `entity split ID --variant V`, `entity rename ID
// NAME`, `entity type ID TYPE`, `entity delete ID`. The decisions go through the service's contract
// (dispatch: the same checks as the app) and run with the store's write lock, as import does
// (cli.ts opens the store so when isEntityWrite says it writes).

import type { ApiHandlers } from '../../shared/api'
import { UserError } from '../../shared/result'
import { dispatch } from '../service/dispatch'
import type { TriangulateService } from '../service/triangulate-service'

export const ENTITY_OPTIONS = {
  variant: { type: 'string' },
  type: { type: 'string' },
  /** timeline --entity ID: the events said in sentences that mention it. */
  entity: { type: 'string' },
} as const

export interface EntityValues {
  variant?: string
  type?: string
  json: boolean
}

export const ENTITY_HELP = `  entities [--type person|place|organisation]
                                 people, places and organisations, one entry however spelled,
                                 with their variants and article and mention counts
  entity merge ID ID             make two entities one (the first keeps its id and name)
  entity split ID --variant V    take one spelling out of an entity, as an entity of its own
  entity rename ID NAME          name an entity
  entity type ID TYPE            say what an entity is: person, place or organisation
  entity delete ID               a false positive: no longer listed or marked
`

/** Whether a command writes the store, and so needs its write lock. */
export function isEntityWrite(command: string): boolean {
  return command === 'entity'
}

export interface EntityContext {
  service: TriangulateService
  values: EntityValues
  print: (json: unknown, text: string) => void
}

/** Runs an entity command; returns null when `command` is not one of them. */
export async function runEntityCommand(command: string, rest: readonly string[], context: EntityContext): Promise<number | null> {
  if (command === 'entities') return listEntities(context)
  if (command !== 'entity') return null
  const [action, id, ...more] = rest
  const need = (what: string, value: string | undefined): string => {
    if (!value) throw new UserError('invalid-argument', `entity ${action} needs ${what}. Run npm run cli -- --help.`)
    return value
  }
  switch (action) {
    case 'merge':
      return edit(context, { kind: 'merge', intoId: need('two entity ids', id), fromId: need('two entity ids', more[0]) })
    case 'split':
      return edit(context, { kind: 'split', id: need('an entity id', id), variant: need('--variant V (one of the entity’s spellings)', context.values.variant) })
    case 'rename':
      return edit(context, { kind: 'rename', id: need('an entity id', id), name: need('a NAME', more.join(' ') || undefined) })
    case 'type':
      return edit(context, { kind: 'retype', id: need('an entity id', id), type: need('a TYPE (person, place or organisation)', more[0] ?? context.values.type) })
    case 'delete':
      return edit(context, { kind: 'delete', id: need('an entity id', id) })
    default:
      throw new UserError('invalid-argument', `Unknown command "entity ${action ?? ''}". Use entity merge, split, rename, type or delete.`)
  }
}

async function listEntities({ service, values, print }: EntityContext): Promise<number> {
  // The CLI answers for the whole corpus: the index is brought up to date first (saved when the store is writable).
  await service.entityIndex.update()
  const listed = await call(service, 'listEntities', values.type ? { type: values.type } : {})
  const entities = listed.entities.map(({ id, name, type, variants, articles, mentions }) => ({ id, name, type, variants, articles, mentions }))
  print(
    { entities },
    entities
      .map(
        (e) =>
          `${e.id}  ${e.type.padEnd(12)}  ${String(e.articles).padStart(4)} art.  ${String(e.mentions).padStart(5)} ment.  ${e.name}${e.variants.length > 1 ? `  (${e.variants.join(', ')})` : ''}`,
      )
      .join('\n'),
  )
  return 0
}

async function edit({ service, print }: EntityContext, command: unknown): Promise<number> {
  await service.entityIndex.update()
  const result = await call(service, 'editEntity', { edit: command })
  print({ done: result.label }, `${result.label}.`)
  return 0
}

/** Through the contract's checks, as the app's calls go; a refusal becomes the CLI's error. */
async function call<K extends 'listEntities' | 'editEntity'>(service: ApiHandlers, name: K, args: unknown): Promise<Awaited<ReturnType<ApiHandlers[K]>>> {
  const result = await dispatch(service, name, args)
  if (!result.ok) throw new UserError(result.error.code, result.error.message)
  return result.value as Awaited<ReturnType<ApiHandlers[K]>>
}
