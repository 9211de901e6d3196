import * as assert from 'assert/strict';
import { getEventListeners } from 'events';
import type { IncomingMessage, ServerResponse } from 'http';
import { applyResult, emptyCache, type FeedCache, type FeedResult } from '../../../src/core/feeds/cache';
import type { FeedSource } from '../../../src/core/feeds/types';
import { cachedFeedLoader, loadFeed, refreshFeeds } from '../../../src/core/feeds/refresh';
import { deferred, fixturePath, startServer, tinyRss, type TestServer } from './helpers';

const FETCH = { version: '0.0.0-test', timeoutMs: 5000 };

function sourcesFor(server: TestServer, names: string[]): FeedSource[] {
  return names.map((n) => ({ url: `${server.origin}/${n}` }));
}

function nameOf(source: FeedSource): string {
  return source.url.slice(source.url.lastIndexOf('/') + 1);
}

describe('feeds/refresh: loadFeed', () => {
  let server: TestServer;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  before(async () => {
    server = await startServer((req, res) => handler(req, res));
  });
  after(() => server.close());

  it('fetches and parses into entries, with validators and title', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"t1"' });
      res.end(tinyRss('Team', 2));
    };
    const r = await loadFeed({ url: `${server.origin}/team.xml`, name: 'Our team' }, FETCH);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.etag, '"t1"');
    assert.equal(r.title, 'Team');
    assert.deepEqual(r.entries.map((e) => [e.title, e.feed]), [['Team 1', 'Our team'], ['Team 2', 'Our team']]);
  });

  it('turns fetch and parse failures into error results with plain messages', async () => {
    handler = (req, res) => {
      if (req.url === '/gone') {
        res.writeHead(410);
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!DOCTYPE html><html><head><title>Blog</title></head></html>');
      }
    };
    assert.deepEqual(await loadFeed({ url: `${server.origin}/gone` }, FETCH), { kind: 'error', message: 'HTTP 410 Gone: the feed is gone for good; its entries stay until you remove the feed', gone: true });
    assert.deepEqual(await loadFeed({ url: `${server.origin}/page` }, FETCH), {
      kind: 'error',
      message: 'This address is a web page, not a feed, and the page links to no feed',
      feedsOnPage: [],
    });
    assert.deepEqual(await loadFeed({ url: 'ftp://example.org/feed' }, FETCH), {
      kind: 'error',
      message: 'Unsupported address "ftp:" (only http, https and local files)',
    });
  });

  it('loads local feed files', async () => {
    const r = await loadFeed({ url: fixturePath('planet-rss10.rdf') }, FETCH);
    assert.equal(r.kind === 'ok' && r.entries.length, 3);
  });

  it('sends the cached validators, and a 304 keeps the cached entries', async () => {
    const requests: IncomingMessage[] = [];
    handler = (req, res) => {
      requests.push(req);
      if (req.headers['if-none-match'] === '"v7"') {
        res.writeHead(304, { ETag: '"v7"' });
        res.end();
      } else {
        res.writeHead(200, { ETag: '"v7"' });
        res.end(tinyRss('Cond', 3));
      }
    };
    const source = { url: `${server.origin}/cond.xml` };
    let cache: FeedCache = emptyCache();
    const load = cachedFeedLoader(FETCH, () => cache);
    cache = applyResult(cache, source.url, await load(source), { now: new Date('2024-03-01T00:00:00Z') });
    assert.equal(cache.feeds[source.url].entries.length, 3);
    const second = await load(source);
    assert.deepEqual(second, { kind: 'not-modified', etag: '"v7"', lastModified: undefined });
    cache = applyResult(cache, source.url, second, { now: new Date('2024-03-02T00:00:00Z') });
    assert.equal(cache.feeds[source.url].entries.length, 3);
    assert.equal(cache.feeds[source.url].fetchedAt, '2024-03-02T00:00:00.000Z');
    assert.equal(requests[0].headers['if-none-match'], undefined);
    assert.equal(requests[1].headers['if-none-match'], '"v7"');
  });
});

