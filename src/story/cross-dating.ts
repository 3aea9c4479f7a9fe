import { type DateCandidateSpan, type Doc, spansOf } from '../core/doc.js';
import { type Resolved, type TimeMention, parseTimeMentions, resolveMention } from '../language/time/index.js';
import { annotateLanguage } from '../language/annotate.js';
import { contentWords } from './similarity.js';

/**
 * Dating a document from the events it shares with dated documents. A page with no
 * trusted date still says "the summit ended on Thursday" or "in June"; other sources date
 * those events. Every candidate publication day is tried: the document's own time
 * mentions are resolved against it, and the day scores by how many resolved mentions
 * land on the date another source gives for the same event (same words around it). The
 * best-scoring days form the bound; the evidence names the matched sentences.
 */

interface DatedEvent {
  doc: string;
  value: string;
  granularity: 'day' | 'month' | 'year';
  words: Set<string>;
}

interface Match {
  mention: TimeMention;
  event: DatedEvent;
  resolved: string;
  weight: number;
}

export interface CrossDating {
  doc: string;
  earliest: string;
  latest: string;
  matches: { text: string; start: number; end: number; resolved: string; otherDoc: string }[];
}

const MIN_SHARED_WORDS = 2;

function sentenceWords(doc: Doc, start: number, end: number): Set<string> {
  const s = spansOf(doc, 'sentence').find((x) => x.start <= start && end <= x.end);
  const text = s ? doc.text.slice(s.start, s.end) : doc.text.slice(Math.max(0, start - 150), end + 150);
  return new Set(contentWords(text));
}

function trusted(doc: Doc): boolean {
  return doc.facts.published.date !== null && doc.facts.published.confidence >= 0.5;
}

function eventsOf(doc: Doc): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (const t of spansOf(doc, 'time')) {
    if (!t.value) continue;
    // Only dates the text fixes on its own or the document's trusted date fixes.
    if (t.anchor !== 'none' && !trusted(doc)) continue;
    const granularity = t.value.length === 10 ? 'day' : t.value.length === 7 ? 'month' : t.value.length === 4 ? 'year' : null;
    if (!granularity || t.granularity === 'duration') continue;
    out.push({ doc: doc.id, value: t.value, granularity, words: sentenceWords(doc, t.start, t.end) });
  }
  return out;
}

function compatible(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

function addDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Bound the publication date of each document that has none it can trust. */
export function crossDate(docs: Doc[]): CrossDating[] {
  const events = docs.flatMap(eventsOf);
  if (events.length === 0) return [];
  const results: CrossDating[] = [];
  const dayEvents = events.map((e) => e.value).filter((v) => v.length >= 7).sort();
  const spanStart = addDays((dayEvents[0] ?? '2000-01') .padEnd(10, '-01').slice(0, 10), -7);
  for (const doc of docs) {
    if (trusted(doc)) continue;
    const mentions = parseTimeMentions(doc.text).filter((m) => m.kind !== 'duration' && m.kind !== 'absolute');
    if (mentions.length === 0) continue;
    const others = events.filter((e) => e.doc !== doc.id);
    const words = new Map(mentions.map((m) => [m, sentenceWords(doc, m.start, m.end)]));
    const ownBound = doc.facts.published;
    const lastEvent = dayEvents[dayEvents.length - 1] ?? spanStart;
    let from = ownBound.earliest && ownBound.earliest > spanStart ? ownBound.earliest : spanStart;
    let to = addDays(lastEvent.padEnd(10, '-28').slice(0, 10), 400);
    if (ownBound.latest && ownBound.latest < to) to = ownBound.latest;
    const fetched = doc.raw.fetchedAt.slice(0, 10);
    if (fetched < to) to = fetched;
    if (from > to) continue;
    let best = 0;
    const scores: { day: string; score: number; matches: Match[] }[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      let previous: Resolved | null = null;
      let score = 0;
      const matches: Match[] = [];
      for (const m of mentions) {
        const r = resolveMention(m, day, { previous });
        if (r.value && r.granularity !== 'duration') previous = r;
        if (!r.value || r.granularity === 'duration' || r.granularity === 'year') continue;
        let bestMatch: Match | null = null;
        for (const e of others) {
          if (!compatible(r.value, e.value)) continue;
          const shared = [...words.get(m)!].filter((w) => e.words.has(w)).length;
          if (shared < MIN_SHARED_WORDS) continue;
          // Agreement on a day is worth more than on a month.
          const precision = Math.min(r.value.length, e.value.length) === 10 ? 1.5 : 1;
          const weight = precision * Math.min(shared, 6) / 3;
          if (!bestMatch || weight > bestMatch.weight) bestMatch = { mention: m, event: e, resolved: r.value, weight };
        }
        if (bestMatch) {
          score += bestMatch.weight;
          matches.push(bestMatch);
        }
      }
      scores.push({ day, score, matches });
      if (score > best) best = score;
    }
    if (best < 1) continue;
    // The bound is the contiguous run of best days around the first best day.
    const top = scores.filter((s) => s.score >= best - 1e-9);
    const first = top[0];
    let last = first;
    for (let i = scores.indexOf(first) + 1; i < scores.length && scores[i].score >= best - 1e-9; i++) last = scores[i];
    results.push({
      doc: doc.id,
      earliest: first.day,
      latest: last.day,
      matches: first.matches.map((m) => ({ text: m.mention.text, start: m.mention.start, end: m.mention.end, resolved: m.resolved, otherDoc: m.event.doc })),
    });
  }
  return results;
}

/**
 * Apply cross-document bounds: record them as 'corpus' evidence on the document's date,
 * narrow its earliest/latest, and re-resolve its time expressions against the start of
 * the bound when the bound is tight enough (a week) for relative dates to be right.
 */
export function applyCrossDating(docs: Doc[], datings: CrossDating[]): void {
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const c of datings) {
    const doc = byId.get(c.doc);
    if (!doc) continue;
    const p = doc.facts.published;
    p.earliest = p.earliest && p.earliest > c.earliest ? p.earliest : c.earliest;
    p.latest = p.latest && p.latest < c.latest ? p.latest : c.latest;
    if (p.earliest > p.latest) p.latest = p.earliest;
    const days = Math.round((Date.parse(p.latest) - Date.parse(p.earliest)) / 86_400_000);
    p.confidence = Math.max(p.confidence, days <= 7 ? 0.45 : 0.3);
    const evidence: DateCandidateSpan[] = c.matches.map((m) => ({
      kind: 'date-candidate',
      source: 'corpus',
      value: `"${m.text}" = ${m.resolved}, as dated in document ${m.otherDoc}`,
      date: c.earliest,
      role: 'published',
      start: m.start,
      end: m.end,
      in: 'text',
      score: 0.4,
      evidence: [`published between ${c.earliest} and ${c.latest}: the events this document reports match dated events in other documents`],
    }));
    doc.spans.push(...evidence);
    if (days <= 7) annotateLanguage(doc, { anchor: p.earliest, anchorKind: 'corpus' });
  }
}
