// When two spellings name the same thing: the matching rule of the entity index. Pure TypeScript,
// no Node, no DOM; the extractor, the clustering, search expansion and the tests share it.
//
// A name is compared token by token, from its *spelling key*: case, accents, apostrophes and the
// Arabic article (al-, Al, el-, …) set aside, doubled letters collapsed, and the handful of letter
// alternations that transliteration produces folded onto one letter (q/k, kh/k, dh/d, ou/u, y/i,
// uw/w, ie/i, a final h after a vowel). Two rules sit on top of it, from strict to loose:
//
// 1. **Same spelling key** (`sameSpelling`): Sweida = Suweida, al-Sharaa = Al Shara = Sharaa,
//    Shaibani = al-Shaibani, Kiev = Kyiv, Qaddafi = Kadhafi. This is the only rule for places and
//    organisations, and for a single token alone. It keeps apart every pair that differs by a real
//    letter: Iran/Iraq, Niger/Nigeria, Austria/Australia, Damascus/Moscow, Sharaa/Shahba, Guinea/Guyana.
//    Its cost: a place spelled with a vowel changed ("Homs"/"Hums") stays two entries until the
//    analyst merges them. We accept that, because for places a letter is as often a different town
//    as a different spelling, and a wrong merge hides a place while a missed one only shows it twice.
// 2. **Loose match of a person's names** (`looseTokenMatch`), used only when a person's surname and
//    given name are compared with another person's: vowels are set aside (the consonant skeleton),
//    g/q/k count as one letter (the Arabic qaf is written all three ways), and the first letter and
//    the last letter's kind (vowel or consonant) must agree, with at most two letters edited.
//    Ahmed/Ahmad, Mohammed/Muhammad, Gaddafi/Qaddafi/Kadhafi match; Bashar/Basel, Hafez/Bashar do
//    not, so relatives who share a surname stay apart. Its cost: two people whose given names differ
//    only by vowels (a rare "Omar"/"Amar") merge when their surnames agree too.
//
// Deliberately absent: edit distance on whole names, which merges Iran with Iraq and Sharaa with
// Saar; phonetic codes (Soundex, Metaphone), which are built for English surnames and fold Damascus
// onto Dmsks-like codes that collide far more than they help with Arabic or Slavic transliterations.

/** Particles that belong to a name as written but not to its identity: al-Sharaa is Sharaa. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ul',
  'ad',
  'ar',
  'as',
  'ash',
  'at',
  'az',
  'ad-',
  'bin',
  'ibn',
  'bint',
  'ben',
  'abu',
  'de',
  'da',
  'di',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'du',
  'dos',
  'das',
  'la',
  'le',
])

/**
 * Particles that stand before a surname ("bin Salman", "ibn Saud"): they are dropped from the key,
 * but unlike al- they also say a given name came before them, so they are not surnames themselves.
 */
const PATRONYMIC_PARTICLES: ReadonlySet<string> = new Set(['bin', 'ibn', 'bint', 'ben'])

