// One lane of the claim board: a heading with the lane's count, and its cards in a list that only
// renders what is in view (plus a few either side), so a lane of 1,000 claims costs what a screenful
// costs. Cards differ in height, so each is measured once drawn. Tabbing to the last drawn card
// scrolls it into view, which draws the next: the keyboard reaches every card.

import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type CSSProperties, type ReactNode } from 'react'
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
  return (
    <section className="lane" aria-label={`${title} claims`}>
      <h3 className="lane-title">
        {title} <span className="lane-count">{cards.length}</span>
      </h3>
      <div ref={scrollRef} className="lane-scroll">
        <ul className="claim-cards" aria-label={`${title} claims`} style={{ height: virtualizer.getTotalSize() }}>
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
