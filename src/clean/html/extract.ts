/**
 * Main-content extraction from an HTML page.
 *
 * The page is parsed once (htmlparser2, with source offsets). A bottom-up pass measures
 * every element: how much of its text is prose (long, punctuated, few links) and how much
 * is furniture (link text, short fragments, regions whose class/id name them as navigation,
 * sharing, comments...). The article container is the element with the best balance of the
 * two, good prose minus furniture, which picks the smallest region that still holds the
 * story even when the story is split across sibling wrappers. Neighbours of the container
 * that lead into the story (a lead in the article head, an intro, an ingredient list) hold
 * too little prose to win on their own, so up to three levels of them are gathered back
 * when they are link-poor and not named as furniture. Inside it, text is emitted
 * block by block, dropping furniture regions, link lists and furniture lines again at a
 * finer grain. schema.org JSON-LD articleBody, when present, weights blocks it confirms.
 */
import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import type { BlockSpan } from '../../core/doc.js';
import { collapse } from '../../core/text.js';
import type { ArticleHints } from './article-hints.js';
import { parseHtml } from './parse.js';
import { readPageMeta, type PageMeta } from './page-meta.js';
import { stripSiteName } from './site-name.js';
import { BLOCK_TAGS, BOILER_LINE, COPYRIGHT_LINE, DROP_TAGS, HEADING_TAGS, isHidden, judgeNames } from './vocab.js';

export interface ExtractedArticle {
  /** Cleaned article text: blocks separated by "\n\n", consecutive list items by "\n". */
  text: string;
  /** One span per block, offsets into `text`. */
  blocks: BlockSpan[];
  /** Per block (same index as `blocks`), offsets into the raw HTML string, for provenance. */
  rawRanges: { start: number; end: number }[];
  /** The headline as the page shows it. */
  title: string | null;
  /** Human-readable reasons for the main decisions. */
  evidence: string[];
}

export interface ExtractOptions {
  url?: string;
  /** Add the ten best container candidates, with their figures, to `evidence`. */
  trace?: boolean;
  /** The page already parsed with parseHtml (read-only here), so a pipeline parses it once. */
  dom?: Document;
  /** readPageMeta of that same `dom`, so a pipeline that needs it for facts reads it once. */
  meta?: PageMeta;
}

/** Per-element measurements; sizes are in characters of whitespace-collapsed text. */
interface Stat {
  /** All visible text. */
  len: number;
  /** Text inside links. */
  link: number;
  /** Prose text (raw pass, ignoring region names). */
  good: number;
  /** Furniture text (raw pass). */
  bad: number;
  /** Contributions of the element's own inline runs, so the second pass can re-add children. */
  ownGood: number;
  ownBad: number;
  /** Punctuation marks in the subtree: a cheap sign of sentences. */
  punct: number;
  hasBlock: boolean;
  blockKids: Element[];
  boilerName: string | null;
  contentName: boolean;
  /** Second pass: region names applied. */
  good2: number;
  bad2: number;
  boiler: string | null;
  teasers?: boolean;
  /** Beyond MAX_DEPTH: measured flat, emitted as one block. */
  deep?: boolean;
  /** Inside a furniture region: never a container candidate. */
  inBoiler: boolean;
}

/** Prose weight when JSON-LD articleBody confirms or contradicts a run of text. */
const LD_CONFIRMED = 1.5;
const LD_UNCONFIRMED = 0.6;
/** Furniture weight against prose when choosing the container. */
const BAD_WEIGHT = 1;
/** Link lists are dropped wherever they sit, so they cost a container only half. */
const LINK_LIST_WEIGHT = 0.5;
/** A teaser item carries at least this share of link text. */
const TEASER_LINK = 0.1;
/**
 * Short text without links (labels, dates, headings, ingredient lines) is neutral: weighing
 * it against a region cost recipe and data pages their lists and gained nothing measurable.
 */
const SHORT_WEIGHT = 0;
/** A named furniture region that holds this share of the page's prose is the story after all. */
const NAME_GUARD = 0.5;

/** Nesting beyond this is runaway markup (unclosed tags); deeper subtrees are read flat. */
const MAX_DEPTH = 400;

