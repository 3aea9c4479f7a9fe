import type { DateCandidateSpan, DateSignalSource, PublishedFacts, SpanTarget } from '../../core/doc.js';
import type { Document } from 'domhandler';
import { parseHtml } from '../../clean/html/parse.js';
import { readPageMeta, type PageMeta } from '../../clean/html/page-meta.js';
import { htmlLines, textLines, type Line } from './lines.js';
import { scanLines } from './page-lines.js';
import { findDates, parseDateValue } from './parse.js';
import { jsonldCandidates, makeCand, markupCandidates, metaCandidates, scriptStateCandidates, urlCandidates, type Cand } from './signals.js';
import { textEvents, textEventSourceName, type TextEvent } from './text-events.js';

export { setTextEventSource, eventsFromTimeMentions, builtinEvents, type TextEvent, type TextEventSource } from './text-events.js';
export { findDates, parseDateValue } from './parse.js';

/**
 * Publication-date inference: every date signal the input offers is collected with its
 * source and offsets, the ones that cannot be the publication date are rejected with a
 * reason a user can read, and the rest are ranked by agreement between independent
 * signals (meta, JSON-LD, URL, markup, visible byline). The article text is the referee:
 * a page cannot be older than the latest event it reports as past.
 */

export interface DateInput {
  format: 'html' | 'text';
  rawText: string;
  dom?: Document;
  meta?: PageMeta;
  url: string | null;
  /** Cleaned article text. */
  text: string;
  /** ISO; later dates are impossible. */
  fetchedAt: string;
  /** User-supplied published date. */
  supplied?: string;
  headers?: Record<string, string>;
}

export interface DateEvidence { source: DateSignalSource; value: string; start: number; end: number; in: SpanTarget }

export interface DateInference {
  /** All candidates, accepted and rejected, with source, role, score and offsets. */
  candidates: DateCandidateSpan[];
  published: PublishedFacts;
  evidence: DateEvidence[];
  rejected: { value: string; reason: string }[];
}

// Before this no page on the web can have been published; earlier dates are history in the text.
const WEB_EPOCH = '1995-01-01';

/** Day-first unless the page says it is US English (05/06/2019 = May 6 there). */
function dayFirstFor(lang: string | null, url: string | null): boolean {
  const l = (lang ?? '').toLowerCase();
  if (l.startsWith('en-us') || l === 'en') return false;
  if (!l && url) {
    try {
      if (/\.(?:com|us)$/.test(new URL(url).hostname)) return false;
    } catch { /* not a URL */ }
  }
  return true;
}

function anchorOfHtml(lines: Line[], meta: PageMeta): number {
  const h = lines.findIndex((l) => / h1\b/.test(` ${l.tags}`));
  if (h >= 0) return h;
  const title = meta.title?.value.slice(0, 30);
  if (title && title.length > 8) {
    const t = lines.findIndex((l, i) => i > 0 && l.text.length > 8 && title.startsWith(l.text.slice(0, Math.min(30, l.text.length))));
    if (t >= 0) return t;
  }
  const a = lines.findIndex((l) => /\barticle\b|articlebody/.test(l.zone));
  return a >= 0 ? a : 0;
}

function anchorOfDump(lines: Line[], rawText: string, text: string): number {
  const head = text.trim().split('\n')[0]?.trim().slice(0, 60) ?? '';
  if (head.length < 8) return 0;
  const at = rawText.indexOf(head);
  if (at < 0) return 0;
  const i = lines.findIndex((l) => l.end > at);
  return i < 0 ? 0 : i;
}

function instant(c: Cand): number | null {
  if (!c.span.datetime || !/(?:Z|[+-]\d{2}:\d{2})$/.test(c.span.datetime)) return null;
  const t = Date.parse(c.span.datetime);
  return Number.isNaN(t) ? null : t;
}

