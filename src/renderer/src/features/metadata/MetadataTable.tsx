// The metadata table: every article with its title, outlet (and where that came from), date, author,
// URL and the origins its own credits name. Sort by any column, filter by any words, select many rows
// (Shift+click for a range) and set their outlet or date at once, or paste a column of values onto
// the selected rows in order. Every change is one undoable step (Ctrl+Z), and an edited field is kept
// across re-imports (the article remembers the analyst edited it). Rows are virtualised: 10,000
// articles draw a screenful.

import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ArticleMetadataChange, ArticleMetadataRow } from '../../../../shared/provenance/metadata-row'
import type { Api } from '../../lib/api-client'

interface Props {
  api: Api
  /** Changes after every store change: the rows are fetched again. */
  revision: number
  /** Runs a store change: errors are shown, every view refreshes after it, and the service's history makes it undoable (Ctrl+Z). */
  run: (work: () => Promise<unknown>) => void
}

type Column = 'title' | 'outlet' | 'date' | 'author' | 'url' | 'origins'
const COLUMNS: { key: Column; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'date', label: 'Date' },
  { key: 'author', label: 'Author' },
  { key: 'url', label: 'URL' },
  { key: 'origins', label: 'Inferred origins' },
]
/** Fields a pasted column can fill. */
const PASTABLE = ['outlet', 'date', 'author', 'url', 'title'] as const
type Pastable = (typeof PASTABLE)[number]

const ROW_PX = 30
const OVERSCAN_ROWS = 10

const cellText = (row: ArticleMetadataRow, column: Column) => (column === 'origins' ? row.origins.join(', ') : (row[column] ?? ''))

export function MetadataTable({ api, revision, run }: Props) {
  const [rows, setRows] = useState<ArticleMetadataRow[]>([])
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'title', descending: false })
  const [filter, setFilter] = useState('')
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [anchor, setAnchor] = useState<string | null>(null)
  const [outlet, setOutlet] = useState('')
  const [date, setDate] = useState('')
  const [pasted, setPasted] = useState('')
  const [pasteField, setPasteField] = useState<Pastable>('outlet')
  const scroller = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    api.listArticleMetadata({}).then(
      (r) => live && setRows(r),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [api, revision])

  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
    const matching = rows.filter((r) => {
      const text = COLUMNS.map((c) => cellText(r, c.key))
        .join(' ')
        .toLowerCase()
      return words.every((w) => text.includes(w))
    })
    const sign = sort.descending ? -1 : 1
    return matching.sort((a, b) => sign * cellText(a, sort.column).localeCompare(cellText(b, sort.column)) || a.id.localeCompare(b.id))
  }, [rows, filter, sort])

  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: OVERSCAN_ROWS })
  const items = virtualizer.getVirtualItems()
  const padTop = items[0]?.start ?? 0
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)

  const selectedInOrder = shown.filter((r) => selected.has(r.id))

  /** Applies one set of changes as one undoable step (the service names it in the undo bar). */
  const apply = (_label: string, changes: ArticleMetadataChange[]) =>
    run(async () => {
      if (changes.length > 0) await api.updateArticles({ changes })
    })

  const toggle = (id: string, range: boolean) => {
    const next = new Set(selected)
    if (range && anchor) {
      const from = shown.findIndex((r) => r.id === anchor)
      const to = shown.findIndex((r) => r.id === id)
      for (const r of shown.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(r.id)
    } else if (next.has(id)) next.delete(id)
    else next.add(id)
    setAnchor(id)
    setSelected(next)
  }
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.id))
  const plural = (n: number) => `${n} ${n === 1 ? 'article' : 'articles'}`

  return (
    // The rail's overlay is the region that names it ("Metadata table").
    <div className="metadata-table">
      <header>
        <h1>Metadata</h1>
        <input type="search" aria-label="Filter metadata" placeholder="Filter by any column" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="library-count">
          {shown.length} of {rows.length} articles · {selected.size} selected
        </span>
      </header>
      <div className="metadata-bulk" role="group" aria-label="Edit selected articles">
        <label>
          Outlet <input aria-label="Outlet for selected articles" value={outlet} onChange={(e) => setOutlet(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() =>
            apply(
              `Set outlet of ${plural(selectedInOrder.length)}`,
              selectedInOrder.map((r) => ({ id: r.id, outlet: outlet.trim() === '' ? null : outlet.trim() })),
            )
          }
        >
          Set outlet
        </button>
        <label>
          Date <input type="date" aria-label="Date for selected articles" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() =>
            apply(
              `Set date of ${plural(selectedInOrder.length)}`,
              selectedInOrder.map((r) => ({ id: r.id, date: date === '' ? null : date })),
            )
          }
        >
          Set date
        </button>
        <label>
          Paste a column into{' '}
          <select aria-label="Column to paste into" value={pasteField} onChange={(e) => setPasteField(e.target.value as Pastable)}>
            {PASTABLE.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <textarea
          aria-label="Pasted values, one per line"
          rows={2}
          placeholder="One value per line, for the selected rows in order"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
        <button
          type="button"
          disabled={selected.size === 0 || pasted.trim() === ''}
          onClick={() => {
            const values = pasted.replace(/\r/g, '').split('\n')
            const changes = selectedInOrder.slice(0, values.length).map((r, i): ArticleMetadataChange => {
              const value = (values[i] as string).trim()
              return { id: r.id, [pasteField]: value === '' && pasteField !== 'title' ? null : value }
            })
            apply(
              `Pasted ${pasteField} into ${plural(changes.length)}`,
              changes.filter((c) => c.title !== ''),
            )
          }}
        >
          Apply pasted column
        </button>
      </div>
      <div ref={scroller} className="metadata-scroller">
        <table>
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select every article shown"
                  checked={allShownSelected}
                  onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((r) => r.id)))}
                />
              </th>
              {COLUMNS.map((c) => (
                <th key={c.key} aria-sort={sort.column === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" onClick={() => setSort({ column: c.key, descending: sort.column === c.key && !sort.descending })}>
                    {c.label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: padTop }} colSpan={COLUMNS.length + 1} />
              </tr>
            )}
            {items.map((item) => {
              const row = shown[item.index] as ArticleMetadataRow
              return (
                <tr key={row.id} aria-label={row.title} aria-selected={selected.has(row.id)} style={{ height: ROW_PX }}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.title}`}
                      checked={selected.has(row.id)}
                      onChange={() => undefined}
                      onClick={(e) => toggle(row.id, e.shiftKey)}
                    />
                  </td>
                  <td className="metadata-title" title={row.title}>
                    {row.title}
                  </td>
                  <td title={row.outletSource ? `From: ${row.outletSource}` : undefined}>
                    {row.outlet ?? '—'}
                    {row.outletSource && <span className="outlet-source"> ({row.outletSource})</span>}
                  </td>
                  <td>{row.date ?? '—'}</td>
                  <td>{row.author ?? ''}</td>
                  <td className="metadata-url" title={row.url ?? undefined}>
                    {row.url ?? ''}
                  </td>
                  <td>{row.origins.join(', ')}</td>
                </tr>
              )
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: padBottom }} colSpan={COLUMNS.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
