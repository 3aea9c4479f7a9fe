/**
 * Content sniffing on raw bytes: what an input is before we trust any label on it.
 * Everything here looks at a bounded prefix so a 20 MiB page costs the same as a small one.
 */
import type { InputFormat } from '../core/doc.js';

const SAMPLE = 8192;

export interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

export function sniffBom(bytes: Uint8Array): Bom | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

interface Magic {
  name: string;
  at: number;
  bytes: number[] | string;
}

// Signatures long or odd enough that no text file plausibly starts with them, so a match
// alone settles it; they also let the error say what the file probably is.
const MAGIC: Magic[] = [
  { name: 'PNG', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', at: 0, bytes: 'GIF87a' },
  { name: 'GIF', at: 0, bytes: 'GIF89a' },
  { name: 'PDF', at: 0, bytes: '%PDF-' },
  { name: 'ZIP', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip', at: 0, bytes: [0x1f, 0x8b] },
  { name: '7-Zip', at: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'WebP', at: 8, bytes: 'WEBP' },
  { name: 'ELF executable', at: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'WebAssembly', at: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'MP4/QuickTime', at: 4, bytes: 'ftyp' },
  { name: 'Ogg', at: 0, bytes: 'OggS' },
  { name: 'MP3', at: 0, bytes: 'ID3' },
  { name: 'SQLite database', at: 0, bytes: 'SQLite format 3\0' },
];

function matches(bytes: Uint8Array, m: Magic): boolean {
  const sig = typeof m.bytes === 'string' ? Array.from(m.bytes, (c) => c.charCodeAt(0)) : m.bytes;
  if (bytes.length < m.at + sig.length) return false;
  return sig.every((b, i) => bytes[m.at + i] === b);
}

export function magicName(bytes: Uint8Array): string | null {
  return MAGIC.find((m) => matches(bytes, m))?.name ?? null;
}

/**
 * UTF-16 without a BOM is full of NULs and would otherwise be called binary. Mostly-ASCII
 * text (markup always is) puts a zero in every other byte, which is distinctive enough.
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.9 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.9 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

/** Why these bytes are not text, or null when they plausibly are. */
export function binaryReason(bytes: Uint8Array): string | null {
  if (sniffBom(bytes)) return null;
  const magic = magicName(bytes);
  if (magic) return `binary data (looks like ${magic})`;
  if (guessUtf16(bytes)) return null;
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'binary data (contains NUL bytes)';
    // Tab, LF, VT, FF, CR are text; ESC is too, because ISO-2022-JP switches charsets with it.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) control++;
  }
  if (n > 0 && control / n > 0.1) return `binary data (${Math.round((100 * control) / n)}% control characters)`;
  return null;
}

/** A prefix as characters good enough for ASCII pattern matching, whatever the encoding. */
export function asciiSample(bytes: Uint8Array, max = 4096): string {
  const bom = sniffBom(bytes);
  const utf16 = bom && bom.encoding !== 'utf-8' ? bom.encoding : bom ? null : guessUtf16(bytes);
  const start = bom?.length ?? 0;
  if (utf16) {
    const len = Math.min(bytes.length - start, max * 2) & ~1;
    const slice = Buffer.from(bytes.subarray(start, start + len));
    if (utf16 === 'utf-16be') slice.swap16();
    return slice.toString('utf16le');
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(bytes.length - start, max)).toString('latin1');
}

const STRUCTURE_TAG = /<(?:html|head|body)[\s>]/i;
const COMMON_TAG = /<\/?(?:p|div|span|a|br|hr|li|ul|ol|h[1-6]|article|section|header|footer|nav|main|table|tr|td|img|script|style|meta|link|title|figure|em|strong|b|i)\b[^<>]{0,400}>/gi;

/** Whether text that carries no label looks like HTML. */
export function looksLikeHtml(sample: string): boolean {
  const s = sample.replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (s.startsWith('<!doctype html') || s.startsWith('<html')) return true;
  if (s.startsWith('<?xml') && s.includes('<html')) return true;
  if (STRUCTURE_TAG.test(s)) return true;
  // Fragments without <html> (saved article bodies, CMS exports) still read as markup
  // when tags are dense; a few stray angle brackets in prose do not.
  const tags = s.match(COMMON_TAG)?.length ?? 0;
  return tags >= 5;
}

export function sniffFormat(bytes: Uint8Array): InputFormat {
  return looksLikeHtml(asciiSample(bytes)) ? 'html' : 'text';
}

const HTML_EXT = /\.(?:html?|xhtml|shtml)$/i;

/**
 * Format from the strongest signal present: file extension, then Content-Type, then content.
 * A `.txt` name or `text/plain` header is not trusted over content, because pages saved as
 * text and misconfigured servers are both common; only explicit HTML labels are.
 */
export function detectFormat(bytes: Uint8Array, hints: { name?: string | null; contentType?: string | null }): InputFormat {
  if (hints.name && HTML_EXT.test(hints.name)) return 'html';
  const mime = hints.contentType?.split(';')[0].trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  return sniffFormat(bytes);
}