/** Lower case, accents and apostrophe-like marks removed; hyphens and spaces kept as separators. */
export function plainName(surface: string): string {
  return surface
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼʿʾ`´‘]/gu, '')
    .toLowerCase()
    .trim()
}

/**
 * A name's identity-bearing tokens, plain: "Ahmed al-Sharaa" → ["ahmed", "sharaa"], "Al Shara" →
 * ["shara"], "bin Salman" → ["salman"]. A name made only of particles keeps them ("Al" → ["al"]).
 */
export function nameTokens(surface: string): string[] {
  const words = plainName(surface)
    .split(/[\s\-‐‑–]+/u)
    .filter((w) => w.length > 0)
  const core = words.filter((w) => !NAME_PARTICLES.has(w))
  return core.length > 0 ? core : words
}

/** True when the name's last core word follows a patronymic particle (bin, ibn): "Mohammed bin Salman". */
export function hasPatronymic(surface: string): boolean {
  return plainName(surface)
    .split(/[\s-]+/u)
    .some((w) => PATRONYMIC_PARTICLES.has(w))
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u'])

/**
 * One token's spelling key. The order matters: digraphs fold before doubled letters collapse, so
 * "Kadhafi" → "kadafi" and "Qaddafi" → "kadafi" meet.
 */
export function spellingKey(token: string): string {
  let t = plainName(token).replace(/[^a-z0-9]/g, '')
  if (t.length <= 2) return t
  // Folded until nothing changes: one fold can make a pair another folds ("cqa" → "cka" → "ka").
  for (let previous = ''; previous !== t;) {
    previous = t
    t = t
      .replace(/q/g, 'k')
      .replace(/kh/g, 'k')
      .replace(/dh/g, 'd')
      .replace(/gh/g, 'g')
      .replace(/ph/g, 'f')
      .replace(/ck/g, 'k')
      .replace(/ou/g, 'u')
      .replace(/y/g, 'i')
      .replace(/uw/g, 'w')
      .replace(/ie/g, 'i')
      .replace(/ee/g, 'i')
      .replace(/(.)\1+/g, '$1')
  }
  // A final h after a vowel is a transliteration of a silent ta marbuta: Hamzah = Hamza.
  if (t.length > 3 && t.endsWith('h') && VOWELS.has(t[t.length - 2]!)) t = t.slice(0, -1)
  // "ia" and "ya" before the end are one sound: Suriya/Syria are left apart (rule 1 stays strict).
  return t
}

/** The key of a whole name: its tokens' spelling keys, space-joined. */
export function nameKey(surface: string): string {
  return nameTokens(surface).map(spellingKey).join(' ')
}

/** Rule 1: the same spelling key, token for token. */
export function sameSpelling(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b)
}

/** Letters that transliterations swap freely at the start of a word: the qaf (q, k, g) and c/k. */
function firstLetterClass(c: string): string {
  return c === 'q' || c === 'g' || c === 'c' ? 'k' : c
}

/** Vowels set aside and g/q/k made one: the consonant skeleton of a spelling key. */
export function consonantSkeleton(key: string): string {
  return key
    .replace(/[gq]/g, 'k')
    .replace(/c/g, 'k')
    .replace(/[aeiou]/g, '')
    .replace(/(.)\1+/g, '$1')
}

/** Edits (insert, delete, substitute) that turn a into b, stopping once over `max`. */
function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost)
      row.push(value)
      best = Math.min(best, value)
    }
    if (best > max) return false
    previous = row
  }
  return previous[b.length]! <= max
}

/**
 * Most letters two spellings of one person's name differ by once keyed: Mohammed/Muhammad are "mohamed"
 * and "muhamad", two vowels apart. Three would let Bashar meet Bassam (same skeleton start, different men).
 */
const MAX_LOOSE_EDITS = 2

/** Consonants a name must have for vowels to be set aside: "Ali" (one) is compared strictly. */
const MIN_LOOSE_SKELETON = 2

/** Rule 2, for one token of a person's name (a given name, or a surname). */
export function looseTokenMatch(a: string, b: string): boolean {
  const ka = spellingKey(a)
  const kb = spellingKey(b)
  if (ka === kb) return true
  if (ka.length < 3 || kb.length < 3) return false
  if (firstLetterClass(ka[0]!) !== firstLetterClass(kb[0]!)) return false
  if (VOWELS.has(ka[ka.length - 1]!) !== VOWELS.has(kb[kb.length - 1]!)) return false
  // A skeleton of one consonant says too little: Ali and Alia are two names.
  if (consonantSkeleton(ka) !== consonantSkeleton(kb) || consonantSkeleton(ka).length < MIN_LOOSE_SKELETON) return false
  const na = firstLetterClass(ka[0]!) + ka.slice(1).replace(/[gq]/g, 'k')
  const nb = firstLetterClass(kb[0]!) + kb.slice(1).replace(/[gq]/g, 'k')
  return editDistanceAtMost(na, nb, MAX_LOOSE_EDITS)
}

/**
 * Whether two people's names can be one person: surnames match loosely, and the given names, where
 * both have one, match loosely too. A name of one token (a surname alone) is compatible with any
 * full name of that surname; whether it is *joined* to one is the clustering's decision (same article
 * first, else the only such person in the corpus), not this function's.
 */
export function samePerson(a: string, b: string): boolean {
  const ta = nameTokens(a)
  const tb = nameTokens(b)
  if (!looseTokenMatch(ta[ta.length - 1]!, tb[tb.length - 1]!)) return false
  if (ta.length === 1 || tb.length === 1) return true
  return looseTokenMatch(ta[0]!, tb[0]!)
}

/** The key of a surface form as an analyst's decision remembers it: case, accents and apostrophes aside. */
export function variantKey(surface: string): string {
  return plainName(surface).replace(/[\s\-‐‑–]+/gu, ' ')
}