describe('feeds/refresh: refreshFeeds', () => {
  let server: TestServer;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  before(async () => {
    server = await startServer((req, res) => handler(req, res));
  });
  after(() => server.close());

  it('never has more than `concurrency` feeds in flight, and does use that many', async () => {
    const concurrency = 3;
    const names = Array.from({ length: 12 }, (_, i) => `feed-${i}`);
    let inFlight = 0;
    let maxInFlight = 0;
    let served = 0;
    let held: ServerResponse[] = [];
    const release = () => {
      const batch = held;
      held = [];
      for (const res of batch) {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(tinyRss('c'), () => {
          inFlight--;
          served++;
        });
      }
    };
    handler = (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      held.push(res);
      // Hold answers until `concurrency` requests wait together (or all that remain do), then give
      // a moment for any extra request to arrive before answering.
      const remaining = names.length - served;
      if (held.length >= Math.min(concurrency, remaining)) setTimeout(release, 30);
    };
    const outcomes = await refreshFeeds(sourcesFor(server, names), {
      load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
      concurrency,
    });
    assert.equal(maxInFlight, concurrency);
    assert.equal(outcomes.length, names.length);
    assert.ok(outcomes.every((o) => o.result.kind === 'ok'));
  });

  it('reports each feed as it finishes: a slow feed holds back no other', async () => {
    const names = ['slow', 'b', 'c', 'd', 'e'];
    const othersDone = deferred();
    handler = (req, res) => {
      const answer = () => {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(tinyRss(req.url ?? ''));
      };
      if (req.url === '/slow') {
        void othersDone.promise.then(answer); // answers only after every other feed was reported
      } else {
        answer();
      }
    };
    const order: string[] = [];
    const outcomes = await refreshFeeds(sourcesFor(server, names), {
      load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
      concurrency: 2,
      onResult: (source, result) => {
        assert.equal(result.kind, 'ok');
        order.push(nameOf(source));
        if (order.length === names.length - 1) othersDone.resolve();
      },
    });
    assert.deepEqual(order, ['b', 'c', 'd', 'e', 'slow']);
    assert.deepEqual(outcomes.map((o) => nameOf(o.source)), names, 'outcomes in the order of the sources');
  });

  it('reports failing feeds without hiding the others', async () => {
    handler = (req, res) => {
      if (req.url === '/500') {
        res.writeHead(500);
        res.end();
      } else if (req.url === '/garbage') {
        res.writeHead(200);
        res.end('<rss version="2.0"><channel><title>oops</channel></rss>');
      } else {
        res.writeHead(200);
        res.end(tinyRss(req.url ?? ''));
      }
    };
    const reported = new Map<string, FeedResult>();
    const outcomes = await refreshFeeds(sourcesFor(server, ['ok1', '500', 'garbage', 'ok2']), {
      load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
      onResult: (source, result) => reported.set(nameOf(source), result),
    });
    assert.equal(reported.size, 4);
    assert.equal(reported.get('ok1')?.kind, 'ok');
    assert.equal(reported.get('ok2')?.kind, 'ok');
    assert.deepEqual(reported.get('500'), { kind: 'error', message: 'HTTP 500 Internal Server Error' });
    assert.match((reported.get('garbage') as { message: string }).message, /^Not an RSS, Atom or JSON feed: the XML is malformed/);
    assert.deepEqual(outcomes.map((o) => o.result.kind), ['ok', 'error', 'error', 'ok']);
  });

  it('stops starting feeds once cancelled, and does not report cancelled ones', async () => {
    let requests = 0;
    handler = (req, res) => {
      requests++;
      res.writeHead(200);
      res.end(tinyRss(req.url ?? ''));
    };
    const controller = new AbortController();
    const reported: string[] = [];
    const outcomes = await refreshFeeds(sourcesFor(server, ['a', 'b', 'c']), {
      load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
      concurrency: 1,
      signal: controller.signal,
      onResult: (source) => {
        reported.push(nameOf(source));
        controller.abort();
      },
    });
    assert.deepEqual(reported, ['a']);
    assert.equal(requests, 1);
    assert.deepEqual(outcomes.map((o) => o.result.kind), ['ok', 'cancelled', 'cancelled']);
  });

  it('aborts feeds under way when cancelled', async () => {
    const arrived = deferred();
    handler = () => arrived.resolve(); // never answers
    const controller = new AbortController();
    const pending = refreshFeeds(sourcesFor(server, ['hang']), {
      load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
      signal: controller.signal,
      onResult: () => assert.fail('a cancelled feed is not reported'),
    });
    await arrived.promise;
    controller.abort();
    assert.deepEqual((await pending).map((o) => o.result), [{ kind: 'cancelled' }]);
  });

  it('12 feeds in flight on one cancel signal: one listener on it, no MaxListenersExceededWarning', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `many-${i}`);
    const controller = new AbortController();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    let listenersWhileAllWait = -1;
    const held: ServerResponse[] = [];
    handler = (_req, res) => {
      held.push(res);
      if (held.length < names.length) return;
      // Every fetch waits on its answer now: count what listens on the refresh's signal.
      listenersWhileAllWait = getEventListeners(controller.signal, 'abort').length;
      for (const r of held) r.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(tinyRss('m'));
    };
    process.on('warning', onWarning);
    try {
      const outcomes = await refreshFeeds(sourcesFor(server, names), {
        load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
        concurrency: names.length,
        signal: controller.signal,
      });
      assert.ok(outcomes.every((o) => o.result.kind === 'ok'));
      await new Promise<void>((resolve) => setImmediate(resolve)); // a warning is emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    assert.equal(listenersWhileAllWait, 1);
    assert.deepEqual(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')), []);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'none left once the refresh is done');
  });

  it('cancelling reaches every feed under way through that one listener', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `hang-${i}`);
    let arrived = 0;
    const all = deferred();
    handler = () => {
      if (++arrived === names.length) all.resolve(); // never answers
    };
    const controller = new AbortController();
    const pending = refreshFeeds(sourcesFor(server, names), {
      load: (s, signal) => loadFeed(s, { ...FETCH, signal }),
      concurrency: names.length,
      signal: controller.signal,
    });
    await all.promise;
    controller.abort();
    assert.deepEqual((await pending).map((o) => o.result.kind), names.map(() => 'cancelled'));
  });

  it('survives a load that throws and a callback that throws, and skips repeated URLs', async () => {
    const logged: string[] = [];
    const loaded: string[] = [];
    const outcomes = await refreshFeeds([{ url: 'x' }, { url: 'y' }, { url: 'x' }], {
      load: async (s) => {
        loaded.push(s.url);
        if (s.url === 'x') throw new Error('boom');
        return { kind: 'ok', entries: [] };
      },
      onResult: (s) => {
        if (s.url === 'y') throw new Error('view gone');
      },
      log: (line) => logged.push(line),
    });
    assert.deepEqual(loaded, ['x', 'y']);
    assert.deepEqual(outcomes.map((o) => o.result), [{ kind: 'error', message: 'Unexpected error: boom' }, { kind: 'ok', entries: [] }]);
    assert.deepEqual(logged, ['Loading x failed: boom', 'Handling the result of y failed: view gone']);
  });
});
