/** Entity-level exact-match scoring (conlleval-style micro average) over chosen types. */
import type { EntitySpan } from './conll.js';

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export class EntityScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  constructor(readonly types: string[]) {
    for (const t of types) this.counts.set(t, { tp: 0, fp: 0, fn: 0 });
  }

  /** Adds one sentence (or document): spans of the same unit, same token indexing. */
  add(gold: EntitySpan[], pred: EntitySpan[]): void {
    const key = (s: EntitySpan) => `${s.type}:${s.start}:${s.end}`;
    const g = new Set(gold.filter((s) => this.counts.has(s.type)).map(key));
    const p = new Set(pred.filter((s) => this.counts.has(s.type)).map(key));
    for (const k of p) {
      const c = this.counts.get(k.split(':')[0]!)!;
      if (g.has(k)) c.tp++;
      else c.fp++;
    }
    for (const k of g) if (!p.has(k)) this.counts.get(k.split(':')[0]!)!.fn++;
  }

  result(): Record<string, Prf> {
    const out: Record<string, Prf> = {};
    const all = { tp: 0, fp: 0, fn: 0 };
    for (const [t, c] of this.counts) {
      out[t] = prf(c.tp, c.fp, c.fn);
      all.tp += c.tp;
      all.fp += c.fp;
      all.fn += c.fn;
    }
    out.micro = prf(all.tp, all.fp, all.fn);
    return out;
  }
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}
