// Corrects an article's metadata by hand (title, date, outlet, author, URL). The outlet decides which
// source its evidence counts for; corrections survive a re-import of the file.

import { useState } from 'react'
import type { Article } from '../../../../shared/model'

export interface ArticleDetailsEdit {
  title: string
  date: string | null
  outlet: string | null
  author: string | null
  url: string | null
}

interface Props {
  article: Article
  onSave: (edit: ArticleDetailsEdit) => void
  onCancel: () => void
}

export function ArticleDetails({ article, onSave, onCancel }: Props) {
  const [fields, setFields] = useState({
    title: article.title,
    date: article.date ?? '',
    outlet: article.outlet ?? '',
    author: article.author ?? '',
    url: article.url ?? '',
  })
  const field = (name: keyof typeof fields, label: string, extra: { type?: string; pattern?: string; placeholder?: string } = {}) => (
    <label>
      {label}
      <input aria-label={label} value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} {...extra} />
    </label>
  )
  return (
    <form
      className="article-details"
      aria-label="Article details"
      onSubmit={(e) => {
        e.preventDefault()
        const orNull = (v: string) => (v.trim() === '' ? null : v.trim())
        onSave({ title: fields.title.trim(), date: orNull(fields.date), outlet: orNull(fields.outlet), author: orNull(fields.author), url: orNull(fields.url) })
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      {field('title', 'Title')}
      {field('outlet', 'Outlet', { placeholder: 'Who published it' })}
      {field('date', 'Date', { pattern: '\\d{4}-\\d{2}-\\d{2}', placeholder: 'YYYY-MM-DD' })}
      {field('author', 'Author')}
      {field('url', 'URL')}
      <div className="popover-actions">
        <button type="submit" disabled={!fields.title.trim()}>
          Save details
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
