// Handing work on and taking it in: the exports (claim summary CSV, project file, W3C annotations,
// REFI-QDA project, printable brief as HTML, Markdown or, in the desktop app, PDF) and merging a colleague's project file, with
// its conflicts shown side by side for the analyst to settle one by one.

import { useState } from 'react'
import type { MergeReport } from '../../../../shared/model'
import { ApiError, type Connection } from '../../lib/api-client'
import { saveBinaryFile, saveTextFile } from '../../lib/save-file'

interface Props {
  connection: Connection
  run: (work: () => Promise<unknown>) => void
  onNotice: (message: string) => void
}

type ExportKind = 'summary' | 'project' | 'annotations' | 'qdpx' | 'brief' | 'brief-markdown' | 'brief-pdf'

const EXPORT_LABELS: Record<ExportKind, string> = {
  summary: 'the claim summary',
  project: 'the project file',
  annotations: 'the W3C annotations',
  qdpx: 'the REFI-QDA project',
  brief: 'the brief',
  'brief-markdown': 'the Markdown brief',
  'brief-pdf': 'the brief as PDF',
}

export function ExchangePanel({ connection, run, onNotice }: Props) {
  const { api } = connection
  const [path, setPath] = useState('')
  const [report, setReport] = useState<MergeReport | null>(null)

  const save = async (kind: ExportKind): Promise<string | null> => {
    switch (kind) {
      case 'summary': {
        const file = await api.exportClaimsCsv({ claimsOnly: true })
        return saveTextFile(connection, file.fileName, file.content, 'text/csv;charset=utf-8')
      }
      case 'project': {
        const file = await api.exportProject({ includeTexts: true })
        return saveTextFile(connection, file.fileName, file.content, 'application/json')
      }
      case 'annotations': {
        const file = await api.exportWebAnnotations({})
        return saveTextFile(connection, file.fileName, file.content, 'application/ld+json')
      }
      case 'qdpx': {
        const file = await api.exportQdpx({})
        return saveBinaryFile(connection, file.fileName, file.contentBase64, 'application/zip')
      }
      case 'brief':
      case 'brief-markdown': {
        const markdown = kind === 'brief-markdown'
        const file = await api.exportBrief({ format: markdown ? 'markdown' : 'html' })
        return saveTextFile(connection, file.fileName, file.content, markdown ? 'text/markdown;charset=utf-8' : 'text/html;charset=utf-8')
      }
      case 'brief-pdf': {
        const result = await connection.desktop?.saveBriefPdf()
        if (!result) return null
        if (!result.ok) throw new ApiError(result.error.code, result.error.message)
        return result.value.path
      }
    }
  }

  const exportAs = (kind: ExportKind) =>
    run(async () => {
      const saved = await save(kind)
      if (saved) onNotice(`Exported ${EXPORT_LABELS[kind]} to ${saved}.`)
    })

  return (
    <details className="exchange">
      <summary>Exports and project files</summary>
      <div className="exchange-actions">
        <button type="button" onClick={() => exportAs('summary')}>
          Export claim summary CSV
        </button>
        <button type="button" onClick={() => exportAs('project')}>
          Export project file
        </button>
        <button type="button" onClick={() => exportAs('annotations')}>
          Export W3C annotations
        </button>
        <button type="button" onClick={() => exportAs('qdpx')} title="For ATLAS.ti, MAXQDA, NVivo or QualCoder: claims become codes">
          Export REFI-QDA project
        </button>
        <button type="button" onClick={() => exportAs('brief')}>
          Export printable brief
        </button>
        <button type="button" onClick={() => exportAs('brief-markdown')}>
          Export brief as Markdown
        </button>
        {connection.desktop ? (
          <button type="button" onClick={() => exportAs('brief-pdf')}>
            Save brief as PDF
          </button>
        ) : (
          <span className="exchange-hint">For a PDF, open the printable brief in a browser and print it to PDF.</span>
        )}
      </div>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault()
          run(async () => setReport(await api.importProject({ path })))
        }}
      >
        <input aria-label="Project file path" placeholder="Project file path (.json)" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        <button type="submit" disabled={!path.trim()}>
          Merge project
        </button>
      </form>
      {report && (
        <div role="status" aria-label="Merge report" className="import-report">
          <strong>Merged: </strong>
          {report.added.claim} claims, {report.added.highlight} highlights, {report.added.link} evidence links, {report.added.article} articles added · {report.unchanged}{' '}
          already the same · {report.conflicts.length} conflicts · {report.skipped.length} skipped
          {report.skipped.length > 0 && (
            <ul>
              {report.skipped.map((s) => (
                <li key={`${s.kind}:${s.id}`}>
                  {s.kind} {s.id}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {report.conflicts.length > 0 && (
            <ul aria-label="Conflicts">
              {report.conflicts.map((c) => (
                <li key={`${c.kind}:${c.id}`} className="conflict">
                  <span>
                    {c.kind} {c.id}
                  </span>
                  <div className="conflict-versions">
                    <pre aria-label="Yours">{describe(c.local)}</pre>
                    <pre aria-label="Theirs">{describe(c.incoming)}</pre>
                  </div>
                  <button type="button" onClick={() => setReport({ ...report, conflicts: report.conflicts.filter((x) => x !== c) })}>
                    Keep mine
                  </button>
                  {c.kind !== 'article' && (
                    <button
                      type="button"
                      onClick={() =>
                        run(async () => {
                          await api.takeIncoming({ kind: c.kind as 'highlight' | 'claim' | 'link' | 'source', id: c.id, incoming: c.incoming })
                          setReport({ ...report, conflicts: report.conflicts.filter((x) => x !== c) })
                        })
                      }
                    >
                      Take theirs
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  )
}

/** The fields a person compares, not the whole record. */
function describe(record: unknown): string {
  const r = record as Record<string, unknown>
  const keys = ['text', 'title', 'exact', 'stance', 'credibility', 'note', 'reliability', 'statusOverride', 'updatedAt']
  return keys
    .filter((k) => r[k] !== undefined && r[k] !== null && r[k] !== '')
    .map((k) => `${k}: ${typeof r[k] === 'object' ? JSON.stringify(r[k]) : String(r[k])}`)
    .join('\n')
}
