import type { DateCandidateSpan, DateSignalSource, SpanTarget } from '../../core/doc.js';
import type { PageMeta } from '../../clean/html/page-meta.js';
import type { Line } from './lines.js';
import { datetimeString, dayString, findDates, parseDateValue, type FoundDate } from './parse.js';

/**
 * Collect every date signal a page offers, each with where it came from and a prior
 * weight that says how much that kind of signal is usually worth. Nothing is decided
 * here beyond rejections that follow from the signal alone (a comment's date, a
 * copyright line); agreement, contradiction and choice happen in the ranker.
 */
export interface Cand {
  span: DateCandidateSpan;
  found: FoundDate;
  /** Prior weight 0..1 before agreement. */
  weight: number;
  /** Signals of one group do not corroborate each other: meta tags and JSON-LD are filled from the same CMS field. */
  group: 'supplied' | 'metadata' | 'url' | 'markup' | 'page' | 'header' | 'script';
  /** Soft doubts, kept so the ranker can turn them into a rejection when evidence disagrees. */
  doubt?: string;
  /** A labelled byline ("Posted", "Veröffentlicht") as opposed to a bare date. */
  labelled?: boolean;
  /** Index of the line (page/dump signals) for list and clock checks. */
  line?: number;
  /** Bare date line above the byline zone, a candidate for a page clock. */
  beforeAnchor?: boolean;
}

export function makeCand(
  f: FoundDate, o: {
    source: DateSignalSource; value: string; start: number; end: number; in: SpanTarget; role: DateCandidateSpan['role'];
    weight: number; group: Cand['group']; evidence: string; rejected?: string; doubt?: string; labelled?: boolean; line?: number;
  },
): Cand {
  const span: DateCandidateSpan = {
    kind: 'date-candidate', source: o.source, value: o.value, date: dayString(f), role: o.role,
    start: o.start, end: o.end, in: o.in, evidence: [o.evidence],
  };
  const dt = datetimeString(f);
  if (dt) span.datetime = dt;
  if (o.rejected) span.rejected = o.rejected;
  if (f.impossible && !span.rejected) span.rejected = `impossible calendar date (${f.text})`;
  return { span, found: f, weight: o.weight, group: o.group, doubt: o.doubt, labelled: o.labelled, line: o.line };
}

// ---- meta tags ------------------------------------------------------------------------

