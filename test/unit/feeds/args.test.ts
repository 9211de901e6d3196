import * as assert from 'node:assert/strict';
import { addressesToTry, addressProblem, entriesOf, entryOf, feedUrlOf } from '../../../src/core/feeds/args';
import type { FeedEntry } from '../../../src/core/feeds/types';

const entry = (n: number): FeedEntry => ({
  id: `id-${n}`,
  feed: 'Planet',
  title: `Entry ${n}`,
  author: 'Ann',
  link: `https://blog.example/${n}`,
  published: '2024-03-01T10:00:00.000Z',
  summaryHtml: '<p>Hi</p>',
});
const row = (n: number) => ({ kind: 'entry', entry: entry(n), feedUrl: 'https://planet.example/feed' });

describe('feeds/args: what commands are given', () => {
  it('entryOf: an entry, a row holding one; missing fields become \'\', the id falls back to the link', () => {
    assert.deepEqual(entryOf(entry(1)), entry(1));
    assert.deepEqual(entryOf(row(2)), entry(2));
    assert.deepEqual(entryOf({ link: 'https://x.example/a' }), {
      id: 'https://x.example/a', feed: '', title: '', author: '', link: 'https://x.example/a', published: '', summaryHtml: '',
    });
    assert.equal(entryOf({ title: 'No link', extra: 1 })?.title, 'No link');
    assert.equal(entryOf({ kind: 'feed', url: 'https://planet.example/feed' }), undefined, 'a feed row is no entry');
    for (const nothing of [undefined, null, 'https://x.example', 3, {}, { entry: null }]) assert.equal(entryOf(nothing), undefined);
  });

  it('entriesOf: the clicked row, the selection when the clicked row is in it, or a list', () => {
    assert.deepEqual(entriesOf(row(1)), [entry(1)]);
    assert.deepEqual(entriesOf(row(1), [row(1)]), [entry(1)], 'a selection of one is the clicked row');
    const selected = [row(1), row(2)];
    assert.deepEqual(entriesOf(selected[1], selected), [entry(1), entry(2)]);
    assert.deepEqual(entriesOf(row(3), selected), [entry(3)], 'a click outside the selection acts on the clicked row');
    assert.deepEqual(entriesOf(undefined, selected), [entry(1), entry(2)]);
    assert.deepEqual(entriesOf([entry(1), 'junk', row(2)]), [entry(1), entry(2)]);
    assert.deepEqual(entriesOf(undefined), []);
  });

  it('feedUrlOf: a URL, a feed row, a row under a feed', () => {
    assert.equal(feedUrlOf('https://planet.example/feed'), 'https://planet.example/feed');
    assert.equal(feedUrlOf({ kind: 'feed', url: 'https://a.example/feed' }), 'https://a.example/feed');
    assert.equal(feedUrlOf({ kind: 'message', feedUrl: 'https://b.example/feed', text: '', retry: true }), 'https://b.example/feed');
    assert.equal(feedUrlOf(row(1)), 'https://planet.example/feed');
    for (const nothing of [undefined, null, 5, {}, { url: 'https://c.example/feed' }]) assert.equal(feedUrlOf(nothing), undefined);
  });

  it('addressesToTry: an address typed without its scheme as https, then http; others as typed', () => {
    assert.deepEqual(addressesToTry(' blog.example.org/feed/ '), ['https://blog.example.org/feed/', 'http://blog.example.org/feed/']);
    assert.deepEqual(addressesToTry('www.rdoproject.org'), ['https://www.rdoproject.org', 'http://www.rdoproject.org']);
    assert.deepEqual(addressesToTry('localhost:4000/feed.xml'), ['https://localhost:4000/feed.xml', 'http://localhost:4000/feed.xml']);
    assert.deepEqual(addressesToTry('127.0.0.1:8080/a.xml'), ['https://127.0.0.1:8080/a.xml', 'http://127.0.0.1:8080/a.xml']);
    for (const asTyped of ['https://x.example/feed', 'http://x.example', 'planet.xml', 'news.rss', 'feeds/a.xml', './a.xml', '/abs/a.xml', 'file:///a.xml']) {
      assert.deepEqual(addressesToTry(asTyped), [asTyped], asTyped);
    }
  });

  it('addressProblem: web addresses, with or without a scheme, file URLs, relative paths and feed file names pass', () => {
    for (const ok of ['https://blog.example/feed/', 'HTTP://x.example', 'file:///tmp/a.xml', './feeds/a.xml', '../a', '/abs/path', 'planet.xml', ' news.rss ', 'x.atom', 'feed.json', 'blog.example.org']) {
      assert.equal(addressProblem(ok), undefined, ok);
    }
    assert.equal(addressProblem('  '), 'Enter an address');
    for (const bad of ['blog', 'ftp://x.example/feed', 'feed.yaml', 'a b.example']) {
      assert.equal(addressProblem(bad), 'Enter an http(s) address, or a feed file in the workspace', bad);
    }
  });
});
