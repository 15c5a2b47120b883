// One reader pane: an article rendered as text with its highlights, selection → tag popover, click a
// highlight to see its claims, and scrolling to a highlight when opened from the claim board.

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ArticleView, Claim, Highlight, HighlightView, Stance } from '../../../../shared/model'
import type { Connection } from '../../lib/api-client'
import {
  findInArticle,
  highlightIdsAt,
  markEntityMentions,
  markSelected,
  readingPlaceOf,
  renderArticle,
  scrollToHighlight,
  scrollToMark,
  scrollToReadingPlace,
  selectionOffsets,
  type ReadingPlace,
} from '../../lib/article-highlighter'
import { ArticleDetails } from './ArticleDetails'
import type { ArticleRequests } from './article-requests'
import { SuggestedMatches } from './SuggestedMatches'
import type { Anchor } from './popover-placement'
import { TagPopover, type HighlightDetails } from './TagPopover'

export interface PaneTarget {
  articleId: string
  highlightId?: string
  /** A passage to show and scroll to (a search hit), marked until another article is opened. */
  passage?: { start: number; end: number }
  /** Changes on every request to open, so opening the same evidence twice scrolls again. */
  nonce: number
}

interface Props {
  index: number
  target: PaneTarget | null
  connection: Connection
  revision: number
  claims: Claim[]
  /** Closing removes the pane when others remain; the last pane only lets its article go. */
  closable: boolean
  onChanged: () => void
  onError: (message: string) => void
  onClose: () => void
  onFocus: () => void
  /** The selected entity's mentions, by article id: marked in this pane's article, apart from highlights. */
  entityMentions?: ReadonlyMap<string, readonly { start: number; end: number }[]> | null
  /** Where the pane's article comes from: a request already made when it was chosen, or a new one. */
  articles?: ArticleRequests
}

/** The id under which a search hit is marked among the highlights (never a stored highlight id). */
const PASSAGE_ID = 'passage'

interface PendingSelection {
  start: number
  end: number
  /** The selection's box in window coordinates: the tag popover places itself from it. */
  anchor: Anchor
}

