/**
 * Class/id vocabulary and tag sets used to judge page regions. Kept apart from the
 * scoring code so the word lists can be reviewed (and extended) without reading it.
 */

/** Never article text: code, media, form controls, document metadata, site navigation. */
export const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'map', 'button', 'input', 'select', 'textarea', 'option', 'optgroup', 'datalist',
  'head', 'title', 'link', 'meta', 'base', 'nav', 'aside', 'dialog', 'menu', 'figcaption', 'picture', 'source',
]);

/** Elements that start a new line of text; everything else flows inline. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'legend', 'frameset', 'frame', 'noframes', 'listing',
  'plaintext', 'xmp',
]);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Region names that mark page furniture. Matched against class and id split into words,
 * so 'nav' does not fire inside 'canvas'; compounds like 'sharebar' are caught by the stem list.
 */
const BOILER_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menus', 'submenu', 'footer', 'header', 'masthead', 'breadcrumb',
  'breadcrumbs', 'sidebar', 'widgets', 'ad', 'ads', 'advert', 'adv', 'advertisement', 'advertising',
  'banner', 'promo', 'promotion', 'sponsor', 'sponsored', 'share', 'sharing', 'shares', 'social', 'related',
  'recommended', 'recommendations', 'comment', 'comments', 'kommentare', 'cookie', 'cookies', 'consent', 'gdpr',
  'newsletter', 'subscribe', 'subscription', 'signup', 'login', 'signin', 'register', 'caption', 'credit',
  'credits', 'byline', 'author', 'authors', 'meta', 'tags', 'tag', 'tagcloud', 'keywords', 'topics', 'popup',
  'modal', 'overlay', 'lightbox', 'toolbar', 'tools', 'pagination', 'pager', 'print', 'email', 'skip', 'hidden',
  // 'teasers' only: a single block named 'teaser' ('article-teaser', 'teaser-text') is most
  // often the story's lead; lists of teasers are recognised by their shape instead.
  'popular', 'trending', 'outbrain', 'taboola', 'disqus', 'recirc', 'recirculation', 'teasers',
  'gallery', 'slideshow', 'carousel', 'player',
  'follow', 'rating', 'ratings', 'copyright', 'legal', 'disclaimer', 'bio', 'dateline', 'date', 'timestamp',
  'published', 'notification', 'alert', 'toc', 'categories', 'category', 'more', 'readmore', 'sharebar',
  'sociallinks', 'socialmedia', 'footnotes-nav', 'sr', 'visually', 'screen', 'offscreen', 'hide', 'widget_area',
  'sitemap', 'feedback', 'survey', 'donate', 'donation', 'shop', 'cart', 'search', 'logo', 'brand', 'partner',
  'partners', 'nocontent', 'noprint', 'dpa', 'impressum', 'imprint', 'contact', 'links', 'linklist', 'blogroll',
  'archive', 'archives', 'calendar', 'secondary', 'aside', 'reply', 'respond', 'pingback', 'trackback',
]);

const BOILER_STEMS =
  /share|social|comment|cookie|consent|newsletter|breadcrumb|sidebar|advert|sponsor|outbrain|taboola|disqus|subscri|signup|popup|navbar|navigation|footer|related|recommend|caption|byline|masthead|pagination|promo|tagcloud|relat|newsticker|sharing/;

/** Names that wrap the story itself; a mild tie-breaker, never decisive on its own. */
const CONTENT_NAMES =
  /article[-_]?(body|content|text|main)|story[-_]?(body|content|text)|entry[-_]?(content|body|text)|post[-_]?(content|body|text|entry)|main[-_]?content|body[-_]?text|articlebody|storybody|richtext|rich-text|text[-_]?content|content[-_]?body|page[-_]?content|blog[-_]?post|single[-_]?post|artikel|beitrag|haupttext|prose/;

