/**
 * Quote extraction bench over our own invented passages (bench/data/quotes/quotes.jsonl).
 *
 * Metrics, per split (dev: used while building; test: held out, run at the end):
 * - exact: a predicted quote matches a gold one when offsets and kind are equal;
 * - relaxed: same kind and the overlap covers at least half of both spans;
 * - speaker accuracy over matched pairs. Names compare after dropping titles and
 *   determiners, and a name matches when its words are a subset of the other's, so
 *   "Ms Okafor" matches "Ruth Okafor": tying a surname to a full name is the resolver's job.
 *
 * Usage: node dist/bench/quotes.js [--split dev|test|all] [--verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { findQuotes, normaliseSpeaker } from '../src/language/quotes/index.js';
import type { QuoteSpan } from '../src/core/doc.js';
import { repoRoot } from './lib/aeb.js';

interface Gold {
  start: number;
  end: number;
  text: string;
  kind: 'direct' | 'indirect';
  speaker: string | null;
  speakerAlt: string[];
}

interface Passage {
  id: string;
  split: 'dev' | 'test';
  style: string;
  text: string;
  gold: Gold[];
}


function speakerMatches(pred: string | null, gold: Gold): boolean {
  const names = gold.speaker === null ? [] : [gold.speaker, ...gold.speakerAlt];
  if (pred === null) return names.length === 0;
  if (!names.length) return false;
  const p = normaliseSpeaker(pred).split(' ').filter(Boolean);
  return names.some((n) => {
    const g = normaliseSpeaker(n).split(' ').filter(Boolean);
    const [small, big] = p.length <= g.length ? [p, g] : [g, p];
    return small.length > 0 && small.every((w) => big.includes(w));
  });
}

function overlapOk(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return false;
  return inter / (a.end - a.start) >= 0.5 && inter / (b.end - b.start) >= 0.5;
}

/** Greedy one-to-one matching, exact pairs first. */
function match(pred: QuoteSpan[], gold: Gold[], relaxed: boolean): [QuoteSpan, Gold][] {
  const pairs: [QuoteSpan, Gold][] = [];
  const usedP = new Set<QuoteSpan>();
  const usedG = new Set<Gold>();
  for (const g of gold) {
    const p = pred.find((q) => !usedP.has(q) && q.quoteKind === g.kind && q.start === g.start && q.end === g.end);
    if (p) {
      pairs.push([p, g]);
      usedP.add(p);
      usedG.add(g);
    }
  }
  if (relaxed) {
    for (const g of gold) {
      if (usedG.has(g)) continue;
      const p = pred.find((q) => !usedP.has(q) && q.quoteKind === g.kind && overlapOk(q, g));
      if (p) {
        pairs.push([p, g]);
        usedP.add(p);
        usedG.add(g);
      }
    }
  }
  return pairs;
}

interface Tally {
  pred: number;
  gold: number;
  exact: number;
  relaxed: number;
  speakerExact: number;
  speakerRelaxed: number;
}

function emptyTally(): Tally {
  return { pred: 0, gold: 0, exact: 0, relaxed: 0, speakerExact: 0, speakerRelaxed: 0 };
}

