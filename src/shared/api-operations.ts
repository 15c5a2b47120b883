// The names of the contract's operations, alone, so the sandboxed preload can expose exactly these
// without bundling the schemas. src/shared/api.ts checks it covers every operation and no other.

export const operationNames = [
  'stats',
  'listArticles',
  'getArticle',
  'updateArticle',
  'startImport',
  'importSampleCorpus',
  'watchFolder',
  'unwatchFolder',
  'listWatchedFolders',
  'getImportJob',
  'cancelImport',
  'createHighlight',
  'deleteHighlight',
  'createClaim',
  'linkEvidence',
  'unlinkEvidence',
  'getClaimBoard',
  'getEvidence',
  'updateClaim',
  'deleteClaim',
  'mergeClaims',
  'moveEvidence',
  'updateEvidence',
  'gradeSource',
  'suggestMatches',
  'search',
  'getUiState',
  'saveUiState',
  'exportClaimsCsv',
  'exportProject',
  'importProject',
  'takeIncoming',
  'exportWebAnnotations',
  'exportBrief',
  'exportQdpx',
  'derivedIndexStatus',
  'tagPassage',
  'splitEvidence',
  'undo',
  'redo',
  'getHistory',
  'getTimeline',
  'exportTimelineCsv',
  'listFolders',
] as const

export type OperationName = (typeof operationNames)[number]

export const IPC_CHANNEL_PREFIX = 'triangulate:'
export const DESKTOP_CHANNELS = {
  pickFolder: 'desktop:pick-folder',
  saveTextFile: 'desktop:save-text-file',
  saveBriefPdf: 'desktop:save-brief-pdf',
  exportClaimsCsvFile: 'desktop:export-claims-csv-file',
} as const
