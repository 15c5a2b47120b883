// One lane of the claim board: a heading with the lane's count, and its cards in a list that only
// renders what is in view (plus a few either side), so a lane of 1,000 claims costs what a screenful
// costs. Cards differ in height, so each is measured once drawn. A lane is one tab stop (roving
// tabindex): Tab enters its current card and that card's controls, the arrow keys (on a card) move
// to the next or previous card, which scrolls it into view and draws the ones after it.
// Until the board has been painted once, a lane draws only the cards in its view that start above the
// window's bottom edge, and a lane that starts below the window none: the first screen is what the
// analyst sees, and the rest follows a frame later (a lane of 1,000 claims under one of 50 would
// otherwise lay out cards nobody sees yet, and a lane near the foot of the window a card below it).

import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react'
import type { BoardClaim } from '../../../../shared/claims/board-view'
import { evidenceCountOf } from '../../../../shared/claims/first-screen-board'
import { EVIDENCE_SHOWN_COLLAPSED } from './ClaimCardView'

/**
 * A card's height before it is drawn, only a first guess (each card is measured once drawn): its
 * statement, counts, origin heading and actions, plus a row per piece of evidence it shows collapsed
 * (at the board's usual width a row wraps to ~110 px: quote, origin, note, grade and move controls).
 * Guessing close matters on the first screen, which draws only the cards the guess puts in view.
 */
const CARD_FRAME_HEIGHT = 150
const EVIDENCE_ROW_HEIGHT = 110
const estimatedHeight = (card: BoardClaim | undefined) =>
  card?.outline ? CARD_FRAME_HEIGHT : CARD_FRAME_HEIGHT + EVIDENCE_ROW_HEIGHT * Math.min(EVIDENCE_SHOWN_COLLAPSED, card ? evidenceCountOf(card) : 0)
/** Cards drawn beyond the visible ones: enough that Tab and a short scroll never meet a blank. */
const OVERSCAN_CARDS = 3
const CARD_GAP = 10
/** A lane's most visible height as a share of the window: keep in step with `.lane-scroll { max-height: 70vh }` (styles.css). */
const LANE_MAX_VIEWPORT_SHARE = 0.7
/** The shortest card: a statement, its counts and its actions, no evidence. Used to tell how many cards a lane can show. */
const SMALLEST_CARD_HEIGHT = 80
/**
 * Longest wait for the first frame before the lanes draw everything anyway: a window not shown yet
 * (the desktop app shows it when ready) produces no frames.
 */
const FRAME_WAIT_MS = 100

/** The most cards a lane can show at once in a window this tall, with the ones drawn beyond them: what the first screen must carry whole. */
export function cardsALaneShows(windowHeight: number): number {
  return Math.ceil((windowHeight * LANE_MAX_VIEWPORT_SHARE) / (SMALLEST_CARD_HEIGHT + CARD_GAP)) + OVERSCAN_CARDS
}

export interface CardPlacement {
  index: number
  setSize: number
  ref: (element: HTMLLIElement | null) => void
  style: CSSProperties
}

interface Props {
  title: string
  cards: readonly BoardClaim[]
  renderCard: (card: BoardClaim, placement: CardPlacement) => ReactNode
}

export function ClaimLane({ title, cards, renderCard }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const painted = usePaintedOnce()
  // How far down the lane's list the window reaches (0: the lane starts below it), told once from
  // the page laid out without its cards (each lane's list already has its estimated height, so the
  // lanes below sit where they will).
  const [heightInWindow, setHeightInWindow] = useState<number | null>(null)
  // The same functions for the same cards: the virtualiser recomputes every card's offset (a lane
  // can hold 1,000) whenever its key function changes, which an inline one does on every render.
  const estimateSize = useCallback((index: number) => estimatedHeight(cards[index]), [cards])
  const getItemKey = useCallback((index: number) => cards[index]?.claim.id ?? index, [cards])
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: painted ? OVERSCAN_CARDS : 0,
    gap: CARD_GAP,
    getItemKey,
    // The lane's height before it is measured, so its first render already draws a viewful.
    initialRect: { width: 0, height: Math.round(window.innerHeight * LANE_MAX_VIEWPORT_SHARE) },
  })
  useLayoutEffect(() => {
    if (heightInWindow !== null || painted) return
    const top = listRef.current?.getBoundingClientRect().top
    setHeightInWindow(top === undefined ? Infinity : Math.max(0, window.innerHeight - top))
  }, [heightInWindow, painted])
  const drawn = painted ? virtualizer.getVirtualItems() : virtualizer.getVirtualItems().filter((item) => item.start < (heightInWindow ?? 0))
  const [current, setCurrent] = useState(0)
  const currentIndex = Math.min(current, cards.length - 1)
  // Only the current card and its controls are in the tab order; every other card's controls are
  // taken out of it (and put back when their card becomes current). The cards render their controls
  // as they like; the lane keeps the order.
  useLayoutEffect(() => {
    for (const card of listRef.current?.querySelectorAll<HTMLElement>(':scope > li[data-index]') ?? []) {
      const isCurrent = Number(card.dataset.index) === currentIndex
      card.tabIndex = isCurrent ? 0 : -1
      for (const control of card.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, [tabindex]')) {
        if (isCurrent && control.dataset.rovingOff) {
          control.removeAttribute('tabindex')
          delete control.dataset.rovingOff
        } else if (!isCurrent && control.tabIndex >= 0) {
          control.tabIndex = -1
          control.dataset.rovingOff = 'true'
        }
      }
    }
  })
  const moveBetweenCards = (event: KeyboardEvent<HTMLUListElement>) => {
    const card = event.target as HTMLElement
    if (card.parentElement !== listRef.current) return // keys inside a card's fields are the field's
    const index = Number(card.dataset.index)
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: cards.length - 1 }[event.key]
    if (target === undefined) return
    event.preventDefault()
    const next = Math.max(0, Math.min(cards.length - 1, target))
    setCurrent(next)
    virtualizer.scrollToIndex(next)
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`:scope > li[data-index="${next}"]`)?.focus())
  }

  return (
    <section className="lane" aria-label={`${title} claims`}>
      <h3 className="lane-title">
        {title} <span className="lane-count">{cards.length}</span>
      </h3>
      <div ref={scrollRef} className="lane-scroll">
        <ul
          ref={listRef}
          className="claim-cards"
          aria-label={`${title} claims`}
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={moveBetweenCards}
          onFocus={(event) => {
            const card = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]')
            if (card) setCurrent(Number(card.dataset.index))
          }}
        >
          {drawn.map((item) =>
            renderCard(cards[item.index] as BoardClaim, {
              index: item.index,
              setSize: cards.length,
              ref: virtualizer.measureElement,
              style: { transform: `translateY(${item.start}px)` },
            }),
          )}
        </ul>
      </div>
    </section>
  )
}

/** False until the page has produced a frame since the lane mounted (or FRAME_WAIT_MS passed without one). */
function usePaintedOnce(): boolean {
  const [painted, setPainted] = useState(false)
  useEffect(() => {
    let timer = setTimeout(() => setPainted(true), FRAME_WAIT_MS)
    const frame = requestAnimationFrame(() => {
      clearTimeout(timer)
      timer = setTimeout(() => setPainted(true), 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [])
  return painted
}