export function ReaderPane({ index, target, connection, revision, claims, closable, onChanged, onError, onClose, onFocus, entityMentions, articles }: Props) {
  const label = `Reader ${index + 1}`
  const [view, setView] = useState<ArticleView | null>(null)
  const [pending, setPending] = useState<PendingSelection | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [showBoilerplate, setShowBoilerplate] = useState(false)
  const shownArticle = useRef<string | null>(null)
  shownArticle.current = target?.articleId ?? null
  const [editingDetails, setEditingDetails] = useState(false)
  const [findTerm, setFindTerm] = useState('')
  const [findState, setFindState] = useState<{ count: number; at: number }>({ count: 0, at: 0 })
  const findHits = useRef<HTMLElement[]>([])
  const textRef = useRef<HTMLDivElement>(null)
  /** The article the text element holds, and where the analyst was in each article this pane showed. */
  const textShows = useRef<string | null>(null)
  const readingPlaces = useRef(new Map<string, ReadingPlace>())
  /** Notes where the analyst is in the article the text element holds, before it lets it go. */
  const keepReadingPlace = () => {
    const place = textShows.current && textRef.current ? readingPlaceOf(textRef.current) : null
    if (textShows.current && place) readingPlaces.current.set(textShows.current, place)
  }
  const paneRef = useRef<HTMLElement>(null)

  useEffect(() => {
    if (!target) {
      keepReadingPlace()
      setView(null)
      textShows.current = null
      return
    }
    let live = true
    ;(articles ? articles.take(target.articleId, revision) : connection.api.getArticle({ id: target.articleId })).then(
      (v) => live && setView(v),
      (e: Error) => live && onError(e.message),
    )
    return () => {
      live = false
    }
  }, [connection, target?.articleId, revision, onError, articles])

  // Rebuilding the article's DOM would destroy a selection the analyst is making, so it happens only
  // when the text or the highlights really changed, not on every refetch after some other edit.
  const passage = view && target?.passage && view.article.id === target.articleId ? target.passage : null
  const renderKey = view ? `${renderKeyOf(view)}|${passage ? `${passage.start}-${passage.end}` : ''}` : ''
  const render = useCallback(() => {
    if (!textRef.current || !view) return
    const placed = view.highlights.filter((h) => !h.orphaned)
    const spans = passage ? [...placed, { id: PASSAGE_ID, ...passage }] : placed
    if (textShows.current !== view.article.id) keepReadingPlace()
    renderArticle(textRef.current, view.text, spans, hoverLabels(placed), view.boilerplate)
    if (selectedRef.current) markSelected(textRef.current, selectedRef.current)
    // Another article starts at its top (or where the analyst left it, if this pane showed it
    // before); the same article redrawn keeps its place. A passage or highlight to show scrolls
    // there afterwards (the effects below).
    if (textShows.current !== view.article.id) {
      textShows.current = view.article.id
      scrollToReadingPlace(textRef.current, readingPlaces.current.get(view.article.id))
    }
  }, [renderKey])
  // A refresh that lands while the analyst is dragging out a selection waits for the mouse to come up.
  const selecting = useRef(false)
  const renderDeferred = useRef(false)
  useLayoutEffect(() => {
    if (selecting.current) renderDeferred.current = true
    else render()
  }, [render])
  // Entity marks, like find marks, are put back after every render of the article.
  const shownMentions = view ? (entityMentions?.get(view.article.id) ?? null) : null
  useLayoutEffect(() => {
    if (!textRef.current) return
    const marks = markEntityMentions(textRef.current, shownMentions ?? [])
    scrollToMark(textRef.current, marks[0])
  }, [render, shownMentions])
  // Find marks are re-applied after every render of the article (lines it redraws lose theirs).
  useLayoutEffect(() => {
    if (!textRef.current) return
    findHits.current = findInArticle(textRef.current, findTerm)
    const count = findHits.current.length
    // Unchanged (no term, as on every open), the pane need not render again.
    setFindState((state) => (state.count === count && state.at === 0 ? state : { count, at: 0 }))
    scrollToMark(textRef.current, findHits.current[0])
  }, [render, findTerm])
  const findNext = (step: number) => {
    const hits = findHits.current
    if (hits.length === 0) return
    const at = (findState.at + step + hits.length) % hits.length
    hits.forEach((h, i) => h.classList.toggle('current', i === at))
    if (textRef.current) scrollToMark(textRef.current, hits[at])
    setFindState({ count: hits.length, at })
  }
  // React's onBeforeInput is a polyfill that misses deletions; the native event sees every edit.
  useEffect(() => {
    const el = textRef.current
    if (!el) return
    const refuse = (e: Event) => e.preventDefault()
    el.addEventListener('beforeinput', refuse)
    return () => el.removeEventListener('beforeinput', refuse)
  }, [view !== null])
  const selectedRef = useRef<string | null>(null)
  selectedRef.current = selectedId

  useEffect(() => {
    if (textRef.current && passage) scrollToHighlight(textRef.current, PASSAGE_ID)
  }, [renderKey, target?.nonce])

  useLayoutEffect(() => {
    if (textRef.current && view) markSelected(textRef.current, selectedId)
  }, [renderKey, selectedId])

  useEffect(() => {
    if (!textRef.current || !view || !target?.highlightId || view.article.id !== target.articleId) return
    if (scrollToHighlight(textRef.current, target.highlightId)) setSelectedId(target.highlightId)
  }, [view, target?.highlightId, target?.nonce, target?.articleId])

  const captureSelection = useCallback(() => {
    if (!textRef.current || !view) return
    const offsets = selectionOffsets(textRef.current, view.text)
    if (!offsets) return
    const rect = window.getSelection()?.getRangeAt(0).getBoundingClientRect()
    const pane = paneRef.current?.getBoundingClientRect()
    const anchor = rect ? { top: rect.top, bottom: rect.bottom, left: rect.left } : { top: pane?.top ?? 0, bottom: (pane?.top ?? 0) + 40, left: pane?.left ?? 0 }
    setPending({ ...offsets, anchor })
  }, [view])

  const act = async (work: () => Promise<unknown>) => {
    const handled = pending
    try {
      await work()
      // Only the selection this action was about is done with: by now the analyst may have started
      // another, here or in another pane, and that one stays.
      if (handled) {
        const current = textRef.current && view ? selectionOffsets(textRef.current, view.text) : null
        // The caret stays at the passage's end, so the keyboard carries on reading from there.
        if (current?.start === handled.start && current.end === handled.end) window.getSelection()?.collapseToEnd()
        setPending((p) => (p === handled ? null : p))
        // The popover held the focus; the text the analyst was reading gets it back, unless they
        // have since moved on elsewhere.
        if (!document.activeElement || document.activeElement === document.body || paneRef.current?.contains(document.activeElement))
          textRef.current?.focus({ preventScroll: true })
      }
      onChanged()
    } catch (e) {
      onError((e as Error).message)
    }
  }

  /** Saves the pending selection as one step (one Ctrl+Z takes it all back) and selects the new highlight. */
  const saveSelection = (save: (passage: { articleId: string; start: number; end: number }) => Promise<Highlight>) =>
    act(async () => {
      if (!pending || !view) return
      const highlight = await save({ articleId: view.article.id, start: pending.start, end: pending.end })
      // The pane may have moved on to another article while this was saving (a click elsewhere).
      if (shownArticle.current === highlight.articleId) setSelectedId(highlight.id)
    })

  // Tags belong to claims: a plain highlight keeps the note only.
  const highlightSelection = (details: HighlightDetails) => saveSelection((passage) => connection.api.createHighlight({ ...passage, note: details.note }))

  const createClaim = (text: string, stance: Stance, details: HighlightDetails) =>
    saveSelection(async (passage) => (await connection.api.tagPassage({ ...passage, ...details, claim: { text }, stance })).highlight)

  const addToClaim = (claimId: string, stance: Stance, details: HighlightDetails) =>
    saveSelection(async (passage) => (await connection.api.tagPassage({ ...passage, ...details, claim: { id: claimId }, stance })).highlight)

  // The selection's figures against a claim's, for the stance picker (stable while the selection is).
  const pendingArticle = view?.article.id
  const suggestStanceFor = useCallback(
    (claimId: string) =>
      pending && pendingArticle ? connection.api.suggestStance({ claimId, articleId: pendingArticle, start: pending.start, end: pending.end }) : Promise.resolve(null),
    [connection, pendingArticle, pending?.start, pending?.end],
  )

  const selected: HighlightView | undefined = view?.highlights.find((h) => h.id === selectedId)
  const orphans = view?.highlights.filter((h) => h.orphaned) ?? []
  const hiddenLines = view?.boilerplate.filter((b) => b.kind !== 'metadata').length ?? 0

  return (
    <section ref={paneRef} aria-label={label} className="reader-pane" data-area tabIndex={-1} onFocusCapture={onFocus} onMouseDown={onFocus}>
      <header className="reader-header">
        {view ? (
          <div>
            <h2>{view.article.title}</h2>
            <p className="article-meta">
              {view.article.outlet ?? 'Unknown outlet'}
              {view.article.date && <> · {view.article.date}</>} · {view.article.wordCount} words ·{' '}
              <button type="button" className="link-button" onClick={() => setEditingDetails((v) => !v)} aria-expanded={editingDetails}>
                Edit details
              </button>
            </p>
          </div>
        ) : (
          <h2 className="placeholder">{label}</h2>
        )}
        {(view || closable) && (
          <button type="button" aria-label={`Close ${label}`} title={`Close ${label}`} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {orphans.length > 0 && (
        <details className="orphans" aria-label="Orphaned highlights">
          <summary>
            {orphans.length} {orphans.length === 1 ? 'highlight' : 'highlights'} no longer found in this text
          </summary>
          <p>The article changed since these were made and their passages could not be found again. They keep their claims; delete them or re-highlight the passage.</p>
          <ul>
            {orphans.map((h) => (
              <li key={h.id}>
                <q>{h.exact}</q>
                {h.claims.length > 0 && <span className="orphan-claims"> — {h.claims.map((c) => c.claimText).join('; ')}</span>}{' '}
                <button type="button" onClick={() => act(() => connection.api.deleteHighlight({ id: h.id }))}>
                  Delete orphan
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {view && editingDetails && (
        <ArticleDetails
          article={view.article}
          onCancel={() => setEditingDetails(false)}
          onSave={(edit) =>
            void act(async () => {
              await connection.api.updateArticle({ id: view.article.id, ...edit })
              setEditingDetails(false)
            })
          }
        />
      )}
      {view && (
        <div className="find-bar">
          <input
            type="search"
            aria-label="Find in article"
            placeholder="Find in this article"
            value={findTerm}
            onChange={(e) => setFindTerm(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') findNext(e.shiftKey ? -1 : 1)
              if (e.key === 'Escape') setFindTerm('')
            }}
          />
          {findTerm && (
            <span role="status" aria-label="Find results">
              {findState.count === 0 ? 'no match' : `${findState.at + 1} of ${findState.count}`}
            </span>
          )}
        </div>
      )}
      {hiddenLines > 0 && (
        <button type="button" className="boilerplate-toggle" aria-pressed={showBoilerplate} onClick={() => setShowBoilerplate((v) => !v)}>
          {showBoilerplate ? 'Collapse page furniture' : `Show ${hiddenLines} collapsed ${hiddenLines === 1 ? 'passage' : 'passages'} (teasers, prompts, captions)`}
        </button>
      )}
      {view ? (
        <div
          ref={textRef}
          className={showBoilerplate ? 'article-text show-boilerplate' : 'article-text'}
          role="document"
          aria-label={`Text of ${view.article.title}`}
          tabIndex={0}
          data-area-focus
          // Editable only so the keyboard has a caret (Shift+arrows select, as in any text); every
          // edit is refused below, so the article text can never change here.
          contentEditable
          suppressContentEditableWarning
          spellCheck={false}
          onPaste={(e) => e.preventDefault()}
          onCut={(e) => e.preventDefault()}
          onDrop={(e) => e.preventDefault()}
          onKeyDown={(e) => {
            // Enter asks for the tag popover instead of breaking a line.
            if (e.key === 'Enter') e.preventDefault()
          }}
          onMouseDown={() => (selecting.current = true)}
          onMouseUp={() => {
            selecting.current = false
            captureSelection()
            if (renderDeferred.current) {
              renderDeferred.current = false
              render()
            }
          }}
          onKeyUp={(e) => {
            // Keyboard selection grows key by key: only Enter says it is done and opens the popover.
            if (e.key === 'Enter') captureSelection()
          }}
          onClick={(e) => {
            const ids = highlightIdsAt(e.target)
            if (ids.length > 0 && window.getSelection()?.isCollapsed) setSelectedId(ids[ids.length - 1] ?? null)
          }}
        />
      ) : (
        <p className="placeholder">Open an article from the library, or a piece of evidence from the claim board.</p>
      )}
      {pending && view && (
        <TagPopover
          quote={view.text.slice(pending.start, pending.end)}
          claims={claims}
          anchor={pending.anchor}
          onCreateClaim={createClaim}
          onAddToClaim={addToClaim}
          onHighlightOnly={(details) => highlightSelection(details)}
          onCancel={() => {
            setPending(null)
            // Back to the text, the selection still there, as after any dialog.
            textRef.current?.focus({ preventScroll: true })
          }}
          suggestStance={suggestStanceFor}
        />
      )}
      {selected && (
        <footer className="highlight-details" aria-label="Selected highlight">
          <blockquote>{selected.exact}</blockquote>
          {selected.note && <p className="highlight-meta">{selected.note}</p>}
          {selected.claims.length === 0 ? (
            <p>Not yet evidence for any claim.</p>
          ) : (
            <ul>
              {selected.claims.map((c) => (
                <li key={c.linkId}>
                  <span className={`stance stance-${c.stance}`}>{c.stance}</span> {c.claimText}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => act(() => connection.api.deleteHighlight({ id: selected.id }))}>
            Delete highlight
          </button>
          <SuggestedMatches highlight={selected} api={connection.api} run={(work) => void act(work)} />
        </footer>
      )}
    </section>
  )
}

function renderKeyOf(view: ArticleView): string {
  const claims = (h: HighlightView) => h.claims.map((c) => `${c.linkId}:${c.stance}:${c.claimText}`).join(',')
  return `${view.article.id}/${view.article.contentHash}|${view.highlights.map((h) => `${h.id}:${h.start}-${h.end}:${claims(h)}`).join('|')}`
}

/** What hovering a highlight shows: the claims it is evidence for, with the stance. */
function hoverLabels(highlights: HighlightView[]): Map<string, string> {
  return new Map(highlights.map((h) => [h.id, h.claims.length === 0 ? 'Highlight (no claim yet)' : h.claims.map((c) => `${c.stance}: ${c.claimText}`).join('\n')]))
}
