/**
 * Bytes to text, with the reason for the encoding chosen. Precedence follows what browsers
 * do, because that is what the page's author saw: BOM, then the HTTP charset, then a
 * <meta> declaration near the top, then content. The evidence string is user-facing.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { InputFormat } from '../core/doc.js';
import { binaryReason, guessUtf16, sniffBom, sniffFormat } from './sniff.js';
import type { RawInput } from './types.js';

export interface Decoded {
  text: string;
  encoding: string;
  evidence: string;
}

export interface DecodeOptions {
  contentType?: string | null;
  format?: InputFormat;
  /** Who declared the Content-Type charset, for the evidence; default 'HTTP header'. */
  contentTypeOrigin?: string;
}

/** How far into the bytes a <meta> charset still counts (browsers prescan 1024; pages often run long). */
const META_PRESCAN_BYTES = 4096;

// Legacy labels resolve as the WHATWG Encoding Standard says, because pages that declare
// iso-8859-1 or us-ascii are in practice written in windows-1252 (curly quotes in 0x80-0x9F),
// and gb2312 pages routinely use GBK characters.
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-unicode20utf8': 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso_8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  'iso-ir-100': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  cp819: 'windows-1252',
  ibm819: 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'windows-1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  gb_2312: 'gbk',
  'gb_2312-80': 'gbk',
  csgb2312: 'gbk',
  chinese: 'gbk',
  'x-gbk': 'gbk',
  gbk: 'gbk',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  ms_kanji: 'shift_jis',
  csshiftjis: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Canonical encoding for a declared label, or null when we cannot decode it. */
export function resolveCharset(label: string): string | null {
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!key) return null;
  const known = ALIASES[key];
  if (known) return known;
  if (iconv.encodingExists(key)) return key;
  // iconv-lite lacks a few stateful encodings (ISO-2022-JP, still used by Japanese
  // outlets' mail-era archives) that Node's ICU-backed TextDecoder has.
  try {
    return new TextDecoder(key).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;]+))/i.exec(contentType);
  const label = m ? (m[1] ?? m[2] ?? m[3]) : null;
  return label ? label.trim() : null;
}

interface Declaration {
  label: string;
  evidence: string;
}

function parseAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** The charset a page declares about itself in its first few KB, if any. */
export function prescanDeclaration(bytes: Uint8Array): Declaration | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  // Commented-out declarations are common in templates and must not count.
  const visible = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const m of visible.matchAll(/<meta\b([^>]*)>?/gi)) {
    const attrs = parseAttributes(m[1]);
    const charset = attrs.get('charset');
    if (charset) return { label: charset.trim(), evidence: `<meta charset=${charset.trim()}>` };
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      const label = /charset\s*=\s*["']?([^\s"';]+)/i.exec(attrs.get('content') ?? '')?.[1];
      if (label) return { label, evidence: `<meta http-equiv="Content-Type" charset=${label}>` };
    }
  }
  if (xml) return { label: xml[1], evidence: `<?xml encoding=${xml[1]}?>` };
  return null;
}

function decodeUtf8(bytes: Uint8Array): { text: string; replaced: number } {
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), replaced: 0 };
  // ignoreBOM keeps a stray U+FEFF visible rather than silently shifting offsets.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const already = countOccurrences(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), Buffer.from([0xef, 0xbf, 0xbd]));
  let inText = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) inText++;
  return { text, replaced: Math.max(inText - already, 1) };
}

function countOccurrences(hay: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

function decodeAs(encoding: string, bytes: Uint8Array, evidence: string): Decoded {
  if (encoding === 'utf-8') {
    const { text, replaced } = decodeUtf8(bytes);
    if (replaced === 0) return { text, encoding, evidence };
    return {
      text,
      encoding,
      evidence: `${evidence}, but the bytes are not valid UTF-8: decoded with replacement (${replaced} invalid sequence${replaced === 1 ? '' : 's'} replaced by U+FFFD)`,
    };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (encoding === 'utf-16le') return { text: buf.toString('utf16le'), encoding, evidence };
  if (!iconv.encodingExists(encoding)) return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(buf), encoding, evidence };
  return { text: iconv.decode(buf, encoding, { stripBOM: false }), encoding, evidence };
}

/** Decode raw bytes, saying which encoding was used and why. Never throws. */
export function decodeBytes(bytes: Buffer, opts: DecodeOptions = {}): Decoded | { error: string } {
  try {
    return decodeInner(bytes, opts);
  } catch (err) {
    return { error: `could not decode: ${(err as Error).message}` };
  }
}

function decodeInner(bytes: Buffer, opts: DecodeOptions): Decoded | { error: string } {
  if (bytes.length === 0) return { error: 'empty input' };

  const bom = sniffBom(bytes);
  if (bom) return decodeAs(bom.encoding, bytes.subarray(bom.length), `BOM (${bom.encoding})`);

  const binary = binaryReason(bytes);
  if (binary) return { error: binary };

  const utf16 = guessUtf16(bytes);
  if (utf16) return decodeAs(utf16, bytes, `${utf16} without BOM: every other byte is NUL`);

  const ignored: string[] = [];
  const format = opts.format ?? sniffFormat(bytes);
  const declared = format === 'html' ? prescanDeclaration(bytes) : null;

  const headerLabel = charsetFromContentType(opts.contentType);
  if (headerLabel) {
    const enc = resolveCharset(headerLabel);
    const origin = opts.contentTypeOrigin ?? 'HTTP header';
    if (enc) {
      let evidence = `${origin} charset=${headerLabel}`;
      if (declared && resolveCharset(declared.label) !== enc) evidence += ` (overrides ${declared.evidence})`;
      return decodeAs(enc, bytes, withAlias(evidence, headerLabel, enc));
    }
    ignored.push(`ignored unknown ${origin} charset=${headerLabel}`);
  }

  if (declared) {
    let enc = resolveCharset(declared.label);
    // A page that could be read as ASCII to find its <meta> is not UTF-16, whatever it says.
    if (enc === 'utf-16le' || enc === 'utf-16be') enc = 'utf-8';
    if (enc) return decodeAs(enc, bytes, withIgnored(withAlias(declared.evidence, declared.label, enc), ignored));
    ignored.push(`ignored unknown ${declared.evidence}`);
  }

  if (isUtf8(bytes)) {
    const ascii = isAscii(bytes);
    return decodeAs('utf-8', bytes, withIgnored(ascii ? 'valid UTF-8 (pure ASCII)' : 'valid UTF-8', ignored));
  }
  return decodeAs('windows-1252', bytes, withIgnored('fallback windows-1252: bytes are not valid UTF-8', ignored));
}

function withAlias(evidence: string, label: string, enc: string): string {
  return label.trim().toLowerCase() === enc ? evidence : `${evidence}, decoded as ${enc}`;
}

function withIgnored(evidence: string, ignored: string[]): string {
  return ignored.length ? `${evidence}; ${ignored.join('; ')}` : evidence;
}

/**
 * Decode one ingested input. JSON Lines records carry a synthetic Content-Type (their text
 * is Unicode already), so the evidence must not claim an HTTP server said so.
 */
export function decodeInput(input: RawInput): Decoded | { error: string } {
  const fromHttp = input.headers['content-type'] !== undefined;
  return decodeBytes(input.bytes, {
    contentType: input.contentType,
    format: input.format,
    contentTypeOrigin: fromHttp ? 'HTTP header' : 'declared Content-Type',
  });
}
