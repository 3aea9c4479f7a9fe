/**
 * Checks hand-written NER training text (data/ner/written/*.txt) before it is trained on:
 * `npx tsx scripts/check-ner-written.ts [FILE...]` (default: every file in the folder).
 * Errors (a bad mark) exit 1; warnings point at likely annotation slips: a title or "the"
 * inside a name, a possessive inside a name, and a name marked in one place but left bare
 * in another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MarkupError, markupToDoc, parseMarkup, type MarkedSpan } from '../src/language/ner/markup.js';
import { spansOf } from '../src/language/ner/conll.js';
import { packageRoot } from '../src/language/ner/index.js';

const folder = path.join(packageRoot(), 'data', 'ner', 'written');
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(folder)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => path.join(folder, f));

const TITLE_START = /^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?|president|senator|sen\.|governor|gov\.|mayor|minister|prime|chancellor|secretary|judge|justice|general|gen\.|colonel|captain|king|queen|prince|princess|pope|sir|lord|lady|chairman|ceo|coach)\s/i;

let errors = 0;
let warnings = 0;
const totals = { tokens: 0, PER: 0, ORG: 0, LOC: 0 };
const markedNames = new Map<string, string>();
const texts: Array<[string, string, MarkedSpan[]]> = [];

for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const name = path.basename(file);
  try {
    const doc = markupToDoc(source);
    const { text, spans } = parseMarkup(source);
    texts.push([name, text, spans]);
    for (const s of doc.sentences) {
      totals.tokens += s.words.length;
      for (const e of spansOf(s.tags)) totals[e.type as 'PER' | 'ORG' | 'LOC']++;
    }
    for (const s of spans) {
      const surface = text.slice(s.start, s.end);
      markedNames.set(surface, s.type);
      if (TITLE_START.test(surface)) {
        console.log(`${name}: warning: "${surface}" starts with a title or "the"`);
        warnings++;
      }
      if (/['’]s$/.test(surface)) {
        console.log(`${name}: warning: "${surface}" includes a possessive`);
        warnings++;
      }
    }
  } catch (err) {
    if (!(err instanceof MarkupError)) throw err;
    console.log(`${name}: error: ${err.message}`);
    errors++;
  }
}

// A name marked somewhere should be marked everywhere it recurs as a whole word mid-sentence.
for (const [name, text, spans] of texts) {
  const covered = (a: number, b: number) => spans.some((s) => s.start <= a && b <= s.end);
  for (const [surface] of markedNames) {
    if (surface.length < 3) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      if (!covered(m.index!, m.index! + surface.length)) {
        console.log(`${name}: warning: "${surface}" is marked elsewhere but bare here: "…${text.slice(Math.max(0, m.index! - 30), m.index! + surface.length + 30).replace(/\n/g, ' ')}…"`);
        warnings++;
      }
    }
  }
}

console.log(`${files.length} files, ${totals.tokens} tokens; names PER ${totals.PER}, ORG ${totals.ORG}, LOC ${totals.LOC}; ${errors} errors, ${warnings} warnings`);
process.exit(errors > 0 ? 1 : 0);
