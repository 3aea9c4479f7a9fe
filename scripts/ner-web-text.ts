/**
 * Unlabelled English web prose for the NER trainer's word clusters and casing table.
 *
 * The labelled data is small (about 80k GUM tokens), so what a word tends to be (a name,
 * a place, an ordinary word written with a capital) is better learnt from more text with
 * no labels. The extraction and date benchmark pages in ../shared/data are a few million
 * words of real news and blog prose. They are publishers' pages: they are read here at
 * training time only, and what reaches the model file is per-word statistics (a cluster
 * number, a casing class), never their text.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { extractArticle } from '../src/clean/html/extract.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { splitSentences, tokenize } from '../src/language/ner/tokenize.js';

const PAGE_FOLDERS = ['extract/aeb/html', 'extract/trafilatura-eval/html', 'dates/htmldate-eval/html'];

/** Most-frequent English function words: a page where they are rare is not English prose. */
const FUNCTION_WORDS = new Set('the of and to a in is that for on was with as it by at be this are from'.split(' '));
const MIN_FUNCTION_SHARE = 0.18;

export interface WebText {
  pages: number;
  sentences: string[][];
  tokens: number;
}

function isEnglishProse(tokens: string[]): boolean {
  let words = 0;
  let fn = 0;
  for (const t of tokens) {
    if (!/^\p{L}/u.test(t)) continue;
    words++;
    if (FUNCTION_WORDS.has(t.toLowerCase())) fn++;
  }
  return words >= 100 && fn / words >= MIN_FUNCTION_SHARE;
}

/** Tokenised sentences of every English benchmark page under `dataDir` (../shared/data), in a fixed order. */
export function readWebText(dataDir: string): WebText {
  const out: WebText = { pages: 0, sentences: [], tokens: 0 };
  for (const folder of PAGE_FOLDERS) {
    const dir = path.join(dataDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      let bytes = readFileSync(path.join(dir, name));
      if (name.endsWith('.gz')) bytes = zlib.gunzipSync(bytes);
      const decoded = decodeBytes(bytes);
      if ('error' in decoded) continue;
      const text = extractArticle(decoded.text).text;
      const tokens = tokenize(text);
      if (!isEnglishProse(tokens.map((t) => t.text))) continue;
      out.pages++;
      for (const [from, to] of splitSentences(text, tokens)) {
        // One-word lines are headings and menu leftovers, not sentences to learn contexts from.
        if (to - from < 4) continue;
        out.sentences.push(tokens.slice(from, to).map((t) => t.text));
        out.tokens += to - from;
      }
    }
  }
  return out;
}
