import * as assert from 'assert/strict';
import { classifyBody, discoverFeeds } from '../../../src/core/feeds/discover';
import { feedUrlKey } from '../../../src/core/feeds/feedList';
import { parseOpml } from '../../../src/core/feeds/opml';
import { fixtureText } from './helpers';

describe('feeds/discover', () => {
  it('finds the RSS and Atom feeds a WordPress page announces, resolving relative hrefs', () => {
    const feeds = discoverFeeds(fixtureText('wordpress-page.html'), 'https://blog.rdo.example/2016/06/some-post/');
    assert.deepEqual(feeds, [
      { url: 'https://blog.rdo.example/feed/', title: 'RDO Community Blog » Feed', type: 'rss' },
      { url: 'https://blog.rdo.example/comments/feed/', title: 'RDO Community Blog » Comments Feed', type: 'rss' },
      { url: 'https://blog.rdo.example/2016/06/some-post/feed/atom/', title: 'RDO Community Blog » Atom', type: 'atom' },
    ]);
  });

  it('honours <base href>, unquoted attributes and rel lists', () => {
    const html = `<html><head><base href="https://cdn.example.org/site/">
<link rel="alternate feed" type="application/atom+xml; charset=utf-8" href=atom.xml title=Atom>
<LINK REL=alternate TYPE=application/rss+xml HREF='rss.xml'></head></html>`;
    assert.deepEqual(discoverFeeds(html, 'https://example.org/'), [
      { url: 'https://cdn.example.org/site/atom.xml', title: 'Atom', type: 'atom' },
      { url: 'https://cdn.example.org/site/rss.xml', title: '', type: 'rss' },
    ]);
  });

  it('finds nothing in a page without feed links', () => {
    assert.deepEqual(discoverFeeds('<html><head><link rel="stylesheet" href="a.css"></head></html>', 'https://x.example/'), []);
  });

  it('tells feeds from web pages', () => {
    assert.equal(classifyBody(fixtureText('wordpress-rss2.xml')), 'feed');
    assert.equal(classifyBody(fixtureText('planet-rss10.rdf')), 'feed');
    assert.equal(classifyBody(fixtureText('blogger-atom.xml')), 'feed');
    assert.equal(classifyBody(fixtureText('wordpress-page.html')), 'html');
    assert.equal(classifyBody('<!-- generated --><html><body></body></html>'), 'html');
    assert.equal(classifyBody('<p>fragment</p>', 'text/html; charset=utf-8'), 'html');
    assert.equal(classifyBody('<svg/>', 'image/svg+xml'), 'unknown');
    assert.equal(classifyBody('{"items": []}', 'application/json'), 'unknown');
  });
});

describe('feeds/opml', () => {
  it('reads nested outlines with xmlUrl, skipping duplicates, comments and plain links', () => {
    const feeds = parseOpml(fixtureText('planet-subscriptions.opml'));
    assert.deepEqual(feeds, [
      { url: 'https://blog.alice.example/feed/', name: 'Alice Smith' },
      { url: 'https://bob.example.net/atom.xml', name: 'Bob Jones' },
      { url: 'https://sdn.example.com/rss?tag=rdo&lang=en', name: 'Networking & SDN team' },
      { url: 'https://ceph.example.org/feed.xml', name: 'Ceph notes' },
      { url: 'https://carol.example.com/?feed=rss2', name: 'Carol White' },
    ]);
  });

  it('skips feeds already subscribed', () => {
    const feeds = parseOpml(fixtureText('planet-subscriptions.opml'), [
      'https://bob.example.net/atom.xml',
      'https://CEPH.example.org:443/feed.xml',
    ]);
    assert.deepEqual(
      feeds.map((f) => f.url),
      ['https://blog.alice.example/feed/', 'https://sdn.example.com/rss?tag=rdo&lang=en', 'https://carol.example.com/?feed=rss2'],
    );
  });

  it('compares URLs by scheme, host and port case-insensitively, path as written, without fragment', () => {
    assert.equal(feedUrlKey('HTTPS://Example.ORG:443/Feed#top'), 'https://example.org/Feed');
    assert.notEqual(feedUrlKey('https://example.org/Feed'), feedUrlKey('https://example.org/feed'));
  });

  it('rejects documents that are not OPML', () => {
    assert.throws(() => parseOpml(fixtureText('wordpress-rss2.xml')), { message: 'Not an OPML file: the root element is <rss>' });
    assert.throws(() => parseOpml('hello'), { message: 'Not an OPML file: no XML element found' });
  });
});
