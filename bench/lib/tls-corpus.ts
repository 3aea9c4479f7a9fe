/**
 * Loader for the open timeline-summarisation corpus in bench/data/tls (see its README.md).
 * The corpus is gold data: article files, a manifest of their sources and true publication
 * dates, the story each article belongs to, and one gold timeline per story. Systems under
 * test should only ever see what readTlsArticle returns; everything else here is the answer key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type PRF,
  type TimelineEntry,
  type TimelineScores,
  dayNumber,
  evaluateTimeline,
  meanPRF,
} from '../../src/story/eval/timeline.js';

export type TlsFormat = 'text' | 'html' | 'jsonl';

export interface TlsArticle {
  /** Unique id: the file path relative to the corpus folder, plus `#record` for a JSONL record. */
  id: string;
  /** Path relative to the corpus folder. */
  file: string;
  /** Record id inside a JSONL batch; absent for single-page files. */
  record?: string;
  /** The outlet that published this copy. */
  source: string;
  format: TlsFormat;
  /** True publication date (YYYY-MM-DD), whatever the page's own metadata claims. */
  published: string;
  /** For a syndicated copy: the id of the wire original it reproduces. */
  syndicatedFrom?: string;
  /** Set where the page's template meta date is known to be wrong; the text carries the real date. */
  templateMetaDate?: string;
  /** Gold story id, or `noise:<name>` for a page that belongs to no story. */
  story: string;
}

export interface TlsStory {
  id: string;
  title: string;
  /** Query keywords, as the TLS task setup hands them to a system. */
  keywords: string[];
  /** The story's articles in publication order. */
  articles: TlsArticle[];
  /** Gold timeline, sorted by date. */
  gold: TimelineEntry[];
}

/** One record of a JSONL wire batch. */
export interface WireRecord {
  id: string;
  source: string;
  url: string;
  published: string;
  headline: string;
  byline: string;
  body: string;
}

export interface TlsCorpus {
  root: string;
  stories: TlsStory[];
  /** Pages that belong to no story; each is its own gold cluster. */
  noise: TlsArticle[];
  /** Every article, stories and noise, in publication order. */
  articles: TlsArticle[];
  clusters: {
    /** Article id → gold story id (noise pages: a unique `noise:` id). */
    byArticle: Record<string, string>;
    /** The same as a partition of article ids, ready for pairwiseF1 / bcubed. */
    gold: string[][];
  };
}

