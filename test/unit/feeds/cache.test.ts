import * as assert from 'assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  applyResult, boundEntries, describeResult, deserializeCache, emptyCache, readCacheFile, retainFeeds, serializeCache, writeCacheFile,
  type FeedCache,
} from '../../../src/core/feeds/cache';
import type { FeedEntry } from '../../../src/core/feeds/types';

const URL = 'https://blog.example.org/feed/';
const T1 = new Date('2024-03-01T10:00:00Z');
const T2 = new Date('2024-03-02T10:00:00Z');

function entry(n: number, published = `2024-02-${String(n).padStart(2, '0')}T08:00:00.000Z`): FeedEntry {
  return { id: `id-${n}`, feed: 'Blog', title: `Post ${n}`, author: 'A', link: `https://blog.example.org/${n}`, published, summaryHtml: '<p>x</p>' };
}

function cacheWithOneFeed(): FeedCache {
  return applyResult(emptyCache(), URL, { kind: 'ok', entries: [entry(1), entry(2)], etag: '"e1"', lastModified: 'Fri, 01 Mar 2024 10:00:00 GMT', title: 'Blog' }, { now: T1 });
}

describe('feeds/cache: results', () => {
  it('stores a successful fetch: entries newest first, validators, time, title', () => {
    const cache = cacheWithOneFeed();
    assert.deepEqual(cache.feeds[URL], {
      entries: [entry(2), entry(1)],
      etag: '"e1"',
      lastModified: 'Fri, 01 Mar 2024 10:00:00 GMT',
      fetchedAt: '2024-03-01T10:00:00.000Z',
      title: 'Blog',
    });
  });

  it('adds the entries of a feed read only in part to the cached ones, and keeps no validators', () => {
    const warning = 'The feed is incomplete: it ends before its last closing tag.';
    const result = { kind: 'ok' as const, entries: [entry(3)], etag: '"e2"', title: 'Blog', warning };
    const after = applyResult(cacheWithOneFeed(), URL, result, { now: T2 }).feeds[URL];
    assert.deepEqual(after.entries, [entry(3), entry(2), entry(1)]);
    assert.equal(after.warning, warning);
    assert.equal(after.etag, undefined);
    assert.equal(after.lastModified, undefined);
  });

  it('keeps the entries on 304 and updates fetchedAt (and a new ETag)', () => {
    const before = cacheWithOneFeed();
    const after = applyResult(before, URL, { kind: 'not-modified', etag: '"e2"' }, { now: T2 });
    assert.deepEqual(after.feeds[URL].entries, before.feeds[URL].entries);
    assert.equal(after.feeds[URL].fetchedAt, '2024-03-02T10:00:00.000Z');
    assert.equal(after.feeds[URL].etag, '"e2"');
    assert.equal(after.feeds[URL].lastModified, 'Fri, 01 Mar 2024 10:00:00 GMT');
  });

  it('keeps the entries and validators on failure and records the error', () => {
    const before = cacheWithOneFeed();
    const after = applyResult(before, URL, { kind: 'error', message: 'HTTP 500 Internal Server Error' }, { now: T2 });
    assert.deepEqual(after.feeds[URL], {
      ...before.feeds[URL],
      error: 'HTTP 500 Internal Server Error',
      errorAt: '2024-03-02T10:00:00.000Z',
    });
    assert.equal(after.feeds[URL].fetchedAt, '2024-03-01T10:00:00.000Z', 'last success unchanged');
  });

  it('clears the error after a later success or 304', () => {
    const failed = applyResult(cacheWithOneFeed(), URL, { kind: 'error', message: 'Timed out after 10 s' }, { now: T2 });
    assert.equal(applyResult(failed, URL, { kind: 'not-modified' }, { now: T2 }).feeds[URL].error, undefined);
    const ok = applyResult(failed, URL, { kind: 'ok', entries: [entry(3)] }, { now: T2 }).feeds[URL];
    assert.equal(ok.error, undefined);
    assert.equal(ok.etag, undefined, 'validators are those of the new response');
    assert.deepEqual(ok.entries, [entry(3)]);
  });

  it('records a failure of a feed never fetched, with no entries', () => {
    const cache = applyResult(emptyCache(), URL, { kind: 'error', message: 'Connection refused by 127.0.0.1:9' }, { now: T1 });
    assert.deepEqual(cache.feeds[URL], { entries: [], fetchedAt: '', error: 'Connection refused by 127.0.0.1:9', errorAt: T1.toISOString() });
  });

  it('changes nothing for a cancelled refresh, and never changes the cache it is given', () => {
    const before = cacheWithOneFeed();
    const copy = JSON.parse(JSON.stringify(before));
    assert.equal(applyResult(before, URL, { kind: 'cancelled' }, { now: T2 }), before);
    applyResult(before, URL, { kind: 'ok', entries: [] }, { now: T2 });
    applyResult(before, URL, { kind: 'error', message: 'x' }, { now: T2 });
    assert.deepEqual(before, copy);
  });

  it('keeps at most maxEntries per feed, newest first, default 200', () => {
    const many = Array.from({ length: 250 }, (_, i) => entry(i, new Date(Date.UTC(2024, 0, 1) + i * 3600_000).toISOString()));
    const cache = applyResult(emptyCache(), URL, { kind: 'ok', entries: many }, { now: T1 });
    assert.equal(cache.feeds[URL].entries.length, 200);
    assert.equal(cache.feeds[URL].entries[0].id, 'id-249');
    assert.equal(cache.feeds[URL].entries[199].id, 'id-50');
    const three = applyResult(emptyCache(), URL, { kind: 'ok', entries: many }, { now: T1, maxEntries: 3 });
    assert.deepEqual(three.feeds[URL].entries.map((e) => e.id), ['id-249', 'id-248', 'id-247']);
  });

  it('drops repeated ids and puts undated entries last in their order', () => {
    const undatedA = { ...entry(7, ''), id: 'u-a' };
    const undatedB = { ...entry(8, 'garbage'), id: 'u-b' };
    const bounded = boundEntries([undatedA, entry(1), entry(3), { ...entry(3), title: 'again' }, undatedB, entry(2)]);
    assert.deepEqual(bounded.map((e) => e.id), ['id-3', 'id-2', 'id-1', 'u-a', 'u-b']);
    assert.equal(bounded[0].title, 'Post 3', 'the first of a repeated id is kept');
  });

  it('forgets feeds no longer configured', () => {
    const cache = applyResult(cacheWithOneFeed(), 'https://other.example/feed', { kind: 'ok', entries: [entry(9)] }, { now: T1 });
    assert.deepEqual(Object.keys(retainFeeds(cache, ['https://other.example/feed']).feeds), ['https://other.example/feed']);
  });
});

