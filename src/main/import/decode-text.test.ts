import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText, normaliseText } from './decode-text'

// Legacy bytes are written out here by hand (hex, or small code tables) rather than produced by the
// library under test, so a decoding bug cannot cancel itself out.

function hex(spaced: string): Uint8Array {
  return Uint8Array.from(spaced.split(/\s+/).filter(Boolean), (h) => parseInt(h, 16))
}

/** windows-1251 puts А–я at 0xC0–0xFF in alphabetical order. */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.codePointAt(0) as number
    if (code >= 0x410 && code <= 0x44f) return 0xc0 + code - 0x410
    if (code < 0x80) return code
    throw new Error(`no windows-1251 byte for ${c} in this test table`)
  })
}

const ISO_8859_2_POLISH: Record<string, number> = {
  ą: 0xb1,
  ć: 0xe6,
  ę: 0xea,
  ł: 0xb3,
  ń: 0xf1,
  ó: 0xf3,
  ś: 0xb6,
  ź: 0xbc,
  ż: 0xbf,
  Ą: 0xa1,
  Ć: 0xc6,
  Ę: 0xca,
  Ł: 0xa3,
  Ń: 0xd1,
  Ó: 0xd3,
  Ś: 0xa6,
  Ź: 0xac,
  Ż: 0xaf,
}

function iso88592(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const byte = ISO_8859_2_POLISH[c] ?? c.charCodeAt(0)
    if (byte > 0xff) throw new Error(`no ISO-8859-2 byte for ${c} in this test table`)
    return byte
  })
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le')
  return new Uint8Array(order === 'le' ? le : Buffer.from(le).swap16())
}

function expectText(bytes: Uint8Array, text: string, encoding: string) {
  const result = decodeText(bytes)
  expect(result).toMatchObject({ ok: true, text, encoding })
  return result
}

describe('decodeText: Unicode', () => {
  it('reads UTF-8 with and without a BOM, and UTF-16 LE and BE with a BOM', () => {
    const text = 'Zürich café – “quoted” — 東京 😀'
    expectText(new TextEncoder().encode(text), text, 'utf-8')
    expectText(Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)), text, 'utf-8')
    expectText(utf16(text, 'le'), text, 'utf-16le')
    expectText(utf16(text, 'be'), text, 'utf-16be')
  })

  it('turns CRLF and CR line endings into LF and composes accents (NFC)', () => {
    expectText(new TextEncoder().encode('cafe\u0301\r\nline two\rline three'), 'café\nline two\nline three', 'utf-8')
  })

  it('imports UTF-8 cut off inside a character, without that character and with a warning', () => {
    const whole = new TextEncoder().encode('Talks in Tōkyō 東京')
    for (const missing of [1, 2]) {
      const result = expectText(whole.subarray(0, whole.length - missing), 'Talks in Tōkyō 東', 'utf-8')
      expect(result.ok && result.warnings?.[0]).toMatch(/cut short/)
    }
    const emoji = new TextEncoder().encode('Smile 😀')
    expectText(emoji.subarray(0, emoji.length - 3), 'Smile ', 'utf-8')
  })

  it('does not take damage in the middle of a file for a cut-off ending', () => {
    // "é" in windows-1252 mid-text, then a complete UTF-8 "é": not UTF-8, so it is detected instead.
    const result = decodeText(Uint8Array.of(...new TextEncoder().encode('caf'), 0xe9, 0x20, 0xc3))
    expect(result).toMatchObject({ ok: true, encoding: 'windows-1252', text: 'café Ã' })
  })

  it('refuses a BOM followed by bytes the BOM does not allow', () => {
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xfd))).toEqual({
      ok: false,
      reason: 'file starts with a utf-8 byte-order mark but is not valid utf-8',
    })
  })
})

