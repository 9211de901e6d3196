// Every misbehaviour of the hostile server (hostile.ts), through the real fetch, parse and FeedStore:
// the feed shows one error in plain words, the other feeds and every cached entry stay, memory stays
// bounded and nothing hangs (each case is bounded by the fetch timeouts, well under mocha's).
import * as assert from 'assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { emptyCache, type FeedCache } from '../../../src/core/feeds/cache';
import { cachedFeedLoader } from '../../../src/core/feeds/refresh';
import { FeedStore } from '../../../src/core/feeds/store';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { BIG_ENTRIES, startHostileServer, type HostileServer } from './hostile';

/**
 * The heap that stays in use after a full collection (mocha runs node with --expose-gc): what a refresh
 * keeps, measured the same whatever the collector happened to do meanwhile.
 */
function retainedHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the unit tests with node --expose-gc (.mocharc.json does)');
  gc();
  return process.memoryUsage().heapUsed;
}

const SECRET = 'ROUNDUP-SECRET-7f3a9c-never-shown';

function entry(id: string, feed: string): FeedEntry {
  return { id, feed, title: `Cached ${id}`, author: 'Someone', link: `https://cached.example.org/${id}`, published: '2024-02-01T09:00:00.000Z', summaryHtml: '<p>kept</p>' };
}

