// Reads the figures of evidence for the service: once per highlight (kept while its quote is the
// same), with the decimal separator of its article's language, learnt when the evidence is linked
// (the article's text is open then). The board, the CLI, the exports and the brief all ask here, so a
// quote is parsed once per process, not once per view. Plain Node/TS: no electron.

import { claimFigureRecord, claimFiguresOf, figureRecordOf, type ClaimFigures } from '../../shared/figures/claim-figures'
import { summariseFigures, type FigureSummary } from '../../shared/figures/figure-summary'
import { suggestStanceFromFigures, type SourcedFigure, type StanceSuggestion } from '../../shared/figures/compare-figures'
import { DEFAULT_DECIMAL_SEPARATOR, figuresOfQuote } from '../../shared/figures/evidence-figures'
import type { Figure } from '../../shared/figures/figure'
import { guessDecimalSeparator, parseFigures, type DecimalSeparator } from '../../shared/figures/parse-figures'
import type { ClaimCard, Highlight, TextQuote } from '../../shared/model'
import { copyWith } from '../../shared/copy-with'
import { quoteKey, type KeptEvidenceFigures } from './kept-evidence-figures'

export class FigureReader {
  /**
   * By highlight id, with the quote the figures were read from: the record's own three strings, not
   * one string joining them (100,000 joined strings, two concatenations each, were ~10 MB the session
   * kept, and every lookup built and compared a new one).
   */
  private readonly byHighlight = new Map<string, { prefix: string; exact: string; suffix: string; separator: DecimalSeparator | undefined; figures: Figure[] }>()
  private readonly separators = new Map<string, DecimalSeparator>()

  /** `kept`: the figures of quotes read in earlier sessions (kept-evidence-figures.ts), looked up before a quote is parsed. */
  constructor(readonly kept: KeptEvidenceFigures | null = null) {}

  /**
   * Grows each time an article is learnt to write decimals otherwise than the default: figures of
   * its highlights not read yet would now be read otherwise (a board rebuilt from an earlier answer
   * checks it, board-builds.ts).
   */
  separatorsLearnt = 0

  /** Learns how an article writes decimals, from its text; call when its text is at hand. */
  noteArticleText(articleId: string, text: string): void {
    if (this.separators.has(articleId)) return
    const separator = guessDecimalSeparator(text)
    this.separators.set(articleId, separator)
    if (separator !== DEFAULT_DECIMAL_SEPARATOR) this.separatorsLearnt++
  }

  /** By record: records are replaced, never edited in place, so a record seen before has the same quote. */
  private readonly byRecord = new WeakMap<Highlight, { figures: Figure[]; separator: DecimalSeparator | undefined }>()

  figuresOf = (highlight: Highlight): Figure[] => {
    const seen = this.byRecord.get(highlight)
    if (seen) return seen.figures
    const figures = this.figuresOfQuote(highlight)
    this.byRecord.set(highlight, { figures, separator: this.separatorOf(highlight) })
    return figures
  }

  private figuresOfQuote(highlight: Highlight): Figure[] {
    const { prefix, exact, suffix } = highlight
    const known = this.byHighlight.get(highlight.id)
    if (known && known.exact === exact && known.prefix === prefix && known.suffix === suffix) return known.figures
    const separator = this.separators.get(highlight.articleId)
    const key = this.kept ? quoteKey(highlight, separator) : null
    let figures = key === null ? undefined : this.kept?.get(key)
    if (!figures) {
      figures = figuresOfQuote(highlight, separator)
      if (key !== null) this.kept?.set(key, figures)
    }
    this.byHighlight.set(highlight.id, { prefix, exact, suffix, separator, figures })
    return figures
  }