const PUNCT = /[.!?;:,。！？；，、]/g;

function collapsedLength(s: string): number {
  // Cheaper than building the collapsed string: count characters, whitespace runs as one.
  let n = 0;
  let ws = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isWs = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
    if (isWs) {
      if (!ws) n++;
      ws = true;
    } else {
      n++;
      ws = false;
    }
  }
  return n;
}

interface Unit {
  len: number;
  link: number;
  punct: number;
  text: string;
}

class Measurer {
  readonly stats = new Map<Element, Stat>();
  /** Prose characters that JSON-LD articleBody confirmed, page-wide. */
  ldConfirmed = 0;
  constructor(
    private readonly ldBody: string | null,
    /** A truncated articleBody can confirm text but not cast doubt on the rest. */
    private readonly ldTruncated: boolean,
  ) {}

  private scoreUnit(u: Unit, s: Stat): void {
    if (u.len === 0) return;
    const words = u.len - u.link;
    const prose = u.link < 0.5 * u.len && (words >= 80 || (words >= 25 && u.punct > 0));
    if (prose) {
      let w = 1;
      if (this.ldBody) {
        const probe = collapse(u.text).slice(0, 60);
        w = probe.length >= 20 && this.ldBody.includes(probe) ? LD_CONFIRMED : this.ldTruncated ? 1 : LD_UNCONFIRMED;
      }
      s.ownGood += words * w;
      s.ownBad += u.link;
      if (w === LD_CONFIRMED) this.ldConfirmed += words;
    } else {
      s.ownBad += u.link + SHORT_WEIGHT * words;
    }
  }

  measure(el: Element, depth = 0): Stat {
    if (depth > MAX_DEPTH) return this.measureFlat(el);
    const names = judgeNames(el.attribs);
    const s = newStat(names.boiler, names.content);
    this.stats.set(el, s);
    const wantText = this.ldBody !== null;
    let u: Unit = { len: 0, link: 0, punct: 0, text: '' };
    for (const c of el.children) {
      if (isText(c)) {
        const n = collapsedLength(c.data);
        if (n === 0) continue;
        u.len += n;
        s.len += n;
        const p = c.data.match(PUNCT);
        if (p) {
          u.punct += p.length;
          s.punct += p.length;
        }
        if (wantText) u.text += c.data;
        continue;
      }
      if (!isTag(c)) continue;
      if (DROP_TAGS.has(c.name) || isHidden(c.attribs)) continue;
      const cs = this.measure(c, depth + 1);
      if (BLOCK_TAGS.has(c.name) || cs.hasBlock) {
        this.scoreUnit(u, s);
        u = { len: 0, link: 0, punct: 0, text: '' };
        s.hasBlock = true;
        s.blockKids.push(c);
        s.len += cs.len;
        s.link += cs.link;
        s.good += cs.good;
        s.bad += cs.bad;
      } else {
        const l = c.name === 'a' ? cs.len : cs.link;
        u.len += cs.len;
        u.link += l;
        s.len += cs.len;
        s.link += l;
        if (c.name === 'br') u.text += ' ';
        else if (wantText) u.text += inlineText(c);
        u.punct += cs.punct;
      }
      s.punct += cs.punct;
    }
    this.scoreUnit(u, s);
    if (el.name === 'a') {
      // A link wrapping whole blocks is a teaser card: all of it counts as link text.
      s.link = s.len;
      s.bad = s.bad + s.good + s.ownBad + s.ownGood;
      s.good = 0;
      s.ownGood = 0;
      s.ownBad = s.bad;
      s.blockKids = [];
      return s;
    }
    s.good += s.ownGood;
    s.bad += s.ownBad;
    return s;
  }

  /**
   * Below MAX_DEPTH (runaway unclosed tags), a subtree is read iteratively as one run of
   * text, so no page can exhaust the call stack.
   */
  private measureFlat(el: Element): Stat {
    const flat = flatText(el);
    const s = newStat(null, false);
    s.deep = true;
    s.hasBlock = true;
    s.len = collapsedLength(flat.text);
    s.link = flat.link;
    s.punct = (flat.text.match(PUNCT) ?? []).length;
    this.scoreUnit({ len: s.len, link: s.link, punct: s.punct, text: flat.text }, s);
    s.good = s.ownGood;
    s.bad = s.ownBad;
    this.stats.set(el, s);
    return s;
  }
}