describe('feeds from a hostile server (127.0.0.1), through fetch and the store', function () {
  this.timeout(20_000);
  let server: HostileServer;
  let dir: string;
  let secretFile: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-hostile-'));
    secretFile = path.join(dir, 'secret.txt');
    writeFileSync(secretFile, SECRET);
    server = await startHostileServer({ xxeFile: secretFile });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A store with a good feed, a feed known only from the cache, and the hostile one (with cached entries), refreshed once. */
  async function refreshWith(route: string, now = new Date()) {
    const hostile = `${server.origin}${route}`;
    const good = `${server.origin}/good`;
    const cachedOnly = `${server.origin}/404?cached`;
    const initial: FeedCache = emptyCache();
    initial.feeds[hostile] = { entries: [entry('h1', 'Hostile'), entry('h2', 'Hostile')], fetchedAt: '2024-02-01T10:00:00.000Z' };
    initial.feeds[cachedOnly] = { entries: [entry('c1', 'Cached')], fetchedAt: '2024-02-01T10:00:00.000Z' };
    const persisted: string[] = [];
    const store: FeedStore = new FeedStore(initial, {
      load: (source, signal, slot) =>
        cachedFeedLoader({ version: 'test', timeoutMs: 2000, connectTimeoutMs: 700, maxBytes: 16 * 1024 * 1024 }, () => store.cache, () => now)(source, signal, slot),
      persist: async (cache) => void persisted.push(JSON.stringify(cache)),
      now: () => now,
    });
    store.setSources([{ url: good }, { url: cachedOnly }, { url: hostile }]);
    const heapBefore = retainedHeap();
    await store.refresh();
    await store.flushed();
    const heapGrowth = retainedHeap() - heapBefore;
    const feed = store.feedAt(hostile)!;
    // The other feeds: the good one is in, the cached one keeps its entry beside its own error.
    assert.deepEqual(store.feedAt(good)!.entries.map((e) => e.title).sort(), ['Good 1', 'Good 2', 'Good 3']);
    assert.equal(store.feedAt(good)!.error, undefined);
    assert.deepEqual(store.feedAt(cachedOnly)!.entries.map((e) => e.id), ['c1']);
    return { store, feed, hostile, heapGrowth, persisted };
  }

  /** The hostile feed failed with one error matching `message`, and kept its cached entries. */
  async function failsWith(route: string, message: RegExp) {
    const r = await refreshWith(route);
    assert.ok(r.feed.error, `${route}: expected an error`);
    assert.match(r.feed.error, message);
    assert.ok(!r.feed.error.includes('\n'), 'one line');
    assert.deepEqual(r.feed.entries.map((e) => e.id), ['h1', 'h2']);
    return r;
  }

  it('a body that drips a byte a second: the total timeout', async () => {
    await failsWith('/drip', /^Timed out after 2 s$/);
  });

  it('no headers ever: the connect-and-headers timeout, not the total one', async () => {
    await failsWith('/silent', /^No answer from 127\.0\.0\.1:\d+ within 0\.7 s/);
  });

  it('an endless body: stopped at the byte cap, memory bounded', async () => {
    const r = await failsWith('/endless', /^Feed larger than 16 MB \(roundup\.fetch\.maxBytes\)$/);
    assert.ok(r.heapGrowth < 96 * 1024 * 1024, `heap grew ${r.heapGrowth} bytes`);
  });

  it('a redirect loop', async () => {
    await failsWith('/loop-a', /^Redirect loop: .*\/loop-b leads back to .*\/loop-a$/);
  });

  for (const [route, scheme] of [['/to-file', 'file:'], ['/to-ftp', 'ftp:'], ['/to-js', 'javascript:']]) {
    it(`a redirect to ${scheme}: refused, and the file is never read`, async () => {
      const r = await failsWith(route, new RegExp(`^Redirected to an unsupported address "${scheme}" \\(only http and https are followed\\)$`));
      assert.ok(!r.persisted.join('').includes(SECRET));
    });
  }

  it('301: the entries come, and the store offers the new address', async () => {
    const r = await refreshWith('/moved');
    assert.equal(r.feed.error, undefined);
    assert.deepEqual(r.feed.entries.map((e) => e.title).sort(), ['New home 1', 'New home 2']);
    assert.equal(r.feed.movedTo, `${server.origin}/new-home`);
  });

  it('401, 403, 404: plain words, entries kept', async () => {
    await failsWith('/401', /^HTTP 401 Unauthorized: the feed needs a login, which Roundup does not send$/);
    await failsWith('/403', /^HTTP 403 Forbidden: the server refuses to hand out this feed$/);
    await failsWith('/404', /^HTTP 404 Not Found: there is no feed at this address$/);
  });

  it('410: says the feed is gone and removes nothing', async () => {
    const r = await failsWith('/410', /^HTTP 410 Gone: the feed is gone for good; its entries stay until you remove the feed$/);
    assert.equal(r.feed.gone, true);
    assert.ok(r.store.sources.some((s) => s.url === r.hostile), 'still configured');
  });

  it('429 with Retry-After in seconds: backs off, says until when, and does not ask again before then', async () => {
    const before = server.hits.get('/429') ?? 0;
    const start = Date.now();
    const r = await refreshWith('/429');
    const until = r.feed.retryAfter!;
    const wait = Date.parse(until) - start;
    assert.ok(wait >= 119_000 && wait <= 121_000, `waits ${wait} ms`);
    // The time to the minute, in UTC: "2026-12-02 14:05 UTC".
    const shown = `${until.slice(0, 10)} ${until.slice(11, 16)} UTC`;
    assert.equal(r.feed.error, `HTTP 429 Too Many Requests: the server says Roundup asks too often; Roundup waits until ${shown} before asking again`);
    assert.deepEqual(r.feed.entries.map((e) => e.id), ['h1', 'h2']);
    await r.store.refresh();
    assert.equal(server.hits.get('/429'), before + 1, 'not asked again before the time given');
    assert.equal(r.store.feedAt(r.hostile)!.error, r.feed.error);
  });

  it('503 with Retry-After as a date: backs off an hour and says until when', async () => {
    const r = await failsWith('/503', /^HTTP 503 Service Unavailable: the server is unavailable for now; Roundup waits until \d{4}-\d\d-\d\d \d\d:\d\d UTC before asking again$/);
    const wait = Date.parse(r.feed.retryAfter!) - Date.now();
    assert.ok(wait > 3_500_000 && wait <= 3_600_000, `waits ${wait} ms`);
  });

  it('an HTML page: offers the feeds it links to', async () => {
    const r = await failsWith('/page', /^This address is a web page, not a feed; it links to 2 feeds: .*\/feed\.xml, .*\/feed\.json$/);
    assert.deepEqual(r.feed.feedsOnPage, [`${server.origin}/feed.xml`, `${server.origin}/feed.json`]);
  });

  it('invalid XML', async () => {
    await failsWith('/invalid', /^Not an RSS, Atom or JSON feed: the XML is malformed \(Unexpected close tag at line 1, column \d+\)$/);
  });

  it('XML cut off midway: the entry that arrived whole joins the cached ones, with a warning', async () => {
    const r = await refreshWith('/cut');
    assert.equal(r.feed.error, undefined);
    assert.match(r.feed.warning ?? '', /^The feed is incomplete: .*kept the 1 entry that arrived whole\.$/);
    assert.deepEqual(r.feed.entries.map((e) => e.title).sort(), ['Cached h1', 'Cached h2', 'Cut 1']);
    assert.equal(r.store.cache.feeds[r.hostile]!.etag, undefined, 'no validators for a feed read in part');
  });

  it('a DOCTYPE with an entity-expansion bomb: nothing expands, memory bounded', async () => {
    const r = await refreshWith('/bomb');
    const text = JSON.stringify(r.store.cache);
    assert.ok(!text.includes('lollol'), 'no entity was expanded');
    assert.ok(r.heapGrowth < 64 * 1024 * 1024, `heap grew ${r.heapGrowth} bytes`);
    // The declarations are read, but an entity whose text would pass the limit is not expanded: the reference stays as its literal text.
    assert.equal(r.feed.error, undefined);
    assert.deepEqual(r.feed.entries.map((e) => e.title), ['Laugh &lol9;']);
  });

  it('an external entity naming a local file: its content appears nowhere', async () => {
    const r = await refreshWith('/xxe');
    const everything = [JSON.stringify(r.store.cache), ...r.persisted, r.feed.error ?? '', ...r.store.allEntries().map((e) => JSON.stringify(e))].join('\n');
    assert.ok(!everything.includes(SECRET), 'the secret leaked');
    assert.equal(r.feed.error, undefined);
    assert.deepEqual(r.feed.entries.map((e) => [e.title, e.summaryHtml]), [['Secret &xxe;', '&xxe;']]);
  });

  it('a gzip bomb: stopped at the byte cap after decompression, memory bounded', async () => {
    const r = await failsWith('/gzip-bomb', /^Feed larger than 16 MB \(roundup\.fetch\.maxBytes\)$/);
    assert.ok(r.heapGrowth < 96 * 1024 * 1024, `heap grew ${r.heapGrowth} bytes`);
  });

  it('an unknown or missing charset label: read as the bytes say (UTF-8)', async () => {
    for (const route of ['/charset-unknown', '/charset-missing']) {
      const r = await refreshWith(route);
      assert.equal(r.feed.error, undefined, route);
      assert.deepEqual(r.feed.entries.map((e) => e.title), ['Café 1'], route);
    }
  });

  it('an empty 200', async () => {
    await failsWith('/empty', /^Not an RSS, Atom or JSON feed: the document is empty$/);
  });

  it('a connection reset mid-body', async () => {
    await failsWith('/reset', /^Connection to 127\.0\.0\.1:\d+ (closed before the whole feed arrived|was reset)$/);
  });

  it(`a 10 MB feed with ${BIG_ENTRIES.toLocaleString('en-US')} entries: read, and the cache bounded`, async () => {
    const r = await refreshWith('/big');
    assert.equal(r.feed.error, undefined);
    assert.equal(r.feed.entries.length, 200);
    assert.equal(r.feed.entries[0].title, 'Entry 0');
  });
});
