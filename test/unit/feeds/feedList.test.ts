import * as assert from 'node:assert/strict';
import { inspectAddress } from '../../../src/core/feeds/add';
import { addFailureMessage } from '../../../src/core/feeds/args';
import { discoveryChoices } from '../../../src/core/feeds/feedList';
import { shortUtc } from '../../../src/core/base/utc';
import { entryDescription, entryTooltipMarkdown, relativeTime } from '../../../src/core/roundup/display';
import { addFeed, hasFeed, removeFeed, renameFeed, replaceFeedUrl } from '../../../src/core/feeds/feedList';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { fixturePath, fixtureText, startServer, tinyRss, type TestServer } from './helpers';

describe('feeds/feedList: replaceFeedUrl (a moved feed, a page\'s feed)', () => {
  it('changes the URL and keeps name and author; drops the old item when the new URL is there', () => {
    const list = ['https://a.example/feed', { url: 'https://b.example/atom', name: 'B', author: 'Bea' }, 42];
    assert.deepEqual(replaceFeedUrl(list, 'https://a.example/feed', 'https://a.example/new'), ['https://a.example/new', list[1], 42]);
    assert.deepEqual(replaceFeedUrl(list, 'https://b.example/atom', 'https://b.example/rss'), [list[0], { url: 'https://b.example/rss', name: 'B', author: 'Bea' }, 42]);
    assert.deepEqual(replaceFeedUrl(list, 'https://b.example/atom', 'https://a.example/feed'), [list[0], 42]);
  });
});

describe('roundup.feeds edits', () => {
  const list = ['https://a.example/feed', { url: 'https://b.example/atom', name: 'B', author: 'Bea' }, 42];

  it('adds a URL string, or an object when named; never twice (scheme/host case and fragment ignored)', () => {
    assert.deepEqual(addFeed(list, { url: 'https://c.example/rss' }), [...list, 'https://c.example/rss']);
    assert.deepEqual(addFeed(list, { url: 'https://c.example/rss', name: 'C' }), [...list, { url: 'https://c.example/rss', name: 'C' }]);
    assert.deepEqual(addFeed(list, { url: 'HTTPS://A.example/feed#x' }), list);
    assert.equal(hasFeed(list, 'https://b.example/atom'), true);
    assert.equal(hasFeed(list, 'https://b.example/atom2'), false);
  });

  it('renames in place, keeping other fields and items; an empty name goes back to a plain URL', () => {
    assert.deepEqual(renameFeed(list, 'https://a.example/feed', ' Planet A '), [{ url: 'https://a.example/feed', name: 'Planet A' }, list[1], 42]);
    assert.deepEqual(renameFeed(list, 'https://b.example/atom', 'Bee'), [list[0], { url: 'https://b.example/atom', author: 'Bea', name: 'Bee' }, 42]);
    assert.deepEqual(renameFeed([{ url: 'https://b.example/atom', name: 'B' }], 'https://b.example/atom', ''), ['https://b.example/atom']);
  });

  it('removes only the feed asked for', () => {
    assert.deepEqual(removeFeed(list, 'https://b.example/atom'), ['https://a.example/feed', 42]);
    assert.deepEqual(removeFeed(list, 'https://z.example/'), list);
  });
});

describe('what the sidebar shows of an entry', () => {
  const now = new Date('2016-05-17T12:00:00Z');
  const entry: FeedEntry = {
    id: '1',
    feed: 'Planet RDO',
    title: 'Containers and the CERN cloud',
    author: 'Ricardo Rocha',
    link: 'http://tm3.org/6g',
    published: '2016-05-14T09:30:00.000Z',
    summaryHtml: '<p>In recent years, <b>different groups</b> at CERN &amp; friends.</p><p>Second.</p>',
  };

  it('says how long ago, in words, up to seven weeks; then the date', () => {
    const at = (iso: string) => relativeTime(iso, now);
    assert.equal(at('2016-05-17T11:59:30Z'), 'just now');
    assert.equal(at('2016-05-17T11:55:00Z'), '5 minutes ago');
    assert.equal(at('2016-05-17T11:00:00Z'), '1 hour ago');
    assert.equal(at('2016-05-16T10:00:00Z'), 'yesterday');
    assert.equal(at('2016-05-14T09:30:00Z'), '3 days ago');
    assert.equal(at('2016-04-20T09:30:00Z'), '3 weeks ago');
    assert.equal(at('2016-03-23T09:30:00Z'), '7 weeks ago');
    assert.equal(at('2016-03-22T09:30:00Z'), '2016-03-22', 'eight weeks and more: the date');
    assert.equal(at('2014-05-10T23:30:00Z'), '2014-05-10');
    assert.equal(at('2017-01-01T00:00:00Z'), '2017-01-01', 'far ahead: the date too');
    assert.equal(at('2016-05-17T14:00:00Z'), 'in 2 hours');
    assert.equal(at(''), '');
    assert.equal(at('not a date'), '');
  });

  it('describes an entry as age · author (the short part first), leaving out the unknown', () => {
    assert.equal(entryDescription(entry, now), '3 days ago · Ricardo Rocha');
    assert.equal(entryDescription({ ...entry, author: '' }, now), '3 days ago');
    assert.equal(entryDescription({ ...entry, published: '' }, now), 'no date · Ricardo Rocha', 'an undated entry is marked, not dropped');
    assert.equal(entryDescription({ ...entry, author: '', published: '' }, now), 'no date');
    assert.equal(shortUtc(entry.published), '2016-05-14 09:30 UTC');
  });

  it('writes the tooltip as markdown with the title, facts, the first paragraph quoted and the link', () => {
    assert.equal(
      entryTooltipMarkdown({ ...entry, title: 'Use *stars* and [brackets]' }),
      [
        '**Use \\*stars\\* and \\[brackets\\]**',
        '',
        'by Ricardo Rocha · 2016-05-14 09:30 UTC · in Planet RDO',
        '',
        '> In recent years, different groups at CERN & friends.',
        '',
        '[http://tm3.org/6g](http://tm3.org/6g)',
      ].join('\n'),
    );
    assert.doesNotMatch(entryTooltipMarkdown({ ...entry, link: 'javascript:alert(1)' }), /javascript/);
  });
});

