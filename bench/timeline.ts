/**
 * Story-layer bench over the open TLS corpus (bench/data/tls, see its README).
 *
 * Timeline summarisation, per story, in the standard task setting (tlsTask): the system
 * sees only the story's articles inside the gold date span and is told the number of
 * dates l and sentences per date k. Three systems are scored with the same scorer:
 * - dateline: the story layer (cross-dating, timeline) over the built documents;
 * - most-mentioned: the l days the texts mention most, each with its first k sentences;
 * - publication-count: the l busiest publication days, each with that day's first
 *   headline (and lead sentences when k > 1).
 * Both baselines read the same built documents, so they differ from ours only in the
 * choice of dates and sentences.
 *
 * Clustering: every corpus article (stories and noise) goes through the incremental
 * clusterer at once; pairwise micro/macro F1 and B-cubed against the gold partition, and
 * near-duplicate precision/recall against the corpus's syndicated pairs.
 *
 * Usage: node dist/bench/timeline.js [--verbose]
 * Writes bench/out/timeline.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Doc } from '../src/core/doc.js';
import { spansOf } from '../src/core/doc.js';
import { recordToInput } from '../src/ingest/index.js';
import type { RawInput } from '../src/ingest/types.js';
import { buildDocument, repeatedLinesByOutlet } from '../src/pipeline.js';
import { DEFAULT_JOIN_THRESHOLD, clusterDocuments } from '../src/story/cluster.js';
import { bcubed, pairwiseF1 } from '../src/story/eval/cluster.js';
import type { PRF, TimelineEntry } from '../src/story/eval/timeline.js';
import { analyseStory } from '../src/story/index.js';
import { type TlsArticle, type TlsCorpus, type TlsRunScores, loadTlsCorpus, readTlsArticle, scoreTlsRun, tlsTask } from './lib/tls-corpus.js';

const verbose = process.argv.includes('--verbose');
const MAX_BYTES = 20 * 1024 * 1024;

function inputFor(corpus: TlsCorpus, a: TlsArticle, fetchedAt: string): RawInput {
  const { text, record } = readTlsArticle(corpus, a);
  if (record) {
    // The wire batch uses its own field names; map them onto our JSON Lines record shape.
    return recordToInput(a.id, { url: record.url, text: record.body, title: record.headline, authors: record.byline, outlet: record.source, published: record.published }, MAX_BYTES);
  }
  const format = a.format === 'html' ? 'html' : 'text';
  return { source: a.id, url: null, bytes: Buffer.from(text, 'utf8'), contentType: null, headers: {}, format, fetchedAt };
}

/** Build every article as one batch would: dumps of one outlet share boilerplate detection. */
function buildAll(corpus: TlsCorpus, articles: TlsArticle[]): Map<string, Doc> {
  const fetchedAt = new Date().toISOString();
  const inputs = articles.map((a) => inputFor(corpus, a, fetchedAt));
  const repeated = repeatedLinesByOutlet(inputs);
  const out = new Map<string, Doc>();
  inputs.forEach((input, i) => {
    const built = buildDocument(input, { repeatedLines: repeated.get(input) });
    if (built.ok) out.set(articles[i].id, built.doc);
    else console.error(`skipped ${articles[i].id}: ${built.reason}`);
  });
  return out;
}

function sentenceText(doc: Doc, s: { start: number; end: number }): string {
  return doc.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
}

const published = (d: Doc) => d.facts.published.date ?? d.facts.published.earliest ?? '9999-12-31';
const byPublication = (a: Doc, b: Doc) => published(a).localeCompare(published(b)) || a.raw.source.localeCompare(b.raw.source);

