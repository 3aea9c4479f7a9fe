/** Small text utilities shared across stages. */

/** A literal string as a regular-expression source. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whitespace runs as one space, ends trimmed. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
