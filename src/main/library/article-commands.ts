// The analyst's corrections to an article's details (title, date, outlet, author, url), as a command:
// undoable, and kept through re-imports (the fields edited by hand are listed on the article).

import { EDITABLE_ARTICLE_FIELDS, type Article, type EditableArticleField } from '../../shared/model'
import { quoteForLabel, registerCommand } from '../commands/command-kind'

export type ArticleEdit = { id: string } & Partial<Record<EditableArticleField, string | null>>

export const updateArticleCommand = registerCommand({
  kind: 'article.update',
  label: ({ id }: ArticleEdit, store) => `Edited details of ${quoteForLabel(store.getArticle(id)?.title ?? id)}`,
  apply: async (ctx, { id, ...changes }: ArticleEdit): Promise<Article> => {
    const article = ctx.store.requireArticle(id)
    const fields = EDITABLE_ARTICLE_FIELDS.filter((f) => changes[f] !== undefined)
    const blankToNull = (v: string | null | undefined) => (v === '' ? null : v)
    const updated: Article = {
      ...article,
      ...Object.fromEntries(fields.map((f) => [f, f === 'title' ? changes.title : blankToNull(changes[f])])),
      edited: [...new Set([...article.edited, ...fields])],
      // An outlet set by hand says so (DECISIONS section 8's outlet_source).
      ...(fields.includes('outlet') ? { outletSource: 'analyst' as const } : {}),
    }
    await ctx.saveArticles([updated])
    return updated
  },
})
