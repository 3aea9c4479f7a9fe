import { type Doc, type Span, spansOf } from '../../core/doc.js';
import type { JobView } from '../http/jobs.js';
import type { Limits } from '../http/schemas.js';
import type { DocumentList } from '../http/search.js';
import type { Report, ReportDocument, ReportEntity, ReportQuote } from '../report/build.js';
import { type MarkRange, markText } from './highlight.js';
import { type Html, html, safeHttpUrl } from './html.js';
import { layout } from './layout.js';

/**
 * Server-rendered pages. Every fact shown links to `/documents/<id>?hl=<start>-<end>#span-<start>-<end>`:
 * the query makes the server mark exactly that range (so any passage, a whole sentence
 * included, is highlighted without JavaScript), the fragment scrolls to it and the script
 * moves focus onto it.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Fixed English format, so a page reads the same whatever the server's locale. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (m[3] && month) return `${Number(m[3])} ${month} ${m[1]}`;
  if (month) return `${month} ${m[1]}`;
  return m[1];
}

/** A month-precision event is its month ("Feb 2019"), not the first day of it. */
function eventIso(e: { date: string; granularity: string }): string {
  return e.granularity === 'month' ? e.date.slice(0, 7) : e.date;
}

/** "EUR 2,400,000", "12%", "9,000", "94 mph": the unit codes of the figure layer, readable. */
export function formatFigure(value: number, endValue: number | undefined, unit: string): string {
  const n = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  const amount = endValue !== undefined ? `${n(value)}–${n(endValue)}` : n(value);
  if (unit.startsWith('currency:')) return `${unit.slice('currency:'.length)} ${amount}`;
  if (unit === 'percent') return `${amount}%`;
  if (unit === 'count' || unit === '') return amount;
  return `${amount} ${unit.replace(/-/g, ' ')}${/point$/.test(unit) && (endValue ?? value) !== 1 ? 's' : ''}`;
}

export function factHref(doc: string, start: number, end: number): string {
  return `/documents/${encodeURIComponent(doc)}?hl=${start}-${end}#span-${start}-${end}`;
}