function words(token: string): string[] {
  // Split camelCase before lowercasing so 'relatedStories' yields 'related'.
  return token
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Class tokens that describe a state ('has-ads', 'no-sidebar'), not what the element is. */
const STATE_PREFIX = new Set(['has', 'with', 'no', 'is', 'js', 'not', 'show', 'enable', 'enabled', 'without', 'hide']);
/**
 * Taxonomy markers ('category-sport', 'tag-election', 'format-standard') that CMSs put on
 * the article wrapper itself: a prefix followed by a value.
 */
const TAXONOMY_PREFIX = new Set(['category', 'cat', 'tag', 'format', 'status', 'type', 'postid', 'template', 'layout', 'theme', 'lang', 'dir']);

/** The vocabulary word a class or id token names, if any. */
function boilerWord(token: string): string | null {
  // BEM: 'block--modifier' names a variant of the block; only the block says what it is.
  const base = token.split('--')[0];
  const ws = words(base);
  if (ws.length === 0) return null;
  if (STATE_PREFIX.has(ws[0])) return null;
  if (ws.length > 1 && (TAXONOMY_PREFIX.has(ws[0]) || ws.includes('format'))) return null;
  for (const w of ws) {
    // 'o-section--has-ads': what follows a state word describes the state, not the element.
    if (STATE_PREFIX.has(w)) return null;
    if (BOILER_WORDS.has(w)) return w;
  }
  const m = BOILER_STEMS.exec(base.toLowerCase());
  return m ? m[0] : null;
}

export interface NameVerdict {
  boiler: string | null;
  content: boolean;
}

/** Judge one element by its class, id, role and itemprop. */
export function judgeNames(attribs: Record<string, string>): NameVerdict {
  const cls = attribs.class ?? '';
  const id = attribs.id ?? '';
  const role = attribs.role ?? '';
  const itemprop = attribs.itemprop ?? '';
  const content = /articlebody|text|description/i.test(itemprop) || role === 'main';
  let boiler: string | null = null;
  if (role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'complementary' || role === 'search' || role === 'dialog' || role === 'alert') {
    boiler = `role=${role}`;
  }
  const names = `${cls} ${id}`;
  if (!boiler) {
    for (const token of names.split(/\s+/)) {
      if (!token) continue;
      boiler = boilerWord(token);
      if (boiler) break;
    }
  }
  const contentByName = CONTENT_NAMES.test(names.toLowerCase());
  return { boiler, content: content || contentByName };
}

/** Inline styles and attributes that hide an element from readers. */
export function isHidden(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  if (attribs['aria-hidden'] === 'true') return true;
  const style = attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

/** Whole blocks that are page furniture whatever region they sit in. */
export const BOILER_LINE =
  /^(advertisements?|anzeige|werbung|publicit[ée]|pubblicit[àa]|publicidad|reklama|sponsored( content)?|share( this( article| story| page)?)?( on \w+)?|teilen|read more|weiterlesen|mehr lesen|mehr zum thema|continue reading|related( articles| stories| posts| content)?|recommended( for you)?|you may also like|see also|more from [^.]{1,40}|subscribe( now)?|sign up( now)?|follow us( on \w+)?|click here[^.]{0,40}|print( this)?( article| page)?|e-?mail( this)?|tweet|facebook|twitter|whatsapp|linkedin|pinterest|back to top|nach oben|zur[üu]ck|top|skip to( main)? content|(all rights reserved|alle rechte vorbehalten)\.?|image:.*|photo:.*|foto:.*|bild:.*|titelbild:.*|abbildung:.*|fotos?:.*|credit:.*|getty images|loading\.{0,3}|tags?:.*|schlagw[öo]rter:.*|comments?( \(\d+\))?|\d+ comments?|leave a (comment|reply)|kommentare?( \(\d+\))?)$/i;

/** Copyright and credit lines, typically the last line of a page's furniture. */
export const COPYRIGHT_LINE = /^(©|\(c\)|copyright\b)/i;
