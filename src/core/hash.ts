import { createHash } from 'node:crypto';

/** A document's id: the first 16 hex characters of the sha256 of its raw bytes. */
export function documentId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
