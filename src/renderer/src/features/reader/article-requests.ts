// The article a reader is about to show, asked for the moment it is chosen (the click in the library,
// on the board, in a search hit) rather than once the workbench has re-rendered for the choice and the
// pane's effect runs: the service's answer travels while React draws. A pane takes the request made
// for it when the article and the revision still match, and asks again otherwise.

import type { ArticleView } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'

export interface ArticleRequests {
  /** Starts fetching an article a pane is about to show, at the store's current revision. */
  ask: (articleId: string, revision: number) => void
  /** The article, from the request already made for it at this revision if there is one, else a new one. */
  take: (articleId: string, revision: number) => Promise<ArticleView>
}

export function articleRequests(api: Pick<Api, 'getArticle'>): ArticleRequests {
  const asked = new Map<string, { revision: number; answer: Promise<ArticleView> }>()
  return {
    ask(articleId, revision) {
      const answer = api.getArticle({ id: articleId })
      // A request no pane takes (the pane closed first) must not be reported as unhandled; one a pane
      // takes reports its error there.
      answer.catch(() => undefined)
      asked.set(articleId, { revision, answer })
    },
    take(articleId, revision) {
      const request = asked.get(articleId)
      asked.delete(articleId)
      return request && request.revision === revision ? request.answer : api.getArticle({ id: articleId })
    },
  }
}
