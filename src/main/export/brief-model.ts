// What the printable brief says, apart from how it looks: every claim with its status and why, and
// its evidence by source with quotes, dates and grades. The HTML and the Markdown brief both render
// this one model, so the two cannot say different things.

import type { BriefChronology } from './brief-chronology'
import { STATUS_LABELS } from '../../shared/claims/claim-status'
import { isEmptySummary, type FigureSummary } from '../../shared/figures/figure-summary'
import type { Article, ClaimCard, ClaimStatus, Credibility, Reliability, Stance } from '../../shared/model'

export interface Brief {
  /** YYYY-MM-DD */
  generatedOn: string
  claimCount: number
  /** Claims grouped by status, in STATUS_ORDER; a status without claims has no section. */
  sections: { status: ClaimStatus; label: string; claims: BriefClaim[] }[]
  /** The dated events inside the evidence, and the claims whose dates disagree (brief-chronology.ts). */
  chronology?: BriefChronology
}

export interface BriefClaim {
  text: string
  status: ClaimStatus
  statusLabel: string
  /** The analyst's verdict when it overrides the evidence, and what the evidence alone says. */
  override: { reason: string; derivedLabel: string } | null
  articleCount: number
  sourceCount: number
  tags: string[]
  note: string
  sources: BriefSource[]
  /** People, places and organisations its evidence mentions (the entity index's names). */
  entities: string[]
  /** The figures the evidence gives, their conflicts and the accepted one (issue 20); null when none. */
  figures: FigureSummary | null
}

export interface BriefSource {
  label: string
  reliability: Reliability | null
  /** Articles in the group: more than one means copies of one story, not corroboration. */
  articleCount: number
  evidence: BriefEvidence[]
}

export interface BriefEvidence {
  stance: Stance
  stanceLabel: string
  credibility: Credibility | null
  articleTitle: string
  articleDate: string | null
  quote: string
  note: string
}

/** The claim board's lane order: what needs an editor's attention comes first. */
export const STATUS_ORDER: readonly ClaimStatus[] = ['contested', 'contradicted', 'single-source', 'corroborated', 'no-evidence']

const STANCE_LABELS: Record<Stance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' }

export function briefOf(
  cards: readonly ClaimCard[],
  articleById: (id: string) => Article | undefined,
  generatedAt: string,
  figureSummaryOf?: (card: ClaimCard) => FigureSummary,
  entitiesOf: (claimId: string) => string[] = () => [],
): Brief {
  const claims = cards.map((card): BriefClaim => ({
    text: card.claim.text,
    status: card.status,
    statusLabel: STATUS_LABELS[card.status],
    override: card.claim.statusOverride ? { reason: card.claim.statusOverride.reason, derivedLabel: STATUS_LABELS[card.derivedStatus] } : null,
    articleCount: card.articleCount,
    sourceCount: card.sourceCount,
    tags: card.claim.tags,
    note: card.claim.note,
    entities: entitiesOf(card.claim.id),
    figures: summaryOrNull(figureSummaryOf?.(card)),
    sources: card.sources.map((group) => ({
      label: group.sourceLabel,
      reliability: group.reliability,
      articleCount: group.articleCount,
      evidence: group.evidence.map((e) => {
        const article = articleById(e.highlight.articleId)
        return {
          stance: e.stance,
          stanceLabel: STANCE_LABELS[e.stance],
          credibility: e.credibility,
          articleTitle: article?.title ?? e.articleTitle,
          articleDate: article?.date ?? null,
          quote: e.highlight.exact,
          note: e.note,
        }
      }),
    })),
  }))
  return {
    generatedOn: generatedAt.slice(0, 10),
    claimCount: claims.length,
    sections: STATUS_ORDER.map((status) => ({ status, label: STATUS_LABELS[status], claims: claims.filter((c) => c.status === status) })).filter(
      (section) => section.claims.length > 0,
    ),
  }
}

function summaryOrNull(summary: FigureSummary | undefined): FigureSummary | null {
  return summary && !isEmptySummary(summary) ? summary : null
}

/** "1 article", "2 articles": a count with its noun in the right number. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** How a claim's reach reads: "1 article, 1 independent source". */
export function reachOf(claim: Pick<BriefClaim, 'articleCount' | 'sourceCount'>): string {
  return `${counted(claim.articleCount, 'article')}, ${counted(claim.sourceCount, 'independent source')}`
}
