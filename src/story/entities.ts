import { createHash } from 'node:crypto';
import { type Doc, type EntityType, spansOf } from '../core/doc.js';
import { type NameParts, isAcronymOf, nameParts, spellingVariants, surnameForms } from '../language/names.js';

/**
 * Entity resolution across documents: one entity per real person, organisation or place,
 * with every mention and alias, and the evidence for each merge. People are merged by
 * full names (spelling variants included); a surname alone joins a full name only when
 * that is unambiguous; two people who share a family name are never merged.
 */

export interface Mention {
  doc: string;
  start: number;
  end: number;
  text: string;
  type: EntityType;
  parts: NameParts;
}

export interface ResolvedEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: { doc: string; start: number; end: number; text: string }[];
  evidence: string[];
}

export interface Resolution {
  entities: ResolvedEntity[];
  /** Entity id of the mention at doc:start, for linking quotes and timeline events. */
  mentionEntity: Map<string, string>;
  /** Per document, role phrases that name one person ("us president" → entity id). */
  roles: Map<string, Map<string, string>>;
}

interface Cluster {
  mentions: Mention[];
  evidence: string[];
  type: EntityType;
  /** Full-name variants in this cluster. */
  full: NameParts[];
}

const ROLE_NOUNS = /\b(?:president|leader|minister|secretary|chairman|chairwoman|chair|envoy|representative|spokesman|spokeswoman|spokesperson|ambassador|governor|mayor|senator|chancellor|premier|king|queen|ceo|chief executive|director|professor|adviser|advisor|analyst|commander|general|coach|manager|judge|official)\b/i;

// A "person" with an acronym word ("Ipsos MORI") or an institutional last word ("Acme
// Holdings", "Yanbian University") is an organisation the recogniser mistyped.
const ORG_SHAPED = /\b\p{Lu}{3,}\b|\b(?:Inc|Ltd|Plc|LLC|GmbH|Corp|Corporation|Company|Holdings|Group|University|College|Institute|Foundation|Council|Ministry|Department|Agency|Party|Bank|Times|News|Association|Union|Committee|Commission)\.?$/u;
const JOINED_NAMES = /^\p{Lu}[\p{L}.]*[-–]\p{Lu}[\p{L}.]*$/u;

export function mentionKey(doc: string, start: number): string {
  return `${doc}:${start}`;
}

export function collectMentions(docs: Doc[]): Mention[] {
  const out: Mention[] = [];
  for (const doc of docs) {
    for (const span of spansOf(doc, 'entity')) {
      const text = doc.text.slice(span.start, span.end);
      // "Kim-Trump" (summit), "US-China" (talks): two names joined as a modifier, not a person.
      const type = span.type === 'person' && JOINED_NAMES.test(text) ? 'other' : span.type === 'person' && ORG_SHAPED.test(text) ? 'organization' : span.type;
      const parts = nameParts(text, { person: type === 'person' });
      if (parts.tokens.length === 0) continue;
      out.push({ doc: doc.id, start: span.start, end: span.end, text, type, parts });
    }
  }
  return out;
}

