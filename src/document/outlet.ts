import type { OutletSpan } from '../core/doc.js';
import { type FactSources, type LocatedLine, jsonLdObjects, locateWithin, metaValues, normaliseKey } from './signals.js';

/**
 * The outlet that published the page. Signals vote: supplied value, site-name metadata,
 * JSON-LD publisher, the `<title>` suffix, and, for plain-text dumps, what page chrome
 * says of itself (copyright and masthead lines, "Join X's channel", the site's e-mail
 * domain, a masthead line repeated at the top). The URL's domain is the fallback.
 */

interface OutletVote {
  name: string;
  weight: number;
  where: LocatedLine | null;
  why: string;
}

const SELF_REFERENCE_PATTERNS: { re: RegExp; weight: number; why: string }[] = [
  { re: /^\s*(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?([^.|,]{2,60}?)[.,]?\s*(?:all rights reserved.*)?$/i, weight: 2, why: 'copyright line' },
  { re: /^\s*masthead\s*:\s*(.{2,60})$/i, weight: 3, why: 'masthead line' },
  { re: /\bjoin\s+(.{2,40}?)['’]s?\s+(?:telegram|whatsapp|signal|line)\s+channel/i, weight: 2, why: '"join our channel" prompt names the outlet' },
  { re: /\b(?:follow|subscribe to)\s+(.{2,40}?)\s+on\s+(?:twitter|facebook|instagram|telegram|google news)/i, weight: 1, why: '"follow us" prompt names the outlet' },
  { re: /^\s*(?:[Tt]his (?:article|story))\s+(?:was\s+)?(?:first\s+)?(?:appeared|published)\s+(?:in|on|by)\s+((?:[Tt]he\s+)?\p{Lu}[\p{L}'’.&-]*(?:\s+\p{Lu}[\p{L}'’.&-]*){0,5})\s*[.,]?\s*$/u, weight: 1, why: 'republication note' },
];

const EMAIL_DOMAIN = /[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})/gi;
const GENERIC_MAIL_DOMAINS = /^(?:gmail|yahoo|hotmail|outlook|aol|icloud|proton(?:mail)?|mail|gmx|qq|163)\./i;

export function inferOutlet(src: FactSources): { span: OutletSpan | null; votes: string[] } {
  const votes: OutletVote[] = [];
  if (src.supplied?.outlet) votes.push({ name: src.supplied.outlet, weight: 10, where: null, why: 'supplied with the input' });

  for (const m of metaValues(src.meta, ['og:site_name', 'application-name', 'twitter:site', 'publisher', 'dc.publisher', 'cre'])) {
    const name = m.value.replace(/^@/, '');
    votes.push({ name, weight: 4, where: m, why: 'site-name metadata' });
  }
  for (const { obj, start, end } of jsonLdObjects(src.meta)) {
    const pub = obj['publisher'] ?? obj['sourceOrganization'];
    const name = typeof pub === 'string' ? pub : pub && typeof pub === 'object' ? (pub as Record<string, unknown>)['name'] : undefined;
    if (typeof name === 'string' && name.trim()) votes.push({ name: name.trim(), weight: 4, where: { value: name, start, end, in: 'raw' }, why: 'JSON-LD publisher' });
  }

  const lines = src.dumpLines ?? [];
  for (const line of lines) {
    for (const p of SELF_REFERENCE_PATTERNS) {
      const m = p.re.exec(line.value);
      if (m && m[1]) {
        const name = cleanOutletName(m[1]);
        if (name) votes.push({ name, weight: p.weight, where: locateWithin(line, m[1].trim()), why: p.why });
      }
    }
    for (const m of line.value.matchAll(EMAIL_DOMAIN)) {
      const domain = m[1].toLowerCase();
      if (!GENERIC_MAIL_DOMAINS.test(domain)) votes.push({ name: domain, weight: 1, where: locateWithin(line, m[1]), why: "e-mail address on the outlet's domain" });
    }
  }
  // A short line that opens the dump and recurs is the site's masthead.
  const firstLines = lines.slice(0, 3).filter((l) => l.value.trim().length > 2 && l.value.trim().length <= 40);
  for (const first of firstLines) {
    const key = normaliseKey(first.value);
    const repeats = lines.filter((l) => normaliseKey(l.value) === key).length;
    if (repeats >= 2 && /^\p{Lu}/u.test(first.value.trim())) {
      votes.push({ name: first.value.trim(), weight: 2 + Math.min(repeats, 4), where: first, why: `masthead: opens the page and recurs ${repeats} times` });
    }
  }

  const domain = src.url ? domainOf(src.url) : null;
  const titleSuffix = src.meta?.title ? siteNameFromTitle(src.meta.title.value) : null;
  if (titleSuffix && src.meta?.title) votes.push({ name: titleSuffix, weight: 2, where: locateWithin({ ...src.meta.title, in: 'raw' }, titleSuffix), why: '<title> suffix' });
  if (domain) votes.push({ name: domain, weight: 1, where: null, why: 'domain of the URL' });

  if (votes.length === 0) return { span: null, votes: [] };
  // Votes for the same outlet in different spellings (domain vs name) add up.
  const groups = new Map<string, { votes: OutletVote[]; total: number }>();
  for (const v of votes) {
    const key = outletKey(v.name);
    if (!key) continue;
    // Spellings of one outlet contain each other ("koreatimes" / "thekoreatimes"); a short key
    // such as "st" would be inside unrelated names, so containment needs four letters.
    const existing = [...groups.keys()].find((k) => k === key || (Math.min(k.length, key.length) >= 4 && (k.includes(key) || key.includes(k))));
    const g = groups.get(existing ?? key) ?? { votes: [], total: 0 };
    g.votes.push(v);
    g.total += v.weight;
    groups.set(existing ?? key, g);
  }
  const best = [...groups.values()].sort((a, b) => b.total - a.total)[0];
  if (!best) return { span: null, votes: [] };
  // Prefer a human name over a domain when the group has one.
  const display = best.votes.slice().sort((a, b) => Number(isDomain(a.name)) - Number(isDomain(b.name)) || b.weight - a.weight)[0];
  const where = best.votes.find((v) => v.where)?.where ?? null;
  const span: OutletSpan = {
    kind: 'outlet',
    value: display.name,
    start: where?.start ?? 0,
    end: where?.end ?? 0,
    in: where?.in ?? 'raw',
    evidence: best.votes.map((v) => `${v.why}: "${v.name}"`),
  };
  return { span, votes: votes.map((v) => `${v.why}: "${v.name}"`) };
}

export function domainOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^(?:www\d?|m|amp|edition|mobile)\./, '').toLowerCase();
  } catch {
    return null;
  }
}

function isDomain(s: string): boolean {
  return /^[\w-]+(?:\.[\w-]+)+$/.test(s);
}

/** "korea times" for "The Korea Times", "koreatimes" for "koreatimes.co.kr". */
function outletKey(name: string): string {
  const bare = isDomain(name) ? name.replace(/\.(?:co|com|org|net|gov|ac|or)?\.?[a-z]{2,3}$/, '').replace(/\.(?:com|org|net|news|info)$/, '') : name;
  return normaliseKey(bare).replace(/^the/, '');
}

function cleanOutletName(s: string): string | null {
  const name = s.replace(/\s+/g, ' ').trim().replace(/[.,;:]+$/, '');
  if (name.length < 2 || name.length > 60) return null;
  if (/^\d+$/.test(name)) return null;
  if (/^(?:all rights reserved|our|us|this site)$/i.test(name)) return null;
  return name;
}

/** The site part of "Headline | Site" or "Headline - Site": the shorter side, when short. */
export function siteNameFromTitle(title: string): string | null {
  const parts = title.split(/\s+[|–—-]\s+|\s+::\s+|\s+»\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1];
  const first = parts[0];
  const site = last.length <= first.length ? last : first;
  return site.split(/\s+/).length <= 5 ? site : null;
}
