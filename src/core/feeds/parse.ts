// Parsing a feed document (RSS 0.9x, RSS 1.0/RDF, RSS 2.0, Atom 1.0) with rss-parser's parseString,
// and normalizing every entry to a FeedEntry.
//
// rss-parser is loaded on the first parse (a `require` inside the function), so activating the
// extension does not pay for it.
//
// Two of rss-parser's failure modes would cost a whole feed for one bad entry; both are avoided by
// repairing the feed's and each entry's elements just before rss-parser reads them (its
// buildAtomFeed and parseItemAtom, wrapped; xml2js's `validator` hook would do it too, but makes
// xml2js build an element path at every closing tag, a sixth of the parse):
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
//
// rss-parser also derives a plain-text snippet from every entry's content (two regular expressions
// and an entity decoder over the whole HTML), which Roundup never reads (excerpts are made from the
// HTML): that step is switched off in the copy of rss-parser this module loads.

import { createHash } from 'crypto';
import { UNTITLED, type FeedEntry, type FeedSource } from './types';
import { decodeEntities, escapeHtml, fixC1, repairXmlEntities } from '../html/entities';
import { collapseWhitespace, htmlToText } from '../html/text';
import { MAYBE_RELATIVE, resolveHtmlUrls } from '../html/urls';
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
  /** Size (in characters) of the chunks a large document is parsed in; tests make it small. */
  chunkSize?: number;
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

/** Loads rss-parser (on the first parse) with its snippets switched off (see the top of this file). */
function loadRssParser(): RssParserClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('rss-parser/lib/utils') as { getSnippet: (html: string) => string };
  utils.getSnippet = () => '';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('rss-parser') as RssParserClass;
}

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

type XmlElement = Record<string, unknown>;

/** What rss-parser reads of an Atom document, built by xml2js: the feed and its entries. */
interface AtomBuilders {
  buildAtomFeed(xmlObj: { feed?: XmlElement }): unknown;
  parseItemAtom(entry: XmlElement): unknown;
}

/**
 * Repairs an Atom feed or entry element in place before rss-parser reads it (see the top of this
 * file): its dates wrapped, its links given an `href`.
 */
function repairAtomElement(element: XmlElement | undefined, dates: boolean): void {
  if (!element) return;
  if (dates) {
    for (const name of ['published', 'updated']) {
      const values = element[name];
      if (!Array.isArray(values)) continue;
      for (let i = 0; i < values.length; i++) if (typeof values[i] === 'string') values[i] = { _: values[i] };
    }
  }
  const links = element.link;
  if (!Array.isArray(links)) return;
  for (let i = 0; i < links.length; i++) {
    const link = links[i] as { _?: unknown; $?: Record<string, string> } | string | null;
    if (typeof link === 'string') links[i] = { $: { href: link.trim() } };
    // Atom 0.3 style: `<link rel="alternate" type="text/html">URL</link>`, the URL as the content.
    else if (link && typeof link === 'object' && typeof link._ === 'string' && link.$ && !link.$.href) {
      links[i] = { ...link, $: { ...link.$, href: link._.trim() } };
    }
  }
}

/** Makes `parser` repair each Atom element before its own code reads it. */
function repairAtomBeforeReading(parser: object, proto: object): void {
  const own = parser as AtomBuilders;
  const base = proto as AtomBuilders;
  own.buildAtomFeed = (xmlObj) => {
    repairAtomElement(xmlObj.feed, false); // the feed's `updated` is only copied, never parsed
    return base.buildAtomFeed.call(parser, xmlObj);
  };
  own.parseItemAtom = (entry) => {
    repairAtomElement(entry, true);
    return base.parseItemAtom.call(parser, entry);
  };
}

/** Start tags of Atom text constructs (1.0, and 0.3's tagline, info and copyright). */
const TEXT_CONSTRUCT = /<(content|summary|title|subtitle|rights|tagline|info|copyright)(\s[^>]*)?>/g;

/**
 * Rewrites elements in one pass: `start` (global; group 1 the name, group 2 the attributes) finds
 * their start tags; `rewrite(name, attrs, inner)` gives the new element, or undefined to keep it.
 * Only elements whose content holds an element (not only text, CDATA sections and comments), or whose
 * attributes `byAttrs` picks, are handed to `rewrite`, and a document with nothing to change comes back
 * as it was, so the pass costs little on ordinary feeds.
 */
