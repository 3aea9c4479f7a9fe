/**
 * Attribution vocabulary and the parsing of speaker phrases ("Head coach Martin Dallow",
 * "Mina Yoo, a former defence ministry official,", "the 52-year-old", "she").
 * Everything works on offsets into the one text so speakers keep provenance.
 */

function forms(...lemmas: string[][]): Set<string> {
  return new Set(lemmas.flat());
}

/** Verbs that attribute a direct quotation. */
export const QUOTE_VERBS = forms(
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['add', 'adds', 'added', 'adding'],
  ['tweet', 'tweets', 'tweeted'],
  ['write', 'writes', 'wrote'],
  ['post', 'posts', 'posted'],
  ['insist', 'insists', 'insisted'],
  ['claim', 'claims', 'claimed'],
  ['state', 'states', 'stated'],
  ['explain', 'explains', 'explained'],
  ['note', 'notes', 'noted'],
  ['warn', 'warns', 'warned'],
  ['argue', 'argues', 'argued'],
  ['concede', 'concedes', 'conceded'],
  ['admit', 'admits', 'admitted'],
  ['confirm', 'confirms', 'confirmed'],
  ['announce', 'announces', 'announced'],
  ['reveal', 'reveals', 'revealed'],
  ['ask', 'asks', 'asked'],
  ['reply', 'replies', 'replied'],
  ['respond', 'responds', 'responded'],
  ['recall', 'recalls', 'recalled'],
  ['joke', 'jokes', 'joked'],
  ['laugh', 'laughs', 'laughed'],
  ['fume', 'fumes', 'fumed'],
  ['quip', 'quips', 'quipped'],
  ['declare', 'declares', 'declared'],
  ['acknowledge', 'acknowledges', 'acknowledged'],
  ['suggest', 'suggests', 'suggested'],
  ['predict', 'predicts', 'predicted'],
  ['urge', 'urges', 'urged'],
  ['exclaim', 'exclaims', 'exclaimed'],
  ['shout', 'shouts', 'shouted'],
  ['whisper', 'whispers', 'whispered'],
  ['continue', 'continues', 'continued'],
  ['agree', 'agrees', 'agreed'],
  ['disagree', 'disagrees', 'disagreed'],
  ['complain', 'complains', 'complained'],
  ['boast', 'boasts', 'boasted'],
  ['remark', 'remarks', 'remarked'],
  ['observe', 'observes', 'observed'],
  ['stress', 'stresses', 'stressed'],
  ['emphasise', 'emphasises', 'emphasised', 'emphasize', 'emphasizes', 'emphasized'],
  ['maintain', 'maintains', 'maintained'],
  ['deny', 'denies', 'denied'],
  ['promise', 'promises', 'promised'],
  ['vow', 'vows', 'vowed'],
  ['assert', 'asserts', 'asserted'],
  ['contend', 'contends', 'contended'],
  ['allege', 'alleges', 'alleged'],
  ['testify', 'testifies', 'testified'],
  ['text', 'texted'],
  ['snap', 'snapped'],
  ['sigh', 'sighs', 'sighed'],
);

/**
 * Verbs that introduce reported (indirect) speech. Narrower than QUOTE_VERBS: "she laughed
 * the talks had failed" is not English, and "asked" takes a question, not a claim.
 */
export const REPORT_VERBS = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'insisted', 'insists', 'claimed', 'claims', 'stated',
  'states', 'explained', 'noted', 'notes', 'warned', 'warns', 'argued', 'argues', 'conceded', 'concedes',
  'admitted', 'admits', 'confirmed', 'confirms', 'announced', 'revealed', 'reveals', 'wrote', 'writes',
  'tweeted', 'posted', 'acknowledged', 'suggested', 'predicted', 'maintained', 'maintains', 'denied',
  'denies', 'promised', 'vowed', 'asserted', 'contended', 'alleged', 'testified', 'stressed', 'stresses',
  'emphasised', 'emphasized', 'say',
]);

/** Honorifics kept in the surface name (a normaliser strips them; see normaliseSpeaker). */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'president', 'sir', 'dame', 'lord', 'lady']);

