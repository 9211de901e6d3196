import * as assert from 'assert/strict';
import { countLookback, filterByText, lookbackSummary, sortNewestFirst, withinLookback } from '../../../src/core/feeds/filter';
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

  it('counts the entries the lookback shows and the older ones it hides, in words', () => {
    assert.deepEqual(countLookback(entries, 30, NOW), { shown: 4, hidden: 1 });
    assert.equal(countLookback(entries, 30, NOW).shown, withinLookback(entries, 30, NOW).length);
    assert.deepEqual(countLookback(entries, 0, NOW), { shown: 5, hidden: 0 });
    assert.deepEqual(countLookback(entries.slice(0, 1), 30, NOW), { shown: 0, hidden: 1 });
    assert.equal(lookbackSummary({ shown: 8, hidden: 0 }, 30), '8 entries');
    assert.equal(lookbackSummary({ shown: 1, hidden: 0 }, 30), '1 entry');
    assert.equal(lookbackSummary({ shown: 0, hidden: 8 }, 30), 'no entries in the last 30 days, 8 older hidden');
    assert.equal(lookbackSummary({ shown: 2, hidden: 6 }, 1), '2 entries in the last 1 day, 6 older hidden');
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
