import { describe, expect, it } from 'vitest'
import { dockWidth, fitViews, RAIL_PX, READER_MIN_PANE_PX, readersMinWidth, type DockedView } from './dock-layout'

const library: DockedView = { id: 'library', placement: 'left' }
const board: DockedView = { id: 'board', placement: 'right' }
const matrix: DockedView = { id: 'matrix', placement: 'overlay' }
const entities: DockedView = { id: 'entities', placement: 'right' }
const ids = (views: DockedView[]) => views.map((v) => v.id)
const WIDTHS = [1024, 1100, 1280, 1366, 1440, 1600, 1920, 2560]

describe('fitViews', () => {
  it('keeps both panels where they fit beside two readers, and only then', () => {
    for (const width of WIDTHS) {
      const both = width - RAIL_PX - dockWidth('left', width) - dockWidth('right', width) >= readersMinWidth(2)
      expect(ids(fitViews([library, board], width, 2))).toEqual(both ? ['library', 'board'] : ['board'])
    }
    expect(ids(fitViews([library, board], 1440, 2))).toEqual(['library', 'board'])
    expect(ids(fitViews([library, board], 1280, 2))).toEqual(['board'])
  })

  it('leaves every reader its minimum width whenever two panels are docked', () => {
    for (let width = 800; width <= 3000; width += 7) {
      for (const panes of [1, 2, 3, 4]) {
        const kept = fitViews([board, library, matrix], width, panes)
        const docks = kept.filter((v) => v.placement !== 'overlay')
        const room = width - RAIL_PX - docks.reduce((s, v) => s + dockWidth(v.placement as 'left' | 'right', width), 0)
        if (docks.length > 1) expect(room).toBeGreaterThanOrEqual(readersMinWidth(panes))
        expect(kept).toContain(matrix)
      }
    }
  })

  it('fits either panel alone beside two readers at 1024 px', () => {
    for (const side of ['left', 'right'] as const) expect(1024 - RAIL_PX - dockWidth(side, 1024)).toBeGreaterThanOrEqual(2 * READER_MIN_PANE_PX + 5)
  })

  it('keeps one view per placement, the latest opened', () => {
    expect(ids(fitViews([library, board, entities], 2560, 2))).toEqual(['library', 'entities'])
    expect(ids(fitViews([entities, library, board], 2560, 2))).toEqual(['library', 'board'])
  })

  it('closes an overlay when a side panel is opened after it, so the view chosen last is in sight', () => {
    expect(ids(fitViews([library, matrix, entities], 2560, 2))).toEqual(['library', 'entities'])
    expect(ids(fitViews([library, entities, matrix], 2560, 2))).toEqual(['library', 'entities', 'matrix'])
  })

  it('drops the panel opened least recently first', () => {
    expect(ids(fitViews([board, library], 1280, 2))).toEqual(['library'])
    expect(ids(fitViews([library, board], 1280, 2))).toEqual(['board'])
  })

  it('sizes panels for two readers: more readers scroll sideways rather than closing panels', () => {
    expect(ids(fitViews([library, board], 1440, 4))).toEqual(['library', 'board'])
    expect(ids(fitViews([library, board], 1440, 1))).toEqual(['library', 'board'])
    expect(ids(fitViews([library, board], 1024, 1))).toEqual(['library', 'board'])
  })
})