function rawHref(doc: string, start: number, end: number): string {
  return `/documents/${encodeURIComponent(doc)}/raw?hl=${start}-${end}#raw-${start}-${end}`;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function docLabel(d: { outlet: string | null; url: string | null; title: string | null; id: string }): string {
  if (d.outlet) return d.outlet;
  const url = safeHttpUrl(d.url);
  if (url) return new URL(url).hostname.replace(/^www\./, '');
  return `document ${d.id.slice(0, 8)}`;
}

// ---------------------------------------------------------------- errors

export function errorPage(status: number, message: string): Html {
  const title = status === 404 ? 'Not found' : status === 401 || status === 403 ? 'Not allowed' : status >= 500 ? 'Something went wrong' : 'Request refused';
  return layout({
    title,
    section: null,
    page: 'error',
    body: html`<h1>${title}</h1><p class="error-status">Error ${status}</p><p>${message}</p><p><a href="/">Back to the stories</a></p>`,
  });
}

// ---------------------------------------------------------------- story list

export function storyListPage(report: Report): Html {
  const docs = new Map(report.documents.map((d) => [d.id, d]));
  const entities = new Map(report.entities.map((e) => [e.id, e]));
  const body = report.stories.length
    ? html`<ol class="story-list">${report.stories.map((st) => {
        const members = st.documents.map((d) => docs.get(d)).filter((d): d is ReportDocument => Boolean(d));
        const outlets = [...new Set(members.map((d) => d.outlet).filter(Boolean))] as string[];
        const names = st.entities
          .map((id) => entities.get(id))
          .filter((e): e is ReportEntity => Boolean(e) && e!.type !== 'other')
          .slice(0, 5)
          .map((e) => e.name);
        const events = report.timeline.filter((t) => t.story === st.id).length;
        return html`<li class="card">
  <h2><a href="/stories/${encodeURIComponent(st.id)}">${st.title ?? 'Untitled story'}</a></h2>
  <p class="meta">${plural(st.documents.length, 'document')}${st.first ? html` · ${formatDate(st.first)}${st.last && st.last !== st.first ? html` – ${formatDate(st.last)}` : ''}` : ''}${events ? html` · ${plural(events, 'timeline event')}` : ''}</p>
  ${outlets.length ? html`<p class="meta">Sources: ${outlets.join(', ')}</p>` : ''}
  ${names.length ? html`<p class="meta">Who and where: ${names.join(', ')}</p>` : ''}
</li>`;
      })}</ol>`
    : html`<p>No stories yet. <a href="/ingest">Add some pages</a> to get started.</p>`;
  return layout({
    title: 'Stories',
    section: 'stories',
    page: 'stories',
    body: html`<h1>Stories</h1><p class="lede">${plural(report.documents.length, 'document')} in ${plural(report.stories.length, 'story', 'stories')}.</p>${body}`,
  });
}

// ---------------------------------------------------------------- story page

function timelineSvg(events: Report['timeline']): Html {
  if (!events.length) return html``;
  const t = (d: string) => Date.parse(d.length === 7 ? `${d}-15` : d.slice(0, 10));
  const times = events.map((e) => t(e.date)).filter((x) => !Number.isNaN(x));
  const min = Math.min(...times);
  const max = Math.max(...times);
  const x = (d: string) => (max === min ? 500 : 40 + ((t(d) - min) / (max - min)) * 920);
  // The list below is the accessible timeline; the axis is a mouse shortcut into it.
  return html`<svg class="timeline-axis" viewBox="0 0 1000 64" role="presentation" aria-hidden="true" focusable="false">
  <line x1="20" y1="28" x2="980" y2="28" class="axis"></line>
  ${events.map(
    (e, i) => html`<a href="#ev-${i + 1}" tabindex="-1" class="marker" data-event="ev-${i + 1}"><circle cx="${x(e.date).toFixed(1)}" cy="28" r="${Math.min(12, 6 + e.sources.length * 1.5).toFixed(1)}"></circle><title>${formatDate(eventIso(e))}: ${e.title}</title></a>`,
  )}
  <text x="20" y="58" class="axis-label">${formatDate(eventIso(events[0]))}</text>
  <text x="980" y="58" text-anchor="end" class="axis-label">${formatDate(eventIso(events[events.length - 1]))}</text>
</svg>`;
}

function cite(doc: string, start: number, end: number, label: string): Html {
  return html`<a class="cite" href="${factHref(doc, start, end)}">${label}</a>`;
}

export function storyPage(report: Report, storyId: string): Html {
  const story = report.stories.find((s) => s.id === storyId)!;
  const docs = new Map(report.documents.map((d) => [d.id, d]));
  const label = (id: string) => {
    const d = docs.get(id);
    return d ? docLabel(d) : id.slice(0, 8);
  };
  const entities = new Map(report.entities.map((e) => [e.id, e]));
  const timeline = [...report.timeline].sort((a, b) => a.date.localeCompare(b.date));

  const summary = report.summary.length
    ? html`<ol class="summary">${report.summary.map((s) => html`<li><a class="fact" href="${factHref(s.doc, s.start, s.end)}">${s.text}</a> <span class="src">${label(s.doc)}</span></li>`)}</ol>`
    : html`<p class="empty">No summary: the documents had no sentences to choose from.</p>`;

  const timelineHtml = timeline.length
    ? html`${timelineSvg(timeline)}
<p class="hint" id="timeline-hint">Each event links to the passage that reports it. In the list, the arrow keys move between events.</p>
<ol class="timeline" aria-describedby="timeline-hint">${timeline.map((e, i) => {
        const first = e.sentences[0];
        const rest = e.sentences.slice(1);
        return html`<li class="event" id="ev-${i + 1}" tabindex="-1">
  <p class="event-date"><time datetime="${eventIso(e)}">${formatDate(eventIso(e))}${e.endDate ? html` – ${formatDate(e.endDate)}` : ''}</time></p>
  <p class="event-title">${first ? html`<a class="event-link" href="${factHref(first.doc, first.start, first.end)}">${e.title}</a>` : e.title}${first ? html` <span class="src">${label(first.doc)}</span>` : ''}</p>
  ${rest.length ? html`<ul class="also">${rest.map((s) => html`<li><a class="fact" href="${factHref(s.doc, s.start, s.end)}">${s.text}</a> <span class="src">${label(s.doc)}</span></li>`)}</ul>` : ''}
  <p class="meta">${plural(e.sources.length, 'source')}</p>
</li>`;
      })}</ol>`
    : html`<p class="empty">No dated events were found in these documents.</p>`;

  const groups: [ReportEntity['type'], string][] = [
    ['person', 'People'],
    ['organization', 'Organisations'],
    ['place', 'Places'],
    ['other', 'Other names'],
  ];
  const entityHtml = report.entities.length
    ? html`<div class="columns">${groups.map(([type, title]) => {
        const list = report.entities.filter((e) => e.type === type).sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
        if (!list.length) return html``;
        return html`<section class="entity-group" aria-labelledby="h-ent-${type}"><h3 id="h-ent-${type}">${title}</h3><ul>${list.slice(0, 40).map((e) => {
          const m = e.mentions[0];
          const docCount = new Set(e.mentions.map((x) => x.doc)).size;
          const aliases = e.aliases.filter((a) => a !== e.name);
          return html`<li><a class="fact" href="${factHref(m.doc, m.start, m.end)}">${e.name}</a> <span class="meta">${plural(e.mentions.length, 'mention')} in ${plural(docCount, 'document')}${aliases.length ? html`; also “${aliases.slice(0, 3).join('”, “')}”` : ''}</span></li>`;
        })}</ul>${list.length > 40 ? html`<p class="meta"><a href="/entities?type=${type}">All ${list.length}</a></p>` : ''}</section>`;
      })}</div>`
    : html`<p class="empty">No people, organisations or places were recognised.</p>`;

  const bySpeaker = new Map<string, ReportQuote[]>();
  for (const q of report.quotes) {
    const key = (q.speaker.entity && entities.get(q.speaker.entity)?.name) || q.speaker.name || 'Unattributed';
    bySpeaker.set(key, [...(bySpeaker.get(key) ?? []), q]);
  }
  const speakers = [...bySpeaker.entries()].sort((a, b) => (a[0] === 'Unattributed' ? 1 : b[0] === 'Unattributed' ? -1 : b[1].length - a[1].length || a[0].localeCompare(b[0])));
  const quotesHtml = speakers.length
    ? html`${speakers.map(
        ([speaker, qs]) => html`<section class="speaker" aria-label="Quotes by ${speaker}"><h3>${speaker}</h3><ul class="quotes">${qs.map(
          (q) => html`<li><blockquote><a class="fact" href="${factHref(q.doc, q.start, q.end)}">${q.text}</a></blockquote><p class="meta">${q.kind === 'direct' ? 'Direct quote' : 'Reported speech'} · ${label(q.doc)}</p></li>`,
        )}</ul></section>`,
      )}`
    : html`<p class="empty">No quotes were found.</p>`;

  const figuresHtml = report.figures.length
    ? html`<div class="table-wrap"><table><caption class="visually-hidden">Figures reported in this story</caption><thead><tr><th scope="col">Figure</th><th scope="col">Value</th><th scope="col">About</th><th scope="col">Source</th></tr></thead><tbody>${report.figures.map(
        (f) => html`<tr><td><a class="fact" href="${factHref(f.doc, f.start, f.end)}">${f.text}</a></td><td>${formatFigure(f.value, f.endValue, f.unit)}</td><td>${f.about ?? ''}</td><td>${label(f.doc)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">No figures were found.</p>`;

  const disagreementsHtml = report.disagreements.length
    ? html`${report.disagreements.map(
        (d, i) => html`<article class="disagreement" aria-labelledby="dis-${i + 1}"><h3 id="dis-${i + 1}">${d.topic}</h3><p class="meta">${d.kind === 'figures' ? 'Different figures' : 'A claim and a denial'}${d.evidence ? html` · ${d.evidence}` : ''}</p>
<div class="sides">${d.sides.map(
          (side) => html`<div class="side"><p class="side-who">${side.speaker ?? 'Unattributed'} <span class="src">${label(side.doc)}</span></p><blockquote><a class="fact" href="${factHref(side.doc, side.start, side.end)}">${side.claim}</a></blockquote></div>`,
        )}</div></article>`,
      )}`
    : html`<p class="empty">The sources do not visibly disagree.</p>`;

  const documentsHtml = html`<ol class="doc-list">${story.documents.map((id) => {
    const d = docs.get(id);
    if (!d) return html``;
    const copy = story.copies[id];
    return html`<li><a href="/documents/${encodeURIComponent(id)}">${d.title ?? '(untitled)'}</a> <span class="meta">${docLabel(d)}${d.published.date ? html` · ${formatDate(d.published.date)}` : ''}${copy ? html` · near-copy of ${label(copy)}` : ''}</span></li>`;
  })}</ol>`;

  const sections: [string, string, Html][] = [
    ['summary', 'Summary', summary],
    ['timeline', 'Timeline', timelineHtml],
    ['entities', 'People, organisations and places', entityHtml],
    ['quotes', 'Quotes by speaker', quotesHtml],
    ['figures', 'Figures', figuresHtml],
    ['disagreements', 'Where sources disagree', disagreementsHtml],
    ['documents', 'Documents', documentsHtml],
  ];

  return layout({
    title: story.title ?? 'Story',
    section: 'stories',
    page: 'story',
    body: html`<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Stories</a></nav>
<h1>${story.title ?? 'Untitled story'}</h1>
<p class="lede">${plural(story.documents.length, 'document')}${story.first ? html` · ${formatDate(story.first)}${story.last && story.last !== story.first ? html` – ${formatDate(story.last)}` : ''}` : ''} · <a href="/api/stories/${encodeURIComponent(story.id)}">JSON</a></p>
<nav class="toc" aria-label="On this page"><ul>${sections.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ul></nav>
${sections.map(([id, title, content]) => html`<section id="${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${title}</h2>${content}</section>`)}`,
  });
}

// ---------------------------------------------------------------- document page

const KIND_LABEL: Record<string, string> = {
  quote: 'quote',
  figure: 'figure',
  time: 'date or time',
  entity: 'name',
  title: 'title',
  author: 'author',
  outlet: 'outlet',
  'date-candidate': 'publication date signal',
  target: 'linked passage',
};

function spanClasses(s: Span): string[] {
  const cls = [`k-${s.kind}`];
  if (s.kind === 'entity') cls.push(`t-${s.type}`);
  if (s.kind === 'date-candidate' && s.rejected) cls.push('rejected');
  return cls;
}

const MARKED_KINDS = new Set(['quote', 'figure', 'time', 'entity', 'title', 'author', 'outlet', 'date-candidate']);

export function parseHighlight(hl: string | undefined, length: number): { start: number; end: number } | null {
  const m = hl ? /^(\d{1,9})-(\d{1,9})$/.exec(hl) : null;
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return start < end && end <= length ? { start, end } : null;
}

function markRanges(doc: Doc, target: 'text' | 'raw', prefix: string, hl: { start: number; end: number } | null): MarkRange[] {
  const ranges: MarkRange[] = doc.spans
    .filter((s) => MARKED_KINDS.has(s.kind) && (s.in ?? 'text') === target)
    .map((s) => ({ start: s.start, end: s.end, id: `${prefix}-${s.start}-${s.end}`, classes: spanClasses(s), label: KIND_LABEL[s.kind] }));
  if (hl) ranges.push({ ...hl, id: `${prefix}-${hl.start}-${hl.end}`, classes: ['target'], label: KIND_LABEL.target });
  return ranges;
}

interface FactItem {
  start: number;
  end: number;
  in: 'text' | 'raw';
  text: string;
  note?: string;
}

function factLink(docId: string, f: FactItem): Html {
  const href = f.in === 'raw' ? rawHref(docId, f.start, f.end) : `#span-${f.start}-${f.end}`;
  return html`<li><a class="fact${f.in === 'raw' ? ' raw' : ''}" href="${href}"${f.in === 'raw' ? '' : html` data-span="span-${f.start}-${f.end}"`}>${f.text || '(empty)'}</a>${f.note ? html` <span class="meta">${f.note}</span>` : ''}${f.in === 'raw' ? html` <span class="meta">(in the raw page)</span>` : ''}</li>`;
}

export function documentPage(doc: Doc, opts: { ingestedAt: string; storyId: string | null; storyTitle: string | null; hl?: string }): Html {
  const hl = parseHighlight(opts.hl, doc.text.length);
  const slice = (s: Span) => (s.in === 'raw' ? doc.rawText : doc.text).slice(s.start, s.end);
  const item = (s: Span, note?: string): FactItem => ({ start: s.start, end: s.end, in: s.in ?? 'text', text: slice(s).replace(/\s+/g, ' ').trim(), note });

  const quotes = spansOf(doc, 'quote').map((q) => item(q, [q.quoteKind === 'direct' ? 'direct' : 'reported', q.speaker ? `by ${q.speaker}` : 'unattributed'].join(', ')));
  const figures = spansOf(doc, 'figure').map((f) => item(f, [formatFigure(f.value, f.endValue, f.unit), f.about ? `about ${f.about}` : ''].filter(Boolean).join(', ')));
  const times = spansOf(doc, 'time').map((t) => item(t, t.granularity === 'duration' ? 'a duration' : t.value ? `${formatDate(t.value)}${t.endValue ? ` – ${formatDate(t.endValue)}` : ''}` : 'not resolved to a date'));
  const mentions = spansOf(doc, 'entity');
  const names = new Map<string, { type: string; items: FactItem[] }>();
  for (const m of mentions) {
    const text = slice(m).replace(/\s+/g, ' ').trim();
    const key = `${m.type}:${text}`;
    const entry = names.get(key) ?? { type: m.type, items: [] };
    entry.items.push(item(m));
    names.set(key, entry);
  }
  const meta = [
    ...spansOf(doc, 'title').map((s) => item(s, 'title')),
    ...spansOf(doc, 'author').map((s) => item(s, 'author')),
    ...spansOf(doc, 'outlet').map((s) => item(s, 'outlet')),
    ...spansOf(doc, 'date-candidate').map((s) => item(s, `${s.role === 'updated' ? 'updated' : 'published'} ${formatDate(s.date)} (from ${s.source})${s.rejected ? `, rejected: ${s.rejected}` : ''}`)),
  ];

  const factSection = (id: string, title: string, items: FactItem[]) =>
    items.length ? html`<section aria-labelledby="f-${id}"><h3 id="f-${id}">${title} <span class="count">(${items.length})</span></h3><ul class="facts">${items.map((f) => factLink(doc.id, f))}</ul></section>` : html``;
  const nameSection = names.size
    ? html`<section aria-labelledby="f-names"><h3 id="f-names">Names <span class="count">(${names.size})</span></h3><ul class="facts names">${[...names.entries()].map(
        ([key, n]) => html`<li><span class="name t-${n.type}">${key.slice(key.indexOf(':') + 1)}</span> <span class="meta">${n.type}</span> ${n.items.map(
          (f, i) => html`<a class="fact mention" href="#span-${f.start}-${f.end}" data-span="span-${f.start}-${f.end}" aria-label="${key.slice(key.indexOf(':') + 1)}, mention ${i + 1}">${i + 1}</a> `,
        )}</li>`,
      )}</ul></section>`
    : html``;

  const url = safeHttpUrl(doc.raw.url);
  const published = doc.facts.published;
  const id = encodeURIComponent(doc.id);
  return layout({
    title: doc.facts.title ?? 'Document',
    section: 'documents',
    page: 'document',
    body: html`<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/documents">Documents</a>${opts.storyId ? html` · story: <a href="/stories/${encodeURIComponent(opts.storyId)}">${opts.storyTitle ?? 'untitled'}</a>` : ''}</nav>
<h1>${doc.facts.title ?? '(untitled document)'}</h1>
<dl class="doc-meta">
  <dt>Outlet</dt><dd>${doc.facts.outlet ?? 'unknown'}</dd>
  <dt>Authors</dt><dd>${doc.facts.authors.length ? doc.facts.authors.join(', ') : 'unknown'}</dd>
  <dt>Published</dt><dd>${published.date ? formatDate(published.date) : published.earliest || published.latest ? `between ${formatDate(published.earliest) || '?'} and ${formatDate(published.latest) || '?'}` : 'unknown'}${published.updated ? ` (updated ${formatDate(published.updated)})` : ''} <span class="meta">confidence ${Math.round(published.confidence * 100)}%</span></dd>
  <dt>Source</dt><dd>${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${doc.raw.url}</a>` : doc.raw.url ?? doc.raw.source}</dd>
  <dt>Raw input</dt><dd><a href="/documents/${id}/raw">view as text</a> · <a href="/api/documents/${id}/raw">download the bytes</a> · <a href="/api/documents/${id}">JSON</a> <span class="meta">${doc.raw.format}, ${doc.raw.encoding}, ingested ${opts.ingestedAt}</span></dd>
</dl>
<div class="doc-layout">
<nav class="fact-list" aria-label="Facts in this document">
  <h2>Facts</h2>
  <p class="hint">Choose a fact to jump to its passage in the text.</p>
  ${factSection('quotes', 'Quotes', quotes)}
  ${factSection('figures', 'Figures', figures)}
  ${factSection('times', 'Dates and times', times)}
  ${nameSection}
  ${factSection('meta', 'Title, byline and dates', meta)}
  ${quotes.length + figures.length + times.length + names.size + meta.length === 0 ? html`<p class="empty">No facts were extracted from this document.</p>` : ''}
</nav>
<article class="doc-body" aria-labelledby="h-text">
  <h2 id="h-text">Cleaned text</h2>
  <p class="legend" aria-hidden="true"><mark class="k-entity">name</mark> <mark class="k-quote">quote</mark> <mark class="k-figure">figure</mark> <mark class="k-time">date</mark> <mark class="target">linked passage</mark></p>
  <div class="doctext">${markText(doc.text, markRanges(doc, 'text', 'span', hl))}</div>
</article>
</div>`,
  });
}

export function rawPage(doc: Doc, opts: { hl?: string }): Html {
  const hl = parseHighlight(opts.hl, doc.rawText.length);
  const id = encodeURIComponent(doc.id);
  return layout({
    title: `Raw input: ${doc.facts.title ?? doc.id}`,
    section: 'documents',
    page: 'raw',
    body: html`<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/documents/${id}">${doc.facts.title ?? '(untitled document)'}</a></nav>
<h1>Raw input</h1>
<p class="lede">The page as it was read (${doc.raw.format}, decoded as ${doc.raw.encoding}), shown as text. Signals found outside the article body are marked. <a href="/api/documents/${id}/raw">Download the exact bytes</a>.</p>
<pre class="rawtext">${markText(doc.rawText, markRanges(doc, 'raw', 'raw', hl))}</pre>`,
  });
}

// ---------------------------------------------------------------- documents and entities

export function documentListPage(list: DocumentList, page: number): Html {
  const pages = Math.max(1, Math.ceil(list.total / list.limit));
  const qs = (p: number) => `/documents?${new URLSearchParams({ ...(list.query ? { q: list.query } : {}), page: String(p) }).toString()}`;
  return layout({
    title: list.query ? `Search: ${list.query}` : 'Documents',
    section: 'documents',
    page: 'documents',
    query: list.query ?? '',
    body: html`<h1>${list.query ? html`Documents matching “${list.query}”` : 'Documents'}</h1>
<p class="lede" role="status">${plural(list.total, 'document')}${list.query ? ' found' : ''}.</p>
${list.documents.length ? html`<ol class="doc-list" start="${list.offset + 1}">${list.documents.map(
      (d) => html`<li><a href="/documents/${encodeURIComponent(d.id)}">${d.title ?? '(untitled)'}</a> <span class="meta">${docLabel(d)}${d.published ? html` · ${formatDate(d.published)}` : ''}</span>${d.snippet ? html`<p class="snippet">${d.snippet.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : html`${p.text}`))}</p>` : ''}</li>`,
    )}</ol>` : ''}
${pages > 1 ? html`<nav class="pager" aria-label="Pages">${page > 1 ? html`<a href="${qs(page - 1)}" rel="prev">Previous</a>` : ''} <span>Page ${page} of ${pages}</span> ${page < pages ? html`<a href="${qs(page + 1)}" rel="next">Next</a>` : ''}</nav>` : ''}`,
  });
}

export function entitiesPage(entities: (ReportEntity & { stories: string[] })[], stories: Map<string, string | null>, q: string, type: string): Html {
  const types: [string, string][] = [
    ['', 'Any type'],
    ['person', 'People'],
    ['organization', 'Organisations'],
    ['place', 'Places'],
    ['other', 'Other'],
  ];
  return layout({
    title: 'People, organisations and places',
    section: 'entities',
    page: 'entities',
    body: html`<h1>People, organisations and places</h1>
<form class="filter" role="search" method="get" action="/entities">
  <label for="ent-q">Name</label> <input id="ent-q" name="q" type="search" value="${q}" maxlength="200">
  <label for="ent-type">Type</label> <select id="ent-type" name="type">${types.map(([v, l]) => html`<option value="${v}"${v === type ? html` selected` : ''}>${l}</option>`)}</select>
  <button type="submit">Filter</button>
</form>
<p class="lede" role="status">${plural(entities.length, 'match', 'matches')}.</p>
<div class="table-wrap"><table><caption class="visually-hidden">Entities</caption><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Mentions</th><th scope="col">Stories</th></tr></thead><tbody>
${entities.slice(0, 300).map((e) => {
  const m = e.mentions[0];
  return html`<tr><td>${m ? html`<a class="fact" href="${factHref(m.doc, m.start, m.end)}">${e.name}</a>` : e.name}${e.aliases.filter((a) => a !== e.name).length ? html`<br><span class="meta">also ${e.aliases.filter((a) => a !== e.name).slice(0, 4).join(', ')}</span>` : ''}</td><td>${e.type}</td><td>${e.mentions.length}</td><td>${e.stories.map((s, i) => html`${i ? ', ' : ''}<a href="/stories/${encodeURIComponent(s)}">${stories.get(s) ?? s}</a>`)}</td></tr>`;
})}
</tbody></table></div>`,
  });
}

// ---------------------------------------------------------------- ingest and jobs

export function ingestPage(opts: { limits: Limits; mode: 'token' | 'loopback-only'; writable: boolean; error?: string; values?: Record<string, string> }): Html {
  const v = opts.values ?? {};
  const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  return layout({
    title: 'Add pages',
    section: 'ingest',
    page: 'ingest',
    body: html`<h1>Add pages</h1>
<p class="lede">Fetch pages by URL, paste a page (HTML or the text of a page, menus and all), or upload files (.html, .txt, .jsonl). Up to ${opts.limits.maxPagesPerBatch} pages per batch, ${mb(opts.limits.maxPageBytes)} per page, ${mb(opts.limits.maxBodyBytes)} in all.</p>
${opts.error ? html`<div class="alert" role="alert"><p><strong>Not added:</strong> ${opts.error}</p></div>` : ''}
${!opts.writable ? html`<div class="alert" role="note"><p>This server accepts new pages only from the machine it runs on (it has no write token). Open it via localhost, or restart it with <code>--token</code>.</p></div>` : ''}
<form class="ingest" method="post" action="/ingest" enctype="multipart/form-data">
  <fieldset>
    <legend>Fetch URLs</legend>
    <label for="urls">URLs, one per line</label>
    <textarea id="urls" name="urls" rows="4" spellcheck="false" aria-describedby="urls-help">${v.urls ?? ''}</textarea>
    <p class="help" id="urls-help">Only public http and https addresses are fetched.</p>
  </fieldset>
  <fieldset>
    <legend>Paste a page</legend>
    <label for="text">Page text or HTML</label>
    <textarea id="text" name="text" rows="10" aria-describedby="text-help">${v.text ?? ''}</textarea>
    <p class="help" id="text-help">Navigation, share buttons and other page furniture are removed when the page is cleaned.</p>
    <div class="row">
      <div><label for="title">Title <span class="optional">(optional)</span></label><input id="title" name="title" type="text" value="${v.title ?? ''}" maxlength="1000"></div>
      <div><label for="url">Address <span class="optional">(optional)</span></label><input id="url" name="url" type="url" value="${v.url ?? ''}" maxlength="2048"></div>
      <div><label for="outlet">Outlet <span class="optional">(optional)</span></label><input id="outlet" name="outlet" type="text" value="${v.outlet ?? ''}" maxlength="300"></div>
      <div><label for="published">Published <span class="optional">(optional)</span></label><input id="published" name="published" type="text" value="${v.published ?? ''}" placeholder="2024-10-15" maxlength="100"></div>
    </div>
  </fieldset>
  <fieldset>
    <legend>Upload files</legend>
    <label for="files">Files</label>
    <input id="files" name="files" type="file" multiple accept=".html,.htm,.xhtml,.txt,.jsonl,.ndjson,.json,.gz,text/html,text/plain">
  </fieldset>
  ${opts.mode === 'token' ? html`<fieldset><legend>Permission</legend><label for="token">Write token</label><input id="token" name="token" type="password" autocomplete="current-password" required></fieldset>` : ''}
  <button type="submit" class="primary">Add pages</button>
</form>`,
  });
}

export function jobPage(job: JobView): Html {
  const finished = job.state === 'done' || job.state === 'failed';
  const stateText = finished
    ? `${job.state === 'done' ? 'Finished' : 'Stopped'}: ${job.inserted} new, ${job.duplicates} already stored, ${job.failures.length} failed.`
    : job.state === 'queued'
      ? 'Waiting for earlier batches…'
      : `${job.phase === 'fetching' ? 'Fetching' : 'Processing'}: ${job.done} of ${job.total}.`;
  return layout({
    title: 'Ingest progress',
    section: 'ingest',
    page: 'job',
    body: html`<h1>Ingest progress</h1>
<section class="job" id="job" data-job="${job.id}" data-state="${job.state}">
  <p id="job-status" role="status" aria-live="polite">${stateText}</p>
  <progress id="job-progress" max="${Math.max(1, job.total)}" value="${job.done}" aria-label="Pages processed">${job.done} of ${job.total}</progress>
  <h2>Documents</h2>
  <ul id="job-documents" class="doc-list">${job.documents.map((d) => html`<li><a href="/documents/${encodeURIComponent(d.id)}">${d.title ?? '(untitled)'}</a> <span class="meta">${d.source}${d.duplicate ? ' · already stored' : ''}</span></li>`)}</ul>
  <h2>Failures</h2>
  <ul id="job-failures" class="failures">${job.failures.map((f) => html`<li><span class="src">${f.source}</span>: ${f.reason}</li>`)}</ul>
  <p id="job-next"${finished ? '' : html` hidden`}><a href="/">See the stories</a> · <a href="/ingest">Add more pages</a></p>
  <noscript><p><a href="/jobs/${job.id}">Refresh</a> to update.</p></noscript>
</section>`,
  });
}
