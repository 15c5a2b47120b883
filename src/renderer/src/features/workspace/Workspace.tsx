// The workbench's frame: the rail of views on the left, the docked panels beside the readers, an
// overlay for wide views, and the status bar at the foot (the undo bar lives there, so it never
// covers content). Which views are open follows dock-layout.ts; the views themselves are the
// registry in views.tsx. Must not know what any view contains. On the app's first load, a view the
// registry marks `drawnFirst` (the claim board) is drawn alone in its panel while `drawFirstOnly`
// holds, with the rail around it; the other open views, the readers and the status bar follow once
// it is painted, so they are not drawn (and laid out) in the same task as the view the analyst
// waits for. With no such view open, everything is drawn at once.

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react'
import { dockWidth, fitViews, RAIL_PX, READER_MIN_PANE_PX, type DockedView } from './dock-layout'
import type { WorkspaceView } from './views'
import type { WorkspaceContext } from './workspace-context'

/** Remembered per browser profile: which panels the analyst keeps open. */
const OPEN_VIEWS_KEY = 'triangulate.openViews'
/** A first start: the library (to import and open articles) and the claim board, where they fit. */
const DEFAULT_OPEN = ['board', 'library']

type ViewActions = Pick<WorkspaceContext, 'isViewOpen' | 'openView' | 'closeView'>

interface Props {
  views: readonly WorkspaceView[]
  /** Everything a view needs but the opening and closing of views, which the workspace adds. */
  context: Omit<WorkspaceContext, keyof ViewActions>
  paneCount: number
  readers: ReactNode
  statusBar: ReactNode
  /** While true, only the open views marked `drawnFirst` are drawn (see the header). */
  drawFirstOnly?: boolean
}

export function Workspace({ views, context, paneCount, readers, statusBar, drawFirstOnly = false }: Props) {
  const byId = useMemo(() => new Map(views.map((v) => [v.id, v])), [views])
  const windowWidth = useWindowWidth()
  const [requested, setRequested] = useState<string[]>(() => readOpenViews(byId))
  const docked = (ids: readonly string[]) => ids.flatMap((id) => (byId.has(id) ? [{ id, placement: byId.get(id)!.placement } as DockedView] : []))
  const open = fitViews(docked(requested), windowWidth, paneCount)
  const openIds = new Set(open.map((v) => v.id))
  const [mounted, setMounted] = useState<ReadonlySet<string>>(new Set())
  useEffect(() => {
    if ([...openIds].some((id) => !mounted.has(id))) setMounted((m) => new Set([...m, ...openIds]))
  })
  useEffect(() => {
    try {
      localStorage.setItem(OPEN_VIEWS_KEY, JSON.stringify(requested))
    } catch {
      // Storage refused (private mode, full disk): the layout is simply not remembered.
    }
  }, [requested.join(',')])

  /** Where focus was before an overlay opened, to go back to when it closes. */
  const returnFocus = useRef<HTMLElement | null>(null)
  const focusOnOpen = useRef<string | null>(null)
  const openView = useCallback(
    (id: string) => {
      const view = byId.get(id)
      if (!view) return
      if (view.placement === 'overlay' && document.activeElement instanceof HTMLElement) returnFocus.current = document.activeElement
      focusOnOpen.current = id
      setRequested((current) => {
        const next = [...current.filter((v) => v !== id), id]
        // A panel that has to fold away for this one is closed, not merely hidden until there is room.
        const kept = new Set(fitViews(docked(next), window.innerWidth, paneCount).map((v) => v.id))
        return next.filter((v) => kept.has(v))
      })
    },
    [byId, paneCount],
  )
  const closeView = useCallback(
    (id: string) => {
      setRequested((current) => current.filter((v) => v !== id))
      if (byId.get(id)?.placement === 'overlay') {
        const back = returnFocus.current
        returnFocus.current = null
        if (back?.isConnected) setTimeout(() => back.focus())
      }
    },
    [byId],
  )
  const isViewOpen = useCallback((id: string) => openIds.has(id), [[...openIds].join(',')])
  const toggleView = (id: string) => (openIds.has(id) ? closeView(id) : openView(id))

  // A view just opened takes the focus, so the keyboard carries on inside it.
  useEffect(() => {
    const id = focusOnOpen.current
    if (!id || !openIds.has(id)) return
    focusOnOpen.current = null
    document.getElementById(viewDomId(id))?.focus()
  })

  const latestToggle = useRef(toggleView)
  latestToggle.current = toggleView
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F6' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault()
        moveBetweenAreas(e.shiftKey ? -1 : 1)
        return
      }
      const view = views.find((v) => matchesShortcut(e, v.shortcut))
      if (!view) return
      e.preventDefault()
      latestToggle.current(view.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [views])

  const ctx: WorkspaceContext = { ...context, isViewOpen, openView, closeView }
  // Waiting for the first view only when one is open to be drawn first.
  const firstOnly = drawFirstOnly && open.some((v) => byId.get(v.id)?.drawnFirst)
  const drawn = (view: WorkspaceView) => (firstOnly && !view.drawnFirst ? null : view.render(ctx))
  const left = open.find((v) => v.placement === 'left')
  const right = open.find((v) => v.placement === 'right')
  const overlay = open.find((v) => v.placement === 'overlay')
  const style = {
    gridTemplateColumns: `${RAIL_PX}px ${left ? `${dockWidth('left', windowWidth)}px` : '0'} minmax(0, 1fr) ${right ? `${dockWidth('right', windowWidth)}px` : '0'}`,
    '--reader-min-pane': `${READER_MIN_PANE_PX}px`,
  } as CSSProperties

  const panel = (view: WorkspaceView) => {
    const shown = openIds.has(view.id)
    if (!shown && !mounted.has(view.id)) return null
    const title = view.title ?? view.label
    // A folded view stays laid out, out of sight and out of reach, rather than `display: none`: its
    // virtual lists keep their measured rows (a list measured at zero height never draws again).
    const folded = shown ? undefined : ({ width: view.placement === 'overlay' ? windowWidth - RAIL_PX : dockWidth(view.placement, windowWidth) } as CSSProperties)
    if (view.placement === 'overlay') {
      return (
        <section
          key={view.id}
          id={viewDomId(view.id)}
          aria-label={title}
          className={`overlay-view view-${view.id}${shown ? '' : ' folded'}`}
          data-area
          style={folded}
          inert={!shown}
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !e.defaultPrevented) {
              e.stopPropagation()
              closeView(view.id)
            }
          }}
        >
          <header className="overlay-header">
            <h2>{title}</h2>
            <button type="button" onClick={() => closeView(view.id)} title="Escape">
              Close {title.toLowerCase()}
            </button>
          </header>
          {drawn(view)}
        </section>
      )
    }
    return (
      <section
        key={view.id}
        id={viewDomId(view.id)}
        aria-label={title}
        className={`dock dock-${view.placement} view-${view.id}${shown ? '' : ' folded'}`}
        data-area
        style={folded}
        inert={!shown}
        tabIndex={-1}
      >
        {drawn(view)}
      </section>
    )
  }

  return (
    <div className={overlay ? 'workbench with-overlay' : 'workbench'} style={style}>
      <nav aria-label="Views" className="rail">
        {views.map((view) => {
          const pressed = openIds.has(view.id)
          return (
            <button
              key={view.id}
              type="button"
              className="rail-button"
              aria-pressed={pressed}
              aria-controls={mounted.has(view.id) ? viewDomId(view.id) : undefined}
              aria-keyshortcuts={ariaShortcut(view.shortcut)}
              title={`${pressed ? 'Hide' : 'Show'} ${(view.title ?? view.label).toLowerCase()} (${view.shortcut})`}
              onClick={() => toggleView(view.id)}
            >
              <span className="rail-icon" aria-hidden="true">
                {view.icon}
              </span>
              <span className="rail-label">{view.label}</span>
            </button>
          )
        })}
      </nav>
      <div className="dock-slot dock-slot-left" inert={overlay !== undefined}>
        {views.filter((v) => v.placement === 'left').map(panel)}
      </div>
      <div className="readers-slot" inert={overlay !== undefined}>
        {!firstOnly && readers}
      </div>
      <div className="dock-slot dock-slot-right" inert={overlay !== undefined}>
        {views.filter((v) => v.placement === 'right').map(panel)}
      </div>
      {views.filter((v) => v.placement === 'overlay').map(panel)}
      <footer className="status-bar" aria-label="Status">
        {!firstOnly && statusBar}
      </footer>
    </div>
  )
}

