/**
 * Tokenizer for news prose with character offsets. It follows Penn-Treebank habits closely
 * enough that the model sees at run time the kind of tokens it was trained on (GUM is
 * PTB-tokenised): clitics and possessive 's split, punctuation and quotes split,
 * abbreviations such as "U.S." and "Mr." kept whole. Hyphenated compounds are split at the
 * hyphen ("Jong-un" is "Jong" "-" "un") as GUM does, except after prefixes GUM keeps
 * attached ("pro-Beijing", "re-elected"); a name's span still covers the whole compound.
 */

export interface NerToken {
  text: string;
  start: number;
  end: number;
}

/** Lower-cased, without the final dot. Titles and common news abbreviations whose dot is not a full stop. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cpl adm cmdr maj brig st ste mt ft jr sr ' +
    'rev hon pres supt det insp messrs mssrs mme mlle inc corp ltd co bros llc plc dept univ assn ' +
    'vs v etc no nos vol ed eds est approx fig jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mon tue tues wed thu thur thurs fri sat sun ave blvd rd hwy al ph op cf pp ca dist'
  ).split(' '),
);

/** Titles after which a capitalised word never starts a new sentence. */
const TITLES = new Set('mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cpl adm cmdr maj brig st rev hon pres supt det insp messrs mme mlle'.split(' '));

const OPENING = new Set(['"', "'", '(', '[', '{', '“', '‘', '«', '‹', '„', '¿', '¡', '`', '<']);
const CLOSING = new Set(['"', "'", ')', ']', '}', '”', '’', '»', '›', ',', ';', ':', '!', '?', '…', '>', '*']);
const DASHES = /[—–]|--+/;

const CLITIC = /^(.+?)(n't|N'T|n’t|N’T|'s|'S|’s|’S|'re|'RE|’re|'ve|'VE|’ve|'ll|'LL|’ll|'d|'D|’d|'m|'M|’m)$/;
const INITIALISM = /^(?:\p{L}\.){2,}$/u;
const SINGLE_INITIAL = /^\p{Lu}\.$/u;
const NUMBER = /^[+-]?\d[\d,]*(?:\.\d+)?$/;
const URLISH = /^(?:https?:\/\/|www\.)\S+$|^[\w.+-]+@[\w-]+\.[\w.-]+$/i;

/** Splits `text` into tokens whose offsets index `text` exactly. */
export function tokenize(text: string): NerToken[] {
  const out: NerToken[] = [];
  const ws = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = ws.exec(text)) !== null) splitChunk(m[0], m.index, out);
  return out;
}

function push(out: NerToken[], text: string, start: number): void {
  if (text.length > 0) out.push({ text, start, end: start + text.length });
}

const BARE_CLITIC = /^(?:['’](?:s|re|ve|ll|d|m)|n['’]t)$/i;

function splitChunk(chunk: string, start: number, out: NerToken[]): void {
  if (BARE_CLITIC.test(chunk)) {
    push(out, chunk, start);
    return;
  }
  if (URLISH.test(chunk)) {
    // A URL keeps its dots, but sentence punctuation glued to its end is still punctuation.
    const t = /[.,;:!?)\]"'”’]+$/.exec(chunk);
    const cut = t ? chunk.length - t[0].length : chunk.length;
    push(out, chunk.slice(0, cut), start);
    if (cut < chunk.length) splitChunk(chunk.slice(cut), start + cut, out);
    return;
  }
  // Dashes between words ("Paris—the capital", "1990--95") separate tokens.
  const d = DASHES.exec(chunk);
  if (d && chunk.length > d[0].length) {
    if (d.index > 0) splitChunk(chunk.slice(0, d.index), start, out);
    push(out, d[0], start + d.index);
    const after = d.index + d[0].length;
    if (after < chunk.length) splitChunk(chunk.slice(after), start + after, out);
    return;
  }
  let s = 0;
  let e = chunk.length;
  const lead: NerToken[] = [];
  while (s < e && OPENING.has(chunk[s]!) && !isApostropheWord(chunk, s, e)) {
    lead.push({ text: chunk[s]!, start: start + s, end: start + s + 1 });
    s++;
  }
  if (s < e && chunk[s] === '$' && e - s > 1) {
    lead.push({ text: '$', start: start + s, end: start + s + 1 });
    s++;
  }
  const trail: NerToken[] = [];
  for (;;) {
    if (s >= e) break;
    const c = chunk[e - 1]!;
    if (c === '.' && e - s >= 3 && chunk.slice(e - 3, e) === '...') {
      trail.unshift({ text: '...', start: start + e - 3, end: start + e });
      e -= 3;
      continue;
    }
    // A closing apostrophe is split too: "dogs'" is "dogs" + "'" in PTB.
    if (CLOSING.has(c)) {
      trail.unshift({ text: c, start: start + e - 1, end: start + e });
      e--;
      continue;
    }
    if (c === '%' && e - s > 1) {
      trail.unshift({ text: '%', start: start + e - 1, end: start + e });
      e--;
      continue;
    }
    if (c === '.' && e - s > 1) {
      const body = chunk.slice(s, e);
      if (keepsDot(body)) break;
      trail.unshift({ text: '.', start: start + e - 1, end: start + e });
      e--;
      continue;
    }
    break;
  }
  for (const t of lead) out.push(t);
  if (s < e) pushWord(chunk.slice(s, e), start + s, out);
  for (const t of trail) out.push(t);
}

