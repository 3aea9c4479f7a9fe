import { type Doc, spanText, spansOf } from '../../core/doc.js';
import { type Resolution, entityForSpeaker } from '../../story/entities.js';
import type { Disagreement } from '../../story/disagreements.js';
import { type StoryReport, analyseStories } from '../../story/index.js';
import type { SummarySentence } from '../../story/summary.js';
import type { TimelineEvent } from '../../story/timeline.js';

/**
 * The report contract (version 1). One builder feeds every surface, so JSON, Markdown,
 * HTML and the HTTP API always agree. Arrays that later layers fill stay present and empty
 * until then, so consumers can rely on the shape.
 */

export interface EvidenceRef {
  source: string;
  value: string;
  start: number;
  end: number;
  /** 'text' = offsets into the cleaned text; 'raw' = into the decoded raw input. */
  in: 'text' | 'raw';
}

export interface FactRef {
  value: string;
  start: number;
  end: number;
  in: 'text' | 'raw';
  evidence: string[];
}

export interface ReportDocument {
  id: string;
  source: string;
  url: string | null;
  format: 'html' | 'text';
  encoding: string;
  title: string | null;
  authors: string[];
  outlet: string | null;
  published: {
    date: string | null;
    datetime: string | null;
    updated: string | null;
    earliest: string | null;
    latest: string | null;
    confidence: number;
    evidence: EvidenceRef[];
    rejected: { value: string; reason: string }[];
  };
  /** Where each fact came from, beyond the contract's published.evidence. */
  provenance: { title: FactRef | null; authors: FactRef[]; outlet: FactRef | null; encoding: string };
  text: string;
}

export interface ReportTime {
  doc: string;
  start: number;
  end: number;
  text: string;
  value: string | null;
  granularity: string;
  endValue?: string;
  anchor: 'published' | 'previous' | 'corpus' | 'none';
  reason?: string;
  /** Which rule decided it, and on what cue. */
  evidence: string[];
}

export interface ReportQuote {
  id: string;
  doc: string;
  start: number;
  end: number;
  text: string;
  kind: 'direct' | 'indirect';
  /** why: how the speaker was tied to an entity (or why it was not). */
  speaker: { entity: string | null; name: string | null; why: string };
  cue: string | null;
  /** Which rule decided it, and on what cue. */
  evidence: string[];
}

export interface ReportFigure {
  doc: string;
  start: number;
  end: number;
  text: string;
  value: number;
  endValue?: number;
  unit: string;
  about: string | null;
  /** Which rule decided it, and on what cue. */
  evidence: string[];
}

export interface ReportEntity {
  id: string;
  name: string;
  type: 'person' | 'organization' | 'place' | 'other';
  aliases: string[];
  mentions: { doc: string; start: number; end: number; text: string }[];
  evidence: string[];
}

export interface Report {
  version: 1;
  generatedAt: string;
  documents: ReportDocument[];
  entities: ReportEntity[];
  quotes: ReportQuote[];
  figures: ReportFigure[];
  times: ReportTime[];
  stories: ReportStory[];
  timeline: (TimelineEvent & { story: string })[];
  disagreements: (Disagreement & { story: string })[];
  summary: (SummarySentence & { story: string })[];
}

export type ReportStory = Pick<StoryReport, 'id' | 'title' | 'documents' | 'copies' | 'entities' | 'first' | 'last'>;

