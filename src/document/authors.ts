import type { Element } from 'domhandler';
import { findAll, textContent } from 'domutils';
import type { AuthorSpan } from '../core/doc.js';
import { checkPersonName, splitByline } from './person-name.js';
import { type FactSources, type LocatedLine, jsonLdObjects, locateWithin, metaValues } from './signals.js';

/**
 * Authors are people. Every byline-like signal is split into names and each name must pass
 * the person-name check; what fails is recorded (so a user sees why "Staff" or
 * "Published 3 hours ago" was not taken) but never reported as an author.
 */

interface AuthorCandidate {
  name: string;
  where: LocatedLine | null;
  why: string;
  weight: number;
}

const BYLINE_LINE = /^\s*(?:written\s+)?by[:\s]\s*(\p{Lu}.{2,120})$/iu;
const ROLE_LINE = /^\s*(\p{Lu}[\p{L}.'’ -]{3,60}?)\s*[,|–-]?\s+(?:staff|senior|special|foreign|chief)?\s*(?:reporter|writer|correspondent|editor)s?\s*$/iu;
const DATE_BYLINE = /^\s*(?:posted|published|updated|modified|last updated|created)\b/i;
const NOT_AUTHOR_CONTEXT = /\b(?:translated|photographed|illustrated|edited|reviewed|compiled|produced|photo|photos|image|images|caption)\s+by\b/i;

export function inferAuthors(src: FactSources, outlet: string | null): { spans: AuthorSpan[]; refused: string[] } {
  const candidates: AuthorCandidate[] = [];
  if (src.supplied?.authors) {
    for (const a of src.supplied.authors) candidates.push({ name: a, where: null, why: 'supplied with the input', weight: 10 });
  }
  for (const m of metaValues(src.meta, ['author', 'article:author', 'dc.creator', 'dc.contributor', 'parsely-author', 'sailthru.author', 'byl', 'twitter:creator'])) {
    if (/^https?:/i.test(m.value)) continue;
    for (const name of splitByline(m.value)) candidates.push({ name, where: locateWithin(m, name), why: `<meta> author`, weight: 4 });
  }
  for (const { obj, start, end } of jsonLdObjects(src.meta)) {
    for (const name of jsonLdAuthorNames(obj['author'] ?? obj['creator'])) {
      candidates.push({ name, where: { value: name, start, end, in: 'raw' }, why: 'JSON-LD author', weight: 4 });
    }
  }
  if (src.dom) candidates.push(...domBylines(src.dom, src.rawText));
  candidates.push(...textBylines(src));

  const seen = new Map<string, AuthorSpan>();
  const refused: string[] = [];
  for (const c of candidates.sort((a, b) => b.weight - a.weight)) {
    const name = c.name.replace(/\s+/g, ' ').trim();
    const check = c.why === 'supplied with the input' ? { ok: true, reason: 'supplied' } : checkPersonName(name, { outlet });
    if (!check.ok) {
      refused.push(`"${name}" (${c.why}): ${check.reason}`);
      continue;
    }
    const key = name.toLowerCase();
    const existing = seen.get(key);
    if (existing) {
      existing.evidence?.push(c.why);
      continue;
    }
    seen.set(key, {
      kind: 'author',
      value: name,
      start: c.where?.start ?? 0,
      end: c.where?.end ?? 0,
      in: c.where?.in ?? 'raw',
      evidence: [c.why, check.reason],
    });
  }
  return { spans: [...seen.values()], refused };
}

function jsonLdAuthorNames(v: unknown): string[] {
  if (!v) return [];
  if (typeof v === 'string') return splitByline(v);
  if (Array.isArray(v)) return v.flatMap(jsonLdAuthorNames);
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const types = ([] as unknown[]).concat(obj['@type'] ?? []);
    if (types.some((t) => typeof t === 'string' && /Organization/i.test(t))) return [];
    return typeof obj['name'] === 'string' ? [obj['name']] : [];
  }
  return [];
}

const BYLINE_CLASS = /(?:^|[\s_-])(?:byline|author|authors|article-author|writer|by-author|contributor)(?:$|[\s_-])/i;

function domBylines(dom: NonNullable<FactSources['dom']>, rawText: string): AuthorCandidate[] {
  const out: AuthorCandidate[] = [];
  const nodes = findAll((el: Element) => {
    const a = el.attribs ?? {};
    return a.rel === 'author' || a.itemprop === 'author' || BYLINE_CLASS.test(a.class ?? '') || BYLINE_CLASS.test(a.id ?? '');
  }, dom.children);
  for (const node of nodes.slice(0, 12)) {
    const text = textContent(node).replace(/\s+/g, ' ').trim();
    if (!text || text.length > 120 || NOT_AUTHOR_CONTEXT.test(text)) continue;
    const at: LocatedLine = { value: text, start: node.startIndex ?? 0, end: node.endIndex != null ? node.endIndex + 1 : 0, in: 'raw' };
    for (const name of splitByline(text)) {
      const rawAt = rawText.indexOf(name, at.start);
      const where = rawAt >= 0 && rawAt < at.end ? { value: name, start: rawAt, end: rawAt + name.length, in: 'raw' as const } : at;
      out.push({ name, where, why: 'byline element in the page', weight: 3 });
    }
  }
  return out;
}

/** "By X" lines, "X Staff reporter" lines, and a bare name right beside a dated byline. */
function textBylines(src: FactSources): AuthorCandidate[] {
  const lines: LocatedLine[] = src.dumpLines ?? linesOf(src.text, 'text');
  const out: AuthorCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (NOT_AUTHOR_CONTEXT.test(line.value)) continue;
    const by = BYLINE_LINE.exec(line.value);
    if (by) {
      for (const name of splitByline(by[1])) out.push({ name, where: locateWithin(line, name), why: '"By ..." line', weight: 3 });
      continue;
    }
    const role = ROLE_LINE.exec(line.value);
    if (role) {
      out.push({ name: role[1].trim(), where: locateWithin(line, role[1].trim()), why: '"... Staff reporter" line', weight: 3 });
      continue;
    }
    if (DATE_BYLINE.test(line.value)) {
      for (const j of [i - 1, i + 1, i + 2]) {
        const near = lines[j];
        if (!near || DATE_BYLINE.test(near.value)) continue;
        const value = near.value.trim();
        if (value.split(/\s+/).length <= 4 && !/[.!?:]$/.test(value)) {
          out.push({ name: value, where: locateWithin(near, value), why: 'name line beside a dated byline', weight: 2 });
        }
      }
    }
  }
  return out;
}

function linesOf(text: string, target: 'text' | 'raw'): LocatedLine[] {
  const out: LocatedLine[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    out.push({ value: part, start, end: start + part.length, in: target });
    start += part.length + 1;
  }
  return out;
}