export function resolveEntities(docs: Doc[]): Resolution {
  const mentions = collectMentions(docs);
  const clusters: Cluster[] = [];
  const byDoc = groupBy(mentions, (m) => m.doc);
  const pendingSingles: { m: Mention; cluster: Cluster }[] = [];

  for (const [docId, ms] of byDoc) {
    const docClusters: Cluster[] = [];
    const isFull = (m: Mention) => m.type !== 'person' || m.parts.tokens.length >= 2;
    for (const m of ms.filter(isFull)) {
      let why = '';
      const target = docClusters.find((c) => {
        const v = compatibleTypes(c.type, m.type) ? sameEntity(c, m.parts) : { same: false, why: '' };
        why = v.why;
        return v.same;
      });
      if (target) {
        target.mentions.push(m);
        if (!target.full.some((f) => f.key === m.parts.key)) target.evidence.push(why);
        if (!target.full.some((f) => f.key === m.parts.key)) target.full.push(m.parts);
      } else docClusters.push({ mentions: [m], evidence: [], type: m.type, full: [m.parts] });
    }
    // Surnames alone: join the one person in this document who carries that family name.
    for (const m of ms.filter((x) => !isFull(x))) {
      const token = m.parts.key;
      const candidates = docClusters.filter((c) => c.type === 'person' && c.full.some((f) => surnameForms(f).includes(token)));
      const chosen = pickDominant(candidates);
      if (chosen.cluster) {
        chosen.cluster.mentions.push(m);
        chosen.cluster.evidence.push(`"${m.text}" in ${docId.slice(0, 8)} refers to ${display(chosen.cluster)}: ${chosen.why}`);
      } else if (candidates.length > 1) {
        const lone: Cluster = { mentions: [m], evidence: [`"${m.text}" in ${docId.slice(0, 8)} left unmerged: ${chosen.why}`], type: 'person', full: [] };
        docClusters.push(lone);
      } else {
        const lone: Cluster = { mentions: [m], evidence: [], type: 'person', full: [] };
        docClusters.push(lone);
        pendingSingles.push({ m, cluster: lone });
      }
    }
    clusters.push(...mergeCompoundSurnames(docClusters, docId));
  }

  // Across documents: union clusters that share a full name or a spelling variant of it.
  const merged: Cluster[] = [];
  for (const c of clusters.filter((x) => x.full.length > 0)) {
    let into: Cluster | null = null;
    for (const m of merged) {
      if (!compatibleTypes(m.type, c.type)) continue;
      for (const f of c.full) {
        const verdict = sameEntity(m, f);
        if (verdict.same) {
          into = m;
          m.evidence.push(verdict.why);
          break;
        }
      }
      if (into) break;
    }
    if (into) {
      into.mentions.push(...c.mentions);
      into.evidence.push(...c.evidence);
      for (const f of c.full) if (!into.full.some((x) => x.key === f.key)) into.full.push(f);
    } else merged.push({ ...c, mentions: [...c.mentions], evidence: [...c.evidence], full: [...c.full] });
  }
  // A surname alone in a document that never gave the full name: join the one person
  // across the corpus with that family name, when there is exactly one (or one dominant).
  for (const c of clusters.filter((x) => x.full.length === 0)) {
    const pending = pendingSingles.find((p) => p.cluster === c);
    if (pending) {
      const token = pending.m.parts.key;
      const candidates = merged.filter((x) => x.type === 'person' && x.full.some((f) => surnameForms(f).includes(token)));
      const chosen = pickDominant(candidates);
      if (chosen.cluster) {
        chosen.cluster.mentions.push(pending.m);
        chosen.cluster.evidence.push(`"${pending.m.text}" in ${pending.m.doc.slice(0, 8)} refers to ${display(chosen.cluster)} (named in full in other documents): ${chosen.why}`);
        continue;
      }
    }
    const same = merged.find((x) => x.full.length === 0 && x.type === c.type && x.mentions[0].parts.key === c.mentions[0].parts.key);
    if (same) {
      same.mentions.push(...c.mentions);
      same.evidence.push(...c.evidence);
    } else merged.push(c);
  }

  const mentionEntity = new Map<string, string>();
  const entities = merged.map((c) => {
    const entity = toEntity(c);
    for (const m of c.mentions) mentionEntity.set(mentionKey(m.doc, m.start), entity.id);
    return entity;
  });
  const roles = roleMap(docs, mentions, mentionEntity);
  entities.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return { entities, mentionEntity, roles };
}

/**
 * A country or city named as an actor ("North Korea said") is often typed an organisation
 * where the same name elsewhere is a place; the same name is one entity either way, and
 * the type most of its mentions carry wins. People never merge with either.
 */
function compatibleTypes(a: EntityType, b: EntityType): boolean {
  return a === b || (a !== 'person' && b !== 'person' && a !== 'other' && b !== 'other');
}

function sameEntity(c: Cluster, p: NameParts): { same: boolean; why: string } {
  for (const f of c.full) {
    if (c.type === 'person') {
      const v = spellingVariants(f, p);
      if (v.same) return v;
    } else {
      if (f.key === p.key) return { same: true, why: `same name "${p.display}"` };
      if (isAcronymOf(p.display, f.display) || isAcronymOf(f.display, p.display)) return { same: true, why: `acronym: "${p.display}" ~ "${f.display}"` };
    }
  }
  return { same: false, why: 'different names' };
}

