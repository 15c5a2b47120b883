// Generates the benchmark's synthetic corpus: deterministic (seeded) news-like articles with a
// Zipf-distributed vocabulary, a headline, a `date YYYY-MM-DD` line and paragraphs, one subfolder per
// outlet. A finished corpus is cached in the OS temp folder and reused by runs with the same seed and
// size. Writes only inside its cache folder; knows nothing of the store or the importer.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { derivedRandom, type Random, zipfSampler } from './seeded-random'

/** Bump whenever generated text changes, so cached corpora from older generators are not reused. */
export const GENERATOR_VERSION = 1
/** The corpus shape: 40 outlets as subfolders. */
export const OUTLET_COUNT = 40
/** Distinct words: a year of one story across 40 outlets uses tens of thousands. */
const VOCABULARY_SIZE = 30_000
/** Zipf exponent of English word frequencies is close to 1. */
const ZIPF_EXPONENT = 1.0
/** Article sizes spread uniformly around the issue's ~6 KB average (paragraphs overshoot the drawn size by ~0.6 KB). */
const MIN_ARTICLE_BYTES = 3_500
const MAX_ARTICLE_BYTES = 7_500
/** Files written at once: enough to keep the disk busy without thousands of open handles. */
const WRITE_CONCURRENCY = 64
const FIRST_YEAR = 2015
const LAST_YEAR = 2024

// The most frequent English words, most frequent first: the head of the Zipf curve reads like
// English and common-word queries behave as they would on real news.
const FUNCTION_WORDS = (
  'the of and to a in is that for it as was with be by on not he this are or his from at which but ' +
  'have an had they you were their one all we can her has there been if more when will would who so ' +
  'no she other its may these about into than them only could new some two time also after first ' +
  'said over people year government officials police city state minister president report country ' +
  'military security week told according statement border forces attack talks meeting agreement'
).split(' ')

const SYLLABLES = (
  'ba be bi bo bu ka ke ki ko ku da de di do du fa fe fi fo la le li lo lu ma me mi mo mu na ne ni no ' +
  'nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo ar er or an en ' +
  'in on el al il ol ust ant ent ist ort ver lan mar tor sel dar vin kor bel'
).split(' ')

const OUTLET_KINDS = ['Herald', 'Times', 'Post', 'Courier', 'Gazette', 'Tribune', 'Observer', 'Wire', 'Daily', 'Chronicle']

export interface CorpusSpec {
  seed: number
  articles: number
}

export interface Corpus extends CorpusSpec {
  /** The folder to import: one subfolder per outlet, article files only. */
  dir: string
  outlets: string[]
  files: number
  bytes: number
  /** True when an earlier run's corpus was reused instead of written now. */
  reused: boolean
  generateMs: number
}

interface Manifest {
  generatorVersion: number
  seed: number
  articles: number
  files: number
  bytes: number
  outlets: string[]
}

/** Everything generated from one seed: vocabulary, outlets and the word sampler. */
export class TextModel {
  readonly vocabulary: string[]
  readonly outlets: string[]
  private readonly sampleRank = zipfSampler(VOCABULARY_SIZE, ZIPF_EXPONENT)

  constructor(readonly seed: number) {
    this.vocabulary = buildVocabulary(derivedRandom(seed, 'vocabulary'))
    const random = derivedRandom(seed, 'outlets')
    const names = new Set<string>()
    while (names.size < OUTLET_COUNT) names.add(`${capitalise(pseudoWord(random, 2, 3))} ${random.pick(OUTLET_KINDS)}`)
    this.outlets = [...names]
  }

  word(random: Random): string {
    return this.vocabulary[this.sampleRank(random)] as string
  }

  /** Article `index` of the corpus: its own random stream, so any article can be regenerated alone. */
  article(index: number): { outlet: string; fileName: string; text: string } {
    const random = derivedRandom(this.seed, `article:${index}`)
    const outlet = this.outlets[index % OUTLET_COUNT] as string
    const targetBytes = random.int(MIN_ARTICLE_BYTES, MAX_ARTICLE_BYTES)
    const lines = [this.headline(random), `date ${randomDate(random)}`, '']
    let bytes = 0
    while (bytes < targetBytes) {
      const paragraph = this.paragraph(random)
      lines.push(paragraph, '')
      bytes += paragraph.length + 2
    }
    return { outlet, fileName: `${String(index).padStart(6, '0')}.txt`, text: lines.join('\n') }
  }

  /** A long article of at least `words` words, for the reader figure. */
  longRead(words: number, title: string, date: string): string {
    const random = derivedRandom(this.seed, `long-read:${words}`)
    const lines = [title, `date ${date}`, '']
    let count = title.split(' ').length + 2
    while (count < words) {
      const paragraph = this.paragraph(random)
      lines.push(paragraph, '')
      count += paragraph.split(' ').length
    }
    return lines.join('\n')
  }

  /** A short statement, as an analyst would write a claim. */
  sentence(random: Random, minWords = 6, maxWords = 16): string {
    const count = random.int(minWords, maxWords)
    const words: string[] = []
    for (let i = 0; i < count; i++) words.push(this.word(random))
    // Occasional commas make sentences look like prose, not word lists.
    const text = words.map((w, i) => (i < count - 1 && random.next() < 0.06 ? `${w},` : w)).join(' ')
    return `${capitalise(text)}.`
  }

  private headline(random: Random): string {
    const count = random.int(5, 11)
    const words: string[] = []
    for (let i = 0; i < count; i++) words.push(capitalise(this.word(random)))
    return words.join(' ')
  }

