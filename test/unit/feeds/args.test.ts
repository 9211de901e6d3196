import * as assert from 'node:assert/strict';
import { addressProblem, entriesOf, entryOf, feedUrlOf } from '../../../src/core/feeds/args';
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

  it('addressProblem: web addresses, file URLs, relative paths and feed file names pass', () => {
    for (const ok of ['https://blog.example/feed/', 'HTTP://x.example', 'file:///tmp/a.xml', './feeds/a.xml', '../a', '/abs/path', 'planet.xml', ' news.rss ', 'x.atom', 'feed.json']) {
      assert.equal(addressProblem(ok), undefined, ok);
    }
    assert.equal(addressProblem('  '), 'Enter an address');
    for (const bad of ['blog.example.org', 'ftp://x.example/feed', 'feed.yaml']) {
      assert.equal(addressProblem(bad), 'Enter an http(s) address, or a feed file in the workspace', bad);
    }
  });
});
