/**
 * Direct and indirect quotations with their speakers.
 *
 * Conventions (the bench's gold follows them too):
 * - A direct quote's span is the quoted content, marks excluded. A quotation split by its
 *   attribution gives one span per contiguous quoted part, all with the same speaker.
 * - A quotation that runs over paragraphs gives one span per paragraph.
 * - An indirect quote's span is the reported clause: after "that" when present, up to the
 *   sentence end (terminal punctuation excluded) or up to the comma before a trailing
 *   attribution ("The talks failed, he said." → "The talks failed").
 * - One to three quoted words inside a sentence are scare quotes or names, not quotes,
 *   unless they are attributed speech on their own ("No," he said.).
 * - Transcript paragraphs ("Q: ...", "A: ...", "SMITH: ...") are direct quotes.
 * - `speaker` is the name as the text writes it at the mention (titles such as "Dr." kept;
 *   see normaliseSpeaker); a role description ("the US President") is kept as written for a
 *   later resolver. A pronoun is resolved to its antecedent's mention, and the evidence says so.
 */
import type { QuoteSpan, SentenceSpan } from '../../core/doc.js';
import { paragraphRanges, splitSentences } from '../sentences.js';
import { pairQuoteMarks, type QuoteRegion } from './marks.js';
import {
  IRREGULAR_PAST,
  QUOTE_VERBS,
  REPORT_VERBS,
  type SpeakerPhrase,
  type Token,
  isCapitalised,
  isCommonCapitalised,
  isDeterminer,
  isHonorific,
  isNameConnector,
  isPreposition,
  isRoleWord,
  looksLikePerson,
  readPhrase,
  subjectAfter,
  subjectBefore,
  tokenize,
} from './attribution.js';

export { normaliseSpeaker } from './attribution.js';

export interface PersonMention {
  start: number;
  end: number;
  name: string;
}

export interface FindQuotesOptions {
  sentences?: SentenceSpan[];
  /** Person mentions from NER; without them a capitalised-name heuristic stands in. */
  people?: PersonMention[];
}

type Gender = 'm' | 'f';

interface Mention {
  start: number;
  end: number;
  name: string;
  gender?: Gender;
}

/** A speaker decided so far; the history pronouns are resolved against. */
interface Said {
  name: string;
  start: number;
  end: number;
  kind: 'name' | 'description';
  person: boolean;
  paragraph: number;
}

interface Attribution {
  phrase: SpeakerPhrase | null;
  cue: string | null;
  evidence: string;
}

interface Candidate {
  start: number;
  end: number;
  quoteKind: 'direct' | 'indirect';
  attribution: Attribution | null;
  /** Where the attribution's subject sits; pronouns are resolved as of this point. */
  at: number;
  paragraph: number;
  region?: QuoteRegion;
  /** Fixed speaker (transcripts); skips resolution. */
  fixed?: { name: string | null; start?: number; end?: number; evidence: string };
  evidence: string[];
}

const MALE = new Set(['husband', 'son', 'father', 'brother', 'grandfather', 'uncle', 'nephew', 'boyfriend', 'mr', 'man', 'boy', 'king', 'prince', 'sir', 'lord', 'grandson', 'spokesman', 'chairman', 'businessman', 'he', 'his', 'him']);
const FEMALE = new Set(['wife', 'daughter', 'mother', 'sister', 'grandmother', 'granddaughter', 'aunt', 'niece', 'girlfriend', 'mrs', 'ms', 'miss', 'woman', 'girl', 'queen', 'princess', 'dame', 'lady', 'spokeswoman', 'chairwoman', 'businesswoman', 'actress', 'she', 'her', 'hers']);

const WORD_BOUNDARY_VERB = new RegExp(
  `(?<![\\p{L}\\p{N}'’-])(${[...QUOTE_VERBS].join('|')}|put it|according to)(?![\\p{L}\\p{N}])`,
  'giu',
);
const SUBORDINATORS = /^(when|while|after|although|though|because|if|since|as|before|once|until|whereas)$/i;
const FINITE = /^(is|are|was|were|has|had|have|will|would|could|should|can|may|might|must|did|do|does|remain|remains|remained|plans|wants|needs)$/;
function finiteWord(w: string): boolean {
  return FINITE.test(w) || IRREGULAR_PAST.has(w.toLowerCase()) || /^\p{Ll}{3,}ed$/u.test(w);
}

const TIME_ADVERBIAL =
  /^\s+(on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last (week|month|year|night|weekend)|this (week|month|year|morning|afternoon)|yesterday|today|earlier|afterwards|later|on twitter|on x|on instagram|on facebook|in a (joint )?statement|in an interview|in (january|february|march|april|may|june|july|august|september|october|november|december))\b/i;

interface Ctx {
  text: string;
  paragraphs: { start: number; end: number }[];
  sentences: SentenceSpan[];
  regions: QuoteRegion[];
  mentions: Mention[];
  genders: Map<string, Gender>;
  history: Said[];
}

