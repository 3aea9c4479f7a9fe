/**
 * Publication-date benchmark on the htmldate evaluation set (1000 labelled URLs, 999
 * pages). Metric as in ../shared/data/dates/htmldate-eval/README.md: exact day match;
 * TP = output equals gold, FP = wrong output (or any output on an unlabelled page),
 * FN = no output; P = TP/(TP+FP), R = TP/(TP+FN), Acc = TP/N, F1 = 2TP/(2TP+FP+FN).
 *
 *   npx tsx bench/dates.ts            (DATELINE_SHARED=/path overrides ../shared)
 *   DATES_LIMIT=100 DATES_SHOW=fp,fn  (subset, and print the misses)
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeBytes } from '../src/ingest/decode.js';
import { parseHtml } from '../src/clean/html/parse.js';
import { readPageMeta } from '../src/clean/html/page-meta.js';
import { inferPublicationDate, describeEventSource, setTextEventSource, builtinEvents } from '../src/document/dates/index.js';
import { htmlLines } from '../src/document/dates/lines.js';
import { repoRoot, sharedRoot } from './lib/aeb.js';

interface Label { file: string; url: string; date: string | null; subset: string; label_missing?: boolean }

/** Decode page bytes exactly as ingest does, so the bench measures what users run. */
function decode(buf: Buffer): { text: string; encoding: string } {
  const r = decodeBytes(buf, { format: 'html' });
  return 'error' in r ? { text: '', encoding: `undecodable: ${r.error}` } : r;
}

type Extract = (html: string, opts: { url?: string }) => { text: string };

async function loadExtractor(): Promise<{ fn: Extract | null; name: string }> {
  try {
    const spec = '../src/clean/html/extract.js';
    const mod = (await import(spec)) as { extractArticle?: Extract };
    if (typeof mod.extractArticle === 'function') return { fn: mod.extractArticle, name: 'src/clean/html/extract.ts' };
  } catch { /* not there */ }
  return { fn: null, name: 'crude paragraph text' };
}

/** Crude article text when no extractor is available: long lines outside boilerplate zones. */
function crudeText(dom: ReturnType<typeof parseHtml>): string {
  return htmlLines(dom)
    .filter((l) => l.text.length > 60 && !/comment|footer|nav|sidebar|related|teaser|widget|menu/.test(l.zone))
    .map((l) => l.text)
    .join('\n\n');
}

