import { type Doc, type FigureSpan, type SentenceSpan, spansOf } from '../core/doc.js';
import { contentWords } from './similarity.js';

/**
 * Where sources disagree. Two kinds are found: different figures for one quantity (the
 * union says 1,200 strikers, the port says 800), and a claim met by a denial or rebuttal
 * from another speaker or source about the same matter (shared key words, one side
 * carrying a denial cue). Each side keeps its speaker, document and offsets.
 */

export interface DisagreementSide {
  claim: string;
  speaker: string | null;
  doc: string;
  start: number;
  end: number;
}

export interface Disagreement {
  topic: string;
  kind: 'figures' | 'denial';
  sides: DisagreementSide[];
  score: number;
  evidence: string;
}

const DENIAL = /\b(?:denied|denies|deny|denying|refuted|refutes|rejected|rejects|dismissed|dismisses|disputed|disputes|contradicted|contested|not true|false|untrue|no such|never|was not|were not|is not|are not|did not|didn't|wasn't|isn't|not the)\b/i;

interface Claim {
  doc: Doc;
  sentence: SentenceSpan;
  speaker: string | null;
  words: Set<string>;
  denial: boolean;
}

export function findDisagreements(docs: Doc[], opts: { max?: number } = {}): Disagreement[] {
  const out = [...figureConflicts(docs), ...denials(docs)];
  out.sort((a, b) => b.score - a.score);
  return dedupe(out).slice(0, opts.max ?? 8);
}

function speakerAt(doc: Doc, start: number, end: number): string | null {
  const q = spansOf(doc, 'quote').find((x) => x.start < end && start < x.end);
  return q?.speaker ?? null;
}

function sentenceOf(doc: Doc, offset: number): SentenceSpan | null {
  return spansOf(doc, 'sentence').find((s) => s.start <= offset && offset < s.end) ?? null;
}

function headNoun(about: string | null): string | null {
  if (!about) return null;
  const w = contentWords(about);
  return w.length ? w[w.length - 1].replace(/s$/, '') : null;
}

function figureConflicts(docs: Doc[]): Disagreement[] {
  const figures: { doc: Doc; f: FigureSpan; head: string }[] = [];
  for (const doc of docs) {
    for (const f of spansOf(doc, 'figure')) {
      const head = headNoun(f.about);
      if (head && f.unit !== 'percent') figures.push({ doc, f, head });
    }
  }
  const out: Disagreement[] = [];
  for (let i = 0; i < figures.length; i++) {
    for (let j = i + 1; j < figures.length; j++) {
      const a = figures[i];
      const b = figures[j];
      if (a.head !== b.head || a.f.unit !== b.f.unit) continue;
      const ratio = Math.max(a.f.value, b.f.value) / Math.max(1, Math.min(a.f.value, b.f.value));
      if (ratio < 1.15 || ratio > 20) continue;
      const sa = sentenceOf(a.doc, a.f.start);
      const sb = sentenceOf(b.doc, b.f.start);
      if (!sa || !sb) continue;
      if (a.doc.id === b.doc.id && sa.start === sb.start) {
        // One sentence giving both sides ("the union said 1,200, the port 800") is itself
        // a report of the disagreement: keep it, with the figure spans as the two sides.
      }
      // The same quantity: the sentences share context words beyond the counted noun.
      const wa = new Set(contentWords(a.doc.text.slice(sa.start, sa.end)));
      const wb = new Set(contentWords(b.doc.text.slice(sb.start, sb.end)));
      const shared = [...wa].filter((w) => wb.has(w));
      if (shared.length < 2 && !(a.doc.id === b.doc.id && sa.start === sb.start)) continue;
      out.push({
        topic: `number of ${a.f.about ?? a.head}`,
        kind: 'figures',
        sides: [a, b].map(({ doc, f }) => {
          const s = sentenceOf(doc, f.start)!;
          return { claim: doc.text.slice(s.start, s.end), speaker: speakerAt(doc, s.start, s.end) ?? attributedSource(doc.text.slice(s.start, s.end)), doc: doc.id, start: s.start, end: s.end };
        }),
        score: 2 + shared.length / 4 + (a.doc.id !== b.doc.id ? 1 : 0),
        evidence: `${a.doc.text.slice(a.f.start, a.f.end)} against ${b.doc.text.slice(b.f.start, b.f.end)} (same quantity: ${shared.slice(0, 4).join(', ')})`,
      });
    }
  }
  return out;
}

/** "The union said ..." → "The union": who a sentence attributes its claim to. */
function attributedSource(sentence: string): string | null {
  const m = /(?:^|,\s*|\bwhile\s+|\bbut\s+)((?:the\s+)?[\p{Lu}][\p{L}'’ -]{2,60}?)\s+(?:said|says|put|claims|claimed|estimated|reported)\b/u.exec(sentence);
  return m ? m[1].trim() : null;
}

function denials(docs: Doc[]): Disagreement[] {
  const claims: Claim[] = [];
  for (const doc of docs) {
    for (const s of spansOf(doc, 'sentence')) {
      const text = doc.text.slice(s.start, s.end);
      const words = new Set(contentWords(text));
      if (words.size < 4) continue;
      claims.push({ doc, sentence: s, speaker: speakerAt(doc, s.start, s.end) ?? attributedSource(text), words, denial: DENIAL.test(text) });
    }
  }
  const out: Disagreement[] = [];
  const df = new Map<string, number>();
  for (const c of claims) for (const w of c.words) df.set(w, (df.get(w) ?? 0) + 1);
  for (const d of claims.filter((c) => c.denial && /\b(?:denied|denies|refuted|rejected|dismissed|disputed|not true|was not|were not|not the)\b/i.test(c.doc.text.slice(c.sentence.start, c.sentence.end)))) {
    let best: { c: Claim; shared: string[]; weight: number } | null = null;
    for (const c of claims) {
      if (c === d || c.denial) continue;
      if (c.doc.id === d.doc.id && Math.abs(c.sentence.start - d.sentence.start) < 5) continue;
      if (c.speaker && d.speaker && c.speaker === d.speaker) continue;
      const shared = [...d.words].filter((w) => c.words.has(w));
      // Rare shared words weigh more: two sentences sharing "sanctions" and "removal" say
      // more than two sharing "country".
      const weight = shared.reduce((s, w) => s + 1 / Math.log(2 + (df.get(w) ?? 1)), 0);
      if (shared.length >= 2 && weight >= 1.2 && (!best || weight > best.weight)) best = { c, shared, weight };
    }
    if (!best) continue;
    const topic = best.shared.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, 3).join(', ');
    out.push({
      topic,
      kind: 'denial',
      sides: [best.c, d].map((c) => ({ claim: c.doc.text.slice(c.sentence.start, c.sentence.end), speaker: c.speaker, doc: c.doc.id, start: c.sentence.start, end: c.sentence.end })),
      score: best.weight + (best.c.doc.id !== d.doc.id ? 0.5 : 0) + (d.speaker ? 0.5 : 0),
      evidence: `denial cue in the second claim; shared words: ${best.shared.join(', ')}`,
    });
  }
  return out;
}

function dedupe(xs: Disagreement[]): Disagreement[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const key = x.sides
      .map((s) => `${s.doc}:${s.start}`)
      .sort()
      .join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
