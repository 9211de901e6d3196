// What rss-parser gives for a feed (its raw fields, see rssParser.ts), normalized: the feed's own
// title and page, and each entry as a FeedEntry. Titles (typed Atom text, RSS titles with inline
// markup or escaped twice), authors (names out of e-mail forms, each once), links (Atom's rules for
// the page, RSS's guid as permalink, xml:base), dates (the first that is one, published before
// updated), the entry's HTML (its relative URLs resolved) and an id told apart from the others.

import { createHash } from 'crypto';
import { decodeEntities, escapeHtml, fixC1 } from '../html/entities';
import { collapseWhitespace, htmlToText } from '../html/text';
import { MAYBE_RELATIVE, resolveHtmlUrls } from '../html/urls';
import { isSafeUrl } from '../base/urls';
import { truncateAtWord } from '../base/truncate';
import { toIsoDate } from './dates';
import type { Item, RssOutput } from './rssParser';
import { UNTITLED, type FeedEntry, type FeedFormat, type FeedSource } from './types';

// ---------------------------------------------------------------------------------------------
// Reading xml2js nodes

// The readers below allocate nothing of their own: a field holds one node or an array of them (the
// `keepArray` fields), read in place.

/** How many nodes a field holds. */
function countOf(v: unknown): number {
  if (v === undefined || v === null) return 0;
  return Array.isArray(v) ? v.length : 1;
}

/** The k-th node of a field (k < countOf(v)). */
function nth(v: unknown, k: number): unknown {
  return Array.isArray(v) ? v[k] : v;
}

/** The first node of a field, or undefined. */
function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : (v ?? undefined);
}

const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});

function attrsOf(node: unknown): Readonly<Record<string, string>> {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const attrs = (node as { $?: unknown }).$;
    if (attrs && typeof attrs === 'object') return attrs as Record<string, string>;
  }
  return NO_ATTRS;
}

/** The direct text of a node. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const t = (node as { _?: unknown })._;
    if (typeof t === 'string') return t;
  }
  return '';
}

/** All text inside a node, children included (order between text and children is approximate). */
function deepText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(deepText).join(' ');
  if (node && typeof node === 'object') {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === '$') continue;
      parts.push(key === '_' ? String(value) : deepText(value));
    }
    return parts.join(' ');
  }
  return '';
}

