import { type Doc, spansOf } from '../core/doc.js';
import type { Disagreement } from './disagreements.js';
import { type SparseVector, contentWords, cosine, datelineEnd, isBoilerplate, isByline, isCaption, needsContext } from './similarity.js';
import type { TimelineEvent } from './timeline.js';

/**
 * A multi-source extractive summary: sentences chosen by maximal marginal relevance
 * (central to the story, not redundant with what is already chosen), with a bonus for
 * sentences that describe a timeline event or state a side of the main disagreement, and
 * at least one side of that disagreement when there is one. Captions, bylines, page
 * furniture and sentences that only make sense after the one before ("But it said...")
 * are left out unless nothing else is left. Sentences are ordered by the date they
 * report, and every one cites its offsets (a leading wire dateline is not part of it).
 */

export interface SummarySentence {
  text: string;
  doc: string;
  start: number;
  end: number;
}

interface Candidate extends SummarySentence {
  vector: SparseVector;
  /** The day the sentence reports, or its document's day: the summary's reading order. */
  when: string;
  position: number;
  bonus: number;
  side: boolean;
  dependent: boolean;
}

export function summarise(docs: Doc[], opts: { sentences?: number; timeline?: TimelineEvent[]; disagreements?: Disagreement[] } = {}): SummarySentence[] {
  const want = opts.sentences ?? 5;
  const df = new Map<string, number>();
  const perDoc = docs.map((doc) => spansOf(doc, 'sentence').map((s) => ({ doc, s, words: contentWords(doc.text.slice(s.start, s.end)) })));
  for (const sentences of perDoc) for (const { words } of sentences) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const total = perDoc.reduce((n, s) => n + s.length, 0) || 1;
  const events = opts.timeline ?? [];
  const strongest = Math.max(1, ...events.map((e) => e.score));
  // A sentence is keyed by its document and end: timeline citations may start after a dateline.
  const eventOf = new Map<string, TimelineEvent>();
  for (const e of events) for (const s of [...e.sentences, ...(e.citations ?? [])]) if (!eventOf.has(`${s.doc}:${s.end}`)) eventOf.set(`${s.doc}:${s.end}`, e);
  const described = new Set(events.flatMap((e) => e.sentences.map((s) => `${s.doc}:${s.end}`)));
  const main = (opts.disagreements ?? [])[0];
  const sides = new Set((main?.sides ?? []).map((s) => `${s.doc}:${s.end}`));
  const candidates: Candidate[] = [];
  const centroid: SparseVector = new Map();
  for (const sentences of perDoc) {
    let position = 0;
    for (const { doc, s, words } of sentences) {
      const full = doc.text.slice(s.start, s.end);
      if (isCaption(full) || isByline(full) || isBoilerplate(full)) continue;
      const lead = datelineEnd(full);
      const start = s.start + lead + (full.slice(lead).length - full.slice(lead).trimStart().length);
      const text = doc.text.slice(start, s.end).trimEnd();
      const end = start + text.length;
      position++;
      if (text.length < 40 || text.length > 400 || words.length < 5) continue;
      const vector: SparseVector = new Map();
      for (const w of words) vector.set(w, (vector.get(w) ?? 0) + Math.log(total / (df.get(w) ?? 1)));
      for (const [w, v] of vector) centroid.set(w, (centroid.get(w) ?? 0) + v);
      const key = `${doc.id}:${s.end}`;
      const event = eventOf.get(key);
      candidates.push({
        text,
        doc: doc.id,
        start,
        end,
        vector,
        when: event?.date ?? doc.facts.published.date ?? doc.facts.published.earliest ?? '9999',
        position,
        bonus: (event ? 0.1 + 0.15 * (event.score / strongest) : 0) + (described.has(key) ? 0.05 : 0) + (sides.has(key) ? 0.25 : 0) + (position <= 2 ? 0.1 : 0),
        side: sides.has(key),
        dependent: needsContext(text),
      });
    }
  }
  const pick = (pool: Candidate[], chosen: Candidate[], n: number) => {
    const lambda = 0.7;
    while (chosen.length < n) {
      let best: { c: Candidate; score: number } | null = null;
      for (const c of pool) {
        if (chosen.includes(c)) continue;
        const redundancy = chosen.reduce((m, x) => Math.max(m, cosine(c.vector, x.vector)), 0);
        if (redundancy > 0.5) continue;
        const score = lambda * (cosine(c.vector, centroid) + c.bonus) - (1 - lambda) * redundancy;
        if (!best || score > best.score) best = { c, score };
      }
      if (!best) break;
      chosen.push(best.c);
    }
  };
  const chosen: Candidate[] = [];
  pick(candidates.filter((c) => !c.dependent), chosen, want);
  // The main disagreement is part of the story: make room for one side of it.
  if (main && want >= 3 && !chosen.some((c) => c.side)) {
    const side = candidates.filter((c) => c.side && !c.dependent).sort((a, b) => cosine(b.vector, centroid) - cosine(a.vector, centroid))[0];
    if (side && chosen.every((c) => cosine(side.vector, c.vector) <= 0.5)) {
      if (chosen.length >= want) chosen.pop();
      chosen.push(side);
    }
  }
  // Only when the self-contained sentences run out do context-bound ones fill the gap.
  if (chosen.length < want) pick(candidates, chosen, want);
  return chosen
    .sort((a, b) => a.when.localeCompare(b.when) || a.doc.localeCompare(b.doc) || a.start - b.start)
    .map(({ text, doc, start, end }) => ({ text, doc, start, end }));
}