type Role = DateCandidateSpan['role'];
const META: Record<string, [Role, number]> = {
  'article:published_time': ['published', 0.9], 'og:published_time': ['published', 0.88], 'og:article:published_time': ['published', 0.9],
  'article:published': ['published', 0.88], 'article.published': ['published', 0.88], 'published_time': ['published', 0.85],
  'published-date': ['published', 0.85], 'published_date': ['published', 0.85], 'publishdate': ['published', 0.85], 'publish-date': ['published', 0.85],
  'publish_date': ['published', 0.85], 'pubdate': ['published', 0.85], 'pub_date': ['published', 0.85], 'publication_date': ['published', 0.85],
  'publication-date': ['published', 0.85], 'datepublished': ['published', 0.88], 'date_published': ['published', 0.85],
  'parsely-pub-date': ['published', 0.88], 'sailthru.date': ['published', 0.8], 'cxenseparse:recs:publishtime': ['published', 0.85],
  'dc.date.issued': ['published', 0.85], 'dcterms.issued': ['published', 0.85], 'dc.date.created': ['published', 0.8], 'dcterms.created': ['published', 0.8],
  'dc.date': ['published', 0.75], 'dcterms.date': ['published', 0.75], 'dc.date.published': ['published', 0.85], 'dc:date': ['published', 0.75],
  'citation_publication_date': ['published', 0.85], 'citation_date': ['published', 0.8], 'citation_online_date': ['published', 0.8],
  'originalpublicationdate': ['published', 0.88], 'original-publish-date': ['published', 0.88], 'rnews:datepublished': ['published', 0.85],
  'article:post_date': ['published', 0.85], 'article_date_original': ['published', 0.85], 'article.created': ['published', 0.8],
  'datecreated': ['published', 0.75], 'date_created': ['published', 0.75], 'created': ['published', 0.6], 'creation_date': ['published', 0.7],
  'firstpublishedtime': ['published', 0.85], 'first_publication': ['published', 0.85], 'bt:pubdate': ['published', 0.85], 'ptime': ['published', 0.8],
  'weibo:article:create_at': ['published', 0.8], 'displaydate': ['published', 0.75], 'date': ['unknown', 0.65], 'datetime': ['unknown', 0.6],
  'dc.date.available': ['published', 0.65], 'dcterms.available': ['published', 0.65], 'date.available': ['published', 0.65],
  'article:modified_time': ['updated', 0.85], 'og:updated_time': ['updated', 0.85], 'article:modified': ['updated', 0.8], 'modified_time': ['updated', 0.8],
  'datemodified': ['updated', 0.85], 'date_modified': ['updated', 0.8], 'dc.date.modified': ['updated', 0.8], 'dcterms.modified': ['updated', 0.8],
  'last-modified': ['updated', 0.6], 'lastmod': ['updated', 0.7], 'last-updated': ['updated', 0.7], 'revised': ['updated', 0.6], 'utime': ['updated', 0.7],
  'article.updated': ['updated', 0.8], 'eomportal-lastupdate': ['updated', 0.7], 'lastmodified': ['updated', 0.7], 'modified': ['updated', 0.6],
  'updated': ['updated', 0.6], 'og:article:modified_time': ['updated', 0.85], 'article:updated_time': ['updated', 0.85],
};

export function metaCandidates(meta: PageMeta, dayFirst: boolean): Cand[] {
  const out: Cand[] = [];
  for (const e of meta.meta) {
    let rule = META[e.key];
    let value = e.value;
    if (e.key === 'parsely-page') {
      // parse.ly packs its metadata as JSON in one meta tag.
      try {
        const v = JSON.parse(e.value) as { pub_date?: string };
        if (v.pub_date) { value = v.pub_date; rule = ['published', 0.88]; }
      } catch { /* not JSON */ }
    }
    if (!rule && /^(?:description|og:description|twitter:description|dc.description)$/.test(e.key)) {
      // A summary that states a full date ("Notizia del 14 Gennaio 2020") is weak evidence for that day.
      const f = findDates(e.value, { dayFirst })[0];
      if (f && f.d !== null) {
        out.push(makeCand(f, {
          source: 'meta', value: f.text, start: e.start, end: e.end, in: 'raw', role: 'unknown', weight: 0.3, group: 'metadata',
          evidence: `date written in <meta ${e.key}>`,
        }));
      }
      continue;
    }
    if (!rule) continue;
    const f = parseDateValue(value, { dayFirst });
    if (!f || f.d === null) continue;
    out.push(makeCand(f, {
      source: 'meta', value: e.value, start: e.start, end: e.end, in: 'raw', role: rule[0], weight: rule[1], group: 'metadata',
      evidence: `<meta ${e.key}>`,
    }));
  }
  return out;
}

// ---- JSON-LD ----------------------------------------------------------------------------

const LD_KEYS: Record<string, Role> = { datePublished: 'published', uploadDate: 'published', dateCreated: 'published', dateModified: 'updated' };