/** Role words that stand before a name but are not part of it. */
const ROLE_WORDS = new Set([
  'minister', 'secretary', 'senator', 'sen', 'governor', 'gov', 'speaker', 'captain', 'capt', 'ambassador',
  'judge', 'justice', 'chancellor', 'mayor', 'councillor', 'councilor', 'cllr', 'coach', 'manager',
  'chairman', 'chairwoman', 'chair', 'director', 'officer', 'executive', 'chief', 'spokesman',
  'spokeswoman', 'spokesperson', 'general', 'gen', 'colonel', 'col', 'lieutenant', 'lt', 'sergeant', 'sgt',
  'commander', 'admiral', 'prosecutor', 'detective', 'det', 'inspector', 'superintendent', 'constable',
  'sheriff', 'representative', 'rep', 'congressman', 'congresswoman', 'mp', 'mep', 'deputy', 'vice',
  'premier', 'king', 'queen', 'prince', 'princess', 'pope', 'bishop', 'archbishop', 'father', 'rabbi',
  'imam', 'sheikh', 'emir', 'sultan', 'ceo', 'cfo', 'cto', 'founder', 'striker', 'midfielder', 'defender',
  'goalkeeper', 'driver', 'star', 'legend', 'chef', 'singer', 'novelist', 'author', 'analyst', 'economist',
  'attorney', 'counsel', 'leader', 'head', 'principal', 'trustee', 'commissioner', 'auditor', 'coordinator',
  'editor', 'reporter', 'correspondent', 'producer', 'actor', 'actress', 'rapper', 'captain', 'skipper',
]);

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'that', 'one', 'some', 'another']);

/** Words dropped from the left of a subject phrase: conjunctions, subordinators, sentence adverbs. */
const LEAD_FILLERS = new Set([
  'but', 'and', 'so', 'yet', 'or', 'when', 'while', 'as', 'after', 'though', 'although', 'because', 'if',
  'perhaps', 'meanwhile', 'however', 'still', 'now', 'also', 'instead', 'indeed', 'then', 'later', 'earlier',
  'since', 'once', 'until', 'before', 'where', 'whereas', 'separately', 'elsewhere', 'yesterday', 'today',
]);

/** Auxiliaries and adverbs between a subject and its speech verb ("has also said"). */
const PRE_VERB = new Set(['now', 'long', 'publicly', 'privately', 'openly', 'consistently', 'separately', 'still', 'has', 'have', 'had', 'also', 'later', 'then', 'previously', 'earlier', 'once', 'repeatedly', 'again', 'quickly', 'simply', 'just', 'famously', 'reportedly', 'allegedly', 'recently', 'often', 'always', 'never', 'first', 'subsequently', 'already', 'since', 'even', 'apparently', 'originally', 'initially', 'finally', 'personally', 'officially', 'formally', 'explicitly', 'directly', 'briefly', 'flatly', 'firmly', 'strongly', 'clearly', 'bluntly', 'candidly', 'would', 'will', 'may', 'might', 'could', 'did']);

const NAME_CONNECTORS = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'del', 'di', 'du', 'le', 'la', 'bin', 'al', 'el', 'ibn', 'ter', 'dos', 'das']);

