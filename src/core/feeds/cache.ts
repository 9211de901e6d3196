// The feed cache: entries and HTTP validators per feed URL, as plain data, with its file format.
// Everything here is pure except readCacheFile / writeCacheFile, which take a path and write the whole
// cache atomically (temporary file, then rename). The extension keeps one file per feed (cacheFiles.ts).

import { readFile, rename, writeFile, unlink } from 'fs/promises';
import { sortNewestFirst } from './filter';
import { copyFeedEntry, isFeedEntry, type FeedEntry } from './types';

export const CACHE_VERSION = 1;
const DEFAULT_MAX_ENTRIES = 200;

export interface CachedFeed {
  /** Newest first, at most the configured number. */
  entries: FeedEntry[];
  etag?: string;
  lastModified?: string;
  /** When the feed last answered (with entries or "not modified"), ISO UTC; '' if it never has. */
  fetchedAt: string;
  /** The last refresh's error in plain words; absent after a refresh that succeeded. */
  error?: string;
  /** When that error happened, ISO UTC. */
  errorAt?: string;
  /** The feed's own title, as of the last successful fetch. */
  title?: string;
  /** What was wrong with the last fetch that could still be read (cut off before its end), in plain words. */
  warning?: string;
  /** The last fetch was cut at the size limit (`roundup.fetch.maxBytes`), this many bytes. */
  cutAt?: number;
  /** The address the feed moved to for good (HTTP 301/308), as of the last fetch: worth updating to. */
  movedTo?: string;
  /** The last refresh found the feed gone for good (HTTP 410). Its entries stay. */
  gone?: boolean;
  /** The server asked not to be asked again before this time (Retry-After), ISO UTC. */
  retryAfter?: string;
  /** The last refresh found a web page instead of a feed: the feeds that page links to. */
  feedsOnPage?: string[];
}

/** What an error result may add: the data behind an offer or a back-off. */
export interface FeedErrorDetail {
  gone?: boolean;
  retryAfter?: string;
  feedsOnPage?: string[];
}

export interface FeedCache {
  version: typeof CACHE_VERSION;
  /** Keyed by the feed URL as configured. */
  feeds: Record<string, CachedFeed>;
}

/** What one refresh of one feed came to. */
export type FeedResult =
  | {
      kind: 'ok';
      entries: FeedEntry[];
      etag?: string;
      lastModified?: string;
      title?: string;
      warning?: string;
      /** Read only up to the size limit, this many bytes (with a warning that says so). */
      cutAt?: number;
      movedTo?: string;
      /** What was read: the HTTP status (200 for a file) and the body's size, for the log. */
      fetched?: { statusCode: number; bytes: number };
    }
  | { kind: 'not-modified'; etag?: string; lastModified?: string; movedTo?: string }
  | ({ kind: 'error'; message: string } & FeedErrorDetail)
  | { kind: 'cancelled' };

/**
 * One line of the log for one feed's refresh: `https://x/feed: 200, 48.1 KB, 12 entries in 85 ms`,
 * `...: not modified (304), the cached entries kept, in 40 ms`, `...: failed in 2.0 s: <the error>`.
 */
