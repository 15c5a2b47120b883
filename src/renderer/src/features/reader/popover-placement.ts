// Where a popover over a text selection goes so that it stays inside the window: under the
// selection when it fits there, else above it, else docked against the window's bottom edge (and,
// taller than the window, cut to it and scrolled). Left-aligned with the selection, kept on screen.

/** The selection's box, in window coordinates. */
export interface Anchor {
  top: number
  bottom: number
  left: number
}

/** Room kept between the popover and the selection or the window's edge. */
export const POPOVER_MARGIN_PX = 8

export function placePopover(
  anchor: Anchor,
  size: { width: number; height: number },
  window: { width: number; height: number },
): { top: number; left: number; maxHeight?: number } {
  const m = POPOVER_MARGIN_PX
  const left = Math.max(m, Math.min(anchor.left, window.width - size.width - m))
  const room = window.height - 2 * m
  if (size.height > room) return { top: m, left, maxHeight: room }
  const lowest = window.height - m - size.height
  const below = anchor.bottom + m
  if (below >= m && below <= lowest) return { top: below, left }
  const above = anchor.top - m - size.height
  if (above >= m) return { top: Math.min(above, lowest), left }
  return { top: lowest, left }
}