/** Walk up to the folder holding package.json, so the same code finds the data from bench/ and dist/bench/. */
export function tlsCorpusDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'bench/data/tls');
    const up = path.dirname(dir);
    if (up === dir) return path.resolve('bench/data/tls');
    dir = up;
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function byPublication(a: TlsArticle, b: TlsArticle): number {
  return a.published < b.published ? -1 : a.published > b.published ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Read and cross-check the corpus. Throws on any inconsistency between manifest, cluster map,
 * files and timelines, because a silently broken answer key would make every score meaningless.
 */
export function loadTlsCorpus(dir: string = tlsCorpusDir()): TlsCorpus {
  const manifest = readJson<Omit<TlsArticle, 'story'>[]>(path.join(dir, 'articles.json'));
  const byArticle = readJson<Record<string, string>>(path.join(dir, 'clusters.json'));

  const seen = new Set<string>();
  const articles: TlsArticle[] = [];
  for (const m of manifest) {
    if (seen.has(m.id)) throw new Error(`tls corpus: article ${m.id} listed twice`);
    seen.add(m.id);
    const story = byArticle[m.id];
    if (story === undefined) throw new Error(`tls corpus: ${m.id} has no entry in clusters.json`);
    if (!fs.existsSync(path.join(dir, m.file))) throw new Error(`tls corpus: missing file ${m.file}`);
    dayNumber(m.published);
    articles.push({ ...m, story });
  }
  for (const id of Object.keys(byArticle)) {
    if (!seen.has(id)) throw new Error(`tls corpus: clusters.json names unknown article ${id}`);
  }
  articles.sort(byPublication);

  const storyIds = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'timeline.jsonl')))
    .map((e) => e.name)
    .sort();
  const stories: TlsStory[] = storyIds.map((id) => {
    const meta = readJson<{ id: string; title: string; keywords: string[] }>(path.join(dir, id, 'story.json'));
    if (meta.id !== id) throw new Error(`tls corpus: ${id}/story.json says id ${meta.id}`);
    const gold = fs
      .readFileSync(path.join(dir, id, 'timeline.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as TimelineEntry);
    for (const e of gold) dayNumber(e.date);
    return { id, title: meta.title, keywords: meta.keywords, articles: articles.filter((a) => a.story === id), gold };
  });

  const known = new Set(storyIds);
  const noise = articles.filter((a) => !known.has(a.story));
  for (const a of noise) {
    if (!a.story.startsWith('noise:')) throw new Error(`tls corpus: ${a.id} names unknown story ${a.story}`);
  }
  const groups = new Map<string, string[]>();
  for (const a of articles) {
    const list = groups.get(a.story) ?? [];
    list.push(a.id);
    groups.set(a.story, list);
  }
  return { root: dir, stories, noise, articles, clusters: { byArticle, gold: [...groups.values()] } };
}

const batchCache = new Map<string, Map<string, { line: string; record: WireRecord }>>();

function batch(root: string, file: string) {
  const key = path.join(root, file);
  let recs = batchCache.get(key);
  if (!recs) {
    recs = new Map();
    for (const line of fs.readFileSync(key, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as WireRecord;
      recs.set(record.id, { line, record });
    }
    batchCache.set(key, recs);
  }
  return recs;
}

/**
 * What a system under test gets for one article: the page as stored (text dump or HTML), or
 * for a JSONL record its raw line plus the parsed record.
 */
export function readTlsArticle(corpus: Pick<TlsCorpus, 'root'>, article: TlsArticle): { text: string; record?: WireRecord } {
  if (article.format !== 'jsonl') return { text: fs.readFileSync(path.join(corpus.root, article.file), 'utf8') };
  const hit = batch(corpus.root, article.file).get(article.record ?? '');
  if (!hit) throw new Error(`tls corpus: no record ${article.record} in ${article.file}`);
  return { text: hit.line, record: hit.record };
}

export interface TlsTask {
  story: TlsStory;
  keywords: string[];
  /** Number of dates in the gold timeline: the system is asked for exactly this many. */
  dates: number;
  /** Mean sentences per gold date, rounded: the per-date summary length the system is given. */
  sentencesPerDate: number;
  /** The story's articles published within the gold timeline's first and last dates. */
  articles: TlsArticle[];
}

/**
 * The standard TLS task for one story (Martschat & Markert 2018; Ghalandari & Ifrim 2020):
 * the system is told l and k from the gold timeline, and articles outside the gold date range
 * are dropped.
 */
export function tlsTask(story: TlsStory): TlsTask {
  const first = story.gold[0]?.date ?? '';
  const last = story.gold[story.gold.length - 1]?.date ?? '';
  const sentences = story.gold.reduce((s, e) => s + e.sentences.length, 0);
  return {
    story,
    keywords: story.keywords,
    dates: story.gold.length,
    sentencesPerDate: story.gold.length ? Math.max(1, Math.round(sentences / story.gold.length)) : 0,
    articles: story.articles.filter((a) => a.published >= first && a.published <= last),
  };
}

export interface TlsRunScores {
  /** Per story, in corpus order. A story with no prediction is scored as an empty timeline. */
  perStory: { story: string; scores: TimelineScores }[];
  /** Mean over stories of each P, R and F1 separately (each gold timeline is one task). */
  mean: TimelineScores;
}

/** Score one system's timelines, keyed by story id, against the corpus gold. */
export function scoreTlsRun(corpus: Pick<TlsCorpus, 'stories'>, predictions: Record<string, TimelineEntry[]>): TlsRunScores {
  const perStory = corpus.stories.map((s) => ({ story: s.id, scores: evaluateTimeline(predictions[s.id] ?? [], s.gold) }));
  const m = (pick: (t: TimelineScores) => PRF) => meanPRF(perStory.map((p) => pick(p.scores)));
  return {
    perStory,
    mean: {
      date: m((t) => t.date),
      concat: { rouge1: m((t) => t.concat.rouge1), rouge2: m((t) => t.concat.rouge2) },
      agreement: { rouge1: m((t) => t.agreement.rouge1), rouge2: m((t) => t.agreement.rouge2) },
      align_m1: { rouge1: m((t) => t.align_m1.rouge1), rouge2: m((t) => t.align_m1.rouge2) },
    },
  };
}
