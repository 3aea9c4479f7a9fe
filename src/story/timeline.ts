import { type Doc, type SentenceSpan, type TimeSpan, spansOf } from '../core/doc.js';
import { TRUSTED_DATE_CONFIDENCE } from '../language/annotate.js';
import { type SparseVector, contentWords, cosine, eventStem, sentenceStemCounts, datelineEnd, isBoilerplate, isByline, isCaption, needsContext } from './similarity.js';

/**
 * A dated timeline of a story. Candidate events are the time expressions that the language
 * layer resolved from the text: against a document's trusted date, against a bound other
 * documents gave it (cross-dating), or self-contained dates. Metadata and crawl dates never
 * enter, because they are not in the text.
 *
 * A day is an event when sources report it as having happened: each reporting source
 * counts, a report written within a couple of days of the event counts more (that is how
 * news reports what just happened), while a date the text only expects ("will begin on
 * Monday"), a date that merely bounds a period ("since Sunday"), a wire dateline or a
 * publication stamp count little or nothing. Dates well before the story's first report
 * are background. Each event is described by its most representative sentence and cites
 * every sentence that reported it.
 */

export interface TimelineSentence {
  doc: string;
  start: number;
  end: number;
  text: string;
}

export interface TimelineEvent {
  date: string;
  endDate?: string;
  granularity: 'day' | 'month';
  title: string;
  /** The sentences that describe the event best, at most sentencesPerEvent. */
  sentences: TimelineSentence[];
  /** Every document that reports the date. */
  sources: string[];
  entities: string[];
  score: number;
  /** Every sentence that reports the date, for provenance. */
  citations: TimelineSentence[];
}

export interface TimelineOptions {
  /** Most events to keep. */
  maxEvents?: number;
  /** Sentences that describe each event. */
  sentencesPerEvent?: number;
  /** Entity ids per document mention, from entity resolution (doc:start → id). */
  mentionEntity?: Map<string, string>;
  /** Key entities of the story (boost events that involve them). */
  keyEntities?: Set<string>;
  /** Events scoring below this are left out (one fresh past-tense report scores about 1.5). */
  minScore?: number;
}

interface Mention {
  doc: Doc;
  time: TimeSpan;
  sentence: SentenceSpan;
  /** The sentence without a leading wire dateline: what gets cited. */
  start: number;
  end: number;
  date: string;
  endDate?: string;
  granularity: 'day' | 'month';
  /** The reporting document's day is after the date (or is the date itself). */
  fresh: boolean;
  /** The text expects it: the date lies after the document's own day. */
  future: boolean;
  weight: number;
  /** Among the first two sentences of the body: the document's main news. */
  lead: boolean;
  /** Other dates the same sentence gives: a sentence listing several events describes each poorly. */
  otherDates: number;
}

const DAY_MS = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/** Words before a date that make it the edge of a period rather than an event. */
const BOUNDARY_SIGNALS = new Set(['since', 'until', 'till', 'by', 'before', 'after', 'from', 'through', 'throughout', 'during', 'within']);

/** Days before the first report that still count as the story's own events rather than background. */
const LEAD_IN_DAYS = 3;

/** The day a document reports from: its trusted date, or a bound narrow enough to act as one. */
export function reportDay(doc: Doc): string | null {
  const p = doc.facts.published;
  if (p.date && p.confidence >= TRUSTED_DATE_CONFIDENCE) return p.date;
  if (p.earliest && p.latest && days(p.earliest, p.latest) <= 7) return p.earliest;
  return null;
}

function previousWord(text: string, at: number): string {
  const m = /([\p{L}]+)[\s,]*$/u.exec(text.slice(Math.max(0, at - 24), at));
  return m ? m[1].toLowerCase() : '';
}