/**
 * "Mr Pacheco Pardo" after "Ramon Pacheco Pardo": a shorter multi-word name that is the
 * tail of exactly one longer name in the same document is that person's compound family
 * name, not a second person.
 */
function mergeCompoundSurnames(docClusters: Cluster[], docId: string): Cluster[] {
  const tail = (long: NameParts, short: NameParts) =>
    short.tokens.length >= 2 && long.tokens.length > short.tokens.length && long.tokens.slice(-short.tokens.length).join(' ') === short.tokens.join(' ');
  const out: Cluster[] = [];
  for (const c of docClusters) {
    if (c.type !== 'person' || c.full.length === 0 || c.full.some((f) => f.tokens.length < 2)) {
      out.push(c);
      continue;
    }
    const hosts = docClusters.filter((o) => o !== c && o.type === 'person' && c.full.every((f) => o.full.some((g) => tail(g, f))));
    if (hosts.length === 1) {
      hosts[0].mentions.push(...c.mentions);
      hosts[0].evidence.push(`"${c.full[0].display}" in ${docId.slice(0, 8)} is the family name of ${display(hosts[0])}`);
    } else out.push(c);
  }
  return out;
}

/** Among several people who could be meant, one wins only if clearly the most mentioned. */
function pickDominant(candidates: Cluster[]): { cluster: Cluster | null; why: string } {
  if (candidates.length === 0) return { cluster: null, why: 'no full name with that family name' };
  if (candidates.length === 1) return { cluster: candidates[0], why: 'the only person with that family name' };
  const sorted = [...candidates].sort((a, b) => fullCount(b) - fullCount(a));
  const [first, second] = sorted;
  if (fullCount(first) >= 3 * fullCount(second) && fullCount(first) >= 3) {
    return { cluster: first, why: `the most prominent of ${candidates.length} people with that family name (${fullCount(first)} full mentions against ${fullCount(second)})` };
  }
  return { cluster: null, why: `ambiguous between ${candidates.map(display).join(' and ')}` };
}

function fullCount(c: Cluster): number {
  return c.mentions.filter((m) => m.parts.tokens.length >= 2).length;
}

function display(c: Cluster): string {
  return `"${canonicalName(c)}"`;
}