function firstText(v: unknown): string {
  for (let k = 0, n = countOf(v); k < n; k++) {
    const t = textOf(nth(v, k)).trim();
    if (t) return t;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Normalization

function resolveUrl(ref: string, base: string | undefined): string | undefined {
  const s = ref.trim();
  if (!s) return undefined;
  try {
    return new URL(s, base).href;
  } catch {
    return undefined;
  }
}

function isWebUrl(url: string | undefined): url is string {
  return !!url && isSafeUrl(url);
}

/** Base for resolving: the node's xml:base resolved against the outer base. */
function withXmlBase(node: unknown, outer: string | undefined): string | undefined {
  return withBaseAttr(attrsOf(node), outer);
}

/** Same, given the attribute map itself (what the `rawAttrs` fields hold). */
function withBaseAttr(attrs: unknown, outer: string | undefined): string | undefined {
  const base = attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>)['xml:base'] : undefined;
  if (typeof base !== 'string' || !base.trim()) return outer;
  return resolveUrl(base, outer) ?? outer;
}

/** Atom 0.3 `mode="base64"`: the content decoded (UTF-8); other text as it stands. */
function constructText(node: unknown): string {
  const text = textOf(node);
  if ((attrsOf(node).mode ?? '').trim().toLowerCase() !== 'base64') return text;
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

function atomTypedText(node: unknown): string {
  const type = (attrsOf(node).type ?? 'text').toLowerCase();
  if (type === 'xhtml') return collapseWhitespace(deepText(node));
  const text = constructText(node);
  if (type === 'html' || type.endsWith('/html')) return htmlToText(text);
  return collapseWhitespace(text);
}

const INLINE_TAGS =
  /<\/?(?:a|abbr|b|bdi|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)\b[^>]*>/gi;

/**
 * An RSS title: plain text by the specification, but often HTML-escaped twice (`&amp;eacute;`) or
 * carrying inline markup. Unlike {@link htmlToText}, only inline tags are dropped: any other `<...>`
 * is text of the title (`Using the <video> element`).
 */
function rssTitleText(text: string): string {
  return collapseWhitespace(decodeEntities(text.includes('<') ? text.replace(INLINE_TAGS, '') : text));
}

function titleText(raw: unknown, format: FeedFormat): string {
  const node = first(raw);
  if (node === undefined) return '';
  if (format === 'atom') return fixC1(atomTypedText(node));
  return fixC1(rssTitleText(textOf(node) || deepText(node)));
}

/** The first of the title elements (title, then dc:title, then media:title) that has text. */
function itemTitle(item: Item, format: FeedFormat): string {
  return (
    titleText(item.rawTitle, format) || titleText(item.rawDcTitle, 'rss2') || titleText(item.rawMediaTitle, 'rss2')
  );
}

/** "jane@example.com (Jane Doe)" -> "Jane Doe"; "Jane Doe <jane@example.com>" -> "Jane Doe". */
export function authorName(raw: string): string {
  const s = collapseWhitespace(decodeEntities(raw));
  if (!s) return '';
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(s);
  if (paren) return paren[1].trim();
  const angle = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(s);
  if (angle) return angle[1].replace(/^["']|["']$/g, '').trim();
  if (/^[^\s@]+@[^\s@]+$/.test(s) && /^(no-?reply|do-?not-?reply)@/i.test(s)) return '';
  return s;
}

/** The name of one author node: Atom's `<name>` (else `<email>`), or the text of an RSS one. */
function authorOf(node: unknown): string {
  if (node && typeof node === 'object' && !Array.isArray(node) && 'name' in node) {
    const name = firstText((node as { name: unknown }).name);
    return authorName(name || firstText((node as { email?: unknown }).email));
  }
  return authorName(textOf(node));
}

/** The names of the authors, each once, joined with commas. */
function authorsOf(raw: unknown): string {
  const n = countOf(raw);
  if (n === 1) return authorOf(nth(raw, 0));
  let names = '';
  for (let k = 0; k < n; k++) {
    const name = authorOf(nth(raw, k));
    if (!name) continue;
    // Each earlier name once more (the lists are short), as an array's includes would.
    let seen = false;
    for (let j = 0; j < k && !seen; j++) seen = authorOf(nth(raw, j)) === name;
    if (!seen) names = names ? `${names}, ${name}` : name;
  }
  return names;
}

const NOT_PAGE_RELS = new Set([
  'self',
  'edit',
  'edit-media',
  'replies',
  'enclosure',
  'license',
  'hub',
  'next',
  'previous',
  'prev',
  'first',
  'last',
  'payment',
  'via',
]);

/**
 * Atom: the page of an entry or feed, by the Atom rules: a `rel="alternate"` link (an HTML one
 * preferred), then a link with no rel (which means alternate), then any other http(s) link that is
 * not of a kind that never is the page (self, edit, replies, enclosure, ...). A link's URL is its
 * `href`, or its content in Atom 0.3 style (`<link rel="alternate">URL</link>`).
 */
function atomLink(rawLinks: unknown, base: string | undefined): string {
  const n = countOf(rawLinks);
  // The best-ranked link that is an http(s) URL once resolved; among equals, the first. One rank at
  // a time, from the best one present (most entries have a single link).
  let best = 5;
  for (let k = 0; k < n && best > 0; k++) best = Math.min(best, linkRank(nth(rawLinks, k)));
  for (let r = best; r < 5; r++) {
    for (let k = 0; k < n; k++) {
      const node = nth(rawLinks, k);
      if (linkRank(node) !== r) continue;
      const url = resolveUrl(attrsOf(node).href, withXmlBase(node, base));
      if (isWebUrl(url)) return url;
    }
  }
  return '';
}

/**
 * Rank of an Atom link: 0 an HTML alternate, 1 another alternate, 2 and 3 the same with no rel, 4
 * another page, 5 none.
 */
function linkRank(node: unknown): number {
  const attrs = attrsOf(node);
  if (!attrs.href) return 5;
  const rel = (attrs.rel ?? '').trim().toLowerCase();
  const html = !attrs.type || /html/i.test(attrs.type) ? 0 : 1;
  if (rel === 'alternate') return html;
  if (rel === '') return 2 + html;
  return NOT_PAGE_RELS.has(rel) ? 5 : 4;
}

function rssLink(item: Item, base: string | undefined): string {
  const text = firstText(item.rawLinks);
  if (text) {
    const url = resolveUrl(text, base);
    if (isWebUrl(url)) return url;
  }
  // A guid is the permalink unless it says otherwise (RSS 2.0).
  const guid = first(item.rawGuid);
  const guidText = textOf(guid).trim();
  if (guidText && attrsOf(guid).isPermaLink !== 'false') {
    const url = resolveUrl(guidText, undefined);
    if (isWebUrl(url)) return url;
  }
  return '';
}

/**
 * The date of a field that may hold several (two `pubDate`s, a `dc:date` per revision), as ISO 8601
 * ('' when none is a date): values that are no date are passed over, and of the others the earliest
 * (for when the entry was published) or the latest (for when it was last changed). Never throws.
 */
function dateOf(v: unknown, pick: 'earliest' | 'latest'): string {
  let best = '';
  for (let k = 0, n = countOf(v); k < n; k++) {
    const iso = toIsoDate(textOf(nth(v, k)));
    // ISO 8601 in UTC, all of one length: ordered as strings.
    if (iso && (!best || (pick === 'earliest' ? iso < best : iso > best))) best = iso;
  }
  return best;
}

const firstDate = (v: unknown): string => dateOf(v, 'earliest');
const lastDate = (v: unknown): string => dateOf(v, 'latest');

function atomContentHtml(raw: unknown, built: unknown): string {
  const node = first(raw);
  if (node === undefined) return '';
  const attrs = attrsOf(node);
  if (attrs.src && !textOf(node).trim()) return ''; // out-of-line content
  const type = (attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml') return typeof built === 'string' ? built : '';
  if (isBase64Type(type, attrs)) return escapeHtml(decodedText(textOf(node)));
  const text = constructText(node);
  if (type === 'html' || type.endsWith('/html')) return text;
  return text.trim() ? escapeHtml(text) : '';
}

/**
 * Atom 1.0 content of a media type that is neither text (`text/*`, `text`, `html`, `xhtml`) nor XML
 * (`…/xml`, `…+xml`) is base64 (RFC 4287, 4.1.3.3). Atom 0.3 says how with `mode` (`base64` in
 * {@link constructText}): content that has a mode is read by it.
 */
function isBase64Type(type: string, attrs: Readonly<Record<string, string>>): boolean {
  if (attrs.mode !== undefined || !type.includes('/')) return false;
  return !type.startsWith('text/') && !type.endsWith('/xml') && !type.endsWith('+xml');
}

/** Base64 decoded as UTF-8 text; '' when it is no text (an image, a PDF): there is nothing to quote. */
function decodedText(base64: string): string {
  const bytes = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  const text = bytes.toString('utf8');
  // Invalid UTF-8 (U+FFFD where the bytes had none) or control characters other than whitespace: binary.
  if (text.includes('\ufffd') || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return '';
  return text.trim();
}

/** An RSS entry's HTML: content:encoded, else description, else summary. */
function rssSummaryHtml(item: Item): string {
  return firstText(item.rawEncoded) || firstText(item.rawDescription) || firstText(item.rawSummary);
}

/** Longest fallback title, `…` included. */
const FALLBACK_TITLE_LENGTH = 61;

/** A title for an entry that has none: the first words of its summary (cut like an excerpt), else "(untitled)". */
export function fallbackTitle(summary: string): string {
  return truncateAtWord(htmlToText(summary), FALLBACK_TITLE_LENGTH) || UNTITLED;
}

interface FeedContext {
  format: FeedFormat;
  feedName: string;
  feedAuthor: string;
  sourceAuthor: string;
  base: string | undefined;
  /** The feed's own xml:base, when it declares one. */
  explicitBase: string | undefined;
  /** The last resort for relative URLs in entry HTML: the document's URL, else the feed's page. */
  fallbackBase: string | undefined;
  feedUrl: string;
}

/**
 * A C1 control character (for fixC1) or a URL that may be relative (for resolveHtmlUrls): HTML with
 * neither is kept as it is.
 */
const HTML_WORK = new RegExp(`[\\u0080-\\u009f]|${MAYBE_RELATIVE.source}`, 'i');

function normalizeItem(item: Item, ctx: FeedContext): FeedEntry {
  const base = withBaseAttr(item.rawAttrs, ctx.base);
  const link = ctx.format === 'atom' ? atomLink(item.rawLinks, base) : rssLink(item, base);
  // Relative URLs in the entry's HTML: against an xml:base in scope, else the entry's link, else the
  // document's URL (or the feed's page).
  const entryBase = withBaseAttr(item.rawAttrs, ctx.explicitBase);
  // The entry's HTML, and (Atom) the element it came from, for that element's xml:base.
  let html: string;
  let node: unknown;
  if (ctx.format === 'atom') {
    html = atomContentHtml(item.rawContent, item.content);
    node = first(item.rawContent);
    if (!html) {
      html = atomContentHtml(item.rawSummary, item.summary);
      node = first(item.rawSummary);
    }
  } else {
    html = rssSummaryHtml(item);
  }
  let summary = html;
  // One pass over the (often long) HTML tells whether it needs work at all.
  if (HTML_WORK.test(html)) {
    const contentBase =
      entryBase !== undefined || typeof attrsOf(node)['xml:base'] === 'string'
        ? withXmlBase(node, entryBase ?? ctx.fallbackBase) // a relative xml:base is relative to the document
        : link || ctx.fallbackBase;
    summary = resolveHtmlUrls(fixC1(html), contentBase);
  }
  const title = itemTitle(item, ctx.format) || fallbackTitle(summary);
  // When it was first published (Atom published and 0.3 issued/created, RSS pubDate, Dublin Core
  // dates), else when it was last changed.
  const published =
    firstDate(item.rawPublished) ||
    firstDate(item.rawIssued) ||
    firstDate(item.rawCreated) ||
    firstDate(item.rawPubDate) ||
    firstDate(item.rawDcDate) ||
    firstDate(item.rawTermsIssued) ||
    firstDate(item.rawTermsCreated) ||
    lastDate(item.rawUpdated) ||
    lastDate(item.rawModified) ||
    lastDate(item.rawTermsModified);
  const author =
    authorsOf(item.rawCreators) ||
    authorsOf(item.rawAuthors) ||
    authorsOf(item.rawDcAuthors) ||
    authorsOf(item.rawItunesAuthors) ||
    ctx.feedAuthor ||
    ctx.sourceAuthor;

  let id =
    firstText(item.rawGuid) ||
    firstText(item.rawId) ||
    (typeof item['rdf:about'] === 'string' ? item['rdf:about'].trim() : '') ||
    link;
  if (!id) {
    id = 'urn:roundup:' + createHash('sha1').update(`${ctx.feedUrl}\n${title}\n${published}\n${summary}`).digest('hex');
  }
  return { id, feed: ctx.feedName, title, author, link, published, summaryHtml: summary };
}

/** The feed's own title and page, and what its entries take from it. */
export interface FeedLevel {
  title: string;
  link: string;
  ctx: FeedContext;
}

/**
 * The feed level of rss-parser's output; `documentUrl` is where the document was read from, the base
 * of relative links when it is a web address.
 */
export function feedLevel(output: RssOutput, format: FeedFormat, source: FeedSource, documentUrl: string): FeedLevel {
  const docBase = isWebUrl(documentUrl) ? documentUrl : undefined;
  const feedAttrs = output.rawAttrs;
  // A channel may name itself in Dublin Core only (`<dc:title>`, RSS 1.0 habits in an RSS 2.0 feed).
  const title = titleText(output.rawTitle, format) || titleText(output.rawDcTitle, 'rss2');

  let feedLink: string;
  let base: string | undefined;
  const explicit = withBaseAttr(feedAttrs, docBase);
  const explicitBase = explicit !== docBase ? explicit : undefined;
  if (format === 'atom') {
    const feedBase = withBaseAttr(feedAttrs, docBase);
    feedLink = atomLink(output.rawLinks, feedBase);
    base = feedBase ?? (feedLink || undefined);
  } else {
    const channelBase = withBaseAttr(feedAttrs, docBase);
    const channelLink = resolveUrl(firstText(output.rawLinks), channelBase);
    feedLink = isWebUrl(channelLink) ? channelLink : '';
    // Relative item links in RSS are relative to the site; an explicit xml:base wins.
    base = channelBase !== docBase ? channelBase : feedLink || docBase;
  }

  const ctx: FeedContext = {
    format,
    feedName: source.name?.trim() || title || source.url,
    feedAuthor: authorsOf(output.rawAuthors) || authorsOf(output.rawCreators) || authorsOf(output.rawItunesAuthors),
    sourceAuthor: source.author?.trim() ?? '',
    base,
    explicitBase,
    fallbackBase: docBase ?? (feedLink || undefined),
    feedUrl: source.url,
  };
  return { title, link: feedLink, ctx };
}

/** The normalized entries of a feed, in order, each id told apart from those before it. */
export class EntryList {
  readonly list: FeedEntry[] = [];
  private readonly ids = new Set<string>();

  addAll(items: Item[] | undefined, ctx: FeedContext): void {
    if (!items) return;
    for (const item of items) {
      let entry: FeedEntry;
      try {
        entry = normalizeItem(item, ctx);
      } catch {
        continue; // An entry shaped beyond reading is left out; the others stay.
      }
      // Two entries with one id (most often: no guid, and the same link) stay two entries.
      if (this.ids.has(entry.id)) {
        const hash = createHash('sha1')
          .update(`${ctx.feedUrl}\n${entry.id}\n${entry.title}\n${entry.published}\n${entry.summaryHtml}`)
          .digest('hex');
        let id = `urn:roundup:${hash}`;
        for (let k = 2; this.ids.has(id); k++) id = `urn:roundup:${hash}-${k}`;
        entry.id = id;
      }
      this.ids.add(entry.id);
      this.list.push(entry);
    }
  }
}