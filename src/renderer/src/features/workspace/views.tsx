// The rail's views: each entry is one button on the rail, one keyboard shortcut, and one panel.
//
// HOW TO ADD A VIEW (one entry, appended at the end of WORKSPACE_VIEWS):
//   1. Build your panel as a component in your own feature folder, e.g.
//      features/entities/EntitiesView.tsx, taking what it needs from WorkspaceContext
//      (workspace-context.ts: api, revision, board, run, openArticle, onError, …).
//   2. Append an entry here:
//        { id: 'entities', label: 'Entities', title: 'Entities', shortcut: 'Ctrl+Shift+4', icon: '◉',
//          placement: 'overlay', render: (ctx) => <EntitiesView api={ctx.api} revision={ctx.revision} … /> }
//      - id: stable, lower-case; also remembered in the browser between sessions.
//      - label: the word under the icon on the rail (short: one word) and the button's name.
//      - title: the panel's accessible name (a region; e2e tests find it by it). Defaults to label.
//      - shortcut: 'Ctrl+Shift+<digit>'; take the next free digit (Ctrl means Cmd on a Mac).
//      - icon: one character, shown above the label (decorative: hidden from screen readers), one
//        that common fonts have (DejaVu Sans on Linux: ⧗ drew an empty box there) and no other view uses.
//      - placement: 'left' or 'right' docks it beside the readers (one view per side at a time;
//        at narrow widths the panel opened least recently folds into the rail so readers keep
//        320 px of text); 'overlay' covers the work area (wide tables, timelines) and never
//        squeezes the readers. An overlay closes with Escape, its Close button or its rail button.
//      - render: called whenever the workbench renders; keep state in your component. A view is
//        mounted when first opened and kept (hidden) when closed, so it keeps its scroll and inputs.
//      - drawnFirst (optional): on the app's first load, drawn before every other view, the readers
//        and the status bar (they follow once its first screen is painted). Only the claim board.
//   Shortcuts taken: Ctrl+Shift+1 library, 2 claim board, 3 matrix, 4 timeline, 5 team sync, 6 metadata, 7 entities. Digits 8–9 are free.

import type { ReactNode } from 'react'
import { ClaimBoard } from '../claim-board/ClaimBoard'
import { EntitiesPanel } from '../entities/EntitiesPanel'
import { MatrixView } from '../claim-board/MatrixView'
import { ExchangePanel } from '../exchange/ExchangePanel'
import { ImportPanel } from '../import/ImportPanel'
import { LibraryPanel } from '../library/LibraryPanel'
import { MetadataTable } from '../metadata/MetadataTable'
import { SearchPanel } from '../search/SearchPanel'
import { TimelinePanel } from '../timeline/TimelinePanel'
import { SyncPanel } from '../sync/SyncPanel'
import type { ViewPlacement } from './dock-layout'
import type { WorkspaceContext } from './workspace-context'

export interface WorkspaceView {
  id: string
  label: string
  title?: string
  shortcut: string
  icon: string
  placement: ViewPlacement
  render: (ctx: WorkspaceContext) => ReactNode
  drawnFirst?: boolean
}

