/** A feed cut off before its end (class 6 of classes.ts), through the real fetch and the store the sidebar shows. */
import * as assert from 'node:assert/strict';
import { deserializeCache, serializeCache, type FeedCache } from '../../../src/core/feeds/cache';
import { loadFeed } from '../../../src/core/feeds/refresh';
import { FeedStore } from '../../../src/core/feeds/store';
import { startServer, tinyRss, type TestServer } from './helpers';

const NOW = new Date('2016-05-17T12:00:00Z');
const CUT = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><link>https://cut.example/</link>
<item><title>Whole one</title><link>https://cut.example/1</link><pubDate>Wed, 04 May 2016 10:00:00 GMT</pubDate></item>
<item><title>Whole two</title><link>https://cut.example/2</link><pubDate>Wed, 04 May 2016 11:00:00 GMT</pubDate></item>
<item><title>Half of thr`;

describe('FeedStore: a feed cut off before its end', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      if (req.url === '/cut.xml') {
        // The body stops mid-entry and the connection closes.
        res.end(CUT);
      } else {
        res.end(tinyRss('Whole', 2));
      }
    });
  });
  after(() => server.close());

  it('keeps the entries that arrived whole, with a warning in the log, the feed state and the cache file; other feeds are untouched', async () => {
    const saved: FeedCache[] = [];
    const log: string[] = [];
    const s = new FeedStore(undefined, {
      load: (source, signal) => loadFeed(source, { version: 'test', signal, timeoutMs: 5000 }),
      persist: async (cache) => {
        saved.push(cache);
      },
      now: () => NOW,
      log: (line) => log.push(line),
    });
    const cut = `${server.origin}/cut.xml`;
    s.setSources([{ url: cut }, { url: `${server.origin}/whole.xml` }]);
    await s.refresh();
    await s.flushed();
    const [feed, whole] = s.feeds();
    assert.deepEqual(feed.entries.map((e) => e.title), ['Whole two', 'Whole one']);
    assert.equal(feed.error, undefined);
    assert.match(feed.warning ?? '', /^The feed is incomplete: .*kept the 2 entries that arrived whole\.$/);
    assert.equal(whole.entries.length, 2);
    assert.equal(whole.warning, undefined);
    assert.deepEqual(log.filter((l) => l.startsWith(cut)), [`${cut}: ${feed.warning}`]);
    const reread = deserializeCache(serializeCache(saved[saved.length - 1])).cache;
    assert.equal(reread.feeds[cut].warning, feed.warning);
  });
});
