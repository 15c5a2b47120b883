// What every view on the rail is given to draw itself and act: the service, the claim board as last
// fetched, a way to open an article in a reader, and the workbench's refresh and message channels.
// App builds one per render; a view takes what it needs and keeps its own state.

import type { BoardView } from '../../../../shared/claims/board-view'
import type { Api, Connection } from '../../lib/api-client'
import type { EntitySelection } from '../entities/EntitiesPanel'
import type { ImportJob } from '../import/ImportPanel'

export interface OpenArticleOptions {
  /** The reader to use (0-based); without it, the reader already showing the article, or the least recently used. */
  pane?: number
  /** A highlight to scroll to and select. */
  highlightId?: string
  /** A passage to mark and scroll to (a search hit). */
  passage?: { start: number; end: number }
}

export interface WorkspaceContext {
  connection: Connection
  api: Api
  /** Changes after every store change: a view that fetches refetches when it changes. */
  revision: number
  /** The claim board as last fetched (claims, their evidence, articles and sources). */
  board: BoardView
  /** Runs a store change: errors are shown, and every view refreshes after it. */
  run: (work: () => Promise<unknown>) => void
  /** Says the store changed outside `run` (every view refreshes). */
  changed: () => void
  onError: (message: string) => void
  onNotice: (message: string) => void
  openArticle: (articleId: string, options?: OpenArticleOptions) => void
  /** Shows several passages side by side, one reader each (a claim's sources). */
  openSources: (evidence: { articleId: string; highlightId: string }[]) => void
  readers: { paneCount: number; openArticleIds: readonly string[] }
  importJob: ImportJob
  exportCsv: (claimIds: string[] | null) => void
  /** The entity chosen in the entities view: the library shows only its articles, the readers mark its mentions. */
  entity: {
    selected: EntitySelection | null
    select: (selection: EntitySelection | null) => void
    onlyArticles: { label: string; ids: readonly string[]; onClear: () => void } | null
  }
  /** Whether a view is open, and opening or closing one (the rail's buttons do the same). */
  isViewOpen: (id: string) => boolean
  openView: (id: string) => void
  closeView: (id: string) => void
}