/** Prefixes that GUM keeps attached to the next word: "non-profit", "co-founder". */
const HYPHEN_PREFIXES = new Set(
  'non pro anti re co cross semi e pan mini multi post pre ex sub inter mid self neo pseudo quasi ultra vice'.split(' '),
);
const COMPOUND_HYPHEN = /^([\p{L}\d][\p{L}\d.']*)-(?=[\p{L}\d])/u;

function pushWord(word: string, start: number, out: NerToken[]): void {
  const h = COMPOUND_HYPHEN.exec(word);
  if (h && !HYPHEN_PREFIXES.has(h[1]!.toLowerCase()) && !NUMBER.test(word)) {
    push(out, h[1]!, start);
    push(out, '-', start + h[1]!.length);
    pushWord(word.slice(h[0].length), start + h[0].length, out);
    return;
  }
  const c = CLITIC.exec(word);
  if (c && /\p{L}/u.test(c[1]!)) {
    push(out, c[1]!, start);
    push(out, c[2]!, start + c[1]!.length);
  } else {
    push(out, word, start);
  }
}

/** "'90s", "'em": an apostrophe that begins a word rather than opening a quote. */
function isApostropheWord(chunk: string, s: number, e: number): boolean {
  const c = chunk[s];
  if (c !== "'" && c !== '’') return false;
  return /^['’](?:\d0s|em|n|tis|twas)\b/i.test(chunk.slice(s, e)) && !/['’"”]$/.test(chunk.slice(s + 1, e));
}

function keepsDot(body: string): boolean {
  if (INITIALISM.test(body) || SINGLE_INITIAL.test(body)) return true;
  const bare = body.slice(0, -1);
  if (ABBREVIATIONS.has(bare.toLowerCase())) return true;
  // Numbered list markers and decimals are not sentence ends inside a token.
  if (/^\d+$/.test(bare) && bare.length <= 2) return false;
  if (/^\p{L}+\.\p{L}+\.?$/u.test(body) && body.length <= 6 && /\.\p{L}/u.test(body)) return true;
  return false;
}

/**
 * Sentence boundaries as [from, to) token index ranges. A newline always ends a sentence,
 * since the cleaner puts one between blocks; otherwise a full stop, "!" or "?" (with any
 * closing quotes or brackets) followed by a capital, digit or opening quote does.
 */
export function splitSentences(text: string, tokens: NerToken[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(tokens[i]!.end, next.start);
    let boundary = gap.includes('\n');
    if (!boundary && gap.length > 0) {
      const t = tokens[i]!.text;
      const endsSentence = t === '.' || t === '!' || t === '?' || t === '...' || t === '…';
      const closer = /^["'”’)\]»]$/.test(t) && i > 0 && /^[.!?]$/.test(tokens[i - 1]!.text);
      const abbrevEnd = INITIALISM.test(t) && t.length > 4 && /^\p{Lu}\p{Ll}/u.test(next.text) && !TITLES.has(t.slice(0, -1).toLowerCase());
      if ((endsSentence || closer) && /^[\p{Lu}\d"“‘'(\[]/u.test(next.text)) boundary = true;
      else if (abbrevEnd && /^(?:The|A|An|In|On|It|He|She|They|We|But|And)$/.test(next.text)) boundary = true;
    }
    if (boundary) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < tokens.length) out.push([from, tokens.length]);
  return out;
}