function indexAt<T extends { start: number; end: number }>(list: T[], pos: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= pos) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function sentenceAt(ctx: Ctx, pos: number): { start: number; end: number } {
  const i = indexAt(ctx.sentences, pos);
  if (i >= 0 && pos <= ctx.sentences[i].end) return ctx.sentences[i];
  const p = ctx.paragraphs[Math.max(0, indexAt(ctx.paragraphs, pos))];
  return p;
}

function paragraphAt(ctx: Ctx, pos: number): number {
  return Math.max(0, indexAt(ctx.paragraphs, pos));
}

/** The outer quote region whose marks enclose pos, if any. */
function regionAround(ctx: Ctx, pos: number): QuoteRegion | undefined {
  return ctx.regions.find((r) => pos >= r.open && pos < (r.close >= 0 ? r.close + 1 : r.end));
}

/** End of a dateline ("SEOUL, March 4 (Meridian Wire) - ") at the start of a paragraph. */
function datelineEnd(text: string, paraStart: number): number {
  const head = text.slice(paraStart, paraStart + 120);
  const m = /^\p{Lu}{2,}[\p{Lu}\s.,'’-]*[^\n—–]{0,70}?\s[—–-]\s/u.exec(head);
  if (m && !/["“]/.test(m[0])) return paraStart + m[0].length;
  return paraStart;
}

function wordsOf(s: string): string[] {
  return s.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu) ?? [];
}

/** All speech-verb matches in [from, to) outside quote regions. */
function verbsIn(ctx: Ctx, from: number, to: number, allowInside = false): { start: number; end: number; verb: string }[] {
  const out: { start: number; end: number; verb: string }[] = [];
  const slice = ctx.text.slice(from, to);
  WORD_BOUNDARY_VERB.lastIndex = 0;
  for (let m = WORD_BOUNDARY_VERB.exec(slice); m; m = WORD_BOUNDARY_VERB.exec(slice)) {
    const start = from + m.index;
    const verb = m[1];
    // Capitalised forms are names or sentence starts ("Said Ahmed"), except "According to".
    if (isCapitalised(verb) && verb.toLowerCase() !== 'according to') continue;
    if (!allowInside && regionAround(ctx, start)) continue;
    out.push({ start, end: start + verb.length, verb });
  }
  return out;
}

function wordBefore(text: string, pos: number): string {
  const m = /([\p{L}]+)\s*$/u.exec(text.slice(Math.max(0, pos - 30), pos));
  return m ? m[1].toLowerCase() : '';
}

// ---------------------------------------------------------------- mentions and genders

function genderFromContext(ctx: Ctx, start: number, end: number): Gender | undefined {
  const { text } = ctx;
  const sent = sentenceAt(ctx, start);
  const before = tokenize(text, sent.start, start).slice(-3);
  for (const t of before.reverse()) {
    const w = t.text.toLowerCase().replace(/\.$/, '');
    if (MALE.has(w) && !['he', 'his', 'him'].includes(w)) return 'm';
    if (FEMALE.has(w) && !['she', 'her', 'hers'].includes(w)) return 'f';
  }
  // The first personal pronoun after the name in the same sentence, before any other name.
  for (const t of tokenize(text, end, sent.end)) {
    const w = t.text.toLowerCase();
    if (w === 'he' || w === 'his' || w === 'him') return 'm';
    if (w === 'she' || w === 'her' || w === 'hers') return 'f';
    if (isCapitalised(t.text) && t.start > end + 1 && !/^(I|I'm|I’m)$/.test(t.text)) break;
  }
  return undefined;
}

function nameKey(name: string): string {
  const parts = name.split(/\s+/);
  return parts[parts.length - 1].toLowerCase().replace(/[.,]/g, '');
}

function genderOf(ctx: Ctx, name: string, start: number, end: number): Gender | undefined {
  const key = nameKey(name);
  const known = ctx.genders.get(key);
  if (known) return known;
  const first = name.split(/\s+/)[0].toLowerCase().replace(/\.$/, '');
  if (MALE.has(first)) return 'm';
  if (FEMALE.has(first)) return 'f';
  return genderFromContext(ctx, start, end);
}

/** Capitalised-name heuristic for person mentions, used when NER gives none. */
function heuristicMentions(ctx: Ctx): Mention[] {
  const { text } = ctx;
  const out: Mention[] = [];
  const known = new Set<string>();
  for (const sent of ctx.sentences) {
    const toks = tokenize(text, sent.start, sent.end);
    let i = 0;
    while (i < toks.length) {
      if (!isCapitalised(toks[i].text) || /^\p{Lu}{2,}$/u.test(toks[i].text)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < toks.length && text.slice(toks[j - 1].end, toks[j].start).trim() === '' &&
        (isCapitalised(toks[j].text) || (isNameConnector(toks[j].text) && j + 1 < toks.length && isCapitalised(toks[j + 1].text)))) j++;
      let run: Token[] = toks.slice(i, j);
      const prevWord = i > 0 ? toks[i - 1].text.toLowerCase() : '';
      i = j;
      while (run.length && (isDeterminer(run[0].text) || /['’]s$/.test(run[0].text))) run = run.slice(1);
      let lastRole = -1;
      run.forEach((t, k) => {
        if (isRoleWord(t.text)) lastRole = k;
      });
      let name = run.slice(lastRole + 1);
      if (name.length && /['’]s$/.test(name[name.length - 1].text)) {
        const t = name[name.length - 1];
        name = [...name.slice(0, -1), { text: t.text.slice(0, -2), start: t.start, end: t.end - 2 }];
      }
      if (!name.length) continue;
      const str = text.slice(name[0].start, name[name.length - 1].end);
      const words = name.map((t) => t.text);
      const honorific = words.length > 1 && isHonorific(words[0]);
      const multi = words.filter((w) => !isHonorific(w)).length >= 2;
      const single = words.length === 1 &&
        (known.has(words[0].toLowerCase()) || (name[0].start !== sent.start && (MALE.has(prevWord) || FEMALE.has(prevWord) || isRoleWord(prevWord))));
      if (isCommonCapitalised(words[0]) && words.length === 1) continue;
      if ((multi || honorific || single) && looksLikePerson(str)) {
        out.push({ start: name[0].start, end: name[name.length - 1].end, name: str });
        for (const w of words) if (!isHonorific(w)) known.add(w.toLowerCase());
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- pronouns

function compatible(ctx: Ctx, g: Gender | undefined, name: string, start: number, end: number): boolean {
  if (!g) return true;
  const h = genderOf(ctx, name, start, end);
  return !h || h === g;
}

interface Resolution {
  name: string;
  start: number;
  end: number;
  how: string;
}

function resolvePronoun(ctx: Ctx, pronoun: SpeakerPhrase, paragraph: number): Resolution | null {
  const p = pronoun.text.toLowerCase();
  const pos = pronoun.start;
  const before = ctx.history.filter((h) => h.start < pos);
  if (p === 'he' || p === 'she') {
    const g: Gender = p === 'he' ? 'm' : 'f';
    const ok = (name: string, s: number, e: number) => compatible(ctx, g, name, s, e);
    const samePara = before.filter((h) => h.paragraph === paragraph && h.person);
    for (const h of [...samePara].reverse()) if (ok(h.name, h.start, h.end)) return { ...h, how: 'speaker earlier in the paragraph' };
    const paraStart = ctx.paragraphs[paragraph].start;
    const mentions = ctx.mentions.filter((m) => m.end <= pos);
    for (const m of [...mentions].reverse()) {
      if (m.start < paraStart) break;
      if (ok(m.name, m.start, m.end)) return { ...m, how: 'person mentioned earlier in the paragraph' };
    }
    for (const h of [...before].reverse()) if (h.person && ok(h.name, h.start, h.end)) return { ...h, how: 'last named speaker' };
    for (const m of [...mentions].reverse()) if (ok(m.name, m.start, m.end)) return { ...m, how: 'last person mentioned' };
    return null;
  }
  if (p === 'they') {
    const plural = (h: Said) => !h.person || /s$/.test(h.name);
    const samePara = before.filter((h) => h.paragraph === paragraph);
    for (const h of [...samePara].reverse()) if (plural(h)) return { ...h, how: 'group speaker earlier in the paragraph' };
    for (const h of [...before].reverse()) if (plural(h)) return { ...h, how: 'last group speaker' };
    return null;
  }
  if (p === 'it') {
    // "Brightway will close 38 stores, it said": the organisation named earlier in the sentence.
    const sent = sentenceAt(ctx, pos);
    const toks = tokenize(ctx.text, sent.start, pos);
    for (let k = 1; k < toks.length; k++) {
      if (isCapitalised(toks[k].text) && !isCapitalised(toks[k - 1].text)) {
        let j = k + 1;
        while (j < toks.length && isCapitalised(toks[j].text)) j++;
        const s = toks[k].start;
        const e = toks[j - 1].end;
        return { name: ctx.text.slice(s, e), start: s, end: e, how: 'organisation named earlier in the sentence' };
      }
    }
    for (const h of [...before].reverse()) if (!h.person) return { ...h, how: 'last organisation speaker' };
  }
  return null;
}

// ---------------------------------------------------------------- direct quotes

function quoteCueAfter(ctx: Ctx, r: QuoteRegion, nextOpen: number): Attribution | null {
  const { text } = ctx;
  if (r.close < 0) return null;
  const from = r.close + 1;
  const sent = sentenceAt(ctx, r.close);
  const para = ctx.paragraphs[r.paragraph];
  const to = Math.min(sent.end, nextOpen, para.end);
  if (to <= from) return null;
  const window = text.slice(from, to);
  const lead = /^[\s,—–-]*/.exec(window)![0].length;
  if (/^[\s]*[.!?]/.test(window)) return null;
  const verbs = verbsIn(ctx, from + lead, to);
  const v = verbs[0];
  if (!v) return null;
  if (wordsOf(text.slice(from + lead, v.start)).length > 9) return null;
  if (v.verb.toLowerCase() === 'according to') {
    const phrase = subjectAfter(text, v.end, to);
    return phrase ? { phrase, cue: 'according to', evidence: `attribution after the quote: "${text.slice(from + lead, to).trim()}"` } : null;
  }
  if (wordBefore(text, v.start) === 'to') return null;
  let phrase = subjectBefore(text, from + lead, v.start);
  if (!phrase && text.slice(from + lead, v.start).trim() === '') phrase = subjectAfter(text, v.end, to);
  if (!phrase) return null;
  return { phrase, cue: v.verb, evidence: `attribution after the quote: "${text.slice(from + lead, to).trim()}"` };
}

function quoteCueBefore(ctx: Ctx, r: QuoteRegion, prevClose: number): { attribution: Attribution | null; leadIn: 'colon' | 'partial' | 'none' } {
  const { text } = ctx;
  const sent = sentenceAt(ctx, r.open);
  const para = ctx.paragraphs[r.paragraph];
  const from = Math.max(sent.start, para.start, prevClose + 1, datelineEnd(text, para.start));
  if (r.open <= from) return { attribution: null, leadIn: 'none' };
  const lead = text.slice(from, r.open);
  if (!lead.trim()) return { attribution: null, leadIn: 'none' };
  const colon = /[:,—–]\s*$/.test(lead);
  const verbs = verbsIn(ctx, from, r.open);
  const v = verbs[verbs.length - 1];
  if (v) {
    if (wordBefore(text, v.start) === 'to') return { attribution: null, leadIn: colon ? 'colon' : 'partial' };
    let phrase = v.verb.toLowerCase() === 'according to' ? subjectAfter(text, v.end, r.open) : subjectBefore(text, from, v.start);
    if (!phrase && text.slice(from, v.start).trim() === '') phrase = subjectAfter(text, v.end, r.open);
    if (phrase) {
      return {
        attribution: { phrase, cue: v.verb, evidence: `attribution before the quote: "${lead.trim()}"` },
        leadIn: colon ? 'colon' : 'partial',
      };
    }
  }
  if (/:\s*$/.test(lead)) {
    // "Its general secretary, Colin Pryce, was blunt:" names the speaker without a speech verb.
    const m = /\b(was|were|is|are|had|has|hit|struck|went|got)\b[^:]*:\s*$/.exec(lead);
    if (m) {
      const phrase = subjectBefore(text, from, from + m.index);
      if (phrase) return { attribution: { phrase, cue: null, evidence: `colon lead-in: "${lead.trim()}"` }, leadIn: 'colon' };
    }
    return { attribution: null, leadIn: 'colon' };
  }
  return { attribution: null, leadIn: colon ? 'colon' : 'partial' };
}

function isTitleLike(content: string): boolean {
  const words = wordsOf(content);
  if (!words.length || words.length > 8) return false;
  if (/[.!?,;:]\s*$/.test(content.trim())) return false;
  return words.every((w, i) => isCapitalised(w) || (i > 0 && /^(of|the|and|a|an|in|on|for|to|at|with|de|la|du)$/.test(w)) || /^\d/.test(w));
}

function directCandidates(ctx: Ctx, skipParagraphs: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  const { text, regions } = ctx;
  regions.forEach((r, idx) => {
    if (skipParagraphs.has(r.paragraph)) return;
    const content = text.slice(r.start, r.end);
    const words = wordsOf(content).length;
    if (words === 0) return;
    const prev = regions[idx - 1];
    const next = regions[idx + 1];
    const prevClose = prev && prev.paragraph === r.paragraph && prev.close >= 0 ? prev.close : -1;
    const nextOpen = next && next.paragraph === r.paragraph ? next.open : Number.MAX_SAFE_INTEGER;
    const after = quoteCueAfter(ctx, r, nextOpen);
    const { attribution: before, leadIn } = quoteCueBefore(ctx, r, prevClose);
    const sent = sentenceAt(ctx, r.open);
    const endsLikeSpeech = /[,.!?…—–-]\s*$/.test(content);
    const closeEnd = r.close >= 0 ? r.close + 1 : r.end;
    const restOfSentence = text.slice(closeEnd, Math.max(closeEnd, sent.end)).replace(/^[\s.!?]+/, '');
    const standalone = leadIn === 'none' && (restOfSentence === '' || r.close < 0);
    if (words <= 3) {
      const speechShaped = endsLikeSpeech && (after !== null || leadIn === 'colon' || standalone);
      if (!speechShaped && !(standalone && words >= 2)) return;
    }
    if (leadIn === 'partial' && isTitleLike(content) && !after) return;
    // The classic '"...," X said.' places the attribution after; a colon lead-in places it before.
    let attribution: Attribution | null = null;
    if (after && (/[,!?—–-]\s*$/.test(content) || !before)) attribution = after;
    else attribution = before ?? after;
    const evidence: string[] = [];
    if (leadIn === 'partial') evidence.push('partial quote inside a sentence');
    out.push({
      start: r.start,
      end: r.end,
      quoteKind: 'direct',
      attribution,
      at: attribution?.phrase ? attribution.phrase.start : r.start,
      paragraph: r.paragraph,
      region: r,
      evidence,
    });
  });
  return out;
}

// ---------------------------------------------------------------- transcripts

function transcriptCandidates(ctx: Ctx): { candidates: Candidate[]; paragraphs: Set<number> } {
  const { text } = ctx;
  const labelled: { p: number; label: string; labelStart: number; contentStart: number }[] = [];
  ctx.paragraphs.forEach((para, p) => {
    const m = /^(Q|A|\p{Lu}[\p{Lu}.'’ -]{1,40}|\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2}):\s+/u.exec(text.slice(para.start, para.end));
    if (m) labelled.push({ p, label: m[1], labelStart: para.start, contentStart: para.start + m[0].length });
  });
  const counts = new Map<string, number>();
  for (const l of labelled) counts.set(l.label, (counts.get(l.label) ?? 0) + 1);
  const repeated = [...counts.values()].some((c) => c >= 2);
  if (labelled.length < 3 || counts.size < 2 || !repeated) return { candidates: [], paragraphs: new Set() };
  const firstPara = ctx.paragraphs[labelled[0].p].start;
  const intro = ctx.mentions.filter((m) => m.end <= firstPara);
  const candidates: Candidate[] = labelled.map((l) => {
    const para = ctx.paragraphs[l.p];
    let fixed: Candidate['fixed'];
    if (l.label === 'Q') fixed = { name: null, evidence: 'transcript question (interviewer)' };
    else if (l.label === 'A') {
      const who = intro[0];
      fixed = who
        ? { name: who.name, start: who.start, end: who.end, evidence: `transcript answer; interviewee named in the introduction: ${who.name}` }
        : { name: null, evidence: 'transcript answer; interviewee not named' };
    } else {
      const key = l.label.toLowerCase();
      const full = ctx.mentions.find((m) => m.start < firstPara && (nameKey(m.name) === key || m.name.toLowerCase() === key));
      fixed = full
        ? { name: full.name, start: full.start, end: full.end, evidence: `transcript label "${l.label}" matches ${full.name}` }
        : { name: l.label, start: l.labelStart, end: l.labelStart + l.label.length, evidence: `transcript label "${l.label}"` };
    }
    let end = para.end;
    while (end > l.contentStart && /\s/.test(text[end - 1])) end--;
    return { start: l.contentStart, end, quoteKind: 'direct' as const, attribution: null, at: l.contentStart, paragraph: l.p, fixed, evidence: [] };
  });
  return { candidates, paragraphs: new Set(labelled.map((l) => l.p)) };
}

// ---------------------------------------------------------------- indirect speech

/** Offset where a reported clause starts after the verb, or -1. */
function reportedClauseStart(ctx: Ctx, verb: string, verbEnd: number, sentEnd: number): number {
  const { text } = ctx;
  const rest = text.slice(verbEnd, sentEnd);
  // "said on Tuesday that", "told parliament last week that": "that" within a few words.
  const that = /^([^,.;:!?"“”]{0,60}?)\bthat\s+/.exec(rest);
  // A finite verb before "that" makes it a relative pronoun ("will reward companies that own").
  if (that && wordsOf(that[1]).length <= 6 && !wordsOf(that[1]).some(finiteWord)) return verbEnd + that[0].length;
  let pos = verbEnd;
  const lower = verb.toLowerCase();
  if (lower === 'told' || lower === 'tells' || lower === 'tell') {
    const toks = tokenize(text, pos, sentEnd);
    if (!toks.length) return -1;
    let k = 0;
    const w0 = toks[0].text.toLowerCase();
    if (/^(me|us|him|her|them|you|reporters|journalists)$/.test(w0)) k = 1;
    else {
      if (isDeterminer(w0)) k = 1;
      const glued = (j: number) => text.slice(toks[j - 1].end, toks[j].start).trim() === '';
      if (k < toks.length && isCapitalised(toks[k].text)) {
        while (k < toks.length && isCapitalised(toks[k].text) && (k === 0 || glued(k))) k++;
        if (k < toks.length && /^(magazine|newspaper|television|radio|channel|website)$/.test(toks[k].text)) k++;
      } else k += 1;
    }
    if (k >= toks.length) return -1;
    pos = toks[k - 1].end;
  }
  for (let m = TIME_ADVERBIAL.exec(text.slice(pos, sentEnd)); m; m = TIME_ADVERBIAL.exec(text.slice(pos, sentEnd))) pos += m[0].length;
  const ws = /^\s+/.exec(text.slice(pos, sentEnd));
  if (!ws) return -1;
  pos += ws[0].length;
  return clauseLooksFinite(ctx, pos, sentEnd) ? pos : -1;
}

function clauseLooksFinite(ctx: Ctx, pos: number, sentEnd: number): boolean {
  const { text } = ctx;
  const ch = text[pos];
  if (!ch || /[,.;:!?)]/.test(ch)) return false;
  if (/["“']/.test(ch)) {
    const r = regionAround(ctx, pos);
    // A quotation running to the sentence end is a direct quote's lead-in, not reported speech.
    if (r && (r.close < 0 || r.close >= sentEnd - 3)) return false;
  }
  const toks = tokenize(text, pos, sentEnd).slice(0, 10);
  if (!toks.length) return false;
  const first = toks[0].text.toLowerCase();
  if (isPreposition(first) || /^(and|but|or|so|as|than|because|while|if|whether|how|what|why|who|when|where)$/.test(first)) return false;
  return toks.slice(1).some((t) => finiteWord(t.text));
}

function clauseEnd(ctx: Ctx, start: number, sentEnd: number, subordinate: boolean): number {
  const { text } = ctx;
  let end = sentEnd;
  const slice = text.slice(start, sentEnd);
  const cut = /(,\s+(?:and|but|while|whereas|adding|saying|although|though|which|even|because)\b(?!\s+that\b)|;|\s[—–]\s)/.exec(slice);
  if (cut && !regionAround(ctx, start + cut.index)) end = start + cut.index;
  if (subordinate) {
    for (let i = start; i < end; i++) {
      if (text[i] === ',' && !regionAround(ctx, i)) {
        end = i;
        break;
      }
    }
  }
  while (end > start && /[\s.!?…]/.test(text[end - 1])) end--;
  return end;
}

function indirectCandidates(ctx: Ctx, skipParagraphs: Set<number>): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  for (const sent of ctx.sentences) {
    const p = paragraphAt(ctx, sent.start);
    if (skipParagraphs.has(p)) continue;
    const base = Math.max(sent.start, datelineEnd(text, ctx.paragraphs[p].start));
    let startFrom = base;
    const firstWord = tokenize(text, base, sent.end)[0]?.text ?? '';
    const subordinate = SUBORDINATORS.test(firstWord);
    for (const v of verbsIn(ctx, base, sent.end)) {
      if (v.start < startFrom) continue;
      const lowerVerb = v.verb.toLowerCase();
      if (lowerVerb === 'according to') {
        const c = accordingTo(ctx, v, base, sent, p);
        if (c) {
          out.push(c);
          startFrom = c.end;
        }
        continue;
      }
      if (!REPORT_VERBS.has(lowerVerb)) continue;
      const wb = wordBefore(text, v.start);
      // "to say", "was told" (passive), "the said agreement" (adjective) are not reporting.
      if (/^(to|was|were|is|are|be|been|being|the|a|an|this|that)$/.test(wb)) continue;
      // Subjects never reach back past a closing quote mark.
      const lastRegion = ctx.regions.filter((r) => r.close >= 0 && r.close < v.start && r.close >= base).pop();
      const from = lastRegion ? lastRegion.close + 1 : base;
      const phrase = subjectBefore(text, from, v.start);
      const inverted = !phrase && /^[\s,]*$/.test(text.slice(from, v.start)) ? subjectAfter(text, v.end, sent.end) : null;
      if (!phrase && !inverted) continue;
      const clauseStart = phrase ? reportedClauseStart(ctx, v.verb, v.end, sent.end) : -1;
      if (clauseStart >= 0) {
        const end = clauseEnd(ctx, clauseStart, sent.end, subordinate);
        if (end > clauseStart) {
          out.push({
            start: clauseStart,
            end,
            quoteKind: 'indirect',
            attribution: { phrase, cue: v.verb, evidence: `reporting clause: "${text.slice(phrase!.start, clauseStart).trim()}"` },
            at: phrase!.start,
            paragraph: p,
            evidence: [],
          });
          startFrom = end;
        }
        continue;
      }
      // Trailing attribution: "The talks failed, the minister said on Tuesday."
      const speaker = phrase ?? inverted!;
      const subjectStart = phrase ? phrase.start : v.start;
      const comma = text.lastIndexOf(',', subjectStart);
      if (comma <= base || !/^[\s\p{L}]*$/u.test(text.slice(comma + 1, subjectStart)) ) continue;
      if (phrase && tokenize(text, comma + 1, subjectStart).some((t) => !/^(but|and|so)$/i.test(t.text) && t.start < phrase.start && text.slice(t.end, phrase.start).includes(','))) continue;
      const clauseS = base;
      if (ctx.regions.some((r) => r.open < comma && (r.close < 0 ? r.end : r.close) > clauseS)) continue;
      const toks = tokenize(text, clauseS, comma);
      if (toks.length < 4 || !toks.some((t) => finiteWord(t.text))) continue;
      if (verbsIn(ctx, clauseS, comma).some((x) => REPORT_VERBS.has(x.verb.toLowerCase()))) continue;
      let end = comma;
      while (end > clauseS && /\s/.test(text[end - 1])) end--;
      out.push({
        start: clauseS,
        end,
        quoteKind: 'indirect',
        attribution: { phrase: speaker, cue: v.verb, evidence: `trailing attribution: "${text.slice(comma + 1, sent.end).trim()}"` },
        at: speaker.start,
        paragraph: p,
        evidence: [],
      });
      startFrom = sent.end;
    }
  }
  return out;
}

function accordingTo(
  ctx: Ctx,
  v: { start: number; end: number },
  base: number,
  sent: { start: number; end: number },
  p: number,
): Candidate | null {
  const { text } = ctx;
  if (text.slice(base, v.start).trim() === '') {
    const comma = text.indexOf(',', v.end);
    if (comma < 0 || comma > sent.end) return null;
    const phrase = readPhrase(text, v.end, comma);
    if (!phrase) return null;
    let start = comma + 1;
    while (/\s/.test(text[start])) start++;
    const end = clauseEnd(ctx, start, sent.end, false);
    if (end <= start || !clauseLooksFinite(ctx, start, sent.end)) return null;
    return { start, end, quoteKind: 'indirect', attribution: { phrase, cue: 'according to', evidence: `leading "according to ${phrase.text}"` }, at: phrase.start, paragraph: p, evidence: [] };
  }
  const before = text.slice(base, v.start);
  if (!/,\s*$/.test(before)) return null;
  const comma = base + before.lastIndexOf(',');
  const stop = text.slice(v.end, sent.end).search(/[,;]/);
  const phraseEnd = stop < 0 ? sent.end : v.end + stop;
  let pe = phraseEnd;
  while (pe > v.end && /[\s.!?]/.test(text[pe - 1])) pe--;
  const phrase = readPhrase(text, v.end, pe);
  if (!phrase) return null;
  if (ctx.regions.some((r) => r.open < comma && (r.close < 0 ? r.end : r.close) > base)) return null;
  let end = comma;
  while (end > base && /\s/.test(text[end - 1])) end--;
  if (tokenize(text, base, end).length < 3) return null;
  return { start: base, end, quoteKind: 'indirect', attribution: { phrase, cue: 'according to', evidence: `trailing "according to ${phrase.text}"` }, at: phrase.start, paragraph: p, evidence: [] };
}

// ---------------------------------------------------------------- assembly

function personish(phrase: SpeakerPhrase, ctx: Ctx): boolean {
  if (phrase.kind === 'name') return looksLikePerson(phrase.text) || ctx.mentions.some((m) => m.start <= phrase.start && m.end >= phrase.end);
  const head = phrase.text.toLowerCase();
  return !/(agency|company|ministry|office|government|union|group|police|organi[sz]ation|department|committee|council|leaders|officials|prosecutors|unions|workers|board|firm|bank)\b/.test(head);
}

export function findQuotes(text: string, opts: FindQuotesOptions = {}): QuoteSpan[] {
  const paragraphs = paragraphRanges(text);
  const sentences = opts.sentences ?? splitSentences(text);
  const ctx: Ctx = {
    text,
    paragraphs,
    sentences: [...sentences].sort((a, b) => a.start - b.start),
    regions: pairQuoteMarks(text, paragraphs),
    mentions: [],
    genders: new Map(),
    history: [],
  };
  // NER mentions come first; the heuristic fills gaps (NER misses lone first names often).
  const ner: Mention[] = (opts.people ?? []).map((m) => ({ start: m.start, end: m.end, name: m.name }));
  const extra = heuristicMentions(ctx).filter((h) => !ner.some((n) => n.start < h.end && h.start < n.end));
  ctx.mentions = [...ner, ...extra].sort((a, b) => a.start - b.start);
  for (const m of ctx.mentions) {
    const g = genderFromContext(ctx, m.start, m.end) ?? (MALE.has(m.name.split(/\s+/)[0].toLowerCase()) ? 'm' : FEMALE.has(m.name.split(/\s+/)[0].toLowerCase().replace(/\.$/, '')) ? 'f' : undefined);
    if (g && !ctx.genders.has(nameKey(m.name))) ctx.genders.set(nameKey(m.name), g);
  }

  const transcript = transcriptCandidates(ctx);
  const candidates = [
    ...transcript.candidates,
    ...directCandidates(ctx, transcript.paragraphs),
    ...indirectCandidates(ctx, transcript.paragraphs),
  ];
  // Drop reported clauses that are really a direct quote's lead-in or the quote itself.
  const directs = candidates.filter((c) => c.quoteKind === 'direct');
  const kept = candidates.filter(
    (c) => c.quoteKind === 'direct' || !directs.some((d) => d.start <= c.start && d.end >= c.end),
  );
  kept.sort((a, b) => a.at - b.at || a.start - b.start);

  // Resolve speakers in reading order so pronouns see only what came before them.
  const resolved = new Map<Candidate, { name: string | null; start?: number; end?: number; cue: string | null; evidence: string[] }>();
  for (const c of kept) {
    if (c.fixed) {
      resolved.set(c, { name: c.fixed.name, start: c.fixed.start, end: c.fixed.end, cue: null, evidence: [c.fixed.evidence] });
      continue;
    }
    const a = c.attribution;
    if (!a || !a.phrase) continue;
    const evidence = [a.evidence];
    let name: string | null = a.phrase.text;
    let start: number | undefined = a.phrase.start;
    let end: number | undefined = a.phrase.end;
    if (a.phrase.kind === 'pronoun') {
      const r = resolvePronoun(ctx, a.phrase, c.paragraph);
      if (r) {
        evidence.push(`pronoun "${a.phrase.text}" resolved to ${r.name} (${r.how})`);
        name = r.name;
        start = r.start;
        end = r.end;
        const g = a.phrase.text.toLowerCase() === 'he' ? 'm' : a.phrase.text.toLowerCase() === 'she' ? 'f' : undefined;
        if (g && !ctx.genders.has(nameKey(r.name))) ctx.genders.set(nameKey(r.name), g);
      } else {
        evidence.push(`pronoun "${a.phrase.text}" left unresolved`);
        name = null;
        start = undefined;
        end = undefined;
      }
    }
    if (a.phrase.kind === 'name' && start !== undefined && end !== undefined) {
      // "US Secretary of State Mike Pompeo": the role's own capitalised words ("State") run
      // into the name; a recognised person ending the phrase is the name.
      const inner = ner.find((n) => n.end === end && n.start > start! && /\s/.test(ctx.text.slice(n.start, n.end)));
      if (inner) {
        evidence.push(`speaker narrowed to the recognised name "${inner.name}" inside "${name}"`);
        name = inner.name;
        start = inner.start;
      }
    }
    if (name !== null && start !== undefined && end !== undefined) {
      const phraseLike: SpeakerPhrase = { text: name, start, end, kind: a.phrase.kind === 'pronoun' ? 'name' : a.phrase.kind };
      ctx.history.push({
        name,
        start,
        end,
        kind: phraseLike.kind === 'description' ? 'description' : 'name',
        person: personish(phraseLike, ctx),
        paragraph: paragraphAt(ctx, start),
      });
      ctx.history.sort((x, y) => x.start - y.start);
    }
    resolved.set(c, { name, start, end, cue: a.cue, evidence });
  }

  // Unattributed direct quotes inherit from the quotation they continue.
  const directsInOrder = kept.filter((c) => c.quoteKind === 'direct').sort((a, b) => a.start - b.start);
  for (let pass = 0; pass < 2; pass++) {
    directsInOrder.forEach((c, i) => {
      if (resolved.has(c)) return;
      const prev = directsInOrder[i - 1];
      const next = directsInOrder[i + 1];
      const prevR = prev && resolved.get(prev);
      const nextR = next && resolved.get(next);
      // A paragraph left open continues into the next one.
      if (c.region && c.region.close < 0 && next && next.paragraph === c.paragraph + 1 && nextR) {
        resolved.set(c, { ...nextR, evidence: [...nextR.evidence, `quotation continues in the next paragraph (${next.start}-${next.end})`] });
        return;
      }
      if (prev && prevR && (prev.paragraph === c.paragraph || (prev.paragraph === c.paragraph - 1 && c.region && c.region.open === ctx.paragraphs[c.paragraph].start))) {
        const how = prev.paragraph === c.paragraph ? 'continues the quotation split by its attribution' : 'continues the previous paragraph\'s quotation';
        resolved.set(c, { ...prevR, evidence: [...prevR.evidence, `${how} (${prev.start}-${prev.end})`] });
      }
    });
  }

  const spans: QuoteSpan[] = [];
  for (const c of kept) {
    const r = resolved.get(c);
    const span: QuoteSpan = {
      kind: 'quote',
      start: c.start,
      end: c.end,
      quoteKind: c.quoteKind,
      speaker: r?.name ?? null,
      cue: r?.cue ?? null,
      evidence: [...c.evidence, ...(r?.evidence ?? ['no attribution found'])],
    };
    if (r && r.name !== null && r.start !== undefined) {
      span.speakerStart = r.start;
      span.speakerEnd = r.end;
    }
    spans.push(span);
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}
