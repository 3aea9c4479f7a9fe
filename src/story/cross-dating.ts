import { type DateCandidateSpan, type Doc, spansOf } from '../core/doc.js';
import { TRUSTED_DATE_CONFIDENCE, annotateLanguage } from '../language/annotate.js';
import { type Resolved, type TimeMention, parseTimeMentions, resolveMention } from '../language/time/index.js';
import { contentWords, eventStem, sentenceStemCounts } from './similarity.js';

/**
 * Dating a document from the events it shares with dated documents. A page with no
 * trusted date still says "the summit ended on Thursday" or "in June"; other sources date
 * those events. Every candidate publication day is tried: the document's own time
 * mentions are resolved against it, and the day scores by how many resolved mentions land
 * on the date another source gives for the same event, minus the past-tense mentions the
 * day would put in the future (a page cannot report as past what has not happened yet).
 * The best days form the bound; the evidence names the matched mentions.
 *
 * "The same event" is judged from the words around each time expression, not the whole
 * sentence: one sentence often lists several dated events ("met in Singapore in June 2018,
 * in Vietnam in February 2019 and at Panmunjeom in June 2019"), and each date must be
 * matched by its own words. The words weigh by closeness (same clause, within eight
 * tokens) and by rarity, and at least one shared word must be rare: in at most a quarter
 * of the collection's sentences.
 *
 * A document whose own date has low confidence is checked the same way, and its date is
 * rejected, with the reason kept on its date-candidate spans, when the bound excludes it.
 */

interface DatedEvent {
  doc: string;
  value: string;
  context: Map<string, number>;
}

interface Candidate {
  mention: TimeMention;
  events: { event: DatedEvent; weight: number; shared: string[] }[];
}

export interface CrossDating {
  doc: string;
  earliest: string;
  latest: string;
  matches: { text: string; start: number; end: number; resolved: string; otherDoc: string; shared: string[] }[];
  /** Why the bound holds, in words. */
  basis: string;
  /** Set when the document's own date lies outside the bound: the date and why it goes. */
  rejects?: { date: string; reason: string };
  /** The document's own date signal that the bound confirms, when there is one. */
  confirms?: { value: string; start: number; end: number; in: 'text' | 'raw' };
}

/** Below this, a document's own date is checked against the corpus and can be overruled. */
export const LOW_DATE_CONFIDENCE = 0.6;

/** Tokens either side of a time expression that can describe its event. */
const WINDOW = 8;

/** A best day must gather at least this much matching evidence to bound anything. */
const MIN_BOUND_SCORE = 1;
/** To overrule a document's own date the evidence must be stronger than for an undated one. */
const MIN_REJECT_SCORE = 2;
const CONTRADICTION_PENALTY = 0.75;

/** Words that describe when rather than what: they say nothing about which event a date belongs to. */
const TIME_WORDS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight morning afternoon evening night week weeks weekend month months year years day days last next earlier later ago previous following early late mid end beginning until till since ahead'.split(
    ' ',
  ),
);

