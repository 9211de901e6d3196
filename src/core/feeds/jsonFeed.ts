// JSON Feed (https://www.jsonfeed.org/version/1.1/, and 1.0): detection and normalization to the same
// FeedEntry as RSS and Atom entries.
//
// Field by field: `title` (plain text); `content_html`, else `content_text`, else `summary` (both
// plain text, escaped into paragraphs) for the summary HTML; `url`, else `external_url`, resolved
// against `home_page_url` or the document's address, http(s) only; `date_published`, else
// `date_modified`; `authors` (1.1), else `author` (1.0), else the feed's, else the configured one.
// A bad item (not an object) is left out; the others stay.

import { createHash } from 'crypto';
import { escapeHtml, fixC1 } from '../html/entities';
import { collapseWhitespace } from '../html/text';
import { toIsoDate } from './dates';
import { authorName, fallbackTitle } from './normalize';
import type { ParsedFeed, ParseOptions } from './parse';
import { FeedParseError, type FeedEntry, type FeedSource } from './types';

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/i;
const JSON_TYPES = new Set(['application/feed+json', 'application/json', 'text/json']);

export type JsonParsedFeed = Omit<ParsedFeed, 'format'> & { format: 'json' };

/** The document is JSON but not a JSON Feed we can read. */
export class JsonFeedError extends FeedParseError {
  constructor(reason: string) {
    super(reason);
    this.message = `Not a JSON Feed: ${reason}`;
  }
}

function firstChar(text: string): string {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return text[i];
  }
  return '';
}

/**
 * Whether a body is to be read as JSON Feed: a JSON content type (application/feed+json, or
 * application/json) with a body that is not XML, or any body that starts with `{`.
 */
export function isJsonFeed(text: string, contentType = ''): boolean {
  const first = firstChar(text);
  if (first === '{') return true;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return JSON_TYPES.has(type) && first !== '<' && first !== '';
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function webUrl(ref: unknown, base: string | undefined): string {
  const s = str(ref).trim();
  if (!s) return '';
  try {
    const url = new URL(s, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

function names(authors: unknown, author: unknown): string {
  const list = Array.isArray(authors) ? authors : isObject(author) ? [author] : [];
  const found: string[] = [];
  for (const a of list) {
    const name = isObject(a) ? authorName(str(a.name)) : typeof a === 'string' ? authorName(a) : '';
    if (name && !found.includes(name)) found.push(name);
  }
  return found.join(', ');
}

/** Plain text as HTML paragraphs (blank lines separate them). */
function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function itemSummary(item: Json): string {
  const html = str(item.content_html);
  if (html.trim()) return html;
  const text = str(item.content_text);
  if (text.trim()) return textToHtml(text);
  const summary = str(item.summary);
  return summary.trim() ? textToHtml(summary) : '';
}

interface Context {
  feedName: string;
  feedAuthor: string;
  sourceAuthor: string;
  base: string | undefined;
  feedUrl: string;
}

function normalizeItem(item: Json, ctx: Context): FeedEntry {
  const link = webUrl(item.url, ctx.base) || webUrl(item.external_url, ctx.base);
  const summary = fixC1(itemSummary(item));
  const title = fixC1(collapseWhitespace(str(item.title))) || fallbackTitle(summary);
  const published = toIsoDate(str(item.date_published)) || toIsoDate(str(item.date_modified));
  const author = names(item.authors, item.author) || ctx.feedAuthor || ctx.sourceAuthor;
  let id = str(item.id).trim() || link;
  if (!id) {
    const hash = createHash('sha1').update(`${ctx.feedUrl}\n${title}\n${published}\n${summary}`);
    id = 'urn:roundup:' + hash.digest('hex');
  }
  return { id, feed: ctx.feedName, title, author, link, published, summaryHtml: summary };
}

/**
 * Parses a JSON Feed document. Throws a JsonFeedError ("Not a JSON Feed: ...") when the text is not
 * JSON, or is JSON without a JSON Feed version or an items list.
 */
export function parseJsonFeed(text: string, source: FeedSource, options: ParseOptions = {}): JsonParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new JsonFeedError(`the JSON is malformed (${(e as Error).message})`);
  }
  if (!isObject(doc)) throw new JsonFeedError('the document is not a JSON object');
  const version = str(doc.version).trim();
  if (!VERSION.test(version)) {
    throw new JsonFeedError(
      version ? `unknown version "${version.slice(0, 80)}"` : 'it has no "version" naming jsonfeed.org',
    );
  }
  if (!Array.isArray(doc.items)) throw new JsonFeedError('it has no "items" list');

  const documentUrl = options.documentUrl ?? source.url;
  const docBase = /^https?:/i.test(documentUrl) ? documentUrl : undefined;
  const link = webUrl(doc.home_page_url, docBase);
  const title = fixC1(collapseWhitespace(str(doc.title)));
  const ctx: Context = {
    feedName: source.name?.trim() || title || source.url,
    feedAuthor: names(doc.authors, doc.author),
    sourceAuthor: source.author?.trim() ?? '',
    base: docBase ?? (link || undefined),
    feedUrl: source.url,
  };
  const entries: FeedEntry[] = [];
  for (const item of doc.items) {
    if (!isObject(item)) continue;
    try {
      entries.push(normalizeItem(item, ctx));
    } catch {
      // An item shaped beyond reading is left out; the others stay.
    }
  }
  return { format: 'json', title, link, entries, warnings: [] };
}