/** Text of a subtree without recursion; link characters counted along the way. */
function flatText(el: Element): { text: string; link: number } {
  let text = '';
  let link = 0;
  const stack: { n: AnyNode; inLink: boolean }[] = [{ n: el, inLink: false }];
  while (stack.length) {
    const { n, inLink } = stack.pop()!;
    if (isText(n)) {
      text += n.data;
      if (inLink) link += collapsedLength(n.data);
    } else if (isTag(n)) {
      if (n !== el && (DROP_TAGS.has(n.name) || isHidden(n.attribs))) continue;
      if (n.name === 'br' || BLOCK_TAGS.has(n.name)) text += '\n';
      const l = inLink || n.name === 'a';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i], inLink: l });
    }
  }
  return { text, link };
}

function newStat(boilerName: string | null, contentName: boolean): Stat {
  return {
    len: 0,
    link: 0,
    good: 0,
    bad: 0,
    ownGood: 0,
    ownBad: 0,
    punct: 0,
    hasBlock: false,
    blockKids: [],
    boilerName,
    contentName,
    good2: 0,
    bad2: 0,
    boiler: null,
    inBoiler: false,
  };
}

function inlineText(el: Element): string {
  let s = '';
  for (const c of el.children) {
    if (isText(c)) s += c.data;
    else if (isTag(c) && !DROP_TAGS.has(c.name)) s += c.name === 'br' ? ' ' : inlineText(c);
  }
  return s;
}

/** Second pass: apply region names, with a guard so a mis-named wrapper of the story survives. */
function applyNames(
  el: Element,
  stats: Map<Element, Stat>,
  pageGood: number,
  dropped: Map<string, number>,
  inBoiler: boolean,
): void {
  const s = stats.get(el)!;
  let good = s.ownGood;
  let bad = s.ownBad;
  let boiler: string | null = null;
  // A header that carries prose with few links is an article head with its lead (standfirst),
  // not the site banner; its title, byline and date lines are dropped further down.
  const leadHead = s.good > 0 && s.link < 0.3 * s.len;
  if (el.name === 'footer' || (el.name === 'header' && !leadHead)) boiler = `<${el.name}>`;
  else if (s.boilerName && el.name !== 'body' && el.name !== 'html' && !s.contentName && !(s.boilerName === 'header' && leadHead)) boiler = s.boilerName;
  if (boiler && s.good >= NAME_GUARD * pageGood && pageGood > 0) boiler = null;
  const teasers = !boiler && el.name !== 'body' && el.name !== 'html' && s.good < 0.5 * pageGood && isTeaserList(s, stats);
  s.inBoiler = inBoiler || boiler !== null || teasers;
  for (const k of s.blockKids) {
    applyNames(k, stats, pageGood, dropped, s.inBoiler);
    const ks = stats.get(k)!;
    good += ks.good2;
    bad += ks.bad2;
  }
  s.boiler = boiler;
  if (boiler) {
    dropped.set(boiler, (dropped.get(boiler) ?? 0) + 1);
    s.good2 = 0;
    s.bad2 = s.len;
  } else if (teasers) {
    dropped.set('teaser list', (dropped.get('teaser list') ?? 0) + 1);
    s.teasers = true;
    s.good2 = 0;
    s.bad2 = LINK_LIST_WEIGHT * s.len;
  } else if (s.hasBlock && s.link > 0.5 * s.len && el.name !== 'body' && el.name !== 'html') {
    // A link list: the emitter drops it wherever it sits, so it costs a container less
    // than furniture that would survive into the text.
    s.good2 = 0;
    s.bad2 = LINK_LIST_WEIGHT * s.len;
  } else {
    s.good2 = good;
    s.bad2 = bad;
  }
}

