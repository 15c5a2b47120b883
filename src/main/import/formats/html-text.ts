// Turns a parsed HTML element into readable plain text: one paragraph per block element, separated
// by a blank line, <br> as a line break, whitespace collapsed as a browser would show it. Used for
// HTML pages after Readability has picked the article, and for .docx after mammoth made it HTML.
// It only reads the tree it is given; it never renders, loads or runs anything.

/** The part of a DOM node this module reads, so it works on any DOM implementation (linkedom here). */
export interface TextNodeLike {
  nodeType: number
  nodeName: string
  nodeValue: string | null
  childNodes: ArrayLike<TextNodeLike>
}

const ELEMENT_NODE = 1
const TEXT_NODE = 3

/** Elements whose start and end break a paragraph. */
const BLOCK_ELEMENTS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
])
/** Elements whose content is never article text: code, styling, embedded objects, controls. */
const SKIPPED_ELEMENTS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'HEAD',
  'TITLE',
])
/** Table cells of one row stay on one line, a tab apart, like text copied from a browser. */
const CELL_ELEMENTS = new Set(['TD', 'TH'])

export function elementText(root: TextNodeLike): string {
  const paragraphs: string[] = []
  let current = ''
  let currentIsPreformatted = false
  const breakParagraph = () => {
    const lines = current.split('\n').map((line) => (currentIsPreformatted ? line.trimEnd() : line.replace(/ {2,}/g, ' ').trim()))
    const paragraph = lines
      .join('\n')
      .replace(/^\n+|\n+$/g, '')
      .replace(/\n{3,}/g, '\n\n')
    if (paragraph.trim() !== '') paragraphs.push(paragraph)
    current = ''
    currentIsPreformatted = false
  }

  const visit = (node: TextNodeLike, preformatted: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? ''
      // Outside <pre>, any run of whitespace shows as one space, non-breaking spaces included.
      current += preformatted ? value : value.replace(/[\s\u00a0]+/g, ' ')
      currentIsPreformatted ||= preformatted
      return
    }
    if (node.nodeType !== ELEMENT_NODE) return
    const name = node.nodeName.toUpperCase()
    if (SKIPPED_ELEMENTS.has(name)) return
    if (name === 'BR') {
      current += '\n'
      return
    }
    const block = BLOCK_ELEMENTS.has(name)
    if (block) breakParagraph()
    if (CELL_ELEMENTS.has(name) && current.trim() !== '') current += '\t'
    const children = Array.from(node.childNodes)
    for (const child of children) visit(child, preformatted || name === 'PRE')
    if (block) breakParagraph()
  }

  visit(root, false)
  breakParagraph()
  return paragraphs.join('\n\n')
}
