/**
 * Short links from a YOURLS-compatible API (`action=shorturl`, `format=json`), and a local map
 * long link -> short link so the same entry always gets the same short link and no link is
 * shortened twice. The request goes through the feeds' fetch (fetch.ts: timeout, byte cap,
 * redirects, VS Code's proxy); the signature is passed in by the caller (the extension keeps it in
 * SecretStorage) and never stored here.
 */
import { fetchFeed } from '../feeds/fetch';
import { FetchError } from '../feeds/fetchError';
import { splitLines, TextLines } from '../base/lines';
import { frontMatterEnd } from '../frontmatter/locate';
import { linkedTitleBlock, normalizeLink, READ_MORE_LINE, scanLinks } from '../markdown';
import { isSafeUrl } from '../base/urls';
import type { TextEdit } from '../lint/problem';

export interface ShortenerConfig {
  /** The API address, e.g. `https://tm3.org/yourls-api.php`. */
  url: string;
  /** YOURLS's secret signature token. */
  signature: string;
}

export interface ShortenOptions {
  version: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A short link could not be made; `message` says why in plain words. */
export class ShortenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShortenError';
  }
}

/** The biggest answer a shortener gives for one link. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Asks the shortener for the short link of `longUrl`. A link the shortener already knows
 * (YOURLS: `status: fail`, `code: error:url`, with its `shorturl`) is that short link.
 * Rejects with a ShortenError (bad signature, timeout, an answer without a short link).
 */
export async function shortenUrl(longUrl: string, config: ShortenerConfig, options: ShortenOptions): Promise<string> {
  if (!isSafeUrl(longUrl)) throw new ShortenError(`Not an http(s) link: ${longUrl}`);
  if (!config.signature) throw new ShortenError('No shortener signature: run "Roundup: Set shortener signature"');
  let api: URL;
  try {
    api = new URL(config.url);
  } catch {
    throw new ShortenError(`The shortener address is not a web address: ${config.url}`);
  }
  api.searchParams.set('action', 'shorturl');
  api.searchParams.set('format', 'json');
  api.searchParams.set('url', longUrl);
  api.searchParams.set('signature', config.signature);
  let text: string;
  try {
    const answer = await fetchFeed(api.href, {
      version: options.version,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBytes: MAX_ANSWER_BYTES,
      accept: 'application/json',
    });
    if (answer.status !== 'ok') throw new ShortenError('The shortener sent no answer');
    text = answer.text;
  } catch (e) {
    if (!(e instanceof FetchError)) throw e;
    if (e.code === 'http' && (e.statusCode === 401 || e.statusCode === 403)) {
      throw new ShortenError(
        `The shortener refused the signature (${e.message}): set it again with "Roundup: Set shortener signature"`,
      );
    }
    throw new ShortenError(`The shortener did not answer: ${e.message}`);
  }
  let json: { shorturl?: unknown; message?: unknown; status?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new ShortenError(
      'The shortener answered with something that is not JSON (is the address its yourls-api.php?)',
    );
  }
  if (json && typeof json.shorturl === 'string' && isSafeUrl(json.shorturl)) return json.shorturl;
  const why = json && typeof json.message === 'string' ? json.message : 'no short link in the answer';
  throw new ShortenError(`The shortener made no short link: ${why}`);
}

/** Saved short links: normalized long link (links.ts normalizeLink) -> short link. */
export type ShortLinkRecord = Record<string, string>;

/** The saved map, validated (other values are dropped). */
export function parseShortLinks(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!value || typeof value !== 'object' || Array.isArray(value)) return map;
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (typeof v === 'string' && isSafeUrl(v)) map.set(k, v);
  return map;
}

export interface ShortenAllResult {
  /** Short links by normalized long link: the known ones and those made now. */
  links: Map<string, string>;
  /** Short links made now (to save). */
  made: Map<string, string>;
  /** Links left long, with why. */
  failures: Array<{ url: string; message: string }>;
}

