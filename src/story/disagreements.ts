import { type Doc, type SentenceSpan, spansOf } from '../core/doc.js';
import { contextWords } from './cross-dating.js';
import { contentWords } from './similarity.js';

/**
 * Where sources disagree. Two kinds are found:
 *
 * - figures: different numbers for one quantity. One quantity means the same counted noun
 *   ("strikers") and the same event words around both figures ("joined the picket"), so
 *   a workforce of 1,150 people and a picket of 200 people never pair. Two figures from
 *   one speaker are an update, not a disagreement ("38 incidents, up from 31").
 * - denials: a claim met by a denial that targets it. The denial must share what the claim
 *   says (its predicate and object words, "move production", "warning"), not only who it
 *   is about: two sentences naming the same minister are not a disagreement. Pairs across
 *   speakers and sources rank first, and one speaker never disagrees with themself.
 *
 * Each side keeps its speaker, document and sentence offsets.
 */

export interface DisagreementSide {
  claim: string;
  speaker: string | null;
  doc: string;
  start: number;
  end: number;
}

export interface Disagreement {
  topic: string;
  kind: 'figures' | 'denial';
  sides: DisagreementSide[];
  score: number;
  evidence: string;
}

/** Cues that make a sentence deny or rebut something. */
const DENIAL = /\b(?:denied|denies|deny|denying|refuted|refutes|refute|rebutted|rejected|rejects|dismissed|dismisses|disputed|disputes|contested|contests|contradicted|not true|untrue|false|no (?:plans?|record|evidence|truth|basis)|never|has not|have not|had not|did not|does not|do not|was not|were not|is not|are not)\b/i;
/** The strong cues: enough on their own to make the sentence a denial rather than a negative statement. */
const STRONG_DENIAL = /\b(?:denied|denies|deny|denying|refuted|refutes|refute|rebutted|rejected (?:the |any |all )?(?:claims?|allegations?|suggestions?|reports?|accusations?)|rejects (?:the |any |all )?(?:claims?|allegations?|suggestions?|reports?|accusations?)|dismissed (?:the )?(?:claims?|allegations?|suggestions?|reports?)|disputed|disputes|contested|not true|untrue|no (?:plans?|record|evidence|truth|basis))\b/i;

/** Words that say who spoke or how, or that appear everywhere: never what a claim is about. */
const GENERIC = new Set(
  'said says say told tell telling added according claimed claims claim claiming insisted insists stated statement spokesman spokeswoman spokesperson denied denies deny denying rejected rejects dismissed disputed refuted contradicted reported reports report also would could should several many much more less other others another first last next year years day days week weeks month months time times people thing things plans plan record evidence true untrue false never flatly strongly firmly repeated repeatedly yesterday today need needs needed want wants make made take taken get got going come came around about nearly almost least some only just'.split(
    ' ',
  ),
);

/** A crude stem, so that "recommended" meets "recommendation" and "moving" meets "move". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (/[^aeiou]ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (w.length > 5) w = w.replace(/(?:ations?|ments?|ings?|ions?|edly|ed|es|ly|s)$/, '');
  else if (w.length > 3) w = w.replace(/(?:es|s)$/, '');
  return w.length > 3 ? w.replace(/e$/, '') : w;
}

interface Sentence {
  doc: Doc;
  span: SentenceSpan;
  text: string;
  speaker: string | null;
  /** Stemmed content words that are not part of a name. */
  words: Set<string>;
  names: Set<string>;
}

export function findDisagreements(docs: Doc[], opts: { max?: number } = {}): Disagreement[] {
  const sentences = docs.flatMap(sentencesOf);
  const targeted = rebuttals(sentences);
  const rebutting = new Set(targeted.map((d) => `${d.sides[1].doc}:${d.sides[1].start}`));
  const generic = denials(sentences).filter((d) => !rebutting.has(`${d.sides[1].doc}:${d.sides[1].start}`));
  const out = [...figureConflicts(docs), ...targeted, ...generic];
  out.sort((a, b) => b.score - a.score);
  return dedupe(out).slice(0, opts.max ?? 8);
}

/** A speaker as the quote layer gave it, cut at the verb it sometimes swallows ("Brannock has flatly"). */
export function cleanSpeaker(raw: string | null): string | null {
  if (!raw) return null;
  const cut = raw.split(/\s+(?=(?:has|have|had|is|was|were|are|said|says|told|released|which|who|that|flatly|also|then|later|on|in)\b)/)[0].replace(/[,;:]+$/, '').trim();
  if (!/^(?:the\s+)?[\p{Lu}]|^the\s+\p{Ll}/u.test(cut)) return null;
  if (/^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|it|he|she|they|we|i|this|that)$/i.test(cut)) return null;
  return cut.split(/\s+/).length <= 7 ? cut : null;
}

