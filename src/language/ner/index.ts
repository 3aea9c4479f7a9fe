/**
 * Named entity recognition with a statistical model that ships as data in models/ner/.
 * Nothing is downloaded at run time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GAZ_TITLE } from './features.js';
import { decodeModel, tagDocument, type NerModel } from './model.js';
import { splitSentences, tokenize } from './tokenize.js';

export type { NerModel } from './model.js';
export { tokenize, splitSentences, type NerToken } from './tokenize.js';

export type NerType = 'person' | 'organization' | 'place' | 'other';

export interface NerMention {
  start: number;
  end: number;
  type: NerType;
  /** Confidence 0..1: the least certain token decision inside the mention. */
  score: number;
}

export const MODEL_FILE = 'ner-model.bin';

const TYPE_MAP: Record<string, NerType> = {
  PER: 'person',
  ORG: 'organization',
  LOC: 'place',
  GPE: 'place',
  FAC: 'place',
  MISC: 'other',
};

/** The package root: the nearest folder above this module with a package.json, from src/ and dist/ alike. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('dateline: cannot find the package root from ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export function defaultModelPath(): string {
  return path.join(packageRoot(), 'models', 'ner', MODEL_FILE);
}

/** Loads a model file, or the model file inside a folder; default: the shipped model. */
export function loadNerModel(file?: string): NerModel {
  let p = file ?? defaultModelPath();
  if (existsSync(p) && statSync(p).isDirectory()) p = path.join(p, MODEL_FILE);
  if (!existsSync(p)) throw new Error(`dateline: NER model not found at ${p} (run npm run train:ner to build it)`);
  return decodeModel(readFileSync(p));
}

let shipped: NerModel | null = null;

function defaultModel(): NerModel {
  if (!shipped) shipped = loadNerModel();
  return shipped;
}

/** Finds person, organization and place names in `text`; offsets index `text`. */
export function recognise(text: string, model: NerModel = defaultModel()): NerMention[] {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const words = sentences.map(([a, b]) => tokens.slice(a, b).map((t) => t.text));
  const decoded = tagDocument(model, words);
  const out: NerMention[] = [];
  sentences.forEach(([a], si) => {
    const w = words[si]!;
    const { tags, probs } = decoded[si]!;
    let i = 0;
    while (i < tags.length) {
      const tag = model.tags[tags[i]!]!;
      if (!tag.startsWith('B-')) {
        i++;
        continue;
      }
      const type = tag.slice(2);
      let j = i + 1;
      while (j < tags.length && model.tags[tags[j]!] === 'I-' + type) j++;
      const from = type === 'PER' ? afterTitles(model, w, i, j) : i;
      let score = 1;
      for (let k = from; k < j; k++) score = Math.min(score, probs[k]!);
      out.push({
        start: tokens[a + from]!.start,
        end: tokens[a + j - 1]!.end,
        type: TYPE_MAP[type] ?? 'other',
        score: Math.round(score * 1000) / 1000,
      });
      i = j;
    }
  });
  return out;
}

/**
 * Where a person's name starts once leading titles are cut ("Chancellor Olaf Brandt" is
 * "Olaf Brandt"), the convention of the training data; tweets sometimes tag titles in,
 * and the tagger can carry that over. A name is never cut down to nothing.
 */
export function afterTitles(model: NerModel, words: string[], from: number, to: number): number {
  let i = from;
  while (i < to - 1) {
    const lw = words[i]!.toLowerCase();
    const bare = lw.endsWith('.') ? lw.slice(0, -1) : lw;
    const kinds = (model.lexicon.gazetteer.get(lw) ?? 0) | (model.lexicon.gazetteer.get(bare) ?? 0);
    if (!(kinds & GAZ_TITLE)) break;
    i++;
  }
  return i;
}
