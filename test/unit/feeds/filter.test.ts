import * as assert from 'assert/strict';
import { filterByText, sortNewestFirst, withinLookback } from '../../../src/core/feeds/filter';
import type { FeedEntry } from '../../../src/core/feeds/types';

function entry(id: string, published: string, extra: Partial<FeedEntry> = {}): FeedEntry {
  return { id, feed: 'Planet RDO', title: id, author: '', link: '', published, summaryHtml: '', ...extra };
}

const NOW = new Date('2024-03-31T12:00:00Z');
const entries = [
  entry('old', '2024-02-01T12:00:00.000Z'),
  entry('edge', '2024-03-01T12:00:00.000Z'), // exactly 30 days before NOW
  entry('recent', '2024-03-30T08:00:00.000Z'),
  entry('undated', ''),
  entry('future', '2024-04-02T00:00:00.000Z'),
];

describe('feeds/filter', () => {
  it('keeps entries within lookbackDays of now, undated ones too by default', () => {
    assert.deepEqual(withinLookback(entries, 30, NOW).map((e) => e.id), ['edge', 'recent', 'undated', 'future']);
    assert.deepEqual(withinLookback(entries, 30, NOW.getTime(), { keepUndated: false }).map((e) => e.id), ['edge', 'recent', 'future']);
    assert.deepEqual(withinLookback(entries, 2, NOW).map((e) => e.id), ['recent', 'undated', 'future']);
  });

  it('treats 0, negative and NaN lookbackDays as no limit', () => {
    for (const days of [0, -5, NaN]) assert.equal(withinLookback(entries, days, NOW).length, entries.length);
  });

  it('sorts newest first, undated last', () => {
    assert.deepEqual(sortNewestFirst(entries).map((e) => e.id), ['future', 'recent', 'edge', 'old', 'undated']);
  });

  it('filters on title, author and feed, ignoring case and accents, every word required', () => {
    const list = [
      entry('a', '', { title: 'Containers and the CERN cloud', author: 'Ricardo Rocha' }),
      entry('b', '', { title: 'Café notes', author: 'Zoë', feed: 'Personal' }),
      entry('c', '', { title: 'TripleO upgrades', author: 'Bob', summaryHtml: 'containers' }),
    ];
    assert.deepEqual(filterByText(list, 'cern').map((e) => e.id), ['a']);
    assert.deepEqual(filterByText(list, 'CAFE zoe').map((e) => e.id), ['b']);
    assert.deepEqual(filterByText(list, 'planet').map((e) => e.id), ['a', 'c'], 'feed name matches');
    assert.deepEqual(filterByText(list, 'rocha cloud').map((e) => e.id), ['a']);
    assert.deepEqual(filterByText(list, 'rocha upgrades').map((e) => e.id), []);
    assert.equal(filterByText(list, '   ').length, 3);
  });
});
