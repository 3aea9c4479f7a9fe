import type { SpanTarget } from '../../core/doc.js';
import type { Line } from './lines.js';
import { findDates, findYears } from './parse.js';
import { makeCand, roleFromHint, zoneVerdict, type Cand } from './signals.js';

/**
 * Dates written on the page's lines: bylines ("Posted : 2020-07-02 16:40", "Von Anna
 * Muster, 11. Juni 2019"), a date line under the headline, datelines, and, with little
 * weight, dates anywhere else. Lines that only look like bylines are rejected here with
 * the reason: copyright and registration lines, print/crawl stamps, page clocks above the
 * byline, and runs of dated lines that make up a list of other articles.
 */

const COPYRIGHT = /©|\(c\)\s*\d|copyright|all rights reserved|alle rechte|tous droits|todos los derechos|tutti i diritti/i;
const REGISTRATION = /registration|registered|registriert|eingetragen|member since|joined|mitglied seit|dabei seit|angemeldet|registro|inscrit|date of reg/i;
const GENERATED = /generated|printed|print(?:ed)? on|gedruckt|druckversion|abgerufen|accessed|retrieved|crawl|cached|heute ist|today is|aujourd'hui|hoy es|stand der (?:seite|abfrage)|seite erstellt|page created|current time|local time|ortszeit/i;
// What a byline says before its date. "by"/"von" cover "By Anna Muster | June 11, 2019".
const LABEL = /(?:posted|published|publication|updated|modified|last (?:changed|updated)|veröffentlicht|veroeffentlicht|erschienen|erstellt|aktualisiert|geändert|geaendert|stand|zuletzt|publié|publie|mis à jour|mise à jour|publicado|publicada|actualizado|actualizada|pubblicato|aggiornato|gepubliceerd|geplaatst|bijgewerkt|created|written|dated?|datum|fecha|data)/i;
// Prepositions and author markers only make a byline on a short line: in a sentence they introduce events.
const WEAK_LABEL = /(?:\bby\b|\bvon\b|\bpar\b|\bpor\b|\bdi\b|\bdoor\b|\bam\b|\bon\b|\ble\b|\bvom\b)/i;
// A dateline date is followed by a separator, not by the rest of a sentence.
const DATELINE_AFTER = /^\s*(?:[-–—:|/•·(]|\d{1,2}[:.]\d{2}|$)/;
const WEEKDAY_OR_TIME = /\d{1,2}[:h]\d{2}|\b(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\b/i;

export interface LineScanOpts {
  lines: Line[];
  /** Index of the line where the article starts (headline or first line of the cleaned text). */
  anchor: number;
  dayFirst: boolean;
  in: SpanTarget;
  /** Offset added to line offsets (0 for raw). */
  base?: number;
}

export interface LineScan {
  cands: Cand[];
  /** Year-only signals worth showing as ignored (copyright years). */
  ignored: { value: string; reason: string; start: number; end: number }[];
}

export function scanLines(o: LineScanOpts): LineScan {
  const cands: Cand[] = [];
  const ignored: LineScan['ignored'] = [];
  const { lines, anchor } = o;
  const dated: { i: number; date: string; short: boolean; labelled: boolean; cand: Cand }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const ln = lines[i];
    if (!/\d/.test(ln.text)) continue;
    if (COPYRIGHT.test(ln.text)) {
      for (const y of findYears(ln.text)) {
        if (ignored.length < 5) ignored.push({ value: ln.text.slice(Math.max(0, y.start - 12), y.end).trim(), reason: 'copyright year, not a publication date', start: ln.start, end: ln.end });
      }
    }
    const found = findDates(ln.text, { dayFirst: o.dayFirst });
    if (found.length === 0) continue;
    const near = i >= anchor - 8 && i <= anchor + 30;
    const dist = Math.abs(i - anchor);
    for (let k = 0; k < found.length; k++) {
      const f = found[k];
      // The label that matters is the one between the previous date and this one.
      const from = k > 0 ? Math.max(found[k - 1].end, f.start - 48) : Math.max(0, f.start - 48);
      const before = ln.text.slice(from, f.start);
      const after = ln.text.slice(f.end, f.end + 60);
      const rest = (ln.text.slice(0, f.start) + ln.text.slice(f.end)).replace(/[\s|·•,:;–—-]+/g, ' ').trim();
      const short = rest.length <= 40;
      const tail = before.slice(-36);
      const labelled = (LABEL.test(tail) && (short || ln.text.length < 160)) || (short && WEAK_LABEL.test(tail));
      let rejected: string | undefined;
      if (COPYRIGHT.test(ln.text)) rejected = 'copyright line, not a publication date';
      else if (REGISTRATION.test(before) || (short && REGISTRATION.test(ln.text))) rejected = 'registration date (site footer), not a publication date';
      else if (GENERATED.test(before) || (short && GENERATED.test(ln.text))) rejected = 'page generated/print/crawl time, not a publication date';
      const zone = ln.zone ? zoneVerdict(ln.zone) : undefined;
      if (!rejected && zone?.hard) rejected = zone.why;
      const role = labelled ? roleFromHint(before) : 'unknown';
      let weight: number;
      let source: 'byline' | 'text' = 'byline';
      if (labelled) weight = near ? 0.8 : 0.5;
      else if (short) weight = near ? 0.6 : 0.25;
      else {
        source = 'text';
        // A dateline opening the first paragraph ("BERLIN, 11. Juni 2019 –") counts more than a date deep in the text.
        weight = i >= anchor && i <= anchor + 3 && f.start < 40 && DATELINE_AFTER.test(after) ? 0.45 : 0.1;
      }
      // Closer to the headline is likelier the byline; far lines decay more slowly but still order ties.
      weight *= near ? 1 - Math.min(0.3, dist * 0.01) : 1 - Math.min(0.6, 0.3 + (dist - 30) * 0.002);
      if (/\barticle\b|articlebody|entry-?meta|post-?meta|article-?meta|byline|dateline|article-?header/.test(ln.zone) && !rejected) weight = Math.min(0.9, weight + 0.1);
      let doubt: string | undefined = zone && !zone.hard ? zone.why : undefined;
      // "date 2014-01-01 The second summit…": a bare "date" label fused with running text is a template field.
      if (/\b(?:date|datum)\s*:?\s*$/i.test(before) && after.replace(/^[\s|·•,:;–—-]+/, '').length > 30 && /^[\s|·•,:;–—-]*\p{Lu}/u.test(after)) {
        doubt = 'a date labelled only "date" glued to the headline (template field)';
      }
      const c = makeCand(f, {
        source, value: f.text, start: ln.start, end: ln.end, in: o.in, role, weight, group: 'page',
        evidence: labelled ? `byline line "${ln.text.slice(0, 80)}"` : short ? `date line "${ln.text.slice(0, 80)}"` : `date in text "${ln.text.slice(Math.max(0, f.start - 30), f.end + 10)}"`,
        rejected, doubt, labelled, line: i,
      });
      if (o.base) { c.span.start += o.base; c.span.end += o.base; }
      c.beforeAnchor = i < anchor;
      cands.push(c);
      if (!rejected && source === 'byline') dated.push({ i, date: c.span.date, short, labelled, cand: c });
    }
  }

  // Runs of dated short lines with different dates are lists (related articles, archives,
  // comment threads), whatever their markup: a page has one byline.
  for (const d of dated) {
    if (d.labelled && d.i >= anchor - 8 && d.i <= anchor + 30) continue;
    const around = dated.filter((e) => Math.abs(e.i - d.i) <= 8);
    const distinct = new Set(around.map((e) => e.date));
    if (around.length >= 3 && distinct.size >= 2 && !d.cand.doubt) d.cand.doubt = 'date in a list of other articles (several dated lines in a row)';
  }

  // A bare date with a clock time or weekday shortly above a labelled byline with another
  // date is the site's header clock or print stamp ("Fri, June 9, 2023 | 03:47").
  for (const d of dated) {
    if (d.labelled || d.cand.span.rejected) continue;
    const byline = dated.find((e) => e.labelled && e.i > d.i && e.i - d.i <= 10 && e.date !== d.date && !e.cand.span.rejected);
    if (byline && WEEKDAY_OR_TIME.test(d.cand.found.text)) {
      d.cand.span.rejected = `page clock/print time above the byline (the byline below says ${byline.date})`;
    }
  }
  return { cands, ignored };
}