export function inferPublicationDate(input: DateInput): DateInference {
  const fetchedMs = Date.parse(input.fetchedAt);
  const fetchedDay = Number.isNaN(fetchedMs) ? new Date().toISOString().slice(0, 10) : new Date(fetchedMs).toISOString().slice(0, 10);
  let meta = input.meta;
  let dom = input.dom;
  if (input.format === 'html' && !meta) {
    dom ??= parseHtml(input.rawText);
    meta = readPageMeta(dom, input.rawText);
  }
  const dayFirst = dayFirstFor(meta?.lang ?? null, input.url);
  const cands: Cand[] = [];
  const rejectedExtra: { value: string; reason: string }[] = [];

  // ---- collect ----
  if (input.supplied) {
    const f = parseDateValue(input.supplied, { dayFirst });
    if (f && f.d !== null) {
      cands.push(makeCand(f, { source: 'supplied', value: input.supplied, start: 0, end: 0, in: 'raw', role: 'published', weight: 0.97, group: 'supplied', evidence: 'supplied with the input' }));
    } else rejectedExtra.push({ value: input.supplied, reason: 'supplied date could not be read as a calendar day' });
  }
  if (meta) {
    cands.push(...metaCandidates(meta, dayFirst), ...jsonldCandidates(meta, dayFirst), ...markupCandidates(meta, dayFirst));
    if (input.format === 'html') cands.push(...scriptStateCandidates(input.rawText, meta, dayFirst));
  }
  const url = urlCandidates(input.url ?? meta?.canonical ?? null, input.rawText);
  if (url.full) cands.push(url.full);

  let lines: Line[];
  let anchor: number;
  if (input.format === 'html') {
    dom ??= parseHtml(input.rawText);
    lines = htmlLines(dom);
    anchor = anchorOfHtml(lines, meta!);
  } else {
    lines = textLines(input.rawText);
    anchor = anchorOfDump(lines, input.rawText, input.text);
  }
  const scan = scanLines({ lines, anchor, dayFirst, in: 'raw' });
  cands.push(...scan.cands);
  for (const g of scan.ignored) rejectedExtra.push({ value: g.value, reason: g.reason });

  // The top of the cleaned text: a dateline or a date line the cleaner kept.
  const top = input.text.slice(0, 400);
  for (const f of findDates(top, { dayFirst })) {
    const ls = top.lastIndexOf('\n', f.start) + 1;
    const le = top.indexOf('\n', f.end);
    const line = top.slice(ls, le < 0 ? top.length : le);
    // A date inside a sentence of the lead is an event, not the byline; keep date lines and datelines.
    if (line.length - f.text.length > 50 && !(f.start - ls < 40 && /^\s*(?:[-–—:|/•·(]|$)/.test(top.slice(f.end, f.end + 3)))) continue;
    const before = top.slice(Math.max(0, f.start - 30), f.start);
    const labelled = /posted|published|updated|veröffentlicht|aktualisiert|stand|publié|publicado|pubblicato|\bby\b|\bvon\b|\bam\b|\bon\b/i.test(before);
    cands.push(makeCand(f, {
      source: 'text', value: f.text, start: f.start, end: f.end, in: 'text', role: labelled && /updated|aktualisiert|stand/i.test(before) ? 'updated' : labelled ? 'published' : 'unknown',
      weight: labelled ? 0.6 : 0.4, group: 'page', evidence: 'date at the top of the article text', labelled,
    }));
  }

  const lm = input.headers && Object.entries(input.headers).find(([k]) => k.toLowerCase() === 'last-modified')?.[1];
  if (lm) {
    const t = Date.parse(lm);
    if (!Number.isNaN(t)) {
      const d = new Date(t);
      const f = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mi: d.getUTCMinutes(), ss: d.getUTCSeconds(), tz: 'Z', start: 0, end: 0, text: lm };
      cands.push(makeCand(f, { source: 'meta', value: lm, start: 0, end: 0, in: 'raw', role: 'unknown', weight: 0.12, group: 'header', evidence: 'HTTP Last-Modified header (weak: servers reset it on every deploy)' }));
    }
  }

  // ---- reject what cannot be the publication date ----
  for (const c of cands) {
    if (c.span.rejected) continue;
    const s = c.span;
    const ins = instant(c);
    if (ins !== null ? ins > fetchedMs + 60_000 : s.date > fetchedDay) {
      s.rejected = `in the future of the ingest time (${input.fetchedAt})`;
    } else if (s.date.startsWith('1970-01-01') || s.date.startsWith('1900-01-01') || s.date === '2000-01-01' && !s.datetime) {
      s.rejected = 'placeholder date (epoch or default value)';
    } else if (s.date < WEB_EPOCH && c.group !== 'supplied') {
      s.rejected = 'before the web existed: a historical date, not when this page was published';
    }
    let penalty = c.doubt ? 0.4 : 1;
    if (!s.rejected && c.found.m === 1 && c.found.d === 1 && c.found.hh === undefined && c.group !== 'supplied') {
      // A template default is often both: a bare 1 January and a bare "date" label.
      penalty *= c.doubt ? 0.5 : 0.4;
      c.doubt = c.doubt ? `${c.doubt}, and a bare 1 January without a time` : 'a bare 1 January without a time (typical placeholder)';
    }
    if (!s.rejected && c.doubt) {
      c.weight *= penalty;
      s.evidence?.push(`doubt: ${c.doubt}`);
    }
  }

  // The text as referee: not before the latest event it reports as past, not after the
  // earliest one it still announces.
  const events = input.text ? textEvents(input.text, input.fetchedAt) : [];
  const validEvents = events.filter((e) => e.from <= fetchedDay || e.tense === 'future');
  let latestPast = null as TextEvent | null;
  let earliestFuture: TextEvent | null = null;
  for (const e of validEvents) {
    if (e.tense === 'past' && e.from <= fetchedDay && (!latestPast || e.from > latestPast.from)) latestPast = e;
    if (e.tense === 'future' && e.to >= WEB_EPOCH && (!earliestFuture || e.to < earliestFuture.to)) earliestFuture = e;
  }
  // A lone year ("since 2020") is the weakest text evidence; when it would overrule every
  // dated signal, the typo is likelier in the text than in all the metadata.
  let textDoubt: string | null = null;
  if (latestPast && latestPast.granularity === 'year' && !cands.some((c) => !c.span.rejected && c.span.role !== 'updated' && c.span.date >= latestPast!.from)) {
    textDoubt = `the text reports "${latestPast.text}" as past, later than every dated signal; not trusted on its own`;
    latestPast = null;
  }
  for (const c of cands) {
    if (c.span.rejected || c.group === 'supplied') continue;
    if (latestPast && c.span.date < latestPast.from) {
      c.span.rejected = `the text reports "${latestPast.text}" as past (at ${latestPast.start} in the text), so the page cannot be published before ${latestPast.from}`;
    }
    // Future-reported events only bound a text-only estimate: reported speech ("soll bis
    // Januar 2016…") makes the future reading too unreliable to overrule metadata.
  }

  // ---- rank ----
  const pick = (roles: DateCandidateSpan['role'][]): { day: string; score: number; scores: Map<string, number> } | null => {
    const byDay = new Map<string, Map<string, { w: number; n: number }>>();
    for (const c of cands) {
      if (c.span.rejected || !roles.includes(c.span.role)) continue;
      let g = byDay.get(c.span.date);
      if (!g) byDay.set(c.span.date, (g = new Map()));
      const cur = g.get(c.group);
      if (!cur) g.set(c.group, { w: c.weight, n: 1 });
      else { cur.w = Math.max(cur.w, c.weight); cur.n++; }
    }
    const scores = new Map<string, number>();
    let best: { day: string; score: number } | null = null;
    for (const [day, groups] of byDay) {
      let miss = 1;
      for (const { w, n } of groups.values()) miss *= 1 - Math.min(0.97, w + Math.min(0.08, 0.02 * (n - 1)));
      if (url.month) miss *= day.startsWith(`${url.month.y}-${String(url.month.m).padStart(2, '0')}`) ? 0.6 : 1;
      const score = 1 - miss;
      scores.set(day, score);
      // Ties go to the earlier day: the target is the original publication, not a later touch-up.
      if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && day < best.day)) best = { day, score };
    }
    return best ? { ...best, scores } : null;
  };

  let win = pick(['published', 'unknown']);
  // Doubtful candidates (placeholders, template fields) lose when the rest of the evidence disagrees.
  if (win) {
    let changed = false;
    for (const c of cands) {
      if (c.span.rejected || !c.doubt || c.span.date === win.day) continue;
      if ((win.scores.get(win.day) ?? 0) >= 0.3) { c.span.rejected = `${c.doubt}; other evidence points to ${win.day}`; changed = true; }
    }
    if (changed) win = pick(['published', 'unknown']);
    else {
      // The winner itself may be the doubtful one: reject it when anything else disagrees.
      const doubtful = cands.filter((c) => !c.span.rejected && c.doubt && c.span.date === win!.day);
      const solid = cands.some((c) => !c.span.rejected && !c.doubt && c.span.role !== 'updated' && c.span.date !== win!.day && c.weight >= 0.3);
      if (doubtful.length > 0 && solid && doubtful.length === cands.filter((c) => !c.span.rejected && c.span.date === win!.day).length) {
        for (const c of doubtful) c.span.rejected = `${c.doubt}; other evidence disagrees`;
        win = pick(['published', 'unknown']);
      }
    }
  }
  let fromUpdated = false;
  if (!win) {
    win = pick(['updated']);
    fromUpdated = win !== null;
  }

  const published: PublishedFacts = { date: null, datetime: null, updated: null, earliest: null, latest: null, confidence: 0 };
  const evidence: DateEvidence[] = [];
  if (win) {
    const support = cands.filter((c) => !c.span.rejected && c.span.date === win!.day && (fromUpdated || c.span.role !== 'updated'));
    // An update stamp is not a competing publication date: only days that something other
    // than an "Updated" line proposes count as rivals.
    const updateOnly = (day: string) => cands.filter((c) => !c.span.rejected && c.span.date === day).every((c) => c.span.role === 'updated');
    let rival = 0;
    for (const [day, s] of win.scores) if (day !== win.day && !updateOnly(day)) rival = Math.max(rival, s);
    published.date = win.day;
    const timed = support.filter((c) => c.span.datetime).sort((a, b) => Number(/(?:Z|[+-]\d\d:\d\d)$/.test(b.span.datetime!)) - Number(/(?:Z|[+-]\d\d:\d\d)$/.test(a.span.datetime!)) || b.weight - a.weight);
    published.datetime = timed[0]?.span.datetime ?? null;
    published.earliest = win.day;
    published.latest = win.day;
    let conf = win.score * (1 - 0.5 * rival);
    if (fromUpdated) conf = Math.min(conf, 0.35);
    if (textDoubt) conf *= 0.7;
    published.confidence = Math.round(Math.max(0, Math.min(1, conf)) * 100) / 100;
    for (const c of support) evidence.push({ source: c.span.source, value: c.span.value, start: c.span.start, end: c.span.end, in: c.span.in ?? 'text' });
    for (const c of cands) c.span.score = Math.round((c.span.rejected ? 0 : c.span.date === win.day ? win.score : (win.scores.get(c.span.date) ?? c.weight)) * 100) / 100;
    // Updated: the best-supported later date marked as an update.
    const upd = pick(['updated']);
    if (upd && upd.day >= win.day && !fromUpdated) {
      const u = cands.filter((c) => !c.span.rejected && c.span.role === 'updated' && c.span.date === upd.day).sort((a, b) => Number(!!b.span.datetime) - Number(!!a.span.datetime) || b.weight - a.weight)[0];
      published.updated = upd.day;
      if (u?.span.datetime) published.updatedDatetime = u.span.datetime;
    }
  } else {
    for (const c of cands) c.span.score = c.span.rejected ? 0 : Math.round(c.weight * 100) / 100;
  }
  if (!published.date) {
    // Only the text can help: bound the date by what it reports as past and as still to come.
    published.earliest = latestPast ? latestPast.from : null;
    const futureCap = earliestFuture ? earliestFuture.to : null;
    published.latest = futureCap && futureCap < fetchedDay ? futureCap : fetchedDay;
    published.confidence = latestPast && futureCap ? 0.3 : latestPast ? 0.2 : 0.05;
  }
  for (const e of [latestPast, earliestFuture]) {
    if (e) evidence.push({ source: 'text', value: `${e.text} (${e.tense}, via ${e.via})`, start: e.start, end: e.end, in: 'text' });
  }

  if (textDoubt) rejectedExtra.push({ value: 'text contradiction', reason: textDoubt });
  const rejected = cands.filter((c) => c.span.rejected).map((c) => ({ value: c.span.value, reason: c.span.rejected! })).concat(rejectedExtra);
  return { candidates: cands.map((c) => c.span), published, evidence, rejected };
}

export function describeEventSource(): string {
  return textEventSourceName();
}

