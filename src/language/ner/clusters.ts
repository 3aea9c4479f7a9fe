/**
 * Word clusters from unlabelled text, used only at training time. Brown clustering is
 * slow to build well; on a corpus this small, spherical k-means over PPMI-weighted
 * left/right context vectors gives classes of the same kind (names, places, verbs of
 * saying) in seconds. Several k give a coarse-to-fine ladder like Brown-cluster prefixes.
 */

/** Deterministic 32-bit PRNG (mulberry32), so that clustering and shuffles are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ClusterOptions {
  ks: number[];
  minCount: number;
  contextSize: number;
  iterations: number;
  seed: number;
}

interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export function buildClusters(sentences: string[][], opt: ClusterOptions): Map<string, number[]> {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) {
    const lw = w.toLowerCase();
    counts.set(lw, (counts.get(lw) ?? 0) + 1);
  }
  const byFreq = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const ctxIndex = new Map<string, number>();
  ctxIndex.set('<s>', 0);
  ctxIndex.set('</s>', 1);
  for (const [w] of byFreq.slice(0, opt.contextSize)) ctxIndex.set(w, ctxIndex.size);
  const C = ctxIndex.size;
  const vocab = byFreq.filter(([, c]) => c >= opt.minCount).map(([w]) => w);
  const vIndex = new Map<string, number>();
  vocab.forEach((w, i) => vIndex.set(w, i));
  // Left contexts occupy dims [0, C), right contexts [C, 2C).
  const cooc: Array<Map<number, number>> = vocab.map(() => new Map());
  const ctxTotals = new Float64Array(2 * C);
  let total = 0;
  for (const s of sentences) {
    const low = s.map((w) => w.toLowerCase());
    for (let i = 0; i < low.length; i++) {
      const v = vIndex.get(low[i]!);
      if (v === undefined) continue;
      const l = i === 0 ? 0 : ctxIndex.get(low[i - 1]!);
      const r = i === low.length - 1 ? 1 : ctxIndex.get(low[i + 1]!);
      const m = cooc[v]!;
      if (l !== undefined) {
        m.set(l, (m.get(l) ?? 0) + 1);
        ctxTotals[l]++;
        total++;
      }
      if (r !== undefined) {
        m.set(C + r, (m.get(C + r) ?? 0) + 1);
        ctxTotals[C + r]++;
        total++;
      }
    }
  }
  const vecs: SparseVec[] = cooc.map((m) => {
    let wTotal = 0;
    for (const c of m.values()) wTotal += c;
    const entries = [...m.entries()].sort((a, b) => a[0] - b[0]);
    const idx: number[] = [];
    const val: number[] = [];
    let norm = 0;
    for (const [d, c] of entries) {
      // Context-distribution smoothing (alpha 0.75) keeps rare contexts from dominating PPMI.
      const pmi = Math.log((c * total) / (wTotal * Math.pow(ctxTotals[d]!, 0.75) * Math.pow(total, 0.25)));
      if (pmi <= 0) continue;
      idx.push(d);
      val.push(pmi);
      norm += pmi * pmi;
    }
    norm = Math.sqrt(norm) || 1;
    return { idx: Int32Array.from(idx), val: Float32Array.from(val.map((x) => x / norm)) };
  });
  const dims = 2 * C;
  const assignments: Int32Array[] = opt.ks.map((k, level) => kmeans(vecs, dims, k, opt.iterations, opt.seed + level));
  const out = new Map<string, number[]>();
  vocab.forEach((w, i) => out.set(w, assignments.map((a) => a[i]!)));
  return out;
}

function kmeans(vecs: SparseVec[], dims: number, k: number, iterations: number, seed: number): Int32Array {
  const n = vecs.length;
  const rand = rng(seed);
  // Stored dimension-major (d * k + c) so that scoring one word against all centroids is a contiguous sweep.
  const centroids = new Float32Array(k * dims);
  const chosen = new Set<number>();
  for (let c = 0; c < k && chosen.size < n; c++) {
    let pick = Math.floor(rand() * n);
    while (chosen.has(pick) || vecs[pick]!.idx.length === 0) pick = (pick + 1) % n;
    chosen.add(pick);
    const v = vecs[pick]!;
    for (let j = 0; j < v.idx.length; j++) centroids[v.idx[j]! * k + c] = v.val[j]!;
  }
  const assign = new Int32Array(n).fill(-1);
  const scores = new Float32Array(k);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const v = vecs[i]!;
      scores.fill(0);
      for (let j = 0; j < v.idx.length; j++) {
        const d = v.idx[j]!;
        const x = v.val[j]!;
        for (let c = 0, o = d * k; c < k; c++, o++) scores[c] += centroids[o]! * x;
      }
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[c]! > scores[best]!) best = c;
      if (assign[i] !== best) changed++;
      assign[i] = best;
    }
    centroids.fill(0);
    for (let i = 0; i < n; i++) {
      const v = vecs[i]!;
      const c = assign[i]!;
      for (let j = 0; j < v.idx.length; j++) centroids[v.idx[j]! * k + c] += v.val[j]!;
    }
    const norms = new Float64Array(k);
    for (let o = 0; o < centroids.length; o++) norms[o % k] += centroids[o]! ** 2;
    for (let c = 0; c < k; c++) norms[c] = 1 / (Math.sqrt(norms[c]!) || 1);
    for (let o = 0; o < centroids.length; o++) centroids[o] *= norms[o % k]!;
    if (changed === 0) break;
  }
  return assign;
}