function rewriteElements(
  xml: string,
  find: (xml: string, from: number) => StartTag | undefined,
  byAttrs: (attrs: string) => boolean,
  rewrite: (name: string, attrs: string, inner: string) => string | undefined,
): string {
  let out = '';
  let last = 0;
  let from = 0;
  let m: StartTag | undefined;
  while ((m = find(xml, from))) {
    const open = m.end;
    from = open;
    if (xml.charCodeAt(open - 2) === 0x2f /* / */) continue;
    const { name } = m;
    const attrs = m.attrs ?? '';
    const endTag = `</${name}`;
    // Most elements hold only text: their first `<` is their end tag, found in one scan.
    const lt = xml.indexOf('<', open);
    if (lt === -1) break;
    const textOnly = isEndTag(xml, lt, endTag);
    const picked = byAttrs(attrs);
    if (textOnly && !picked) {
      from = lt + endTag.length;
      continue;
    }
    let close = textOnly ? lt : xml.indexOf(endTag, open);
    while (close !== -1 && !isEndTag(xml, close, endTag)) close = xml.indexOf(endTag, close + 2);
    if (close === -1) continue;
    const end = xml.indexOf('>', close);
    if (end === -1) continue;
    from = end + 1;
    // Text and CDATA sections (most often a CDATA section of HTML) are passed over without a copy.
    if (!picked && !holdsElement(xml, lt, close)) continue;
    const replacement = rewrite(name, attrs, xml.slice(open, close));
    if (replacement === undefined) continue;
    out += xml.slice(last, m.index) + replacement;
    last = end + 1;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** A start tag found by rewriteElements' `find`: where it begins and ends (after its `>`), its name and attributes. */
interface StartTag {
  index: number;
  end: number;
  name: string;
  attrs: string | undefined;
}

/** A `find` for rewriteElements from a global regex (group 1 the name, group 2 the attributes). */
function byRegex(start: RegExp): (xml: string, from: number) => StartTag | undefined {
  return (xml, from) => {
    start.lastIndex = from;
    const m = start.exec(xml);
    return m ? { index: m.index, end: m.index + m[0].length, name: m[1], attrs: m[2] } : undefined;
  };
}

/** True when `xml` has the end tag `endTag` (`</name`) at `at`. */
function isEndTag(xml: string, at: number, endTag: string): boolean {
  if (!xml.startsWith(endTag, at)) return false;
  const c = xml.charCodeAt(at + endTag.length);
  return c === 0x3e /* > */ || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** True when an XML fragment holds an element (not only text and CDATA sections). */
function hasChildElement(inner: string): boolean {
  return holdsElement(inner, 0, inner.length);
}

/** True when `xml` holds an element (not only text and CDATA sections) from `from` to `to`. */
function holdsElement(xml: string, from: number, to: number): boolean {
  let i = xml.indexOf('<', from);
  while (i !== -1 && i < to) {
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1 || end >= to) return false;
      i = xml.indexOf('<', end + 3);
      continue;
    }
    const c = xml.charCodeAt(i + 1);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) return true;
    i = xml.indexOf('<', i + 1);
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
    byRegex(TEXT_CONSTRUCT),
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

/**
 * The first start tag of a title at or after `from`: RSS's own `<title>` and those of other
 * vocabularies (`<dc:title>`, `<media:title>`), or the latter only. What the pattern
 * `<((?:[A-Za-z_][\w.-]*:)?title)(\s[^>]*)?>` finds, found from the word `title` (rare in a feed) rather
 * than by trying the pattern at every `<` of the document.
 */
function nextTitleTag(xml: string, from: number, prefixedOnly: boolean): StartTag | undefined {
  for (let p = xml.indexOf('title', from); p !== -1; p = xml.indexOf('title', p + 1)) {
    let at = p - 1;
    if (xml[at] === ':') {
      let q = at - 1;
      while (q >= 0 && /[\w.-]/.test(xml[q])) q--;
      if (q < 0 || xml[q] !== '<' || q + 1 === at || !/[A-Za-z_]/.test(xml[q + 1])) continue;
      at = q;
    } else if (prefixedOnly || xml[at] !== '<') {
      continue;
    }
    if (at < from) continue;
    const after = p + 5;
    const c = xml[after];
    if (c === '>') return { index: at, end: after + 1, name: xml.slice(at + 1, after), attrs: undefined };
    if (c === undefined || !/\s/.test(c)) continue;
    const gt = xml.indexOf('>', after);
    if (gt === -1) continue;
    return { index: at, end: gt + 1, name: xml.slice(at + 1, after), attrs: xml.slice(after, gt) };
  }
  return undefined;
}

/**
 * `<title>Example <b>bold</b> words</title>` -> `<title>Example bold words</title>`: child elements dropped,
 * their text kept in its place.
 */
export function flattenTitles(xml: string, prefixedOnly = false): string {
  return rewriteElements(
    xml,
    (text, from) => nextTitleTag(text, from, prefixedOnly),
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

/** The first of a field's nodes that is a date, as ISO 8601 ('' when none is). */
function firstDate(v: unknown): string {
  for (let k = 0, n = countOf(v); k < n; k++) {
    const iso = toIsoDate(textOf(nth(v, k)));
    if (iso) return iso;
  }
  return '';
}

function atomContentHtml(raw: unknown, built: unknown): string {
  const node = first(raw);
  if (node === undefined) return '';
  const attrs = attrsOf(node);
  if (attrs.src && !textOf(node).trim()) return ''; // out-of-line content
  const type = (attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml') return typeof built === 'string' ? built : '';
  const text = constructText(node);
  if (type === 'html' || type.endsWith('/html')) return text;
  return text.trim() ? escapeHtml(text) : '';
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
    firstDate(item.rawUpdated) ||
    firstDate(item.rawModified) ||
    firstDate(item.rawTermsModified);
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

type Output = Item & { items?: Item[] };

/**
 * Parses a feed document and normalizes its entries. Entries keep the feed's order. Rejects with a
 * FeedParseError ("Not an RSS or Atom feed: ...") when the document as a whole cannot be read; a bad
 * entry (no title, no link, a date that is not one) never costs the others.
 *
 * A large document is parsed in chunks of entries (see {@link entryChunks}), each normalized and let
 * go before the next is read, so that what rss-parser builds is never held for the whole document at
 * once; the result is the same as for a parse of the whole. A chunk that cannot be read sends the
 * whole document through the one-piece parse, which gives the error, or the entries of a cut-off feed.
 */
export async function parseFeed(xml: string, source: FeedSource, options: ParseOptions = {}): Promise<ParsedFeed> {
  xml = unprefixFeed(xml);
  const format = detectFormat(xml);
  // Loaded here, on first use, not when the extension activates.
  const Parser = loadRssParser();
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { feed: FEED_FIELDS as never, item: ITEM_FIELDS as never },
  });
  if (format === 'atom') repairAtomBeforeReading(parser, Parser.prototype);
  const parse = async (text: string) => (await parser.parseString(text)) as unknown as Output;

  let text = repairXmlEntities(xml.replace(/^[\ufeff\s]+/, ''));
  if (format === 'atom') text = xhtmlToHtmlConstructs(text);
  // Atom's own titles are text constructs, rewritten above.
  text = flattenTitles(text, format === 'atom');

  const cuts = entryChunks(text, format, options.chunkSize ?? CHUNK_SIZE);
  if (cuts) {
    let feed: FeedLevel | undefined;
    const entries = new EntryList();
    let read = true;
    for (const chunk of chunkDocuments(text, cuts)) {
      let output: Output;
      try {
        output = await parse(chunk);
      } catch {
        read = false; // read again as a whole below, for the error it gives
        break;
      }
      feed ??= feedLevel(output, format, source, options);
      entries.addAll(output.items, feed.ctx);
    }
    if (read && feed) return { format, title: feed.title, link: feed.link, entries: entries.list, warnings: [] };
  }

  let output: Output;
  const warnings: string[] = [];
  try {
    try {
      output = await parse(text);
    } catch (e) {
      // A feed cut off before its end keeps the entries that arrived whole.
      const complete = TRUNCATED.test(e instanceof Error ? e.message : '') ? completeEntries(text, format) : undefined;
      if (!complete) throw e;
      output = await parse(complete.text);
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
  const feed = feedLevel(output, format, source, options);
  const entries = new EntryList();
  entries.addAll(output.items, feed.ctx);
  return { format, title: feed.title, link: feed.link, entries: entries.list, warnings };
}

interface FeedLevel {
  title: string;
  link: string;
  ctx: FeedContext;
}

/** The feed's own title and page, and what its entries take from it. */
function feedLevel(output: Output, format: FeedFormat, source: FeedSource, options: ParseOptions): FeedLevel {
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
  return { title, link: feedLink, ctx };
}

/** The normalized entries of a feed, in order, each id told apart from those before it. */
class EntryList {
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

/**
 * Documents of at least twice this many characters are parsed in chunks of about this size. Small
 * chunks keep what rss-parser builds for one chunk short-lived (gone before the next chunk is read);
 * the head each chunk repeats costs little. Peak memory over the file size on the 10 MB feeds of
 * test/bench/parsers.ts (RSS, Atom): 6x and 6.5x with 32 or 64 KB chunks, 9.5x and 10.5x with 1 MB
 * ones, 8.5x and 12x in one parse; on its 2.4 MB Atom feed, 10.4-10.7x with 32 KB chunks and about
 * 11x with 64 KB ones (16 KB: no less, and more parses).
 */
export const CHUNK_SIZE = 1 << 15;

/** True for the character after an element name: whitespace, `>` or `/`. */
function endsName(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f;
}

/** True when `xml` holds only whitespace from `from` to `to`. */
function blank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/** Where the start tag beginning at `at` ends (its `>`), quoted attribute values passed over; -1 if nowhere. */
function startTagEnd(xml: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const gt = xml.indexOf('>', i);
    if (gt === -1) return -1;
    // A `>` inside a quoted value: count quotes between here and there.
    let quote = 0;
    let j = i;
    for (; j < gt; j++) {
      const c = xml.charCodeAt(j);
      if (quote === 0 && (c === 0x22 || c === 0x27)) quote = c;
      else if (c === quote) quote = 0;
    }
    if (quote === 0) return gt;
    const close = xml.indexOf(String.fromCharCode(quote), gt);
    if (close === -1) return -1;
    i = close + 1;
  }
}

/**
 * Where to cut a large document into chunks of whole entries (`<item>`, or Atom `<entry>`): the
 * offsets [first entry's start, ..., last entry's end], each chunk ending at an entry's end after
 * about `size` characters; the document's head (all before the first entry) and tail (all after the
 * last) wrap each chunk. Undefined when there would be one chunk, or when chunks could read
 * differently from the whole: entries not side by side (anything but whitespace, comments and
 * processing instructions between them, or an entry after the tail began), a declaration
 * (`<!DOCTYPE`), or an entry that does not end. CDATA sections, comments and quoted attribute
 * values are passed over whole, so markup in them is never taken for a tag.
 */
export function entryChunks(xml: string, format: FeedFormat, size: number): number[] | undefined {
  if (xml.length < 2 * size) return undefined;
  const name = format === 'atom' ? 'entry' : 'item';
  const open = `<${name}`;
  const close = `</${name}`;
  const cuts: number[] = [];
  let depth = 0; // entries open (an entry may hold another)
  let lastEnd = -1; // where the last entry so far ended
  let gapFrom = -1; // where the whitespace after it began (past comments and processing instructions)
  let tail = false; // something other than an entry came after the entries
  /** The end of an entry at `end`: a cut there when the chunk has grown to `size`. */
  const entryEnd = (end: number) => {
    lastEnd = gapFrom = end;
    if (end - cuts[cuts.length - 1] >= size) cuts.push(end);
  };
  let i = xml.indexOf('<');
  while (i !== -1) {
    const c = xml.charCodeAt(i + 1);
    const between = depth === 0 && lastEnd !== -1 && !tail;
    if (between && !blank(xml, gapFrom, i)) tail = true;
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      const comment = xml.startsWith('<!--', i);
      const cdata = !comment && xml.startsWith('<![CDATA[', i);
      // A declaration only comes before the root; CDATA between entries is text of their parent.
      if (c === 0x21 && !comment && !cdata) return undefined;
      if (cdata && depth === 0 && lastEnd !== -1) tail = true;
      const endMark = comment ? '-->' : cdata ? ']]>' : '?>';
      const end = xml.indexOf(endMark, i + 2);
      if (end === -1) return undefined;
      if (between && !tail) gapFrom = end + endMark.length;
      i = xml.indexOf('<', end + endMark.length);
      continue;
    }
    if (c === 0x2f /* / */) {
      const end = xml.indexOf('>', i);
      if (end === -1) return undefined;
      if (depth > 0 && xml.startsWith(close, i) && endsName(xml.charCodeAt(i + close.length))) {
        if (--depth === 0) entryEnd(end + 1);
      } else if (depth === 0 && lastEnd !== -1) {
        tail = true;
      }
      i = xml.indexOf('<', end + 1);
      continue;
    }
    const entry = xml.startsWith(open, i) && endsName(xml.charCodeAt(i + open.length));
    if (depth === 0 && lastEnd !== -1) {
      if (entry && tail) return undefined;
      if (!entry) tail = true;
    }
    const end = startTagEnd(xml, i);
    if (end === -1) return undefined;
    if (entry) {
      if (cuts.length === 0) cuts.push(i);
      if (xml.charCodeAt(end - 1) !== 0x2f) depth++;
      else if (depth === 0) entryEnd(end + 1);
    }
    i = xml.indexOf('<', end + 1);
  }
  if (depth !== 0 || lastEnd === -1) return undefined;
  if (cuts[cuts.length - 1] !== lastEnd) cuts.push(lastEnd);
  return cuts.length > 2 ? cuts : undefined;
}

/**
 * The documents a large one is read as, one at a time: its head, one chunk of entries (between two
 * of {@link entryChunks}' cuts) and its tail. Made on demand, so only the chunk being read is held.
 */
export function* chunkDocuments(xml: string, cuts: readonly number[]): Generator<string> {
  const head = xml.slice(0, cuts[0]);
  const tail = xml.slice(cuts[cuts.length - 1]);
  for (let k = 0; k + 1 < cuts.length; k++) yield head + xml.slice(cuts[k], cuts[k + 1]) + tail;
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
