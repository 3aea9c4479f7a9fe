/**
 * Time expressions in news text, in two layers: parseTimeMentions() says what the text
 * wrote (no anchor involved), resolveMention() turns one mention into a calendar value
 * against a given anchor. They are separate so publication-date inference can resolve the
 * same mentions against several candidate dates and look for contradictions.
 */
import type { TimeSpan } from '../../core/doc.js';
import { parseTimeMentions } from './parse.js';
import { NO_ANCHOR, referenceOf, resolveMention, resolveWith } from './resolve.js';
import type { Resolved, TimeMention } from './types.js';

export type { Resolved, ResolvedGranularity, Tense, TimeFields, TimeKind, TimeMention, TimePart, TimeUnit } from './types.js';
export { parseTimeMentions, resolveMention, referenceOf, NO_ANCHOR };

function evidence(m: TimeMention): string[] {
  const ev = [`time rule: ${m.rule ?? 'unknown'}`];
  if (m.tenseCue) ev.push(`tense ${m.tense} from "${m.tenseCue}"`);
  else if (m.tense !== 'unknown') ev.push(`tense ${m.tense} from the expression itself`);
  if (m.fields.signal) ev.push(`signal: ${m.fields.signal}`);
  return ev;
}

/**
 * Both layers over a whole text. Mentions are resolved in reading order and each resolved
 * date becomes the "previous" one for the next mention, which is what "the next day" and
 * "a year later" count from. With no anchor, anything that needs the publication date is
 * left unresolved; dates the text fixes on its own (and what counts from them) still resolve.
 */
export function findTimes(text: string, opts: { anchor: string | null }): TimeSpan[] {
  let previous: Resolved | null = null;
  const out: TimeSpan[] = [];
  for (const m of parseTimeMentions(text)) {
    const r = resolveWith(m, opts.anchor, previous);
    if (r.value !== null && r.granularity !== 'duration') previous = r;
    const ref = referenceOf(m);
    const span: TimeSpan = {
      kind: 'time',
      start: m.start,
      end: m.end,
      value: r.value,
      granularity: r.granularity,
      anchor: r.anchor ?? (ref === 'published' || ref === 'previous' ? ref : 'none'),
      tense: m.tense,
      evidence: evidence(m),
    };
    if (r.endValue !== undefined) span.endValue = r.endValue;
    if (r.reason) span.reason = r.reason;
    out.push(span);
  }
  return out;
}
