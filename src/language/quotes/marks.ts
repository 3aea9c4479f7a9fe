/**
 * Pairs quotation marks into quoted regions, one paragraph at a time.
 *
 * Straight marks are ambiguous (a `"` opens or closes, a `'` may be an apostrophe), so
 * the pairing keeps a stack and reads flanking characters. Only outermost regions are
 * returned; a single-quoted passage inside a double-quoted one stays part of the outer
 * region. A double-quoted region still open at a paragraph's end is kept when the next
 * paragraph re-opens a quote or the region began the paragraph: news style runs a long
 * quotation over paragraphs without closing the mark in between.
 */

export interface QuoteRegion {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the region runs to the paragraph end. */
  close: number;
  /** The quoted content, marks excluded. */
  start: number;
  end: number;
  /** Double marks (straight or curly) versus single marks. */
  double: boolean;
  paragraph: number;
}

interface Open {
  pos: number;
  double: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:;,]/u;

function isSpaceOrEdge(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

export function pairQuoteMarks(text: string, paragraphs: { start: number; end: number }[]): QuoteRegion[] {
  const regions: QuoteRegion[] = [];
  paragraphs.forEach((para, pIndex) => {
    const stack: Open[] = [];
    const closeTo = (double: boolean, pos: number) => {
      // Pop to the nearest open mark of the same kind; marks above it were strays.
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].double === double) {
          const open = stack[k];
          stack.length = k;
          if (k === 0) {
            regions.push({ open: open.pos, close: pos, start: open.pos + 1, end: pos, double, paragraph: pIndex });
          }
          return true;
        }
        // A single mark never closes across an open double mark.
        if (!double && stack[k].double) return false;
      }
      return false;
    };
    const hasOpen = (double: boolean) => {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].double === double) return true;
        if (!double && stack[k].double) return false;
      }
      return false;
    };

    for (let i = para.start; i < para.end; i++) {
      const ch = text[i];
      const prev = i > para.start ? text[i - 1] : undefined;
      const next = i + 1 < para.end ? text[i + 1] : undefined;
      switch (ch) {
        case '“':
        case '„':
        case '«':
          stack.push({ pos: i, double: true });
          break;
        case '”':
        case '»':
          closeTo(true, i);
          break;
        case '"':
          // English does not nest straight double marks, so an open one is closed here.
          if (hasOpen(true)) closeTo(true, i);
          else stack.push({ pos: i, double: true });
          break;
        case '‘':
          if (!isSpaceOrEdge(next)) stack.push({ pos: i, double: false });
          break;
        case '’':
        case "'": {
          const between = prev !== undefined && next !== undefined && LETTER.test(prev) && LETTER.test(next);
          if (between) break; // don't, Crowe’s, rock'n'roll
          const opensHere =
            ch === "'" && (prev === undefined || OPENING_CONTEXT.test(prev) || '“"'.includes(prev)) && next !== undefined && LETTER.test(next);
          if (opensHere) {
            stack.push({ pos: i, double: false });
            break;
          }
          // Otherwise a closing mark when a single quote is open, else a trailing apostrophe (veterans').
          if (hasOpen(false)) closeTo(false, i);
          break;
        }
        default:
          break;
      }
    }

    const outer = stack[0];
    if (outer && outer.double) {
      const nextPara = paragraphs[pIndex + 1];
      const nextOpens = nextPara !== undefined && /^["“„«]/.test(text.slice(nextPara.start, nextPara.start + 1));
      if (nextOpens || outer.pos === para.start) {
        let end = para.end;
        while (end > outer.pos + 1 && /\s/.test(text[end - 1])) end--;
        regions.push({ open: outer.pos, close: -1, start: outer.pos + 1, end, double: true, paragraph: pIndex });
      }
    }
  });
  return regions.sort((a, b) => a.start - b.start);
}
