// Where the focus goes when a card's own action removes or moves it: to the card that takes its
// place (the next one in the lane, else the one before), or to a card the action made (a split's new
// claim), once the board has redrawn. Without this the focus falls to the page's body and the next
// Tab starts from the top of the page.

/** How long to wait for the board to redraw with the card before giving up (a slow service). */
const WAIT_MS = 3000

/** The label of the card after `card` in its lane, else the one before it, else null. */
export function neighbourCardLabel(card: Element | null): string | null {
  const li = card?.closest('li.claim-card')
  const next = li?.nextElementSibling ?? li?.previousElementSibling
  return next?.getAttribute('aria-label') ?? null
}

/** Focuses the card named `label` as soon as the board shows it. */
export function focusCardWhenShown(label: string | null): void {
  if (!label) return
  const until = performance.now() + WAIT_MS
  const attempt = () => {
    const card = [...document.querySelectorAll<HTMLElement>('li.claim-card')].find((el) => el.getAttribute('aria-label') === label && el.getClientRects().length > 0)
    if (card) card.focus()
    else if (performance.now() < until) requestAnimationFrame(attempt)
  }
  requestAnimationFrame(attempt)
}
