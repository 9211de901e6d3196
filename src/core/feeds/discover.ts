// Feed discovery: is a fetched body a feed or a web page, and which feeds does a page announce
// through `<link rel="alternate" type="..." href="..." title="...">` with type application/rss+xml,
// application/atom+xml or application/feed+json.

import { scanTags } from '../html/scan';
import { isSafeUrl } from '../base/urls';
import { isJsonFeed } from './jsonFeed';
import { rootElementName } from './xml';

export interface DiscoveredFeed {
  /** Absolute URL of the feed. */
  url: string;
  /** The link's title ('' when none). */
  title: string;
  type: 'rss' | 'atom' | 'json';
}

const FEED_TYPES: Record<string, 'rss' | 'atom' | 'json'> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
};

/**
 * The feeds a page links to, in page order, without duplicates. Relative hrefs are resolved against
 * the page's `<base href>` if any, else `pageUrl`.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const tags = scanTags(html, new Set(['link', 'base', 'body']));
  let base = pageUrl;
  const baseTag = tags.find((t) => t.name === 'base' && t.attrs.href);
  if (baseTag) {
    try {
      base = new URL(baseTag.attrs.href, pageUrl).href;
    } catch {
      // keep the page URL
    }
  }
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.name !== 'link') continue;
    const rels = (tag.attrs.rel ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('alternate')) continue;
    const type = FEED_TYPES[(tag.attrs.type ?? '').split(';')[0].trim().toLowerCase()];
    const href = (tag.attrs.href ?? '').trim();
    if (!type || !href) continue;
    let url: string;
    try {
      url = new URL(href, base).href;
    } catch {
      continue;
    }
    if (!isSafeUrl(url) || seen.has(url)) continue;
    seen.add(url);
    found.push({ url, title: (tag.attrs.title ?? '').trim(), type });
  }
  return found;
}

export type BodyKind = 'feed' | 'html' | 'unknown';

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:RDF']);

/**
 * Whether a fetched body is a feed (root element rss, feed or rdf:RDF, or JSON Feed) or a web page.
 * The Content-Type, if given, decides only when the text itself does not.
 */
export function classifyBody(text: string, contentType = ''): BodyKind {
  if (isJsonFeed(text, contentType)) return /jsonfeed\.org\/version\//i.test(text) ? 'feed' : 'unknown';
  const root = rootElementName(text);
  if (FEED_ROOTS.has(root)) return 'feed';
  if (root.toLowerCase() === 'html' || /^\s*<!doctype\s+html/i.test(text.replace(/^\ufeff/, ''))) return 'html';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (root) {
    // Some other XML root: not a feed we know.
    return type === 'text/html' ? 'html' : 'unknown';
  }
  // Pages that start with text or a fragment (no root found).
  const looksLikeHtml = /<(head|body|meta|title)[\s>]/i.test(text.slice(0, 4096));
  if (type === 'text/html' || type === 'application/xhtml+xml' || looksLikeHtml) return 'html';
  return 'unknown';
}