/** Baseline (a): the l days the texts mention most, each with its first k sentences. */
function mostMentioned(docs: Doc[], l: number, k: number): TimelineEntry[] {
  const byDay = new Map<string, { count: number; sentences: string[] }>();
  for (const doc of [...docs].sort(byPublication)) {
    const sentences = spansOf(doc, 'sentence');
    for (const t of spansOf(doc, 'time')) {
      if (!t.value || t.value.length !== 10 || t.granularity === 'duration') continue;
      const e = byDay.get(t.value) ?? { count: 0, sentences: [] };
      e.count++;
      const s = sentences.find((x) => x.start <= t.start && t.end <= x.end);
      const text = s ? sentenceText(doc, s) : '';
      if (text && e.sentences.length < k && !e.sentences.includes(text)) e.sentences.push(text);
      byDay.set(t.value, e);
    }
  }
  return [...byDay.entries()]
    .filter(([, e]) => e.sentences.length)
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, l)
    .map(([date, e]) => ({ date, sentences: e.sentences }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Baseline (b): the l busiest publication days, each with its first headline and lead. */
function publicationCount(docs: Doc[], l: number, k: number): TimelineEntry[] {
  const byDay = new Map<string, Doc[]>();
  for (const doc of [...docs].sort(byPublication)) {
    const day = doc.facts.published.date;
    if (!day) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), doc]);
  }
  return [...byDay.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, l)
    .map(([date, ds]) => {
      const first = ds[0];
      const sentences: string[] = [];
      if (first.facts.title) sentences.push(first.facts.title.replace(/\s+/g, ' ').trim());
      for (const s of spansOf(first, 'sentence')) {
        if (sentences.length >= k) break;
        const t = sentenceText(first, s);
        if (t && !sentences.includes(t)) sentences.push(t);
      }
      return { date, sentences: sentences.slice(0, k) };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

function fmt(p: PRF): string {
  return p.f1.toFixed(3);
}

function main(): void {
  const started = Date.now();
  const corpus = loadTlsCorpus();
  const systems: Record<string, Record<string, TimelineEntry[]>> = { dateline: {}, 'most-mentioned': {}, 'publication-count': {} };
  const details: Record<string, unknown> = {};
  for (const story of corpus.stories) {
    const task = tlsTask(story);
    // Built afresh per story: the story layer re-dates documents in place.
    const docs = [...buildAll(corpus, task.articles).values()];
    const analysis = analyseStory(docs, { maxEvents: task.dates, sentencesPerEvent: task.sentencesPerDate });
    systems.dateline[story.id] = analysis.timeline.map((e) => ({ date: e.date, sentences: e.sentences.map((s) => s.text.replace(/\s+/g, ' ').trim()) }));
    systems['most-mentioned'][story.id] = mostMentioned(docs, task.dates, task.sentencesPerDate);
    systems['publication-count'][story.id] = publicationCount(docs, task.dates, task.sentencesPerDate);
    details[story.id] = {
      articles: task.articles.length,
      l: task.dates,
      k: task.sentencesPerDate,
      timeline: analysis.timeline.map((e) => ({ date: e.date, granularity: e.granularity, sources: e.sources.length, score: Number(e.score.toFixed(2)), sentences: e.sentences.map((s) => s.text) })),
      summary: analysis.summary.map((s) => s.text),
      disagreements: analysis.disagreements.map((d) => ({ kind: d.kind, topic: d.topic, sides: d.sides.map((s) => ({ speaker: s.speaker, claim: s.claim })) })),
    };
    if (verbose) {
      console.log(`\n== ${story.id}`);
      const gold = new Set(story.gold.map((g) => g.date));
      for (const e of analysis.timeline) console.log(`${gold.has(e.date) ? '+' : '-'} ${e.date} [${e.sources.length}] ${e.sentences[0]?.text.slice(0, 120)}`);
      for (const g of story.gold) if (!analysis.timeline.some((e) => e.date === g.date)) console.log(`  missed ${g.date} ${g.sentences[0].slice(0, 100)}`);
      console.log('summary:');
      for (const s of analysis.summary) console.log('  * ' + s.text.slice(0, 140));
      console.log('disagreements:');
      for (const d of analysis.disagreements) console.log(`  ${d.kind} ${d.topic}: ` + d.sides.map((s) => `[${s.speaker ?? '?'}] ${s.claim.slice(0, 90)}`).join(' | '));
    }
  }
  const scores: Record<string, TlsRunScores> = {};
  for (const [name, preds] of Object.entries(systems)) scores[name] = scoreTlsRun(corpus, preds);

  // Clustering over the whole corpus, noise included.
  const all = buildAll(corpus, corpus.articles);
  const idOf = new Map([...all.entries()].map(([article, doc]) => [doc.id, article]));
  const { stories, placements } = clusterDocuments([...all.values()]);
  const predicted = stories.map((s) => s.documents.map((d) => idOf.get(d)!));
  if (process.argv.includes('--verbose')) {
    // Which articles share a predicted story with another gold story: where clustering went wrong.
    const goldOf = new Map(corpus.clusters.gold.flatMap((g, i) => g.map((a) => [a, i] as const)));
    for (const members of predicted) {
      const golds = new Set(members.map((a) => goldOf.get(a)));
      if (golds.size > 1) console.log(`mixed story: ${members.join(', ')}`);
    }
    for (const p of placements) {
      const article = idOf.get(p.doc)!;
      const noise = goldOf.get(article) !== undefined && corpus.clusters.gold[goldOf.get(article)!].length === 1;
      console.log(`${noise ? 'noise' : 'member'} ${article}: ${p.why}`);
    }
  }
  const pairwise = pairwiseF1(predicted, corpus.clusters.gold);
  const b3 = bcubed(predicted, corpus.clusters.gold);
  const pairKey = (a: string, b: string) => [a, b].sort().join(' = ');
  const goldCopies = new Set(corpus.articles.filter((a) => a.syndicatedFrom).map((a) => pairKey(a.id, a.syndicatedFrom!)));
  const foundCopies = new Set(placements.filter((p) => p.duplicateOf).map((p) => pairKey(idOf.get(p.doc)!, idOf.get(p.duplicateOf!)!)));
  const hit = [...foundCopies].filter((k) => goldCopies.has(k)).length;
  const nearDup = { precision: foundCopies.size ? hit / foundCopies.size : 0, recall: goldCopies.size ? hit / goldCopies.size : 0, found: [...foundCopies], gold: [...goldCopies] };

  const rows: [string, string[]][] = Object.entries(scores).map(([name, s]) => [
    name,
    [fmt(s.mean.date), fmt(s.mean.concat.rouge1), fmt(s.mean.concat.rouge2), fmt(s.mean.agreement.rouge1), fmt(s.mean.agreement.rouge2), fmt(s.mean.align_m1.rouge1), fmt(s.mean.align_m1.rouge2)],
  ]);
  console.log('\nTimeline summarisation, Dateline open TLS corpus (mean F1 over 3 stories; ROUGE without stemming or stopword removal)');
  console.log('system             dateF1  concat-R1 concat-R2 agree-R1 agree-R2 alignm1-R1 alignm1-R2');
  for (const [name, cells] of rows) console.log(name.padEnd(18) + cells.map((c, i) => c.padStart(i === 0 ? 6 : 9)).join(' '));
  console.log('\nPer story date F1 / align+ m:1 ROUGE-1 F1');
  for (const story of corpus.stories) {
    const cells = Object.entries(scores).map(([name, s]) => {
      const p = s.perStory.find((x) => x.story === story.id)!.scores;
      return `${name} ${fmt(p.date)}/${fmt(p.align_m1.rouge1)}`;
    });
    console.log(`  ${story.id.padEnd(20)} ${cells.join('  ')}`);
  }
  console.log(`\nClustering, ${all.size} articles into ${stories.length} stories (gold ${corpus.clusters.gold.length})`);
  console.log(`  pairwise micro P ${pairwise.micro.precision.toFixed(3)} R ${pairwise.micro.recall.toFixed(3)} F1 ${pairwise.micro.f1.toFixed(3)}; macro F1 ${pairwise.macro.f1.toFixed(3)}`);
  console.log(`  B-cubed P ${b3.precision.toFixed(3)} R ${b3.recall.toFixed(3)} F1 ${b3.f1.toFixed(3)}`);
  console.log(`  near-duplicates P ${nearDup.precision.toFixed(3)} R ${nearDup.recall.toFixed(3)} (${hit} of ${goldCopies.size} syndicated pairs, ${foundCopies.size} found)`);
  // The join threshold was tuned on this corpus; the sweep shows how wide the good range is.
  const sweep = [0.1, 0.13, 0.15, 0.17, 0.19, 0.21, 0.25, 0.3].map((t) => {
    const run = clusterDocuments([...all.values()], { joinThreshold: t });
    const pred = run.stories.map((s) => s.documents.map((d) => idOf.get(d)!));
    return { threshold: t, stories: run.stories.length, pairwiseMicroF1: pairwiseF1(pred, corpus.clusters.gold).micro.f1, bcubedF1: bcubed(pred, corpus.clusters.gold).f1 };
  });
  console.log(`  join-threshold sweep (default ${DEFAULT_JOIN_THRESHOLD}): ` + sweep.map((x) => `${x.threshold}: ${x.stories} stories, pairwise ${x.pairwiseMicroF1.toFixed(3)}, B3 ${x.bcubedF1.toFixed(3)}`).join('; '));
  if (verbose) for (const s of stories) console.log('  story: ' + s.documents.map((d) => idOf.get(d)!.replace(/^pages\//, '').replace(/^batches\/ledgerwire-2023-2024\.jsonl#/, '')).join(', '));
  const heldOut = scoreHeldOutClustering(path.resolve(path.dirname(corpus.root), 'clusters-heldout'));
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);

  const outDir = path.resolve(path.dirname(corpus.root), '..', 'out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'timeline.json'),
    JSON.stringify(
      {
        corpus: 'Dateline open TLS corpus (bench/data/tls), ROUGE without stemming or stopword removal',
        timeline: Object.fromEntries(Object.entries(scores).map(([name, s]) => [name, s])),
        clustering: { joinThreshold: DEFAULT_JOIN_THRESHOLD, stories: stories.length, gold: corpus.clusters.gold.length, pairwise: { micro: pairwise.micro, macro: pairwise.macro }, bcubed: b3, sweep, predicted },
        nearDuplicates: nearDup,
        heldOutClustering: heldOut,
        stories: details,
      },
      null,
      1,
    ) + '\n',
  );
}

/**
 * Clustering on a corpus written after the join threshold was fixed: the out-of-sample
 * figure. Its stories, noise pages and syndicated pairs come from clusters.json.
 */
function scoreHeldOutClustering(dir: string) {
  const manifest = path.join(dir, 'clusters.json');
  if (!fs.existsSync(manifest)) return null;
  const spec = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { stories: Record<string, string[]>; noise: string[]; syndicated?: [string, string][] };
  const files = [...Object.values(spec.stories).flat(), ...spec.noise];
  const fetchedAt = new Date().toISOString();
  const inputs: RawInput[] = files.map((f) => ({ source: f, url: null, bytes: fs.readFileSync(path.join(dir, f)), contentType: null, headers: {}, format: f.endsWith('.html') ? 'html' : 'text', fetchedAt }));
  const repeated = repeatedLinesByOutlet(inputs);
  const docs: Doc[] = [];
  for (const input of inputs) {
    const built = buildDocument(input, { repeatedLines: repeated.get(input) });
    if (built.ok) docs.push(built.doc);
    else console.error(`held-out: skipped ${input.source}: ${built.reason}`);
  }
  const source = new Map(docs.map((d) => [d.id, d.raw.source]));
  const { stories, placements } = clusterDocuments(docs);
  const predicted = stories.map((st) => st.documents.map((d) => source.get(d)!));
  const gold = [...Object.values(spec.stories), ...spec.noise.map((n) => [n])];
  const pairwise = pairwiseF1(predicted, gold);
  const b3 = bcubed(predicted, gold);
  const key = (a: string, b: string) => [a, b].sort().join(' = ');
  const goldCopies = new Set((spec.syndicated ?? []).map(([a, b]) => key(a, b)));
  const found = new Set(placements.filter((pl) => pl.duplicateOf).map((pl) => key(source.get(pl.doc)!, source.get(pl.duplicateOf!)!)));
  const hit = [...found].filter((k) => goldCopies.has(k)).length;
  console.log(`\nHeld-out clustering (bench/data/clusters-heldout, written after the threshold was fixed): ${docs.length} articles into ${stories.length} stories (gold ${gold.length})`);
  console.log(`  pairwise micro P ${pairwise.micro.precision.toFixed(3)} R ${pairwise.micro.recall.toFixed(3)} F1 ${pairwise.micro.f1.toFixed(3)}; macro F1 ${pairwise.macro.f1.toFixed(3)}`);
  console.log(`  B-cubed P ${b3.precision.toFixed(3)} R ${b3.recall.toFixed(3)} F1 ${b3.f1.toFixed(3)}`);
  console.log(`  near-duplicates ${hit} of ${goldCopies.size} syndicated pairs found, ${found.size} reported`);
  if (process.argv.includes('--verbose')) for (const st of predicted) console.log('  held-out story: ' + st.join(', '));
  return { articles: docs.length, stories: stories.length, gold: gold.length, pairwise: { micro: pairwise.micro, macro: pairwise.macro }, bcubed: b3, nearDuplicates: { found: found.size, hit, gold: goldCopies.size }, predicted };
}

main();
