import { parseDocument } from 'htmlparser2';
import type { Document } from 'domhandler';

/**
 * Parse untrusted HTML into a DOM with start/end indices, so every node can be traced
 * back to its characters in the decoded raw input (provenance for `in: 'raw'` spans).
 * htmlparser2 is forgiving: malformed markup yields a best-effort tree, never a throw.
 */
export function parseHtml(html: string): Document {
  return parseDocument(html, {
    withStartIndices: true,
    withEndIndices: true,
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
}