export function describeResult(url: string, result: FeedResult, ms: number): string {
  const took = ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  switch (result.kind) {
    case 'ok': {
      const read = result.fetched ? `${result.fetched.statusCode}, ${kilobytes(result.fetched.bytes)}, ` : '';
      const entries = `${result.entries.length} ${result.entries.length === 1 ? 'entry' : 'entries'}`;
      return `${url}: ${read}${entries} in ${took}`;
    }
    case 'not-modified':
      return `${url}: not modified (304), the cached entries kept, in ${took}`;
    case 'error':
      return `${url}: failed in ${took}: ${result.message}`;
    case 'cancelled':
      return `${url}: cancelled after ${took}`;
  }
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

export interface ApplyOptions {
  /** The time of the result. */
  now: Date;
  /** Entries kept per feed, newest first. Default 200. */
  maxEntries?: number;
}

export function emptyCache(): FeedCache {
  return { version: CACHE_VERSION, feeds: {} };
}

/** Duplicates by id dropped (first kept), sorted newest first, cut to `max`. */
export function boundEntries(entries: readonly FeedEntry[], max = DEFAULT_MAX_ENTRIES): FeedEntry[] {
  const seen = new Set<string>();
  const unique = entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
  return sortNewestFirst(unique).slice(0, Math.max(0, Math.floor(max)));
}

/**
 * The cache after one feed's result; the given cache is not changed. A success replaces the feed's
 * entries and validators and clears its error (a feed read only in part adds its entries to the cached
 * ones and keeps no validators); "not modified" keeps the entries, updates fetchedAt
 * (and the validators, when sent again) and clears the error; a failure keeps the entries and
 * validators and records the error; a cancelled refresh changes nothing.
 */
export function applyResult(cache: FeedCache, url: string, result: FeedResult, options: ApplyOptions): FeedCache {
  const now = options.now.toISOString();
  const max = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const previous: CachedFeed = cache.feeds[url] ?? { entries: [], fetchedAt: '' };
  let next: CachedFeed;
  switch (result.kind) {
    case 'ok':
      if (result.warning) {
        // Read only in part (cut off before its end): the entries that arrived join the cached ones, and no
        // validators are kept, so the next refresh fetches the whole feed again instead of a 304.
        next = { entries: boundEntries([...result.entries, ...previous.entries], max), fetchedAt: now };
        next.warning = result.warning;
        if (result.cutAt !== undefined) next.cutAt = result.cutAt;
      } else {
        next = { entries: boundEntries(result.entries, max), fetchedAt: now };
        if (result.etag) next.etag = result.etag;
        if (result.lastModified) next.lastModified = result.lastModified;
      }
      if (result.title) next.title = result.title;
      if (result.movedTo) next.movedTo = result.movedTo;
      break;
    case 'not-modified': {
      const { error: _error, errorAt: _errorAt, movedTo: _movedTo, ...rest } = previous;
      const { gone: _gone, retryAfter: _retry, feedsOnPage: _page, ...kept } = rest;
      next = { ...kept, entries: boundEntries(previous.entries, max), fetchedAt: now };
      if (result.etag) next.etag = result.etag;
      if (result.lastModified) next.lastModified = result.lastModified;
      if (result.movedTo) next.movedTo = result.movedTo;
      break;
    }
    case 'error': {
      const { movedTo: _movedTo, gone: _gone, retryAfter: _retry, feedsOnPage: _page, ...kept } = previous;
      next = { ...kept, error: result.message, errorAt: now };
      if (result.gone) next.gone = true;
      if (result.retryAfter) next.retryAfter = result.retryAfter;
      if (result.feedsOnPage) next.feedsOnPage = [...result.feedsOnPage];
      break;
    }
    case 'cancelled':
      return cache;
  }
  return { ...cache, feeds: { ...cache.feeds, [url]: next } };
}

/** The cache without the feeds whose URL is not in `urls` (after feeds are removed from the settings). */
export function retainFeeds(cache: FeedCache, urls: Iterable<string>): FeedCache {
  const keep = new Set(urls);
  const feeds: Record<string, CachedFeed> = {};
  for (const [url, feed] of Object.entries(cache.feeds)) if (keep.has(url)) feeds[url] = feed;
  return { ...cache, feeds };
}

export function serializeCache(cache: FeedCache): string {
  return JSON.stringify(cache);
}

export interface LoadedCache {
  cache: FeedCache;
  /** Why (some of) the file was discarded, for the log; absent when it was read whole. */
  warning?: string;
  /** The whole text was discarded (not a cache of this version): worth setting the file aside. */
  broken?: boolean;
}

export function readFeed(v: unknown): { feed?: CachedFeed; dropped: number } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { dropped: 0 };
  const o = v as Record<string, unknown>;
  if (!Array.isArray(o.entries)) return { dropped: 0 };
  const entries = o.entries.filter(isFeedEntry).map(copyFeedEntry);
  const feed: CachedFeed = { entries, fetchedAt: typeof o.fetchedAt === 'string' ? o.fetchedAt : '' };
  for (const k of ['etag', 'lastModified', 'error', 'errorAt', 'title', 'warning', 'movedTo', 'retryAfter'] as const) {
    if (typeof o[k] === 'string') feed[k] = o[k] as string;
  }
  if (o.gone === true) feed.gone = true;
  if (typeof o.cutAt === 'number' && Number.isFinite(o.cutAt)) feed.cutAt = o.cutAt;
  if (Array.isArray(o.feedsOnPage)) feed.feedsOnPage = o.feedsOnPage.filter((u): u is string => typeof u === 'string');
  return { feed, dropped: o.entries.length - entries.length };
}

/**
 * Reads a cache file's text. Never throws: a missing file (undefined or '') is an empty cache; a
 * corrupt file or one of another version is an empty cache plus a warning; unreadable feeds or
 * entries inside an otherwise good file are dropped, with a warning.
 */
export function deserializeCache(text: string | undefined | null): LoadedCache {
  if (text === undefined || text === null || text.trim() === '') return { cache: emptyCache() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const warning = `Feed cache discarded: not valid JSON (${(e as Error).message})`;
    return { cache: emptyCache(), warning, broken: true };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { cache: emptyCache(), warning: 'Feed cache discarded: not a cache object', broken: true };
  }
  const o = data as Record<string, unknown>;
  if (o.version !== CACHE_VERSION) {
    const warning = `Feed cache discarded: version ${JSON.stringify(o.version)}, expected ${CACHE_VERSION}`;
    return { cache: emptyCache(), warning, broken: true };
  }
  if (!o.feeds || typeof o.feeds !== 'object' || Array.isArray(o.feeds)) {
    return { cache: emptyCache(), warning: 'Feed cache discarded: no feeds object', broken: true };
  }
  const cache = emptyCache();
  const problems: string[] = [];
  for (const [url, value] of Object.entries(o.feeds as Record<string, unknown>)) {
    const { feed, dropped } = readFeed(value);
    if (!feed) {
      problems.push(`feed ${url} unreadable`);
      continue;
    }
    if (dropped) problems.push(`${dropped} unreadable entries of ${url}`);
    cache.feeds[url] = feed;
  }
  return problems.length ? { cache, warning: `Feed cache partly discarded: ${problems.join('; ')}` } : { cache };
}

/**
 * Reads a whole cache file (the layout before one file per feed, see cacheFiles.ts); a missing file is
 * an empty cache. Never throws.
 */
export async function readCacheFile(file: string): Promise<LoadedCache> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { cache: emptyCache() };
    return { cache: emptyCache(), warning: `Feed cache not read: ${err.message}` };
  }
  return deserializeCache(text);
}

/**
 * Writes the cache to `file` atomically: to a temporary file next to it, then renamed over it, so a
 * crash mid-write leaves the old file whole. The folder must exist. Rejects on I/O errors.
 */
export async function writeCacheFile(file: string, cache: FeedCache): Promise<void> {
  await writeAtomically(file, serializeCache(cache));
}

/**
 * Writes `text` to `file` through a temporary file beside it (ending `.tmp`) renamed over it: a process
 * killed at any moment leaves the old file or the new one, never a part of one. Rejects on I/O errors.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
