import * as assert from 'node:assert/strict';
import type { FeedCache } from '../../../src/core/feeds/cache';
import { loadFeed } from '../../../src/core/feeds/refresh';
import { FeedStore, type FeedStoreOptions } from '../../../src/core/feeds/store';
import { fixtureText, startServer, tinyRss, type TestServer } from './helpers';

const NOW = new Date('2024-03-10T12:00:00Z');

describe('FeedStore', () => {
  let server: TestServer;
  let broken = false;
  const hits = new Map<string, number>();

  before(async () => {
    server = await startServer((req, res) => {
      hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
      if (req.url === '/planet.xml') {
        if (broken) {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end('down');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
        res.end(fixtureText('wordpress-rss2.xml'));
      } else if (req.url === '/team.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(tinyRss('Team', 3));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  after(() => server.close());
  beforeEach(() => {
    broken = false;
    hits.clear();
  });

  function store(initial?: FeedCache, saved: FeedCache[] = []) {
    return new FeedStore(initial, {
      load: (source, signal) => loadFeed(source, { version: 'test', signal, timeoutMs: 5000 }),
      persist: async (cache) => {
        saved.push(cache);
      },
      now: () => NOW,
    });
  }

  it('refreshes every feed, reports each as it lands, and persists the cache', async () => {
    const saved: FeedCache[] = [];
    const s = store(undefined, saved);
    s.setSources([{ url: `${server.origin}/planet.xml` }, { url: `${server.origin}/team.xml`, name: 'Our team' }]);
    const changed: (string | undefined)[] = [];
    s.onDidChange((urls) => changed.push(...(urls ?? [undefined])));
    await s.refresh();
    await s.flushed();
    const [planet, team] = s.feeds();
    assert.ok(planet.entries.length > 0);
    assert.equal(team.name, 'Our team');
    assert.deepEqual(team.entries.map((e) => e.title), ['Team 3', 'Team 2', 'Team 1']);
    assert.ok(team.entries.every((e) => e.feed === 'Our team'));
    // Every change names its feed (a view redraws that feed only).
    assert.ok(changed.every((u) => u !== undefined), JSON.stringify(changed));
    assert.deepEqual([...new Set(changed)].sort(), [`${server.origin}/planet.xml`, `${server.origin}/team.xml`]);
    assert.ok(saved.length >= 1);
    assert.deepEqual(Object.keys(saved[saved.length - 1].feeds).sort(), [`${server.origin}/planet.xml`, `${server.origin}/team.xml`]);
    assert.equal(s.isRefreshing(), false);
  });

  it('keeps a failing feed\'s cached entries, shows its error, and never hides the other feeds', async () => {
    const s = store();
    s.setSources([{ url: `${server.origin}/planet.xml` }, { url: `${server.origin}/team.xml` }]);
    await s.refresh();
    const before = s.feeds()[0].entries;
    broken = true;
    await s.refresh();
    const [planet, team] = s.feeds();
    assert.deepEqual(planet.entries, before);
    assert.equal(planet.error, 'HTTP 500 Internal Server Error');
    assert.equal(team.error, undefined);
    assert.equal(team.entries.length, 3);
  });

  it('shows cached entries before any network, and a refresh asked for twice fetches once', async () => {
    const first = store();
    first.setSources([{ url: `${server.origin}/team.xml` }]);
    await first.refresh();
    const second = store(first.cache);
    second.setSources([{ url: `${server.origin}/team.xml` }]);
    assert.equal(second.feeds()[0].entries.length, 3);
    hits.clear();
    await Promise.all([second.refresh(), second.refresh()]);
    assert.equal(hits.get('/team.xml'), 1);
  });

  it('drops the result of a feed removed from the settings while it was fetched', async () => {
    const s = store();
    s.setSources([{ url: `${server.origin}/team.xml` }]);
    const refreshing = s.refresh();
    s.setSources([]);
    await refreshing;
    assert.deepEqual(Object.keys(s.cache.feeds), []);
  });

  it('forgets the cache of a feed removed from the settings', async () => {
    const saved: FeedCache[] = [];
    const s = store(undefined, saved);
    s.setSources([{ url: `${server.origin}/planet.xml` }, { url: `${server.origin}/team.xml` }]);
    await s.refresh();
    s.setSources([{ url: `${server.origin}/team.xml` }]);
    await s.flushed();
    assert.deepEqual(Object.keys(s.cache.feeds), [`${server.origin}/team.xml`]);
    assert.deepEqual(Object.keys(saved[saved.length - 1].feeds), [`${server.origin}/team.xml`]);
  });

  it('logs a cache that cannot be saved and goes on', async () => {
    const lines: string[] = [];
    const s = new FeedStore(undefined, {
      load: (source) => loadFeed(source, { version: 'test' }),
      persist: async () => {
        throw new Error('disk full');
      },
      now: () => NOW,
      log: (line) => lines.push(line),
    });
    s.setSources([{ url: `${server.origin}/team.xml` }]);
    await s.refresh();
    await s.flushed();
    assert.equal(s.feeds()[0].entries.length, 3);
    assert.ok(lines.some((l) => l.includes('disk full')), lines.join('\n'));
  });
});

describe('FeedStore at scale: changes told together, saves gathered', () => {
  const sources = Array.from({ length: 50 }, (_, i) => ({ url: `https://feed${i}.example/feed` }));
  const entryOf = (i: number) => ({
    id: `e${i}`, feed: '', title: `Entry ${i}`, author: '', link: `https://x.example/${i}`, published: NOW.toISOString(), summaryHtml: '',
  });

  function scaleStore(persisted: Array<ReadonlySet<string>>, load?: FeedStoreOptions['load'], saveDelayMs?: number) {
    return new FeedStore(undefined, {
      load: load ?? (async (source) => ({ kind: 'ok', entries: [entryOf(Number(/\d+/.exec(source.url)![0]))] })),
      persist: async (_cache, changed) => void persisted.push(new Set(changed)),
      now: () => NOW,
      saveDelayMs,
    });
  }

  it('tells listeners of a refresh of 50 feeds in a few events, naming every feed', async () => {
    const s = scaleStore([]);
    s.setSources(sources);
    const events: (readonly string[] | undefined)[] = [];
    s.onDidChange((urls) => events.push(urls));
    await s.refresh();
    assert.ok(events.length <= 3, `${events.length} events`);
    assert.ok(events.every((e) => e !== undefined));
    const named = new Set(events.flatMap((e) => e ?? []));
    assert.deepEqual([...named].sort(), sources.map((x) => x.url).sort());
    assert.ok(s.feeds().every((f) => !f.refreshing && f.entries.length === 1));
  });

  it('saves a refresh of 50 feeds once, then only the feed that changed', async () => {
    const persisted: Array<ReadonlySet<string>> = [];
    const s = scaleStore(persisted);
    s.setSources(sources);
    await s.refresh();
    await s.flushed();
    assert.equal(persisted.length, 1);
    assert.deepEqual([...persisted[0]].sort(), sources.map((x) => x.url).sort());
    await s.refresh([sources[7].url]);
    await s.flushed();
    assert.deepEqual(persisted.slice(1).map((p) => [...p]), [[sources[7].url]]);
  });

  it('saves what has landed after saveDelayMs, while other feeds are still being fetched', async () => {
    const persisted: Array<ReadonlySet<string>> = [];
    let release = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let saved = () => {};
    const firstSave = new Promise<void>((resolve) => (saved = resolve));
    const s = new FeedStore(undefined, {
      load: async (source) => {
        if (source.url === sources[1].url) await slow;
        return { kind: 'ok', entries: [entryOf(source.url === sources[1].url ? 1 : 0)] };
      },
      persist: async (_cache, changed) => {
        persisted.push(new Set(changed));
        saved();
      },
      now: () => NOW,
      saveDelayMs: 1,
    });
    s.setSources(sources.slice(0, 2));
    const done = s.refresh();
    await firstSave;
    assert.deepEqual([...persisted[0]], [sources[0].url], 'the fast feed, saved before the slow one answers');
    release();
    await done;
    await s.flushed();
    assert.deepEqual(persisted.map((p) => [...p]), [[sources[0].url], [sources[1].url]]);
  });

  it('hands out the same state of a feed until that feed changes', async () => {
    const s = scaleStore([]);
    s.setSources(sources.slice(0, 2));
    await s.refresh();
    const [a, b] = s.feeds();
    assert.equal(s.feedAt(a.source.url), a);
    await s.refresh([b.source.url]);
    assert.equal(s.feedAt(a.source.url), a, 'not refreshed: the same object');
    assert.notEqual(s.feedAt(b.source.url), b, 'refreshed: a new state');
    assert.deepEqual(s.feedAt(b.source.url)?.entries, b.entries);
  });
});

describe('FeedStore: the refresh policy (fresh, due, pending)', () => {
  const HOUR = 60 * 60 * 1000;
  const cache: FeedCache = {
    version: 1,
    feeds: {
      'https://a.example/feed': { entries: [], fetchedAt: '2024-03-10T11:30:00.000Z' },
      'https://b.example/feed': { entries: [], fetchedAt: '2024-03-10T09:00:00.000Z' },
      'https://c.example/feed': { entries: [], fetchedAt: '', error: 'HTTP 500', errorAt: '2024-03-10T11:00:00.000Z' },
    },
  };
  const sources = ['a', 'b', 'c', 'd'].map((n) => ({ url: `https://${n}.example/feed` }));

  /** A store whose loads finish when the test says so. */
  function policyStore() {
    const finish: Array<() => void> = [];
    const store = new FeedStore(structuredClone(cache), {
      load: () => new Promise((resolve) => finish.push(() => resolve({ kind: 'not-modified' }))),
      persist: async () => {},
      now: () => NOW,
    });
    store.setSources(sources);
    return { store, finishAll: () => finish.splice(0).forEach((f) => f()) };
  }

  it('fresh: feeds new since the previous sources and never fetched', () => {
    const { store } = policyStore();
    assert.deepEqual(store.fresh([]), ['https://c.example/feed', 'https://d.example/feed'], 'a fetched feed is not fresh, a failed one never fetched is');
    assert.deepEqual(store.fresh(['https://d.example/feed']), ['https://c.example/feed']);
    assert.deepEqual(store.fresh(sources.map((s) => s.url)), [], 'nothing new');
  });

  it('due: feeds fetched an interval or longer ago; never fetched ones are not due', () => {
    const { store } = policyStore();
    assert.deepEqual(store.due(HOUR), ['https://b.example/feed'], 'b: 3 hours ago; a: 30 minutes ago');
    assert.deepEqual(store.due(HOUR / 2), ['https://a.example/feed', 'https://b.example/feed'], 'exactly the interval is due');
    assert.deepEqual(store.due(HOUR, new Date('2024-03-10T13:00:00Z')), ['https://a.example/feed', 'https://b.example/feed'], 'the time passed in counts');
    assert.deepEqual(store.due(4 * HOUR), []);
  });

  it('pending: feeds being fetched, or never fetched and not failed', async () => {
    const { store, finishAll } = policyStore();
    assert.deepEqual(store.pending(), ['https://d.example/feed'], 'c failed before: not waited for again');
    const done = store.refresh(['https://a.example/feed']);
    assert.deepEqual(store.pending(), ['https://a.example/feed', 'https://d.example/feed'], 'a is being fetched');
    finishAll();
    await done;
    assert.deepEqual(store.pending(), ['https://d.example/feed']);
  });
});
