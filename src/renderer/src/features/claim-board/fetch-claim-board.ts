// How the renderer asks for the claim board. On the app's first load it asks for the lean first
// screen (src/shared/claims/first-screen-board.ts: every card, only the evidence a collapsed card
// draws, and only the cards a lane can show at the top of each lane whole, the rest as outlines), shows it, and once that has been painted asks for the full board, which replaces it. Every
// later fetch (after a change, a sync, an index finishing) asks for the full board at once.

import type { BoardView } from '../../../../shared/claims/board-view'
import type { Api } from '../../lib/api-client'
import { EVIDENCE_SHOWN_COLLAPSED } from './ClaimCardView'
import { cardsALaneShows } from './ClaimLane'

/**
 * Longest wait for the first screen's frame before the full board is asked for anyway: a window not
 * shown yet (the desktop app shows it when ready) produces no frames.
 */
const FRAME_WAIT_MS = 100

export async function fetchClaimBoard(api: Api, options: { firstScreen: boolean; show: (board: BoardView) => void; live: () => boolean }): Promise<void> {
  if (options.firstScreen) {
    const first = await api.getClaimBoard({ evidencePerCard: EVIDENCE_SHOWN_COLLAPSED, cardsPerLane: cardsALaneShows(window.innerHeight) })
    if (!options.live()) return
    options.show(first)
    await afterNextFrame()
    if (!options.live()) return
  }
  const full = await api.getClaimBoard({})
  if (options.live()) options.show(full)
}

function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FRAME_WAIT_MS)
    requestAnimationFrame(() => {
      clearTimeout(timer)
      setTimeout(resolve, 0)
    })
  })
}
