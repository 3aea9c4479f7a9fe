import type { TitleSpan } from '../core/doc.js';
import { stripSiteName } from '../clean/html/site-name.js';
import { siteNameFromTitle } from './outlet.js';
import { type FactSources, type LocatedLine, ARTICLE_TYPES, jsonLdObjects, jsonLdType, locateAnywhere, metaValues, normaliseKey } from './signals.js';

/**
 * The headline. HTML pages carry it in several places that usually agree (og:title,
 * JSON-LD headline, the article's h1, <title> with the site name appended); a plain-text
 * dump has only the line the cleaner marked as a heading, or a short first line that
 * reads like a headline. Captions ("... Photo: Agency") and datelines are not titles.
 */

interface TitleCandidate {
  value: string;
  where: LocatedLine | null;
  why: string;
  weight: number;
}

const CAPTION = /\b(?:photo|picture|image|file photo|credit)\s*[:/]|\/\s*[\p{Lu}][\p{L} ]+ file\s*$|\b(?:AFP|Reuters|AP|Getty Images|EPA)\s*$/iu;

export function inferTitle(src: FactSources, outlet: string | null): TitleSpan | null {
  const c: TitleCandidate[] = [];
  if (src.supplied?.title) c.push({ value: src.supplied.title, where: null, why: 'supplied with the input', weight: 10 });
  for (const m of metaValues(src.meta, ['og:title', 'twitter:title', 'dc.title', 'headline'])) c.push({ value: m.value, where: m, why: `<meta> title`, weight: 3 });
  for (const { obj, start, end } of jsonLdObjects(src.meta)) {
    if (!jsonLdType(obj).some((t) => ARTICLE_TYPES.test(t))) continue;
    const h = obj['headline'] ?? obj['name'];
    if (typeof h === 'string' && h.trim()) c.push({ value: h.trim(), where: { value: h, start, end, in: 'raw' }, why: 'JSON-LD headline', weight: 3 });
  }
  if (src.extractedTitle) c.push({ value: src.extractedTitle, where: null, why: 'headline found by the article extractor', weight: 3 });
  for (const h1 of src.meta?.h1 ?? []) c.push({ value: h1.value, where: { ...h1, in: 'raw' }, why: '<h1>', weight: 2 });
  if (src.meta?.title) {
    const full = src.meta.title.value.trim();
    const site = siteNameFromTitle(full);
    const bare = site ? stripSiteName(full) : full;
    c.push({ value: bare, where: { ...src.meta.title, in: 'raw' }, why: site ? `<title> minus site name "${site}"` : '<title>', weight: 2 });
  }
  if (src.format === 'text' && src.dumpLines) c.push(...dumpTitle(src.dumpLines));

  const usable = c
    .map((x) => ({ ...x, value: x.value.replace(/\s+/g, ' ').trim() }))
    .filter((x) => x.value.length >= 8 && x.value.length <= 300 && !CAPTION.test(x.value))
    .filter((x) => !outlet || normaliseKey(x.value) !== normaliseKey(outlet));
  if (usable.length === 0) return null;
  // Candidates that agree with each other win; a headline repeated by three signals beats one.
  const scored = usable.map((x) => ({
    ...x,
    score: x.weight + usable.filter((y) => y !== x && similar(x.value, y.value)).reduce((s, y) => s + y.weight, 0),
  }));
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const where = best.where ?? locateAnywhere(src, best.value);
  const agreeing = scored.filter((y) => similar(best.value, y.value)).map((y) => y.why);
  return {
    kind: 'title',
    value: best.value,
    start: where?.start ?? 0,
    end: where?.end ?? 0,
    in: where?.in ?? 'raw',
    evidence: [...new Set(agreeing)],
  };
}

function similar(a: string, b: string): boolean {
  const x = normaliseKey(a);
  const y = normaliseKey(b);
  if (!x || !y) return false;
  return x === y || (Math.min(x.length, y.length) > 15 && (x.includes(y) || y.includes(x)));
}

/** The dump's heading line; failing that, a short opening line that reads like a headline. */
function dumpTitle(lines: NonNullable<FactSources['dumpLines']>): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  const heading = lines.find((l) => l.label === 'heading');
  if (heading) out.push({ value: heading.value.trim(), where: trimmed(heading), why: 'heading line of the page dump', weight: 3 });
  const firstContent = lines.findIndex((l) => l.label === 'content');
  const first = lines.find((l) => l.value.trim() !== '');
  if (first && firstContent >= 0 && lines.indexOf(first) <= firstContent) {
    const v = first.value.trim();
    const words = v.split(/\s+/).length;
    if (words >= 3 && words <= 25 && !/[.:;,]$/.test(v) && /^[\p{Lu}'"‘“\d]/u.test(v)) {
      out.push({ value: v, where: trimmed(first), why: 'first line of the page dump, shaped like a headline', weight: 2 });
    }
  }
  return out;
}

function trimmed(l: LocatedLine): LocatedLine {
  const lead = l.value.length - l.value.trimStart().length;
  const v = l.value.trim();
  return { value: v, start: l.start + lead, end: l.start + lead + v.length, in: l.in };
}
