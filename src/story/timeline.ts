import { type Doc, type SentenceSpan, type TimeSpan, spansOf } from '../core/doc.js';
import { contentWords } from './similarity.js';

/**
 * A dated timeline of a story. Candidate events are the time expressions that the language
 * layer resolved against each document's trusted date (so rejected metadata or crawl
 * dates never enter: they are not in the text, and untrusted documents resolve nothing).
 * A date matters when several sources report it, when the story's key names appear in
 * its sentences, or when many sentences are about it. Each event is described by its
 * most representative sentence, and cites every sentence that reported it.
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
  sentences: TimelineSentence[];
  sources: string[];
  entities: string[];
  score: number;
}

export interface TimelineOptions {
  /** Most events to keep. */
  maxEvents?: number;
  /** Sentences cited per event. */
  sentencesPerEvent?: number;
  /** Entity ids per document mention, from entity resolution (doc:start → id). */
  mentionEntity?: Map<string, string>;
  /** Key entities of the story (boost events that involve them). */
  keyEntities?: Set<string>;
}

interface Mention {
  doc: Doc;
  time: TimeSpan;
  sentence: SentenceSpan;
  date: string;
  endDate?: string;
  granularity: 'day' | 'month';
}

export function buildTimeline(docs: Doc[], opts: TimelineOptions = {}): TimelineEvent[] {
  const maxEvents = opts.maxEvents ?? 15;
  const perEvent = opts.sentencesPerEvent ?? 3;
  const mentions: Mention[] = [];
  for (const doc of docs) {
    const sentences = spansOf(doc, 'sentence');
    for (const t of spansOf(doc, 'time')) {
      if (!t.value) continue;
      const granularity = t.granularity === 'day' || (t.granularity === 'range' && t.value.length === 10) ? 'day' : t.granularity === 'month' ? 'month' : null;
      if (!granularity) continue;
      const sentence = sentences.find((s) => s.start <= t.start && t.end <= s.end);
      if (!sentence) continue;
      mentions.push({ doc, time: t, sentence, date: t.value.slice(0, granularity === 'day' ? 10 : 7), endDate: t.endValue && t.endValue.length === 10 ? t.endValue : undefined, granularity });
    }
  }
  // Months absorb into a reported day of that month when one exists: "in February" and
  // "on February 28" are usually the same event at two precisions.
  const days = new Set(mentions.filter((m) => m.granularity === 'day').map((m) => m.date));
  const groups = new Map<string, Mention[]>();
  for (const m of mentions) {
    let key = m.date;
    if (m.granularity === 'month') {
      const inMonth = [...days].filter((d) => d.startsWith(m.date));
      if (inMonth.length === 1) key = inMonth[0];
    }
    const g = groups.get(key) ?? [];
    g.push(m);
    groups.set(key, g);
  }
  const storyVocabulary = vocabulary(docs);
  const events: TimelineEvent[] = [];
  for (const [date, ms] of groups) {
    const sources = [...new Set(ms.map((m) => m.doc.id))];
    const uniqueSentences = dedupeSentences(ms);
    const entityIds = new Set<string>();
    for (const m of ms) for (const id of entitiesIn(m, opts.mentionEntity)) entityIds.add(id);
    const keyHits = opts.keyEntities ? [...entityIds].filter((e) => opts.keyEntities!.has(e)).length : 0;
    // Publication-day self references ("said on Thursday" in Thursday's paper) are the
    // reporting itself, not an event, unless another source also dates something there.
    const onlyReporting = ms.every((m) => m.doc.facts.published.date === date) && sources.length < 2;
    const score = 2 * sources.length + Math.min(uniqueSentences.length, 4) + keyHits - (onlyReporting ? 3 : 0);
    const ranked = uniqueSentences
      .map((m) => ({ m, weight: representativeness(m, uniqueSentences, storyVocabulary) }))
      .sort((a, b) => b.weight - a.weight);
    const cited: Mention[] = [];
    for (const { m } of ranked) {
      if (cited.length >= perEvent) break;
      if (cited.some((c) => c.doc.id === m.doc.id) && ranked.some((r) => !cited.includes(r.m) && r.m.doc.id !== m.doc.id && !cited.some((c) => c.doc.id === r.m.doc.id))) continue;
      cited.push(m);
    }
    const granularity = ms.some((m) => m.granularity === 'day') ? 'day' : 'month';
    const endDate = ms.map((m) => m.endDate).find((e) => e && e > date);
    events.push({
      date: granularity === 'month' ? `${date.slice(0, 7)}-01` : date,
      ...(endDate ? { endDate } : {}),
      granularity,
      title: headline(cited[0]),
      sentences: cited.map((m) => ({ doc: m.doc.id, start: m.sentence.start, end: m.sentence.end, text: m.doc.text.slice(m.sentence.start, m.sentence.end) })),
      sources,
      entities: [...entityIds],
      score,
    });
  }
  const kept = events
    .filter((e) => e.score >= 3)
    .sort((a, b) => b.score - a.score || a.date.localeCompare(b.date))
    .slice(0, maxEvents);
  return kept.sort((a, b) => a.date.localeCompare(b.date));
}

function dedupeSentences(ms: Mention[]): Mention[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const key = `${m.doc.id}:${m.sentence.start}`;
    const textKey = m.doc.text.slice(m.sentence.start, m.sentence.end).toLowerCase().replace(/\W+/g, ' ').trim();
    if (seen.has(key) || seen.has(textKey)) return false;
    seen.add(key);
    seen.add(textKey);
    return true;
  });
}

function entitiesIn(m: Mention, mentionEntity: Map<string, string> | undefined): string[] {
  if (!mentionEntity) return [];
  return spansOf(m.doc, 'entity')
    .filter((e) => e.start >= m.sentence.start && e.end <= m.sentence.end)
    .map((e) => mentionEntity.get(`${m.doc.id}:${e.start}`))
    .filter((x): x is string => Boolean(x));
}

function vocabulary(docs: Doc[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const d of docs) for (const w of new Set(contentWords(d.text))) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

/** How well a sentence stands for its date: shares words with the other reports of that date and with the story. */
function representativeness(m: Mention, all: Mention[], vocab: Map<string, number>): number {
  const words = new Set(contentWords(m.doc.text.slice(m.sentence.start, m.sentence.end)));
  let overlap = 0;
  for (const other of all) {
    if (other === m) continue;
    const ow = new Set(contentWords(other.doc.text.slice(other.sentence.start, other.sentence.end)));
    for (const w of words) if (ow.has(w)) overlap++;
  }
  let storyWeight = 0;
  for (const w of words) storyWeight += Math.min(vocab.get(w) ?? 0, 5);
  const length = m.sentence.end - m.sentence.start;
  const lengthPenalty = length > 320 ? 0.6 : length < 40 ? 0.7 : 1;
  return (overlap * 2 + storyWeight / Math.max(words.size, 1)) * lengthPenalty;
}

function headline(m: Mention): string {
  const s = m.doc.text.slice(m.sentence.start, m.sentence.end).replace(/\s+/g, ' ').trim();
  return s.length <= 160 ? s : s.slice(0, s.lastIndexOf(' ', 157)) + '…';
}
