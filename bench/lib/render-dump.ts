import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';

/**
 * Render an HTML page to the plain text a reader gets from select-all + copy in a
 * browser: every visible string, boilerplate included (menus, footers, related links),
 * one line per block box. This is the input our text-dump cleaner is built for, so the
 * renderer deliberately keeps everything a browser would paint and drops only what it
 * would not (scripts, styles, <head>, elements hidden by markup).
 */

// Not painted by a browser, so never part of a copy.
const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed',
  'canvas', 'audio', 'video', 'map', 'datalist', 'input', 'textarea', 'select',
]);

// Block boxes: their content starts and ends on a line of its own.
const BLOCK = new Set([
  'address', 'article', 'aside', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'html', 'legend', 'li',
  'main', 'menu', 'nav', 'ol', 'section', 'summary', 'ul', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'caption', 'option', 'optgroup',
]);

// Blocks that a browser copy separates with an empty line (innerText's "required line count" 2).
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr']);

function hidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a.type === 'hidden') return true;
  const style = (a.style ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

export function renderDump(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  // Output is built as a list of lines; `breaks` holds the pending line break request
  // (0 none, 1 newline, 2 blank line) so nested blocks do not stack empty lines.
  const lines: string[] = [];
  let cur = '';
  let breaks = 0;
  let pendingSpace = false;

  const flush = (want: number): void => {
    if (cur.trim() !== '') {
      lines.push(cur.replace(/\s+$/, ''));
      cur = '';
      pendingSpace = false;
    }
    breaks = Math.max(breaks, want);
  };
  const emit = (s: string, pre: boolean): void => {
    if (s === '') return;
    if (cur === '' && lines.length > 0 && breaks > 0) {
      if (breaks >= 2) lines.push('');
      breaks = 0;
    } else if (cur === '') breaks = 0;
    if (pre) {
      const parts = s.split('\n');
      cur += parts[0];
      for (let i = 1; i < parts.length; i++) {
        lines.push(cur.replace(/\s+$/, ''));
        cur = parts[i];
      }
      return;
    }
    const collapsed = s.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === ' ') {
      if (cur !== '') pendingSpace = true;
      return;
    }
    let text = collapsed;
    if (text.startsWith(' ')) {
      if (cur !== '') pendingSpace = true;
      text = text.slice(1);
    }
    const trailing = text.endsWith(' ');
    if (trailing) text = text.slice(0, -1);
    if (text !== '') {
      if (pendingSpace && cur !== '' && !cur.endsWith(' ')) cur += ' ';
      cur += text;
      pendingSpace = false;
    }
    if (trailing) pendingSpace = true;
  };

  const walk = (node: AnyNode, pre: boolean): void => {
    if (node.type === 'text') {
      emit((node as unknown as { data: string }).data, pre);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') return;
    if (node.type === 'script' || node.type === 'style') return;
    const el = node as Element;
    const name = node.type === 'root' ? '' : el.name;
    if (name !== '') {
      if (SKIP.has(name) || hidden(el)) return;
      if (name === 'br') {
        if (cur === '' && breaks > 0) {
          if (breaks >= 2 && lines.length > 0) lines.push('');
          breaks = 0;
        }
        lines.push(cur.replace(/\s+$/, ''));
        cur = '';
        pendingSpace = false;
        return;
      }
    }
    const isPara = PARAGRAPH.has(name);
    const isBlock = isPara || BLOCK.has(name);
    if (isBlock) flush(isPara ? 2 : 1);
    const isCell = name === 'td' || name === 'th';
    if (isCell && cur !== '') pendingSpace = true;
    const childPre = pre || name === 'pre' || name === 'textarea';
    for (const child of el.children ?? []) walk(child, childPre);
    if (isCell) pendingSpace = true;
    if (isBlock) flush(isPara ? 2 : 1);
  };
  walk(doc as unknown as AnyNode, false);
  flush(0);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