function collectMentions(doc: Doc): Mention[] {
  const sentences = spansOf(doc, 'sentence');
  const day = reportDay(doc);
  const trustedDate = doc.facts.published.date !== null && doc.facts.published.confidence >= TRUSTED_DATE_CONFIDENCE;
  const times = spansOf(doc, 'time');
  const out: Mention[] = [];
  let bodyIndex = 0;
  const bodyOrder = new Map<SentenceSpan, number>();
  for (const s of sentences) {
    const text = doc.text.slice(s.start, s.end);
    if (!isBoilerplate(text) && !isCaption(text) && !isByline(text)) bodyOrder.set(s, bodyIndex++);
  }
  for (const t of times) {
    if (!t.value) continue;
    // Relative dates resolved against a date nobody trusts resolve nothing.
    if (t.anchor === 'published' && !trustedDate) continue;
    const dayLike = t.value.length === 10 && (t.granularity === 'day' || (t.granularity === 'range' && (!t.endValue || (t.endValue.length === 10 && days(t.value, t.endValue) <= 1))));
    const granularity = dayLike ? 'day' : t.granularity === 'month' && t.value.length === 7 ? 'month' : null;
    if (!granularity) continue;
    const sentence = sentences.find((s) => s.start <= t.start && t.end <= s.end);
    if (!sentence) continue;
    const text = doc.text.slice(sentence.start, sentence.end);
    if (isCaption(text) || isByline(text) || isBoilerplate(text)) continue;
    const dl = datelineEnd(text);
    // The wire dateline states the publication day; it is a stamp, not a report of an event.
    if (dl > 0 && t.start < sentence.start + dl) continue;
    const rest = text.slice(0, t.start - sentence.start) + ' ' + text.slice(t.end - sentence.start);
    // "Published Tuesday 6 February 2024" and the like: nothing but the date.
    if (contentWords(rest.slice(dl)).length < 3) continue;
    const date = granularity === 'day' ? t.value : t.value.slice(0, 7);
    const future = day !== null && (granularity === 'day' ? date > day : date > day.slice(0, 7));
    const fresh = day !== null && !future && (granularity === 'day' ? days(date, day) <= 2 : date === day.slice(0, 7));
    const boundary = BOUNDARY_SIGNALS.has(previousWord(doc.text, t.start));
    const otherDates = new Set(times.filter((o) => o !== t && o.value && o.start >= sentence.start && o.end <= sentence.end && o.value.length >= 7).map((o) => o.value)).size;
    out.push({
      doc,
      time: t,
      sentence,
      start: sentence.start + dl,
      end: sentence.end,
      date,
      ...(t.endValue && t.endValue.length === 10 && t.endValue > date ? { endDate: t.endValue } : {}),
      granularity,
      fresh,
      future,
      weight: (future ? 0.3 : 1) * (boundary ? 0.5 : 1),
      lead: (bodyOrder.get(sentence) ?? 99) < 2,
      otherDates,
    });
  }
  return out;
}

function norm(text: string): string {
  return text.toLowerCase().replace(/\W+/g, ' ').trim();
}

