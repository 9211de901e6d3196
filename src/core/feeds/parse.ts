// Parsing a feed document (RSS 0.9x, RSS 1.0/RDF, RSS 2.0, Atom 1.0) with rss-parser's parseString,
// and normalizing every entry to a FeedEntry.
//
// rss-parser is loaded on the first parse (a `require` inside the function), so activating the
// extension does not pay for it.
//
// Two of rss-parser's failure modes would cost a whole feed for one bad entry; both are avoided
// through xml2js's `validator` hook, which sees every element as it closes:
//  - Atom `<published>` / `<updated>`: rss-parser calls `new Date(text).toISOString()` on them, which
//    throws a RangeError for text that is not a date; the throw escapes xml2js's callback and
//    rejects the whole parse. Each Atom date is handed on wrapped (`{ _: text }`), which rss-parser
//    passes over (it only reads values with a length), and is parsed here instead.
//  - Atom `<link>` without attributes (`<link>http://…</link>`, seen in hand-made feeds): rss-parser
//    reads `link.$.rel` and throws a TypeError. Such a link is given an `href` attribute.
// Atom XHTML constructs (`<content type="xhtml"><div xmlns=…>…</div></content>`) would lose the order
// of their text and elements in xml2js; they are turned into escaped HTML (type="html") first.
// HTML named entities (`&eacute;`) are known to the XML parser, but a stray `&` or an unknown entity
// stops it: those are escaped before parsing (see html/entities.ts).

import { createHash } from 'crypto';
import { UNTITLED, type FeedEntry, type FeedSource } from './types';
import { decodeEntities, escapeHtml, fixC1, repairXmlEntities } from '../html/entities';
import { collapseWhitespace, htmlToText } from '../html/text';
import { isSafeUrl } from '../base/urls';
import { truncateAtWord } from '../base/truncate';
import { toIsoDate } from './dates';

export type FeedFormat = 'rss0.9' | 'rss1' | 'rss2' | 'atom';

export interface ParsedFeed {
  format: FeedFormat;
  /** The feed's own title ('' when none). */
  title: string;
  /** The feed's web page, absolute ('' when none). */
  link: string;
  entries: FeedEntry[];
}

export interface ParseOptions {
  /**
   * Address the document was finally read from (after redirects): the base for relative links.
   * Default: `source.url`. Local files give no base (links then resolve against the feed's own link).
   */
  documentUrl?: string;
}

/** The document is not a feed we can read; the message starts with "Not an RSS or Atom feed: ". */
export class FeedParseError extends Error {
  constructor(reason: string) {
    super(`Not an RSS or Atom feed: ${reason}`);
    this.name = 'FeedParseError';
  }
}

type Item = Record<string, unknown>;
type RssParserClass = typeof import('rss-parser');

const FEED_FIELDS = [
  ['$', 'rawAttrs', { keepArray: true }],
  ['author', 'rawAuthors', { keepArray: true }],
  ['dc:creator', 'rawCreators', { keepArray: true }],
  ['itunes:author', 'rawItunesAuthors', { keepArray: true }],
  ['title', 'rawTitle', { keepArray: true }],
  ['link', 'rawLinks', { keepArray: true }],
];

const ITEM_FIELDS = [
  ['$', 'rawAttrs', { keepArray: true }],
  ['title', 'rawTitle', { keepArray: true }],
  ['link', 'rawLinks', { keepArray: true }],
  ['author', 'rawAuthors', { keepArray: true }],
  ['dc:creator', 'rawCreators', { keepArray: true }],
  ['guid', 'rawGuid', { keepArray: true }],
  ['id', 'rawId', { keepArray: true }],
  ['published', 'rawPublished', { keepArray: true }],
  ['updated', 'rawUpdated', { keepArray: true }],
  ['issued', 'rawIssued', { keepArray: true }],
  ['modified', 'rawModified', { keepArray: true }],
  ['pubDate', 'rawPubDate', { keepArray: true }],
  ['dc:date', 'rawDcDate', { keepArray: true }],
  ['content', 'rawContent', { keepArray: true }],
  ['summary', 'rawSummary', { keepArray: true }],
  ['content:encoded', 'rawEncoded', { keepArray: true }],
  ['description', 'rawDescription', { keepArray: true }],
];

/** Hook run by xml2js on every closing element; see the top of this file. */
function atomRepairs(xpath: string, _current: unknown, value: unknown): unknown {
  if (!xpath.startsWith('/feed/')) return value;
  const name = xpath.slice(xpath.lastIndexOf('/') + 1);
  if (name === 'published' || name === 'updated') {
    if (typeof value === 'string') return { _: value };
    return value;
  }
  if (name === 'link' && typeof value === 'string') return { $: { href: value.trim() } };
  return value;
}