/**
 * Short links for `urls`: from `known` when there (never asked twice), else from `shorten`, one
 * request per distinct link, a few at once. Links that are short links already (a value of `known`,
 * or on the shortener's host) are left alone. A failure leaves that link long; the others go on.
 */
export async function shortenAll(
  urls: readonly string[],
  known: ReadonlyMap<string, string>,
  shorten: (url: string) => Promise<string>,
  options: { shortenerUrl?: string; concurrency?: number } = {},
): Promise<ShortenAllResult> {
  const links = new Map(known);
  const made = new Map<string, string>();
  const failures: ShortenAllResult['failures'] = [];
  const shortKeys = new Set([...known.values()].map(normalizeLink));
  const host = hostOf(options.shortenerUrl ?? '');
  const todo = new Map<string, string>();
  for (const url of urls) {
    const key = normalizeLink(url);
    if (!isSafeUrl(url) || links.has(key) || shortKeys.has(key) || (host && hostOf(url) === host) || todo.has(key))
      continue;
    todo.set(key, url);
  }
  const queue = [...todo];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, url] = next;
      try {
        const short = await shorten(url);
        links.set(key, short);
        made.set(key, short);
      } catch (e) {
        failures.push({ url, message: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, queue.length)) }, worker));
  return { links, made, failures };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * An entry link of a post: a read-more line's link or a one-link list item's, with its link text when that
 * is the URL itself.
 */
export interface EntryLink {
  url: string;
  start: number;
  end: number;
  /** The link text `[url]` holding the same URL (the model post's `[http://tm3.org/6e](http://tm3.org/6e)`): its offsets. */
  label?: { start: number; end: number };
}

const LIST_ITEM_PREFIX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+$/;

/** The entry links of a post's body (read-more lines, linked titles, one-link list items), in order. */
export function entryLinks(text: string): EntryLink[] {
  const bodyStart = frontMatterEnd(text);
  const lines = splitLines(text);
  const textLines = new TextLines(text);
  const found: EntryLink[] = [];
  let i = 0;
  for (const link of scanLinks(text)) {
    if (link.matchStart < bodyStart || link.kind === 'image' || !isSafeUrl(link.url)) continue;
    while (i < lines.length - 1 && lines[i].next <= link.matchStart) i++;
    const line = lines[i];
    const before = text.slice(line.start, link.matchStart);
    const readMore = READ_MORE_LINE.test(line.text);
    const listItem =
      link.kind === 'inline' && LIST_ITEM_PREFIX.test(before) && text.slice(link.matchEnd, line.end).trim() === '';
    // The link on a linked title (`**[Title](url)**`, `[**Title**](url)`) whose block no read-more line ends.
    const onTitle = before === '**' || (before === '' && text.startsWith('[**', line.start));
    const title = link.kind === 'inline' && onTitle && linkedTitleBlock(textLines, line.start, bodyStart) !== undefined;
    if (!readMore && !listItem && !title) continue;
    const entry: EntryLink = { url: link.url, start: link.start, end: link.end };
    if (
      link.kind === 'inline' &&
      text.slice(link.matchStart, link.matchStart + link.url.length + 2) === `[${link.url}]`
    ) {
      entry.label = { start: link.matchStart + 1, end: link.matchStart + 1 + link.url.length };
    }
    found.push(entry);
  }
  return found;
}

/** The edits that put the short links of `links` (by normalized long link) in place of the post's long entry links. */
export function shortLinkEdits(text: string, links: ReadonlyMap<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const link of entryLinks(text)) {
    const short = links.get(normalizeLink(link.url));
    if (!short || normalizeLink(short) === normalizeLink(link.url)) continue;
    if (link.label) edits.push({ start: link.label.start, end: link.label.end, newText: short });
    edits.push({ start: link.start, end: link.end, newText: short });
  }
  return edits;
}