describe('Add feed: what an address is', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((req, res) => {
      const page = (links: string) => `<!doctype html><html><head><title>Blog</title>${links}</head><body>Hello</body></html>`;
      switch (req.url) {
        case '/feed':
          res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
          res.end(tinyRss('Team blog', 2));
          return;
        case '/blog':
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end(page('<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed"><link rel="alternate" type="application/atom+xml" title="Comments" href="comments.atom">'));
          return;
        case '/plain':
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end(page(''));
          return;
        default:
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end('no');
      }
    });
  });
  after(() => server.close());
  const options = { version: 'test', timeoutMs: 5000 };

  it('a feed: its title, number of entries and their dates (for the lookback count)', async () => {
    const published = ['2024-03-02T09:00:00.000Z', '2024-03-03T09:00:00.000Z'];
    const found = await inspectAddress(`${server.origin}/feed`, options);
    assert.deepEqual(found, { kind: 'feed', url: `${server.origin}/feed`, title: 'Team blog', entries: 2, published });
  });

  it('a blog page: the feeds it links to, absolute', async () => {
    const found = await inspectAddress(`${server.origin}/blog`, options);
    assert.deepEqual(found, {
      kind: 'page',
      feeds: [
        { url: `${server.origin}/feed`, title: 'Posts', type: 'rss' },
        { url: `${server.origin}/comments.atom`, title: 'Comments', type: 'atom' },
      ],
    });
  });

  it('a page without feeds, a missing page, a local feed file', async () => {
    assert.deepEqual(await inspectAddress(`${server.origin}/plain`, options), { kind: 'error', message: `${server.origin}/plain is a web page that links to no RSS, Atom or JSON feed` });
    const reason = `${server.origin}/plain is a web page that links to no RSS, Atom or JSON feed`;
    assert.equal(addFailureMessage(`${server.origin}/plain `, reason), `Roundup could not add the feed: ${reason}`);
    assert.equal(addFailureMessage('http://x.example/f', 'HTTP 404 Not Found'), 'Roundup could not add http://x.example/f: HTTP 404 Not Found');
    assert.deepEqual(await inspectAddress(`${server.origin}/gone`, options), { kind: 'error', message: 'HTTP 404 Not Found: there is no feed at this address' });
    const local = await inspectAddress(fixturePath('wordpress-rss2.xml'), options);
    assert.equal(local.kind, 'feed');
    assert.ok(local.kind === 'feed' && local.entries > 0 && fixtureText('wordpress-rss2.xml').includes(local.title));
  });
});

describe('Add feed: the feeds of a page, followed ones marked', () => {
  it('marks the feeds roundup.feeds already has, by their address', () => {
    const feeds = [
      { url: 'https://blog.example/feed/', title: 'Posts', type: 'rss' as const },
      { url: 'https://blog.example/comments/feed/', title: 'Comments', type: 'rss' as const },
    ];
    const choices = discoveryChoices(feeds, [' https://blog.example/feed/#top', { url: 'https://other.example/x' }]);
    assert.deepEqual(choices.map((c) => [c.feed.title, c.followed]), [['Posts', true], ['Comments', false]]);
    assert.deepEqual(discoveryChoices(feeds, []).map((c) => c.followed), [false, false]);
  });
});
