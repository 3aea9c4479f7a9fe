import type { AnyNode, Document, Element, Text } from 'domhandler';

/**
 * Pages as lines. Byline dates ("Posted : 2020-07-02 16:40", "Aktualisiert am 3. Mai")
 * live on short lines of their own, in an HTML page as much as in a plain-text dump, so
 * both are read through the same line model: each line has its text, the raw offsets it
 * covers and, for HTML, the zone it sits in (footer, comments, related list, ...).
 */
export interface Line {
  text: string;
  /** Offsets in the raw input (HTML or dump). For HTML, the span of the text nodes. */
  start: number;
  end: number;
  /** Zone hints of the line's ancestors (HTML only), nearest first, " | "-separated. */
  zone: string;
  /** Tag names of ancestors that matter (h1, article, time...), for HTML. */
  tags: string;
}

const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'select', 'textarea', 'button']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'option',
]);

const STRUCTURAL = new Set(['footer', 'nav', 'aside', 'header', 'article', 'main', 'section', 'li']);

/** The element's own zone hints ("tag class id role itemprop"), or '' when it has none worth carrying. */
function zoneOf(el: Element): string {
  const a = el.attribs;
  const hint = `${a.class ?? ''} ${a.id ?? ''} ${a.role ?? ''} ${a.itemprop ?? ''}`.trim();
  if (hint === '' && !STRUCTURAL.has(el.name)) return '';
  return `${el.name} ${hint}`.replace(/\s+/g, ' ').slice(0, 200);
}

/** Visible block lines of an HTML document, with zones, in document order. */
export function htmlLines(dom: Document): Line[] {
  const lines: Line[] = [];
  let buf: string[] = [];
  let bStart = -1;
  let bEnd = -1;
  let bZone = '';
  let bTags = '';
  const flush = (): void => {
    if (buf.length > 0) {
      const text = buf.join('').replace(/\s+/g, ' ').trim();
      if (text !== '') lines.push({ text, start: bStart, end: bEnd, zone: bZone, tags: bTags });
    }
    buf = [];
    bStart = -1;
  };
  const walk = (node: AnyNode, zone: string, tags: string): void => {
    if (node.type === 'text') {
      const t = node as Text;
      if (bStart < 0) {
        bStart = t.startIndex ?? 0;
        bZone = zone;
        bTags = tags;
      }
      bEnd = (t.endIndex ?? t.startIndex ?? 0) + 1;
      buf.push(t.data);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    if (node.type === 'root') {
      for (const c of (node as Document).children) walk(c, zone, tags);
      flush();
      return;
    }
    const el = node as Element;
    if (SKIP.has(el.name)) return;
    const a = el.attribs;
    if ('hidden' in a || /display\s*:\s*none/i.test(a.style ?? '')) return;
    const block = BLOCK.has(el.name);
    if (block) flush();
    const z = zoneOf(el);
    // Nearest ancestor first, so zone checks can stop at the first content wrapper.
    const childZone = z ? (zone ? `${z} | ${zone}` : z) : zone;
    const childTags = /^(?:h1|h2|article|main|header|footer|time|li)$/.test(el.name) ? `${tags} ${el.name}` : tags;
    for (const c of el.children) walk(c, childZone, childTags);
    if (block) flush();
  };
  walk(dom, '', '');
  return lines;
}

/** Lines of a plain-text dump, with their offsets. */
export function textLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t !== '') lines.push({ text: t, start: pos + lead, end: pos + lead + t.length, zone: '', tags: '' });
    pos += raw.length + 1;
  }
  return lines;
}
