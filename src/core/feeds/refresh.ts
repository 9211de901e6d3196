// Refreshing feeds: one feed (fetch, then parse, to a FeedResult that never throws), and many feeds
// in parallel with a bound, each reported as soon as it is done, with cancellation.

import { shortUtc } from '../base/utc';
import type { FeedCache, FeedResult } from './cache';
import { classifyBody, discoverFeeds } from './discover';
import { fetchFeed, type FetchOptions, type Validators } from './fetch';
import { FetchError, formatBytes } from './fetchError';
import { parseFeed, type ParsedFeed } from './parse';
import { isJsonFeed, parseJsonFeed, type JsonParsedFeed } from './jsonFeed';
import { FeedParseError, type FeedSource } from './types';

export const DEFAULT_CONCURRENCY = 6;

export type LoadFeedOptions = Omit<FetchOptions, 'signal' | 'validators'> & {
  validators?: Validators;
  signal?: AbortSignal;
};

/**
 * Fetches and parses one feed. Never rejects: failures are `{ kind: 'error', message }` with the
 * message in plain words, cancellation is `{ kind: 'cancelled' }`.
 */
export async function loadFeed(source: FeedSource, options: LoadFeedOptions): Promise<FeedResult> {
  try {
    // Over the size limit, the first maxBytes are read: a feed keeps the entries they hold.
    const fetched = await fetchFeed(source.url, { ...options, cutAtLimit: true });
    if (fetched.status === 'not-modified') {
      return { kind: 'not-modified', etag: fetched.etag, lastModified: fetched.lastModified };
    }
    if (options.signal?.aborted) return { kind: 'cancelled' };
    if (classifyBody(fetched.text, fetched.contentType) === 'html') {
      // A web page: offer the feeds it announces.
      const feedsOnPage = discoverFeeds(fetched.text, fetched.url).map((f) => f.url);
      const offer = feedsOnPage.length === 0
        ? ', and the page links to no feed'
        : `; it links to ${feedsOnPage.length === 1 ? 'a feed' : `${feedsOnPage.length} feeds`}: ` +
          feedsOnPage.join(', ');
      return { kind: 'error', message: `This address is a web page, not a feed${offer}`, feedsOnPage };
    }
    const parsed = await parseDocument(fetched.text, fetched.contentType, source, fetched.url, fetched.cutAt);
    return {
      kind: 'ok',
      entries: parsed.entries,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      title: parsed.title || undefined,
      ...(parsed.warnings.length ? { warning: parsed.warnings.join(' ') } : {}),
      ...(fetched.cutAt !== undefined && { cutAt: fetched.cutAt }),
      ...(fetched.movedTo && { movedTo: fetched.movedTo }),
      fetched: { statusCode: fetched.statusCode, bytes: fetched.bytes },
    };
  } catch (e) {
    if (e instanceof FetchError && e.code === 'aborted') return { kind: 'cancelled' };
    if (e instanceof FetchError) {
      return {
        kind: 'error', message: e.message,
        ...(e.code === 'gone' && { gone: true }),
        ...(e.retryAfter && { retryAfter: e.retryAfter }),
      };
    }
    if (e instanceof FeedParseError) return { kind: 'error', message: e.message };
    return { kind: 'error', message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The dispatch where parsing starts: JSON Feed by content type or content, else XML (RSS, Atom). A
 * document cut at the size limit (`cutAt`) gives the whole entries within it; when it holds none (or
 * is a JSON Feed, read whole or not at all), the size is the error: FetchError 'too-large'.
 */
export async function parseDocument(
  text: string,
  contentType: string,
  source: FeedSource,
  documentUrl: string,
  cutAt?: number,
): Promise<ParsedFeed | JsonParsedFeed> {
  const tooLarge = (limit: number) =>
    new FetchError('too-large', `Feed larger than ${formatBytes(limit)} (roundup.fetch.maxBytes)`);
  if (isJsonFeed(text, contentType)) {
    if (cutAt !== undefined) throw tooLarge(cutAt);
    return parseJsonFeed(text, source, { documentUrl });
  }
  try {
    return await parseFeed(text, source, { documentUrl, cutAt });
  } catch (e) {
    if (cutAt !== undefined && e instanceof FeedParseError) throw tooLarge(cutAt);
    throw e;
  }
}

/**
 * A `load` function for refreshFeeds that fetches with the given options and sends each feed's
 * cached validators (for a conditional GET).
 */
export function cachedFeedLoader(
  fetchOptions: Omit<LoadFeedOptions, 'signal' | 'validators'>,
  cache: () => FeedCache | undefined,
  now: () => Date = () => new Date(),
): (source: FeedSource, signal?: AbortSignal, slot?: FeedSlot) => Promise<FeedResult> {
  return async (source, signal, slot) => {
    const cached = cache()?.feeds[source.url];
    if (cached?.retryAfter && Date.parse(cached.retryAfter) > now().getTime()) {
      // The server asked for a pause: not asked again before the time it gave.
      const message = cached.error ?? `The server asked Roundup to wait until ${shortUtc(cached.retryAfter)}`;
      return { kind: 'error', message, retryAfter: cached.retryAfter };
    }
    // Validators only help when there are entries to keep on a 304.
    const validators =
      cached && cached.entries.length > 0 ? { etag: cached.etag, lastModified: cached.lastModified } : undefined;
    return loadFeed(source, { ...fetchOptions, validators, signal, onStalled: slot?.release });
  };
}

/** Given to each load: `release` hands the feed's slot to the next feed (it waits on a server that does not answer). */
export interface FeedSlot {
  release: () => void;
}

export interface RefreshOptions {
  /**
   * Loads one feed; must not reject (loadFeed does not). Receives the refresh's signal, and a slot
   * it may release while it waits on a server that does not answer.
   */
  load: (source: FeedSource, signal?: AbortSignal, slot?: FeedSlot) => Promise<FeedResult>;
  /**
   * Feeds loaded at once at most, not counting those that released their slot; with those, at most
   * twice as many. Default 6.
   */
  concurrency?: number;
  /**
   * Cancels the refresh: no feed starts after it, and the signal each feed under way was given (its
   * own, so that this one has a single listener) is aborted with it.
   */
  signal?: AbortSignal;
  /** Called as each feed finishes (not for cancelled ones), in completion order. */
  onResult?: (source: FeedSource, result: FeedResult) => void;
  /** Receives a line when onResult or load throws. */
  log?: (line: string) => void;
}

export interface RefreshOutcome {
  source: FeedSource;
  result: FeedResult;
}

/**
 * Loads every feed, at most `concurrency` at a time; a slow feed holds back no other. Resolves when
 * all are done (or cancelled) with one outcome per source, in the sources' order; feeds cancelled
 * or never started have `{ kind: 'cancelled' }`. Sources with a URL seen before are skipped.
 */
export async function refreshFeeds(sources: readonly FeedSource[], options: RefreshOptions): Promise<RefreshOutcome[]> {
  const unique: FeedSource[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.url)) continue;
    seen.add(s.url);
    unique.push(s);
  }
  const outcomes: RefreshOutcome[] = unique.map((source) => ({ source, result: { kind: 'cancelled' } }));
  const limit = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const maxInFlight = limit * 2;
  const signal = options.signal;
  let next = 0;
  let holding = 0; // loads that hold a slot
  let inFlight = 0; // all loads under way
  // Each load gets a signal of its own, aborted from the one listener on the refresh's signal: up to
  // 2 x concurrency fetches listening on one signal would pass Node's limit of listeners (10) and warn.
  const underWay = new Set<AbortController>();
  const cancelAll = () => {
    for (const c of underWay) c.abort(signal?.reason);
  };
  signal?.addEventListener('abort', cancelAll, { once: true });

  return new Promise<RefreshOutcome[]>((resolve) => {
    const pump = () => {
      while (next < unique.length && !signal?.aborted && holding < limit && inFlight < maxInFlight) start(next++);
      if (inFlight === 0 && (next >= unique.length || signal?.aborted)) {
        signal?.removeEventListener('abort', cancelAll);
        resolve(outcomes);
      }
    };
    const start = (index: number) => {
      const source = unique[index];
      const own = new AbortController();
      underWay.add(own);
      holding++;
      inFlight++;
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        holding--;
        pump();
      };
      const run = async (): Promise<FeedResult> => {
        try {
          return await options.load(source, signal ? own.signal : undefined, { release });
        } catch (e) {
          options.log?.(`Loading ${source.url} failed: ${e instanceof Error ? e.message : String(e)}`);
          return { kind: 'error', message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}` };
        }
      };
      void run().then((loaded) => {
        underWay.delete(own);
        let result = loaded;
        if (signal?.aborted && result.kind === 'error') result = { kind: 'cancelled' };
        outcomes[index] = { source, result };
        if (result.kind !== 'cancelled') {
          try {
            options.onResult?.(source, result);
          } catch (e) {
            options.log?.(`Handling the result of ${source.url} failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        if (held) {
          held = false;
          holding--;
        }
        inFlight--;
        pump();
      });
    };
    pump();
  });
}
