import type { BlockSpan } from '../../core/doc.js';
import { assembleUnits, splitLines, type Unit } from './lines.js';
import { features, isStopword, prose, verdict, type Features } from './features.js';

/**
 * Cleaning plain-text page dumps: a whole web page copied as text, menus, footers and
 * related-story lists included. Each line is judged by what it looks like and by where it
 * sits relative to the densest run of prose (the article body); lines broken by the copy
 * are repaired; every kept character maps back to the raw dump.
 */

export interface LineDecision {
  /** Offsets of the raw line in the dump. */
  start: number;
  end: number;
  label: 'content' | 'boilerplate' | 'heading';
  reason: string;
}

export interface CleanedDump {
  text: string;
  blocks: BlockSpan[];
  rawRanges: { start: number; end: number }[][];
  lines: LineDecision[];
}

export interface CleanOptions {
  /** Normalised lines known to recur across pages of the same outlet (see findRepeatedLines). */
  repeatedLines?: Set<string>;
}

/** The key under which lines are compared across pages: whitespace and case folded. */
export function normaliseLine(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

/** Lines that recur across several dumps of the same outlet: boilerplate. */
export function findRepeatedLines(pages: string[], minPages = Math.min(3, Math.max(2, pages.length))): Set<string> {
  const seen = new Map<string, number>();
  for (const page of pages) {
    const mine = new Set<string>();
    for (const ln of splitLines(page)) {
      const k = normaliseLine(ln.text);
      if (k.length > 0) mine.add(k);
    }
    for (const k of mine) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [k, n] of seen) if (n >= minPages) out.add(k);
  return out;
}

type Cls = 'good' | 'near' | 'short' | 'bad';

interface Judged {
  unit: Unit;
  f: Features;
  cls: Cls;
  reason: string;
  barrier?: boolean;
  /** Long line that occurs more than once in the page: a teaser shown in two lists. */
  repeated?: boolean;
  /** Prose line standing alone between short lines: the rhythm of a teaser list. */
  isolated?: boolean;
  /** Isolated prose whose surrounding lines follow a rhythm repeated down the page. */
  teaser?: boolean;
}

const RECURRING = 'recurs on other pages of this outlet';

function judge(units: Unit[], repeated: Set<string> | undefined): Judged[] {
  const counts = new Map<string, number>();
  for (const u of units) {
    const k = normaliseLine(u.text);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const js = units.map((unit): Judged => {
    const f = features(unit.text);
    const key = normaliseLine(unit.text);
    if (repeated?.has(key)) return { unit, f, cls: 'bad', reason: RECURRING };
    const v = verdict(unit.text, f);
    if (v.bad) return { unit, f, cls: 'bad', reason: v.reason, barrier: v.barrier };
    const twice = (counts.get(key) ?? 0) > 1;
    // A short line seen twice is usually a menu entry, but a list in the body can repeat
    // its labels too; it weighs against the body without being ruled out.
    if (twice && f.words <= 12) return { unit, f, cls: 'short', reason: 'short line repeated within the page (menu or link)', repeated: true };
    const p = prose(f);
    return { unit, f, cls: p, reason: p === 'good' ? 'prose paragraph' : p === 'near' ? 'short sentence' : 'short line', repeated: twice };
  });
  const isProse = (j: Judged | undefined): boolean => j !== undefined && (j.cls === 'good' || j.cls === 'near');
  for (let i = 0; i < js.length; i++) {
    const j = js[i];
    if (j.cls !== 'good' || j.f.words >= 60) continue;
    if (!isProse(js[i - 1]) && !isProse(js[i + 1])) j.isolated = true;
  }
  // Teaser lists repeat one rhythm: title, byline or date, blurb; title, date, blurb...
  // The shape of the lines leading up to each isolated blurb is its signature; a signature
  // of two or more lines seen three times is a list, not an article with subheadings.
  const signature = new Map<number, string>();
  const seen = new Map<string, number>();
  for (let i = 0; i < js.length; i++) {
    if (!js[i].isolated) continue;
    const parts: string[] = [];
    for (let k = i - 1; k >= 0 && parts.length < 5 && !isProse(js[k]); k--) {
      parts.push(js[k].cls === 'bad' ? js[k].reason : titleLike(js[k].f) ? 'title' : 'short');
    }
    if (parts.length < 2) continue;
    const sig = parts.join('|');
    signature.set(i, sig);
    seen.set(sig, (seen.get(sig) ?? 0) + 1);
  }
  for (const [i, sig] of signature) {
    if ((seen.get(sig) ?? 0) >= 3) {
      js[i].teaser = true;
      js[i].reason = 'blurb in a teaser list (repeating title/date/blurb rhythm)';
    }
  }
  return js;
}

/** Contribution of a unit to the body score: prose adds, menu-like lines subtract. */
function gain(j: Judged): number {
  // A line that recurs on the outlet's other pages is known boilerplate, but where it sits
  // says nothing about where the article ends: a promo between two paragraphs must not cut
  // the body in two.
  if (j.cls === 'bad' && j.reason === RECURRING) return -2;
  if (j.repeated && j.cls === 'short') return -2;
  if (j.repeated && j.cls !== 'bad') return 0;
  switch (j.cls) {
    case 'good':
      return j.teaser ? -j.f.weight * 0.3 : j.isolated ? j.f.weight * 0.3 : j.f.weight;
    case 'near':
      return j.f.weight * 0.5;
    case 'short':
      return j.f.terminal || j.f.quote || (j.f.words >= 12 && !titleLike(j.f)) ? 0 : -2;
    case 'bad':
      return j.barrier ? -60 : -Math.max(3, Math.min(j.f.weight, 20));
  }
}

/**
 * The densest body region: the contiguous run of units with the largest summed gain.
 * Readers' comments are prose too, and a long thread outweighs a short post; but they
 * always follow the article, so once prose has been seen, prose after a comment-section
 * marker counts for little.
 */
function bodyRegion(js: Judged[]): [number, number] {
  const gains = js.map(gain);
  let seen = 0;
  let damp = 1;
  for (let i = 0; i < js.length; i++) {
    if (js[i].reason === 'comment section' && seen >= 40) damp = 0.2;
    if (gains[i] > 0) {
      seen += gains[i];
      gains[i] *= damp;
    }
  }
  let best = -Infinity;
  let bs = 0;
  let be = -1;
  let sum = 0;
  let s = 0;
  for (let i = 0; i < js.length; i++) {
    if (sum <= 0) {
      sum = 0;
      s = i;
    }
    sum += gains[i];
    if (sum > best) {
      best = sum;
      bs = s;
      be = i;
    }
  }
  if (best <= 0) return [0, -1];
  return [bs, be];
}

const titleLike = (f: Features): boolean => !f.terminal && f.words >= 2 && f.words <= 20 && f.capRatio >= 0.6;

interface Kept {
  j: Judged;
  block: BlockSpan['block'];
  label: 'content' | 'heading';
  reason: string;
}

export function cleanTextDump(raw: string, opts: CleanOptions = {}): CleanedDump {
  const rawLines = splitLines(raw);
  const { units, dropped } = assembleUnits(raw, rawLines);
  const js = judge(units, opts.repeatedLines);
  const [s, e] = bodyRegion(js);

  const decision = new Map<number, { keep: boolean; reason: string; kept?: Kept }>();
  for (let i = 0; i < js.length; i++) {
    const j = js[i];
    if (i < s || i > e) {
      decision.set(i, { keep: false, reason: j.cls === 'bad' ? j.reason : `${j.reason}, outside the main body` });
      continue;
    }
    if (j.cls === 'bad') {
      decision.set(i, { keep: false, reason: j.reason });
      continue;
    }
    const block: BlockSpan['block'] = j.unit.bullet ? 'list-item' : /^["“‘«„]/u.test(j.unit.text) && /["”’»]$/u.test(j.unit.text) ? 'quote' : 'paragraph';
    if (j.teaser) {
      decision.set(i, { keep: false, reason: j.reason });
      continue;
    }
    if (j.cls === 'good' || j.cls === 'near') {
      decision.set(i, { keep: true, reason: j.reason, kept: { j, block, label: 'content', reason: j.reason } });
      continue;
    }
    const before = neighbour(js, i, -1, s, e);
    const after = neighbour(js, i, 1, s, e);
    const prosey = (k: number): boolean => k >= 0 && (js[k].cls === 'good' || js[k].cls === 'near');
    if (titleLike(j.f) && prosey(after) && prosey(before)) {
      decision.set(i, { keep: true, reason: 'subheading inside the body', kept: { j, block: 'heading', label: 'content', reason: 'subheading inside the body' } });
    } else if (j.f.terminal || j.f.quote) {
      decision.set(i, { keep: true, reason: 'short paragraph inside the body', kept: { j, block, label: 'content', reason: 'short paragraph inside the body' } });
    } else if (prosey(before) && prosey(after)) {
      decision.set(i, { keep: true, reason: 'short line between paragraphs', kept: { j, block, label: 'content', reason: 'short line between paragraphs' } });
    } else {
      decision.set(i, { keep: false, reason: 'short line in a run of short lines' });
    }
  }

  // The headline: a short, unpunctuated line shortly before the body that shares its
  // vocabulary. Buttons and section names sit there too, but they do not echo the story.
  let headline = -1;
  if (e >= s) {
    const bodyWords = new Set<string>();
    for (let i = s; i <= e && bodyWords.size < 400; i++) {
      if (decision.get(i)!.keep) for (const w of contentWords(js[i].unit.text)) bodyWords.add(w);
    }
    let bestShare = 0.34;
    for (let i = s - 1, seen = 0; i >= 0 && seen < 8; i--) {
      const j = js[i];
      if (j.cls === 'bad') continue;
      seen++;
      const f = j.f;
      if (f.words < 2 || f.words > 30 || /[.:;,]$/.test(j.unit.text) || j.unit.bullet) continue;
      const words = contentWords(j.unit.text);
      if (words.length === 0) continue;
      const share = words.filter((w) => bodyWords.has(w)).length / words.length;
      if (share > bestShare) {
        bestShare = share;
        headline = i;
      }
    }
  }
  if (headline >= 0) {
    const j = js[headline];
    decision.set(headline, { keep: true, reason: 'headline just before the body', kept: { j, block: 'heading', label: 'heading', reason: 'headline just before the body' } });
  }

  // A contributor's bio glued to the end of the last paragraph ("...still open.The author
  // is professor of ... opinion@example.com") is page furniture, not the article.
  const lastKept = [...decision.entries()].filter(([, d]) => d.keep).map(([i]) => i).pop();
  if (lastKept !== undefined) {
    const u = js[lastKept].unit;
    const bio = TRAILING_BIO.exec(u.text);
    if (bio && bio.index >= 40) {
      const cut = u.text.slice(0, bio.index).trimEnd();
      js[lastKept] = { ...js[lastKept], unit: { ...u, text: cut, ranges: truncateRanges(u, cut.length), repairs: [...u.repairs, 'trailing author bio dropped'] } };
    }
  }

  // Assemble the cleaned text and the provenance of every block.
  let text = '';
  const blocks: BlockSpan[] = [];
  const rawRanges: { start: number; end: number }[][] = [];
  const lineLabel = new Map<number, { label: LineDecision['label']; reason: string }>();
  for (let i = 0; i < js.length; i++) {
    const d = decision.get(i)!;
    const u = js[i].unit;
    const repairs = u.repairs.length ? `; ${u.repairs.join('; ')}` : '';
    for (const li of u.lines) {
      lineLabel.set(li, { label: d.keep ? (d.kept!.label) : 'boilerplate', reason: d.reason + repairs });
    }
    if (!d.keep) continue;
    if (text.length) text += '\n\n';
    const start = text.length;
    text += u.text;
    blocks.push({ kind: 'block', block: d.kept!.block, start, end: text.length, evidence: [d.reason + repairs] });
    rawRanges.push(u.ranges.map((r) => ({ ...r })));
  }
  const lines: LineDecision[] = rawLines.map((ln, i) => {
    const l = lineLabel.get(i);
    if (l) return { start: ln.lineStart, end: ln.lineEnd, ...l };
    const dr = dropped.get(i);
    return { start: ln.lineStart, end: ln.lineEnd, label: 'boilerplate', reason: dr ?? 'blank line' };
  });
  return { text, blocks, rawRanges, lines };
}

const TRAILING_BIO = /(?<=[.!?]["”’]?)\s*(?:The|This) (?:author|writer|columnist|contributor)s? (?:is|are|was|were|teaches|works)\b[^\n]*$/u;

/** The raw ranges that produce the first `length` characters of a unit's text. */
function truncateRanges(u: Unit, length: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let at = 0;
  u.ranges.forEach((r, k) => {
    if (at >= length) return;
    if (k > 0) at += u.joins[k - 1]?.length ?? 0;
    const take = Math.min(r.end - r.start, length - at);
    if (take > 0) out.push({ start: r.start, end: r.start + take });
    at += r.end - r.start;
  });
  return out;
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !isStopword(w));
}

/** Nearest unit in direction dir inside [s, e] that is not a plain short line. */
function neighbour(js: Judged[], i: number, dir: 1 | -1, s: number, e: number): number {
  for (let k = i + dir; k >= s && k <= e; k += dir) {
    if (js[k].cls !== 'short') return k;
  }
  return -1;
}
