import type { Report, ReportDocument } from './build.js';

/**
 * Markdown for people. Article text is untrusted: angle brackets and ampersands are
 * written as entities so a Markdown viewer that passes HTML through never renders markup
 * from a page, and Markdown control characters at line starts are escaped.
 */

export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|])/g, '\\$1')
    .replace(/^(\s*)([#+\-=]|\d+\.)(?=\s)/gm, '$1\\$2');
}

function inline(s: string | null | undefined): string {
  return s ? escapeMarkdown(s.replace(/\s+/g, ' ').trim()) : '—';
}

export function renderMarkdown(report: Report, opts: { includeText?: boolean } = {}): string {
  const out: string[] = [];
  out.push('# Dateline report', '');
  out.push(`${report.documents.length} document(s), generated ${report.generatedAt}.`, '');
  out.push('| # | Published | Title | Outlet | Authors | Id |', '|---|---|---|---|---|---|');
  report.documents.forEach((d, i) => {
    out.push(`| ${i + 1} | ${publishedLabel(d)} | ${inline(d.title)} | ${inline(d.outlet)} | ${inline(d.authors.join(', ') || null)} | \`${d.id}\` |`);
  });
  out.push('');
  const docNo = new Map(report.documents.map((d, i) => [d.id, i + 1]));
  const cite = (doc: string, start: number, end: number) => `[${docNo.get(doc) ?? '?'}:${start}–${end}]`;
  for (const story of report.stories) {
    out.push(`## Story: ${inline(story.title ?? '(untitled)')}`, '');
    out.push(`${story.documents.length} document(s), ${story.first ?? '?'} to ${story.last ?? '?'}; documents ${story.documents.map((id) => docNo.get(id)).join(', ')}.`, '');
    const copies = Object.entries(story.copies);
    if (copies.length) out.push(`Copies: ${copies.map(([c, o]) => `${docNo.get(c)} copies ${docNo.get(o)}`).join('; ')}.`, '');
    const summary = report.summary.filter((s) => s.story === story.id);
    if (summary.length) {
      out.push('### Summary', '');
      out.push(summary.map((s) => `${inline(s.text)} ${cite(s.doc, s.start, s.end)}`).join(' '), '');
    }
    const events = report.timeline.filter((e) => e.story === story.id);
    if (events.length) {
      out.push('### Timeline', '');
      for (const e of events) {
        out.push(`- **${e.granularity === 'month' ? e.date.slice(0, 7) : e.date}${e.endDate ? `–${e.endDate}` : ''}**: ${inline(e.title)} ${e.sentences.map((s) => cite(s.doc, s.start, s.end)).join(' ')} — ${e.sources.length} source(s)`);
      }
      out.push('');
    }
    const disagreements = report.disagreements.filter((d) => d.story === story.id);
    if (disagreements.length) {
      out.push('### Where sources disagree', '');
      for (const d of disagreements) {
        out.push(`- **${inline(d.topic)}** (${d.kind})`);
        for (const side of d.sides) out.push(`  - ${inline(side.speaker ?? 'unattributed')}: “${inline(side.claim)}” ${cite(side.doc, side.start, side.end)}`);
      }
      out.push('');
    }
  }
  for (const d of report.documents) out.push(...renderDocument(d, opts.includeText ?? true));
  if (report.entities.length) {
    out.push('## People, organisations and places', '');
    out.push('| Name | Type | Mentions | Documents | Also written |', '|---|---|---|---|---|');
    for (const e of report.entities) {
      const docs = new Set(e.mentions.map((m) => m.doc)).size;
      out.push(`| ${inline(e.name)} | ${e.type} | ${e.mentions.length} | ${docs} | ${inline(e.aliases.join(', ') || null)} |`);
    }
    out.push('');
  }
  if (report.times.length) {
    out.push('## Time expressions', '');
    for (const t of report.times) out.push(`- \`${t.doc.slice(0, 8)}\` ${t.start}–${t.end} “${inline(t.text)}” → ${t.value ?? `unresolved (${inline(t.reason)})`}${t.endValue ? ` … ${t.endValue}` : ''} (${t.granularity}, anchor: ${t.anchor})`);
    out.push('');
  }
  if (report.quotes.length) {
    out.push('## Quotes', '');
    for (const q of report.quotes) out.push(`- **${inline(q.speaker.name ?? 'unknown speaker')}** (${q.kind}, ${inline(q.cue)}): “${inline(q.text)}” — \`${q.doc.slice(0, 8)}\` ${q.start}–${q.end}`);
    out.push('');
  }
  if (report.figures.length) {
    out.push('## Figures', '');
    for (const f of report.figures) out.push(`- ${inline(f.text)} → ${f.value}${f.endValue !== undefined ? `–${f.endValue}` : ''} ${f.unit}${f.about ? ` of ${inline(f.about)}` : ''} — \`${f.doc.slice(0, 8)}\` ${f.start}–${f.end}`);
    out.push('');
  }
  return out.join('\n');
}

function publishedLabel(d: ReportDocument): string {
  const p = d.published;
  if (p.date) return p.date;
  if (p.earliest) return `${p.earliest} to ${p.latest ?? '…'}`;
  if (p.latest) return `unknown (not after ${p.latest})`;
  return 'unknown';
}

function renderDocument(d: ReportDocument, includeText: boolean): string[] {
  const out: string[] = [];
  out.push(`## ${inline(d.title ?? '(no title)')}`, '');
  out.push(`- **Id:** \`${d.id}\``);
  out.push(`- **Source:** ${inline(d.source)}${d.url && d.url !== d.source ? ` (${inline(d.url)})` : ''}`);
  out.push(`- **Outlet:** ${inline(d.outlet)}`);
  out.push(`- **Authors:** ${inline(d.authors.join(', ') || null)}`);
  const p = d.published;
  const when = p.datetime ?? p.date;
  out.push(`- **Published:** ${when ? inline(when) : 'unknown'}${p.updated ? `, updated ${p.updated}` : ''}${!p.date && (p.earliest || p.latest) ? ` (bounded: ${p.earliest ?? '…'} to ${p.latest ?? '…'})` : ''}, confidence ${p.confidence.toFixed(2)}`);
  for (const e of p.evidence) out.push(`  - evidence (${e.source}): “${inline(e.value)}” at ${e.in} ${e.start}–${e.end}`);
  for (const r of p.rejected) out.push(`  - rejected “${inline(r.value)}”: ${inline(r.reason)}`);
  out.push(`- **Encoding:** ${inline(d.encoding)} (${inline(d.provenance.encoding)})`, '');
  if (includeText) {
    out.push('<details><summary>Cleaned text</summary>', '');
    for (const para of d.text.split(/\n{2,}/)) out.push(escapeMarkdown(para), '');
    out.push('</details>', '');
  }
  return out;
}
