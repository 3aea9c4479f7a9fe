#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ingestBatch } from '../../batch.js';
import type { Doc } from '../../core/doc.js';
import { type Store, openSqliteStore } from '../../store/index.js';

import { buildReport, reportDocument } from '../report/build.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { progressReporter } from './progress.js';
import { registerServe } from './serve.js';

/**
 * `dateline`: the command-line surface. Exit codes: 0 all inputs went through, 1 at least
 * one input failed (the others were still stored and reported), 2 usage or storage error.
 */

interface CommonOptions {
  db: string;
  allowPrivate?: boolean;
  maxBytes?: string;
  timeout?: string;
}

const program = new Command();
program
  .name('dateline')
  .description('Turn a pile of news pages into documents, dates, people, quotes and stories, each fact linked to its source characters.')
  .version('0.1.0');

function withCommon(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'SQLite database file', './dateline.db')
    .option('--allow-private', 'allow fetching URLs on loopback and private networks')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', String(20 * 1024 * 1024))
    .option('--timeout <ms>', 'timeout for fetching one URL', '15000');
}

function openStore(path: string): Store {
  try {
    return openSqliteStore(path);
  } catch (err) {
    process.stderr.write(`dateline: cannot open database ${path}: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

async function ingestSpecs(specs: string[], store: Store, opts: CommonOptions) {
  const progress = progressReporter(process.stderr);
  const result = await ingestBatch(specs, store, {
    allowPrivate: opts.allowPrivate ?? false,
    maxBytes: Number(opts.maxBytes),
    timeoutMs: Number(opts.timeout),
    onProgress: progress.update,
  });
  progress.stop();
  for (const f of result.failures) process.stderr.write(`dateline: ${f.source}: ${f.reason}\n`);
  return result;
}

withCommon(program.command('ingest'))
  .description('read pages (files, folders, .jsonl, URLs, - for stdin), clean them and store them')
  .argument('<inputs...>', 'files, folders, JSON Lines files, http(s) URLs, or - for stdin')
  .action(async (inputs: string[], opts: CommonOptions) => {
    const store = openStore(opts.db);
    try {
      const result = await ingestSpecs(inputs, store, opts);
      for (const d of result.docs) process.stdout.write(`${d.id}\t${d.facts.published.date ?? '-'}\t${d.facts.title ?? '(no title)'}\t${d.raw.source}\n`);
      process.stderr.write(`dateline: ${result.inserted} stored, ${result.duplicates} already stored, ${result.failures.length} failed\n`);
      process.exitCode = result.failures.length ? 1 : 0;
    } finally {
      store.close();
    }
  });

withCommon(program.command('story'))
  .description('ingest the inputs (if any) and report on them; with no inputs, report on every stored document')
  .argument('[inputs...]', 'files, folders, JSON Lines files, http(s) URLs, or - for stdin')
  .addOption(new Option('--format <format>', 'report format').choices(['json', 'md', 'html']).default('json'))
  .option('--out <file>', 'write the report to a file instead of stdout')
  .option('--summary <n>', 'sentences in each story summary', '5')
  .option('--events <n>', 'most events on each story timeline', '15')
  .action(async (inputs: string[], opts: CommonOptions & { format: 'json' | 'md' | 'html'; out?: string; summary: string; events: string }) => {
    const store = openStore(opts.db);
    try {
      let docs: Doc[];
      let failed = 0;
      if (inputs.length) {
        const result = await ingestSpecs(inputs, store, opts);
        docs = result.docs;
        failed = result.failures.length;
      } else {
        docs = store
          .listDocuments()
          .map((d: { id: string }) => store.getDocument(d.id)?.doc)
          .filter((d: Doc | undefined): d is Doc => Boolean(d));
      }
      const summarySentences = Number(opts.summary);
      const maxEvents = Number(opts.events);
      if (!Number.isInteger(summarySentences) || summarySentences < 0 || !Number.isInteger(maxEvents) || maxEvents < 0) {
        process.stderr.write('dateline: --summary and --events take whole numbers\n');
        process.exitCode = 2;
        return;
      }
      const report = buildReport(docs, new Date(), { summarySentences, maxEvents });
      const body = opts.format === 'md' ? renderMarkdown(report) : opts.format === 'html' ? renderHtml(report) : JSON.stringify(report, null, 2) + '\n';
      if (opts.out) writeFileSync(opts.out, body);
      else process.stdout.write(body);
      process.exitCode = failed ? 1 : 0;
    } finally {
      store.close();
    }
  });

program
  .command('show')
  .description('show one stored document: its facts, evidence and cleaned text')
  .argument('<doc-id>', 'document id (or a unique prefix of at least 6 characters)')
  .option('--db <path>', 'SQLite database file', './dateline.db')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'md', 'raw']).default('json'))
  .action((id: string, opts: { db: string; format: 'json' | 'md' | 'raw' }) => {
    const store = openStore(opts.db);
    try {
      const stored = store.getDocument(id);
      if (!stored) {
        process.stderr.write(`dateline: no stored document with id ${id}\n`);
        process.exitCode = 1;
        return;
      }
      if (opts.format === 'raw') process.stdout.write(stored.rawBytes);
      else if (opts.format === 'md') process.stdout.write(renderMarkdown(buildReport([stored.doc])) + '\n');
      else process.stdout.write(JSON.stringify({ ...reportDocument(stored.doc), spans: stored.doc.spans }, null, 2) + '\n');
    } finally {
      store.close();
    }
  });

registerServe(program);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`dateline: ${err.message}\n`);
  process.exit(2);
});
