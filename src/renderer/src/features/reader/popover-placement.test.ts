import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { placePopover, POPOVER_MARGIN_PX } from './popover-placement'

const WINDOW = { width: 1024, height: 700 }
const SIZE = { width: 330, height: 420 }

describe('placePopover', () => {
  it('goes under the selection when it fits, above it when not', () => {
    expect(placePopover({ top: 100, bottom: 120, left: 200 }, SIZE, WINDOW)).toEqual({ top: 120 + POPOVER_MARGIN_PX, left: 200 })
    expect(placePopover({ top: 650, bottom: 670, left: 200 }, SIZE, WINDOW)).toEqual({ top: 650 - POPOVER_MARGIN_PX - 420, left: 200 })
  })

  it('docks to the bottom edge when neither side has room, and never leaves the window', () => {
    expect(placePopover({ top: 300, bottom: 320, left: 900 }, SIZE, WINDOW)).toEqual({ top: 700 - POPOVER_MARGIN_PX - 420, left: 1024 - 330 - POPOVER_MARGIN_PX })
    fc.assert(
      fc.property(
        fc.integer({ min: -200, max: 1000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: -100, max: 1200 }),
        fc.integer({ min: 100, max: 900 }),
        (top, height, left, popoverHeight) => {
          const place = placePopover({ top, bottom: top + height, left }, { width: 330, height: popoverHeight }, WINDOW)
          const shownHeight = place.maxHeight ?? popoverHeight
          expect(place.top).toBeGreaterThanOrEqual(POPOVER_MARGIN_PX)
          expect(place.top + shownHeight).toBeLessThanOrEqual(WINDOW.height - POPOVER_MARGIN_PX)
          expect(place.left).toBeGreaterThanOrEqual(POPOVER_MARGIN_PX)
          expect(place.left + 330).toBeLessThanOrEqual(WINDOW.width - POPOVER_MARGIN_PX)
        },
      ),
    )
  })
})
