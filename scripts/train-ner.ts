/**
 * Trains the shipped NER model: `npm run train:ner` (writes models/ner/ner-model.bin).
 *
 * Deterministic: every shuffle and cluster initialisation is seeded and the file carries
 * no timestamp, so the same data and options rebuild a byte-identical model.
 *
 * Options: --epochs N  --bits B  --seed S  --out FILE  --tweet-weight W (0 drops tweets)
 *          --share-alike (also train on GUM bio+voyage, CC-BY-SA)  --eval (dev F1 each epoch)
 *          --ks 32,128,512 (cluster ladder)  --no-gazetteer  --no-clusters
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import nlp from 'compromise';
import { readConll, spansOf, type ConllDoc } from '../src/language/ner/conll.js';
import { buildClusters } from '../src/language/ner/clusters.js';
import { EntityScorer } from '../src/language/ner/eval.js';
import {
  CASE_LOWER,
  CASE_MIXED,
  CASE_UPPER,
  GAZ_DEMONYM,
  GAZ_FIRST,
  GAZ_LAST,
  GAZ_ORG,
  GAZ_ORGWORD,
  GAZ_PERSON,
  GAZ_PLACE,
  GAZ_PLACEWORD,
  GAZ_TITLE,
  docContext,
  sentenceFeatures,
  type Lexicon,
} from '../src/language/ner/features.js';
import { encodeModel, beamDecode, type NerModel } from '../src/language/ner/model.js';
import { AveragedPerceptron, type TrainItem } from '../src/language/ner/train.js';
import { MODEL_FILE, packageRoot } from '../src/language/ner/index.js';

const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}
const flag = (name: string) => process.argv.includes('--' + name);

const root = packageRoot();
const shared = process.env.DATELINE_SHARED ?? path.resolve(root, '../shared');
const dataDir = path.join(shared, 'data', 'ner');
const epochs = Number(arg('epochs', '4'));
const hashBits = Number(arg('bits', '20'));
const seed = Number(arg('seed', '20240611'));
const tweetWeight = Number(arg('tweet-weight', '0.2'));
const ks = arg('ks', '32,128,512').split(',').map(Number);
const shareAlike = flag('share-alike');
const beamWidth = Number(arg('beam', '4'));
const outFile = arg('out', path.join(root, 'models', 'ner', MODEL_FILE));

if (!existsSync(dataDir)) {
  console.log(`NER training data not found at ${dataDir} (set DATELINE_SHARED); nothing to do.`);
  process.exit(0);
}

const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

/**
 * GUM's open genres come in a fixed order (academic 14, bio 16, court 5, interview 15,
 * news 20, voyage 14 documents). bio and voyage are CC-BY-SA; leaving them out keeps the
 * shipped weights free of share-alike terms. The interview+news block must equal
 * gum_wikinews/train, which guards against the order ever changing.
 */
function gumTrain(): ConllDoc[] {
  const all = readConll(path.join(dataDir, 'gum_open', 'train.conll'));
  const news = readConll(path.join(dataDir, 'gum_wikinews', 'train.conll'));
  const firstWords = (d: ConllDoc) => d.sentences[0]!.words.join(' ');
  const block = all.slice(35, 70).map(firstWords);
  if (all.length !== 84 || block.join('\n') !== news.map(firstWords).join('\n')) {
    throw new Error('gum_open/train.conll is not in the expected genre order; cannot separate CC-BY-SA genres');
  }
  if (shareAlike) return all;
  return [...all.slice(0, 14), ...all.slice(30, 70)];
}

function tweets(file: string): ConllDoc[] {
  return readConll(path.join(dataDir, file));
}

const gum = gumTrain();
const btc = tweetWeight > 0 ? tweets('btc/train.conll') : [];
const wnut = tweetWeight > 0 ? tweets('wnut17/train.conll') : [];
const gumDev = readConll(path.join(dataDir, 'gum_open', 'dev.conll'));
const newsDev = readConll(path.join(dataDir, 'gum_wikinews', 'dev.conll'));
log(`train docs: gum ${gum.length}, btc ${btc.length}, wnut ${wnut.length}`);

// Unlabelled text for clusters and casing habits: the training splits' own words only.
const unlabelled: string[][] = [];
for (const d of [...gum, ...btc, ...wnut]) for (const s of d.sentences) unlabelled.push(s.words);