export function reportDocument(doc: Doc): ReportDocument {
  const candidates = spansOf(doc, 'date-candidate');
  const chosen = doc.facts.published;
  const evidence: EvidenceRef[] = candidates
    .filter((c) => !c.rejected && (c.date === chosen.date || c.date === chosen.updated || c.role === 'published'))
    .map((c) => ({ source: c.source, value: c.value, start: c.start, end: c.end, in: c.in ?? 'text' }));
  const rejected = candidates.filter((c) => c.rejected).map((c) => ({ value: c.value, reason: c.rejected as string }));
  const title = spansOf(doc, 'title')[0] ?? null;
  const outlet = spansOf(doc, 'outlet')[0] ?? null;
  const ref = (s: { value: string; start: number; end: number; in?: 'text' | 'raw'; evidence?: string[] }): FactRef => ({
    value: s.value,
    start: s.start,
    end: s.end,
    in: s.in ?? 'text',
    evidence: s.evidence ?? [],
  });
  return {
    id: doc.id,
    source: doc.raw.source,
    url: doc.raw.url,
    format: doc.raw.format,
    encoding: doc.raw.encoding,
    title: doc.facts.title,
    authors: doc.facts.authors,
    outlet: doc.facts.outlet,
    published: { ...chosen, evidence, rejected },
    provenance: {
      title: title ? ref(title) : null,
      authors: spansOf(doc, 'author').map(ref),
      outlet: outlet ? ref(outlet) : null,
      encoding: doc.raw.encodingEvidence,
    },
    text: doc.text,
  };
}

export interface ReportOptions {
  /** Sentences in each story's summary (default 5). */
  summarySentences?: number;
  /** Most events on each story's timeline (default 15). */
  maxEvents?: number;
}

export function buildReport(docs: Doc[], now: Date = new Date(), opts: ReportOptions = {}): Report {
  // The story layer re-dates and re-annotates documents (cross-dating); it works on
  // copies so that stored or cached documents stay exactly as they were ingested.
  const ordered = docs.map((d) => structuredClone(d)).sort((a, b) => (a.facts.published.date ?? a.facts.published.earliest ?? '9999').localeCompare(b.facts.published.date ?? b.facts.published.earliest ?? '9999') || a.raw.source.localeCompare(b.raw.source));
  const { resolution, stories } = analyseStories(ordered, opts);
  return {
    version: 1,
    generatedAt: now.toISOString(),
    documents: ordered.map(reportDocument),
    entities: resolution.entities,
    quotes: ordered.flatMap((d) => reportQuotes(d, resolution)),
    figures: ordered.flatMap(reportFigures),
    times: ordered.flatMap(reportTimes),
    stories: stories.map(({ id, title, documents, copies, entities, first, last }) => ({ id, title, documents, copies, entities, first, last })),
    timeline: stories.flatMap((s) => s.timeline.map((e) => ({ ...e, story: s.id }))),
    disagreements: stories.flatMap((s) => s.disagreements.map((d) => ({ ...d, story: s.id }))),
    summary: stories.flatMap((s) => s.summary.map((x) => ({ ...x, story: s.id }))),
  };
}

function reportTimes(doc: Doc): ReportTime[] {
  return spansOf(doc, 'time').map((t) => ({
    doc: doc.id,
    start: t.start,
    end: t.end,
    text: spanText(doc, t),
    value: t.value,
    granularity: t.granularity,
    ...(t.endValue ? { endValue: t.endValue } : {}),
    anchor: t.anchor,
    ...(t.reason ? { reason: t.reason } : {}),
    evidence: t.evidence ?? [],
  }));
}

function reportQuotes(doc: Doc, resolution: Resolution): ReportQuote[] {
  return spansOf(doc, 'quote').map((q, i) => ({
    id: `${doc.id}:q${i + 1}`,
    doc: doc.id,
    start: q.start,
    end: q.end,
    text: spanText(doc, q),
    kind: q.quoteKind,
    speaker: speakerRef(resolution, doc.id, q),
    cue: q.cue,
    evidence: q.evidence ?? [],
  }));
}

function speakerRef(resolution: Resolution, doc: string, q: { speaker: string | null; speakerStart?: number; speakerEnd?: number }): ReportQuote['speaker'] {
  const found = entityForSpeaker(resolution, doc, { name: q.speaker, start: q.speakerStart, end: q.speakerEnd });
  return { entity: found.entity, name: q.speaker, why: found.why };
}

function reportFigures(doc: Doc): ReportFigure[] {
  return spansOf(doc, 'figure').map((f) => ({
    doc: doc.id,
    start: f.start,
    end: f.end,
    text: spanText(doc, f),
    value: f.value,
    ...(f.endValue !== undefined ? { endValue: f.endValue } : {}),
    unit: f.unit,
    about: f.about,
    evidence: f.evidence ?? [],
  }));
}
