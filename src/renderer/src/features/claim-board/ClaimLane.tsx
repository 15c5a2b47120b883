// One lane of the claim board: a heading with the lane's count, and its cards in a list that only
// renders what is in view (plus a few either side), so a lane of 1,000 claims costs what a screenful
// costs. Cards differ in height, so each is measured once drawn. A lane is one tab stop (roving
// tabindex): Tab enters its current card and that card's controls, the arrow keys (on a card) move
// to the next or previous card, which scrolls it into view and draws the ones after it.

import { useVirtualizer } from '@tanstack/react-virtual'
import { useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react'
import type { BoardClaim } from '../../../../shared/claims/board-view'

/** A collapsed card with a few pieces of evidence; only a first guess, each card is measured. */
const ESTIMATED_CARD_HEIGHT = 190
/** Cards drawn beyond the visible ones: enough that Tab and a short scroll never meet a blank. */
const OVERSCAN_CARDS = 3
const CARD_GAP = 10

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
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: OVERSCAN_CARDS,
    gap: CARD_GAP,
    getItemKey: (index) => cards[index]?.claim.id ?? index,
  })
  const listRef = useRef<HTMLUListElement>(null)
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
          {virtualizer.getVirtualItems().map((item) =>
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
