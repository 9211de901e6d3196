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
import { resolveHtmlUrls } from '../html/urls';
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
  /** What was wrong with a feed that could still be read (cut off before its end), in plain words. */
  warnings: string[];
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
  ['dc:author', 'rawDcAuthors', { keepArray: true }],
  ['title', 'rawTitle', { keepArray: true }],
  ['dc:title', 'rawDcTitle', { keepArray: true }],
  ['link', 'rawLinks', { keepArray: true }],
];

const ITEM_FIELDS = [
  ['$', 'rawAttrs', { keepArray: true }],
  ['title', 'rawTitle', { keepArray: true }],
  ['link', 'rawLinks', { keepArray: true }],
  ['author', 'rawAuthors', { keepArray: true }],
  ['dc:creator', 'rawCreators', { keepArray: true }],
  ['dc:author', 'rawDcAuthors', { keepArray: true }],
  ['itunes:author', 'rawItunesAuthors', { keepArray: true }],
  ['dc:title', 'rawDcTitle', { keepArray: true }],
  ['media:title', 'rawMediaTitle', { keepArray: true }],
  ['guid', 'rawGuid', { keepArray: true }],
  ['id', 'rawId', { keepArray: true }],
  ['published', 'rawPublished', { keepArray: true }],
  ['updated', 'rawUpdated', { keepArray: true }],
  ['issued', 'rawIssued', { keepArray: true }],
  ['created', 'rawCreated', { keepArray: true }],
  ['modified', 'rawModified', { keepArray: true }],
  ['pubDate', 'rawPubDate', { keepArray: true }],
  ['dc:date', 'rawDcDate', { keepArray: true }],
  ['dcterms:issued', 'rawTermsIssued', { keepArray: true }],
  ['dcterms:created', 'rawTermsCreated', { keepArray: true }],
  ['dcterms:modified', 'rawTermsModified', { keepArray: true }],
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
  if (name === 'link') {
    if (typeof value === 'string') return { $: { href: value.trim() } };
    // Atom 0.3 style: `<link rel="alternate" type="text/html">URL</link>`, the URL as the content.
    const node = value as { _?: unknown; $?: Record<string, string> } | null;
    if (node && typeof node === 'object' && typeof node._ === 'string' && node.$ && !node.$.href) {
      return { ...node, $: { ...node.$, href: node._.trim() } };
    }
  }
  return value;
}

/** Atom text constructs (1.0, and 0.3's tagline, info and copyright), their attributes and content. */
/** Start tags of Atom text constructs (1.0, and 0.3's tagline, info and copyright). */
const TEXT_CONSTRUCT = /<(content|summary|title|subtitle|rights|tagline|info|copyright)(\s[^>]*)?>/g;

/**
 * Rewrites elements in one pass: `start` (global; group 1 the name, group 2 the attributes) finds
 * their start tags; `rewrite(name, attrs, inner)` gives the new element, or undefined to keep it.
 * Only elements whose content holds a `<`, or whose attributes `byAttrs` picks, are looked at, and a
 * document with nothing to change comes back as it was, so the pass costs little on ordinary feeds.
 */
function rewriteElements(
  xml: string,
  start: RegExp,
  byAttrs: (attrs: string) => boolean,
  rewrite: (name: string, attrs: string, inner: string) => string | undefined,
): string {
  let out = '';
  let last = 0;
  start.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = start.exec(xml))) {
    if (m[0].endsWith('/>')) continue;
    const name = m[1];
    const attrs = m[2] ?? '';
    const open = m.index + m[0].length;
    const endTag = `</${name}`;
    const isEndTag = (at: number) => xml.startsWith(endTag, at) && /[\s>]/.test(xml[at + endTag.length] ?? '');
    // Most elements hold only text: their first `<` is their end tag, found in one scan.
    const lt = xml.indexOf('<', open);
    if (lt === -1) break;
    const textOnly = isEndTag(lt);
    if (textOnly && !byAttrs(attrs)) {
      start.lastIndex = lt + endTag.length;
      continue;
    }
    let close = textOnly ? lt : xml.indexOf(endTag, open);
    while (close !== -1 && !isEndTag(close)) close = xml.indexOf(endTag, close + 2);
    if (close === -1) continue;
    const end = xml.indexOf('>', close);
    if (end === -1) continue;
    start.lastIndex = end + 1;
    const replacement = rewrite(name, attrs, xml.slice(open, close));
    if (replacement === undefined) continue;
    out += xml.slice(last, m.index) + replacement;
    last = end + 1;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** True when an XML fragment holds an element (not only text and CDATA sections). */
function hasChildElement(inner: string): boolean {
  let i = inner.indexOf('<');
  while (i !== -1) {
    if (inner.startsWith('<![CDATA[', i)) {
      const end = inner.indexOf(']]>', i + 9);
      if (end === -1) return false;
      i = inner.indexOf('<', end + 3);
      continue;
    }
    const c = inner.charCodeAt(i + 1);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) return true;
    i = inner.indexOf('<', i + 1);
  }
  return false;
}

