/**
 * The one document model. A `Doc` owns a single cleaned `text`; every annotation is a
 * typed `Span` of character offsets into that text (or, for signals that live outside the
 * article body, such as a `<meta>` tag or the URL, into the decoded raw input), never a
 * copy of a substring. Pipeline stages are plain functions that read a Doc and add spans.
 */

/** Where a span's offsets point: the cleaned article text, or the decoded raw input. */
export type SpanTarget = 'text' | 'raw';

/** Why a span exists: which rule, model or signal produced it, in words a user can read. */
export type Evidence = string;

export interface SpanBase {
  start: number;
  end: number;
  /** Defaults to 'text'. */
  in?: SpanTarget;
  evidence?: Evidence[];
}

/** Block structure of the cleaned text, as the cleaner kept it. */
export interface BlockSpan extends SpanBase {
  kind: 'block';
  block: 'paragraph' | 'heading' | 'list-item' | 'quote' | 'preformatted' | 'table-row';
}

export interface SentenceSpan extends SpanBase {
  kind: 'sentence';
}

export interface TokenSpan extends SpanBase {
  kind: 'token';
}

export interface TitleSpan extends SpanBase {
  kind: 'title';
  value: string;
}

export interface AuthorSpan extends SpanBase {
  kind: 'author';
  value: string;
}

export interface OutletSpan extends SpanBase {
  kind: 'outlet';
  value: string;
}

export type DateSignalSource = 'supplied' | 'meta' | 'jsonld' | 'url' | 'byline' | 'text' | 'corpus';

/** One publication-date candidate with where it came from; kept whether accepted or not. */
export interface DateCandidateSpan extends SpanBase {
  kind: 'date-candidate';
  source: DateSignalSource;
  /** The candidate as the page wrote it. */
  value: string;
  /** Normalised calendar day, YYYY-MM-DD. */
  date: string;
  /** ISO 8601 with offset when the page gave a time of day. */
  datetime?: string;
  role: 'published' | 'updated' | 'unknown';
  /** Set when the candidate was rejected, with the reason. */
  rejected?: string;
  score?: number;
}

export type TimeGranularity = 'day' | 'month' | 'year' | 'range' | 'duration';

export interface TimeSpan extends SpanBase {
  kind: 'time';
  value: string | null;
  granularity: TimeGranularity;
  endValue?: string;
  /** 'corpus': resolved against a publication date inferred from other documents. */
  anchor: 'published' | 'previous' | 'corpus' | 'none';
  /** Whether the text reports it as past, future or unknown relative to the anchor. */
  tense?: 'past' | 'future' | 'unknown';
  reason?: string;
}

export type EntityType = 'person' | 'organization' | 'place' | 'other';

export interface EntityMentionSpan extends SpanBase {
  kind: 'entity';
  type: EntityType;
  /** Confidence of the recogniser, 0..1. */
  score?: number;
}

export interface QuoteSpan extends SpanBase {
  kind: 'quote';
  quoteKind: 'direct' | 'indirect';
  speaker: string | null;
  /** Offsets of the speaker mention, when the text names one. */
  speakerStart?: number;
  speakerEnd?: number;
  cue: string | null;
}

export interface FigureSpan extends SpanBase {
  kind: 'figure';
  value: number;
  endValue?: number;
  unit: string;
  about: string | null;
}

export type Span =
  | BlockSpan
  | SentenceSpan
  | TokenSpan
  | TitleSpan
  | AuthorSpan
  | OutletSpan
  | DateCandidateSpan
  | TimeSpan
  | EntityMentionSpan
  | QuoteSpan
  | FigureSpan;

export type SpanKind = Span['kind'];
export type SpanOf<K extends SpanKind> = Extract<Span, { kind: K }>;

export type InputFormat = 'html' | 'text';

/** What ingest learned about the raw bytes. */
export interface RawInfo {
  /** Path, URL, 'stdin', or 'file.jsonl#12' for one line of a JSON Lines batch. */
  source: string;
  url: string | null;
  format: InputFormat;
  /** The encoding used to decode the bytes, and how it was chosen. */
  encoding: string;
  encodingEvidence: string;
  /** When Dateline read the input (ISO 8601); dates after it are impossible. */
  fetchedAt: string;
  /** HTTP headers that matter for dating and decoding, when fetched over HTTP. */
  headers?: Record<string, string>;
  /** Facts the user supplied with the input (JSON Lines); evidence of source 'supplied'. */
  supplied?: SuppliedFacts;
}

export interface SuppliedFacts {
  title?: string;
  authors?: string[];
  outlet?: string;
  published?: string;
}

export interface PublishedFacts {
  date: string | null;
  datetime: string | null;
  /** Day of the latest update, YYYY-MM-DD. */
  updated: string | null;
  /** The update's time of day where the page gives it (ISO 8601, with offset when known). */
  updatedDatetime?: string;
  earliest: string | null;
  latest: string | null;
  confidence: number;
}

export interface Doc {
  /** sha256 of the raw bytes, hex, first 16 characters. */
  id: string;
  raw: RawInfo;
  /** The decoded raw input (HTML source or the page dump as read). Spans with in='raw' point here. */
  rawText: string;
  /** The cleaned article text. Spans default to pointing here. */
  text: string;
  spans: Span[];
  /** Decisions that summarise spans; each is backed by spans carrying evidence. */
  facts: DocFacts;
}

export interface DocFacts {
  title: string | null;
  authors: string[];
  outlet: string | null;
  published: PublishedFacts;
}

export function emptyFacts(): DocFacts {
  return {
    title: null,
    authors: [],
    outlet: null,
    published: { date: null, datetime: null, updated: null, earliest: null, latest: null, confidence: 0 },
  };
}

/** All spans of one kind, in document order. */
export function spansOf<K extends SpanKind>(doc: Pick<Doc, 'spans'>, kind: K): SpanOf<K>[] {
  return (doc.spans.filter((s) => s.kind === kind) as SpanOf<K>[]).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The characters a span covers, read from the text it points into. */
export function spanText(doc: Pick<Doc, 'text' | 'rawText'>, span: SpanBase): string {
  const source = span.in === 'raw' ? doc.rawText : doc.text;
  return source.slice(span.start, span.end);
}

/** Replace every span of the given kinds (stages are re-runnable). */
export function replaceSpans(doc: Doc, kinds: SpanKind[], spans: Span[]): Doc {
  doc.spans = doc.spans.filter((s) => !kinds.includes(s.kind)).concat(spans);
  return doc;
}
