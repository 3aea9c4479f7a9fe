import { assetUrl } from './assets.js';
import { type Html, html } from './html.js';

export type Section = 'stories' | 'documents' | 'entities' | 'ingest' | null;

const NAV: [Exclude<Section, null>, string, string][] = [
  ['stories', '/', 'Stories'],
  ['documents', '/documents', 'Documents'],
  ['entities', '/entities', 'People & places'],
  ['ingest', '/ingest', 'Add pages'],
];

/**
 * The page shell: skip link, landmarks (banner, navigation, search, main, contentinfo),
 * the one stylesheet and the one script. No inline script or style anywhere, so the CSP
 * can forbid both.
 */
export function layout(opts: { title: string; section: Section; page: string; body: Html; query?: string }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · Dateline</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script src="${assetUrl('app.js')}" defer></script>
</head>
<body data-page="${opts.page}">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="brand" href="/">Dateline</a>
  <nav aria-label="Main">
    <ul>
      ${NAV.map(([key, href, label]) => html`<li><a href="${href}"${key === opts.section ? html` aria-current="page"` : ''}>${label}</a></li>`)}
    </ul>
  </nav>
  <form class="site-search" role="search" action="/documents" method="get">
    <label for="site-q" class="visually-hidden">Search documents</label>
    <input id="site-q" name="q" type="search" placeholder="Search documents" value="${opts.query ?? ''}" maxlength="500">
    <button type="submit">Search</button>
  </form>
</header>
<main id="main" tabindex="-1">
${opts.body}
</main>
<footer class="site-footer"><p>Dateline · every fact links to the characters it came from · <a href="/openapi.json">API</a></p></footer>
</body>
</html>
`;
}