export function jsonldCandidates(meta: PageMeta, dayFirst: boolean): Cand[] {
  const out: Cand[] = [];
  for (const block of meta.jsonld) {
    const seen = new Set<unknown>();
    const walk = (v: unknown, depth: number, parentType: string): void => {
      if (v === null || typeof v !== 'object' || depth > 12 || seen.has(v)) return;
      seen.add(v);
      if (Array.isArray(v)) { for (const x of v) walk(x, depth + 1, parentType); return; }
      const o = v as Record<string, unknown>;
      const t = o['@type'];
      const type = Array.isArray(t) ? t.join(',') : typeof t === 'string' ? t : parentType;
      // Dates of comments, reviews and answers are about someone else's text.
      const foreign = /Comment|Review|Answer|Rating|Offer|Person|Event|Organization|ImageObject/i.test(type) && !/Article|Posting|Report/i.test(type);
      const articleish = /Article|Posting|Report|NewsArticle|BlogPosting|VideoObject|Recipe|CreativeWork|LiveBlog/i.test(type);
      for (const [k, role] of Object.entries(LD_KEYS)) {
        const raw = o[k];
        if (typeof raw !== 'string' && typeof raw !== 'number') continue;
        const f = parseDateValue(String(raw), { dayFirst });
        if (!f || f.d === null) continue;
        const weight = (articleish ? 0.9 : /WebPage/i.test(type) ? 0.8 : 0.7) - (k === 'dateCreated' ? 0.1 : 0);
        out.push(makeCand(f, {
          source: 'jsonld', value: String(raw), start: block.start, end: block.end, in: 'raw', role, weight, group: 'metadata',
          evidence: `JSON-LD ${type || 'object'}.${k}`,
          rejected: foreign ? `JSON-LD ${type}.${k} dates another item (comment/review/person), not this page` : undefined,
        }));
      }
      for (const [k, x] of Object.entries(o)) if (k !== '@context' && typeof x === 'object') walk(x, depth + 1, k === '@graph' ? '' : type);
    };
    walk(block.value, 0, '');
  }
  return out;
}

// ---- <time> and date-classed elements ---------------------------------------------------

const UPDATED_HINT = /modif|updat|aktualisiert|geändert|geaendert|revised|edited|mis à jour|actualiz|aggiornat|bijgewerkt|last-?change|zuletzt/i;
const PUBLISHED_HINT = /publish|pubdate|posted|created|erschienen|veröffentl|veroeffentl|publié|publicad|pubblicat|gepubliceerd|entry-date|datepublished|post-date|postdate|date-?created/i;
/**
 * Zones whose dates are not the page's. Judged token by token on the class/id/tag chain,
 * nearest ancestor first, so a content wrapper ("entry", "article") between the date and a
 * far-off "sidebar" wrapper keeps the date, while a comment inside an article loses it.
 * Comments, cookies and copyright notices are hard rejections; sidebars, footers and
 * teaser lists are soft (the class names are too often reused for the article's own
 * header), so the ranker only rejects them when other evidence disagrees.
 */
const BAD_PART: [RegExp, string, boolean][] = [
  [/^(?:comments?|commentlist|disqus\w*|respond|reply|replies|kommentare?|commentaires?|comentarios?)$/, 'date of a comment, not of the article', true],
  [/^(?:cookies?|consent)$/, 'cookie/consent date, not a publication date', true],
  [/^copyright$/, 'copyright notice', true],
  [/^(?:related|teasers?|recommend\w*|popular|trending|mostread|mostpopular|weiterlesen|empfehlungen|similar|recent|latest|further|readmore)$/, 'date in a list of related articles', false],
  [/^(?:sidebar|sidebars|secondary|widgetarea|calendar|blogroll|tagcloud|ticker|weather|clock|newsletter)$/, 'date in a sidebar/widget, not the article byline', false],
];
// Parts that say the element belongs to something else even though a bad word is in it.
const BENIGN = /link|count|num|icon|btn|button|bubble|toggle|form|number/;
// Layout switches on a wrapper ("right-sidebar", "has-sidebar") describe the page, not the zone.
const LAYOUT = /^(?:left|right|has|with|no|without|layout|two|three|col|cols|column|columns|show|hide|is|template|page|full)$/;
const CONTENT_PART = /^(?:article|articles|post|entry|hentry|story|articlebody|blogpost|single|artikel|beitrag|news|detail)$/;

interface Verdict { why: string; hard: boolean }

