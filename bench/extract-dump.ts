/**
 * Text-dump mode benchmark: the article body recovered from a whole page copied as plain
 * text, menus and footers included. Every AEB page is rendered the way a browser's
 * select-all copy would render it (bench/lib/render-dump.ts), then cleaned by
 * cleanTextDump and scored with the AEB token 4-shingle metric. The two whole-page text
 * dumps stored with AEB (html-text, inscriptis) are cleaned and scored the same way, and
 * each of the three dumps is also scored uncleaned as the baseline.
 *
 *   npx tsx bench/extract-dump.ts [--limit N]
 *
 * Writes bench/out/extract-dump.json. AEB's articleBody has no headline, so the line the
 * cleaner labels 'heading' (the headline above the body) is left out of the scored text;
 * the table also reports the score with it, for transparency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { aebDir, loadAeb, repoRoot, scoreAeb, type AebScore } from './lib/aeb.js';
import { renderDump } from './lib/render-dump.js';
import { cleanTextDump, type CleanedDump } from '../src/clean/text/index.js';

function parseLimit(argv: string[]): number {
  const i = argv.indexOf('--limit');
  return i >= 0 ? Number(argv[i + 1]) : Infinity;
}

/** The cleaned text without the headline block(s): what AEB calls the article body. */
export function bodyOf(c: CleanedDump): string {
  const headline = c.lines.filter((l) => l.label === 'heading');
  const parts: string[] = [];
  c.blocks.forEach((b, i) => {
    const isHeadline = c.rawRanges[i].some((r) => headline.some((l) => r.start >= l.start && r.end <= l.end));
    if (!isHeadline) parts.push(c.text.slice(b.start, b.end));
  });
  return parts.join('\n\n');
}

interface Row {
  name: string;
  score: AebScore;
  msPerPage: number | null;
}

function readStored(dir: string, file: string): Record<string, string> | null {
  const p = path.join(dir, 'output', file);
  if (!fs.existsSync(p)) return null;
  const json = JSON.parse(fs.readFileSync(p, 'utf8')) as Record<string, unknown>;
  // Two shapes (see the AEB README): plain, or wrapped in { version, output }.
  const items = (json.output && typeof json.output === 'object' ? json.output : json) as Record<string, { articleBody?: string | null }>;
  const out: Record<string, string> = {};
  for (const [id, v] of Object.entries(items)) if (v && typeof v === 'object') out[id] = v.articleBody ?? '';
  return out;
}

function main(): void {
  const dir = aebDir();
  if (!dir) {
    console.log('extract-dump: AEB data not found (expected ../shared/data/extract/aeb, or set DATELINE_SHARED); skipping.');
    return;
  }
  const pages = loadAeb(dir).slice(0, parseLimit(process.argv.slice(2)));
  const rows: Row[] = [];

  const dumps: { name: string; texts: string[]; renderMs: number | null }[] = [];
  let t0 = performance.now();
  const rendered = pages.map((p) => renderDump(p.html));
  dumps.push({ name: 'our render', texts: rendered, renderMs: (performance.now() - t0) / pages.length });
  for (const [name, file] of [
    ['html-text', 'html-text.json'],
    ['inscriptis', 'inscriptis.json'],
  ] as const) {
    const stored = readStored(dir, file);
    if (!stored) {
      console.log(`extract-dump: ${file} not found, skipped`);
      continue;
    }
    dumps.push({ name, texts: pages.map((p) => stored[p.id] ?? ''), renderMs: null });
  }

  for (const d of dumps) {
    rows.push({
      name: `${d.name}, uncleaned`,
      score: scoreAeb(pages.map((p, i) => ({ pred: d.texts[i], truth: p.truth }))),
      msPerPage: d.renderMs,
    });
    t0 = performance.now();
    const cleaned = d.texts.map((t) => cleanTextDump(t));
    const ms = (performance.now() - t0) / pages.length;
    rows.push({
      name: `${d.name} + cleanTextDump`,
      score: scoreAeb(pages.map((p, i) => ({ pred: bodyOf(cleaned[i]), truth: p.truth }))),
      msPerPage: ms,
    });
    rows.push({
      name: `${d.name} + cleanTextDump, headline kept`,
      score: scoreAeb(pages.map((p, i) => ({ pred: cleaned[i].text, truth: p.truth }))),
      msPerPage: ms,
    });
  }

  const pad = (s: string, n: number): string => s.padEnd(n);
  console.log(`AEB text-dump mode, ${pages.length} pages (ms/page: render time for the uncleaned row, cleaning time otherwise)`);
  console.log(`${pad('dump', 44)} ${pad('F1', 6)} ${pad('P', 6)} ${pad('R', 6)} ${pad('acc', 6)} ms/page`);
  for (const r of rows) {
    const f = (x: number): string => x.toFixed(3).padEnd(6);
    console.log(`${pad(r.name, 44)} ${f(r.score.f1)} ${f(r.score.precision)} ${f(r.score.recall)} ${f(r.score.accuracy)} ${r.msPerPage === null ? '-' : r.msPerPage.toFixed(2)}`);
  }
  const outDir = path.join(repoRoot(), 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'extract-dump.json'),
    JSON.stringify({ benchmark: 'aeb text-dump mode', pages: pages.length, date: new Date().toISOString(), rows }, null, 2) + '\n',
  );
  console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, 'extract-dump.json'))}`);
}

main();