function canonicalName(c: Cluster): string {
  const counts = new Map<string, number>();
  const pool = c.mentions.filter((m) => m.parts.tokens.length >= 2);
  for (const m of pool.length ? pool : c.mentions) counts.set(m.parts.display, (counts.get(m.parts.display) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0][0];
}

function toEntity(c: Cluster): ResolvedEntity {
  const name = canonicalName(c);
  const typeVotes = new Map<EntityType, number>();
  for (const m of c.mentions) typeVotes.set(m.type, (typeVotes.get(m.type) ?? 0) + 1);
  const type = [...typeVotes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const key = nameParts(name, { person: type === 'person' }).key;
  const id = 'e-' + createHash('sha256').update(`${type}:${key}`).digest('hex').slice(0, 10);
  const aliases = [...new Set(c.mentions.map((m) => m.parts.display))].filter((a) => a !== name).sort();
  return {
    id,
    name,
    type,
    aliases,
    mentions: c.mentions.sort((a, b) => a.doc.localeCompare(b.doc) || a.start - b.start).map(({ doc, start, end, text }) => ({ doc, start, end, text })),
    evidence: [...new Set(c.evidence)],
  };
}

/**
 * Role phrases that introduce a person ("US President Donald Trump", "the mediator,
 * Priya Raman"): later references by role alone ("the US President said") resolve to
 * that person when the role names only one person in the document.
 */
function roleMap(docs: Doc[], mentions: Mention[], mentionEntity: Map<string, string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  const conflicting = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'person') continue;
    const entity = mentionEntity.get(mentionKey(m.doc, m.start));
    if (!entity) continue;
    const text = texts.get(m.doc) ?? '';
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const phrase = /((?:[\p{Lu}][\p{L}.'-]*\s+|(?:of|for|the)\s+){0,5}[\p{L}.'-]+)[\s,]*$/u.exec(before)?.[1] ?? '';
    const roles = [...m.parts.titles.join(' ').split(/\s+/), ...phrase.split(/\s+/)].join(' ');
    if (!ROLE_NOUNS.test(roles)) continue;
    const key = normaliseRole(phrase || m.parts.titles.join(' '));
    if (!key) continue;
    const docRoles = out.get(m.doc) ?? new Map<string, string>();
    const existing = docRoles.get(key);
    if (existing && existing !== entity) conflicting.add(`${m.doc}:${key}`);
    docRoles.set(key, entity);
    out.set(m.doc, docRoles);
  }
  for (const c of conflicting) {
    const [doc, key] = [c.slice(0, c.indexOf(':')), c.slice(c.indexOf(':') + 1)];
    out.get(doc)?.delete(key);
  }
  // Across the corpus: a role that names the same person in every document that uses it
  // ("US President" → Trump) also resolves a document that only says "the US President".
  const corpus = new Map<string, string | null>();
  for (const docRoles of out.values()) {
    for (const [key, entity] of docRoles) corpus.set(key, corpus.has(key) && corpus.get(key) !== entity ? null : entity);
  }
  const shared = new Map<string, string>();
  for (const [key, entity] of corpus) if (entity) shared.set(key, entity);
  out.set(CORPUS_ROLES, shared);
  return out;
}

/** Key in Resolution.roles for roles that hold across every document. */
export const CORPUS_ROLES = '*';

export function normaliseRole(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/\b(?:the|a|an|former|then)\b/g, ' ')
    .replace(/u\.s\./g, 'us')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The entity a speaker refers to. A role description ("the US President") is looked up in
 * the document's roles first; then a person mentioned inside the speaker span (so "US
 * President Donald Trump" is Trump, not the United States); then a name or family name
 * that points to exactly one person in the document; an organisation only as a last resort.
 */
export function entityForSpeaker(
  res: Resolution,
  doc: string,
  speaker: { name: string | null; start?: number; end?: number },
): { entity: string | null; why: string } {
  const docRoles = res.roles.get(doc);
  const corpusRoles = res.roles.get(CORPUS_ROLES);
  if (speaker.name && /^(?:the|a|an)\s/i.test(speaker.name)) {
    const key = normaliseRole(speaker.name);
    const role = docRoles?.get(key);
    if (role) return { entity: role, why: `role "${speaker.name}" names this person earlier in the document` };
    const shared = corpusRoles?.get(key);
    if (shared) return { entity: shared, why: `role "${speaker.name}" names this person in every document that uses it` };
  }
  const inside: { entity: ResolvedEntity; length: number }[] = [];
  if (speaker.start !== undefined && speaker.end !== undefined) {
    for (const e of res.entities) {
      for (const m of e.mentions) {
        if (m.doc === doc && m.start < speaker.end && speaker.start < m.end) inside.push({ entity: e, length: m.end - m.start });
      }
    }
  }
  const person = inside.filter((x) => x.entity.type === 'person').sort((a, b) => b.length - a.length)[0];
  if (person) return { entity: person.entity.id, why: 'a person named in the speaker phrase' };
  if (!speaker.name) return { entity: null, why: 'no speaker' };
  const parts = nameParts(speaker.name);
  const people = res.entities.filter((e) => e.type === 'person' && e.mentions.some((m) => m.doc === doc));
  const exact = people.filter((e) => [e.name, ...e.aliases].some((a) => nameParts(a).key === parts.key));
  if (exact.length === 1) return { entity: exact[0].id, why: 'speaker name matches this person in the document' };
  if (parts.tokens.length === 1) {
    const bySurname = people.filter((e) => [e.name, ...e.aliases].some((a) => surnameForms(nameParts(a)).includes(parts.key)));
    if (bySurname.length === 1) return { entity: bySurname[0].id, why: `"${speaker.name}" is the family name of this person in the document` };
  }
  const role = docRoles?.get(normaliseRole(speaker.name));
  if (role) return { entity: role, why: `role "${speaker.name}" names this person earlier in the document` };
  const other = inside.sort((a, b) => b.length - a.length)[0];
  if (other) return { entity: other.entity.id, why: `${other.entity.type} named in the speaker phrase` };
  return { entity: null, why: 'speaker not resolved to a single person' };
}

function groupBy<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = out.get(k) ?? [];
    g.push(x);
    out.set(k, g);
  }
  return out;
}