  private paragraph(random: Random): string {
    const sentences: string[] = []
    const count = random.int(3, 7)
    for (let i = 0; i < count; i++) sentences.push(this.sentence(random, 6, 28))
    return sentences.join(' ')
  }
}

/** The cached corpus for this seed and size, generated first if no finished copy exists. */
export async function ensureCorpus(spec: CorpusSpec, log: (line: string) => void): Promise<Corpus> {
  // The manifest sits beside the articles folder, not in it, so importing the folder meets only articles.
  const dir = join(tmpdir(), 'triangulate-bench', `corpus-v${GENERATOR_VERSION}-seed${spec.seed}-n${spec.articles}`)
  const articlesDir = join(dir, 'articles')
  const cached = await readManifest(dir)
  if (cached && cached.seed === spec.seed && cached.articles === spec.articles && cached.generatorVersion === GENERATOR_VERSION) {
    log(`corpus: reusing ${articlesDir}`)
    return { ...spec, dir: articlesDir, outlets: cached.outlets, files: cached.files, bytes: cached.bytes, reused: true, generateMs: 0 }
  }

  // Written beside the final folder and renamed into place once complete: an interrupted run never
  // leaves a half corpus that a later run would take for a whole one.
  await rm(dir, { recursive: true, force: true })
  const partial = `${dir}.partial-${process.pid}`
  await rm(partial, { recursive: true, force: true })
  log(`corpus: generating ${spec.articles} articles (seed ${spec.seed}) in ${dir}`)
  const started = performance.now()
  const model = new TextModel(spec.seed)
  for (const outlet of model.outlets) await mkdir(join(partial, 'articles', outlet), { recursive: true })

  let bytes = 0
  let next = 0
  const worker = async () => {
    for (let index = next++; index < spec.articles; index = next++) {
      const article = model.article(index)
      const data = Buffer.from(article.text, 'utf8')
      bytes += data.length
      await writeFile(join(partial, 'articles', article.outlet, article.fileName), data)
    }
  }
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker))

  const manifest: Manifest = { generatorVersion: GENERATOR_VERSION, ...spec, files: spec.articles, bytes, outlets: model.outlets }
  await writeFile(join(partial, 'corpus.json'), JSON.stringify(manifest, null, 2))
  await rename(partial, dir)
  const generateMs = performance.now() - started
  log(`corpus: ${(bytes / 1e6).toFixed(1)} MB in ${(generateMs / 1000).toFixed(1)} s`)
  return { ...spec, dir: articlesDir, outlets: model.outlets, files: spec.articles, bytes, reused: false, generateMs }
}

/**
 * The search queries every search figure uses: frequent, middling and rare words (Zipf ranks), and
 * two-word phrases lifted from real articles so they are known to match.
 */
export function searchQueries(model: TextModel, articles: number, count: number): string[] {
  const random = derivedRandom(model.seed, 'queries')
  const queries = new Set<string>()
  const byRank = (from: number, to: number) => model.vocabulary[random.int(from, Math.min(to, VOCABULARY_SIZE - 1))] as string
  const phrase = () => {
    // Two neighbouring words with no punctuation between them, found from a random point onwards.
    const words = model.article(random.int(0, articles - 1)).text.split(/\s+/)
    const plain = (i: number) => /^[a-z]+$/.test(words[i] ?? '')
    for (let at = random.int(0, words.length - 2); at < words.length - 1; at++) {
      if (plain(at) && plain(at + 1)) return `${words[at]} ${words[at + 1]}`
    }
    return byRank(1_000, 5_000)
  }
  // Shares of the query mix: most queries are content words, a fifth are phrases.
  const plan: [number, () => string][] = [
    [0.3, () => byRank(FUNCTION_WORDS.length, 1_000)],
    [0.3, () => byRank(1_000, 5_000)],
    [0.2, () => byRank(5_000, VOCABULARY_SIZE)],
    [0.2, phrase],
  ]
  for (const [share, make] of plan) {
    const target = Math.min(count, queries.size + Math.round(share * count))
    while (queries.size < target) queries.add(make())
  }
  while (queries.size < count) queries.add(phrase())
  return [...queries]
}

async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'corpus.json'), 'utf8')) as Manifest
  } catch {
    return null
  }
}

function buildVocabulary(random: Random): string[] {
  const words = new Set(FUNCTION_WORDS)
  // Frequent words are short, rare ones long, as in real text; the syllable ranges leave far more
  // possible words than are needed, so the loop ends quickly.
  for (let attempts = 0; words.size < VOCABULARY_SIZE; attempts++) {
    if (attempts > VOCABULARY_SIZE * 20) throw new Error('vocabulary generator ran out of distinct words')
    const rankShare = words.size / VOCABULARY_SIZE
    words.add(rankShare < 0.1 ? pseudoWord(random, 1, 3) : rankShare < 0.5 ? pseudoWord(random, 2, 3) : pseudoWord(random, 3, 4))
  }
  return [...words]
}

function pseudoWord(random: Random, minSyllables: number, maxSyllables: number): string {
  let word = ''
  const count = random.int(minSyllables, maxSyllables)
  for (let i = 0; i < count; i++) word += random.pick(SYLLABLES)
  return word
}

function randomDate(random: Random): string {
  const year = random.int(FIRST_YEAR, LAST_YEAR)
  const month = random.int(1, 12)
  const day = random.int(1, 28)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
