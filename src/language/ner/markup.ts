/**
 * Reader for NER training text written for this project with names marked inline:
 * "[[PER Olaf Brandt]] met the [[ORG World Health Organization]] in [[LOC Geneva]]."
 * Writing prose with inline marks is far less error-prone than writing token columns, and
 * turning it into tagged sentences with the run-time tokenizer means the labels sit on
 * exactly the tokens the tagger sees in use.
 */
import type { ConllDoc, ConllSentence } from './conll.js';
import { splitSentences, tokenize } from './tokenize.js';

export const MARKUP_TYPES = ['PER', 'ORG', 'LOC'] as const;
export type MarkupType = (typeof MARKUP_TYPES)[number];

export interface MarkedSpan {
  type: MarkupType;
  start: number;
  end: number;
}

export interface MarkedText {
  text: string;
  spans: MarkedSpan[];
}

export class MarkupError extends Error {}

const MARK = /\[\[([A-Z]+) ([^\]\[]+?)\]\]/g;

/** Strips the marks, returning the plain text and each name's character span in it. */
export function parseMarkup(source: string): MarkedText {
  const spans: MarkedSpan[] = [];
  let text = '';
  let last = 0;
  for (const m of source.matchAll(MARK)) {
    const type = m[1]! as MarkupType;
    if (!MARKUP_TYPES.includes(type)) throw new MarkupError(`unknown type "${m[1]}" in ${m[0]}`);
    const name = m[2]!;
    if (name !== name.trim()) throw new MarkupError(`space at the edge of ${m[0]}`);
    text += source.slice(last, m.index);
    spans.push({ type, start: text.length, end: text.length + name.length });
    text += name;
    last = m.index! + m[0].length;
  }
  text += source.slice(last);
  const stray = /\[\[|\]\]/.exec(text);
  if (stray) throw new MarkupError(`unbalanced mark near "${text.slice(Math.max(0, stray.index - 30), stray.index + 30)}"`);
  return { text, spans };
}

/**
 * Tagged sentences for one written document. A name must start and end on token
 * boundaries; one that does not ("[[PER Kim]]'s" is fine, "[[PER Ki]]m" is not) is an
 * error, because silently moving it would teach the tagger a wrong boundary.
 */
export function markupToDoc(source: string): ConllDoc {
  const { text, spans } = parseMarkup(source);
  const tokens = tokenize(text);
  const tags: string[] = tokens.map(() => 'O');
  for (const s of spans) {
    const first = tokens.findIndex((t) => t.start === s.start);
    const lastIdx = tokens.findIndex((t) => t.end === s.end);
    if (first < 0 || lastIdx < first) {
      throw new MarkupError(`name "${text.slice(s.start, s.end)}" does not fall on token boundaries`);
    }
    tags[first] = 'B-' + s.type;
    for (let i = first + 1; i <= lastIdx; i++) tags[i] = 'I-' + s.type;
  }
  const sentences: ConllSentence[] = splitSentences(text, tokens).map(([from, to]) => ({
    words: tokens.slice(from, to).map((t) => t.text),
    tags: tags.slice(from, to),
  }));
  // A sentence boundary inside a name would leave an I- tag opening a sentence.
  for (const s of sentences) if (s.tags[0]?.startsWith('I-')) throw new MarkupError(`a sentence break falls inside a name: "${s.words.slice(0, 6).join(' ')}"`);
  return { sentences };
}
