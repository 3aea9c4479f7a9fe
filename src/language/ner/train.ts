/**
 * Structured (Collins) perceptron training for the Viterbi tagger in model.ts, with
 * averaging. Averaging is lazy (per-weight timestamps), so an update costs the same
 * whatever the table size.
 */
import { rng } from './clusters.js';
import { potentials, viterbi } from './model.js';
import { transitionFeatures, type SentenceView } from './features.js';

export interface TrainItem {
  feats: Uint32Array;
  offsets: Uint32Array;
  view: SentenceView;
  gold: number[];
  /** Scales this sentence's updates: lets out-of-domain text (tweets) count for less. */
  weight: number;
}

export class AveragedPerceptron {
  readonly weights: Float32Array;
  private readonly totals: Float64Array;
  private readonly stamps: Float64Array;
  private clock = 0;
  private readonly mask: number;

  constructor(
    readonly tags: string[],
    readonly hashBits: number,
  ) {
    const size = (1 << hashBits) * tags.length;
    this.weights = new Float32Array(size);
    this.totals = new Float64Array(size);
    this.stamps = new Float64Array(size);
    this.mask = (1 << hashBits) - 1;
  }

  private bump(feature: number, tag: number, delta: number): void {
    const i = (feature & this.mask) * this.tags.length + tag;
    this.totals[i] += (this.clock - this.stamps[i]!) * this.weights[i]!;
    this.stamps[i] = this.clock;
    this.weights[i] += delta;
  }

  /** One online pass over `items` in a seeded random order; returns sentences and tokens decoded wrong. */
  epoch(items: TrainItem[], seed: number): { errors: number; tokens: number; sentences: number } {
    const order = items.map((_, i) => i);
    const rand = rng(seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const nt = this.tags.length;
    const dyn: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
    let errors = 0;
    let tokens = 0;
    let sentences = 0;
    for (const idx of order) {
      const it = items[idx]!;
      const n = it.gold.length;
      this.clock++;
      tokens += n;
      if (n === 0) continue;
      const pot = potentials(this.tags, this.hashBits, this.weights, it.feats, it.offsets, it.view);
      const pred = viterbi(nt, n, pot);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = it.gold[i]!;
        const p = pred[i]!;
        const gp = i === 0 ? nt : it.gold[i - 1]!;
        const pp = i === 0 ? nt : pred[i - 1]!;
        if (g === p && gp === pp) continue;
        wrong = true;
        if (g !== p) {
          errors++;
          for (let f = it.offsets[i]!; f < it.offsets[i + 1]!; f++) {
            this.bump(it.feats[f]!, g, it.weight);
            this.bump(it.feats[f]!, p, -it.weight);
          }
        }
        let dc = transitionFeatures(it.view, i, gp, dyn);
        for (let d = 0; d < dc; d++) this.bump(dyn[d]!, g, it.weight);
        dc = transitionFeatures(it.view, i, pp, dyn);
        for (let d = 0; d < dc; d++) this.bump(dyn[d]!, p, -it.weight);
      }
      if (wrong) sentences++;
    }
    return { errors, tokens, sentences };
  }

  /** The averaged weights as of now; training can go on afterwards. */
  averaged(): Float32Array {
    const out = new Float32Array(this.weights.length);
    const c = this.clock || 1;
    for (let i = 0; i < out.length; i++) {
      const total = this.totals[i]! + (this.clock - this.stamps[i]!) * this.weights[i]!;
      out[i] = total / c;
    }
    return out;
  }
}
