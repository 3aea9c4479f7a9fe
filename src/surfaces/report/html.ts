import { escapeHtml } from '../web/html.js';
import type { Report, ReportDocument } from './build.js';

/**
 * One self-contained HTML file: no external assets, no scripts at all, an inline SVG
 * timeline, and every piece of article text escaped (article text is untrusted). Links
 * to source passages point at anchors of the document sections inside the same file,
 * where each cited passage is marked.
 */


const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff}
h1,h2,h3{line-height:1.2}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
.muted{color:#555;font-size:.85rem}
.side{border-left:4px solid #888;padding:.3rem .6rem;margin:.3rem 0;background:#f7f7f7}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.6rem}
mark{background:#fff1a8}
.doctext p{margin:.4rem 0}
svg text{font:11px system-ui,sans-serif}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.side{background:#222}th,td{border-color:#333}.muted{color:#aaa}mark{background:#665c00;color:#fff}}
`;

export function renderHtml(report: Report): string {
  const docIndex = new Map(report.documents.map((d, i) => [d.id, i + 1]));
  const cite = (doc: string, start: number, end: number) => `<a href="#d-${escapeHtml(doc)}-${start}-${end}">[${docIndex.get(doc) ?? '?'}]</a>`;
  const marks = new Map<string, { start: number; end: number }[]>();
  const mark = (doc: string, start: number, end: number) => {
    const list = marks.get(doc) ?? [];
    if (!list.some((m) => m.start === start && m.end === end)) list.push({ start, end });
    marks.set(doc, list);
  };
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>Dateline report</title><style>${STYLE}</style></head><body><main>`);
  parts.push(`<h1>Dateline report</h1><p class="muted">${report.documents.length} documents, generated ${escapeHtml(report.generatedAt)}</p>`);

  for (const story of report.stories) {
    parts.push(`<section aria-labelledby="s-${escapeHtml(story.id)}"><h2 id="s-${escapeHtml(story.id)}">Story: ${escapeHtml(story.title ?? '(untitled)')}</h2>`);
    parts.push(`<p class="muted">${story.documents.length} documents, ${escapeHtml(story.first ?? '?')} to ${escapeHtml(story.last ?? '?')}</p>`);
    const events = report.timeline.filter((e) => e.story === story.id);
    if (events.length) {
      parts.push(timelineSvg(events.map((e) => ({ date: e.date, label: eventDate(e), title: e.title }))));
      parts.push('<h3>Timeline</h3><ol>');
      for (const e of events) {
        for (const s of e.sentences) mark(s.doc, s.start, s.end);
        parts.push(`<li><strong>${escapeHtml(eventDate(e))}${e.endDate ? '–' + escapeHtml(e.endDate) : ''}</strong> ${escapeHtml(e.title)} ${e.sentences.map((s) => cite(s.doc, s.start, s.end)).join(' ')} <span class="muted">(${e.sources.length} source${e.sources.length === 1 ? '' : 's'})</span></li>`);
      }
      parts.push('</ol>');
    }
    const summary = report.summary.filter((s) => s.story === story.id);
    if (summary.length) {
      parts.push('<h3>Summary</h3><p>');
      for (const s of summary) {
        mark(s.doc, s.start, s.end);
        parts.push(`${escapeHtml(s.text)} ${cite(s.doc, s.start, s.end)} `);
      }
      parts.push('</p>');
    }
    const disagreements = report.disagreements.filter((d) => d.story === story.id);
    if (disagreements.length) {
      parts.push('<h3>Where sources disagree</h3>');
      for (const d of disagreements) {
        parts.push(`<h4>${escapeHtml(d.topic)}</h4><div class="sides">`);
        for (const side of d.sides) {
          mark(side.doc, side.start, side.end);
          parts.push(`<div class="side"><div class="muted">${escapeHtml(side.speaker ?? 'unattributed')} ${cite(side.doc, side.start, side.end)}</div>${escapeHtml(side.claim)}</div>`);
        }
        parts.push('</div>');
      }
    }
    parts.push('</section>');
  }

  const people = report.entities.filter((e) => e.mentions.length > 0);
  if (people.length) {
    parts.push('<section><h2>People, organisations and places</h2><table><thead><tr><th>Name</th><th>Type</th><th>Mentions</th><th>Also written</th></tr></thead><tbody>');
    for (const e of people) parts.push(`<tr><td>${escapeHtml(e.name)}</td><td>${e.type}</td><td>${e.mentions.length}</td><td>${escapeHtml(e.aliases.join(', '))}</td></tr>`);
    parts.push('</tbody></table></section>');
  }
  if (report.quotes.length) {
    parts.push('<section><h2>Quotes</h2><ul>');
    for (const q of report.quotes) {
      mark(q.doc, q.start, q.end);
      parts.push(`<li><strong>${escapeHtml(q.speaker.name ?? 'unknown speaker')}</strong> <span class="muted">(${q.kind}${q.cue ? ', ' + escapeHtml(q.cue) : ''})</span>: “${escapeHtml(q.text)}” ${cite(q.doc, q.start, q.end)}</li>`);
    }
    parts.push('</ul></section>');
  }
  if (report.figures.length) {
    parts.push('<section><h2>Figures</h2><ul>');
    for (const f of report.figures) {
      mark(f.doc, f.start, f.end);
      parts.push(`<li>${escapeHtml(f.text)} → ${f.value}${f.endValue !== undefined ? '–' + f.endValue : ''} ${escapeHtml(f.unit)}${f.about ? ' of ' + escapeHtml(f.about) : ''} ${cite(f.doc, f.start, f.end)}</li>`);
    }
    parts.push('</ul></section>');
  }
  parts.push('<section><h2>Documents</h2>');
  report.documents.forEach((d, i) => parts.push(renderDocument(d, i + 1, marks.get(d.id) ?? [])));
  parts.push('</section></main></body></html>');
  return parts.join('\n');
}

function renderDocument(d: ReportDocument, n: number, marks: { start: number; end: number }[]): string {
  const p = d.published;
  const out: string[] = [];
  out.push(`<article id="doc-${escapeHtml(d.id)}"><h3>[${n}] ${escapeHtml(d.title ?? '(no title)')}</h3>`);
  out.push(`<p class="muted">${escapeHtml(d.outlet ?? 'unknown outlet')} · ${escapeHtml(d.authors.join(', ') || 'no byline')} · published ${escapeHtml(p.datetime ?? p.date ?? (p.earliest || p.latest ? `between ${p.earliest ?? '…'} and ${p.latest ?? '…'}` : 'unknown'))} · ${escapeHtml(d.source)}</p>`);
  if (p.rejected.length) out.push(`<p class="muted">Rejected dates: ${p.rejected.map((r) => `${escapeHtml(r.value)} (${escapeHtml(r.reason)})`).join('; ')}</p>`);
  out.push(`<div class="doctext">${markedText(d, marks)}</div></article>`);
  return out.join('\n');
}

/** The document text with cited passages wrapped in anchored <mark>s; overlaps are merged. */
function markedText(d: ReportDocument, marks: { start: number; end: number }[]): string {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at) {
      out.push(`<span id="d-${escapeHtml(d.id)}-${m.start}-${m.end}"></span>`);
      continue;
    }
    out.push(escapeHtml(d.text.slice(at, m.start)));
    out.push(`<mark id="d-${escapeHtml(d.id)}-${m.start}-${m.end}">${escapeHtml(d.text.slice(m.start, m.end))}</mark>`);
    at = m.end;
  }
  out.push(escapeHtml(d.text.slice(at)));
  return out
    .join('')
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** A month-precision event is shown as its month, not as the first of it. */
function eventDate(e: { date: string; granularity: string }): string {
  return e.granularity === 'month' ? e.date.slice(0, 7) : e.date;
}

function timelineSvg(events: { date: string; label: string; title: string }[]): string {
  const width = 900;
  const rowHeight = 22;
  const height = 40 + events.length * rowHeight;
  const times = events.map((e) => Date.parse(e.date));
  const min = Math.min(...times);
  const max = Math.max(...times);
  const x = (t: number) => 20 + (max === min ? 0.5 : (t - min) / (max - min)) * 260;
  const rows = events.map((e, i) => {
    const cx = x(Date.parse(e.date));
    const y = 30 + i * rowHeight;
    const label = e.title.length > 90 ? e.title.slice(0, 87) + '…' : e.title;
    return `<circle cx="${cx.toFixed(1)}" cy="${y}" r="5" fill="#c0392b"/><line x1="${cx.toFixed(1)}" y1="${y}" x2="300" y2="${y}" stroke="#ccc"/><text x="305" y="${y + 4}"><tspan font-weight="bold">${escapeHtml(e.label)}</tspan> ${escapeHtml(label)}</text>`;
  });
  return `<svg role="img" aria-label="Timeline of ${events.length} events" viewBox="0 0 ${width} ${height}" width="100%"><line x1="20" y1="15" x2="280" y2="15" stroke="#888"/><text x="20" y="12">${escapeHtml(events[0].label)}</text><text x="280" y="12" text-anchor="end">${escapeHtml(events[events.length - 1].label)}</text>${rows.join('')}</svg>`;
}