function tokenVerdict(token: string): Verdict | undefined {
  if (BENIGN.test(token)) return undefined;
  const parts = token.split(/[-_]+/).filter(Boolean);
  if (parts.length > 1 && parts.some((p) => LAYOUT.test(p))) return undefined;
  // Only the first and last part name the thing; middle parts are modifiers ("wpcom-comments-date").
  const ends = parts.length > 1 ? [parts[0], parts[parts.length - 1], parts.slice(0, 2).join(''), parts.slice(-2).join('')] : parts;
  for (const [re, why, hard] of BAD_PART) for (const p of ends) if (re.test(p)) return { why, hard };
  return undefined;
}

function isContent(tokens: string[]): boolean {
  if (tokens[0] === 'article' || tokens[0] === 'main') return true;
  return tokens.some((t) => t === 'articlebody' || t.split(/[-_]+/).some((p) => CONTENT_PART.test(p)) && !tokenVerdict(t));
}

/** Why a date in this ancestor chain (segments nearest first, " | "-separated) is not the article's, if any. */
export function zoneVerdict(chain: string): Verdict | undefined {
  let soft: Verdict | undefined;
  for (const seg of chain.toLowerCase().split(' | ')) {
    const tokens = seg.split(/\s+/).filter(Boolean);
    for (const t of tokens) {
      const v = tokenVerdict(t);
      if (v?.hard) return v;
      if (v && !soft) soft = v;
    }
    if (!soft && tokens[0] === 'aside') soft = { why: 'date in a sidebar/widget, not the article byline', hard: false };
    if (!soft && (tokens[0] === 'footer' || tokens.some((t) => /^(?:site|page|global)?-?footer$/.test(t)))) soft = { why: 'date in the site footer', hard: false };
    // An article wrapper above a soft zone makes it the article's own aside/footer/teaser header.
    if (isContent(tokens)) return soft && !/^(?:article|main)$/.test(tokens[0]) && !soft.why.includes('footer') ? soft : undefined;
  }
  return soft;
}

export function zoneReason(chain: string): string | undefined {
  return zoneVerdict(chain)?.why;
}

export function roleFromHint(hint: string): Role {
  if (UPDATED_HINT.test(hint)) return 'updated';
  if (PUBLISHED_HINT.test(hint)) return 'published';
  return 'unknown';
}

export function markupCandidates(meta: PageMeta, dayFirst: boolean): Cand[] {
  const out: Cand[] = [];
  let rank = 0;
  for (const t of meta.times) {
    let f: FoundDate | null = null;
    const fromText = findDates(t.text, { dayFirst })[0] ?? null;
    if (t.datetime) f = parseDateValue(t.datetime, { dayFirst });
    if (f && f.d !== null && f.hh === undefined && fromText && fromText.hh !== undefined && dayString(fromText) === dayString(f)) {
      f = { ...f, hh: fromText.hh, mi: fromText.mi, ss: fromText.ss, tz: fromText.tz ?? f.tz };
    }
    if (!f || f.d === null) f = fromText;
    if (!f || f.d === null) continue;
    const ctx = t.context.toLowerCase();
    const self = ctx.split(' | ')[0];
    const zone = zoneVerdict(ctx);
    const rejected = zone?.hard ? zone.why : undefined;
    const hint = `${self} ${t.text.slice(0, 40)}`;
    const role = roleFromHint(hint);
    let weight = 0.55;
    if (/itemprop\S*\s*datepublished|\bdatepublished\b/.test(self)) weight = 0.85;
    else if (t.datetime && self.startsWith('time')) weight = 0.7;
    if (role === 'published') weight += 0.1;
    if (/\bpubdate\b/.test(self)) weight += 0.1;
    // The first dated element is usually the byline; later ones are lists and comments.
    if (!rejected) {
      weight *= rank === 0 ? 1 : rank === 1 ? 0.85 : rank < 4 ? 0.7 : 0.5;
      rank++;
    }
    out.push(makeCand(f, {
      source: 'byline', value: t.datetime ?? f.text, start: t.start, end: t.end, in: 'raw', role, weight: Math.min(weight, 0.9), group: 'markup',
      evidence: `<${self.split(' ')[0]}> element (${self.slice(0, 80)})`, rejected, doubt: zone && !zone.hard ? zone.why : undefined,
    }));
  }
  return out;
}

