import { createHash } from 'node:crypto';
import { type Doc, type EntityType, spansOf } from '../core/doc.js';
import { nameParts } from '../language/names.js';
import { type SparseVector, containment, contentWords, cosine, minhash, minhashSimilarity, shingles } from './similarity.js';

/**
 * Stories, incrementally: each new article either joins the most similar existing story
 * (shared vocabulary, shared people and places, close in time) or opens a new one; nothing
 * already placed is re-clustered. Near-duplicate copies (syndication, re-posts) are found
 * first by shingle containment and MinHash, and always join their original's story.
 */

export interface DocFeatures {
  id: string;
  title: string | null;
  date: string | null;
  terms: Map<string, number>;
  entities: Map<string, number>;
  /** Entity key → its type as the recogniser saw it most often. */
  entityTypes: Map<string, EntityType>;
  shingles: Set<string>;
  signature: Uint32Array;
}

export interface StoryState {
  id: string;
  documents: string[];
  terms: Map<string, number>;
  entities: Map<string, number>;
  first: string | null;
  last: string | null;
}

export interface Placement {
  doc: string;
  story: string;
  duplicateOf: string | null;
  score: number;
  why: string;
}

export interface ClusterOptions {
  /** Minimum similarity for an article to join an existing story. */
  joinThreshold?: number;
  /** Containment above which a document is a copy of another. */
  duplicateThreshold?: number;
  /** Stories further apart than this many days need a stronger match. */
  maxGapDays?: number;
}

/** Tuned on the open TLS corpus: bench/timeline.ts prints the sweep. */
export const DEFAULT_JOIN_THRESHOLD = 0.21;

/** A story's most recent members compared one by one: stories drift, and a new angle often matches one earlier article better than the whole story. */
const RECENT_MEMBERS = 30;

export function docFeatures(doc: Doc): DocFeatures {
  const terms = new Map<string, number>();
  // The headline states the topic in the fewest words: count its words twice.
  const title = doc.facts.title ?? '';
  for (const w of [...contentWords(title), ...contentWords(title), ...contentWords(doc.text)]) terms.set(w, (terms.get(w) ?? 0) + 1);
  const entities = new Map<string, number>();
  const entityTypes = new Map<string, EntityType>();
  const outletAt = outletOccurrences(doc);
  for (const e of spansOf(doc, 'entity')) {
    // The outlet naming itself ("told the Northmoor Evening Post", "(Ledger Wire)") links
    // an outlet's unrelated articles to each other, never two reports of one event.
    if (outletAt.some(([s, t]) => e.start < t && s < e.end)) continue;
    const key = nameParts(doc.text.slice(e.start, e.end), { person: e.type === 'person' }).key;
    if (key.length <= 2) continue;
    entities.set(key, (entities.get(key) ?? 0) + 1);
    if (!entityTypes.has(key)) entityTypes.set(key, e.type);
  }
  return {
    id: doc.id,
    title: doc.facts.title,
    date: doc.facts.published.date ?? doc.facts.published.earliest ?? null,
    terms,
    entities,
    entityTypes,
    shingles: shingles(doc.text),
    signature: minhash(doc.text),
  };
}

function outletOccurrences(doc: Doc): [number, number][] {
  const outlet = doc.facts.outlet?.trim();
  if (!outlet || outlet.length < 3) return [];
  const out: [number, number][] = [];
  const lower = doc.text.toLowerCase();
  const needle = outlet.toLowerCase();
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) out.push([at, at + needle.length]);
  return out;
}

export class StoryClusterer {
  private readonly stories: StoryState[] = [];
  private readonly docs = new Map<string, DocFeatures>();
  private readonly docStory = new Map<string, string>();
  private readonly df = new Map<string, number>();
  private readonly opts: Required<ClusterOptions>;

  constructor(opts: ClusterOptions = {}) {
    this.opts = { joinThreshold: DEFAULT_JOIN_THRESHOLD, duplicateThreshold: 0.8, maxGapDays: 120, ...opts };
  }