export const WORKSPACE_VIEWS: readonly WorkspaceView[] = [
  {
    id: 'library',
    label: 'Library',
    shortcut: 'Ctrl+Shift+1',
    icon: '☰',
    placement: 'left',
    render: (ctx) => (
      <>
        <header className="library-header">
          <h1>Triangulate</h1>
          <span className="shell-kind">{ctx.connection.shell === 'desktop' ? 'Desktop' : 'Browser shell'}</span>
        </header>
        <ImportPanel connection={ctx.connection} importJob={ctx.importJob} />
        <SearchPanel
          connection={ctx.connection}
          paneCount={ctx.readers.paneCount}
          onOpenHit={(hit, pane) => ctx.openArticle(hit.articleId, { pane, passage: hit.hit ?? undefined })}
        />
        <LibraryPanel
          api={ctx.api}
          revision={ctx.revision}
          paneCount={ctx.readers.paneCount}
          openArticleIds={ctx.readers.openArticleIds}
          importing={ctx.importJob.job?.state === 'running'}
          onOpen={(id, pane) => ctx.openArticle(id, { pane })}
          onLoadSample={() => void ctx.importJob.run(() => ctx.api.importSampleCorpus({}))}
          onError={ctx.onError}
          onlyArticles={ctx.entity.onlyArticles}
        />
      </>
    ),
  },
  {
    id: 'board',
    label: 'Claims',
    title: 'Claim board',
    shortcut: 'Ctrl+Shift+2',
    icon: '▥',
    placement: 'right',
    // What the analyst waits for on opening the app: its first screen is drawn alone (Workspace).
    drawnFirst: true,
    render: (ctx) => (
      <>
        <ClaimBoard
          board={ctx.board}
          api={ctx.api}
          run={ctx.run}
          view={ctx.isViewOpen('matrix') ? 'matrix' : 'cards'}
          onViewChange={(view) => (view === 'matrix' ? ctx.openView('matrix') : ctx.closeView('matrix'))}
          onOpenEvidence={(articleId, highlightId) => ctx.openArticle(articleId, { highlightId })}
          onOpenSources={ctx.openSources}
          onExportCsv={ctx.exportCsv}
          onError={ctx.onError}
        />
        <ExchangePanel connection={ctx.connection} run={ctx.run} onNotice={ctx.onNotice} />
      </>
    ),
  },
  {
    id: 'matrix',
    label: 'Matrix',
    title: 'Evidence matrix',
    shortcut: 'Ctrl+Shift+3',
    icon: '▦',
    placement: 'overlay',
    render: (ctx) => (
      <MatrixView
        board={ctx.board}
        api={ctx.api}
        onError={ctx.onError}
        onOpenEvidence={(articleId, highlightId) => {
          ctx.closeView('matrix')
          ctx.openArticle(articleId, { highlightId })
        }}
      />
    ),
  },
  {
    id: 'timeline',
    label: 'Timeline',
    title: 'Dated events',
    shortcut: 'Ctrl+Shift+4',
    icon: '⇢',
    placement: 'overlay',
    render: (ctx) => (
      <TimelinePanel
        api={ctx.api}
        revision={ctx.revision}
        claims={ctx.board.claims.map((c) => c.claim)}
        selectedEntity={ctx.entity.selected?.entity ?? null}
        onError={ctx.onError}
        onOpenEvent={(event) => {
          ctx.closeView('timeline')
          ctx.openArticle(event.articleId, { passage: { start: event.sentenceStart, end: event.sentenceEnd } })
        }}
      />
    ),
  },
  {
    // Team sync (issue 19): docked on the left, so the claim board stays in view while conflicts are settled.
    id: 'sync',
    label: 'Sync',
    title: 'Team sync',
    shortcut: 'Ctrl+Shift+5',
    icon: '⇅',
    placement: 'left',
    render: (ctx) => <SyncPanel api={ctx.api} revision={ctx.revision} run={ctx.run} onError={ctx.onError} />,
  },
  {
    // Outlets, dates and authors of every article at once: sorted, filtered, edited in bulk or pasted as a column.
    id: 'metadata',
    label: 'Metadata',
    title: 'Metadata table',
    shortcut: 'Ctrl+Shift+6',
    icon: '✎',
    placement: 'overlay',
    render: (ctx) => <MetadataTable api={ctx.api} revision={ctx.revision} run={ctx.run} />,
  },
  {
    // Who and where across spellings (issue 17): docked on the right, so the library it filters stays beside it.
    id: 'entities',
    label: 'Entities',
    title: 'Entities',
    shortcut: 'Ctrl+Shift+7',
    icon: '◉',
    placement: 'right',
    render: (ctx) => (
      <EntitiesPanel api={ctx.api} revision={ctx.revision} selected={ctx.entity.selected} onSelect={ctx.entity.select} onChanged={ctx.changed} onError={ctx.onError} />
    ),
  },
]
