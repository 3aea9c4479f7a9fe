import { normaliseKey } from './signals.js';

/**
 * Is this string a person's name, as a byline would give it? Extractors commonly return
 * "Published 5 min ago", "Staff", or the outlet's own name as the author; this guard is
 * the single place that decides, so every author signal is judged the same way.
 */

const NOT_NAME_WORDS = new Set(
  [
    'staff', 'reporter', 'reporters', 'writer', 'writers', 'correspondent', 'editor', 'editors', 'editorial',
    'desk', 'team', 'news', 'newsroom', 'agency', 'agencies', 'wire', 'wires', 'press', 'associated', 'reuters',
    'afp', 'ap', 'bloomberg', 'published', 'updated', 'posted', 'modified', 'read', 'min', 'mins', 'minutes',
    'hours', 'ago', 'share', 'print', 'email', 'comments', 'comment', 'admin', 'administrator', 'contributor',
    'contributors', 'guest', 'online', 'digital', 'times', 'post', 'daily', 'herald', 'journal', 'tribune',
    'service', 'services', 'media', 'group', 'inc', 'ltd', 'llc', 'photo', 'photos', 'video', 'image', 'images',
    'getty', 'shutterstock', 'follow', 'twitter', 'facebook', 'view', 'profile', 'more', 'articles', 'article',
    'about', 'author', 'authors', 'the', 'and', 'of', 'for', 'in', 'on', 'at', 'with', 'from', 'today', 'yesterday',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
    'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar',
    'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'opinion', 'analysis', 'sponsored', 'partner',
    'content', 'bureau', 'chief', 'senior', 'political', 'foreign', 'business', 'sports', 'world', 'national',
    'unknown', 'anonymous', 'channel', 'network', 'broadcasting', 'magazine', 'week',
  ],
);

/** Lower-case particles that may sit inside a name ("Ludwig van Beethoven", "Ramon Pacheco Pardo"). */
const NAME_PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'bin', 'binti', 'al', 'el', 'la', 'le', 'du', 'dos', 'das', 'ter', 'ten', 'y', 'ibn', 'st.']);

const NAME_TOKEN = /^(?:\p{Lu}[\p{Ll}\p{Lu}'’]*(?:[-‐][\p{L}][\p{Ll}'’]*)*\.?|\p{Lu}\.(?:\p{Lu}\.)*|(?:Mc|Mac|O['’])\p{Lu}\p{Ll}+)$/u;

export interface NameCheck {
  ok: boolean;
  reason: string;
}

export function checkPersonName(candidate: string, opts: { outlet?: string | null } = {}): NameCheck {
  const name = candidate.trim();
  if (name.length < 4) return { ok: false, reason: 'too short for a name' };
  if (name.length > 60) return { ok: false, reason: 'too long for a name' };
  if (/\d/.test(name)) return { ok: false, reason: 'contains digits (a date or a count, not a name)' };
  if (/[@/:|]|https?|www\./i.test(name)) return { ok: false, reason: 'looks like an address, not a name' };
  if (opts.outlet && normaliseKey(name.replace(/^the\s+/i, '')) === normaliseKey(opts.outlet.replace(/^the\s+/i, ''))) {
    return { ok: false, reason: "is the outlet's own name" };
  }
  const tokens = name.split(/\s+/);
  const nameTokens = tokens.filter((t) => !NAME_PARTICLES.has(t.toLowerCase()));
  if (nameTokens.length < 2) return { ok: false, reason: 'a single word is not a full name' };
  if (tokens.length > 5) return { ok: false, reason: 'too many words for a name' };
  for (const t of tokens) {
    const bare = t.replace(/[.,]$/, '');
    if (NOT_NAME_WORDS.has(bare.toLowerCase())) return { ok: false, reason: `contains "${bare}", a word that is not part of names` };
    if (NAME_PARTICLES.has(t.toLowerCase())) continue;
    if (!NAME_TOKEN.test(t)) return { ok: false, reason: `"${t}" is not a capitalised name word` };
  }
  if (tokens.every((t) => t.length > 1 && t === t.toUpperCase() && /\p{L}{2}/u.test(t))) {
    // All-caps words of two or more letters are usually agencies or desks ("AFP STAFF").
    return { ok: false, reason: 'all capitals: an agency or desk, not a person' };
  }
  return { ok: true, reason: 'capitalised words shaped like a personal name' };
}


/**
 * Split a byline into its people: "By Jane Doe and John Roe, Staff Reporters" → two names.
 * Trailing roles, places and outlet names are cut before the name check, not after,
 * so "Jane Doe in Seoul" still yields "Jane Doe".
 */
export function splitByline(byline: string): string[] {
  let s = byline
    .replace(/^\s*(?:written\s+)?by[:\s]+/i, '')
    .replace(/\s*[|•·]\s*.*$/, '')
    .replace(/\S+@\S+/g, ' ');
  s = s.replace(/\b(?:staff|senior|chief|special|foreign|political)?\s*(?:reporter|writer|correspondent|editor|contributor)s?\b.*$/i, '');
  s = s.replace(/\s+(?:in|for|from|at)\s+(?:the\s+)?\p{Lu}[\p{L}\s.-]*$/u, '');
  return s
    .split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|;)\s*/i)
    .map((p) => p.trim().replace(/[.,;:]+$/, ''))
    .filter((p) => p.length > 0);
}
