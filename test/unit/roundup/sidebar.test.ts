import * as assert from 'node:assert/strict';
import { daysBefore } from '../../../src/core/feeds/filter';
import type { FeedState } from '../../../src/core/feeds/store';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { UnseenCounter, entryRowDescription, feedChildren, visibleCount, visibleEntries, type RowOptions } from '../../../src/core/roundup/sidebar';

const NOW = new Date('2016-05-17T12:00:00Z');

function entry(id: string, published: string, fields: Partial<FeedEntry> = {}): FeedEntry {
  return { id, feed: 'Planet RDO', title: `Entry ${id}`, author: 'Rich Bowen', link: `https://rdo.example/${id}`, published, summaryHtml: '', ...fields };
}

function feed(url: string, entries: FeedEntry[], fields: Partial<FeedState> = {}): FeedState {
  return { source: { url }, name: url, entries, fetchedAt: '2016-05-17T10:00:00Z', refreshing: false, ...fields };
}

const SINCE = daysBefore(NOW, 30);
const OPTIONS: RowOptions = { since: SINCE, windowWords: 'from the last 30 days', filter: '', showOlder: false };

describe('roundup/sidebar: a feed\'s rows', () => {
  const recent = entry('a', '2016-05-15T10:00:00Z');
  const old = entry('b', '2016-01-01T10:00:00Z');

  it('visibleCount counts what visibleEntries lists: the window, older entries shown, the filter, undated entries', () => {
    const undated = entry('c', '');
    const f = feed('f', [recent, old, undated, entry('d', 'soon')]);
    for (const options of [OPTIONS, { ...OPTIONS, showOlder: true }, { ...OPTIONS, filter: 'entry a' }, { ...OPTIONS, since: undefined }]) {
      assert.equal(visibleCount(f, options), visibleEntries(f, options).length, JSON.stringify(options));
    }
    assert.equal(visibleCount(f, OPTIONS), 3);
  });

  it('its entries within the lookback; a failed feed gets Retry first', () => {
    assert.deepEqual(feedChildren(feed('f', [recent, old]), OPTIONS).map((n) => n.kind === 'entry' && n.entry.id), ['a']);
    const failed = feedChildren(feed('f', [recent], { error: 'HTTP 500' }), OPTIONS);
    assert.deepEqual(failed.map((n) => n.kind), ['message', 'entry']);
    assert.deepEqual(failed[0], { kind: 'message', feedUrl: 'f', text: 'the entries below are from the last successful refresh', retry: true });
  });

  it('only older entries: says so, with Show older entries and Change lookback; showOlder shows them', () => {
    const rows = feedChildren(feed('f', [old]), OPTIONS);
    assert.deepEqual(rows, [
      { kind: 'message', feedUrl: 'f', text: 'No entries from the last 30 days', retry: false, hidden: 1 },
      { kind: 'action', feedUrl: 'f', action: 'showOlder', hidden: 1 },
      { kind: 'action', feedUrl: 'f', action: 'changeLookback', hidden: 1 },
    ]);
    assert.deepEqual(feedChildren(feed('f', [old]), { ...OPTIONS, showOlder: true }).map((n) => n.kind), ['entry']);
    assert.deepEqual(feedChildren(feed('f', [], { fetchedAt: '' }), OPTIONS).map((n) => n.kind === 'message' && n.text), ['Not fetched yet']);
  });

  it('the filter keeps matching entries', () => {
    const other = entry('c', '2016-05-16T10:00:00Z', { title: 'Keystone news' });
    const rows = feedChildren(feed('f', [recent, other]), { ...OPTIONS, filter: 'keystone' });
    assert.deepEqual(rows.map((n) => n.kind === 'entry' && n.entry.id), ['c']);
  });

  it('an entry row\'s description: date and author, its feed in the Shortlist group, then its marks', () => {
    const node = { kind: 'entry' as const, entry: recent, feedUrl: 'f' };
    assert.equal(entryRowDescription(node, { included: false, starred: false }, NOW), '2 days ago · Rich Bowen');
    assert.equal(entryRowDescription(node, { included: true, starred: true }, NOW), '2 days ago · Rich Bowen · in this post · shortlisted');
    assert.equal(entryRowDescription({ ...node, shortlisted: true }, { included: false, starred: true }, NOW), '2 days ago · Rich Bowen · Planet RDO');
  });
});

describe('roundup/sidebar: UnseenCounter', () => {
  const a1 = entry('a1', '2016-05-15T10:00:00Z');
  const a2 = entry('a2', '2016-05-16T10:00:00Z');
  const b1 = entry('b1', '2016-05-14T10:00:00Z');
  const oldB = entry('b0', '2016-01-01T10:00:00Z');

  it('counts entries not seen within the lookback, feed by feed', () => {
    const counter = new UnseenCounter(['a1']);
    counter.count([feed('a', [a1, a2]), feed('b', [b1, oldB])], SINCE, true);
    assert.equal(counter.total, 2, 'a2 and b1: a1 seen, b0 too old');
    counter.count([feed('a', [a1])], SINCE);
    assert.equal(counter.total, 1, 'feed a counted again alone');
    counter.count([feed('b', [b1])], SINCE, true);
    assert.equal(counter.total, 1, 'every feed given: feed a dropped');
  });

  it('a feed\'s state counted before is not counted again; a new state is', () => {
    const counter = new UnseenCounter([]);
    const state = feed('a', [a1]);
    counter.count([state], SINCE);
    counter.count([state], SINCE);
    assert.equal(counter.total, 1);
    counter.count([feed('a', [a1, a2])], SINCE);
    assert.equal(counter.total, 2);
  });

  it('see: the feeds shown count as seen, remembered by id', () => {
    const counter = new UnseenCounter([]);
    const a = feed('a', [a1, a2]);
    const b = feed('b', [b1]);
    counter.count([a, b], SINCE, true);
    assert.equal(counter.see([a], SINCE), true);
    assert.equal(counter.total, 1);
    assert.equal(counter.see([a], SINCE), false, 'nothing new');
    assert.deepEqual(counter.seenIds().sort(), ['a1', 'a2']);
    const again = new UnseenCounter(counter.seenIds());
    again.count([a, b], SINCE, true);
    assert.equal(again.total, 1);
  });
});
