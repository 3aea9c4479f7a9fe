/** Reader for the CoNLL-style files under shared/data/ner (TOKEN XPOS UPOS NER, IOB2). */
import { readFileSync } from 'node:fs';

export interface ConllSentence {
  words: string[];
  tags: string[];
}

export interface ConllDoc {
  sentences: ConllSentence[];
}

/**
 * Files with -DOCSTART- lines give one document per marker. Files without (tweets,
 * WikiGold) give one document per sentence, since nothing says which sentences belong together.
 */
export function readConll(path: string, keepTypes: ReadonlySet<string> = new Set(['PER', 'ORG', 'LOC'])): ConllDoc[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const hasDocs = lines.some((l) => l.startsWith('-DOCSTART-'));
  const docs: ConllDoc[] = [];
  let doc: ConllDoc | null = null;
  let sent: ConllSentence = { words: [], tags: [] };
  const flush = () => {
    if (sent.words.length === 0) return;
    if (!hasDocs || !doc) {
      doc = { sentences: [] };
      docs.push(doc);
    }
    doc.sentences.push(sent);
    sent = { words: [], tags: [] };
    if (!hasDocs) doc = null;
  };
  for (const line of lines) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cols = line.split(' ');
    const word = cols[0]!;
    let tag = cols[cols.length - 1]!;
    if (tag !== 'O' && !keepTypes.has(tag.slice(2))) tag = 'O';
    sent.words.push(word);
    sent.tags.push(tag);
  }
  flush();
  // Dropping a type can leave an I- tag after O; strict IOB2 wants it re-opened as B-.
  for (const d of docs) for (const s of d.sentences) repairIob2(s.tags);
  return docs.filter((d) => d.sentences.length > 0);
}

export function repairIob2(tags: string[]): void {
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (!t.startsWith('I-')) continue;
    const prev = i > 0 ? tags[i - 1]! : 'O';
    if (prev === 'O' || prev.slice(2) !== t.slice(2)) tags[i] = 'B-' + t.slice(2);
  }
}

export interface EntitySpan {
  type: string;
  start: number;
  end: number;
}

/** Entity spans [start, end) in token indices, strict IOB2. */
export function spansOf(tags: string[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  let cur: EntitySpan | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i]! : 'O';
    if (cur && !(t.startsWith('I-') && t.slice(2) === cur.type)) {
      cur.end = i;
      out.push(cur);
      cur = null;
    }
    if (t.startsWith('B-') || (t.startsWith('I-') && !cur)) cur = { type: t.slice(2), start: i, end: i + 1 };
  }
  return out;
}