/**
 * F6 and Shift+F6: the focus goes to the next (or previous) area of the screen, in the order drawn:
 * the left panel, each reader, the right panel (or, while one is open, the overlay alone). An area is
 * any element marked `data-area`; a reader hands the focus to its text when it shows an article.
 */
function moveBetweenAreas(step: 1 | -1): void {
  const areas = [...document.querySelectorAll<HTMLElement>('[data-area]')].filter((el) => !el.closest('[inert]') && el.getClientRects().length > 0)
  if (areas.length === 0) return
  const current = areas.findIndex((el) => el.contains(document.activeElement))
  const next = areas[current < 0 ? (step === 1 ? 0 : areas.length - 1) : (current + step + areas.length) % areas.length]!
  const target = next.querySelector<HTMLElement>('[data-area-focus]') ?? next
  target.focus()
}

function viewDomId(id: string): string {
  return `view-${id}`
}

function readOpenViews(known: ReadonlyMap<string, WorkspaceView>): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(OPEN_VIEWS_KEY) ?? 'null') as unknown
    if (Array.isArray(saved)) return saved.filter((id): id is string => typeof id === 'string' && known.has(id))
  } catch {
    // Unreadable: start as on a first run.
  }
  return DEFAULT_OPEN.filter((id) => known.has(id))
}

// Read through useSyncExternalStore rather than a state set from a listener: a resize that lands
// between the first render and the effect that subscribes would otherwise go unseen, and the layout
// would stay fitted to the old width until the next resize.
function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange)
  return () => window.removeEventListener('resize', onChange)
}

function useWindowWidth(): number {
  return useSyncExternalStore(subscribeToResize, () => window.innerWidth)
}

/** 'Ctrl+Shift+3': Ctrl (or Cmd on a Mac) and Shift held, the key by position (Shift turns 3 into #). */
export function matchesShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'code' | 'key'>, shortcut: string): boolean {
  const parts = shortcut.split('+')
  const key = parts.pop() ?? ''
  const wants = new Set(parts.map((p) => p.toLowerCase()))
  if ((e.ctrlKey || e.metaKey) !== wants.has('ctrl') || e.shiftKey !== wants.has('shift') || e.altKey !== wants.has('alt')) return false
  if (/^\d$/.test(key)) return e.code === `Digit${key}`
  if (/^[a-z]$/i.test(key)) return e.code === `Key${key.toUpperCase()}`
  return e.key === key
}

function ariaShortcut(shortcut: string): string {
  return shortcut.replace(/\bCtrl\b/, 'Control')
}
