// Refreshing feeds: one feed (fetch, then parse, to a FeedResult that never throws), and many feeds
// in parallel with a bound, each reported as soon as it is done, with cancellation.

import type { FeedCache, FeedResult } from './cache';
import { FetchError, fetchFeed, type FetchOptions, type Validators } from './fetch';
import { FeedParseError, parseFeed } from './parse';
import type { FeedSource } from './types';

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
    const fetched = await fetchFeed(source.url, options);
    if (fetched.status === 'not-modified') {
      return { kind: 'not-modified', etag: fetched.etag, lastModified: fetched.lastModified };
    }
    if (options.signal?.aborted) return { kind: 'cancelled' };
    const parsed = await parseFeed(fetched.text, source, { documentUrl: fetched.url });
    return {
      kind: 'ok',
      entries: parsed.entries,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      title: parsed.title || undefined,
      ...(parsed.warnings.length ? { warning: parsed.warnings.join(' ') } : {}),
    };
  } catch (e) {
    if (e instanceof FetchError && e.code === 'aborted') return { kind: 'cancelled' };
    if (e instanceof FetchError || e instanceof FeedParseError) return { kind: 'error', message: e.message };
    return { kind: 'error', message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * A `load` function for refreshFeeds that fetches with the given options and sends each feed's
 * cached validators (for a conditional GET).
 */
export function cachedFeedLoader(
  fetchOptions: Omit<LoadFeedOptions, 'signal' | 'validators'>,
  cache: () => FeedCache | undefined,
): (source: FeedSource, signal?: AbortSignal) => Promise<FeedResult> {
  return (source, signal) => {
    const cached = cache()?.feeds[source.url];
    // Validators only help when there are entries to keep on a 304.
    const validators =
      cached && cached.entries.length > 0 ? { etag: cached.etag, lastModified: cached.lastModified } : undefined;
    return loadFeed(source, { ...fetchOptions, validators, signal });
  };
}

export interface RefreshOptions {
  /** Loads one feed; must not reject (loadFeed does not). Receives the refresh's signal. */
  load: (source: FeedSource, signal?: AbortSignal) => Promise<FeedResult>;
  /** Feeds loaded at once at most. Default 6. */
  concurrency?: number;
  /** Cancels the refresh: no feed starts after it, and feeds under way get it. */
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
  const signal = options.signal;
  let next = 0;

  const worker = async () => {
    while (next < unique.length && !signal?.aborted) {
      const index = next++;
      const source = unique[index];
      let result: FeedResult;
      try {
        result = await options.load(source, signal);
      } catch (e) {
        options.log?.(`Loading ${source.url} failed: ${e instanceof Error ? e.message : String(e)}`);
        result = { kind: 'error', message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (signal?.aborted && result.kind === 'error') result = { kind: 'cancelled' };
      outcomes[index] = { source, result };
      if (result.kind === 'cancelled') continue;
      try {
        options.onResult?.(source, result);
      } catch (e) {
        options.log?.(`Handling the result of ${source.url} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, unique.length) }, worker));
  return outcomes;
}
