/**
 * ROUGE-N as used by the timeline metrics (Lin 2004; scored the way tilse reads ROUGE-1.5.5's
 * counts): clipped n-gram matches, precision over the system's n-grams, recall over the
 * reference's n-grams, F1 as their harmonic mean.
 *
 * Deliberate differences from the tilse setup used in published TLS tables:
 * - No stemming and no stopword removal. tilse calls ROUGE-1.5.5 with stemming (Porter) and
 *   its stopword list on; we keep every lowercased token so that scores are reproducible from
 *   the text alone, with no word lists baked in. Our numbers are therefore lower-bounded
 *   relative to theirs on the same output and must not be put in the same column.
 * - Tokens are maximal runs of Unicode letters/digits after NFKC + lowercasing. ROUGE-1.5.5
 *   keeps ASCII alphanumerics only, which would shred names with accents.
 * - N-grams never span a sentence boundary: the last word of one sentence and the first of the
 *   next are not a bigram anyone wrote, and letting them count would make 'concat' ROUGE-2
 *   depend on the order in which dates are concatenated.
 */

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/** Raw material of a ROUGE score, kept separate so callers can sum counts before dividing (micro-averaging). */
export interface RougeCounts {
  /** Clipped matches: sum over n-grams of min(system count, reference count). */
  match: number;
  /** Number of n-grams in the system text (precision denominator). */
  system: number;
  /** Number of n-grams in the reference text (recall denominator). */
  reference: number;
}

export function tokenize(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Multiset of n-grams of a list of sentences; keys join tokens with a space, which no token contains. */
export function ngramCounts(sentences: readonly string[], n: number): Map<string, number> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    const toks = tokenize(sentence);
    for (let i = 0; i + n <= toks.length; i++) {
      const key = toks.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function total(counts: Map<string, number>): number {
  let s = 0;
  for (const c of counts.values()) s += c;
  return s;
}

export function rougeCountsFrom(sys: Map<string, number>, ref: Map<string, number>): RougeCounts {
  let match = 0;
  // Iterate the smaller side: only shared keys contribute.
  const [a, b] = sys.size <= ref.size ? [sys, ref] : [ref, sys];
  for (const [k, c] of a) {
    const d = b.get(k);
    if (d !== undefined) match += Math.min(c, d);
  }
  return { match, system: total(sys), reference: total(ref) };
}

export function rougeCounts(system: readonly string[], reference: readonly string[], n: number): RougeCounts {
  return rougeCountsFrom(ngramCounts(system, n), ngramCounts(reference, n));
}

/** F1 with the tilse convention that an undefined precision or recall counts as 0. */
export function prf(matchForP: number, pDenom: number, matchForR: number, rDenom: number): PRF {
  const precision = pDenom > 0 ? matchForP / pDenom : 0;
  const recall = rDenom > 0 ? matchForR / rDenom : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** ROUGE-N P/R/F1 of a system summary against one reference, each given as a list of sentences. */
export function rouge(system: readonly string[], reference: readonly string[], n: number): PRF {
  const c = rougeCounts(system, reference, n);
  return prf(c.match, c.system, c.match, c.reference);
}