/** An XML fragment as HTML source: markup and (escaped) text kept, CDATA sections as escaped text. */
function fragmentToHtml(inner: string): string {
  return inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) => escapeHtml(text));
}

/**
 * Atom text constructs whose content is markup rewritten as escaped HTML (type="html"), the wrapping
 * xhtml:div dropped: `type="xhtml"`, `application/xhtml+xml` and any other `+xml` type, and any
 * construct with child elements (Atom 0.3's default `mode="xml"`, or a `type="html"` or `text` one
 * whose markup was not escaped). Atom 0.3 `mode="escaped"` is HTML as it stands; `mode="base64"` is
 * left for the normalisation to decode.
 */
export function xhtmlToHtmlConstructs(xml: string): string {
  return rewriteElements(
    xml,
    TEXT_CONSTRUCT,
    (attrs) => /xml/i.test(attrs),
    (name, attrs, inner) => {
      const type = /\btype\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1].trim().toLowerCase() ?? '';
      const mode = /\bmode\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1].trim().toLowerCase() ?? '';
      if (mode === 'base64' || mode === 'escaped') return undefined;
      const xmlType = type === 'xhtml' || type.endsWith('+xml') || type.endsWith('/xml');
      if (!xmlType && !hasChildElement(inner)) return undefined;
      const m = /^\s*<(?:[\w.-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?div>\s*$/.exec(inner);
      const html = fragmentToHtml(m ? m[1] : inner).trim();
      const rest = attrs.replace(/\s(?:type|mode)\s*=\s*(["'])[^"']*\1/gi, '');
      return `<${name}${rest} type="html">${escapeHtml(html)}</${name}>`;
    },
  );
}

/** Start tags of titles, RSS's own and those of other vocabularies (dc:title, media:title); and the latter only. */
const ANY_TITLE = /<((?:[A-Za-z_][\w.-]*:)?title)(\s[^>]*)?>/g;
const PREFIXED_TITLE = /<([A-Za-z_][\w.-]*:title)(\s[^>]*)?>/g;

/**
 * `<title>Example <b>bold</b> words</title>` -> `<title>Example bold words</title>`: child elements dropped,
 * their text kept in its place.
 */
export function flattenTitles(xml: string, prefixedOnly = false): string {
  return rewriteElements(
    xml,
    prefixedOnly ? PREFIXED_TITLE : ANY_TITLE,
    () => false,
    (name, attrs, inner) => {
      if (!hasChildElement(inner)) return undefined;
      const text = inner.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\/?[A-Za-z_][^>]*>/g, (m) =>
        m.startsWith('<![') ? m : '',
      );
      return `<${name}${attrs}>${text}</${name}>`;
    },
  );
}

/** The name of the document's root element ('' when there is none). */
export function rootElementName(xml: string): string {
  return rootElement(xml).name;
}

/** The document's root element: its name ('' when there is none) and where its start tag begins. */
function rootElement(xml: string): { name: string; index: number } {
  const none = { name: '', index: -1 };
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 0xfeff || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (xml[i] !== '<') return none;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end === -1) return none;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) return none;
      i = end + 3;
    } else if (xml.startsWith('<!', i)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      const bracket = xml.indexOf('[', i);
      const close = xml.indexOf('>', i);
      if (close === -1) return none;
      if (bracket !== -1 && bracket < close) {
        const end = xml.indexOf(']', bracket);
        const after = end === -1 ? -1 : xml.indexOf('>', end);
        if (after === -1) return none;
        i = after + 1;
      } else {
        i = close + 1;
      }
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(i, i + 200));
      return m ? { name: m[1], index: i } : none;
    }
  }
  return none;
}

const ATOM_NAMESPACES = new Set(['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns#']);
const RDF_NAMESPACE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RSS1_NAMESPACES = new Set(['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/']);

/** `<p:name` and `</p:name` become `<to:name` and `</to:name` outside CDATA sections and comments. */
function renamePrefix(xml: string, from: string, to: string): string {
  const re = new RegExp(`<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!--[\\s\\S]*?-->|<(/?)${from.replace(/[.]/g, '\\.')}:`, 'g');
  return xml.replace(re, (m, slash: string | undefined) => (slash === undefined ? m : `<${slash}${to}`));
}