/**
 * Repeated teasers: three or more sibling blocks of the same shape (tag and first class),
 * each short and each carrying a link, making up most of the parent. Story listings and
 * "more stories" boxes look like this; the paragraphs of one story do not (they are <p>s,
 * rarely all linked).
 */
function isTeaserList(s: Stat, stats: Map<Element, Stat>): boolean {
  const kids = s.blockKids;
  if (kids.length < 3) return false;
  const groups = new Map<string, { n: number; linked: number; len: number }>();
  for (const k of kids) {
    if (k.name === 'p' || HEADING_TAGS.has(k.name)) continue;
    const ks = stats.get(k)!;
    if (ks.len === 0) continue;
    const sig = `${k.name}.${(k.attribs.class ?? '').trim().split(/\s+/)[0]}`;
    let g = groups.get(sig);
    if (!g) groups.set(sig, (g = { n: 0, linked: 0, len: 0 }));
    g.n++;
    g.len += ks.len;
    if (ks.link >= TEASER_LINK * ks.len && ks.link > 0 && ks.len < 600) g.linked++;
  }
  for (const g of groups.values()) {
    if (g.n >= 3 && g.linked >= 0.8 * g.n && g.len >= 0.6 * s.len) return true;
  }
  return false;
}

function ranked0(stats: Map<Element, Stat>, bw: number): Element | null {
  let best: Element | null = null;
  let bestRaw = -Infinity;
  for (const [el, s] of stats) {
    const sc = s.good - bw * s.bad;
    if (sc > bestRaw) {
      bestRaw = sc;
      best = el;
    }
  }
  return best;
}

function describe(el: Element): string {
  const id = el.attribs.id ? `#${el.attribs.id}` : '';
  const cls = el.attribs.class ? `.${el.attribs.class.trim().split(/\s+/).slice(0, 3).join('.')}` : '';
  return `<${el.name}${id}${cls}>`;
}

type BlockKind = BlockSpan['block'];

interface Pending {
  text: string;
  kind: BlockKind;
  tag: string;
  start: number;
  end: number;
  /** The list a list item belongs to, so consecutive items join with one newline. */
  list: Element | null;
  linkDensity: number;
}

/** Walks the chosen container and produces blocks of text. */
class Emitter {
  readonly out: Pending[] = [];
  private buf = '';
  private linkChars = 0;
  private start = -1;
  private end = -1;
  readonly skipped = new Map<string, number>();

  constructor(
    private readonly stats: Map<Element, Stat>,
    private readonly root: Element,
  ) {}