async function main(): Promise<void> {
  const shared = sharedRoot();
  const dir = shared ? path.join(shared, 'data/dates/htmldate-eval') : null;
  if (!dir || !fs.existsSync(path.join(dir, 'labels.jsonl'))) {
    console.log('htmldate evaluation set not found (set DATELINE_SHARED or place it at ../shared/data/dates/htmldate-eval); skipping.');
    return;
  }
  const labels: Label[] = fs.readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const limit = Number(process.env.DATES_LIMIT ?? 0) || labels.length;
  const show = new Set((process.env.DATES_SHOW ?? '').split(',').filter(Boolean));
  const useExtractor = process.env.DATES_TEXT !== 'crude';
  const ex = useExtractor ? await loadExtractor() : { fn: null, name: 'crude paragraph text' };
  const fetchedAt = new Date().toISOString();
  // DATES_EVENTS=builtin|none compares the contradiction check's sources.
  if (process.env.DATES_EVENTS === 'builtin') setTextEventSource(builtinEvents, 'built-in');
  if (process.env.DATES_EVENTS === 'none') setTextEventSource(() => [], 'none');
  let goldRejectedByText = 0;
  let textRejections = 0;
  let tp = 0, fp = 0, fn = 0, tpClean = 0, nClean = 0;
  let ms = 0;
  const rows: unknown[] = [];
  const bySubset: Record<string, { n: number; tp: number }> = {};
  for (const lab of labels.slice(0, limit)) {
    const buf = zlib.gunzipSync(fs.readFileSync(path.join(dir, 'html', lab.file)));
    const { text: html } = decode(buf);
    const t0 = performance.now();
    const dom = parseHtml(html);
    const meta = readPageMeta(dom, html);
    let text: string;
    try {
      text = ex.fn ? ex.fn(html, { url: lab.url }).text : crudeText(dom);
    } catch {
      text = crudeText(dom);
    }
    const r = inferPublicationDate({ format: 'html', rawText: html, dom, meta, url: lab.url, text, fetchedAt });
    ms += performance.now() - t0;
    const out = r.published.date;
    if (r.candidates.some((c) => c.rejected?.startsWith('the text reports'))) textRejections++;
    if (r.candidates.some((c) => c.date === lab.date && c.rejected?.startsWith('the text reports'))) goldRejectedByText++;
    const gold = lab.date;
    let verdict: 'tp' | 'fp' | 'fn';
    if (out === null) verdict = 'fn';
    else if (gold !== null && out === gold) verdict = 'tp';
    else verdict = 'fp';
    if (verdict === 'tp') tp++; else if (verdict === 'fp') fp++; else fn++;
    if (gold !== null) { nClean++; if (verdict === 'tp') tpClean++; }
    const s = (bySubset[lab.subset] ??= { n: 0, tp: 0 });
    s.n++; if (verdict === 'tp') s.tp++;
    rows.push({ file: lab.file, url: lab.url, gold, out, verdict, confidence: r.published.confidence });
    if (show.has(verdict)) {
      const goldCands = r.candidates.filter((c) => c.date === gold);
      console.log(`${verdict.toUpperCase()} ${lab.file} gold=${gold} out=${out} conf=${r.published.confidence} ${lab.url}`);
      const top = r.candidates.filter((c) => !c.rejected).sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, 4);
      for (const c of top) console.log(`   + ${c.date} ${c.role} s=${c.score} ${c.source} ${c.evidence?.[0]?.slice(0, 90)}`);
      for (const c of goldCands.slice(0, 3)) console.log(`   g ${c.date} ${c.role} s=${c.score} ${c.source} ${c.rejected ? 'REJ ' + c.rejected.slice(0, 110) : ''} ${c.evidence?.[0]?.slice(0, 70)}`);
    }
  }
  const n = Math.min(limit, labels.length);
  const P = tp / (tp + fp || 1);
  const R = tp / (tp + fn || 1);
  const acc = tp / n;
  const f1 = (2 * tp) / (2 * tp + fp + fn || 1);
  const f = (x: number): string => x.toFixed(3);
  console.log(`htmldate eval: ${n} labelled entries (text for the contradiction check: ${ex.name}; text events: ${describeEventSource()})`);
  console.log(`TP ${tp}  FP ${fp}  FN ${fn}`);
  console.log(`Dateline       P ${f(P)}  R ${f(R)}  Acc ${f(acc)}  F1 ${f(f1)}  ${(ms / n).toFixed(1)} ms/page`);
  console.log(`htmldate ext.  P 0.908  R 0.993  Acc 0.903  F1 0.949   (published, 2026-06-01)`);
  console.log(`htmldate fast  P 0.924  R 0.927  Acc 0.861  F1 0.925`);
  console.log(`contradiction check: rejected candidates on ${textRejections} pages, the gold date among them on ${goldRejectedByText}`);
  console.log(`labelled only (${nClean}): Acc ${f(tpClean / (nClean || 1))}`);
  for (const [k, v] of Object.entries(bySubset)) console.log(`  ${k}: ${v.tp}/${v.n} = ${f(v.tp / v.n)}`);
  const outDir = path.join(repoRoot(), 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'dates.json'), JSON.stringify({
    dataset: 'htmldate-eval', n, fetchedAt, textSource: ex.name, eventSource: describeEventSource(),
    tp, fp, fn, precision: P, recall: R, accuracy: acc, f1, accuracyLabelled: tpClean / (nClean || 1), msPerPage: ms / n,
    published: { htmldateExtensive: { precision: 0.908, recall: 0.993, accuracy: 0.903, f1: 0.949 }, htmldateFast: { precision: 0.924, recall: 0.927, accuracy: 0.861, f1: 0.925 } },
    bySubset, rows,
  }, null, 2));
  console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, 'dates.json'))}`);
}

await main();
