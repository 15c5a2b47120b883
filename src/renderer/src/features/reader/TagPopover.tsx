// The popover shown over a fresh selection: add it to an existing claim (listed first, filtered as
// you type, chosen with the arrow keys and Enter), or make a new claim of it, with a stance; or keep
// it as a plain highlight. It places itself inside the window: under the selection when it fits,
// else above it, else docked to the window's edge (popover-placement.ts). Escape closes it.

import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { parseTagList } from '../../../../shared/claims/tag-list'
import type { StanceSuggestion } from '../../../../shared/figures/compare-figures'
import type { Claim, Stance } from '../../../../shared/model'
import { STANCES } from '../../../../shared/model'
import { placePopover, type Anchor } from './popover-placement'

export interface HighlightDetails {
  tags: string[]
  note: string
}

interface Props {
  quote: string
  claims: Claim[]
  /** The selection's box, in window coordinates. */
  anchor: Anchor
  onCreateClaim: (text: string, stance: Stance, details: HighlightDetails) => void
  onAddToClaim: (claimId: string, stance: Stance, details: HighlightDetails) => void
  onHighlightOnly: (details: HighlightDetails) => void
  onCancel: () => void
  /** Whether the selection's figures contradict a claim's (issue 20): the stance picker suggests it. */
  suggestStance?: (claimId: string) => Promise<StanceSuggestion | null>
}

/** Claims drawn in the list at once; the filter narrows the rest down. */
const MAX_LISTED = 50
/** Words shorter than this say little about which claim a quote belongs to ("of", "in"). */
const MIN_MATCH_WORD = 3