function buildGazetteer(): Map<string, number> {
  const gaz = new Map<string, number>();
  const add = (phrase: string, kind: number) => {
    const key = phrase
      .toLowerCase()
      .replace(/([.,!?])(\s|$)/g, ' $1$2')
      .replace(/'s\b/g, " 's")
      .split(/\s+/)
      .filter(Boolean)
      .join(' ');
    if (key) gaz.set(key, (gaz.get(key) ?? 0) | kind);
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
    'mr mrs ms miss dr prof professor president vice-president senator sen rep representative congressman congresswoman ' +
    'governor gov mayor minister premier chancellor secretary attorney judge justice chief general gen colonel col major ' +
    'captain capt lieutenant lt sergeant sgt admiral commander officer ambassador bishop archbishop cardinal pope father ' +
    'reverend rev sir dame lord lady king queen prince princess emperor empress sheikh chairman chairwoman director ' +
    'spokesman spokeswoman spokesperson coach detective inspector superintendent dean chancellor pastor rabbi imam';
  for (const w of titles.split(' ')) add(w, GAZ_TITLE);
  for (const w of Object.keys(model.two.orgWords ?? {}).sort()) add(w, GAZ_ORGWORD);
  for (const w of Object.keys(model.two.placeWords ?? {}).sort()) add(w, GAZ_PLACEWORD);
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
log(`gazetteer ${gazetteer.size} phrases, casing ${casing.size} words`);
const clusters = flag('no-clusters')
  ? new Map<string, number[]>()
  : buildClusters(unlabelled, { ks, minCount: 2, contextSize: 1000, iterations: 15, seed });
log(`clusters for ${clusters.size} words, k = ${ks.join('/')}`);

const lexicon: Lexicon = { clusters, gazetteer, maxPhrase, casing };

function items(docs: ConllDoc[], weight: number): TrainItem[] {
  const out: TrainItem[] = [];
  for (const d of docs) {
    const ctx = docContext(d.sentences.map((s) => s.words));
    for (const s of d.sentences) {
      const { feats, offsets, view } = sentenceFeatures(s.words, lexicon, ctx);
      out.push({ feats, offsets, view, gold: s.tags.map((t) => TAGS.indexOf(t)), weight });
    }
  }
  return out;
}

const train = [...items(gum, 1), ...items(btc, tweetWeight), ...items(wnut, tweetWeight)];
const devSets = { gum_open_dev: items(gumDev, 1), gum_wikinews_dev: items(newsDev, 1) };
log(`features ready: ${train.length} training sentences`);

function evaluate(weights: Float32Array, set: TrainItem[]): number {
  const scorer = new EntityScorer(['PER', 'ORG', 'LOC']);
  for (const it of set) {
    const { tags } = beamDecode(TAGS, hashBits, weights, it.feats, it.offsets, it.view, beamWidth);
    scorer.add(spansOf(it.gold.map((g) => TAGS[g]!)), spansOf(tags.map((t) => TAGS[t]!)));
  }
  return scorer.result().micro!.f1;
}

const perceptron = new AveragedPerceptron(TAGS, hashBits);
for (let e = 1; e <= epochs; e++) {
  const { errors, tokens } = perceptron.epoch(train, seed + e);
  let line = `epoch ${e}: ${errors} token errors / ${tokens}`;
  if (flag('eval')) {
    const avg = perceptron.averaged();
    for (const [name, set] of Object.entries(devSets)) line += `  ${name} F1 ${(evaluate(avg, set) * 100).toFixed(1)}`;
  }
  log(line);
}

const model: NerModel = {
  tags: TAGS,
  hashBits,
  weights: perceptron.averaged(),
  lexicon,
  meta: {
    trainedOn: shareAlike
      ? 'GUM open genres train split (all six), BTC train (A+B+E+G), WNUT-17 train'
      : 'GUM train split: academic, court, interview, news (no CC-BY-SA genres); BTC train (A+B+E+G); WNUT-17 train',
    tweetWeight,
    epochs,
    seed,
    clusterKs: ks,
    gazetteer: 'compromise 14 lexicon (MIT)',
  },
};
const bytes = encodeModel(model);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, bytes);
const dev = Object.entries(devSets)
  .map(([n, s]) => `${n} F1 ${(evaluate(model.weights, s) * 100).toFixed(1)}`)
  .join(', ');
log(`wrote ${outFile}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}; ${dev}`);
