// rss-parser as Roundup runs it: loaded on the first parse (a `require` inside the function, so
// activating the extension does not pay for it), with each entry's raw elements kept as extra
// fields (`rawTitle`, `rawLinks`, …, read by normalize.ts), and three of its internals patched:
//  - Snippets off. rss-parser derives a plain-text snippet from every entry's content (two regular
//    expressions and an entity decoder over the whole HTML) through `getSnippet` of its `lib/utils`
//    module, which Roundup never reads (excerpts are made from the HTML): that function is replaced
//    in the copy of rss-parser this module loads (each bundle that parses feeds holds its own).
//  - No XML built. For an RSS `description` or an Atom `content` / `summary` that is an element
//    rather than text (child elements, or attributes and no text), rss-parser's `getContent` (same
//    module) writes it back as XML with xml2js's builder. Roundup reads those elements from the raw
//    fields, and xml.ts has turned child markup into escaped HTML before, so what is left to build is
//    an empty element: `getContent` gives its text, else ''. The bundles hold no XML builder (the
//    build replaces xmlbuilder with a stub that throws), and test/package/feedBundles.test.ts reads
//    every feed fixture through them.
//  - Atom builders wrapped. Two of rss-parser's failure modes would cost a whole feed for one bad
//    entry; both are avoided by repairing the feed's and each entry's elements just before rss-parser
//    reads them (its buildAtomFeed and parseItemAtom, wrapped on the parser; xml2js's `validator` hook
//    would do it too, but makes xml2js build an element path at every closing tag, a sixth of the parse):
//     - Atom `<published>` / `<updated>`: rss-parser calls `new Date(text).toISOString()` on them,
//       which throws a RangeError for text that is not a date; the throw escapes xml2js's callback
//       and rejects the whole parse. Each Atom date is handed on wrapped (`{ _: text }`), which
//       rss-parser passes over (it only reads values with a length), and is read by normalize.ts.
//     - Atom `<link>` without attributes (`<link>http://…</link>`, seen in hand-made feeds):
//       rss-parser reads `link.$.rel` and throws a TypeError. Such a link is given an `href` attribute.
// package.json pins rss-parser's version; test/unit/feeds/rssParser.test.ts fails, naming the
// internal, when one of those Roundup patches changes shape.

import type { FeedFormat } from './types';

/** An element as xml2js builds it, and what rss-parser makes of an entry (with the raw fields below). */
export type Item = Record<string, unknown>;

/** What rss-parser gives for a document: the feed's fields and its entries. */
export type RssOutput = Item & { items?: Item[] };

/** Reads one document (a whole feed, or a chunk of one) to rss-parser's output; rejects as rss-parser does. */
export type FeedReader = (text: string) => Promise<RssOutput>;

type RssParserClass = typeof import('rss-parser');

/** rss-parser's `lib/utils` module, as far as Roundup patches it. */
export interface RssParserUtils {
  getSnippet(html: string): string;
  getContent(content: unknown): unknown;
}

/** Switches rss-parser's snippets off (see the top of this file). */
export function switchOffSnippets(utils: RssParserUtils): void {
  utils.getSnippet = () => '';
}

/** An element's text as rss-parser's `getContent` gives it, without building XML (see the top of this file). */
function contentText(content: unknown): unknown {
  if (content === null || typeof content !== 'object') return content;
  const text = (content as { _?: unknown })._;
  return typeof text === 'string' ? text : '';
}

/** Makes rss-parser's `getContent` give an element's text and never build XML (see the top of this file). */
export function buildNoXml(utils: RssParserUtils): void {
  utils.getContent = contentText;
}

/** Loads rss-parser with its snippets switched off and no XML built. */
function loadRssParser(): RssParserClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('rss-parser/lib/utils') as RssParserUtils;
  switchOffSnippets(utils);
  buildNoXml(utils);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('rss-parser') as RssParserClass;
}

/** The feed's raw elements rss-parser is to keep (each as the array of its elements: `keepArray`). */
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

/** The same for each entry. */
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
export function repairAtomBeforeReading(parser: object, proto: object): void {
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

/** A reader for documents of `format`: rss-parser loaded (on the first call) and set up as above. */
export function feedReader(format: FeedFormat): FeedReader {
  const Parser = loadRssParser();
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { feed: FEED_FIELDS as never, item: ITEM_FIELDS as never },
  });
  if (format === 'atom') repairAtomBeforeReading(parser, Parser.prototype);
  return async (text) => (await parser.parseString(text)) as unknown as RssOutput;
}
