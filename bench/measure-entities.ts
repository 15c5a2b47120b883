// The entities panel figure (#22: ≤ 200 ms): service.listEntities({}) as the panel asks for it when
// it opens (every entity of the corpus, with its variants and counts), serialised as sent, on the
// store holding the claim board, the entities index brought up to date first. The figure is the
// service's answer; the panel's drawing in Chromium is not part of it (as for the timeline). Until
// the entities index is on the branch the service has no listEntities and the figure reads n/a.

import type { TriangulateService } from '../src/main/service/triangulate-service'
import { sampleTimes, summarise, type SampleSummary } from './timing'

const WARM_UP = 1
const SAMPLES = 5
/** The entities index's name in the service's derived indexes (DECISIONS section 1). */
const ENTITIES_INDEX = 'entities'

export interface EntitiesMeasurement extends SampleSummary {
  entities: number
  payloadMB: number
}

type ListEntities = (args: Record<string, never>) => Promise<{ entities: unknown[] }>

/** The service's listEntities, or null when this branch has none. */
export function listEntitiesOf(service: TriangulateService): ListEntities | null {
  const operation = (service as unknown as { listEntities?: ListEntities }).listEntities
  return typeof operation === 'function' ? operation.bind(service) : null
}

export async function measureEntitiesPanel(service: TriangulateService, listEntities: ListEntities): Promise<EntitiesMeasurement> {
  if (service.derivedIndexes.names().includes(ENTITIES_INDEX)) await service.derivedIndexes.updateOne(ENTITIES_INDEX)
  const samples = await sampleTimes(WARM_UP, SAMPLES, () => listEntities({}).then((answer) => JSON.stringify(answer)))
  const answer = await listEntities({})
  return { ...summarise(samples), entities: answer.entities.length, payloadMB: Buffer.byteLength(JSON.stringify(answer)) / 1e6 }
}
