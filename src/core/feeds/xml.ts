// A feed document's XML before rss-parser reads it: what it is (its root element, the format it
// names) and the rewrites that let rss-parser read it as the feed means it.
//  - Prefixes: a feed whose elements carry a prefix (`<a:feed xmlns:a=…>`) gets the names rss-parser
//    looks for.
//  - Entities: HTML named entities (`&eacute;`) are known to the XML parser, but a stray `&` or an
//    unknown entity stops it: those are escaped (see html/entities.ts).
//  - Atom XHTML constructs (`<content type="xhtml"><div xmlns=…>…</div></content>`) would lose the
//    order of their text and elements in xml2js; they are turned into escaped HTML (type="html").
//  - The same for RSS's `description`, `content:encoded` and `summary` written as markup
//    (`<description><p>…</p></description>`) rather than as escaped text or CDATA.
//  - Titles holding markup (`<title>A <b>b</b></title>`) keep their text, the markup dropped.
// The element rewrites give a document with nothing to change back as it was, at little cost.

import { escapeHtml, repairXmlEntities } from '../html/entities';
import { FeedParseError, type FeedFormat } from './types';

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
export function unprefixFeed(xml: string): string {
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

/** Root elements of a web page, a whole one or a fragment a server sends for one. */
const HTML_ROOTS = new Set(['html', 'head', 'body']);

/** The format the document's root element names; a FeedParseError saying what it is when it is no feed. */
export function detectFormat(xml: string): FeedFormat {
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
  if (HTML_ROOTS.has(local.toLowerCase())) throw new FeedParseError('this is a web page (HTML), not a feed');
  if (local === 'opml') throw new FeedParseError('this is an OPML subscription list; import it instead');
  throw new FeedParseError(`its root element is <${root}>, where a feed has <rss>, <feed> or <rdf:RDF>`);
}

/**
 * The document as rss-parser is to read it (see the top of this file): leading whitespace and byte
 * order mark dropped, entities repaired, markup in Atom constructs and RSS descriptions as escaped HTML,
 * titles flattened.
 */
export function repairFeedXml(xml: string, format: FeedFormat): string {
  let text = canonicalItunes(repairXmlEntities(xml.replace(/^[\ufeff\s]+/, '')));
  text = format === 'atom' ? xhtmlToHtmlConstructs(text) : rssMarkupToHtml(text);
  // Atom's own titles are text constructs, rewritten above.
  return flattenTitles(text, format === 'atom');
}

const ITUNES_NAMESPACE = 'http://www.itunes.com/dtds/podcast-1.0.dtd';

/** Apple's podcast elements, by their lower-case names. */
const ITUNES_NAMES = new Map(
  [
    'author', 'block', 'category', 'complete', 'duration', 'email', 'episode', 'episodeType', 'explicit', 'image',
    'isClosedCaptioned', 'keywords', 'name', 'new-feed-url', 'order', 'owner', 'season', 'subtitle', 'summary',
    'title', 'type',
  ].map((name) => [name.toLowerCase(), name]),
);

/**
 * Apple's podcast elements as the reader looks for them (`itunes:author`): feeds also write them in
 * upper case (`<ITUNES:AUTHOR>`, `<itunes:Author>`), or under another prefix bound to the iTunes
 * namespace (its address in any case, as Apple's own validator took it). Outside CDATA sections and
 * comments; a document whose iTunes elements are written as expected comes back as it was.
 */
export function canonicalItunes(xml: string): string {
  if (!/itunes/i.test(xml)) return xml;
  const prefixes = new Set(['itunes']);
  for (const m of xml.matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']\s*([^"'\s]*)\s*["']/g))
    if (m[2].toLowerCase() === ITUNES_NAMESPACE) prefixes.add(m[1].toLowerCase());
  const tag = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([\w.-]+):([\w-]+)/g;
  let changed = false;
  const out = xml.replace(tag, (m, slash: string | undefined, prefix: string, local: string) => {
    if (slash === undefined || !prefixes.has(prefix.toLowerCase())) return m;
    const name = `<${slash}itunes:${ITUNES_NAMES.get(local.toLowerCase()) ?? local}`;
    if (name !== m) changed = true;
    return name;
  });
  return changed ? out : xml;
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
      const m = /^\s*<(?:([\w.-]+):)?div\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?div>\s*$/.exec(inner);
      // A prefixed wrapper (`<xhtml:div xmlns:xhtml=…>`) names its elements with that prefix: HTML has none.
      const body = !m ? inner : m[1] ? renamePrefix(m[2], m[1], '') : m[2];
      const html = fragmentToHtml(body).trim();
      const rest = attrs.replace(/\s(?:type|mode)\s*=\s*(["'])[^"']*\1/gi, '');
      return `<${name}${rest} type="html">${escapeHtml(html)}</${name}>`;
    },
  );
}

/** Start tags of the elements an RSS entry's HTML is read from. */
const RSS_HTML_ELEMENT = /<(description|content:encoded|summary)(\s[^>]*)?>/g;

/**
 * RSS `description`, `content:encoded` and `summary` elements that hold child elements (XHTML written
 * into the feed as it stands) rewritten as escaped HTML, their markup and text kept in order; elements
 * of text or CDATA are left as they are.
 */
export function rssMarkupToHtml(xml: string): string {
  return rewriteElements(
    xml,
    byRegex(RSS_HTML_ELEMENT),
    () => false,
    (name, attrs, inner) => `<${name}${attrs}>${escapeHtml(fragmentToHtml(inner).trim())}</${name}>`,
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
