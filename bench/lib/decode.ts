/**
 * Bytes-to-string for benchmark pages kept in their original encodings. Mirrors what a
 * browser does closely enough for scoring: BOM, then a declared charset near the top,
 * then UTF-8 if the bytes are valid UTF-8, else windows-1252.
 */
import iconv from 'iconv-lite';

/** WHATWG maps these legacy labels onto windows-1252; pages rely on that for curly quotes. */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 8192).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

export function decodeHtml(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8 (BOM)' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le (BOM)' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be (BOM)' };
  let label = declaredCharset(bytes);
  if (label) label = ALIASES[label] ?? label;
  if (label && label !== 'utf-8' && label !== 'utf8' && iconv.encodingExists(label)) {
    return { text: iconv.decode(bytes, label), encoding: label };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // A page that claims UTF-8 but is not: the usual culprit is a cp1252 editor.
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252 (fallback)' };
  }
}
