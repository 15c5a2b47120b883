// The workbench: library on the left, two reader panes side by side, the claim board on the right.
// Holds what the panes show; everything else is fetched from the service after each change.

import { useCallback, useEffect, useMemo, useState } from 'react'
import type { BoardView } from '../../shared/claims/board-view'
import { TimelinePanel } from './features/timeline/TimelinePanel'
import { ClaimBoard } from './features/claim-board/ClaimBoard'
import { ExchangePanel } from './features/exchange/ExchangePanel'
import { ImportPanel, useImportJob } from './features/import/ImportPanel'
import { LibraryPanel } from './features/library/LibraryPanel'
import { SearchPanel } from './features/search/SearchPanel'
import { ReaderDeck } from './features/reader/ReaderDeck'
import { ReaderPane, type PaneTarget } from './features/reader/ReaderPane'
import { MAX_PANES } from '../../shared/model'
import type { Connection } from './lib/api-client'
import { exportCsvFromMain, saveTextFile } from './lib/save-file'
import { UndoBar } from './features/history/UndoBar'
import { useCommandHistory } from './features/history/use-command-history'
import { SyncPanel } from './features/sync/SyncPanel'
import { useSyncRefresh } from './features/sync/use-sync-refresh'

const DEFAULT_PANES = 2
/** Saving the layout waits for the analyst to stop dragging a divider. */
const SAVE_LAYOUT_DELAY_MS = 400
const EMPTY_BOARD: BoardView = { claims: [], articles: [], sources: [] }