const CLAUSE_BREAK = /^(?:[,;:()\u2013\u2014"“”]|and|but|while|whereas|although|though)$/i;

/**
 * Content words near a span, weighted by closeness: within the same clause and eight
 * tokens they weigh 1 next to the expression and fall off with distance; across a clause
 * boundary they weigh half.
 */
export function contextWords(doc: Pick<Doc, 'text' | 'spans'>, start: number, end: number): Map<string, number> {
  const s = spansOf(doc, 'sentence').find((x) => x.start <= start && end <= x.end);
  const from = s ? s.start : Math.max(0, start - 200);
  const to = s ? s.end : Math.min(doc.text.length, end + 200);
  const text = doc.text.slice(from, to);
  const tokens: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[,;:()\u2013\u2014"“”]/gu)) tokens.push({ word: m[0], start: from + m.index!, end: from + m.index! + m[0].length });
  const inside = tokens.map((t, i) => (t.start < end && start < t.end ? i : -1)).filter((i) => i >= 0);
  const out = new Map<string, number>();
  if (inside.length === 0) return out;
  const first = inside[0];
  const last = inside[inside.length - 1];
  const clauseOf: number[] = [];
  let clause = 0;
  tokens.forEach((t, i) => {
    if (CLAUSE_BREAK.test(t.word) && !(i >= first && i <= last)) clause++;
    clauseOf.push(clause);
  });
  const own = clauseOf[first];
  for (let i = Math.max(0, first - WINDOW); i <= Math.min(tokens.length - 1, last + WINDOW); i++) {
    if (i >= first && i <= last) continue;
    const [plain] = contentWords(tokens[i].word);
    if (!plain || TIME_WORDS.has(plain)) continue;
    const word = eventStem(plain);
    const distance = i < first ? first - i : i - last;
    const w = (1 / (1 + (distance - 1) / 3)) * (clauseOf[i] === own ? 1 : 0.5);
    if (w > (out.get(word) ?? 0)) out.set(word, w);
  }
  return out;
}

function trusted(doc: Doc): boolean {
  return doc.facts.published.date !== null && doc.facts.published.confidence >= TRUSTED_DATE_CONFIDENCE;
}

function checkable(doc: Doc): boolean {
  return !trusted(doc) || doc.facts.published.confidence < LOW_DATE_CONFIDENCE;
}

function eventsOf(doc: Doc, useRelative: boolean): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (const t of spansOf(doc, 'time')) {
    if (!t.value || t.granularity === 'duration' || t.granularity === 'year') continue;
    // Only dates the text fixes on its own, or that the document's trusted date fixes.
    if (t.anchor !== 'none' && !useRelative) continue;
    if (t.value.length !== 10 && t.value.length !== 7) continue;
    out.push({ doc: doc.id, value: t.value, context: contextWords(doc, t.start, t.end) });
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

const dayDiff = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Bound the publication date of each document that has none it can trust, or one of low confidence. */
export function crossDate(docs: Doc[]): CrossDating[] {
  // Rarity is counted over sentences, not documents: inside one story every document
  // says "strike" and "ferry", yet "began" or "slipway" still single out one event.
  const { df, sentences } = sentenceStemCounts(docs);
  const rareLimit = Math.max(2, Math.floor(sentences / 4));
  const idf = (w: string) => Math.log(1 + sentences / (df.get(w) ?? 1));
  const eventsByDoc = new Map(docs.map((d) => [d.id, eventsOf(d, trusted(d) && !checkable(d))]));
  const allEvents = [...eventsByDoc.values()].flat();
  const results: CrossDating[] = [];
  if (allEvents.length > 0) {
    const values = allEvents.map((e) => e.value).sort();
    const spanStart = addDays(values[0].padEnd(10, '-01').slice(0, 10), -7);
    const lastEvent = values[values.length - 1];
    for (const doc of docs) {
      if (!checkable(doc)) continue;
      const r = boundFor(doc, allEvents.filter((e) => e.doc !== doc.id), { spanStart, lastEvent, idf, df, rareLimit });
      if (r) results.push(r);
    }
  }
  for (const r of storySpanBounds(docs, new Set(results.map((x) => x.doc)))) results.push(r);
  return results;
}

function boundFor(
  doc: Doc,
  others: DatedEvent[],
  ctx: { spanStart: string; lastEvent: string; idf: (w: string) => number; df: Map<string, number>; rareLimit: number },
): CrossDating | null {
  const all = parseTimeMentions(doc.text).filter((m) => m.kind !== 'duration');
  const relative = all.filter((m) => m.kind !== 'absolute');
  if (relative.length === 0) return null;
  const candidates: Candidate[] = relative.map((m) => {
    const context = contextWords(doc, m.start, m.end);
    const events: Candidate['events'] = [];
    for (const e of others) {
      const shared = [...context.keys()].filter((w) => e.context.has(w));
      if (!shared.some((w) => (ctx.df.get(w) ?? 0) <= ctx.rareLimit)) continue;
      const weight = shared.reduce((s, w) => s + Math.min(context.get(w)!, e.context.get(w)!) * ctx.idf(w), 0);
      if (weight >= 1) events.push({ event: e, weight, shared });
    }
    return { mention: m, events };
  });
  if (!candidates.some((c) => c.events.length)) return null;
  const p = doc.facts.published;
  // An undated page's own range (from its text) still holds; a dated page's range is
  // just its date, which is what is being checked.
  const own = p.date ? null : p;
  let from = own?.earliest && own.earliest > ctx.spanStart ? own.earliest : ctx.spanStart;
  let to = addDays(ctx.lastEvent.padEnd(10, '-28').slice(0, 10), 400);
  if (own?.latest && own.latest < to) to = own.latest;
  const fetched = doc.raw.fetchedAt.slice(0, 10);
  if (fetched < to) to = fetched;
  // A dated page is scored on its own day too, so the bound can be weighed against it.
  if (p.date && p.date < from) from = p.date;
  if (p.date && p.date > to && p.date <= fetched) to = p.date;
  if (from > to) return null;
  if (dayDiff(from, to) > 3000) from = addDays(to, -3000);

  const scores: { day: string; score: number; matches: CrossDating['matches'] }[] = [];
  let best = -Infinity;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    let previous: Resolved | null = null;
    let score = 0;
    const matches: CrossDating['matches'] = [];
    let contradictions = 0;
    for (const m of all) {
      const r = resolveMention(m, day, { previous });
      if (r.value && r.granularity !== 'duration') previous = r;
      if (!r.value || r.granularity === 'duration') continue;
      // A past-tense report of a date after the publication day, or an expected date
      // before it, cannot be right for this day.
      const at = r.value.slice(0, Math.min(10, r.value.length));
      if (m.tense === 'past' && at > day.slice(0, at.length)) contradictions++;
      else if (m.tense === 'future' && m.kind === 'absolute' && at < day.slice(0, at.length)) contradictions += 0.5;
      if (m.kind === 'absolute' || r.granularity === 'year') continue;
      const c = candidates.find((x) => x.mention === m);
      let bestMatch: { weight: number; e: Candidate['events'][number] } | null = null;
      for (const e of c?.events ?? []) {
        if (!compatible(r.value, e.event.value)) continue;
        // Agreement on a day is worth more than on a month.
        const precision = Math.min(r.value.length, e.event.value.length) === 10 ? 1.5 : 1;
        const weight = precision * Math.min(e.weight, 3);
        if (!bestMatch || weight > bestMatch.weight) bestMatch = { weight, e };
      }
      if (bestMatch) {
        score += bestMatch.weight;
        matches.push({ text: m.text, start: m.start, end: m.end, resolved: r.value, otherDoc: bestMatch.e.event.doc, shared: bestMatch.e.shared });
      }
    }
    score -= CONTRADICTION_PENALTY * contradictions;
    scores.push({ day, score, matches });
    if (matches.length && score > best) best = score;
  }
  if (best < MIN_BOUND_SCORE) return null;
  const top = scores.filter((s) => s.matches.length && s.score >= best - 1e-9);
  if (p.date) {
    // Overruling a page's own date takes more than one coincidence: several of its
    // mentions must agree on the bound, and its own day must explain them much worse.
    const ownScore = scores.find((s) => s.day === p.date)?.score ?? 0;
    const distinct = new Set(top[0].matches.map((m) => m.start)).size;
    if (distinct < 2 || best - ownScore < MIN_REJECT_SCORE) return null;
  }
  const earliest = top[0].day;
  const latest = top[top.length - 1].day;
  const result: CrossDating = {
    doc: doc.id,
    earliest,
    latest,
    matches: top[0].matches,
    basis: `${top[0].matches.length} time expression(s) match events dated in other documents`,
  };
  if (p.date && (p.date < addDays(earliest, -1) || p.date > addDays(latest, 1))) {
    result.rejects = {
      date: p.date,
      reason: `contradicted by other documents (confidence ${p.confidence.toFixed(2)}): the events this page reports are dated elsewhere so that it was published between ${earliest} and ${latest}`,
    };
  }
  return result;
}

/**
 * A low-confidence date far outside the dates of every other report of the story, while
 * the page's own visible date (a byline, a dateline) falls inside them: the template date
 * is wrong and the visible one is right. The other reports are the corpus evidence.
 */
function storySpanBounds(docs: Doc[], done: Set<string>): CrossDating[] {
  const out: CrossDating[] = [];
  for (const doc of docs) {
    const p = doc.facts.published;
    if (done.has(doc.id) || !p.date || p.confidence >= LOW_DATE_CONFIDENCE) continue;
    const others = docs.filter((d) => d !== doc && d.facts.published.date && d.facts.published.confidence >= LOW_DATE_CONFIDENCE).map((d) => d.facts.published.date!).sort();
    if (others.length < 2) continue;
    const first = others[0];
    const last = others[others.length - 1];
    const gap = p.date < first ? dayDiff(p.date, first) : p.date > last ? dayDiff(last, p.date) : 0;
    if (gap <= 14) continue;
    const alternatives = spansOf(doc, 'date-candidate').filter((c) => !c.rejected && c.source !== 'corpus' && c.role !== 'updated' && c.date !== p.date && c.date >= addDays(first, -3) && c.date <= addDays(last, 3));
    const days = [...new Set(alternatives.map((c) => c.date))];
    if (days.length !== 1) continue;
    out.push({
      doc: doc.id,
      earliest: days[0],
      latest: days[0],
      matches: [],
      confirms: { value: alternatives[0].value, start: alternatives[0].start, end: alternatives[0].end, in: alternatives[0].in ?? 'text' },
      basis: `its own ${alternatives[0].source} date ${days[0]} lies within the ${others.length} other reports of this story (${first} to ${last})`,
      rejects: {
        date: p.date,
        reason: `contradicted by other documents (confidence ${p.confidence.toFixed(2)}): ${gap} days outside the dates of the ${others.length} other reports of this story (${first} to ${last}), while the page's own ${alternatives[0].source} date ${days[0]} falls within them`,
      },
    });
  }
  return out;
}

/**
 * Apply cross-document bounds: record them as 'corpus' evidence on the document's date,
 * narrow its earliest/latest (or replace them, when its own date is rejected), and
 * re-resolve its time expressions against the start of the bound when the bound is tight
 * enough (a week) for relative dates to be right.
 */
export function applyCrossDating(docs: Doc[], datings: CrossDating[]): void {
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const c of datings) {
    const doc = byId.get(c.doc);
    if (!doc) continue;
    const p = doc.facts.published;
    if (p.date && !c.rejects) continue;
    if (c.rejects) {
      for (const span of spansOf(doc, 'date-candidate')) if (span.date === c.rejects.date && !span.rejected && span.source !== 'corpus') span.rejected = c.rejects.reason;
      p.date = null;
      p.datetime = null;
      p.earliest = c.earliest;
      p.latest = c.latest;
    } else {
      p.earliest = p.earliest && p.earliest > c.earliest ? p.earliest : c.earliest;
      p.latest = p.latest && p.latest < c.latest ? p.latest : c.latest;
      if (p.earliest > p.latest) p.latest = p.earliest;
    }
    const days = dayDiff(p.earliest!, p.latest!);
    p.confidence = Math.min(Math.max(p.confidence, days <= 7 ? 0.45 : 0.3), 0.45);
    const evidence: DateCandidateSpan[] = c.matches.map((m) => ({
      kind: 'date-candidate',
      source: 'corpus',
      value: `"${m.text}" = ${m.resolved}, as dated in document ${m.otherDoc} (shared words: ${m.shared.slice(0, 4).join(', ')})`,
      date: c.earliest,
      role: 'published',
      start: m.start,
      end: m.end,
      in: 'text',
      score: 0.4,
      evidence: [`published between ${c.earliest} and ${c.latest}: ${c.basis}`],
    }));
    if (c.confirms) {
      evidence.push({
        kind: 'date-candidate',
        source: 'corpus',
        value: c.confirms.value,
        date: c.earliest,
        role: 'published',
        start: c.confirms.start,
        end: c.confirms.end,
        in: c.confirms.in,
        score: 0.4,
        evidence: [`published on ${c.earliest}: ${c.basis}`],
      });
    }
    doc.spans.push(...evidence);
    if (days <= 7) annotateLanguage(doc, { anchor: p.earliest, anchorKind: 'corpus' });
    else if (days <= MAX_INVARIANT_BOUND_DAYS) resolveWithinBound(doc, p.earliest!, p.latest!);
    else if (c.rejects) annotateLanguage(doc);
  }
}

const MAX_INVARIANT_BOUND_DAYS = 800;

/**
 * With a publication range rather than a day, a relative expression still has one meaning
 * when every day of the range gives it the same value ("June 12 last year" anywhere in
 * 2019 is 2018-06-12). Those are kept; the others stay unresolved, with the reason.
 */
export function resolveWithinBound(doc: Doc, earliest: string, latest: string): void {
  annotateLanguage(doc, { anchor: earliest, anchorKind: 'corpus' });
  const span = dayDiff(earliest, latest);
  const days: string[] = [];
  for (let d = 0; d < span; d += 3) days.push(addDays(earliest, d));
  days.push(latest);
  const mentions = new Map(parseTimeMentions(doc.text).map((m) => [`${m.start}:${m.end}`, m]));
  for (const t of spansOf(doc, 'time')) {
    if (t.anchor !== 'corpus' || !t.value) continue;
    const m = mentions.get(`${t.start}:${t.end}`);
    if (!m) continue;
    const varies = days.some((d) => {
      const r = resolveMention(m, d);
      return r.value !== t.value || (r.endValue ?? null) !== (t.endValue ?? null);
    });
    if (varies) {
      t.value = null;
      delete t.endValue;
      t.reason = `depends on the publication day, which other documents place only between ${earliest} and ${latest}`;
    } else {
      t.reason = `same value for every publication day between ${earliest} and ${latest} (range inferred from other documents)`;
    }
  }
}