const XHTML_CONSTRUCT =
  /<(content|summary|title|subtitle|rights)(\s[^>]*?)\btype\s*=\s*(["'])xhtml\3([^>]*)(?<!\/)>([\s\S]*?)<\/\1\s*>/g;

/** Atom: XHTML text constructs rewritten as escaped HTML, the wrapping xhtml:div dropped. */
export function xhtmlToHtmlConstructs(xml: string): string {
  if (!/type\s*=\s*["']xhtml["']/.test(xml)) return xml;
  return xml.replace(XHTML_CONSTRUCT, (_whole, name: string, before: string, _q: string, after: string, inner: string) => {
    const m = /^\s*<div\b[^>]*>([\s\S]*)<\/div>\s*$/.exec(inner);
    const html = (m ? m[1] : inner).trim();
    return `<${name}${before}type="html"${after}>${escapeHtml(html)}</${name}>`;
  });
}

/** The name of the document's root element ('' when there is none). */
export function rootElementName(xml: string): string {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 0xfeff || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (xml[i] !== '<') return '';
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end === -1) return '';
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) return '';
      i = end + 3;
    } else if (xml.startsWith('<!', i)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      const bracket = xml.indexOf('[', i);
      const close = xml.indexOf('>', i);
      if (close === -1) return '';
      if (bracket !== -1 && bracket < close) {
        const end = xml.indexOf(']', bracket);
        const after = end === -1 ? -1 : xml.indexOf('>', end);
        if (after === -1) return '';
        i = after + 1;
      } else {
        i = close + 1;
      }
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(i, i + 200));
      return m ? m[1] : '';
    }
  }
  return '';
}

function detectFormat(xml: string): FeedFormat {
  const root = rootElementName(xml);
  if (!root) {
    if (!xml.trim()) throw new FeedParseError('the document is empty');
    throw new FeedParseError('the document does not start with an XML element');
  }
  const local = root.slice(root.indexOf(':') + 1);
  if (root === 'feed') return 'atom';
  if (root === 'rdf:RDF') return 'rss1';
  if (root === 'rss') {
    const open = xml.slice(xml.indexOf('<rss'), xml.indexOf('<rss') + 500);
    const version = /\sversion\s*=\s*["']([^"']*)["']/.exec(open.slice(0, open.indexOf('>') + 1))?.[1] ?? '';
    return /^0\.9/.test(version) ? 'rss0.9' : 'rss2';
  }
  if (local.toLowerCase() === 'html') throw new FeedParseError('this is a web page (HTML), not a feed');
  if (local === 'opml') throw new FeedParseError('this is an OPML subscription list; import it instead');
  throw new FeedParseError(`the document's root element is <${root}>`);
}

function xmlErrorReason(message: string): string {
  const [what, ...rest] = message.split('\n');
  const line = /Line:\s*(\d+)/.exec(rest.join(' '));
  const column = /Column:\s*(\d+)/.exec(rest.join(' '));
  const where = line ? ` at line ${Number(line[1]) + 1}${column ? `, column ${column[1]}` : ''}` : '';
  return `the XML is malformed (${what.trim()}${where})`;
}

