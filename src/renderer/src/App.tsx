// The workbench: reader panes side by side, with the library, the claim board and the other views
// of the rail (features/workspace/views.tsx) around them. Holds what the panes show; everything
// else is fetched from the service after each change.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useImportJob } from './features/import/ImportPanel'
import type { EntitySelection } from './features/entities/EntitiesPanel'
import { ReaderDeck } from './features/reader/ReaderDeck'
import { ReaderPane, type PaneTarget } from './features/reader/ReaderPane'
import { articleRequests } from './features/reader/article-requests'
import { WORKSPACE_VIEWS } from './features/workspace/views'
import { Workspace } from './features/workspace/Workspace'
import type { OpenArticleOptions } from './features/workspace/workspace-context'
import { MAX_PANES } from '../../shared/model'
import type { Connection } from './lib/api-client'
import { exportCsvFromMain, saveTextFile } from './lib/save-file'
import { UndoBar } from './features/history/UndoBar'
import { AnalysisProgress } from './features/metadata/AnalysisProgress'
import { useCommandHistory } from './features/history/use-command-history'
import { useSyncRefresh } from './features/sync/use-sync-refresh'
import { useClaimBoard } from './features/claim-board/fetch-claim-board'

const DEFAULT_PANES = 2
/** Saving the layout waits for the analyst to stop dragging a divider. */
const SAVE_LAYOUT_DELAY_MS = 400

export function App({ connection }: { connection: Connection }) {
  const { api } = connection
  const [panes, setPanes] = useState<(PaneTarget | null)[]>(Array(DEFAULT_PANES).fill(null))
  const [weights, setWeights] = useState<number[]>(Array(DEFAULT_PANES).fill(1))
  const [layoutLoaded, setLayoutLoaded] = useState(false)
  // Reader panes in the order the analyst last used them (most recent last): an article opened
  // without a chosen pane goes to an empty one, else to the one used least recently.
  const paneUse = useRef<number[]>([])
  const setActivePane = (index: number) => {
    paneUse.current = [...paneUse.current.filter((i) => i !== index), index]
  }
  const [revision, setRevision] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const [storeNotices, setStoreNotices] = useState<string[]>([])
  const [entity, setEntity] = useState<EntitySelection | null>(null)
  const entityArticleIds = useMemo(() => (entity ? [...entity.mentions.keys()] : null), [entity])
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
  // A sync that brought teammates' changes refreshes every view (issue 19).
  useSyncRefresh(api, changed)
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

  // The first load draws the board's first screen, then the full board (fetch-claim-board.ts). The
  // library fetches its own pages (LibraryPanel): the renderer never holds the whole corpus.
  const { board, firstScreenPainted } = useClaimBoard(api, revision, layoutLoaded, setError)
  // An article chosen for a reader is asked for at once, while the workbench re-renders for it.
  const articles = useMemo(() => articleRequests(api), [api])

  const openArticle = (articleId: string, { pane, highlightId, passage }: OpenArticleOptions = {}) => {
    const already = panes.findIndex((p) => p?.articleId === articleId)
    const empty = panes.findIndex((p) => p === null)
    const leastRecentlyUsed = panes.findIndex((_, i) => !paneUse.current.includes(i))
    const index =
      pane ?? (already >= 0 ? already : empty >= 0 ? empty : leastRecentlyUsed >= 0 ? leastRecentlyUsed : (paneUse.current.find((i) => i < panes.length) ?? 0))
    setActivePane(index)
    if (panes[index]?.articleId !== articleId) articles.ask(articleId, revision)
    setPanes((current) => current.map((p, i) => (i === index ? { articleId, highlightId, passage, nonce: Date.now() } : p)))
  }
  // One reader per source, as many as fit: the claim's accounts side by side.
  const openSources = (evidence: { articleId: string; highlightId: string }[]) => {
    const shown = evidence.slice(0, MAX_PANES)
    for (const [i, e] of shown.entries()) if (panes[i]?.articleId !== e.articleId) articles.ask(e.articleId, revision)
    setPanes(shown.map((e, i) => ({ articleId: e.articleId, highlightId: e.highlightId, nonce: Date.now() + i })))
    setWeights(shown.map(() => 1))
    paneUse.current = []
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
  if (!layoutLoaded) return <StartScreen error={error} />

  const context = {
    connection,
    api,
    revision,
    board,
    run,
    changed,
    onError: showError,
    onNotice: setNotice,
    openArticle,
    openSources,
    readers: { paneCount: panes.length, openArticleIds: panes.flatMap((p) => (p ? [p.articleId] : [])) },
    importJob,
    exportCsv: (claimIds: string[] | null) => void exportCsv(claimIds),
    entity: {
      selected: entity,
      select: setEntity,
      onlyArticles: entity && entityArticleIds ? { label: entity.entity.name, ids: entityArticleIds, onClear: () => setEntity(null) } : null,
    },
  }

  return (
    <>
      <Workspace
        views={WORKSPACE_VIEWS}
        context={context}
        paneCount={panes.length}
        drawFirstOnly={!firstScreenPainted}
        readers={
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
                  entityMentions={entity?.mentions ?? null}
                  articles={articles}
                  onClose={() => {
                    if (panes.length > 1) {
                      setPanes((current) => current.filter((_, j) => j !== i))
                      setWeights((current) => current.filter((_, j) => j !== i))
                      paneUse.current = []
                    } else setPanes([null])
                  }}
                />
              ))}
            </ReaderDeck>
          </main>
        }
        statusBar={
          <>
            <AnalysisProgress api={api} revision={revision} onDone={changed} />
            <UndoBar history={history} />
          </>
        }
      />
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
    </>
  )
}

/**
 * What shows until the store is open: a line saying so, or, when it cannot be reached (the shell
 * stopped, or restarted with a new access token since this tab was opened), why and what to do.
 */
function StartScreen({ error }: { error: string | null }) {
  if (!error) return <p className="placeholder start-screen">Opening the store…</p>
  return (
    <div className="start-screen" role="alert" aria-label="Cannot open the store">
      <h1>Triangulate cannot reach its store</h1>
      <p>{error}</p>
      <button type="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </div>
  )
}
