// Measurements of the screen for the layout specs: what overlaps what, and how wide reader text is.
// Each runs in the page, on what is actually drawn (boxes clipped by their scrolling ancestors and
// the window), so a control scrolled out of sight or folded into the rail does not count.

import type { Page } from '@playwright/test'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Pairs of visible controls (buttons, fields, selects, dividers, article texts) whose drawn boxes
 * overlap by more than a pixel each way, described as "A ⟷ B". Empty when nothing overlaps.
 */
export async function overlappingControls(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const root = document.querySelector(rootSelector)
    if (!root) throw new Error(`no ${rootSelector}`)
    const selector = 'button, input, select, textarea, [role="separator"], [role="document"], a[href]'
    const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }
    const clip = (a: typeof viewport, b: DOMRect | typeof viewport) => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    })
    const drawn = [...root.querySelectorAll<HTMLElement>(selector)].flatMap((el) => {
      if (el.closest('[inert]')) return []
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden') return []
      let box = clip(viewport, el.getBoundingClientRect())
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') box = clip(box, a.getBoundingClientRect())
      }
      if (box.right - box.left <= 1 || box.bottom - box.top <= 1) return []
      const name = el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? el.textContent?.trim().slice(0, 40) ?? ''
      return [{ el, box, name: `${el.tagName.toLowerCase()} "${name}"` }]
    })
    const found: string[] = []
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) {
        const a = drawn[i]!
        const b = drawn[j]!
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left)
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top)
        if (w > 1 && h > 1) found.push(`${a.name} ⟷ ${b.name}`)
      }
    }
    return found
  }, within)
}

/** The width of each reader's lines of text: the article's box less its padding (and scrollbar). */
export async function readerTextWidths(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const widths: Record<string, number> = {}
    for (const pane of document.querySelectorAll<HTMLElement>('section.reader-pane')) {
      const text = pane.querySelector<HTMLElement>('.article-text')
      if (!text) continue
      const s = getComputedStyle(text)
      widths[pane.getAttribute('aria-label') ?? '?'] = text.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
    }
    return widths
  })
}

/** Whether `inner` lies wholly inside `outer` (to half a pixel). */
export function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5
  )
}

export function intersects(a: Box, b: Box): boolean {
  return Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1
}

/**
 * Fields whose placeholder does not fit their box (the text the analyst sees cut off, as
 * "Filter: text, t"), measured with the field's own font. Empty when every one shows whole.
 */
export async function cutPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d')!
    const cut: string[] = []
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')) {
      if (field.value || field.closest('[inert]') || field.getClientRects().length === 0) continue
      const style = getComputedStyle(field)
      if (style.visibility === 'hidden') continue
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
      const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
      const needed = canvas.measureText(field.placeholder).width
      if (needed > room + 0.5)
        cut.push(`"${field.placeholder}" needs ${Math.ceil(needed)} px, has ${Math.floor(room)} px (${field.getAttribute('aria-label') ?? field.name})`)
    }
    return cut
  })
}

/**
 * Controls and quotes of each claim card that run past the card's right edge, where an overflow
 * would cut them off (a board 300 px wide at 1280×800 once cut "Remove" to "Re").
 */
export async function spillingOutOfCards(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.claim-card')].flatMap((card) => {
      const edge = card.getBoundingClientRect().right
      return [...card.querySelectorAll<HTMLElement>('button, select, input, .origin-chain')]
        .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > edge + 0.5)
        .map((el) => `${card.getAttribute('aria-label')}: ${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`)
    }),
  )
}