describe('decodeText: legacy encodings', () => {
  it('reads windows-1252 curly quotes, dashes and accents', () => {
    // c a f é ␠ – ␠ “ q u o t e d ”
    expectText(hex('63 61 66 e9 20 96 20 93 71 75 6f 74 65 64 94'), 'café – “quoted”', 'windows-1252')
  })

  it('reads a longer windows-1252 paragraph without a warning', () => {
    const text = 'The café’s owner said – in a statement to reporters – that “quoted” prices would rise. Déjà vu for naïve customers, élite or not.'
    const bytes = Uint8Array.from(text, (c) => ({ '’': 0x92, '–': 0x96, '“': 0x93, '”': 0x94 })[c] ?? c.charCodeAt(0))
    const result = expectText(bytes, text, 'windows-1252')
    expect(result.ok && result.warnings).toBeUndefined()
  })

  it('reads a Cyrillic windows-1251 sentence', () => {
    const text = 'Министр иностранных дел Сирии встретился с израильским коллегой в Баку, сообщили дипломатические источники. Встреча прошла в четверг.'
    expectText(cp1251(text), text, 'windows-1251')
  })

  it('reads Polish ISO-8859-2 text', () => {
    const text = 'Minister spraw zagranicznych spotkał się w środę z przedstawicielami władz w Łodzi i Gdańsku. Rozmowy dotyczyły współpracy i bezpieczeństwa na granicy.'
    expectText(iso88592(text), text, 'iso-8859-2')
  })

  it('decodes with the encoding a file declares, read as browsers read its label', () => {
    const result = decodeText(hex('93 6f 6b 94'), { declaredEncoding: 'ISO-8859-1' })
    expect(result).toEqual({ ok: true, text: '“ok”', encoding: 'windows-1252' })
    expect(decodeText(cp1251('Привет'), { declaredEncoding: 'cp1251' })).toEqual({ ok: true, text: 'Привет', encoding: 'windows-1251' })
  })

  it('detects the encoding when the declared one is wrong or unknown, and says so', () => {
    const wrong = decodeText(hex('63 61 66 e9 20 96 20 93 71 75 6f 74 65 64 94'), { declaredEncoding: 'utf-8' })
    expect(wrong).toMatchObject({ ok: true, text: 'café – “quoted”', encoding: 'windows-1252' })
    expect(wrong.ok && wrong.warnings?.[0]).toMatch(/declares UTF-8 but is not valid UTF-8/)
    const unknown = decodeText(new TextEncoder().encode('plain'), { declaredEncoding: 'x-made-up' })
    expect(unknown).toMatchObject({ ok: true, text: 'plain', encoding: 'utf-8' })
    expect(unknown.ok && unknown.warnings?.[0]).toMatch(/unknown encoding \(x-made-up\)/)
  })
})

describe('decodeText: files that are not text', () => {
  it('refuses empty and whitespace-only files', () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, reason: 'empty file' })
    expect(decodeText(new TextEncoder().encode(' \r\n\t\n'))).toEqual({ ok: false, reason: 'file contains only whitespace' })
  })

  it('refuses binary data with NUL bytes (a PNG header)', () => {
    expect(decodeText(hex('89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52'))).toEqual({
      ok: false,
      reason: 'binary file (contains NUL bytes), not text',
    })
  })

  it('refuses binary data without NUL bytes but full of control characters', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => 1 + ((i * 7919) % 255))
    expect(decodeText(bytes)).toEqual({ ok: false, reason: 'binary file (full of control characters), not text' })
  })

  it('keeps a text with a stray control character (a DOS end-of-file mark)', () => {
    expect(decodeText(new TextEncoder().encode(`${'A line of text. '.repeat(10)}\x1a`))).toMatchObject({ ok: true })
  })
})

describe('decodeText: what counts as UTF-8', () => {
  const strictlyUtf8 = (bytes: Uint8Array) => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      return null
    }
  }

  it('refuses overlong forms, surrogates and code points past U+10FFFF as a strict decoder does, and detects instead', () => {
    for (const invalid of ['c0 af', 'ed a0 80', 'f4 90 80 80']) {
      const result = decodeText(hex(`41 42 43 ${invalid} 44 45 46`))
      expect(result).toMatchObject({ ok: true })
      expect(result.ok && result.encoding).not.toBe('utf-8')
    }
  })

  it('reads bytes as UTF-8 exactly when a strict decoder accepts them (or they are cut off in the last character)', () => {
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 10 }), (raw, prefix) => {
        const bytes = Uint8Array.from([...new TextEncoder().encode(prefix.replace(/[\u0000-\u001f\u007f\ufeff]/g, 'x')), ...raw])
        const strict = strictlyUtf8(bytes)
        const result = decodeText(bytes)
        if (!result.ok) return
        if (strict !== null) expect(result).toEqual({ ok: true, text: normaliseText(strict), encoding: 'utf-8' })
        else if (result.encoding === 'utf-8') expect(result.warnings?.[0]).toMatch(/middle of a character/)
      }),
      { numRuns: 500 },
    )
  })
})

describe('decodeText: any text survives a round trip', () => {
  // Text files hold no C0 control characters (other than tab and line breaks), and a leading U+FEFF
  // would read as a byte-order mark.
  const textChar = fc.string({ unit: 'binary', maxLength: 1 }).filter((c) => c.length > 0 && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(c))
  const text = fc
    .array(fc.oneof(textChar, fc.constantFrom('\r\n', '\n', ' ', 'é', 'e\u0301')), { minLength: 1, maxLength: 80 })
    .map((parts) => parts.join(''))
    .filter((s) => s.trim() !== '' && !s.startsWith('\ufeff'))

  it('decodes UTF-8 (with or without BOM) and UTF-16 with BOM back to the NFC text with \\n line endings', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'), (s, form) => {
        const utf8 = new TextEncoder().encode(s)
        const bytes = form === 'utf-8' ? utf8 : form === 'utf-8-bom' ? Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8) : utf16(s, form === 'utf-16le' ? 'le' : 'be')
        const result = decodeText(bytes)
        expect(result).toMatchObject({ ok: true, text: normaliseText(s) })
        // Old Mac files end lines with a lone CR: it becomes \n as well.
        expect(normaliseText(s)).toBe(s.replace(/\r\n?/g, '\n').normalize('NFC'))
      }),
    )
  })
})