  private note(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  private flush(kind: BlockKind, tag: string, list: Element | null, pre = false): void {
    const raw = this.buf;
    this.buf = '';
    const linkChars = this.linkChars;
    this.linkChars = 0;
    const start = this.start;
    const end = this.end;
    this.start = -1;
    this.end = -1;
    let text: string;
    if (pre) text = raw.replace(/^\s*\n|\s+$/g, '');
    else {
      text = raw
        .replace(/[^\S\n]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    }
    if (!text) return;
    this.out.push({ text, kind, tag, start, end, list, linkDensity: Math.min(1, linkChars / text.length) });
  }

  private touch(node: AnyNode): void {
    const s = node.startIndex ?? -1;
    const e = node.endIndex ?? -1;
    if (s >= 0 && (this.start < 0 || s < this.start)) this.start = s;
    if (e >= 0 && e + 1 > this.end) this.end = e + 1;
  }

  private skip(el: Element): boolean {
    if (DROP_TAGS.has(el.name) || isHidden(el.attribs)) return true;
    if (el === this.root) return false;
    const s = this.stats.get(el);
    if (!s) return true;
    if (s.boiler) {
      this.note(s.boiler);
      return true;
    }
    if (el.name === 'h1') return true;
    if (s.teasers) {
      this.note('teaser list');
      return true;
    }
    if (s.hasBlock && s.len > 0 && s.link > 0.5 * s.len) {
      this.note('link list');
      return true;
    }
    if (el.name === 'figure' && s.good2 === 0) {
      this.note('figure');
      return true;
    }
    return false;
  }

  /** Inline content of `el` into the current buffer; block descendants are emitted in turn. */
  private inline(el: Element, kind: BlockKind, tag: string, list: Element | null, inLink: boolean, pre: boolean): void {
    for (const c of el.children) {
      if (isText(c)) {
        this.buf += c.data;
        if (inLink) this.linkChars += collapsedLength(c.data);
        this.touch(c);
        continue;
      }
      if (!isTag(c)) continue;
      if (c.name === 'br') {
        this.buf += '\n';
        continue;
      }
      if (this.skip(c)) continue;
      const cs = this.stats.get(c)!;
      if (cs.deep) {
        this.flush(kind, tag, list, pre);
        this.buf = flatText(c).text;
        this.touch(c);
        this.flush(kind, c.name, list);
        continue;
      }
      if (BLOCK_TAGS.has(c.name) || cs.hasBlock) {
        this.flush(kind, tag, list, pre);
        this.block(c, kind, list);
        continue;
      }
      this.inline(c, kind, tag, list, inLink || c.name === 'a', pre || c.name === 'pre');
    }
  }

  block(el: Element, parentKind: BlockKind, parentList: Element | null): void {
    let kind = parentKind;
    let list = parentList;
    const name = el.name;
    if (HEADING_TAGS.has(name)) kind = 'heading';
    else if (name === 'li' || name === 'dd' || name === 'dt') {
      kind = 'list-item';
      list = el.parent && isTag(el.parent) ? el.parent : null;
    } else if (name === 'blockquote') kind = 'quote';
    else if (name === 'pre') kind = 'preformatted';
    else if (name === 'ul' || name === 'ol' || name === 'dl') list = el;
    else if (name === 'p' && kind !== 'quote' && kind !== 'list-item') kind = 'paragraph';
    if (name === 'tr' && this.isDataRow(el)) {
      this.row(el);
      return;
    }
    this.flush(kind, name, list);
    const before = this.out.length;
    this.inline(el, kind, name, list, name === 'a', name === 'pre');
    this.flush(kind, name, list, name === 'pre');
    // A block that is the whole element points at the whole element, tags included.
    if (this.out.length === before + 1 && !this.stats.get(el)?.hasBlock && el.startIndex !== null && el.endIndex !== null) {
      const b = this.out[before];
      b.start = el.startIndex;
      b.end = el.endIndex + 1;
    }
  }

  private isDataRow(tr: Element): boolean {
    for (const c of tr.children) {
      if (isTag(c) && (c.name === 'td' || c.name === 'th')) {
        const s = this.stats.get(c);
        if (s && s.hasBlock) return false;
      }
    }
    return true;
  }

  private row(tr: Element): void {
    const cells: string[] = [];
    let links = 0;
    this.start = -1;
    this.end = -1;
    for (const c of tr.children) {
      if (!isTag(c) || (c.name !== 'td' && c.name !== 'th') || this.skip(c)) continue;
      this.buf = '';
      this.linkChars = 0;
      this.inline(c, 'table-row', 'tr', null, false, false);
      links += this.linkChars;
      const t = this.buf.replace(/\s+/g, ' ').trim();
      if (t) cells.push(t);
    }
    this.buf = cells.join('\t');
    this.linkChars = links;
    // Cells are joined by tabs: whitespace, so snippet tests across cells still match.
    const raw = this.buf;
    this.buf = '';
    if (raw) {
      this.out.push({
        text: raw,
        kind: 'table-row',
        tag: 'tr',
        start: tr.startIndex ?? this.start,
        end: (tr.endIndex ?? this.end - 1) + 1,
        list: null,
        linkDensity: Math.min(1, links / raw.length),
      });
    }
    this.linkChars = 0;
    this.start = -1;
    this.end = -1;
  }
}

const BYLINE = /^(by|von|par|por|di|door|av|af|przez|autor(in)?:?)\s+\S/i;
/** A date, optionally a time and one short word after it (a zone, "Uhr"); more words make a sentence. */
const DATE_ONLY =
  /^[\p{L}\s,.]*\d{1,4}[./\-\s]+(\d{1,2}|\p{L}{3,})[./\-\s,]+\d{2,4}([\s,|–—-]+\d{1,2}[:.]\d{2}(\s*(am|pm|uhr|h))?)?(\s*\p{L}{1,5}\.?)?\s*$/iu;

/** "Published: 10:48, Tue, Nov 19 | Updated: ..." stamps, too long and too wordy for DATE_ONLY. */
const STAMP_LINE = /^(published|updated|posted|last (updated|modified)|veröffentlicht|aktualisiert|erstellt|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)( on| am| le| el| il)?\s*:?\s*[^!?]*\d[^!?]*$/i;

/** Final per-block filter: furniture lines that survive region filtering. */
function keepBlock(b: Pending, evidenceDrops: Map<string, number>): boolean {
  const t = b.text;
  const n = t.length;
  const drop = (why: string) => {
    evidenceDrops.set(why, (evidenceDrops.get(why) ?? 0) + 1);
    return false;
  };
  if (n < 200 && b.linkDensity > 0.6 && b.kind !== 'heading') return drop('link-only line');
  if (n < 120 && BOILER_LINE.test(t)) return drop('furniture line');
  if (n < 200 && COPYRIGHT_LINE.test(t)) return drop('copyright line');
  if (n < 100 && BYLINE.test(t) && !/[.!?]$/.test(t)) return drop('byline');
  if (n < 60 && DATE_ONLY.test(t)) return drop('date line');
  if (n < 120 && STAMP_LINE.test(t)) return drop('date line');
  return true;
}

/** Levels above the container searched for neighbours; beyond three, the gain was page chrome. */
const EXTEND_LEVELS = 3;
/** A neighbour with more link text than this is navigation, not story. */
const SIBLING_LINK = 0.3;
/** Lists and tables carry no prose to vouch for them, so they must be nearly link-free. */
const LIST_LINK = 0.1;
const LIST_TAGS = new Set(['ul', 'ol', 'dl', 'table']);

/**
 * Blocks beside the container that belong to the same story: a lead in its own wrapper,
 * an ingredient list or a facts table next to the body. The container was chosen for the
 * best balance of prose and furniture, which leaves out neighbours that hold little prose
 * but no furniture either; these are gathered back when they carry prose or are link-free
 * lists/tables (after the container, only bare paragraphs), and a heading only when it
 * introduces one of them or the container.
 */
function contentSiblings(best: Element, stats: Map<Element, Stat>): Element[] {
  const parent = best.parent as Element;
  const kids = parent.children.filter((c): c is Element => isTag(c));
  const at = kids.indexOf(best);
  const verdict: (boolean | 'heading')[] = kids.map((k, i) => {
    if (k === best) return true;
    if (DROP_TAGS.has(k.name) || isHidden(k.attribs) || k.name === 'h1') return false;
    const s = stats.get(k);
    if (!s || s.len === 0 || s.boiler || s.teasers) return false;
    if (HEADING_TAGS.has(k.name)) return s.link === 0 ? 'heading' : false;
    if (s.link > SIBLING_LINK * s.len) return false;
    // What comes after the story is mostly furniture that happens to be worded as prose
    // (newsletter pitches, author notes, "more on this"); only a bare paragraph there
    // continues the text. Before it, a lead, a facts box or an ingredient list leads in.
    if (i > at) return s.good2 > 0 && k.name === 'p';
    if (s.good2 > 0) return true;
    return (LIST_TAGS.has(k.name) || hasList(k)) && s.link < LIST_LINK * s.len;
  });
  const out: Element[] = [];
  for (let i = 0; i < kids.length; i++) {
    const v = verdict[i];
    if (kids[i] === best) continue;
    if (v === true) out.push(kids[i]);
    else if (v === 'heading') {
      let j = i + 1;
      while (j < kids.length && verdict[j] === 'heading') j++;
      if (j < kids.length && verdict[j] === true) out.push(kids[i]);
    }
  }
  return out;
}

function hasList(el: Element): boolean {
  for (const c of el.children) if (isTag(c) && (LIST_TAGS.has(c.name) || hasList(c))) return true;
  return false;
}

function chooseTitle(doc: AnyNode[], container: Element | null, hints: ArticleHints): string | null {
  const h1s: string[] = [];
  const stack: AnyNode[] = [...doc].reverse();
  let inContainer: string | null = null;
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n) || DROP_TAGS.has(n.name)) continue;
    if (n.name === 'h1') {
      const t = collapse(inlineText(n));
      if (t) {
        h1s.push(t);
        if (inContainer === null && container && contains(container, n)) inContainer = t;
      }
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  const ref = hints.ogTitle ?? hints.ldHeadline ?? hints.title;
  if (ref) {
    const r = ref.toLowerCase();
    const match = h1s.find((h) => h.length >= 8 && r.includes(h.toLowerCase()));
    if (match) return match;
  }
  if (inContainer) return inContainer;
  if (hints.ogTitle) return hints.ogTitle;
  if (hints.ldHeadline) return collapse(hints.ldHeadline);
  if (hints.title) return stripSiteName(hints.title);
  return h1s[0] ?? null;
}

function contains(anc: Element, n: AnyNode): boolean {
  for (let p: AnyNode | null = n; p; p = p.parent) if (p === anc) return true;
  return false;
}

export function extractArticle(html: string, opts: ExtractOptions = {}): ExtractedArticle {
  const evidence: string[] = [];
  const dom = opts.dom ?? parseHtml(html);
  const hints = (opts.meta ?? readPageMeta(dom, html)).article;
  if (hints.ldBody) evidence.push(`JSON-LD articleBody present (${hints.ldBody.length} chars): used to weight candidate text`);

  // A synthetic root lets stray top-level text (no <html>/<body>) be measured like any page.
  const root = (dom.children.find((c) => isTag(c) && c.name === 'html') as Element | undefined) ?? null;
  const measurer = new Measurer(hints.ldBody, hints.ldTruncated);
  const top = root ?? wrapRoot(dom.children);
  measurer.measure(top);
  const stats = measurer.stats;
  const rootStat = stats.get(top)!;
  const droppedRegions = new Map<string, number>();
  if (hints.ldBody) evidence.push(`JSON-LD articleBody confirmed ${measurer.ldConfirmed} chars of page prose${hints.ldTruncated ? ' (articleBody is truncated: confirms only)' : ''}`);
  applyNames(top, stats, rootStat.good, droppedRegions, false);

  let best: Element = top;
  let bestScore = -Infinity;
  let second: { el: Element; score: number } | null = null;
  for (const [el, s] of stats) {
    if (s.inBoiler || s.good2 <= 0) continue;
    let score = s.good2 - BAD_WEIGHT * s.bad2;
    // Markup that declares the story gets a small edge over an equally good wrapper.
    if (s.contentName || el.name === 'article' || el.name === 'main') score += 0.05 * s.good2;
    if (score > bestScore) {
      if (bestScore > -Infinity && !contains(el, best)) second = { el: best, score: bestScore };
      bestScore = score;
      best = el;
    } else if (!second || score > second.score) {
      if (!contains(el, best) && !contains(best, el)) second = { el, score };
    }
  }
  if (opts.trace) {
    const ranked = [...stats].filter(([, s]) => !s.inBoiler && s.good2 > 0).map(([el, s]) => ({ el, s, score: s.good2 - BAD_WEIGHT * s.bad2 }));
    ranked.sort((a, b) => b.score - a.score);
    for (const r of ranked.slice(0, 10)) evidence.push(`  candidate ${describe(r.el)} good ${Math.round(r.s.good2)} bad ${Math.round(r.s.bad2)} raw ${Math.round(r.s.good)}/${Math.round(r.s.bad)} len ${r.s.len} link ${r.s.link}`);
  }
  if (opts.trace) {
    const anc = ranked0(stats, BAD_WEIGHT);
    for (const [el, s] of stats) {
      if ((s.boiler || s.teasers) && s.good > 100 && anc && contains(anc, el)) evidence.push(`  flagged ${describe(el)} as ${s.boiler ?? 'teasers'} losing prose ${Math.round(s.good)}`);
    }
  }
  const bs = stats.get(best)!;
  evidence.push(
    `container ${describe(best)} chosen: prose ${Math.round(bs.good2)} vs furniture ${Math.round(bs.bad2)} (score ${Math.round(bestScore)})`,
  );
  if (second) evidence.push(`runner-up ${describe(second.el)} scored ${Math.round(second.score)}`);
  if (droppedRegions.size) {
    evidence.push(`furniture regions by name: ${[...droppedRegions].map(([k, v]) => `${k}×${v}`).join(', ')}`);
  }

  const em = new Emitter(stats, best);
  // Each level up adds the neighbours of the region kept so far: a lead can sit in the
  // article head two or three wrappers away from the body the scores picked.
  const chain: { el: Element; extra: Set<Element> }[] = [];
  let at = best;
  let added = 0;
  while (chain.length < EXTEND_LEVELS && at.parent && isTag(at.parent) && at.parent.name !== 'body' && at.parent.name !== 'html') {
    const extra = contentSiblings(at, stats);
    added += extra.length;
    chain.push({ el: at.parent, extra: new Set(extra) });
    at = at.parent;
  }
  if (added) evidence.push(`container extended to ${added} content-like neighbour block(s)`);
  const emitLevel = (level: number): void => {
    if (level < 0) {
      em.block(best, 'paragraph', null);
      return;
    }
    const { el, extra } = chain[level];
    const inner = level === 0 ? best : chain[level - 1].el;
    for (const c of el.children) {
      if (c === inner) emitLevel(level - 1);
      else if (isTag(c) && extra.has(c)) em.block(c, 'paragraph', null);
    }
  };
  emitLevel(chain.length - 1);
  const lineDrops = new Map<string, number>();
  const lines = em.out.filter((b) => keepBlock(b, lineDrops));
  // A short "Label:" line stands for the content it introduces; when what follows is
  // another fragment (a count, a name, a date), it was a form or metadata label.
  const isLabel = (b: Pending) => b.text.length < 40 && /[:：]$/.test(b.text);
  const kept = lines.filter((b, i) => {
    if (!isLabel(b)) return true;
    const next = lines[i + 1];
    if (next && (next.kind === 'list-item' || next.kind === 'table-row' || next.kind === 'preformatted' || next.text.length >= 40)) return true;
    lineDrops.set('label line', (lineDrops.get('label line') ?? 0) + 1);
    return false;
  });
  // A heading or a "More on this:" line with nothing after it introduced something the
  // filters removed (a link list, a teaser box): on its own it is furniture.
  while (kept.length > 1) {
    const last = kept[kept.length - 1];
    const orphan = last.kind === 'heading' || (last.text.length < 80 && /[:：]$/.test(last.text));
    if (!orphan) break;
    kept.pop();
    lineDrops.set('orphan tail', (lineDrops.get('orphan tail') ?? 0) + 1);
  }
  if (em.skipped.size) evidence.push(`skipped inside container: ${[...em.skipped].map(([k, v]) => `${k}×${v}`).join(', ')}`);
  if (lineDrops.size) evidence.push(`dropped lines: ${[...lineDrops].map(([k, v]) => `${k}×${v}`).join(', ')}`);

  let text = '';
  const blocks: BlockSpan[] = [];
  const rawRanges: { start: number; end: number }[] = [];
  let prev: Pending | null = null;
  for (const b of kept) {
    if (prev) text += prev.kind === 'list-item' && b.kind === 'list-item' && prev.list === b.list ? '\n' : '\n\n';
    const start = text.length;
    text += b.text;
    blocks.push({ kind: 'block', block: b.kind, start, end: text.length, evidence: [`<${b.tag}> in ${describe(best)}`] });
    rawRanges.push({ start: Math.max(0, b.start), end: Math.max(0, b.end) });
    prev = b;
  }

  const title = chooseTitle(dom.children, best, hints);
  return { text, blocks, rawRanges, title, evidence };
}

/** For fragments without <html>: a detached element standing in as the page root. */
function wrapRoot(children: AnyNode[]): Element {
  const fake = { type: 'tag', name: 'body', attribs: {}, children, parent: null, startIndex: 0, endIndex: null } as unknown as Element;
  return fake;
}
