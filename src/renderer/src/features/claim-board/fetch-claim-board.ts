// How the renderer asks for the claim board. On the app's first load it asks for the lean first
// screen (src/shared/claims/first-screen-board.ts: every card, only the evidence a collapsed card
// draws, and only the cards a lane can show at the top of each lane whole, the rest as outlines), shows it, and once that has been painted asks for the full board, which replaces it. Every
// later fetch (after a change, a sync, an index finishing) asks for the full board at once. It also
// tells when that first screen has been painted (or could not be fetched): the workbench draws the
// rest of its views after it (Workspace, `drawnFirst`).

import { useEffect, useRef, useState } from 'react'
import type { BoardView } from '../../../../shared/claims/board-view'
import type { Api } from '../../lib/api-client'
import { EVIDENCE_SHOWN_COLLAPSED } from './ClaimCardView'
import { cardsALaneShows } from './ClaimLane'

/**
 * Longest wait for the first screen's frame before the full board is asked for anyway: a window not
 * shown yet (the desktop app shows it when ready) produces no frames.
 */
const FRAME_WAIT_MS = 100
const EMPTY_BOARD: BoardView = { claims: [], articles: [], sources: [] }

/**
 * `show` resolves once the board it was given is drawn (committed to the page); the full board is
 * asked for only after that and two frames more, so its answer (2.4 MB on the bench's board) never
 * competes with drawing the first screen, nor with the views drawn after it (the frame after the
 * first screen draws the library, the readers and the status bar, and the library asks for its first
 * page then: that small answer comes before the full board, not behind it).
 */
export async function fetchClaimBoard(api: Api, options: { firstScreen: boolean; show: (board: BoardView) => Promise<void> | void; live: () => boolean }): Promise<void> {
  if (options.firstScreen) {
    const first = await api.getClaimBoard({ evidencePerCard: EVIDENCE_SHOWN_COLLAPSED, cardsPerLane: cardsALaneShows(window.innerHeight) })
    if (!options.live()) return
    await options.show(first)
    if (!options.live()) return
    await afterNextFrame()
    await afterNextFrame()
    if (!options.live()) return
  }
  const full = await api.getClaimBoard({})
  if (options.live()) await options.show(full)
}

/**
 * The board the workbench draws, fetched again after every change (`revision`). `drawn` tells whether
 * the workbench is on screen (the start screen draws no board): a board is shown once it is drawn
 * there. The app's first answer could otherwise come before its saved layout, its frame pass over
 * the start screen, and the full board be asked for while the first screen is still being drawn.
 * `firstScreenPainted` turns true once the first board shown has been painted, or its fetch failed.
 */
export function useClaimBoard(api: Api, revision: number, drawn: boolean, onError: (message: string) => void): { board: BoardView; firstScreenPainted: boolean } {
  const [board, setBoard] = useState<BoardView>(EMPTY_BOARD)
  const [firstScreenPainted, setFirstScreenPainted] = useState(false)
  const shownOnce = useRef(false)
  const whenDrawn = useRef<(() => void) | null>(null)
  const onErrorRef = useRef(onError)
  onErrorRef.current = onError
  useEffect(() => {
    if (!drawn || !whenDrawn.current) return
    const resolve = whenDrawn.current
    whenDrawn.current = null
    resolve()
  }, [board, drawn])
  useEffect(() => {
    if (firstScreenPainted || !drawn || board === EMPTY_BOARD) return
    void afterNextFrame().then(() => setFirstScreenPainted(true))
  }, [board, drawn, firstScreenPainted])
  useEffect(() => {
    let live = true
    const show = (b: BoardView) =>
      new Promise<void>((resolve) => {
        whenDrawn.current?.()
        whenDrawn.current = resolve
        setBoard(b)
        shownOnce.current = true
      })
    fetchClaimBoard(api, { firstScreen: !shownOnce.current, show, live: () => live }).catch((e: Error) => {
      // Nothing to wait for: the rest of the workbench is drawn at once.
      setFirstScreenPainted(true)
      if (live) onErrorRef.current(e.message)
    })
    return () => {
      live = false
    }
  }, [api, revision])
  return { board, firstScreenPainted }
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
