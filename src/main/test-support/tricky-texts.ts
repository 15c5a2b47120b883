import fc from 'fast-check'

/**
 * Fragments that break text scanners: spelling variants, case, marks, digit grouping, punctuation
 * that is and is not a word boundary, whitespace of every kind, astral characters and lone surrogates.
 */
const trickyFragments = fc.constantFrom(
  'Sweida',
  'Suweida',
  'SWEIDA',
  'al-Sharaa',
  'Al Shara',
  'ʿayn',
  'café',
  'CAFÉ',
  '1,400',
  '$5',
  'a+b',
  '\t',
  '…',
  '—',
  '\u00a0',
  '\n',
  '\r\n',
  '𝒜',
  '😀',
  '\ud800',
  '\udc00',
  '«',
  '»',
  '؟',
  '·',
  ' ',
  '.',
)

/** Any text: arbitrary graphemes, arbitrary UTF-16 units, or a run of the tricky fragments. */
export const trickyTexts = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(trickyFragments, { maxLength: 40 }).map((parts) => parts.join('')),
)