// ---- URL --------------------------------------------------------------------------------

export interface UrlDate { full: Cand | null; month: { y: number; m: number; text: string } | null }

export function urlCandidates(url: string | null, rawText: string): UrlDate {
  if (!url) return { full: null, month: null };
  let path = url;
  try {
    const u = new URL(url);
    // An archive.org URL carries the crawl time as its first path segment: not the page's date.
    path = u.hostname.endsWith('archive.org') ? u.pathname.replace(/^\/web\/\d{8,14}[a-z_]*\//, '/') : u.pathname + u.search;
  } catch { /* keep as is */ }
  const full = /(?<![\d])((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?![\d])/.exec(path)
    ?? /(?<![\d])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])/.exec(path);
  if (full) {
    const f: FoundDate = { y: Number(full[1]), m: Number(full[2]), d: Number(full[3]), start: 0, end: 0, text: full[0] };
    // The URL is usually not in the raw page; when it is (canonical link), point there, else an empty span.
    const inRaw = rawText.indexOf(url);
    const start = inRaw >= 0 ? inRaw : 0;
    const cand = makeCand(f, {
      source: 'url', value: full[0], start, end: inRaw >= 0 ? inRaw + url.length : 0, in: 'raw', role: 'published', weight: 0.9, group: 'url',
      evidence: `date in the URL path (${full[0]} at ${url.indexOf(full[0])} in ${url})`,
    });
    return { full: cand, month: null };
  }
  const dmy = /(?<![\d])(0?[1-9]|[12]\d|3[01])[-_.](0?[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?![\d])/.exec(path);
  if (dmy) {
    const f: FoundDate = { y: Number(dmy[3]), m: Number(dmy[2]), d: Number(dmy[1]), start: 0, end: 0, text: dmy[0] };
    const inRaw = rawText.indexOf(url);
    return {
      full: makeCand(f, {
        source: 'url', value: dmy[0], start: inRaw >= 0 ? inRaw : 0, end: inRaw >= 0 ? inRaw + url.length : 0, in: 'raw', role: 'published', weight: 0.6, group: 'url',
        evidence: `day-month-year date in the URL (${dmy[0]} in ${url})`,
      }),
      month: null,
    };
  }
  const mon = /\/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])(?:\/|$)/.exec(path);
  if (mon) return { full: null, month: { y: Number(mon[1]), m: Number(mon[2]), text: mon[0] } };
  return { full: null, month: null };
}

// ---- embedded JSON state (Next.js/Shopify/SPA data blobs) -------------------------------

const STATE_KEY = /"(datePublished|publishedAt|published_at|publishDate|publish_date|publicationDate|pubDate|firstPublishedAt|first_published_at|createdAt|created_at)"\s*:\s*"([^"]{8,40})"/g;

/**
 * Single-page apps carry the article record as JSON in a script. Only keys that name the
 * publication are read, and only the first one (the page's own record comes before lists
 * of other items); other dates inside scripts are never candidates.
 */
export function scriptStateCandidates(rawText: string, meta: PageMeta, dayFirst: boolean): Cand[] {
  for (const m of rawText.matchAll(STATE_KEY)) {
    const at = m.index!;
    if (meta.jsonld.some((b) => at >= b.start && at < b.end)) continue;
    const f = parseDateValue(m[2], { dayFirst });
    if (!f || f.d === null) continue;
    const created = /created/i.test(m[1]);
    return [makeCand(f, {
      source: 'meta', value: m[2], start: at, end: at + m[0].length, in: 'raw', role: 'published', weight: created ? 0.25 : 0.35, group: 'script',
      evidence: `"${m[1]}" in the page's embedded JSON state`,
    })];
  }
  return [];
}
