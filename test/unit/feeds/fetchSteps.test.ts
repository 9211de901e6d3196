// The named steps of an HTTP fetch, one by one (the whole exchange is in fetch.test.ts and hostile.test.ts).
import * as assert from 'assert/strict';
import { PassThrough } from 'stream';
import * as zlib from 'zlib';
import { FeedStore } from '../../../src/core/feeds/store';
import { applyResult, deserializeCache, emptyCache, serializeCache } from '../../../src/core/feeds/cache';
import { decodeStream } from '../../../src/core/feeds/body';
import { parseRetryAfter, redirectTarget, statusError } from '../../../src/core/feeds/fetch';
import { FetchError } from '../../../src/core/feeds/fetchError';
import { cachedFeedLoader, refreshFeeds } from '../../../src/core/feeds/refresh';
import type { FeedResult } from '../../../src/core/feeds/cache';
import { deferred } from './helpers';

const NOW = new Date('2024-03-05T12:00:00Z');

function thrown(f: () => unknown): FetchError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof FetchError);
    return e;
  }
  assert.fail('did not throw');
}

describe('feeds/fetch steps', () => {
  it('redirect: follows 3xx with a Location, refuses other schemes, loops and too many', () => {
    const from = new URL('https://a.example/feed');
    assert.equal(redirectTarget(200, undefined, from, new Set(), 5), undefined);
    assert.equal(redirectTarget(301, '/new', from, new Set([from.href]), 5)?.href, 'https://a.example/new');
    assert.equal(thrown(() => redirectTarget(302, 'file:///etc/passwd', from, new Set(), 5)).code, 'bad-scheme');
    assert.equal(thrown(() => redirectTarget(302, 'javascript:alert(1)', from, new Set(), 5)).code, 'bad-scheme');
    const loop = thrown(() => redirectTarget(302, '/feed', from, new Set([from.href]), 5));
    assert.equal(loop.message, 'Redirect loop: https://a.example/feed leads back to https://a.example/feed');
    const many = new Set(['1', '2', '3'].map((n) => `https://a.example/${n}`));
    assert.equal(thrown(() => redirectTarget(302, '/4', from, many, 2)).message, 'Too many redirects');
    assert.equal(thrown(() => redirectTarget(307, undefined, from, new Set(), 5)).message, 'HTTP 307 Temporary Redirect: a redirect without a Location');
  });

  it('status: plain words; 410 gone; 429/503 with Retry-After back off with the time', () => {
    assert.equal(statusError(200, 'OK', undefined, NOW), undefined);
    assert.equal(statusError(410, 'Gone', undefined, NOW)?.code, 'gone');
    const busy = statusError(429, 'Too Many Requests', '600', NOW)!;
    assert.equal(busy.code, 'busy');
    assert.equal(busy.retryAfter, '2024-03-05T12:10:00.000Z');
    assert.equal(busy.message, 'HTTP 429 Too Many Requests: the server says Roundup asks too often; Roundup waits until 2024-03-05 12:10 UTC before asking again');
    const noHeader = statusError(503, '', undefined, NOW)!;
    assert.equal(noHeader.code, 'http');
    assert.equal(noHeader.message, 'HTTP 503 Service Unavailable: the server is unavailable for now');
    assert.equal(statusError(418, '', undefined, NOW)?.message, "HTTP 418 I'm a Teapot");
  });

  it('Retry-After: seconds or an HTTP date, never in the past, at most a day', () => {
    assert.equal(parseRetryAfter('120', NOW), '2024-03-05T12:02:00.000Z');
    assert.equal(parseRetryAfter('Tue, 05 Mar 2024 13:00:00 GMT', NOW), '2024-03-05T13:00:00.000Z');
    assert.equal(parseRetryAfter('Tue, 05 Mar 2024 11:00:00 GMT', NOW), undefined);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
    assert.equal(parseRetryAfter('99999999', NOW), '2024-03-06T12:00:00.000Z');
  });

  it('decode: undoes gzip, refuses unknown codings', async () => {
    const raw = new PassThrough();
    const { body, decoders } = decodeStream(raw, 'gzip');
    assert.equal(decoders.length, 1);
    const chunks: Buffer[] = [];
    body.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => body.on('end', r));
    raw.end(zlib.gzipSync('<rss/>'));
    await ended;
    assert.equal(Buffer.concat(chunks).toString(), '<rss/>');
    assert.equal(decodeStream(raw, 'identity').body, raw);
    assert.equal(thrown(() => decodeStream(new PassThrough(), 'gzip, zstd')).message, 'Unsupported content encoding "zstd"');
  });
});

