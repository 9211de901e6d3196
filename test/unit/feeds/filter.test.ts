import * as assert from 'assert/strict';
import { countWindow, daysBefore, filterByText, lookbackSummary, publishedTime, sortNewestFirst, withinWindow } from '../../../src/core/feeds/filter';
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
  it('publishedTime reads the stored form (toISOString) as Date.parse does, out-of-range fields and other forms too', () => {
    const texts = [
      '2016-05-17T17:18:56.000Z', '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z',
      '2016-02-30T00:00:00.000Z', '2016-04-31T12:00:00.000Z', '2016-13-01T00:00:00.000Z', '2016-00-10T00:00:00.000Z',
      '2016-05-00T00:00:00.000Z', '2016-05-17T24:00:00.000Z', '2016-05-17T23:60:00.000Z', '2016-05-17T23:59:60.000Z',
      '0050-05-17T00:00:00.000Z', '2016-05-17T17:18:56.00xZ', '2016-05-17 17:18:56.000Z', '2016-05-17T17:18:56.000+',
      '+275760-09-13T00:00:00.000Z', '2016-05-17T17:18:56Z', '2016-05-17', 'Tue, 17 May 2016 17:18:56 GMT', 'soon',
    ];
    for (const text of texts) assert.deepEqual([text, publishedTime({ published: text })], [text, Date.parse(text)]);
    assert.ok(Number.isNaN(publishedTime({ published: '' })));
    // Every time written the stored way reads back: a spread over the years 100 to 9999.
    for (let i = 0; i < 2000; i++) {
      const time = Math.round(-59e12 + i * 1.3e11 + i * i * 7919);
      assert.equal(publishedTime({ published: new Date(time).toISOString() }), time);
    }
  });

  it('keeps entries published at the window\'s start or later, undated ones too by default', () => {
    assert.deepEqual(withinWindow(entries, daysBefore(NOW, 30), {}).map((e) => e.id), ['edge', 'recent', 'undated', 'future']);
    assert.deepEqual(withinWindow(entries, daysBefore(NOW, 30)?.getTime(), { keepUndated: false }).map((e) => e.id), ['edge', 'recent', 'future']);
    assert.deepEqual(withinWindow(entries, daysBefore(NOW, 2)).map((e) => e.id), ['recent', 'undated', 'future']);
    assert.deepEqual(withinWindow(entries, new Date('2024-03-30T08:00:00.000Z')).map((e) => e.id), ['recent', 'undated', 'future'], 'the start itself is in');
  });

  it('counts the entries the window shows and the older ones it hides, in words', () => {
    const since = daysBefore(NOW, 30);
    assert.deepEqual(countWindow(entries, since), { shown: 4, hidden: 1 });
    assert.equal(countWindow(entries, since).shown, withinWindow(entries, since).length);
    assert.deepEqual(countWindow(entries, undefined), { shown: 5, hidden: 0 });
    assert.deepEqual(countWindow(entries.slice(0, 1), since), { shown: 0, hidden: 1 });
    assert.equal(lookbackSummary({ shown: 8, hidden: 0 }, 'from the last 30 days'), '8 entries');
    assert.equal(lookbackSummary({ shown: 1, hidden: 0 }, 'from the last 30 days'), '1 entry');
    assert.equal(lookbackSummary({ shown: 0, hidden: 8 }, 'from the last 30 days'), 'no entries from the last 30 days, 8 older hidden');
    assert.equal(lookbackSummary({ shown: 2, hidden: 6 }, 'since the last roundup'), '2 entries since the last roundup, 6 older hidden');
  });

  it('a window of 0, negative or NaN days has no start: every entry is in it', () => {
    for (const days of [0, -5, NaN]) {
      assert.equal(daysBefore(NOW, days), undefined);
      assert.equal(withinWindow(entries, daysBefore(NOW, days)).length, entries.length);
    }
    assert.equal(daysBefore(NOW, 30)?.toISOString(), '2024-03-01T12:00:00.000Z');
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