const PREPOSITIONS = new Set(['in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'after', 'before', 'during', 'about', 'of', 'over', 'under', 'outside', 'inside', 'near', 'following', 'despite', 'amid', 'within', 'without', 'since', 'until', 'across', 'through', 'into', 'upon', 'last', 'this', 'speaking']);

/** Irregular past forms; a phrase holding one is a clause ("His deputy went further"), not a subject. */
export const IRREGULAR_PAST = new Set(
  ('grew fell rose won lost made took gave said told went came saw became began held kept left led met paid put ran sent set sold ' +
    'spent stood struck thought brought bought built chose cut drew drove fought found flew forgot froze got hid hit hurt knew ' +
    'laid lent let lit meant quit rode rang sank shook shot shut sang sat slept slid spoke spun stole stuck swore swept swam taught ' +
    'tore threw understood woke wore wrote broke beat bore caught dealt dug fed felt fled forbade forgave ground hung heard lay ' +
    'overtook sought shrank sprang stank stung strove withdrew wound').split(' '),
);

/** Words that can only be a finite verb in a subject position. */
const CLAUSE_VERB = /^(was|were|is|are|will|would|could|should|did|does|do|can|went|came|got|made|took|gave|hit|told|said)$/;

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

/** Words that make a capitalised run an organisation or a place rather than a person. */
const NON_PERSON_WORDS = new Set([
  'bank', 'group', 'institute', 'university', 'ministry', 'agency', 'wire', 'times', 'post', 'courier',
  'ledger', 'capital', 'securities', 'research', 'party', 'council', 'committee', 'alliance', 'union',
  'association', 'company', 'inc', 'ltd', 'corp', 'plc', 'llc', 'airlines', 'air', 'cross', 'watch',
  'ventures', 'payments', 'therapeutics', 'telecom', 'robotics', 'office', 'department', 'organization',
  'organisation', 'news', 'magazine', 'gazette', 'journal', 'herald', 'tribune', 'cup', 'league', 'club',
  'fc', 'united', 'city', 'county', 'state', 'states', 'republic', 'kingdom', 'nations', 'street', 'road',
  'avenue', 'square', 'house', 'hall', 'court', 'senate', 'parliament', 'congress', 'assembly', 'army',
  'navy', 'force', 'police', 'service', 'services', 'foundation', 'fund', 'trust', 'centre', 'center',
  'hospital', 'school', 'college', 'academy', 'museum', 'church', 'river', 'mountain', 'island', 'islands',
  'sea', 'ocean', 'bay', 'valley', 'province', 'region', 'district', 'airport', 'station', 'stadium',
  'park', 'motors', 'energy', 'oil', 'gas', 'holdings', 'partners', 'capital', 'media', 'press', 'tv',
  'radio', 'network', 'corporation', 'board', 'commission', 'authority', 'administration', 'treasury',
  'grand', 'slam', 'prix', 'open', 'championship', 'olympics', 'games', 'world', 'global', 'international',
  'national', 'federal', 'central', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'phase', 'nasdaq', 'reuters', 'twitter', 'instagram', 'facebook',
  'north', 'south', 'east', 'west', 'new', 'saudi', 'hong', 'sri', 'los', 'san', 'santa', 'formula', 'one',
]);

/** Capitalised words that open sentences as ordinary plural nouns, not names. */
const COMMON_CAPITALISED = new Set([
  'officials', 'analysts', 'experts', 'economists', 'residents', 'witnesses', 'police', 'prosecutors',
  'critics', 'sources', 'researchers', 'scientists', 'doctors', 'investors', 'traders', 'protesters',
  'lawmakers', 'authorities', 'officers', 'investigators', 'diplomats', 'activists', 'campaigners',
  'locals', 'villagers', 'fans', 'players', 'workers', 'staff', 'regulators', 'observers', 'magistrates',
  'families', 'parents', 'teachers', 'students', 'voters', 'ministers', 'leaders', 'organisers', 'organizers',
]);

export interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.\-]*/gu;

/** Word tokens of text[from, to), with dots trimmed except on initials and abbreviations. */
export function tokenize(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  const slice = text.slice(from, to);
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    let word = m[0];
    // Keep the dot on "Dr." or "J." (short capitalised); trailing dots elsewhere end a sentence.
    while (/[.\-'’]$/.test(word) && !(/^\p{Lu}[\p{L}]{0,3}\.$/u.test(word) && word.length <= 5)) word = word.slice(0, -1);
    if (!word) continue;
    out.push({ text: word, start: from + m.index, end: from + m.index + word.length });
  }
  return out;
}

function bare(word: string): string {
  return word.toLowerCase().replace(/\.$/, '');
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isPossessive(word: string): boolean {
  return /['’]s$/.test(word) || /s['’]$/.test(word);
}

export interface SpeakerPhrase {
  text: string;
  start: number;
  end: number;
  kind: 'name' | 'description' | 'pronoun';
}

/**
 * Read one comma-free phrase as a speaker: a pronoun, a person or organisation name with
 * role words dropped ("Head coach Martin Dallow" → "Martin Dallow"), or a description kept
 * whole ("the 52-year-old", "a Skylark spokeswoman", "Officials in the ministry").
 */
export function readPhrase(text: string, from: number, to: number): SpeakerPhrase | null {
  let tokens = tokenize(text, from, to);
  while (tokens.length && LEAD_FILLERS.has(tokens[0].text.toLowerCase())) tokens = tokens.slice(1);
  if (!tokens.length) return null;
  if (tokens.length === 1 && PRONOUNS.has(tokens[0].text.toLowerCase())) {
    return { text: tokens[0].text, start: tokens[0].start, end: tokens[0].end, kind: 'pronoun' };
  }
  if (tokens.length > 9) return null;
  if (tokens.every((t) => DETERMINERS.has(t.text.toLowerCase()))) return null;
  const lowers = tokens.map((t) => t.text.toLowerCase());
  // A phrase holding a finite verb is a clause, not a subject.
  if (lowers.some((w) => CLAUSE_VERB.test(w))) return null;
  if (PREPOSITIONS.has(lowers[0]) && !DETERMINERS.has(lowers[0])) return null;
  if (/^(who|which|whose|whom|where|aged)$/.test(lowers[0]) || /^\d+$/.test(tokens[0].text)) return null;

  const whole = (): SpeakerPhrase => ({
    text: text.slice(tokens[0].start, tokens[tokens.length - 1].end),
    start: tokens[0].start,
    end: tokens[tokens.length - 1].end,
    kind: 'description',
  });

  // Trailing capitalised run (name connectors allowed inside).
  let r = tokens.length - 1;
  if (!isCapitalised(tokens[r].text)) return whole();
  while (r - 1 >= 0) {
    const w = tokens[r - 1].text;
    if (isCapitalised(w) && !isPossessive(w) && !DETERMINERS.has(w.toLowerCase())) r--;
    else if (NAME_CONNECTORS.has(w) && r - 2 >= 0 && isCapitalised(tokens[r - 2].text)) r--;
    else break;
  }
  const run = tokens.slice(r);
  let lastRole = -1;
  run.forEach((t, i) => {
    if (ROLE_WORDS.has(bare(t.text))) lastRole = i;
  });
  let tail = run.slice(lastRole + 1);
  if (lastRole >= 0 && tail.length && HONORIFICS.has(bare(run[lastRole].text))) tail = run.slice(lastRole);
  if (!tail.length) return whole();
  // "the Spaniard", "the President": a determiner and one capitalised word describe, not name.
  if (r > 0 && r === tokens.length - 1 && DETERMINERS.has(lowers[r - 1]) && r - 1 === 0) return whole();
  if (tail.length === 1 && r === 0 && COMMON_CAPITALISED.has(lowers[r])) return whole();
  // A name never ends in a title: "the US President" is a role description.
  if (HONORIFICS.has(bare(tail[tail.length - 1].text))) return whole();
  return { text: text.slice(tail[0].start, tail[tail.length - 1].end), start: tail[0].start, end: tail[tail.length - 1].end, kind: 'name' };
}

interface Segment {
  start: number;
  end: number;
}

function splitCommas(text: string, from: number, to: number): Segment[] {
  const segs: Segment[] = [];
  let s = from;
  for (let i = from; i < to; i++) {
    if (text[i] === ',') {
      segs.push({ start: s, end: i });
      s = i + 1;
    }
  }
  segs.push({ start: s, end: to });
  return segs.filter((g) => text.slice(g.start, g.end).trim().length > 0);
}

/**
 * The speaker phrase standing before a verb that starts at `verbStart`, looking no further
 * left than `from`. Handles appositives on either side of the name:
 * "Mina Yoo, a former defence ministry official, said" and
 * "The chair of the talks, Ambassador Kwame Asante, said".
 */
export function subjectBefore(text: string, from: number, verbStart: number): SpeakerPhrase | null {
  // "His deputy went further, telling the BBC ...": a participle takes the main clause's subject.
  if (/^\p{Ll}+ing\b/u.test(text.slice(verbStart, verbStart + 20)) && /,\s*$/.test(text.slice(from, verbStart))) {
    const toks = tokenize(text, from, verbStart);
    const k = toks.findIndex((t, i) => i > 0 && (CLAUSE_VERB.test(t.text) || IRREGULAR_PAST.has(t.text) || /^\p{Ll}{3,}ed$/u.test(t.text)));
    if (k > 0) return readPhrase(text, toks[0].start, toks[k - 1].end);
  }
  let end = verbStart;
  // Drop auxiliaries and adverbs right before the verb.
  for (;;) {
    const toks = tokenize(text, from, end);
    const last = toks[toks.length - 1];
    if (last && PRE_VERB.has(last.text.toLowerCase()) && text.slice(last.end, end).trim() === '') end = last.start;
    else break;
  }
  const left = text.slice(from, end);
  if (!left.trim()) return null;
  if (/,\s*$/.test(left)) {
    const segs = splitCommas(text, from, end);
    const phrases = segs.map((g) => readPhrase(text, g.start, g.end));
    const name = phrases.find((p) => p && p.kind === 'name');
    if (name) return name;
    const first = phrases.find((p) => p !== null);
    return first ?? null;
  }
  const segs = splitCommas(text, from, end);
  const last = segs[segs.length - 1];
  return readPhrase(text, last.start, last.end);
}

/** Speaker phrase after an inverted verb: `said Dr. Miriam Sato, Chief Medical Officer`. */
export function subjectAfter(text: string, verbEnd: number, limit: number): SpeakerPhrase | null {
  const rest = text.slice(verbEnd, limit);
  const m = /^\s+/.exec(rest);
  if (!m) return null;
  const from = verbEnd + m[0].length;
  const toks = tokenize(text, from, limit);
  if (!toks.length || toks[0].start !== from) return null;
  const first = toks[0].text.toLowerCase();
  if (PRONOUNS.has(first)) return { text: toks[0].text, start: toks[0].start, end: toks[0].end, kind: 'pronoun' };
  let stop = toks.length;
  if (isCapitalised(toks[0].text) && !DETERMINERS.has(first)) {
    // Name: the capitalised run, then drop leading role words.
    let k = 1;
    while (k < toks.length && text.slice(toks[k - 1].end, toks[k].start).trim() === '' &&
      (isCapitalised(toks[k].text) || (NAME_CONNECTORS.has(toks[k].text) && k + 1 < toks.length && isCapitalised(toks[k + 1].text)))) k++;
    stop = k;
  } else {
    // Description: up to a comma, a stop word or the end.
    for (let k = 1; k < toks.length; k++) {
      const between = text.slice(toks[k - 1].end, toks[k].start);
      if (/[,.;:!?"“”]/.test(between) || /^(in|on|at|after|when|while|who|which|as|during|before|adding|according|told|to)$/.test(toks[k].text)) {
        stop = k;
        break;
      }
    }
    if (stop > 8) return null;
  }
  const p = readPhrase(text, toks[0].start, toks[stop - 1].end);
  return p;
}

/** Loose person test for a capitalised phrase (used when no NER mentions are supplied). */
export function looksLikePerson(name: string): boolean {
  const words = name.split(/\s+/).map(bare);
  if (words.some((w) => NON_PERSON_WORDS.has(w))) return false;
  return words.every((w) => /^\p{L}/u.test(w));
}

export function isHonorific(word: string): boolean {
  return HONORIFICS.has(bare(word));
}

export function isRoleWord(word: string): boolean {
  return ROLE_WORDS.has(bare(word));
}

export function isDeterminer(word: string): boolean {
  return DETERMINERS.has(word.toLowerCase());
}

export function isPreposition(word: string): boolean {
  return PREPOSITIONS.has(word.toLowerCase());
}

export function isNameConnector(word: string): boolean {
  return NAME_CONNECTORS.has(word);
}

export function isCommonCapitalised(word: string): boolean {
  return COMMON_CAPITALISED.has(word.toLowerCase());
}

/**
 * A comparable form of a speaker: honorifics, leading determiners and possessives dropped,
 * lower case. "Dr. Miriam Sato" → "miriam sato"; "the US President" → "us president".
 */
export function normaliseSpeaker(name: string): string {
  const words = name
    .replace(/['’]s\b/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.,]/g, ''));
  while (words.length > 1 && (DETERMINERS.has(words[0].toLowerCase()) || HONORIFICS.has(words[0].toLowerCase()))) words.shift();
  return words.join(' ').toLowerCase();
}
