import { type Doc, spansOf } from '../core/doc.js';
import type { Disagreement } from './disagreements.js';
import { type SparseVector, contentWords, cosine } from './similarity.js';
import type { TimelineEvent } from './timeline.js';

/**
 * A multi-source extractive summary: sentences chosen by maximal marginal relevance
 * (central to the story, not redundant with what is already chosen), with a bonus for
 * sentences that describe a timeline event or state a side of the main disagreement,
 * then ordered by when their documents were published. Every sentence cites its offsets.
 */

export interface SummarySentence {
  text: string;
  doc: string;
  start: number;
  end: number;
}

interface Candidate extends SummarySentence {
  vector: SparseVector;
  published: string;
  position: number;
  bonus: number;
}

export function summarise(docs: Doc[], opts: { sentences?: number; timeline?: TimelineEvent[]; disagreements?: Disagreement[] } = {}): SummarySentence[] {
  const want = opts.sentences ?? 5;
  const df = new Map<string, number>();
  const perDoc = docs.map((doc) => spansOf(doc, 'sentence').map((s) => ({ doc, s, words: contentWords(doc.text.slice(s.start, s.end)) })));
  for (const sentences of perDoc) for (const { words } of sentences) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const total = perDoc.reduce((n, s) => n + s.length, 0) || 1;
  const eventKeys = new Set((opts.timeline ?? []).flatMap((e) => e.sentences.map((s) => `${s.doc}:${s.start}`)));
  const disagreementKeys = new Set((opts.disagreements ?? []).slice(0, 1).flatMap((d) => d.sides.map((s) => `${s.doc}:${s.start}`)));
  const candidates: Candidate[] = [];
  const centroid: SparseVector = new Map();
  for (const sentences of perDoc) {
    sentences.forEach(({ doc, s, words }, position) => {
      const text = doc.text.slice(s.start, s.end).trim();
      if (text.length < 40 || text.length > 400 || words.length < 5) return;
      const vector: SparseVector = new Map();
      for (const w of words) vector.set(w, (vector.get(w) ?? 0) + Math.log(total / (df.get(w) ?? 1)));
      for (const [w, v] of vector) centroid.set(w, (centroid.get(w) ?? 0) + v);
      const key = `${doc.id}:${s.start}`;
      candidates.push({
        text,
        doc: doc.id,
        start: s.start,
        end: s.end,
        vector,
        published: doc.facts.published.date ?? doc.facts.published.earliest ?? '9999',
        position,
        bonus: (eventKeys.has(key) ? 0.15 : 0) + (disagreementKeys.has(key) ? 0.25 : 0) + (position < 3 ? 0.1 : 0),
      });
    });
  }
  const chosen: Candidate[] = [];
  const lambda = 0.7;
  while (chosen.length < want && chosen.length < candidates.length) {
    let best: { c: Candidate; score: number } | null = null;
    for (const c of candidates) {
      if (chosen.includes(c)) continue;
      const relevance = cosine(c.vector, centroid) + c.bonus;
      const redundancy = chosen.reduce((m, x) => Math.max(m, cosine(c.vector, x.vector)), 0);
      const score = lambda * relevance - (1 - lambda) * redundancy - (redundancy > 0.6 ? 1 : 0);
      if (!best || score > best.score) best = { c, score };
    }
    if (!best) break;
    chosen.push(best.c);
  }
  return chosen
    .sort((a, b) => a.published.localeCompare(b.published) || a.doc.localeCompare(b.doc) || a.start - b.start)
    .map(({ text, doc, start, end }) => ({ text, doc, start, end }));
}
