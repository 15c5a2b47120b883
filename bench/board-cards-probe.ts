// Child-process entry for the cards' figure (measure-board-cards.ts): in a fresh Node process, opens
// the store, brings the derived indexes up as the app does when it starts (updateAll: the saved
// indexes are read, nothing is left to analyse), then times the first board answer of the session
// (cold), then a claim's note edited and the answer asked again (a rebuild), several times, then
// the answer once more with nothing changed (warm). `full` is the service's answer (getClaimBoard:
// origins, figures, dates, entities); `plain` the same board view built from the same records
// without them. CPU time of this process (the answer is built on the service's thread) and wall time.
// The edit is a claim's note unless told otherwise (`edit`: a stance changed, a new passage linked, a
// link removed), to see what each kind of edit costs the answer; the bench's figure uses the note.
// Usage: tsx bench/board-cards-probe.ts <storeDir> <full|plain> <rebuilds> [note|stance|link|unlink]

import { createHash } from 'node:crypto'
import { loadavg } from 'node:os'
import { buildBoardView } from '../src/shared/claims/board-view'
import { openSession } from './store-session'

export interface BoardAnswerTiming {
  cpuMs: number
  wallMs: number
  bytes: number
  /** Digest of the answer's JSON (the claims' edit times left out): the same records give the same answer, whatever the code's version. */
  sha1: string
}

export interface BoardCardsProbe {
  kind: 'full' | 'plain'
  /** Bringing the derived indexes up at start (reading their files): before any board is asked for. */
  start: { cpuMs: number; wallMs: number }
  cold: BoardAnswerTiming
  rebuilds: BoardAnswerTiming[]
  warm: BoardAnswerTiming
  load: number[]
}

const EDITS = ['note', 'stance', 'link', 'unlink']

const cpuMs = () => {
  const used = process.cpuUsage()
  return (used.user + used.system) / 1000
}

async function main(): Promise<void> {
  const [storeDir, kind, rebuildArg, edit = 'note'] = process.argv.slice(2)
  if (!storeDir || (kind !== 'full' && kind !== 'plain') || !EDITS.includes(edit))
    throw new Error('usage: board-cards-probe <storeDir> <full|plain> <rebuilds> [note|stance|link|unlink]')
  const rebuilds = Number(rebuildArg ?? 5)
  const session = await openSession(storeDir)
  try {
    const { store, service } = session
    const startCpu = cpuMs()
    const startWall = performance.now()
    await service.derivedIndexes.updateAll()
    const start = { cpuMs: cpuMs() - startCpu, wallMs: performance.now() - startWall }
    const answer = async (): Promise<string> =>
      kind === 'full'
        ? JSON.stringify(await service.getClaimBoard({}))
        : JSON.stringify(
            buildBoardView({
              claims: store.claims,
              links: store.links,
              highlights: store.highlights,
              sourceGrades: store.sourceGrades,
              articleById: (id) => store.getArticle(id),
            }),
          )
    const timed = async (): Promise<BoardAnswerTiming> => {
      const cpu = cpuMs()
      const wall = performance.now()
      const json = await answer()
      const timing = { cpuMs: cpuMs() - cpu, wallMs: performance.now() - wall }
      // Digested outside the timing; without the claims' edit times, which differ from run to run.
      return {
        ...timing,
        bytes: Buffer.byteLength(json),
        sha1: createHash('sha1')
          .update(json.replace(/"updatedAt":"[^"]*"/g, ''))
          .digest('hex'),
      }
    }
    const cold = await timed()
    const times: BoardAnswerTiming[] = []
    for (let i = 0; i < rebuilds; i++) {
      // A different claim each time, spread over the board: one record replaced, as an analyst's edit does.
      const claim = store.claims[(i * 97) % store.claims.length]
      if (!claim) break
      if (edit === 'note') await service.updateClaim({ id: claim.id, note: `${claim.note ?? ''} (bench edit ${i + 1})`.trim() })
      const link = store.links[(i * 997) % store.links.length]
      if (edit === 'stance' && link) await service.updateEvidence({ linkId: link.id, stance: link.stance === 'supports' ? 'contradicts' : 'supports' })
      if (edit === 'unlink' && link) await service.unlinkEvidence({ linkId: link.id })
      if (edit === 'link') {
        // A new passage of an article, linked to the claim: its figures, trace, dates and entity names are new.
        const article = store.listArticles()[(i * 389) % store.listArticles().length]!
        const { text } = await service.getArticle({ id: article.id })
        const start = Math.min(40 * (i + 1), Math.max(0, text.length - 120))
        const highlight = await service.createHighlight({ articleId: article.id, start, end: Math.min(text.length, start + 100) })
        await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
      }
      times.push(await timed())
    }
    const warm = await timed()
    const probe: BoardCardsProbe = { kind, start, cold, rebuilds: times, warm, load: loadavg() }
    console.log(JSON.stringify(probe))
  } finally {
    await session.close()
  }
}

main().catch((error: unknown) => {
  console.error(`board-cards-probe: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
