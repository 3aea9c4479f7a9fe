/**
 * Name normalisation for entity resolution: what is left of a mention once titles,
 * honorifics, possessives, diacritics and the hyphen/space variants of transliterated
 * names are set aside. Kept apart from the resolver so the rules can be tested alone.
 */

/** Words that describe a role or address a person, never part of the name itself. */
const TITLE_WORDS = new Set(
  [
    'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'rev', 'reverend', 'fr', 'father',
    'president', 'vice', 'prime', 'minister', 'premier', 'chancellor', 'secretary', 'general', 'chairman', 'chairwoman', 'chair',
    'leader', 'king', 'queen', 'prince', 'princess', 'emperor', 'pope', 'governor', 'mayor', 'senator', 'sen', 'rep',
    'representative', 'congressman', 'congresswoman', 'ambassador', 'envoy', 'special', 'deputy', 'foreign', 'defence', 'defense',
    'state', 'us', 'u.s.', 'uk', 'chief', 'executive', 'ceo', 'judge', 'justice', 'officer', 'commander', 'colonel', 'col',
    'captain', 'capt', 'lieutenant', 'lt', 'sgt', 'sergeant', 'major', 'admiral', 'gen', 'coach', 'manager', 'director',
    'spokesman', 'spokeswoman', 'spokesperson', 'former', 'late', 'supreme', 'north', 'south', 'korean', 'american', 'chinese',
    'japanese', 'russian', 'british', 'french', 'german', 'national', 'security', 'adviser', 'advisor', 'analyst', 'the', 'first',
    'mrs.', 'mr.', 'ms.', 'dr.', 'prof.', 'gov', 'gov.', 'sen.', 'rep.', 'lt.', 'gen.', 'col.', 'capt.', 'st',
  ],
);

const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'bin', 'al', 'el', 'la', 'le', 'du', 'dos', 'das', 'ter', 'ibn']);

export interface NameParts {
  /** The surface with possessive and leading titles removed, as written (for display). */
  display: string;
  /** Lower-cased, diacritic-free name tokens; hyphenated parts stay one token. */
  tokens: string[];
  /** Tokens concatenated without separators: "Kim Jong-un" = "Kim Jong Un" = "kimjongun". */
  key: string;
  /** Title words that stood before the name ("US President"), lower-cased. */
  titles: string[];
}

export function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * `person: false` keeps leading words that would be titles before a person's name: in
 * "North Korea", "South Korean Foreign Ministry" or "U.S. Naval War College" they are part
 * of the name, and dropping them would make North and South Korea one place.
 */
export function nameParts(surface: string, opts: { person?: boolean } = {}): NameParts {
  let s = surface.replace(/\s+/g, ' ').trim().replace(/['’]s?$/u, '').replace(/[.,;:]+$/, '');
  const words = s.split(' ');
  const titles: string[] = [];
  const isTitle = opts.person === false ? (w: string) => w === 'the' : (w: string) => TITLE_WORDS.has(w);
  // Strip leading title words, but never the last word: "President" alone stays a mention.
  while (words.length > 1 && isTitle(words[0].toLowerCase())) titles.push(words.shift()!.toLowerCase());
  s = words.join(' ');
  const tokens = words
    .filter((w) => !/^\p{Lu}\.$/u.test(w) || words.length <= 2) // drop middle initials: "Donald J. Trump"
    .map((w) => foldDiacritics(w).toLowerCase().replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter((w) => w.length > 0);
  return { display: s, tokens, key: tokens.join('').replace(/-/g, ''), titles };
}

/**
 * Common romanised Chinese, Korean and Vietnamese family names. Written first, they stand
 * for the person on second reference ("Xi Jinping" ... "Xi"), which the name's shape alone
 * does not show when the given name is one unhyphenated word.
 */
const EAST_ASIAN_FAMILY_NAMES = new Set(
  (
    'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng ' +
    'cao peng zeng xiao tian dong yuan pan yu jiang cai wei xi lu jin du ye cheng su lyu ding ren shen yao qian fu fan zou xiong ' +
    'bai meng qin qiu hou jia xue yan duan lei long tao mao hao gu kong shao wan ' +
    'kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im shin seo suh kwon hwang ahn an yoo ' +
    'hong jeon chun ko koh moon mun son sohn bae baek paik heo hur nam noh roh ha kwak sung cha joo ju woo ri ryu pyo ' +
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ngo duong ly trinh'
  ).split(' '),
);

/** Tokens that can stand for the whole name on second reference: the family name. */
export function surnameForms(p: NameParts): string[] {
  const t = p.tokens.filter((x) => !PARTICLES.has(x));
  // "Van Jackson", "De Gaulle": a particle-led name is still a full name, and its last word is the family name.
  if (t.length === 1 && p.tokens.length >= 2) return [t[0].replace(/-/g, '')];
  if (t.length < 2) return [];
  const forms = new Set<string>();
  const last = t[t.length - 1].replace(/-/g, '');
  forms.add(last);
  // East Asian order: family name first ("Kim Jong-un" → "Kim"; "Moon Jae-in" → "Moon").
  // The given name is then often hyphenated or two short syllables.
  const looksEastAsian = t.length >= 2 && (t[1].includes('-') || (t.length === 3 && t[1].length <= 5 && t[2].length <= 5) || (t.length === 2 && t[1].includes('-')));
  if (looksEastAsian || (t.length === 2 && EAST_ASIAN_FAMILY_NAMES.has(t[0]))) forms.add(t[0]);
  // Compound surnames: "Ramon Pacheco Pardo" → "Pacheco Pardo".
  if (t.length >= 3) forms.add(t.slice(-2).join('').replace(/-/g, ''));
  return [...forms];
}

export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Two full names that are spelling variants of one person: the same number of name parts,
 * each part within a small edit distance, and never two different given names under one
 * family name ("Park Geun-hye" / "Park Ji-sung", "Lee Jae-myung" / "Lee Jae-yong").
 */
export function spellingVariants(a: NameParts, b: NameParts): { same: boolean; why: string } {
  if (a.key === b.key) return { same: true, why: `same name once titles, hyphens and spaces are set aside ("${a.display}" = "${b.display}")` };
  const ta = a.tokens.map((t) => t.replace(/-/g, ''));
  const tb = b.tokens.map((t) => t.replace(/-/g, ''));
  if (ta.length < 2 || tb.length < 2) return { same: false, why: 'single names are never merged by spelling' };
  if (ta.length === tb.length) {
    let total = 0;
    for (let i = 0; i < ta.length; i++) {
      const d = levenshtein(ta[i], tb[i], 2);
      // Each part may differ by one letter per five, never a whole syllable.
      if (d > Math.floor(Math.max(ta[i].length, tb[i].length) / 5)) return { same: false, why: `name part "${ta[i]}" differs from "${tb[i]}"` };
      total += d;
    }
    if (total <= 2) return { same: true, why: `spelling variants ("${a.display}" ~ "${b.display}", ${total} letter(s) apart)` };
  }
  return { same: false, why: 'different names' };
}

/** "UN" for "United Nations", "KF" for "Korea Foundation": an acronym of the capitalised words. */
export function isAcronymOf(short: string, long: string): boolean {
  const letters = short.replace(/\./g, '');
  if (!/^\p{Lu}{2,6}$/u.test(letters)) return false;
  const initials = long
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  return initials === letters;
}