describe('feeds/cache: a result as a line of the log', () => {
  it('says the status, size, entries and time of a fetch; a 304; an error; a cancel', () => {
    const ok = { kind: 'ok' as const, entries: [entry(1), entry(2)], fetched: { statusCode: 200, bytes: 49_300 } };
    assert.equal(describeResult(URL, ok, 84.6), `${URL}: 200, 48.1 KB, 2 entries in 85 ms`);
    assert.equal(describeResult(URL, { ...ok, entries: [entry(1)], fetched: { statusCode: 200, bytes: 900 } }, 1520),
      `${URL}: 200, 900 bytes, 1 entry in 1.5 s`);
    assert.equal(describeResult(URL, { kind: 'ok', entries: [] }, 3), `${URL}: 0 entries in 3 ms`, 'a result without fetch details');
    assert.equal(describeResult(URL, { kind: 'not-modified' }, 40), `${URL}: not modified (304), the cached entries kept, in 40 ms`);
    assert.equal(describeResult(URL, { kind: 'error', message: 'HTTP 500 Internal Server Error' }, 2000), `${URL}: failed in 2.0 s: HTTP 500 Internal Server Error`);
    assert.equal(describeResult(URL, { kind: 'cancelled' }, 10), `${URL}: cancelled after 10 ms`);
  });
});

describe('feeds/cache: file format', () => {
  it('round-trips through serialize and deserialize', () => {
    const cache = applyResult(cacheWithOneFeed(), 'https://b.example/', { kind: 'error', message: 'HTTP 404 Not Found' }, { now: T2 });
    const loaded = deserializeCache(serializeCache(cache));
    assert.equal(loaded.warning, undefined);
    assert.deepEqual(loaded.cache, cache);
  });

  it('treats no file as an empty cache without a warning', () => {
    assert.deepEqual(deserializeCache(undefined), { cache: emptyCache() });
    assert.deepEqual(deserializeCache(''), { cache: emptyCache() });
  });

  it('discards a corrupt file with a warning, never throwing', () => {
    for (const text of ['{"version":1,"feeds":{', 'null', '[]', '"text"', '\u0000\u0001garbage']) {
      const loaded = deserializeCache(text);
      assert.deepEqual(loaded.cache, emptyCache(), text);
      assert.match(loaded.warning ?? '', /^Feed cache discarded: /, text);
    }
  });

  it('discards a cache of another version with a warning', () => {
    const loaded = deserializeCache(JSON.stringify({ version: 99, feeds: { [URL]: { entries: [], fetchedAt: '' } } }));
    assert.deepEqual(loaded.cache, emptyCache());
    assert.equal(loaded.warning, 'Feed cache discarded: version 99, expected 1');
  });

  it('keeps the readable part of a damaged cache', () => {
    const text = JSON.stringify({
      version: 1,
      feeds: {
        [URL]: { entries: [entry(1), { id: 5 }, 'nonsense'], fetchedAt: T1.toISOString(), etag: 7 },
        'https://bad.example/': 'not a feed',
      },
    });
    const loaded = deserializeCache(text);
    assert.deepEqual(loaded.cache.feeds, { [URL]: { entries: [entry(1)], fetchedAt: T1.toISOString() } });
    assert.equal(loaded.warning, `Feed cache partly discarded: 2 unreadable entries of ${URL}; feed https://bad.example/ unreadable`);
  });

  describe('files', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'roundup-cache-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('writes atomically and reads back, leaving no temporary file', async () => {
      const file = path.join(dir, 'feeds.json');
      const cache = cacheWithOneFeed();
      await writeCacheFile(file, cache);
      await writeCacheFile(file, applyResult(cache, URL, { kind: 'not-modified' }, { now: T2 }));
      assert.deepEqual(await readdir(dir), ['feeds.json']);
      const loaded = await readCacheFile(file);
      assert.equal(loaded.cache.feeds[URL].fetchedAt, T2.toISOString());
    });

    it('reads a missing file as empty and a corrupt one as empty with a warning', async () => {
      assert.deepEqual(await readCacheFile(path.join(dir, 'none.json')), { cache: emptyCache() });
      const corrupt = path.join(dir, 'corrupt.json');
      await writeFile(corrupt, '{"version":1,"fee');
      const loaded = await readCacheFile(corrupt);
      assert.deepEqual(loaded.cache, emptyCache());
      assert.match(loaded.warning ?? '', /^Feed cache discarded: not valid JSON/);
    });

    it('rejects when the folder does not exist, leaving nothing behind', async () => {
      await assert.rejects(writeCacheFile(path.join(dir, 'missing', 'feeds.json'), emptyCache()));
      assert.deepEqual(await readdir(dir), []);
    });
  });
});
