/**
 * Clustering scores for story grouping: pairwise (pair-counting) P/R/F1 as in Miranda et al.
 * (EMNLP 2018, "Multilingual Clustering of Streaming News"), micro and macro, and B-cubed
 * (Bagga & Baldwin 1998; Amigó et al. 2009).
 *
 * Both partitions are lists of clusters of item ids. Every item must appear at most once per
 * side. An item the gold has but the prediction lacks is taken as a predicted singleton: a
 * system that dropped a document did not link it to anything. An item the prediction has but
 * the gold does not is a caller error, because no score can say whether that link was right.
 */
import { type PRF, prf } from './rouge.js';

export interface PairwiseScores {
  /** Pooled over all pairs of the collection (Miranda et al.'s tp / (tp + fp) and tp / (tp + fn)). */
  micro: PRF;
  /** Unweighted mean over gold clusters of per-cluster scores; see pairwiseF1. */
  macro: PRF;
  /** Raw pair counts, so callers can pool several collections themselves. */
  counts: { truePositive: number; predictedPairs: number; goldPairs: number };
}

function labels(clusters: readonly (readonly string[])[], side: string): Map<string, number> {
  const m = new Map<string, number>();
  clusters.forEach((c, i) => {
    for (const id of c) {
      if (m.has(id)) throw new Error(`${side} clustering lists item ${JSON.stringify(id)} twice`);
      m.set(id, i);
    }
  });
  return m;
}

/** Gold labels plus predicted labels over the gold's items, with missing items as fresh singletons. */
function align(pred: readonly (readonly string[])[], gold: readonly (readonly string[])[]) {
  const g = labels(gold, 'gold');
  const p = labels(pred, 'predicted');
  for (const id of p.keys()) {
    if (!g.has(id)) throw new Error(`predicted item ${JSON.stringify(id)} is not in the gold clustering`);
  }
  let next = pred.length;
  for (const id of g.keys()) if (!p.has(id)) p.set(id, next++);
  return { g, p, items: [...g.keys()] };
}

const pairs = (k: number) => (k * (k - 1)) / 2;

/** Contingency table: count of items per (gold cluster, predicted cluster). */
function contingency(items: string[], g: Map<string, number>, p: Map<string, number>) {
  const cell = new Map<string, number>();
  const goldSize = new Map<number, number>();
  const predSize = new Map<number, number>();
  for (const id of items) {
    const a = g.get(id)!;
    const b = p.get(id)!;
    const key = `${a}\u0000${b}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    goldSize.set(a, (goldSize.get(a) ?? 0) + 1);
    predSize.set(b, (predSize.get(b) ?? 0) + 1);
  }
  return { cell, goldSize, predSize };
}

/**
 * Pairwise P/R/F1. A pair is an unordered pair of distinct items; it is predicted positive
 * when both sit in one predicted cluster, gold positive when both sit in one gold cluster.
 *
 * micro: P = TP / predicted pairs, R = TP / gold pairs over the whole collection.
 *
 * macro: for each gold cluster G,
 *   R_G = TP pairs inside G / C(|G|, 2),
 *   P_G = TP pairs inside G / predicted pairs with at least one member in G,
 *   F_G = harmonic mean of P_G and R_G;
 * macro P, R and F1 are the unweighted means of P_G, R_G and F_G. An empty denominator
 * means nothing could go wrong on that side and scores 1 (a gold singleton left alone is
 * perfect, a gold singleton merged into anything gets P_G = 0). The micro score is dominated
 * by the largest stories; the macro one gives each story, and each noise page, one vote,
 * which is why we report both.
 */
export function pairwiseF1(pred: readonly (readonly string[])[], gold: readonly (readonly string[])[]): PairwiseScores {
  const { g, p, items } = align(pred, gold);
  const { cell, goldSize, predSize } = contingency(items, g, p);

  let tp = 0;
  const tpIn = new Map<number, number>();
  // Predicted pairs touching gold cluster a = pairs within (a, b) + pairs from (a, b) to the rest of b.
  const touching = new Map<number, number>();
  for (const [key, k] of cell) {
    const [a, b] = key.split('\u0000').map(Number);
    tp += pairs(k);
    tpIn.set(a, (tpIn.get(a) ?? 0) + pairs(k));
    const outside = predSize.get(b)! - k;
    touching.set(a, (touching.get(a) ?? 0) + pairs(k) + k * outside);
  }
  let predPairs = 0;
  for (const k of predSize.values()) predPairs += pairs(k);
  let goldPairs = 0;
  for (const k of goldSize.values()) goldPairs += pairs(k);

  const micro = prf(tp, predPairs, tp, goldPairs);

  const per: PRF[] = [];
  for (const [a, size] of goldSize) {
    const t = tpIn.get(a) ?? 0;
    const pd = touching.get(a) ?? 0;
    const gd = pairs(size);
    const precision = pd > 0 ? t / pd : 1;
    const recall = gd > 0 ? t / gd : 1;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    per.push({ precision, recall, f1 });
  }
  const k = per.length;
  const macro: PRF =
    k === 0
      ? { precision: 0, recall: 0, f1: 0 }
      : {
          precision: per.reduce((s, x) => s + x.precision, 0) / k,
          recall: per.reduce((s, x) => s + x.recall, 0) / k,
          f1: per.reduce((s, x) => s + x.f1, 0) / k,
        };
  return { micro, macro, counts: { truePositive: tp, predictedPairs: predPairs, goldPairs } };
}

/**
 * B-cubed: for each item i, P_i = |pred(i) ∩ gold(i)| / |pred(i)| and
 * R_i = |pred(i) ∩ gold(i)| / |gold(i)|, where pred(i) and gold(i) are the clusters holding i
 * (i itself included). P and R are the means over items; F1 is the harmonic mean of those
 * two means (Amigó et al.'s F), not the mean of per-item F1s.
 */
export function bcubed(pred: readonly (readonly string[])[], gold: readonly (readonly string[])[]): PRF {
  const { g, p, items } = align(pred, gold);
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const { cell, goldSize, predSize } = contingency(items, g, p);
  let sp = 0;
  let sr = 0;
  // Every item in a cell shares the same overlap, so sum per cell instead of per item.
  for (const [key, k] of cell) {
    const [a, b] = key.split('\u0000').map(Number);
    sp += (k * k) / predSize.get(b)!;
    sr += (k * k) / goldSize.get(a)!;
  }
  const n = items.length;
  return prf(sp, n, sr, n);
}
