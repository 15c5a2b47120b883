// The timeline figure: service.getTimeline({}) as the time line view asks for it when it opens (every
// dated event of the corpus, with the claims whose evidence holds each), on the store holding the
// claim board (1,000 claims, 10,000 links), the dates index brought up to date first. The figure is
// the service's answer and its JSON size; the view's drawing in Chromium is not part of it.

import type { TriangulateService } from '../src/main/service/triangulate-service'
import { sampleTimes, summarise, type SampleSummary } from './timing'

const WARM_UP = 1
const SAMPLES = 5

export interface TimelineMeasurement extends SampleSummary {
  events: number
  unresolved: number
  payloadMB: number
}

export async function measureTimeline(service: TriangulateService): Promise<TimelineMeasurement> {
  await service.dateIndex.update()
  const samples = await sampleTimes(WARM_UP, SAMPLES, () => service.getTimeline({}).then((view) => JSON.stringify(view)))
  const view = await service.getTimeline({})
  return {
    ...summarise(samples),
    events: view.events.length,
    unresolved: view.unresolved.length,
    payloadMB: Buffer.byteLength(JSON.stringify(view)) / 1e6,
  }
}