function vectorOf(text: string): SparseVector {
  const v: SparseVector = new Map();
  for (const w of contentWords(text)) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

export function buildTimeline(docs: Doc[], opts: TimelineOptions = {}): TimelineEvent[] {
  const maxEvents = opts.maxEvents ?? 15;
  const perEvent = opts.sentencesPerEvent ?? 2;
  const minScore = opts.minScore ?? 1;
  const mentions = docs.flatMap(collectMentions);
  // A document known only to lie within a range still reports from no earlier than its start.
  const reportDays = docs
    .map((d) => reportDay(d) ?? (d.facts.published.earliest && d.facts.published.latest ? d.facts.published.earliest : null))
    .filter((d): d is string => d !== null)
    .sort();
  const rarity = stemRarity(docs);
  const firstReport = reportDays[0] ?? null;

  // Day events first; a month mention joins a day event when it is the same report at
  // a coarser precision: the same sentence, or a sentence saying the same thing.
  const groups = new Map<string, Mention[]>();
  for (const m of mentions.filter((x) => x.granularity === 'day')) groups.set(m.date, [...(groups.get(m.date) ?? []), m]);
  for (const m of mentions.filter((x) => x.granularity === 'month')) {
    const text = m.doc.text.slice(m.start, m.end);
    const vector = vectorOf(text);
    let target: string | null = null;
    for (const [day, ms] of groups) {
      if (!day.startsWith(m.date)) continue;
      const same = ms.some((d) => (d.doc === m.doc && d.sentence === m.sentence) || norm(d.doc.text.slice(d.start, d.end)) === norm(text) || cosine(vector, vectorOf(d.doc.text.slice(d.start, d.end))) >= 0.5);
      if (same) {
        target = day;
        break;
      }
    }
    const key = target ?? m.date;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }

  const titles = new Map(docs.map((d) => [d.id, vectorOf(d.facts.title ?? '')]));
  const candidates: (TimelineEvent & { ranked: Mention[] })[] = [];
  for (const [key, ms] of groups) {
    const granularity: 'day' | 'month' = key.length === 10 ? 'day' : 'month';
    const perDoc = new Map<string, number>();
    for (const m of ms) perDoc.set(m.doc.id, Math.max(perDoc.get(m.doc.id) ?? 0, m.weight));
    const support = [...perDoc.values()].reduce((a, b) => a + b, 0);
    const extra = Math.min(3, ms.filter((m) => !m.future).length - perDoc.size);
    const entityIds = new Set<string>();
    for (const m of ms) for (const id of entitiesIn(m, opts.mentionEntity)) entityIds.add(id);
    const keyHits = opts.keyEntities ? [...entityIds].filter((e) => opts.keyEntities!.has(e)).length : 0;
    let score = support + 0.2 * Math.max(0, extra) + (ms.some((m) => m.fresh) ? 0.5 : 0) + (ms.some((m) => m.lead && !m.future) ? 0.3 : 0) + 0.15 * Math.min(keyHits, 2);
    // Other sources that give the same month for the same event (sharing a rare word with
    // its sentences) corroborate a day: "met in Singapore on June 12" and "in Singapore in
    // June 2018" are one milestone at two precisions.
    const corroborating = granularity === 'day' ? monthSupport(key, ms, mentions, rarity) : [];
    score += 0.5 * corroborating.length;
    const independent = new Set([...perDoc.keys(), ...corroborating]).size;
    // Background, unless several sources name it: a milestone before the first report
    // that many reports recall is exactly what a timeline of the story needs.
    if (independent < 2 && firstReport && (granularity === 'day' ? days(key, firstReport) > LEAD_IN_DAYS : key < firstReport.slice(0, 7))) score *= 0.4;
    // "Last month" is mostly a recap of the whole episode; a month event only fills a
    // timeline that has run out of days.
    // Several independent sources giving a month that no report dates to the day is a
    // milestone in its own right; otherwise a month is mostly a recap of its days.
    const monthHasDays = granularity === 'month' && [...groups.keys()].some((k) => k.length === 10 && k.startsWith(key));
    if (granularity === 'month') score *= perDoc.size >= 2 && !monthHasDays ? 0.7 : 0.3;
    const ranked = rankSentences(ms, titles);
    const endDate = granularity === 'day' ? ms.map((m) => m.endDate).find((e) => e && e > key) : undefined;
    candidates.push({
      date: granularity === 'month' ? `${key}-01` : key,
      ...(endDate ? { endDate } : {}),
      granularity,
      title: '',
      sentences: [],
      sources: [...new Set([...perDoc.keys(), ...corroborating])],
      entities: [...entityIds],
      score,
      citations: dedupe(ms).map(cite),
      ranked,
    });
  }
  // A month whose reports already corroborate one of its days adds nothing of its own.
  const corroborated = new Set(candidates.filter((c) => c.granularity === 'day').flatMap((c) => c.sources.map((d) => `${c.date.slice(0, 7)}:${d}`)));
  const kept = candidates
    .filter((e) => !(e.granularity === 'month' && e.sources.every((d) => corroborated.has(`${e.date.slice(0, 7)}:${d}`))))
    .filter((e) => e.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.granularity === b.granularity ? 0 : a.granularity === 'day' ? -1 : 1) || b.sources.length - a.sources.length || a.date.localeCompare(b.date))
    .slice(0, maxEvents);
  // Describe the strongest events first, so a sentence that reports two dates goes to the
  // one it tells best and the other takes its next-best sentence.
  const used = new Set<string>();
  for (const e of kept) {
    const chosen: Mention[] = [];
    for (const m of e.ranked) {
      if (chosen.length >= perEvent) break;
      const key = `${m.doc.id}:${m.sentence.start}`;
      if (used.has(key) && e.ranked.some((r) => !used.has(`${r.doc.id}:${r.sentence.start}`) && !chosen.includes(r))) continue;
      // More than one sentence: spread them over sources.
      if (chosen.some((c) => c.doc.id === m.doc.id) && e.ranked.some((r) => !chosen.includes(r) && !chosen.some((c) => c.doc.id === r.doc.id))) continue;
      chosen.push(m);
      used.add(key);
    }
    if (chosen.length === 0 && e.ranked.length) chosen.push(e.ranked[0]);
    e.sentences = chosen.map(cite);
    e.title = chosen.length ? headline(chosen[0]) : '';
  }
  return kept.sort((a, b) => a.date.localeCompare(b.date)).map(({ ranked: _ranked, ...event }) => event);
}

