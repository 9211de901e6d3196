// Parsing a feed document (RSS 0.9x, RSS 1.0/RDF, RSS 2.0, Atom 1.0) to FeedEntry values, in steps:
// the XML told and repaired (xml.ts), read by rss-parser (rssParser.ts), in chunks of entries when it
// is large (chunks.ts), and normalized (normalize.ts). A bad entry (no title, no link, a date that is
// not one) never costs the others; a document that is no feed is a FeedParseError in plain words.

import { lineTexts } from '../base/lines';
import { nextTurn } from '../base/turns';
import { CHUNK_SIZE, chunkDocuments, completeEntries, entryChunks } from './chunks';
import { formatBytes } from './fetchError';
import { EntryList, feedLevel, type FeedLevel } from './normalize';
import { feedReader, type FeedReader, type RssOutput } from './rssParser';
import { FeedParseError, type FeedEntry, type FeedFormat, type FeedSource } from './types';
import { detectFormat, repairFeedXml, unprefixFeed } from './xml';

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
  /**
   * The document is the first this many bytes of a longer one (cut at `roundup.fetch.maxBytes`): its
   * whole entries are read, with a warning that says the limit.
   */
  cutAt?: number;
}

/** What the steps of a parse share: the document's format, its reader, and where it comes from. */
interface Reading {
  format: FeedFormat;
  read: FeedReader;
  source: FeedSource;
  documentUrl: string;
}

/**
 * Parses a feed document and normalizes its entries. Entries keep the feed's order. Rejects with a
 * FeedParseError ("Not an RSS, Atom or JSON feed: ...") when the document as a whole cannot be read.
 *
 * A large document is parsed in chunks of entries (see {@link entryChunks}), each normalized and let
 * go before the next is read, so that what rss-parser builds is never held for the whole document at
 * once; the result is the same as for a parse of the whole. A chunk that cannot be read sends the
 * whole document through the one-piece parse, which gives the error, or the entries of a cut-off feed.
 * A document cut at the size limit (`cutAt`) is read up to its last whole entry, in chunks all the same.
 */
export async function parseFeed(xml: string, source: FeedSource, options: ParseOptions = {}): Promise<ParsedFeed> {
  xml = unprefixFeed(xml);
  const format = detectFormat(xml);
  const reading: Reading = { format, read: feedReader(format), source, documentUrl: options.documentUrl ?? source.url };
  let text = repairFeedXml(xml, format);
  let warning: string | undefined;
  if (options.cutAt !== undefined) {
    const limit = `${formatBytes(options.cutAt)} (roundup.fetch.maxBytes)`;
    const complete = completeEntries(text, format);
    if (!complete) throw new FeedParseError(`it is larger than ${limit}, and no entry is whole within it`);
    text = complete.text;
    warning =
      `The feed is larger than ${limit}: kept the ${complete.entries} ` +
      `${complete.entries === 1 ? 'entry' : 'entries'} that came whole within it.`;
  }
  const cuts = entryChunks(text, format, options.chunkSize ?? CHUNK_SIZE);
  const parsed = (cuts && (await readChunks(reading, text, cuts))) ?? (await readWhole(reading, text, xml));
  if (warning) parsed.warnings.unshift(warning);
  return parsed;
}

/** A large document read chunk by chunk; undefined when a chunk cannot be read. */
async function readChunks(reading: Reading, text: string, cuts: readonly number[]): Promise<ParsedFeed | undefined> {
  let feed: FeedLevel | undefined;
  const entries = new EntryList();
  for (const chunk of chunkDocuments(text, cuts)) {
    // A turn of the event loop per chunk: a large feed, or many feeds at once, never hold it long.
    await nextTurn();
    let output: RssOutput;
    try {
      output = await reading.read(chunk);
    } catch {
      return undefined; // read again as a whole, for the error it gives
    }
    feed ??= feedLevel(output, reading.format, reading.source, reading.documentUrl);
    entries.addAll(output.items, feed.ctx);
  }
  return feed && { format: reading.format, title: feed.title, link: feed.link, entries: entries.list, warnings: [] };
}

/**
 * The document read in one piece (`text`, repaired from `xml`): a feed cut off before its end keeps
 * the entries that arrived whole, with a warning; a document that cannot be read is a FeedParseError.
 */
async function readWhole(reading: Reading, text: string, xml: string): Promise<ParsedFeed> {
  let output: RssOutput;
  const warnings: string[] = [];
  try {
    try {
      output = await reading.read(text);
    } catch (e) {
      const cutOff = TRUNCATED.test(e instanceof Error ? e.message : '');
      const complete = cutOff ? completeEntries(text, reading.format) : undefined;
      if (!complete) throw e;
      output = await reading.read(complete.text);
      warnings.push(
        'The feed is incomplete: it ends before its last closing tag (the connection may have closed early); ' +
          `kept the ${complete.entries} ${complete.entries === 1 ? 'entry' : 'entries'} that arrived whole.`,
      );
    }
  } catch (e) {
    throw parseError(e, reading.format, xml);
  }
  const feed = feedLevel(output, reading.format, reading.source, reading.documentUrl);
  const entries = new EntryList();
  entries.addAll(output.items, feed.ctx);
  return { format: reading.format, title: feed.title, link: feed.link, entries: entries.list, warnings };
}

/** xml2js / sax messages for a document that ends too soon. */
const TRUNCATED = /^(?:Unclosed root tag|Unexpected end)/;

/** What rss-parser's rejection of the document `xml` says, in plain words. */
function parseError(e: unknown, format: FeedFormat, xml: string): FeedParseError {
  const message = e instanceof Error ? e.message : String(e);
  if (/\nLine:/.test(message)) return new FeedParseError(xmlErrorReason(message));
  if ((/channel/i.test(message) || format !== 'atom') && !/<channel[\s>]/.test(xml)) {
    return new FeedParseError('it has no <channel> element');
  }
  return new FeedParseError(`its structure could not be read (${message})`);
}

/**
 * A sax error ("what\nLine: n\nColumn: m\nChar: c", its lines counted from 0) in plain words: "the XML
 * is malformed (what at line n+1, column m)".
 */
function xmlErrorReason(message: string): string {
  const [what, ...rest] = lineTexts(message);
  const line = /Line:\s*(\d+)/.exec(rest.join(' '));
  const column = /Column:\s*(\d+)/.exec(rest.join(' '));
  const where = line ? ` at line ${Number(line[1]) + 1}${column ? `, column ${column[1]}` : ''}` : '';
  return `the XML is malformed (${what.trim()}${where})`;
}