/**
 * A feed whose elements carry a prefix (`<r:rss xmlns:r=...>`, `<a:feed xmlns:a="http://www.w3.org/2005/Atom">`,
 * `<RDF xmlns="...rdf-syntax-ns#">` or `<x:RDF>` with `<rss:item>`s) is told by the namespace its
 * root declares, and rewritten with the names the reader expects (`rss`, `feed`, `rdf:RDF`, `item`).
 */
function unprefixFeed(xml: string): string {
  const { name: root, index: at } = rootElement(xml);
  if (at < 0) return xml;
  const close = xml.indexOf('>', at);
  const head = xml.slice(at, close < 0 ? xml.length : close);
  const colon = root.indexOf(':');
  const prefix = colon < 0 ? '' : root.slice(0, colon);
  const local = root.slice(colon + 1);
  const namespaces = new Map<string, string>();
  for (const m of head.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])([^"']*)\2/g))
    namespaces.set(m[1] ?? '', m[3].trim());
  const ns = (namespaces.get(prefix) ?? '').toLowerCase();
  let out = xml;
  if (local === 'RDF' && ns === RDF_NAMESPACE) {
    if (prefix !== 'rdf') {
      out = prefix ? renamePrefix(out, prefix, 'rdf:') : out.replace(/<(\/?)RDF\b/g, '<$1rdf:RDF');
    }
    for (const [p, uri] of namespaces) if (p && RSS1_NAMESPACES.has(uri.toLowerCase())) out = renamePrefix(out, p, '');
    return out;
  }
  if (!prefix) return xml;
  if (local === 'rss' || (local === 'feed' && ATOM_NAMESPACES.has(ns))) return renamePrefix(out, prefix, '');
  return xml;
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
  return collapseWhitespace(decodeEntities(text.replace(INLINE_TAGS, '')));
}

function titleText(raw: unknown, format: FeedFormat): string {
  const node = asArray(raw)[0];
  if (node === undefined) return '';
  if (format === 'atom') return fixC1(atomTypedText(node));
  return fixC1(rssTitleText(textOf(node) || deepText(node)));
}

/** The first of several title elements (title, then dc:title, then media:title) that has text. */
function firstTitle(format: FeedFormat, ...candidates: unknown[]): string {
  for (const [k, raw] of candidates.entries()) {
    const t = titleText(raw, k === 0 ? format : 'rss2');
    if (t) return t;
  }
  return '';
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
  const nodes = asArray(rawLinks);
  /** Rank of a link: 0 an HTML alternate, 1 another alternate, 2 and 3 the same with no rel, 4 another page, 5 none. */
  const rank = (node: unknown): number => {
    const attrs = attrsOf(node);
    if (!attrs.href) return 5;
    const rel = (attrs.rel ?? '').trim().toLowerCase();
    const html = !attrs.type || /html/i.test(attrs.type) ? 0 : 1;
    if (rel === 'alternate') return html;
    if (rel === '') return 2 + html;
    return NOT_PAGE_RELS.has(rel) ? 5 : 4;
  };
  const ranked =
    nodes.length === 1
      ? [{ node: nodes[0], rank: rank(nodes[0]) }]
      : nodes.map((node) => ({ node, rank: rank(node) })).sort((a, b) => a.rank - b.rank);
  for (const { node, rank: r } of ranked) {
    if (r === 5) break;
    // The best-ranked link that is an http(s) URL once resolved.
    const url = resolveUrl(attrsOf(node).href, withXmlBase(node, base));
    if (isWebUrl(url)) return url;
  }
  return '';
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
  const text = constructText(node);
  if (type === 'html' || type.endsWith('/html')) return text;
  return text.trim() ? escapeHtml(text) : '';
}

/** The entry's HTML, and (Atom) the element it came from, for that element's xml:base. */
function summaryHtml(item: Item, format: FeedFormat): { html: string; node?: unknown } {
  if (format === 'atom') {
    const content = atomContentHtml(item.rawContent, item.content);
    if (content) return { html: content, node: asArray(item.rawContent)[0] };
    return { html: atomContentHtml(item.rawSummary, item.summary), node: asArray(item.rawSummary)[0] };
  }
  for (const raw of [item.rawEncoded, item.rawDescription, item.rawSummary]) {
    const t = firstText(raw);
    if (t) return { html: t };
  }
  return { html: '' };
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

function normalizeItem(item: Item, ctx: FeedContext): FeedEntry {
  const base = withBaseAttr(item.rawAttrs, ctx.base);
  const link = ctx.format === 'atom' ? atomLink(item.rawLinks, base) : rssLink(item, base);
  // Relative URLs in the entry's HTML: against an xml:base in scope, else the entry's link, else the
  // document's URL (or the feed's page).
  const entryBase = withBaseAttr(item.rawAttrs, ctx.explicitBase);
  const { html, node } = summaryHtml(item, ctx.format);
  const contentBase =
    entryBase !== undefined || typeof attrsOf(node)['xml:base'] === 'string'
      ? withXmlBase(node, entryBase ?? ctx.fallbackBase) // a relative xml:base is relative to the document
      : link || ctx.fallbackBase;
  const summary = resolveHtmlUrls(fixC1(html), contentBase);
  const title = firstTitle(ctx.format, item.rawTitle, item.rawDcTitle, item.rawMediaTitle) || fallbackTitle(summary);
  // When it was first published (Atom published and 0.3 issued/created, RSS pubDate, Dublin Core
  // dates), else when it was last changed.
  const published = firstDate(
    item.rawPublished,
    item.rawIssued,
    item.rawCreated,
    item.rawPubDate,
    item.rawDcDate,
    item.rawTermsIssued,
    item.rawTermsCreated,
    item.rawUpdated,
    item.rawModified,
    item.rawTermsModified,
  );
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

/**
 * Parses a feed document and normalizes its entries. Entries keep the feed's order. Rejects with a
 * FeedParseError ("Not an RSS or Atom feed: ...") when the document as a whole cannot be read; a bad
 * entry (no title, no link, a date that is not one) never costs the others.
 */
export async function parseFeed(xml: string, source: FeedSource, options: ParseOptions = {}): Promise<ParsedFeed> {
  xml = unprefixFeed(xml);
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
  const warnings: string[] = [];
  try {
    let text = repairXmlEntities(xml.replace(/^[\ufeff\s]+/, ''));
    if (format === 'atom') text = xhtmlToHtmlConstructs(text);
    // Atom's own titles are text constructs, rewritten above.
    text = flattenTitles(text, format === 'atom');
    try {
      output = (await parser.parseString(text)) as unknown as Item & { items?: Item[] };
    } catch (e) {
      // A feed cut off before its end keeps the entries that arrived whole.
      const complete = TRUNCATED.test(e instanceof Error ? e.message : '') ? completeEntries(text, format) : undefined;
      if (!complete) throw e;
      output = (await parser.parseString(complete.text)) as unknown as Item & { items?: Item[] };
      warnings.push(
        'The feed is incomplete: it ends before its last closing tag (the connection may have closed early); ' +
          `kept the ${complete.entries} ${complete.entries === 1 ? 'entry' : 'entries'} that arrived whole.`,
      );
    }
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

  const entries: FeedEntry[] = [];
  const ids = new Set<string>();
  for (const item of output.items ?? []) {
    let entry: FeedEntry;
    try {
      entry = normalizeItem(item, ctx);
    } catch {
      continue; // An entry shaped beyond reading is left out; the others stay.
    }
    // Two entries with one id (most often: no guid, and the same link) stay two entries.
    if (ids.has(entry.id)) {
      const hash = createHash('sha1')
        .update(`${ctx.feedUrl}\n${entry.id}\n${entry.title}\n${entry.published}\n${entry.summaryHtml}`)
        .digest('hex');
      let id = `urn:roundup:${hash}`;
      for (let k = 2; ids.has(id); k++) id = `urn:roundup:${hash}-${k}`;
      entry.id = id;
    }
    ids.add(entry.id);
    entries.push(entry);
  }
  return { format, title, link: feedLink, entries, warnings };
}

/** xml2js / sax messages for a document that ends too soon. */
const TRUNCATED = /^(?:Unclosed root tag|Unexpected end)/;

/**
 * A document cut off before its end, up to its last whole entry, with the elements still open there
 * closed; undefined when no entry arrived whole.
 */
function completeEntries(xml: string, format: FeedFormat): { text: string; entries: number } | undefined {
  const closeTag = format === 'atom' ? '</entry>' : '</item>';
  const last = xml.lastIndexOf(closeTag);
  if (last < 0) return undefined;
  const cut = last + closeTag.length;
  const head = xml.slice(0, cut);
  const open: string[] = [];
  let entries = 0;
  const TAG =
    /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w.:-]*)(?:"[^"]*"|'[^']*'|[^>"'])*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(head))) {
    if (m[2] === undefined) continue;
    if (m[1]) {
      const at = open.lastIndexOf(m[2]);
      if (at >= 0) open.length = at;
      if (m[2] === closeTag.slice(2, -1)) entries++;
    } else if (!m[3]) {
      open.push(m[2]);
    }
  }
  if (entries === 0) return undefined;
  return {
    text:
      head +
      open
        .reverse()
        .map((name) => `</${name}>`)
        .join(''),
    entries,
  };
}
