// `npm run cli -- timeline`: every dated event of the corpus, in the shape DECISIONS section 10
// fixes for `--json`, or one line per event. Reads the store; the dates index is brought up to date
// in memory first (and saved only when the store is open for writing).

import type { TriangulateService } from '../service/triangulate-service'

export interface TimelineCommandOptions {
  json: boolean
  article?: string
  outlet?: string
  claim?: string
  entity?: string
}

export async function timelineCommand(service: TriangulateService, options: TimelineCommandOptions): Promise<string> {
  await service.dateIndex.update()
  if (options.entity) await service.entityIndex.update()
  const view = await service.getTimeline({ articleId: options.article, outlet: options.outlet, claimId: options.claim, entityId: options.entity })
  const events = [...view.events, ...view.unresolved].map(({ articleId, start, end, expression, sentence, date, dateEnd, precision, basis, reason }) => ({
    articleId,
    start,
    end,
    expression,
    sentence,
    date,
    dateEnd,
    precision,
    basis,
    reason,
  }))
  if (options.json) return JSON.stringify({ events })
  const line = (e: (typeof events)[number]) =>
    `${(e.date ?? 'unresolved').padEnd(10)}${e.dateEnd ? `..${e.dateEnd}` : ''}  ${e.precision.padEnd(5)}  ${e.articleId}  “${e.expression}”  ${e.date ? '' : `(${e.reason})  `}${e.sentence}`
  return events.map(line).join('\n')
}