// ---------------------------------------------------------------------------------------------
// Reading xml2js nodes

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function attrsOf(node: unknown): Record<string, string> {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const attrs = (node as { $?: unknown }).$;
    if (attrs && typeof attrs === 'object') return attrs as Record<string, string>;
  }
  return {};
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
  for (const node of asArray(v)) {
    const t = textOf(node).trim();
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

function atomTypedText(node: unknown): string {
  const type = (attrsOf(node).type ?? 'text').toLowerCase();
  if (type === 'xhtml') return collapseWhitespace(deepText(node));
  const text = textOf(node);
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
  return collapseWhitespace(decodeEntities(text.replace(INLINE_TAGS, '')));
}

function titleText(raw: unknown, format: FeedFormat): string {
  const node = asArray(raw)[0];
  if (node === undefined) return '';
  if (format === 'atom') return fixC1(atomTypedText(node));
  return fixC1(rssTitleText(textOf(node) || deepText(node)));
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

function authorsOf(raw: unknown): string {
  const names: string[] = [];
  for (const node of asArray(raw)) {
    let name = '';
    if (node && typeof node === 'object' && !Array.isArray(node) && 'name' in node) {
      name = firstText((node as { name: unknown }).name);
      if (!name) name = firstText((node as { email?: unknown }).email);
    } else {
      name = textOf(node);
    }
    name = authorName(name);
    if (name && !names.includes(name)) names.push(name);
  }
  return names.join(', ');
}

const NOT_PAGE_RELS = new Set([
  'self', 'edit', 'edit-media', 'replies', 'enclosure', 'license', 'hub', 'next', 'previous', 'prev',
  'first', 'last', 'payment', 'via',
]);

/** Atom: the alternate link (an HTML one preferred), else the first link that is a page. */
function atomLink(rawLinks: unknown, base: string | undefined): string {
  const links = asArray(rawLinks).map((node) => ({ node, attrs: attrsOf(node) })).filter((l) => l.attrs.href);
  const alternates = links.filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
  const pick =
    alternates.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ??
    alternates[0] ??
    links.find((l) => !NOT_PAGE_RELS.has(l.attrs.rel ?? ''));
  if (!pick) return '';
  const url = resolveUrl(pick.attrs.href, withXmlBase(pick.node, base));
  return isWebUrl(url) ? url : '';
}

function rssLink(item: Item, base: string | undefined): string {
  const text = firstText(item.rawLinks);
  if (text) {
    const url = resolveUrl(text, base);
    if (isWebUrl(url)) return url;
  }
  // A guid is the permalink unless it says otherwise (RSS 2.0).
  const guid = asArray(item.rawGuid)[0];
  const guidText = textOf(guid).trim();
  if (guidText && attrsOf(guid).isPermaLink !== 'false') {
    const url = resolveUrl(guidText, undefined);
    if (isWebUrl(url)) return url;
  }
  return '';
}

function firstDate(...candidates: unknown[]): string {
  for (const c of candidates) {
    for (const node of asArray(c)) {
      const iso = toIsoDate(textOf(node));
      if (iso) return iso;
    }
  }
  return '';
}

function atomContentHtml(raw: unknown, built: unknown): string {
  const node = asArray(raw)[0];
  if (node === undefined) return '';
  const attrs = attrsOf(node);
  if (attrs.src && !textOf(node).trim()) return ''; // out-of-line content
  const type = (attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml') return typeof built === 'string' ? built : '';
  const text = textOf(node);
  if (type === 'html' || type.endsWith('/html')) return text;
  return text.trim() ? escapeHtml(text) : '';
}

function summaryHtml(item: Item, format: FeedFormat): string {
  if (format === 'atom') {
    return atomContentHtml(item.rawContent, item.content) || atomContentHtml(item.rawSummary, item.summary);
  }
  for (const raw of [item.rawEncoded, item.rawDescription, item.rawSummary]) {
    const t = firstText(raw);
    if (t) return t;
  }
  return '';
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
  feedUrl: string;
}

function normalizeItem(item: Item, ctx: FeedContext): FeedEntry {
  const base = withBaseAttr(item.rawAttrs, ctx.base);
  const link = ctx.format === 'atom' ? atomLink(item.rawLinks, base) : rssLink(item, base);
  const summary = fixC1(summaryHtml(item, ctx.format));
  const title = titleText(item.rawTitle, ctx.format) || fallbackTitle(summary);
  const published = firstDate(
    item.rawPublished, item.rawUpdated, item.rawIssued, item.rawModified, item.rawPubDate, item.rawDcDate,
  );
  const author =
    authorsOf(item.rawCreators) || authorsOf(item.rawAuthors) || ctx.feedAuthor || ctx.sourceAuthor;

  let id = firstText(item.rawGuid) || firstText(item.rawId) || (typeof item['rdf:about'] === 'string' ? item['rdf:about'].trim() : '') || link;
  if (!id) {
    id = 'urn:roundup:' + createHash('sha1').update(`${ctx.feedUrl}\n${title}\n${published}\n${summary}`).digest('hex');
  }
  return { id, feed: ctx.feedName, title, author, link, published, summaryHtml: summary };
}

/**
 * Parses a feed document and normalizes its entries. Entries keep the feed's order. Rejects with a
 * FeedParseError ("Not an RSS or Atom feed: ...") when the document as a whole cannot be read; a bad
 * entry (no title, no link, a date that is not one) never costs the others.
 */
export async function parseFeed(xml: string, source: FeedSource, options: ParseOptions = {}): Promise<ParsedFeed> {
  const format = detectFormat(xml);
  // Loaded here, on first use, not when the extension activates.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Parser = require('rss-parser') as RssParserClass;
  const parser = new Parser({
    defaultRSS: 2,
    // Only Atom needs the hook; without one, xml2js skips building an element path at every close tag.
    xml2js: format === 'atom' ? { validator: atomRepairs } : {},
    customFields: { feed: FEED_FIELDS as never, item: ITEM_FIELDS as never },
  });

  let output: Item & { items?: Item[] };
  try {
    let text = repairXmlEntities(xml.replace(/^[\ufeff\s]+/, ''));
    if (format === 'atom') text = xhtmlToHtmlConstructs(text);
    output = (await parser.parseString(text)) as unknown as Item & { items?: Item[] };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/\nLine:/.test(message)) throw new FeedParseError(xmlErrorReason(message));
    if (/channel/i.test(message) || format !== 'atom') {
      if (!/<channel[\s>]/.test(xml)) throw new FeedParseError('it has no <channel> element');
    }
    throw new FeedParseError(`its structure could not be read (${message})`);
  }

  const documentUrl = options.documentUrl ?? source.url;
  const docBase = isWebUrl(documentUrl) ? documentUrl : undefined;
  const feedAttrs = output.rawAttrs;
  const title = titleText(output.rawTitle, format);

  let feedLink: string;
  let base: string | undefined;
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
    feedUrl: source.url,
  };

  const entries: FeedEntry[] = [];
  for (const item of output.items ?? []) {
    try {
      entries.push(normalizeItem(item, ctx));
    } catch {
      // An entry shaped beyond reading is left out; the others stay.
    }
  }
  return { format, title, link: feedLink, entries };
}
