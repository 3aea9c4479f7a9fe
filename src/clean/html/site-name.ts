/** Strip a " | Site name" style suffix or prefix from a page title: keep the longest segment. */
export function stripSiteName(title: string): string {
  const parts = title.split(/\s+[|–—·»:]\s+|\s+-\s+|\s+::\s+/).map((s) => s.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}