function cite(m: Mention): TimelineSentence {
  return { doc: m.doc.id, start: m.start, end: m.end, text: m.doc.text.slice(m.start, m.end) };
}

function dedupe(ms: Mention[]): Mention[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const key = `${m.doc.id}:${m.sentence.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The sentences of one date, best description first: central among the reports of that
 * date and close to the headlines of the articles that broke it, written when it was news
 * rather than expected or recalled, self-contained, and of a summary line's length.
 */
function rankSentences(ms: Mention[], titles: Map<string, SparseVector>): Mention[] {
  const unique: Mention[] = [];
  const seen = new Set<string>();
  for (const m of ms) {
    const key = norm(m.doc.text.slice(m.start, m.end));
    if (seen.has(`${m.doc.id}:${m.sentence.start}`) || seen.has(key)) continue;
    seen.add(`${m.doc.id}:${m.sentence.start}`);
    seen.add(key);
    unique.push(m);
  }
  const vectors = new Map(unique.map((m) => [m, vectorOf(m.doc.text.slice(m.start, m.end))]));
  const freshTitles = [...new Set(unique.filter((m) => m.fresh).map((m) => m.doc.id))].map((id) => titles.get(id)!).filter((v) => v.size);
  const weight = (m: Mention): number => {
    const v = vectors.get(m)!;
    let central = 0;
    for (const o of unique) if (o !== m && o.doc.id !== m.doc.id) central += cosine(v, vectors.get(o)!);
    const headlines = freshTitles.reduce((best, t) => Math.max(best, cosine(v, t)), 0);
    const text = m.doc.text.slice(m.start, m.end);
    const n = text.split(/\s+/).length;
    const length = n > 45 ? 0.6 : n > 35 ? 0.85 : n < 8 ? 0.6 : 1;
    return (0.4 + central + headlines + (m.fresh ? 0.3 : 0) + (m.lead ? 0.2 : 0) - (m.future ? 0.3 : 0)) * length * (needsContext(text) ? 0.6 : 1) * (m.otherDates >= 2 ? 0.5 : m.otherDates > 0 ? 0.8 : 1);
  };
  return unique.map((m) => ({ m, w: weight(m) })).sort((a, b) => b.w - a.w).map((x) => x.m);
}

function entitiesIn(m: Mention, mentionEntity: Map<string, string> | undefined): string[] {
  if (!mentionEntity) return [];
  return spansOf(m.doc, 'entity')
    .filter((e) => e.start >= m.sentence.start && e.end <= m.sentence.end)
    .map((e) => mentionEntity.get(`${m.doc.id}:${e.start}`))
    .filter((x): x is string => Boolean(x));
}

function headline(m: Mention): string {
  const s = m.doc.text.slice(m.start, m.end).replace(/\s+/g, ' ').trim();
  return s.length <= 160 ? s : s.slice(0, s.lastIndexOf(' ', 157)) + '…';
}

/** Share of sentences each word stem appears in: low means rare, and telling. */
function stemRarity(docs: Doc[]): Map<string, number> {
  const { df, sentences: n } = sentenceStemCounts(docs);
  const out = new Map<string, number>();
  for (const [w, c] of df) out.set(w, c / Math.max(1, n));
  return out;
}

/** Documents whose month-level mentions of the day's month share a rare word with the day's sentences. */
function monthSupport(day: string, dayMentions: Mention[], all: Mention[], rarity: Map<string, number>): string[] {
  const month = day.slice(0, 7);
  const own = new Set(dayMentions.map((m) => m.doc.id));
  const dayWords = new Set(dayMentions.flatMap((m) => contentWords(m.doc.text.slice(m.start, m.end)).map(eventStem)));
  const out = new Set<string>();
  for (const m of all) {
    if (m.granularity !== 'month' || m.date !== month || own.has(m.doc.id) || m.future) continue;
    const words = contentWords(m.doc.text.slice(m.start, m.end)).map(eventStem);
    if (words.some((w) => dayWords.has(w) && (rarity.get(w) ?? 1) <= RARE_SHARE)) out.add(m.doc.id);
  }
  return [...out];
}

/** A word in at most this share of the story's sentences is rare enough to tie two reports to one event. */
const RARE_SHARE = 0.05;