function speakerAt(doc: Doc, start: number, end: number): string | null {
  const q = spansOf(doc, 'quote').find((x) => x.start < end && start < x.end);
  return cleanSpeaker(q?.speaker ?? null);
}

/** "The union said ..." → "The union": who a clause attributes its claim to. */
export function attributedSource(clause: string): string | null {
  const m =
    /(?:^|[,;]\s*(?:(?:while|whereas|but|and)\s+)?|\bwhile\s+|\bbut\s+|\bwhereas\s+)((?:the\s+)?[\p{Lu}\p{Ll}][\p{L}'’ -]{1,60}?)\s+(?:has\s+|had\s+)?(?:said|says|say|puts?|claims?|claimed|estimated|estimates|reported|reports|counted|counts|insists?|insisted|told)\b/u.exec(clause) ??
    /\baccording to\s+((?:the\s+)?[\p{L}][\p{L}'’ -]{1,60}?)(?=[,.;]|$)/u.exec(clause);
  return m ? cleanSpeaker(m[1].trim()) : null;
}

function sentencesOf(doc: Doc): Sentence[] {
  const entities = spansOf(doc, 'entity');
  return spansOf(doc, 'sentence').map((span) => {
    const text = doc.text.slice(span.start, span.end);
    const names = new Set<string>();
    for (const e of entities) if (e.start >= span.start && e.end <= span.end) for (const w of contentWords(doc.text.slice(e.start, e.end))) names.add(stem(w));
    const words = new Set(contentWords(text).filter((w) => !GENERIC.has(w)).map(stem).filter((w) => !names.has(w) && w.length > 2));
    return { doc, span, text, speaker: attributedSource(text) ?? speakerAt(doc, span.start, span.end), words, names };
  });
}

function denials(sentences: Sentence[]): Disagreement[] {
  const df = new Map<string, number>();
  for (const s of sentences) for (const w of s.words) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log(1 + sentences.length / (df.get(w) ?? 1));
  const out: Disagreement[] = [];
  for (const d of sentences) {
    const cue = STRONG_DENIAL.exec(d.text);
    if (!cue) continue;
    // What is denied is what follows the cue ("denied that it intends to move production"),
    // or, for "X was denied by Y", what precedes it.
    const target = new Set(contentWords(d.text.slice(cue.index + cue[0].length)).map(stem).filter((w) => d.words.has(w)));
    const targetWords = target.size >= 2 ? target : d.words;
    let best: { c: Sentence; shared: string[]; weight: number } | null = null;
    for (const c of sentences) {
      if (c === d || (c.doc === d.doc && c.span.start === d.span.start)) continue;
      if (STRONG_DENIAL.test(c.text) || /\b(?:dismiss|reject|den(?:y|ied|ies|ying)|refut|disput|contest)\w*/i.test(c.text)) continue;
      if (c.speaker && d.speaker && sameSpeaker(c.speaker, d.speaker)) continue;
      // Names alone never make two sentences about the same claim.
      const shared = [...targetWords].filter((w) => c.words.has(w));
      if (shared.length < 2) continue;
      const weight = shared.reduce((s, w) => s + idf(w), 0);
      // A claim that is itself negative ("dismissed a leaked memo") is more likely the same
      // side restating its denial than the claim being denied.
      const across = (c.doc !== d.doc ? 0.5 : 0) + (c.speaker && d.speaker ? 0.75 : 0) - (DENIAL.test(c.text) ? 1.5 : 0);
      if (weight < 4) continue;
      if (!best || weight + across > best.weight) best = { c, shared, weight: weight + across };
    }
    if (!best) continue;
    const topic = surfaceWords(`${best.c.text} ${d.text}`, best.shared.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, 3));
    out.push({
      topic,
      kind: 'denial',
      sides: [best.c, d].map((s) => ({ claim: s.text, speaker: s.speaker, doc: s.doc.id, start: s.span.start, end: s.span.end })),
      score: 1 + best.weight / 4,
      evidence: `"${cue[0]}" in the second claim targets what the first says (shared words: ${best.shared.join(', ')})`,
    });
  }
  return out;
}

/** "refuted the American statement", "rejected the minister's account": a denial that names what it answers. */
const REBUTTAL = /\b(?:refuted|refutes|rebutted|rebuts|denied|denies|rejected|rejects|disputed|disputes|contradicted|contradicts|challenged|challenges)\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+|these\s+|those\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\p{L}'’-]+\s+){0,3}?(?:statement|statements|claim|claims|account|accounts|version|assertion|assertions|accusation|accusations|allegation|allegations|characteri[sz]ation|remarks|comments|report|reports|figure|figures|estimate|estimates)\b/iu;

/**
 * A rebuttal that names what it answers ("refuted the American statement") answers the
 * nearest earlier claim by another speaker that shares what the rebuttal is about; across
 * documents when the same document has none.
 */
function rebuttals(sentences: Sentence[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const d of sentences) {
    const cue = REBUTTAL.exec(d.text);
    if (!cue || !d.speaker) continue;
    const candidates = sentences.filter((c) => c !== d && c.speaker && !sameSpeaker(c.speaker, d.speaker!) && !REBUTTAL.test(c.text) && !STRONG_DENIAL.test(c.text));
    const sharing = (c: Sentence) => [...d.words].filter((w) => c.words.has(w));
    const before = candidates
      .filter((c) => c.doc === d.doc && c.span.end <= d.span.start && sharing(c).length >= 1)
      .sort((a, b) => b.span.start - a.span.start);
    const elsewhere = candidates.filter((c) => c.doc !== d.doc && sharing(c).length >= 2).sort((a, b) => sharing(b).length - sharing(a).length);
    const target = before[0] ?? elsewhere[0];
    if (!target) continue;
    const shared = sharing(target);
    out.push({
      topic: surfaceWords(`${target.text} ${d.text}`, shared.slice(0, 3)),
      kind: 'denial',
      sides: [target, d].map((x) => ({ claim: x.text, speaker: x.speaker, doc: x.doc.id, start: x.span.start, end: x.span.end })),
      score: 3 + shared.length / 2,
      evidence: `"${cue[0]}" answers an earlier claim by ${target.speaker} (shared words: ${shared.join(', ')})`,
    });
  }
  return out;
}

/** The words as written for a list of stems ("sanct" → "sanctions"), for a readable topic. */
function surfaceWords(text: string, stems: string[]): string {
  const words = contentWords(text);
  return stems.map((st) => words.find((w) => stem(w) === st) ?? st).join(', ');
}

function sameSpeaker(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/^the\s+/, '').trim();
  const x = norm(a).split(/\s+/);
  const y = norm(b).split(/\s+/);
  if (x.join(' ') === y.join(' ')) return true;
  // "Priya Anand" and "Anand"; but not "Corvane Mobility" and "a former engineer at Corvane Mobility".
  return x.length <= 3 && y.length <= 3 && x[x.length - 1] === y[y.length - 1];
}

interface FigureClaim {
  doc: Doc;
  sentence: SentenceSpan;
  start: number;
  end: number;
  value: number;
  unit: string;
  noun: string;
  about: string;
  /** Stemmed words near the figure that say what event it counts. */
  event: Set<string>;
  /** Stemmed words right after the figure and in its noun phrase: what it counts, loosely. */
  counted: Set<string>;
  speaker: string | null;
}

/** The clause of a sentence that holds an offset, split at semicolons and contrastive joins. */
function clauseAt(text: string, offset: number): string {
  let from = 0;
  for (const m of text.matchAll(/;|,\s*(?:while|whereas|but)\b|\bwhile\b|\bwhereas\b|\bbut\b/g)) {
    if (m.index! < offset) from = m.index!;
    else return text.slice(from, m.index!);
  }
  return text.slice(from);
}

function figureClaims(doc: Doc): FigureClaim[] {
  const sentences = spansOf(doc, 'sentence');
  const out: FigureClaim[] = [];
  const nounOf = (about: string | null) => {
    // The head of an English noun phrase is its last word: "overheating incidents".
    const w = contentWords(about ?? '');
    return w.length ? stem(w[w.length - 1]) : null;
  };
  const push = (start: number, end: number, value: number, unit: string, about: string, inherit?: FigureClaim) => {
    const noun = nounOf(about);
    const sentence = sentences.find((s) => s.start <= start && end <= s.end);
    if (!noun || !sentence) return;
    const text = doc.text.slice(sentence.start, sentence.end);
    const clause = clauseAt(text, start - sentence.start);
    const aboutWords = new Set(contentWords(about).map(stem));
    const event = new Set([...contextWords(doc, start, end).keys()].map(stem).filter((w) => w !== noun && !aboutWords.has(w) && !GENERIC.has(w)));
    // "puts the figure at 410" counts the very quantity of the figure before it.
    if (inherit) for (const w of inherit.event) event.add(w);
    const context = contextWords(doc, start, end);
    const counted = new Set([...aboutWords, ...[...context].filter(([, w]) => w >= 0.5).map(([x]) => stem(x))]);
    out.push({ doc, sentence, start, end, value, unit, noun, about, event, counted, speaker: attributedSource(clause) ?? speakerAt(doc, start, end) });
  };
  for (const f of spansOf(doc, 'figure')) {
    if (f.unit === 'percent' || f.about === null) continue;
    push(f.start, f.end, f.value, f.unit, f.about);
  }
  // "the union puts the figure at 410": a number for the quantity just mentioned.
  for (const m of doc.text.matchAll(/\b(?:puts?|put|says?|said|estimates?|estimated|claims?|claimed)\s+the\s+(?:figure|number|total|count|toll)\s+(?:at|is|was|as)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|more than\s+)?(\d{1,3}(?:,\d{3})+|\d+)\b/g)) {
    const at = m.index! + m[0].length - m[1].length;
    const before = out.filter((c) => c.doc === doc && c.start < at && at - c.start < 400).pop();
    if (before) push(at, at + m[1].length, Number(m[1].replace(/,/g, '')), before.unit, before.about, before);
  }
  return out;
}

function figureConflicts(docs: Doc[]): Disagreement[] {
  const claims = docs.flatMap(figureClaims);
  const best = new Map<string, Disagreement>();
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i];
      const b = claims[j];
      // The same counted noun, allowing for a phrase the figure layer cut short
      // ("38 fires or overheating incidents" against "14 confirmed incidents").
      const sameThing = a.noun === b.noun || a.counted.has(b.noun) || b.counted.has(a.noun);
      if (!sameThing || a.unit !== b.unit || a.value === b.value) continue;
      const ratio = Math.max(a.value, b.value) / Math.max(1, Math.min(a.value, b.value));
      if (ratio < 1.1 || ratio > 20) continue;
      // One speaker giving two numbers is an update or a breakdown, not a disagreement.
      if (a.speaker && b.speaker && sameSpeaker(a.speaker, b.speaker)) continue;
      if (!a.speaker && !b.speaker) continue;
      // The same event words around both figures, two at least: "joined the picket".
      const shared = [...a.event].filter((w) => b.event.has(w) && w !== a.noun && w !== b.noun);
      if (shared.length < 2) continue;
      if (isUpdate(a, b) || isUpdate(b, a)) continue;
      const score = 2 + shared.length / 2 + (a.doc !== b.doc ? 0.5 : 0) + (a.speaker && b.speaker ? 1 : 0);
      const [lo, hi] = a.value <= b.value ? [a, b] : [b, a];
      const key = `${a.noun}:${lo.value}:${hi.value}`;
      const current = best.get(key);
      if (current && current.score >= score) continue;
      best.set(key, {
        topic: `number of ${a.about}`,
        kind: 'figures',
        sides: [a, b].map((c) => ({ claim: c.doc.text.slice(c.sentence.start, c.sentence.end), speaker: c.speaker, doc: c.doc.id, start: c.sentence.start, end: c.sentence.end })),
        score,
        evidence: `${a.doc.text.slice(a.start, a.end)} (${a.speaker ?? 'unattributed'}) against ${b.doc.text.slice(b.start, b.end)} (${b.speaker ?? 'unattributed'}); same quantity: ${a.noun}, ${shared.slice(0, 4).join(', ')}`,
      });
    }
  }
  // A quantity argued over at several values reads as one disagreement, best pair first.
  const byNoun = new Map<string, Disagreement>();
  for (const [key, d] of best) {
    const noun = key.split(':')[0];
    const cur = byNoun.get(noun);
    if (!cur || d.score > cur.score) byNoun.set(noun, d);
  }
  return [...byNoun.values()];
}

/** "38 incidents, up from 31": the sentence gives the other figure as its own earlier value. */
function isUpdate(a: FigureClaim, b: FigureClaim): boolean {
  const text = a.doc.text.slice(a.sentence.start, a.sentence.end);
  const other = String(b.value).replace(/\B(?=(\d{3})+(?!\d))/g, ',?');
  return new RegExp(`\\b(?:up|down|rising|risen|rose|fell|fallen|increased|decreased|revised|raised|lowered|cut|grown|grew)\\b[^.;]{0,40}\\bfrom\\s+(?:about\\s+|around\\s+)?${other}\\b`, 'i').test(text);
}

function dedupe(xs: Disagreement[]): Disagreement[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const key = x.sides
      .map((s) => `${s.doc}:${s.start}`)
      .sort()
      .join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
