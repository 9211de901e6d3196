/**
 * A feed over `roundup.fetch.maxBytes`: its first maxBytes are read and the entries whole within them
 * kept, marked incomplete with the limit in the warning, through the real fetch (127.0.0.1 and local
 * files), the store the sidebar shows, Add feed and `roundup draft`.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Io } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { inspectAddress } from '../../../src/core/feeds/add';
import { deserializeCache, serializeCache } from '../../../src/core/feeds/cache';
import { fetchFeed, type FetchedBody } from '../../../src/core/feeds/fetch';
import { parseFeed } from '../../../src/core/feeds/parse';
import { loadFeed } from '../../../src/core/feeds/refresh';
import { FeedStore } from '../../../src/core/feeds/store';
import { startServer, type TestServer } from './helpers';
import { bigRss } from './hostile';

const NOW = new Date('2024-01-02T00:00:00Z');
/** About 300 KB: 600 entries of about 500 bytes. */
const FEED = bigRss(600);
/** Fewer whole entries within it than the 200 the store keeps of a feed, so the store shows them all. */
const LIMIT = 64 * 1024;

/** The titles of the entries whose end tag lies within the first `bytes` of `xml` (ASCII: bytes are characters). */
function wholeWithin(xml: string, bytes: number): string[] {
  const titles: string[] = [];
  for (const m of xml.matchAll(/<item><title>([^<]*)<\/title>[\s\S]*?<\/item>/g)) {
    if (m.index + m[0].length <= bytes) titles.push(m[1]);
  }
  return titles;
}

describe('feeds: a feed over roundup.fetch.maxBytes keeps the entries whole within the limit', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer((req, res) => {
      const body = Buffer.from(FEED, 'utf8');
      if (req.url === '/declared.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': String(body.length) });
        res.end(body);
      } else if (req.url === '/chunked.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        for (let at = 0; at < body.length; at += 7000) res.write(body.subarray(at, at + 7000));
        res.end();
      } else if (req.url === '/gzip.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip' });
        res.end(zlib.gzipSync(body));
      } else if (req.url === '/nothing-whole.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><description>${'x'.repeat(LIMIT)}`);
      } else if (req.url === '/feed.json') {
        res.writeHead(200, { 'Content-Type': 'application/feed+json' });
        const items = Array.from({ length: 400 }, (_, i) => ({ id: `${i}`, url: `https://j.example/${i}`, content_text: 'x'.repeat(400) }));
        res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items }));
      } else {
        res.writeHead(404).end();
      }
    });
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-limit-'));
    writeFileSync(path.join(dir, 'big.xml'), FEED);
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetch with cutAtLimit: the first maxBytes bytes, marked cutAt, declared, chunked, gzip and from a file', async () => {
    const expected = Buffer.from(FEED, 'utf8').subarray(0, LIMIT).toString('utf8');
    const addresses = ['/declared.xml', '/chunked.xml', '/gzip.xml'].map((p) => server.origin + p);
    for (const address of [...addresses, path.join(dir, 'big.xml')]) {
      const got = (await fetchFeed(address, { version: 't', maxBytes: LIMIT, cutAtLimit: true })) as FetchedBody;
      assert.equal(got.status, 'ok', address);
      assert.equal(got.cutAt, LIMIT, address);
      assert.equal(got.bytes, LIMIT, address);
      assert.equal(got.text, expected, address);
    }
    // A body within the limit is not marked; without cutAtLimit the limit is an error, as before.
    const whole = (await fetchFeed(`${server.origin}/declared.xml`, { version: 't', cutAtLimit: true })) as FetchedBody;
    assert.equal(whole.cutAt, undefined);
    assert.equal(whole.text, FEED);
    await assert.rejects(fetchFeed(`${server.origin}/chunked.xml`, { version: 't', maxBytes: LIMIT }), /^FetchError: Feed larger than 64 KB$/);
  });

  it('parseFeed of a document cut at the limit: its whole entries, in chunks or in one piece, and a warning with the limit', async () => {
    const cut = FEED.slice(0, LIMIT);
    const want = wholeWithin(FEED, LIMIT);
    assert.ok(want.length > 100 && want.length < 200, `${want.length} whole entries`);
    const source = { url: 'https://big.example.org/feed' };
    for (const chunkSize of [4096, 1 << 20]) {
      const feed = await parseFeed(cut, source, { cutAt: LIMIT, chunkSize });
      assert.deepEqual(feed.entries.map((e) => e.title), want);
      assert.deepEqual(feed.warnings, [
        `The feed is larger than 64 KB (roundup.fetch.maxBytes): kept the ${want.length} entries that came whole within it.`,
      ]);
    }
  });

  it('the store: the entries kept, the feed marked incomplete with the limit, the next refresh reads it again', async () => {
    const url = `${server.origin}/chunked.xml`;
    let maxBytes = LIMIT;
    const s = new FeedStore(undefined, {
      load: (source, signal) => loadFeed(source, { version: 'test', signal, maxBytes }),
      persist: async () => undefined,
      now: () => NOW,
    });
    s.setSources([{ url }]);
    await s.refresh();
    await s.flushed();
    const feed = s.feedAt(url)!;
    assert.equal(feed.error, undefined);
    const want = wholeWithin(FEED, LIMIT);
    assert.deepEqual(feed.entries.map((e) => e.title), want);
    assert.match(feed.warning ?? '', /^The feed is larger than 64 KB \(roundup\.fetch\.maxBytes\): kept the \d+ entries/);
    // The limit it was cut at, for the tooltip's link to raise it; kept in the cache file.
    assert.equal(feed.cutAt, LIMIT);
    assert.equal(deserializeCache(serializeCache(s.cache)).cache.feeds[url].cutAt, LIMIT);
    // No validators kept: the next refresh fetches the feed again rather than getting a 304.
    assert.equal(s.cache.feeds[url].etag, undefined);
    assert.equal(s.cache.feeds[url].lastModified, undefined);
    // The limit raised: the next refresh reads the whole feed, and the marks go.
    maxBytes = 1024 * 1024;
    await s.refresh();
    await s.flushed();
    const whole = s.feedAt(url)!;
    assert.deepEqual([whole.warning, whole.cutAt, whole.entries.length], [undefined, undefined, 200]);
  });

  it('nothing whole within the limit, or a JSON Feed over it: the size is the error', async () => {
    for (const p of ['/nothing-whole.xml', '/feed.json']) {
      const result = await loadFeed({ url: server.origin + p }, { version: 'test', maxBytes: LIMIT });
      assert.deepEqual(result, { kind: 'error', message: 'Feed larger than 64 KB (roundup.fetch.maxBytes)' }, p);
    }
  });

  it('Add feed takes a feed over the limit; roundup draft prints its whole entries and the warning', async () => {
    const url = `${server.origin}/declared.xml`;
    const want = wholeWithin(FEED, LIMIT);
    const added = await inspectAddress(url, { version: 'test', maxBytes: LIMIT });
    assert.equal(added.kind, 'feed');
    assert.equal(added.kind === 'feed' && added.entries, want.length);

    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'roundup.fetch.maxBytes': LIMIT }));
    writeFileSync(path.join(dir, 'title.txt'), '{title}');
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
    const code = await main(['draft', url, '--config', 'settings.json', '--template', 'title.txt'], io);
    assert.equal(code, 0, err.join('\n'));
    assert.deepEqual(err, [
      `warning: ${url}: The feed is larger than 64 KB (roundup.fetch.maxBytes): kept the ${want.length} entries that came whole within it.`,
    ]);
    assert.deepEqual(out.join('\n').split('\n').filter(Boolean), [...want].reverse());
  });
});