export function TagPopover({ quote, claims, anchor, onCreateClaim, onAddToClaim, onHighlightOnly, onCancel, suggestStance }: Props) {
  const [text, setText] = useState(quote)
  const [find, setFind] = useState('')
  const [stance, setStanceState] = useState<Stance>('supports')
  const stanceTouched = useRef(false)
  const setStance = (s: Stance) => {
    stanceTouched.current = true
    setStanceState(s)
  }
  const [suggestions, setSuggestions] = useState<ReadonlyMap<string, StanceSuggestion>>(new Map())
  const [tags, setTags] = useState('')
  const [note, setNote] = useState('')
  const details = (): HighlightDetails => ({
    tags: parseTagList(tags),
    note: note.trim(),
  })
  const root = useRef<HTMLDivElement>(null)
  const findInput = useRef<HTMLInputElement>(null)
  const claimInput = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const [active, setActive] = useState(0)

  // Typed words narrow the list (every word must appear); before any typing, the claims sharing
  // the most words with the quote come first, then the latest changed.
  const matches = useMemo(() => {
    const typed = find.toLowerCase().split(/\s+/).filter(Boolean)
    const quoteWords = quote
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length >= MIN_MATCH_WORD)
    const score = (c: Claim) => quoteWords.filter((w) => c.text.toLowerCase().includes(w)).length
    return claims
      .filter((c) => typed.every((w) => `${c.text} ${c.tags.join(' ')}`.toLowerCase().includes(w)))
      .map((c) => ({ claim: c, score: score(c) }))
      .sort((a, b) => b.score - a.score || b.claim.updatedAt.localeCompare(a.claim.updatedAt))
      .slice(0, MAX_LISTED)
      .map((m) => m.claim)
  }, [claims, quote, find])
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1))

  // Where claims exist, adding to one is the commonest act: the filter takes the focus. Otherwise
  // the new claim's statement does, selected, ready to be typed over.
  // Taken a frame later: the click that ends a mouse selection lands after the popover opens, and
  // would hand the focus straight back to the text. A field of the popover focused in between (a
  // quick click, a keyboard or a test typing at once) keeps it: its typing must not land elsewhere.
  useLayoutEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (root.current?.contains(document.activeElement)) return
      if (claims.length > 0) findInput.current?.focus()
      else claimInput.current?.select()
    })
    return () => cancelAnimationFrame(frame)
  }, [])

  // Placed once drawn (its height depends on the list), and again whenever its size changes.
  const [place, setPlace] = useState<{ top: number; left: number; maxHeight?: number } | null>(null)
  useLayoutEffect(() => {
    const el = root.current
    if (!el) return
    const update = () => setPlace(placePopover(anchor, { width: el.offsetWidth, height: el.scrollHeight }, { width: window.innerWidth, height: window.innerHeight }))
    update()
    const observer = new ResizeObserver(update)
    observer.observe(el)
    window.addEventListener('resize', update)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', update)
    }
  }, [anchor.top, anchor.bottom, anchor.left])

  const focusOption = (index: number) => {
    const next = Math.max(0, Math.min(matches.length - 1, index))
    setActive(next)
    list.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus()
  }
  const onListKey = (e: KeyboardEvent<HTMLElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[e.key]
    if (e.key === 'Home') focusOption(0)
    else if (e.key === 'End') focusOption(matches.length - 1)
    else if (step === -1 && activeIndex === 0) findInput.current?.focus()
    else if (step) focusOption(activeIndex + step)
    else return
    e.preventDefault()
  }

  // The listed claims whose figures the selection contradicts; the best match's suggestion sets the
  // stance picker, unless the analyst chose a stance already.
  const listed = matches.map((c) => c.id).join(' ')
  useEffect(() => {
    if (!suggestStance || !listed) return
    let live = true
    const ids = listed.split(' ')
    Promise.all(
      ids.map((id) =>
        suggestStance(id).then(
          (s) => [id, s] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((found) => {
      if (!live) return
      const next = new Map<string, StanceSuggestion>()
      for (const [id, s] of found) if (s) next.set(id, s)
      setSuggestions(next)
      const top = next.get(ids[0] ?? '')
      if (top && !stanceTouched.current) setStanceState(top.stance)
    })
    return () => {
      live = false
    }
  }, [listed, suggestStance])
  const topSuggestion = matches[0] ? suggestions.get(matches[0].id) : undefined

  return (
    <div
      ref={root}
      role="dialog"
      aria-label="Tag selection"
      className="tag-popover"
      style={place ? { top: place.top, left: place.left, maxHeight: place.maxHeight } : { top: anchor.bottom, left: anchor.left, visibility: 'hidden' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      <blockquote className="popover-quote">{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}</blockquote>
      <label className="popover-stance">
        Stance
        <select aria-label="Stance" value={stance} onChange={(e) => setStance(e.target.value as Stance)}>
          {STANCES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {topSuggestion && matches[0] && (
        <p className="stance-suggestion" role="note" aria-label="Suggested stance">
          Suggested for “{matches[0].text}”: <strong>{topSuggestion.stance}</strong>. {topSuggestion.reason}
        </p>
      )}
      {claims.length > 0 && (
        <section className="popover-section" aria-labelledby="tag-popover-existing">
          <h3 id="tag-popover-existing">Add to existing claim</h3>
          <input
            ref={findInput}
            type="search"
            aria-label="Find a claim"
            placeholder="Type to filter; ↓ to choose, Enter to add"
            value={find}
            onChange={(e) => {
              setFind(e.target.value)
              setActive(0)
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && matches.length > 0) {
                e.preventDefault()
                focusOption(0)
              } else if (e.key === 'Enter' && find.trim() && matches[0]) {
                // Typed to narrow: Enter takes the best match, as the list shows it first.
                e.preventDefault()
                onAddToClaim(matches[0].id, stance, details())
              }
            }}
          />
          {matches.length === 0 ? (
            <p className="popover-empty" role="status">
              No claim matches “{find}”.
            </p>
          ) : (
            <ul ref={list} className="claim-suggestions" aria-label="Existing claims" onKeyDown={onListKey}>
              {matches.map((c, i) => (
                <li key={c.id}>
                  <button
                    type="button"
                    tabIndex={i === activeIndex ? 0 : -1}
                    aria-label={`Add to claim: ${c.text}`}
                    onFocus={() => setActive(i)}
                    onClick={() => onAddToClaim(c.id, stance, details())}
                  >
                    {c.text}
                  </button>
                  {suggestions.get(c.id) && c.id !== matches[0]?.id && (
                    <p className="stance-suggestion" role="note">
                      Suggested: <strong>{suggestions.get(c.id)!.stance}</strong>. {suggestions.get(c.id)!.reason}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <form
        className="popover-section"
        aria-labelledby="tag-popover-new"
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) onCreateClaim(text.trim(), stance, details())
        }}
      >
        <h3 id="tag-popover-new">New claim</h3>
        <label>
          Claim
          <input ref={claimInput} aria-label="Claim" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="popover-row">
          <label>
            Tags
            <input aria-label="Tags" placeholder="for the claim, comma separated" value={tags} onChange={(e) => setTags(e.target.value)} />
          </label>
          <label>
            Note
            <input aria-label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </div>
        <div className="popover-actions">
          <button type="submit" disabled={!text.trim()}>
            Create claim
          </button>
          <button type="button" onClick={() => onHighlightOnly(details())}>
            Highlight only
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  )
}
