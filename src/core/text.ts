/** Small text utilities shared across stages. */

/** A literal string as a regular-expression source. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
