/**
 * Article Extraction Benchmark (AEB) loading and scoring, shared by every extraction bench
 * so that all of them report the same metric. The metric follows
 * ../shared/data/extract/aeb/README.md: macro precision/recall over token 4-shingles,
 * F1 as the harmonic mean of the two means.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export interface AebPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

export interface AebScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Walk up from this file to the folder holding package.json: works from bench/ and dist/bench/. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** The shared folder (DATELINE_SHARED overrides the sibling-of-repo default); null when absent. */
export function sharedRoot(): string | null {
  const dir = process.env.DATELINE_SHARED
    ? path.resolve(process.env.DATELINE_SHARED)
    : path.resolve(repoRoot(), '../shared');
  return fs.existsSync(dir) ? dir : null;
}

/** The AEB folder, or null when the shared data is not present on this machine. */
export function aebDir(): string | null {
  const root = sharedRoot();
  if (!root) return null;
  const dir = path.join(root, 'data/extract/aeb');
  return fs.existsSync(path.join(dir, 'ground-truth.json')) ? dir : null;
}

/**
 * All AEB pages with their ground truth, sorted by id for a stable order.
 * Throws when the data is missing; call aebDir() first to exit politely instead.
 */
export function loadAeb(dir: string | null = aebDir()): AebPage[] {
  if (!dir) throw new Error('AEB data not found (set DATELINE_SHARED to the folder holding data/extract/aeb)');
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string | null; url?: string }
  >;
  const pages: AebPage[] = [];
  for (const id of Object.keys(truth).sort()) {
    const file = path.join(dir, 'html', `${id}.html.gz`);
    if (!fs.existsSync(file)) continue;
    // The README states the pages are UTF-8.
    const html = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    pages.push({ id, url: truth[id].url ?? '', html, truth: truth[id].articleBody ?? '' });
  }
  return pages;
}

/**
 * Python's Unicode `\w`: letters, numbers and underscore. Combining marks are not word
 * characters there, so they are not here either, or scores would drift on Indic scripts.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

export function aebTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shingleCounts(tokens: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  // Short texts still count as one (shorter) shingle, so a 2-word answer is not "empty".
  const n = tokens.length < 4 ? 1 : tokens.length - 3;
  const width = Math.min(4, tokens.length);
  for (let i = 0; i < n; i++) {
    // \u0001 cannot occur inside a \w token, so joined keys cannot collide.
    const key = tokens.slice(i, i + width).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface AebPageScore {
  tp: number;
  fp: number;
  fn: number;
  /** null when the page does not enter that average (see README step 4). */
  precision: number | null;
  recall: number | null;
  exact: boolean;
}

export function scoreAebPage(pred: string | null | undefined, truth: string): AebPageScore {
  const pt = aebTokens(pred ?? '');
  const tt = aebTokens(truth);
  const p = shingleCounts(pt);
  const t = shingleCounts(tt);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [s, pc] of p) {
    const tc = t.get(s) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
  }
  for (const [s, tc] of t) {
    const pc = p.get(s) ?? 0;
    fn += Math.max(0, tc - pc);
  }
  const exact = pt.length === tt.length && pt.every((x, i) => x === tt[i]);
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    exact,
  };
}

export function scoreAeb(pairs: { pred: string | null | undefined; truth: string }[]): AebScore {
  let pSum = 0;
  let pN = 0;
  let rSum = 0;
  let rN = 0;
  let exact = 0;
  for (const { pred, truth } of pairs) {
    const s = scoreAebPage(pred, truth);
    if (s.precision !== null) {
      pSum += s.precision;
      pN++;
    }
    if (s.recall !== null) {
      rSum += s.recall;
      rN++;
    }
    if (s.exact) exact++;
  }
  const precision = pN ? pSum / pN : 0;
  const recall = rN ? rSum / rN : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: pairs.length ? exact / pairs.length : 0 };
}