  add(f: DocFeatures): Placement {
    for (const t of f.terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const dup = this.findDuplicate(f);
    this.docs.set(f.id, f);
    if (dup) {
      const story = this.stories.find((s) => s.id === this.docStory.get(dup.id))!;
      this.join(story, f);
      return { doc: f.id, story: story.id, duplicateOf: dup.id, score: dup.score, why: `copy of ${dup.id.slice(0, 8)} (${Math.round(dup.score * 100)}% of shingles shared)` };
    }
    let best: { story: StoryState; score: number; why: string } | null = null;
    const vector = this.tfidf(f.terms);
    for (const s of this.stories) {
      const { score, why } = this.similarity(f, vector, s);
      if (!best || score > best.score) best = { story: s, score, why };
    }
    if (best && best.score >= this.opts.joinThreshold) {
      this.join(best.story, f);
      return { doc: f.id, story: best.story.id, duplicateOf: null, score: best.score, why: best.why };
    }
    const story: StoryState = { id: 's-' + createHash('sha256').update(f.id).digest('hex').slice(0, 10), documents: [], terms: new Map(), entities: new Map(), first: null, last: null };
    this.stories.push(story);
    this.join(story, f);
    return { doc: f.id, story: story.id, duplicateOf: null, score: best?.score ?? 0, why: best ? `no story close enough (best ${best.score.toFixed(2)}: ${best.why})` : 'first article' };
  }

  all(): StoryState[] {
    return this.stories.map((s) => ({ ...s, documents: [...s.documents] }));
  }

  storyOf(doc: string): string | null {
    return this.docStory.get(doc) ?? null;
  }

  private findDuplicate(f: DocFeatures): { id: string; score: number } | null {
    let best: { id: string; score: number } | null = null;
    for (const other of this.docs.values()) {
      if (minhashSimilarity(f.signature, other.signature) < 0.3 && Math.min(f.shingles.size, other.shingles.size) > 40) {
        // Only an expensive exact containment check for candidates MinHash does not rule out,
        // or for short texts where the estimate is too coarse.
        continue;
      }
      const c = containment(f.shingles, other.shingles);
      if (c >= this.opts.duplicateThreshold && (!best || c > best.score)) best = { id: other.id, score: c };
    }
    return best;
  }

  private idf(term: string): number {
    const n = this.docs.size + 1;
    return Math.log((n + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }

  private tfidf(terms: Map<string, number>): SparseVector {
    const v: SparseVector = new Map();
    for (const [t, c] of terms) v.set(t, (1 + Math.log(c)) * this.idf(t));
    return v;
  }

  /**
   * What one shared name is worth. A place links two articles far less than a person or
   * an organisation (every local story names its town), and a name already spread over
   * several stories says little about which one an article belongs to.
   */
  private nameWeight(f: DocFeatures, key: string): number {
    const type = f.entityTypes.get(key);
    const base = type === 'place' ? 0.5 : type === 'other' ? 0.7 : 1;
    let stories = 0;
    for (const s of this.stories) if (s.entities.has(key)) stories++;
    return base / Math.max(1, stories);
  }

  private similarity(f: DocFeatures, vector: SparseVector, s: StoryState): { score: number; why: string } {
    const centroid = cosine(vector, this.tfidf(s.terms));
    let nearest = 0;
    for (const id of s.documents.slice(-RECENT_MEMBERS)) {
      const other = this.docs.get(id);
      if (other) nearest = Math.max(nearest, cosine(vector, this.tfidf(other.terms)));
    }
    const text = Math.max(centroid, nearest);
    const shared = [...f.entities.keys()].filter((k) => s.entities.has(k));
    const weight = shared.reduce((sum, k) => sum + this.nameWeight(f, k), 0);
    // One shared name is weak evidence; three people or organisations are strong.
    const names = Math.min(1, weight / 3);
    let score = 0.7 * text + 0.3 * names;
    const gap = f.date && s.first && s.last ? Math.max(0, daysBetween(f.date, s.first) > 0 ? daysBetween(s.last, f.date) : daysBetween(f.date, s.first)) : 0;
    if (gap > this.opts.maxGapDays) score *= 0.6;
    const top = shared.sort((a, b) => this.nameWeight(f, b) - this.nameWeight(f, a)).slice(0, 5);
    return { score, why: `text similarity ${text.toFixed(2)}, shared names ${top.join(', ') || 'none'}${gap > this.opts.maxGapDays ? `, ${gap} days apart` : ''}` };
  }

  private join(s: StoryState, f: DocFeatures): void {
    s.documents.push(f.id);
    this.docStory.set(f.id, s.id);
    for (const [t, c] of f.terms) s.terms.set(t, (s.terms.get(t) ?? 0) + c);
    for (const [e, c] of f.entities) s.entities.set(e, (s.entities.get(e) ?? 0) + c);
    if (f.date) {
      if (!s.first || f.date < s.first) s.first = f.date;
      if (!s.last || f.date > s.last) s.last = f.date;
    }
  }
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

const publicationKey = (d: Doc) => d.facts.published.date ?? d.facts.published.earliest ?? '9999';

/** Cluster a batch in publication order (the order a stream would deliver it). */
export function clusterDocuments(docs: Doc[], opts?: ClusterOptions): { stories: StoryState[]; placements: Placement[] } {
  const clusterer = new StoryClusterer(opts);
  const ordered = [...docs].sort((a, b) => publicationKey(a).localeCompare(publicationKey(b)) || a.id.localeCompare(b.id));
  const placements = ordered.map((d) => clusterer.add(docFeatures(d)));
  return { stories: clusterer.all(), placements };
}

/** Near-duplicate copies within a set already known to be one story: copy → original. */
export function findCopies(docs: Doc[], opts?: ClusterOptions): Record<string, string> {
  const { placements } = clusterDocuments(docs, { ...opts, joinThreshold: 0 });
  const out: Record<string, string> = {};
  for (const p of placements) if (p.duplicateOf) out[p.doc] = p.duplicateOf;
  return out;
}