export function App({ connection }: { connection: Connection }) {
  const { api } = connection
  const [board, setBoard] = useState<BoardView>(EMPTY_BOARD)
  const [panes, setPanes] = useState<(PaneTarget | null)[]>(Array(DEFAULT_PANES).fill(null))
  const [weights, setWeights] = useState<number[]>(Array(DEFAULT_PANES).fill(1))
  const [layoutLoaded, setLayoutLoaded] = useState(false)
  const [activePane, setActivePane] = useState(0)
  const [revision, setRevision] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const [storeNotices, setStoreNotices] = useState<string[]>([])
  const changed = useCallback(() => setRevision((r) => r + 1), [])

  // Whatever happened while opening the store (a damaged file restored from backup, an upgrade) is
  // the user's to know, once, at start.
  useEffect(() => {
    api.stats({}).then(
      (s) => setStoreNotices(s.notices),
      (e: Error) => setError(e.message),
    )
  }, [api])
  const showError = useCallback((message: string) => setError(message), [])
  const importJob = useImportJob(connection, changed)
  const history = useCommandHistory(api, revision, changed, showError)
  /** The time line opens over the readers, which keep their width and place (src/renderer/src/features/timeline). */
  const [timelineOpen, setTimelineOpen] = useState(false)
  /** Team sync's settings, status and conflicts open over the readers too (src/renderer/src/features/sync). */
  const [syncOpen, setSyncOpen] = useState(false)
  useSyncRefresh(api, changed)
  const [boardView, setBoardView] = useState<'cards' | 'matrix'>('cards')
  /** Runs a store change from the UI: errors are shown, and every view refreshes after it. */
  const run = useCallback(
    (work: () => Promise<unknown>) => {
      work().then(changed, (e: Error) => setError(e.message))
    },
    [changed],
  )

  // Reopen the articles the analyst had open, pane for pane.
  useEffect(() => {
    api.getUiState({}).then(
      (state) => {
        setPanes(state.panes.map((articleId, i) => (articleId ? { articleId, nonce: i } : null)))
        setWeights(state.paneWeights.length === state.panes.length ? state.paneWeights : state.panes.map(() => 1))
        setLayoutLoaded(true)
      },
      (e: Error) => setError(e.message),
    )
  }, [api])

  useEffect(() => {
    if (!layoutLoaded) return
    const timer = setTimeout(() => {
      api.saveUiState({ panes: panes.map((p) => p?.articleId ?? null), paneWeights: weights }).catch((e: Error) => setError(e.message))
    }, SAVE_LAYOUT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [api, layoutLoaded, panes.map((p) => p?.articleId ?? '').join(','), weights.join(',')])

  useEffect(() => {
    let live = true
    // The library fetches its own pages (LibraryPanel): the renderer never holds the whole corpus.
    api.getClaimBoard({}).then(
      (b) => live && setBoard(b),
      (e: Error) => live && setError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, revision])

  const openArticle = (articleId: string, pane?: number, highlightId?: string, passage?: { start: number; end: number }) => {
    // An article opened from anywhere (library, search, board) is for reading: the time line steps aside.
    setTimelineOpen(false)
    const already = panes.findIndex((p) => p?.articleId === articleId)
    const empty = panes.findIndex((p) => p === null)
    const index = pane ?? (already >= 0 ? already : empty >= 0 ? empty : activePane)
    setActivePane(index)
    setPanes((current) => current.map((p, i) => (i === index ? { articleId, highlightId, passage, nonce: Date.now() } : p)))
  }

  // The desktop app streams the CSV to the chosen file in the main process (100,000 rows never
  // cross IPC); the browser shell downloads it.
  const downloadCsv = async (claimIds: string[] | null) => {
    const { fileName, content } = await api.exportClaimsCsv(claimIds ? { claimIds } : {})
    return saveTextFile(connection, fileName, content, 'text/csv;charset=utf-8')
  }
  const exportCsv = async (claimIds: string[] | null) => {
    try {
      const saved = connection.desktop ? await exportCsvFromMain(connection.desktop, claimIds) : await downloadCsv(claimIds)
      if (saved) setNotice(`Exported ${claimIds?.length ?? board.claims.length} claim(s) to ${saved}.`)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const claims = useMemo(() => board.claims.map((c) => c.claim), [board])

  // Nothing is shown until the saved layout is back, so a click can never be undone by it arriving late.
  if (!layoutLoaded) return <p className="placeholder">Opening the store…</p>

  const importing = importJob.job?.state === 'running'

  return (
    <div className={boardView === 'matrix' ? 'workbench wide-board' : 'workbench'}>
      <section aria-label="Library" className="library">
        <header>
          <h1>Triangulate</h1>
          <span className="shell-kind">{connection.shell === 'desktop' ? 'Desktop' : 'Browser shell'}</span>
        </header>
        <ImportPanel connection={connection} importJob={importJob} />
        <SearchPanel connection={connection} onOpenHit={(hit) => openArticle(hit.articleId, undefined, undefined, hit.hit ?? undefined)} />
        <LibraryPanel
          api={api}
          revision={revision}
          paneCount={panes.length}
          openArticleIds={panes.flatMap((p) => (p ? [p.articleId] : []))}
          importing={importing}
          onOpen={(id, pane) => openArticle(id, pane)}
          onLoadSample={() => void importJob.run(() => api.importSampleCorpus({}))}
          onError={showError}
        />
      </section>
      <main className="readers">
        <div className="readers-toolbar">
          <button
            type="button"
            disabled={panes.length >= MAX_PANES}
            onClick={() => {
              setPanes((current) => [...current, null])
              setWeights((current) => [...current, 1])
            }}
          >
            Add reader
          </button>
          <button type="button" aria-pressed={timelineOpen} onClick={() => setTimelineOpen((open) => !open)}>
            Timeline
          </button>
          <button type="button" aria-pressed={syncOpen} onClick={() => setSyncOpen((open) => !open)}>
            Team sync
          </button>
        </div>
        <ReaderDeck weights={weights} onWeightsChange={setWeights}>
          {panes.map((target, i) => (
            <ReaderPane
              key={i}
              index={i}
              target={target}
              connection={connection}
              revision={revision}
              claims={claims}
              closable={panes.length > 1}
              onChanged={changed}
              onError={showError}
              onFocus={() => setActivePane(i)}
              onClose={() => {
                if (panes.length > 1) {
                  setPanes((current) => current.filter((_, j) => j !== i))
                  setWeights((current) => current.filter((_, j) => j !== i))
                  setActivePane(0)
                } else setPanes([null])
              }}
            />
          ))}
        </ReaderDeck>
        {timelineOpen && (
          <div className="timeline-overlay">
            <button type="button" className="timeline-close" aria-label="Close timeline" onClick={() => setTimelineOpen(false)}>
              ×
            </button>
            <TimelinePanel
              api={api}
              revision={revision}
              claims={claims}
              onError={showError}
              onOpenEvent={(event) => {
                setTimelineOpen(false)
                openArticle(event.articleId, undefined, undefined, { start: event.sentenceStart, end: event.sentenceEnd })
              }}
            />
          </div>
        )}
        {syncOpen && (
          <section aria-label="Team sync" className="sync-overlay">
            <button type="button" className="sync-overlay-close" aria-label="Close team sync" onClick={() => setSyncOpen(false)}>
              ×
            </button>
            <SyncPanel api={api} revision={revision} run={run} onError={showError} />
          </section>
        )}
      </main>
      <section aria-label="Claim board" className="claim-board">
        <ClaimBoard
          board={board}
          api={api}
          run={run}
          view={boardView}
          onViewChange={setBoardView}
          onOpenEvidence={(articleId, highlightId) => openArticle(articleId, undefined, highlightId)}
          onOpenSources={(evidence) => {
            // One reader per source, as many as fit: the claim's accounts side by side.
            const shown = evidence.slice(0, MAX_PANES)
            setPanes(shown.map((e, i) => ({ articleId: e.articleId, highlightId: e.highlightId, nonce: Date.now() + i })))
            setWeights(shown.map(() => 1))
            setActivePane(0)
          }}
          onExportCsv={(claimIds) => void exportCsv(claimIds)}
          onError={showError}
        />
        <ExchangePanel connection={connection} run={run} onNotice={setNotice} />
      </section>
      <UndoBar history={history} />
      {storeNotices.length > 0 && (
        <div className="store-notices" role="alert" aria-label="Store notices">
          <ul>
            {storeNotices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setStoreNotices([])}>
            Dismiss
          </button>
        </div>
      )}
      {(error || notice) && (
        <div className={error ? 'toast toast-error' : 'toast'} role={error ? 'alert' : 'status'}>
          <span>{error ?? notice}</span>
          <button
            type="button"
            aria-label="Dismiss message"
            onClick={() => {
              setError(null)
              setNotice(null)
            }}
          >
            ×
          </button>
        </div>
      )}
    </div>
  )
}
