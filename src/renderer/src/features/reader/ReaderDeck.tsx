// Lays reader panes side by side with a draggable (and keyboard-operable) divider between each pair.

import { Fragment, useRef, type ReactNode } from 'react'

interface Props {
  weights: number[]
  onWeightsChange: (weights: number[]) => void
  children: ReactNode[]
}

/** A pane never shrinks below this share of the space two neighbours split. */
const MIN_SHARE = 0.15
/** One arrow-key press moves a divider by this share of the pair's width. */
const KEY_STEP = 0.05

export function ReaderDeck({ weights, onWeightsChange, children }: Props) {
  const deck = useRef<HTMLDivElement>(null)

  const moveDivider = (left: number, share: number) => {
    const pair = (weights[left] ?? 1) + (weights[left + 1] ?? 1)
    const clamped = Math.min(1 - MIN_SHARE, Math.max(MIN_SHARE, share))
    onWeightsChange(weights.map((w, i) => (i === left ? pair * clamped : i === left + 1 ? pair * (1 - clamped) : w)))
  }

  const startDrag = (left: number, event: React.PointerEvent) => {
    const panes = deck.current?.querySelectorAll<HTMLElement>(':scope > .pane-slot')
    const a = panes?.[left]?.getBoundingClientRect()
    const b = panes?.[left + 1]?.getBoundingClientRect()
    if (!a || !b) return
    const target = event.currentTarget as HTMLElement
    target.setPointerCapture(event.pointerId)
    const onMove = (e: PointerEvent) => moveDivider(left, (e.clientX - a.left) / (b.right - a.left))
    const onUp = () => {
      target.removeEventListener('pointermove', onMove)
      target.removeEventListener('pointerup', onUp)
    }
    target.addEventListener('pointermove', onMove)
    target.addEventListener('pointerup', onUp)
  }

  return (
    <div className="reader-deck" ref={deck}>
      {children.map((child, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <div
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize Reader ${i} and Reader ${i + 1}`}
              aria-valuenow={Math.round(((weights[i - 1] ?? 1) / ((weights[i - 1] ?? 1) + (weights[i] ?? 1))) * 100)}
              tabIndex={0}
              className="pane-divider"
              onPointerDown={(e) => startDrag(i - 1, e)}
              onKeyDown={(e) => {
                const share = (weights[i - 1] ?? 1) / ((weights[i - 1] ?? 1) + (weights[i] ?? 1))
                if (e.key === 'ArrowLeft') moveDivider(i - 1, share - KEY_STEP)
                if (e.key === 'ArrowRight') moveDivider(i - 1, share + KEY_STEP)
              }}
            />
          )}
          <div className="pane-slot" style={{ flexGrow: weights[i] ?? 1 }}>
            {child}
          </div>
        </Fragment>
      ))}
    </div>
  )
}
