import { Html, escapeHtml } from './html.js';

/**
 * Renders a text with `<mark>` elements over character ranges. Ranges come from the
 * document's spans and may nest (an entity inside a quote) or cross (a figure that starts
 * inside one sentence and ends in the next); HTML cannot express crossing elements, so a
 * crossed mark is closed and reopened as a continuation piece. Only the first piece of a
 * range carries its id, so `#span-<start>-<end>` always has exactly one target.
 */

export interface MarkRange {
  start: number;
  end: number;
  /** Element id; ranges with the same id are merged into one mark. */
  id: string;
  classes: string[];
  /** Accessible description (kind of fact), shown as a tooltip too. */
  label?: string;
}

interface Open {
  mark: MarkRange;
  cont: boolean;
}

function openTag(m: MarkRange, cont: boolean): string {
  const cls = escapeHtml([...m.classes, ...(cont ? ['cont'] : [])].join(' '));
  const title = m.label ? ` title="${escapeHtml(m.label)}"` : '';
  // tabindex -1: a fact link moves keyboard focus onto the passage, so reading resumes there.
  return cont ? `<mark class="${cls}" data-for="${escapeHtml(m.id)}">` : `<mark id="${escapeHtml(m.id)}" class="${cls}" tabindex="-1"${title}>`;
}

export function markText(text: string, ranges: MarkRange[]): Html {
  const byId = new Map<string, MarkRange>();
  for (const r of ranges) {
    const start = Math.max(0, Math.min(text.length, Math.floor(r.start)));
    const end = Math.max(0, Math.min(text.length, Math.floor(r.end)));
    if (!(end > start)) continue;
    const seen = byId.get(r.id);
    if (seen) {
      for (const c of r.classes) if (!seen.classes.includes(c)) seen.classes.push(c);
      if (r.label && !seen.label?.includes(r.label)) seen.label = seen.label ? `${seen.label}; ${r.label}` : r.label;
    } else byId.set(r.id, { ...r, start, end, classes: [...r.classes] });
  }
  // Longer ranges first at the same start, so they open outside the shorter ones.
  const marks = [...byId.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const bounds = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const stack: Open[] = [];
  const out: string[] = [];
  let next = 0;
  for (let bi = 0; bi < bounds.length; bi++) {
    const pos = bounds[bi];
    const deepestEnding = stack.findIndex((o) => o.mark.end === pos);
    if (deepestEnding >= 0) {
      const popped = stack.splice(deepestEnding);
      for (let i = popped.length - 1; i >= 0; i--) out.push('</mark>');
      for (const o of popped) {
        if (o.mark.end === pos) continue;
        out.push(openTag(o.mark, true));
        stack.push({ mark: o.mark, cont: true });
      }
    }
    while (next < marks.length && marks[next].start === pos) {
      out.push(openTag(marks[next], false));
      stack.push({ mark: marks[next], cont: false });
      next++;
    }
    const until = bounds[bi + 1] ?? text.length;
    if (until > pos) out.push(escapeHtml(text.slice(pos, until)));
  }
  for (let i = stack.length - 1; i >= 0; i--) out.push('</mark>');
  return new Html(out.join(''));
}
