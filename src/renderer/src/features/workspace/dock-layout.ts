// Which views the workbench shows: pure arithmetic over the window's width, kept apart from React so
// it can be tested as plain numbers. The rule the screen keeps: reader text never gets narrower than
// READER_MIN_TEXT_PX. A side panel that would squeeze the readers below that is not docked; the panel
// opened least recently folds back into the rail instead. Overlays (the evidence matrix and other
// wide views) cover the work area and never squeeze anything.

/** Where a view appears: docked beside the readers (left or right) or over the work area. */
export type ViewPlacement = 'left' | 'right' | 'overlay'

/** The rail's width: an icon with a short word under it. */
export const RAIL_PX = 56
/** The narrowest reader text that still reads as prose (about 45 characters a line at 15 px Georgia). */
export const READER_MIN_TEXT_PX = 320
/** A pane's own chrome around its text: 10 px padding each side, a scrollbar, the border. */
const READER_CHROME_PX = 10 * 2 + 16 + 1
export const READER_MIN_PANE_PX = READER_MIN_TEXT_PX + READER_CHROME_PX
/** The draggable divider between two panes (ReaderDeck). */
const DIVIDER_PX = 5
/**
 * Panels are always sized for two readers side by side, the workbench's point. A third and fourth
 * reader do not push panels away: the readers scroll sideways instead, each keeping its width.
 */
const READERS_KEPT_SIDE_BY_SIDE = 2

/** A docked panel's width: a share of the window, within bounds that keep its controls usable. */
const DOCK_WIDTH: Record<'left' | 'right', { min: number; share: number; max: number }> = {
  left: { min: 236, share: 0.22, max: 300 },
  right: { min: 248, share: 0.24, max: 360 },
}

export function dockWidth(side: 'left' | 'right', windowWidth: number): number {
  const { min, share, max } = DOCK_WIDTH[side]
  return Math.round(Math.min(max, Math.max(min, windowWidth * share)))
}

/** The width the readers need to keep their minimum text width, side by side. */
export function readersMinWidth(paneCount: number): number {
  const shown = Math.max(1, Math.min(paneCount, READERS_KEPT_SIDE_BY_SIDE))
  return shown * READER_MIN_PANE_PX + (shown - 1) * DIVIDER_PX
}

export interface DockedView {
  id: string
  placement: ViewPlacement
}

/**
 * The views left open, given those the analyst asked for in the order they were opened (most
 * recent last): one per placement (the latest wins), no overlay once a side panel was opened after
 * it, and side panels dropped, least recently opened
 * first, until the readers keep their minimum width. The last side panel always stays: below
 * 1024 px, where even one panel and two readers do not fit, the readers scroll sideways instead.
 */
export function fitViews(opened: readonly DockedView[], windowWidth: number, paneCount: number): DockedView[] {
  const latestPerPlacement = new Map<ViewPlacement, DockedView>()
  for (const view of opened) latestPerPlacement.set(view.placement, view)
  let kept = opened.filter((view) => latestPerPlacement.get(view.placement) === view)
  // The view opened last is always in sight: a side panel chosen while an overlay covers the work
  // area closes the overlay (it would otherwise open, pressed on the rail, hidden underneath).
  if (opened.length > 0 && opened[opened.length - 1]!.placement !== 'overlay') kept = kept.filter((v) => v.placement !== 'overlay')
  const room = () => windowWidth - RAIL_PX - kept.reduce((sum, v) => sum + (v.placement === 'overlay' ? 0 : dockWidth(v.placement, windowWidth)), 0)
  while (room() < readersMinWidth(paneCount)) {
    const docks = kept.filter((v) => v.placement !== 'overlay')
    const oldestDock = docks[0]
    if (!oldestDock || docks.length === 1) break
    kept = kept.filter((v) => v !== oldestDock)
  }
  return kept
}