describe('feeds/refresh: slots and back-off', () => {
  it('a load that releases its slot lets the next feed start, at most twice the concurrency in flight', async () => {
    const hung = Array.from({ length: 4 }, () => deferred<FeedResult>());
    const started: string[] = [];
    const sources = ['h0', 'h1', 'h2', 'h3', 'g0', 'g1'].map((url) => ({ url }));
    const done = refreshFeeds(sources, {
      concurrency: 2,
      load: async (source, _signal, slot) => {
        started.push(source.url);
        if (source.url.startsWith('h')) {
          slot!.release();
          return hung[Number(source.url[1])].promise;
        }
        return { kind: 'ok', entries: [] };
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    // 4 hung ones released their slots: with concurrency 2, at most 4 in flight, so the good ones wait.
    assert.deepEqual(started, ['h0', 'h1', 'h2', 'h3']);
    hung[0].resolve({ kind: 'error', message: 'timeout' });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(started, ['h0', 'h1', 'h2', 'h3', 'g0', 'g1']);
    for (const h of hung) h.resolve({ kind: 'error', message: 'timeout' });
    assert.deepEqual((await done).map((o) => o.result.kind), ['error', 'error', 'error', 'error', 'ok', 'ok']);
  });

  it('a feed backing off is not fetched before its time, and the cache keeps the offer data', async () => {
    let cache = emptyCache();
    cache = applyResult(cache, 'https://a.example/feed', { kind: 'error', message: 'HTTP 429: wait', retryAfter: '2024-03-05T12:10:00.000Z' }, { now: NOW });
    const load = cachedFeedLoader({ version: 't' }, () => cache, () => NOW);
    assert.deepEqual(await load({ url: 'https://a.example/feed' }), { kind: 'error', message: 'HTTP 429: wait', retryAfter: '2024-03-05T12:10:00.000Z' });
    // Without the server's message kept, the time it gave, to the minute in UTC.
    const { error: _error, ...unsaid } = cache.feeds['https://a.example/feed'];
    const loadUnsaid = cachedFeedLoader({ version: 't' }, () => ({ ...cache, feeds: { 'https://a.example/feed': unsaid } }), () => NOW);
    assert.deepEqual(await loadUnsaid({ url: 'https://a.example/feed' }), {
      kind: 'error',
      message: 'The server asked Roundup to wait until 2024-03-05 12:10 UTC',
      retryAfter: '2024-03-05T12:10:00.000Z',
    });
    cache = applyResult(cache, 'https://b.example/feed', { kind: 'error', message: 'page', feedsOnPage: ['https://b.example/rss'] }, { now: NOW });
    cache = applyResult(cache, 'https://c.example/feed', { kind: 'ok', entries: [], movedTo: 'https://c.example/new' }, { now: NOW });
    cache = applyResult(cache, 'https://d.example/feed', { kind: 'error', message: 'gone', gone: true }, { now: NOW });
    const round = deserializeCache(serializeCache(cache)).cache;
    assert.deepEqual(round, cache);
    const store = new FeedStore(round, { load: async () => ({ kind: 'cancelled' }), persist: async () => undefined, now: () => NOW });
    store.setSources(['a', 'b', 'c', 'd'].map((h) => ({ url: `https://${h}.example/feed` })));
    const [a, b, c, d] = store.feeds();
    assert.equal(a.retryAfter, '2024-03-05T12:10:00.000Z');
    assert.deepEqual(b.feedsOnPage, ['https://b.example/rss']);
    assert.equal(c.movedTo, 'https://c.example/new');
    assert.equal(d.gone, true);
    // A later success clears the error's data.
    const after = applyResult(cache, 'https://b.example/feed', { kind: 'ok', entries: [] }, { now: NOW }).feeds['https://b.example/feed'];
    assert.equal(after.feedsOnPage, undefined);
  });
});
