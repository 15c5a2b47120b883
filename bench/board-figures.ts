// The claim board's figures on the board (1,000 claims, 10,000 links): first render, and the
// three interactions the issue holds to 100 ms (filter, open evidence from the matrix, drag evidence
// to another claim). Shared by `npm run bench` and the quicker `npm run bench:board`.

import { claimSearchText, filterWords, matchesFilter } from '../src/shared/claims/board-filter'
import type { BoardView } from '../src/shared/claims/board-view'
import type { AnnotationFixture } from './annotation-fixtures'
// Types only: measure-ui loads Playwright, which a service process that drives no browser must not carry.
import type { AppLoadMeasurement, BoardFilterQuery, BoardInteractions } from './measure-ui'
import type { Figure } from './report'

/**
 * Cards a virtualised board must have drawn before the filter and drag figures start (and the most a
 * filter phrase may leave, so that all of its cards are drawn at once). The lanes' counts are then
 * checked to add up to every claim, so a board that drew a few cards but lost the rest is an error,
 * not a fast figure. The first render waits for the cards in view instead (cardsInView).
 */
export const BOARD_FIRST_SCREEN_CARDS = 5

/** The claim board. */
export const BOARD = { claims: 1_000, links: 10_000 }
/** Interactions: 1 untimed, then 5 timed; medians are the figures. */
export const BOARD_INTERACTION_WARM_UP = 1
export const BOARD_INTERACTION_SAMPLES = 5
/** Words of a claim's statement that make a filter: its last few, as an analyst would type a phrase. */
const QUERY_WORDS = 3

/**
 * Filters an analyst might type — a phrase from a claim's statement — that leave few enough cards
 * for all of them to be drawn at once, with how many cards each must leave.
 */
export function boardFilterQueries(view: BoardView, count: number): BoardFilterQuery[] {
  const texts = view.claims.map((card) => claimSearchText(card, view))
  const queries: BoardFilterQuery[] = []
  const step = Math.max(1, Math.floor(view.claims.length / (count * 4)))
  for (let i = 0; i < view.claims.length && queries.length < count; i += step) {
    const text = view.claims[i]!.claim.text.replace(/[.,;:]/g, '')
      .split(/\s+/)
      .slice(-QUERY_WORDS)
      .join(' ')
    const words = filterWords(text)
    const matches = texts.filter((t) => matchesFilter(t, words)).length
    if (matches >= 1 && matches < BOARD_FIRST_SCREEN_CARDS) queries.push({ text, matches })
  }
  if (queries.length < count) throw new Error(`only ${queries.length} filter phrases leave fewer than ${BOARD_FIRST_SCREEN_CARDS} cards`)
  return queries
}

export interface BoardMeasured {
  boardLoad: AppLoadMeasurement | null
  interactions: BoardInteractions | null
  renderTargetMs: number
  interactionTargetMs: number
  missing: string
  fixture: AnnotationFixture | null
  /** Bytes of getClaimBoard's JSON answer. */
  payloadBytes: number | null
}

export function boardFigures(m: BoardMeasured): Figure[] {
  const size = `${BOARD.claims.toLocaleString('en')} claims / ${BOARD.links.toLocaleString('en')} links`
  const interaction = (key: string, label: string, samples: BoardInteractions[keyof BoardInteractions] | undefined): Figure => ({
    key,
    label: `claim board: ${label}, ${size} (median)`,
    value: samples?.p50 ?? null,
    unit: 'ms',
    target: m.interactionTargetMs,
    missing: m.missing,
    details: samples ? { ...samples, samplesMs: samples.samplesMs.map((v) => Math.round(v * 100) / 100) } : undefined,
  })
  return [
    {
      key: 'claimBoardRenderMs',
      label: `claim board first render, ${size} (median)`,
      value: m.boardLoad?.timedOut ? m.boardLoad.timedOut.afterMs : (m.boardLoad?.boardMs ?? null),
      lowerBound: m.boardLoad?.timedOut ? true : undefined,
      unit: 'ms',
      target: m.renderTargetMs,
      missing: m.missing,
      details: m.boardLoad
        ? { samples: m.boardLoad.samples, cardsInView: m.boardLoad.boardCardsInView, timedOut: m.boardLoad.timedOut, fixture: m.fixture, payloadBytes: m.payloadBytes }
        : undefined,
    },
    interaction('claimBoardFilterMs', 'filter', m.interactions?.filter),
    interaction('claimBoardOpenEvidenceMs', 'open evidence from the matrix', m.interactions?.openEvidence),
    interaction('claimBoardDragMs', 'drag evidence to another claim', m.interactions?.drag),
    {
      key: 'claimBoardPayloadMB',
      label: `claim board payload (getClaimBoard JSON), ${size}`,
      value: m.payloadBytes === null ? null : m.payloadBytes / 1e6,
      unit: 'MB',
      target: null,
      missing: m.missing,
    },
  ]
}