  /**
   * The decimal separator the highlight's figures were read with, or, not read yet, would be read
   * with now (an article's not known is read as the default): what a kept board answer's figures
   * depend on besides the quote (kept-board-answer.ts).
   */
  separatorOf(highlight: Highlight): DecimalSeparator {
    const seen = this.byRecord.get(highlight)
    if (seen) return seen.separator ?? DEFAULT_DECIMAL_SEPARATOR
    const known = this.byHighlight.get(highlight.id)
    const { prefix, exact, suffix } = highlight
    if (known && known.exact === exact && known.prefix === prefix && known.suffix === suffix) return known.separator ?? DEFAULT_DECIMAL_SEPARATOR
    return this.separators.get(highlight.articleId) ?? DEFAULT_DECIMAL_SEPARATOR
  }

  /** The figures of a passage not yet stored (the stance picker's selection). */
  figuresOfPassage(articleId: string, quote: TextQuote): Figure[] {
    return figuresOfQuote(quote, this.separators.get(articleId))
  }

  claimFigures(card: Pick<ClaimCard, 'sources'>): ClaimFigures {
    return claimFiguresOf(card, this.figuresOf)
  }

  /**
   * The cards with their figures filled in (DECISIONS section 10's fields: the claim's `figures`,
   * `figureConflict`, `claimFigure`, each evidence's `figures`), for the CLI, the exports and the brief.
   * The cards must be the caller's own, just built: their evidence views are filled in place.
   */
  withFigures(cards: ClaimCard[]): ClaimCard[] {
    return cards.map((card) => {
      const read = this.claimFigures(card)
      // The evidence views are filled in place, not copied: the cards come fresh from buildClaimBoard,
      // and a copy of each of 100,000 views was a tenth of the CSV export's memory and garbage.
      for (const group of card.sources) for (const e of group.evidence) e.figures = read.byLink.get(e.linkId) ?? []
      return copyWith(card, {
        figures: read.figures,
        figureConflict: read.figureConflict,
        claimFigure: card.claim.acceptedFigure ? claimFigureRecord(card.claim.acceptedFigure) : null,
      })
    })
  }

  /**
   * The card with only its evidence's figures filled in (each view's `figures`, as withFigures fills
   * them) and the claim's accepted figure: what the evidence CSV writes. The claim's figures are not
   * compared with one another (figureConflict), which that CSV does not carry. The card must be the
   * caller's own, just built: its evidence views are filled in place.
   */
  withEvidenceFigures(card: ClaimCard): ClaimCard {
    for (const group of card.sources) {
      for (const e of group.evidence) e.figures = this.figuresOf(e.highlight).map((f) => figureRecordOf(f, e.highlight.articleId, e.linkId))
    }
    return copyWith(card, { claimFigure: card.claim.acceptedFigure ? claimFigureRecord(card.claim.acceptedFigure) : null })
  }

  /** The card's figures in words, for the brief. */
  summaryOf(card: ClaimCard): FigureSummary {
    return summariseFigures(this.claimFigures(card).comparison, card.claim.acceptedFigure)
  }

  /**
   * Whether a passage's figures contradict what a claim stands on: the figure the analyst accepted,
   * else the figures of its supporting evidence and of its own statement.
   */
  suggestStance(card: ClaimCard, passage: readonly Figure[]): StanceSuggestion | null {
    const accepted = card.claim.acceptedFigure
    const reference: SourcedFigure[] = []
    if (accepted) {
      reference.push({
        figure: accepted.figure,
        articleId: accepted.articleId ?? '',
        linkId: accepted.linkId ?? '',
        sourceLabel: `the accepted figure, ${accepted.label}`,
      })
    } else {
      for (const group of card.sources) {
        for (const e of group.evidence) {
          if (e.stance !== 'supports') continue
          for (const figure of this.figuresOf(e.highlight)) reference.push({ figure, articleId: e.highlight.articleId, linkId: e.linkId, sourceLabel: group.sourceLabel })
        }
      }
      for (const figure of parseFigures(card.claim.text)) reference.push({ figure, articleId: '', linkId: '', sourceLabel: 'the claim' })
    }
    return suggestStanceFromFigures(reference, passage)
  }
}
