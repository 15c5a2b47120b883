// The analysis the runner's tests index: words per article, and a failure for a text saying FAIL-ANALYSIS.

import type { DerivedArticle } from './derived-worker-protocol'

export function countWordsForTest(article: DerivedArticle): { words: number; thread: string } {
  if (article.text.includes('FAIL-ANALYSIS')) throw new Error('this text asks to fail')
  return { words: article.text.split(/\s+/).filter(Boolean).length, thread: 'main' }
}
