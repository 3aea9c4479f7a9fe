/**
 * Escaping by construction. Every interpolation in an `html` template is escaped unless it
 * is itself an `Html` value, so article text (untrusted: titles, bodies, quotes, URLs) can
 * only ever reach a page as text. Marking markup as safe takes a deliberate `Html` value,
 * which is easy to grep for in review.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Value = Html | string | number | boolean | null | undefined | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Joins already-built fragments (a list rendered by map) without escaping them twice. */
export function join(parts: Html[], sep = ''): Html {
  return new Html(parts.map((p) => p.value).join(sep));
}

/**
 * A URL from a page is only ever a link when it is plain http(s): `javascript:`, `data:` and
 * friends become text. Returns null when the URL must not be an href.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