function prf(tp: number, pred: number, gold: number) {
  const p = pred ? tp / pred : 0;
  const r = gold ? tp / gold : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function summary(t: Tally) {
  return {
    passages: undefined as number | undefined,
    gold: t.gold,
    predicted: t.pred,
    exact: prf(t.exact, t.pred, t.gold),
    relaxed: prf(t.relaxed, t.pred, t.gold),
    speakerAccuracyExact: t.exact ? t.speakerExact / t.exact : 0,
    speakerAccuracyRelaxed: t.relaxed ? t.speakerRelaxed / t.relaxed : 0,
  };
}

function main() {
  const args = process.argv.slice(2);
  const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
  const verbose = args.includes('--verbose');
  const root = repoRoot();
  const file = path.join(root, 'bench/data/quotes/quotes.jsonl');
  const passages: Passage[] = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Passage);
  const splits = splitArg === 'all' ? ['dev', 'test'] : [splitArg];

  const rows: Record<string, Record<string, Tally>> = {};
  const details: unknown[] = [];
  for (const p of passages) {
    if (!splits.includes(p.split)) continue;
    const t0 = performance.now();
    const pred = findQuotes(p.text);
    const ms = performance.now() - t0;
    const exact = match(pred, p.gold, false);
    const relaxed = match(pred, p.gold, true);
    for (const kind of ['all', 'direct', 'indirect'] as const) {
      const key = p.split;
      rows[key] ??= {};
      const t = (rows[key][kind] ??= emptyTally());
      const keep = <T extends { quoteKind?: string; kind?: string }>(x: T) => kind === 'all' || (x.quoteKind ?? x.kind) === kind;
      t.pred += pred.filter((q) => keep(q)).length;
      t.gold += p.gold.filter((g) => kind === 'all' || g.kind === kind).length;
      const ex = exact.filter(([, g]) => kind === 'all' || g.kind === kind);
      const rx = relaxed.filter(([, g]) => kind === 'all' || g.kind === kind);
      t.exact += ex.length;
      t.relaxed += rx.length;
      t.speakerExact += ex.filter(([q, g]) => speakerMatches(q.speaker, g)).length;
      t.speakerRelaxed += rx.filter(([q, g]) => speakerMatches(q.speaker, g)).length;
    }
    const matchedG = new Set(relaxed.map(([, g]) => g));
    const matchedP = new Set(relaxed.map(([q]) => q));
    const errors = {
      missed: p.gold.filter((g) => !matchedG.has(g)).map((g) => ({ kind: g.kind, text: g.text, speaker: g.speaker })),
      spurious: pred.filter((q) => !matchedP.has(q)).map((q) => ({ kind: q.quoteKind, text: p.text.slice(q.start, q.end), speaker: q.speaker })),
      boundary: relaxed
        .filter(([q, g]) => q.start !== g.start || q.end !== g.end)
        .map(([q, g]) => ({ gold: g.text, pred: p.text.slice(q.start, q.end) })),
      speaker: relaxed
        .filter(([q, g]) => !speakerMatches(q.speaker, g))
        .map(([q, g]) => ({ text: g.text.slice(0, 60), gold: g.speaker, pred: q.speaker, evidence: q.evidence })),
    };
    details.push({ id: p.id, split: p.split, style: p.style, ms: Math.round(ms * 100) / 100, ...errors });
    if (verbose && (errors.missed.length || errors.spurious.length || errors.boundary.length || errors.speaker.length)) {
      console.log(`\n## ${p.id} (${p.split}, ${p.style})`);
      for (const m of errors.missed) console.log(`  MISSED   [${m.kind}] ${m.speaker ?? '-'}: ${m.text}`);
      for (const s of errors.spurious) console.log(`  SPURIOUS [${s.kind}] ${s.speaker ?? '-'}: ${s.text}`);
      for (const b of errors.boundary) console.log(`  BOUNDARY gold: ${b.gold}\n           pred: ${b.pred}`);
      for (const s of errors.speaker) console.log(`  SPEAKER  gold ${s.gold} / pred ${s.pred}: ${s.text}`);
    }
  }

  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  console.log('\nsplit kind      gold pred | exact P     R    F1 | relaxed P   R    F1 | speaker acc (exact / relaxed)');
  const result: Record<string, unknown> = {};
  for (const split of splits) {
    for (const kind of ['all', 'direct', 'indirect']) {
      const t = rows[split]?.[kind];
      if (!t) continue;
      const s = summary(t);
      s.passages = passages.filter((p) => p.split === split).length;
      (result[split] ??= {} as Record<string, unknown>);
      (result[split] as Record<string, unknown>)[kind] = s;
      console.log(
        `${split.padEnd(5)} ${kind.padEnd(9)} ${String(t.gold).padStart(4)} ${String(t.pred).padStart(4)} | ` +
          `${pct(s.exact.precision)} ${pct(s.exact.recall)} ${pct(s.exact.f1)} | ` +
          `${pct(s.relaxed.precision)} ${pct(s.relaxed.recall)} ${pct(s.relaxed.f1)} | ` +
          `${pct(s.speakerAccuracyExact)} / ${pct(s.speakerAccuracyRelaxed)}`,
      );
    }
  }
  const outDir = path.join(root, 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'quotes.json'), JSON.stringify({ generated: new Date().toISOString(), result, passages: details }, null, 2));
  console.log(`\nwrote ${path.relative(root, path.join(outDir, 'quotes.json'))}`);
}

main();
