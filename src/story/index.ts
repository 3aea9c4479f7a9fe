import type { Doc } from '../core/doc.js';
import { type ClusterOptions, type Placement, clusterDocuments, findCopies } from './cluster.js';
import { applyCrossDating, crossDate } from './cross-dating.js';
import { type Disagreement, findDisagreements } from './disagreements.js';
import { type Resolution, resolveEntities } from './entities.js';
import { type SummarySentence, summarise } from './summary.js';
import { type TimelineEvent, buildTimeline } from './timeline.js';

/** The story layer over a set of documents: entities, stories, and per story a timeline, summary and disagreements. */

export interface StoryReport {
  id: string;
  title: string | null;
  documents: string[];
  /** Near-duplicate copies: document → the document it copies. */
  copies: Record<string, string>;
  entities: string[];
  first: string | null;
  last: string | null;
  timeline: TimelineEvent[];
  summary: SummarySentence[];
  disagreements: Disagreement[];
  placements: Placement[];
}

export interface StoryAnalysis {
  resolution: Resolution;
  stories: StoryReport[];
}

export interface StoryOptions {
  /** Most timeline events (the TLS task's l). */
  maxEvents?: number;
  /** Sentences cited per event (the TLS task's k). */
  sentencesPerEvent?: number;
  summarySentences?: number;
}

export interface SingleStory {
  copies: Record<string, string>;
  entities: string[];
  timeline: TimelineEvent[];
  summary: SummarySentence[];
  disagreements: Disagreement[];
}

/**
 * One story's analysis over documents already known to belong together (a cluster, or a
 * TLS task's article set). Cross-dating runs first because it can re-anchor an undated
 * member's relative dates, which the timeline then uses.
 */
export function analyseStory(members: Doc[], opts: StoryOptions & { resolution?: Resolution; copies?: Record<string, string> } = {}): SingleStory {
  const resolution = opts.resolution ?? resolveEntities(members);
  const copies = opts.copies ?? findCopies(members);
  applyCrossDating(members, crossDate(members));
  // Copies add no new reporting: leave them out of the timeline's source counts.
  const originals = members.filter((d) => !copies[d.id]);
  const memberIds = new Set(members.map((d) => d.id));
  const entityCounts = resolution.entities
    .map((e) => {
      const here = e.mentions.filter((m) => memberIds.has(m.doc));
      return { id: e.id, n: here.length, docs: new Set(here.map((m) => m.doc)).size };
    })
    .filter((e) => e.n > 0)
    .sort((a, b) => b.docs - a.docs || b.n - a.n);
  const keyEntities = new Set(entityCounts.slice(0, 6).map((e) => e.id));
  const timeline = buildTimeline(originals, {
    mentionEntity: resolution.mentionEntity,
    keyEntities,
    ...(opts.maxEvents !== undefined ? { maxEvents: opts.maxEvents } : {}),
    ...(opts.sentencesPerEvent !== undefined ? { sentencesPerEvent: opts.sentencesPerEvent } : {}),
  });
  const disagreements = findDisagreements(originals);
  const summary = summarise(originals, { sentences: opts.summarySentences ?? 5, timeline, disagreements });
  return { copies, entities: entityCounts.map((e) => e.id), timeline, summary, disagreements };
}

export function analyseStories(docs: Doc[], opts: StoryOptions & { cluster?: ClusterOptions } = {}): StoryAnalysis {
  const resolution = resolveEntities(docs);
  const { stories, placements } = clusterDocuments(docs, opts.cluster);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const reports = stories.map((s): StoryReport => {
    const members = s.documents.map((id) => byId.get(id)).filter((d): d is Doc => Boolean(d));
    const copies: Record<string, string> = {};
    for (const p of placements) if (p.story === s.id && p.duplicateOf) copies[p.doc] = p.duplicateOf;
    const one = analyseStory(members, { ...opts, resolution, copies });
    return {
      id: s.id,
      title: storyTitle(members, s.documents),
      documents: s.documents,
      copies,
      entities: one.entities,
      // After cross-dating: a rejected template date no longer stretches the story's span.
      ...storySpan(members, s),
      timeline: one.timeline,
      summary: one.summary,
      disagreements: one.disagreements,
      placements: placements.filter((p) => p.story === s.id),
    };
  });
  reports.sort((a, b) => b.documents.length - a.documents.length || (a.first ?? '').localeCompare(b.first ?? ''));
  return { resolution, stories: reports };
}

function storySpan(members: Doc[], fallback: { first: string | null; last: string | null }): { first: string | null; last: string | null } {
  const days = members
    .flatMap((d) => {
      const p = d.facts.published;
      // A page known only to lie within a range reports from no earlier than its start.
      return p.date ? [p.date] : p.earliest ? [p.earliest] : [];
    })
    .sort();
  return days.length ? { first: days[0], last: days[days.length - 1] } : { first: fallback.first, last: fallback.last };
}

/** The title of the member whose title shares most words with the other members' titles. */
function storyTitle(members: Doc[], order: string[]): string | null {
  const titled = members.filter((d) => d.facts.title);
  if (!titled.length) return null;
  const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  let best: { doc: Doc; score: number } | null = null;
  for (const d of titled) {
    const w = words(d.facts.title!);
    const score = titled.reduce((n, o) => (o === d ? n : n + [...words(o.facts.title!)].filter((x) => w.has(x)).length), 0) - order.indexOf(d.id) * 0.01;
    if (!best || score > best.score) best = { doc: d, score };
  }
  return best!.doc.facts.title;
}
