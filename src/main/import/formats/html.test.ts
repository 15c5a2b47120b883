import { describe, expect, it } from 'vitest'
import { extractArticle } from './extract-article'
import { declaredHtmlCharset } from './html'

const extractHtml = (html: string | Uint8Array) => extractArticle('page.html', typeof html === 'string' ? new TextEncoder().encode(html) : html)

const PARAGRAPHS = [
  'Senior Syrian and Israeli officials met in the Azerbaijani capital for a confidential dialogue, diplomatic sources said on Thursday.',
  'The talks, the second this month, were arranged by the US envoy, who has pushed both sides towards a deconfliction deal in the south.',
  'A third source said the meeting was set shortly before a deadline for government forces to withdraw, and that aid had reached the city.',
]

const NEWS_PAGE = `<!doctype html>
<html lang="en"><head>
  <meta charset="utf-8">
  <title>Talks in Baku | The Paper</title>
  <meta property="og:title" content="Syria and Israel hold talks in Baku">
  <meta property="article:published_time" content="2025-07-30T09:15:00+04:00">
  <meta property="og:site_name" content="The Paper">
  <meta name="Author" content="Jane Doe">
  <meta property="og:url" content="https://example.org/world/talks-in-baku">
  <style>p { color: red }</style>
  <script>globalThis.pageScriptRan = true</script>
</head><body>
  <nav><a href="/">Home</a> <a href="/world">World news section</a> <a href="/sport">Sport</a></nav>
  <header class="site-header"><p>The Paper — independent since 1901, read by millions every morning</p></header>
  <main><article>
    <h1>Syria and Israel hold talks in Baku</h1>
    <p>${PARAGRAPHS[0]}</p>
    <p>${PARAGRAPHS[1]!.replace('US envoy', '<a href="/envoy">US envoy</a>').replace('deconfliction', '<em>deconfliction</em>')}</p>
    <img src="x.jpg" onerror="globalThis.pageScriptRan = true">
    <p>${PARAGRAPHS[2]}</p>
  </article></main>
  <aside><h3>Most read</h3><ul><li>Unrelated story about football transfers</li></ul></aside>
  <footer><p>© 2025 The Paper. All rights reserved. Privacy policy. Cookie settings.</p></footer>
  <script>globalThis.pageScriptRan = true</script>
</body></html>`

describe('extractArticle on HTML', () => {
  it('keeps the article paragraphs, separated by blank lines, and nothing of the page around them', async () => {
    const result = await extractHtml(NEWS_PAGE)
    expect(result).toMatchObject({ ok: true, article: { text: PARAGRAPHS.join('\n\n'), encoding: 'utf-8', warnings: [] } })
  })

  it('reads the metadata the page states', async () => {
    const result = await extractHtml(NEWS_PAGE)
    expect(result.ok && result.article.metadata).toEqual({
      title: 'Syria and Israel hold talks in Baku',
      date: '2025-07-30',
      outlet: 'The Paper',
      author: 'Jane Doe',
      url: 'https://example.org/world/talks-in-baku',
    })
  })

  it('never runs the page’s scripts or event handlers', async () => {
    await extractHtml(NEWS_PAGE)
    expect((globalThis as { pageScriptRan?: boolean }).pageScriptRan).toBeUndefined()
  })

  it('falls back to <title>, <time datetime>, the canonical link and JSON-LD', async () => {
    const page = `<html><head><title>Quake hits coast</title><link rel="canonical" href="https://wire.test/quake">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Quake hits coast",
      "publisher":{"@type":"Organization","name":"Wire Service"},"author":{"@type":"Person","name":"Ann Lee"}}</script></head>
      <body><article><time datetime="2025-09-30">30 September</time><p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p></article></body></html>`
    const result = await extractHtml(page)
    expect(result.ok && result.article.metadata).toEqual({
      title: 'Quake hits coast',
      date: '2025-09-30',
      outlet: 'Wire Service',
      author: 'Ann Lee',
      url: 'https://wire.test/quake',
    })
  })

  it('keeps line breaks, list items and block quotes as lines and paragraphs', async () => {
    const page = `<html><body><article><p>${PARAGRAPHS[0]}</p><p>First line<br>second line</p>
      <ul><li>One point, made at some length for the reader.</li><li>Another point.</li></ul>
      <blockquote>“We will meet again,” he said.</blockquote><p>${PARAGRAPHS[1]}</p></article></body></html>`
    const result = await extractHtml(page)
    expect(result.ok && result.article.text).toBe(
      [
        PARAGRAPHS[0],
        'First line\nsecond line',
        'One point, made at some length for the reader.',
        'Another point.',
        '“We will meet again,” he said.',
        PARAGRAPHS[1],
      ].join('\n\n'),
    )
  })

  it('reads a bare fragment without <html> or <body>', async () => {
    expect(await extractHtml(`<p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p>`)).toMatchObject({
      ok: true,
      article: { text: `${PARAGRAPHS[0]}\n\n${PARAGRAPHS[1]}` },
    })
  })

  it('decodes with the page’s <meta charset>, and lets a BOM override it', async () => {
    // "Привет, мир" in windows-1251, under a meta that says so.
    const cyrillic = Uint8Array.of(0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0)
    const page = (charset: string, body: Uint8Array) =>
      Uint8Array.of(...new TextEncoder().encode(`<html><head><meta charset="${charset}"></head><body><p>`), ...body, ...new TextEncoder().encode('</p></body></html>'))
    expect(await extractHtml(page('windows-1251', cyrillic))).toMatchObject({ ok: true, article: { text: 'Привет, мир', encoding: 'windows-1251' } })
    const withBom = Uint8Array.of(0xef, 0xbb, 0xbf, ...page('windows-1251', new TextEncoder().encode('Привет, мир')))
    expect(await extractHtml(withBom)).toMatchObject({ ok: true, article: { text: 'Привет, мир', encoding: 'utf-8' } })
  })

  it('refuses a page with no article text', async () => {
    const chromeOnly = '<html><head><title>Home</title></head><body><nav><a href="/">Home</a><a href="/a">About us</a></nav><footer>© 2025</footer></body></html>'
    expect(await extractHtml(chromeOnly)).toEqual({ ok: false, reason: 'HTML page has no readable article text' })
    expect(await extractHtml('<html><body><script>var x = 1</script></body></html>')).toEqual({ ok: false, reason: 'HTML page has no readable article text' })
  })
})

describe('declaredHtmlCharset', () => {
  const bytes = (s: string) => new TextEncoder().encode(s)
  it.each([
    ['<html><head><meta charset="windows-1251">', 'windows-1251'],
    ["<html><head><META CHARSET='ISO-8859-2'>", 'ISO-8859-2'],
    ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', 'koi8-r'],
    ['<?xml version="1.0" encoding="ISO-8859-15"?><html>', 'ISO-8859-15'],
    ['<html><head><meta charset="utf-16">', 'utf-8'],
  ])('finds %s', (head, expected) => {
    expect(declaredHtmlCharset(bytes(`${head}</head></html>`))).toBe(expected)
  })

  it('looks only where the HTML standard looks: the first 1024 bytes', () => {
    expect(declaredHtmlCharset(bytes(`<html><head><!--${' '.repeat(1100)}--><meta charset="koi8-r">`))).toBeNull()
    expect(declaredHtmlCharset(bytes('<html><body>no charset here</body></html>'))).toBeNull()
  })
})
