import { type Doc, replaceSpans, spansOf } from '../core/doc.js';
import { findFigures } from './figures.js';
import { type NerModel, loadNerModel, recognise } from './ner/index.js';
import { findQuotes } from './quotes/index.js';
import { splitSentences } from './sentences.js';
import { findTimes } from './time/index.js';

/**
 * The language layer over one Doc: sentences, time expressions anchored on the document's
 * own trusted date, named entities from the shipped model, quotes and figures. Re-running
 * it replaces its spans, so a document re-dated later (cross-document dating) can be
 * re-annotated in place.
 */

let sharedModel: NerModel | null = null;

function model(): NerModel {
  sharedModel ??= loadNerModel();
  return sharedModel;
}

export interface AnnotateOptions {
  /** Resolve relative times against this day instead of the document's published date. */
  anchor?: string | null;
  /** 'corpus' when the anchor is a date inferred from other documents. */
  anchorKind?: 'published' | 'corpus';
}

export function annotateLanguage(doc: Doc, opts: AnnotateOptions = {}): Doc {
  const sentences = splitSentences(doc.text);
  const anchor = opts.anchor !== undefined ? opts.anchor : doc.facts.published.date;
  const times = findTimes(doc.text, { anchor });
  if (opts.anchorKind === 'corpus') {
    for (const t of times) {
      if (t.anchor !== 'published') continue;
      t.anchor = 'corpus';
      t.reason = `resolved against ${anchor}, the start of the publication range inferred from other documents`;
    }
  }
  const entities = recognise(doc.text, model()).map((m) => ({
    kind: 'entity' as const,
    start: m.start,
    end: m.end,
    type: m.type,
    score: m.score,
    evidence: [`NER model (score ${m.score.toFixed(2)})`],
  }));
  const people = entities.filter((e) => e.type === 'person').map((e) => ({ start: e.start, end: e.end, name: doc.text.slice(e.start, e.end) }));
  const quotes = findQuotes(doc.text, { sentences, people });
  const figures = findFigures(doc.text);
  replaceSpans(doc, ['sentence', 'time', 'entity', 'quote', 'figure'], [...sentences, ...times, ...entities, ...quotes, ...figures]);
  return doc;
}

export function sentenceAt(doc: Doc, offset: number) {
  return spansOf(doc, 'sentence').find((s) => s.start <= offset && offset < s.end) ?? null;
}
