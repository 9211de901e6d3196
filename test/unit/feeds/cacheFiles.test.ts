import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { emptyCache, writeCacheFile, type FeedCache } from '../../../src/core/feeds/cache';
import { feedFileName, readCacheFolder, writeCacheFeeds } from '../../../src/core/feeds/cacheFiles';
import type { FeedEntry } from '../../../src/core/feeds/types';

function entry(i: number, round: number): FeedEntry {
  return {
    id: `https://blog.example/?p=${i}`,
    feed: 'Blog',
    title: `Round ${round}: entry ${i}`,
    author: 'Ann',
    link: `https://blog.example/${i}`,
    published: '2024-03-01T10:00:00.000Z',
    summaryHtml: `<p>Round ${round}. ${'Text of the entry, long enough to take a while to write. '.repeat(20)}</p>`,
  };
}

/** A cache of `feeds` feeds, every entry of every feed saying `round`. */
function cacheOf(feeds: number, round: number, perFeed = 3): FeedCache {
  const cache = emptyCache();
  for (let f = 0; f < feeds; f++) {
    cache.feeds[`https://feed${f}.example/rss`] = {
      entries: Array.from({ length: perFeed }, (_, i) => entry(i, round)),
      fetchedAt: '2024-03-10T12:00:00.000Z',
      etag: `"r${round}"`,
    };
  }
  return cache;
}

const roundOf = (title: string) => Number(/^Round (\d+)/.exec(title)?.[1]);

describe('the feed cache folder (one file per feed)', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'roundup-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the feeds named and reads back the whole cache; a feed gone from the cache loses its file', async () => {
    const folder = path.join(dir, 'feeds');
    const cache = cacheOf(3, 1);
    const bytes = await writeCacheFeeds(folder, cache, Object.keys(cache.feeds));
    assert.ok(bytes > 0);
    assert.deepEqual((await readCacheFolder(folder)).cache, cache);
    const next = cacheOf(3, 2);
    delete next.feeds['https://feed0.example/rss'];
    await writeCacheFeeds(folder, next, ['https://feed0.example/rss', 'https://feed1.example/rss']);
    const { cache: read, warning, setAside } = await readCacheFolder(folder);
    assert.equal(warning, undefined);
    assert.deepEqual(setAside, []);
    assert.deepEqual(Object.keys(read.feeds).sort(), ['https://feed1.example/rss', 'https://feed2.example/rss']);
    assert.equal(roundOf(read.feeds['https://feed1.example/rss'].entries[0].title), 2, 'written again');
    assert.equal(roundOf(read.feeds['https://feed2.example/rss'].entries[0].title), 1, 'not named: not written');
  });

  it('sets a broken file aside with a warning, and loads every other feed', async () => {
    const cache = cacheOf(3, 1);
    await writeCacheFeeds(dir, cache, Object.keys(cache.feeds));
    const broken = feedFileName('https://feed1.example/rss');
    await writeFile(path.join(dir, broken), '{"version":1,"url":"https://feed1.example/rss","feed":{"entr');
    const first = await readCacheFolder(dir);
    assert.deepEqual(Object.keys(first.cache.feeds).sort(), ['https://feed0.example/rss', 'https://feed2.example/rss']);
    assert.deepEqual(first.setAside, [`${broken}.broken`]);
    assert.match(first.warning ?? '', new RegExp(`^Feed cache: ${broken} set aside: not valid JSON`));
    assert.ok((await readdir(dir)).includes(`${broken}.broken`), 'kept for a look');
    const second = await readCacheFolder(dir);
    assert.equal(second.warning, undefined, 'set aside once, not read again');
    assert.equal(Object.keys(second.cache.feeds).length, 2);
  });

  it('moves the single cache file of earlier versions into the folder; the folder wins where both have a feed', async () => {
    const legacy = path.join(dir, 'feeds.json');
    await writeCacheFile(legacy, cacheOf(3, 1));
    const folder = path.join(dir, 'feeds');
    const newer = cacheOf(3, 2);
    // A move cut short earlier: one feed already in the folder, and newer there.
    await writeCacheFeeds(folder, newer, ['https://feed2.example/rss']);
    const { cache, warning } = await readCacheFolder(folder, legacy);
    assert.equal(warning, undefined);
    assert.deepEqual(Object.keys(cache.feeds).sort(), Object.keys(newer.feeds).sort());
    assert.equal(roundOf(cache.feeds['https://feed0.example/rss'].entries[0].title), 1);
    assert.equal(roundOf(cache.feeds['https://feed2.example/rss'].entries[0].title), 2);
    assert.deepEqual(await readdir(dir), ['feeds'], 'the old file is gone once moved');
    assert.deepEqual((await readCacheFolder(folder, legacy)).cache, cache, 'read again from the folder alone');
  });

  it('sets a broken old cache file aside with a warning', async () => {
    const legacy = path.join(dir, 'feeds.json');
    await writeFile(legacy, '{"version":1,"feeds":{"https://a.example/":{"entries":[');
    const { cache, warning, setAside } = await readCacheFolder(path.join(dir, 'feeds'), legacy);
    assert.deepEqual(cache.feeds, {});
    assert.match(warning ?? '', /not valid JSON.*set aside/);
    assert.deepEqual(setAside, ['feeds.json.broken']);
  });

  it('a process killed while it writes leaves every feed old or new, never a broken file', async function () {
    this.timeout(120_000);
    const feeds = 40;
    const module = path.join(__dirname, '..', '..', '..', 'src', 'core', 'feeds', 'cacheFiles.js');
    // The writer: round after round, every feed written with entries saying the round; it prints each round done.
    const writer = `
      const { writeCacheFeeds } = require(process.argv[1]);
      const [dir, feeds] = [process.argv[2], Number(process.argv[3])];
      const text = 'Text of the entry, long enough to take a while to write. '.repeat(20);
      (async () => {
        for (let round = 1; ; round++) {
          const cache = { version: 1, feeds: {} };
          for (let f = 0; f < feeds; f++) {
            const entries = [0, 1, 2].map((i) => ({
              id: 'https://blog.example/?p=' + i, feed: 'Blog', title: 'Round ' + round + ': entry ' + i, author: 'Ann',
              link: 'https://blog.example/' + i, published: '2024-03-01T10:00:00.000Z', summaryHtml: '<p>' + text + '</p>',
            }));
            cache.feeds['https://feed' + f + '.example/rss'] = { entries, fetchedAt: '2024-03-10T12:00:00.000Z', etag: '"r' + round + '"' };
          }
          await writeCacheFeeds(dir, cache, Object.keys(cache.feeds));
          process.stdout.write(round + '\\n');
        }
      })();`;
    for (const killAfter of [1, 2, 3, 5, 8]) {
      const child = spawn(process.execPath, ['-e', writer, module, dir, String(feeds)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Killed as soon as it says it finished round `killAfter`: it is then writing the next round.
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().split('\n').some((line) => Number(line) >= killAfter)) {
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
      await exited;
      const { cache, warning, setAside } = await readCacheFolder(dir);
      assert.equal(warning, undefined, `after round ${killAfter}`);
      assert.deepEqual(setAside, []);
      assert.equal(Object.keys(cache.feeds).length, feeds, 'every feed there');
      for (const [url, feed] of Object.entries(cache.feeds)) {
        const rounds = new Set(feed.entries.map((e) => roundOf(e.title)));
        assert.equal(rounds.size, 1, `${url}: one round, not a mix: ${[...rounds]}`);
        assert.equal(feed.etag, `"r${[...rounds][0]}"`, `${url}: its validators of the same round`);
        assert.ok([...rounds][0] >= killAfter, `${url}: round ${[...rounds][0]} at least the one finished`);
      }
      assert.ok(!(await readdir(dir)).some((name) => name.endsWith('.tmp')), 'temporary files cleared on reading');
    }
  });
});
