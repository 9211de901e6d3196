import * as assert from 'node:assert/strict';
import { daysBefore } from '../../../src/core/feeds/filter';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { extractLinkSet, isIncluded } from '../../../src/core/markdown';
import { EntryPickCache, entryPickItems, escapeIcons } from '../../../src/core/roundup/pick';

function entry(fields: Partial<FeedEntry>): FeedEntry {
  return { id: fields.link ?? 'id', feed: 'Planet RDO', title: 'Title', author: 'Tim Bell', link: 'http://tm3.org/x', published: '2016-05-10T10:00:00.000Z', summaryHtml: '<p>Text.</p>', ...fields };
}

const NOW = new Date('2016-05-17T17:18:56Z');

describe('roundup/pick: the quick pick items', () => {
  const entries = [
    entry({ title: 'Old', link: 'http://tm3.org/old', published: '2016-03-01T00:00:00Z' }),
    entry({ title: 'Middle', link: 'http://tm3.org/6e', published: '2016-05-03T18:21:00Z' }),
    entry({ title: 'No date', link: 'http://tm3.org/nodate', published: '' }),
    entry({ title: 'Newest', link: 'http://tm3.org/6g', published: '2016-05-09T07:43:00Z', feed: 'OpenStack in Production', author: 'rrocha' }),
    entry({ title: 'Same time A', link: 'http://tm3.org/a', published: '2016-05-05T00:00:00Z' }),
    entry({ title: 'Same time B', link: 'http://tm3.org/b', published: '2016-05-05T00:00:00Z' }),
  ];
  const none = () => false;

  it('within the lookback, newest first; equal times keep their order; undated last', () => {
    const items = entryPickItems(entries, { since: daysBefore(NOW, 30), isIncluded: none });
    assert.deepEqual(items.map((i) => i.label), ['Newest', 'Same time A', 'Same time B', 'Middle', 'No date']);
    assert.equal(entryPickItems(entries, { since: daysBefore(NOW, 365), isIncluded: none }).length, 6);
  });

  it('description: author (as roundup.authors names them) · feed · date; detail: the excerpt, short and on one line', () => {
    const long = `<p>${'word '.repeat(100)}</p>`;
    const [item] = entryPickItems([entry({ author: 'rrocha', feed: 'OpenStack in Production', published: '2016-05-09T07:43:00Z', summaryHtml: `<p>One<br>two</p>${long}` })], {
      since: daysBefore(NOW, 30),
      isIncluded: none,
      authors: { rrocha: 'Ricardo Rocha' },
    });
    assert.equal(item.description, 'Ricardo Rocha · OpenStack in Production · 2016-05-09');
    assert.equal(item.detail, 'One two');
    const [cut] = entryPickItems([entry({ summaryHtml: long })], { since: daysBefore(NOW, 30), isIncluded: none, detailLength: 40 });
    assert.ok(cut.detail.length <= 40 && cut.detail.endsWith('\u2026'), cut.detail);
    const [bare] = entryPickItems([entry({ author: '', published: '', title: '' })], { since: daysBefore(NOW, 30), isIncluded: none });
    assert.equal(bare.description, 'Planet RDO');
    assert.equal(bare.label, '(untitled)');
  });

  it('entries the post links to are marked with a check and "in this post"', () => {
    const post = '... read more at [http://tm3.org/6e](http://tm3.org/6e)\n\n* [x](https://tm3.org/6g/)\n';
    const links = extractLinkSet(post);
    const items = entryPickItems(entries, { since: daysBefore(NOW, 30), isIncluded: (e) => isIncluded(e, links) });
    assert.deepEqual(
      items.map((i) => [i.label, i.included, i.description.endsWith(' · in this post')]),
      [
        ['$(check) Newest', true, true],
        ['Same time A', false, false],
        ['Same time B', false, false],
        ['$(check) Middle', true, true],
        ['No date', false, false],
      ],
    );
  });

  it('text that VS Code would render as an icon is escaped; a title is shown as the text it is', () => {
    assert.equal(escapeIcons('Costs $(1) and $(2)'), 'Costs \\$(1) and \\$(2)');
    const [item] = entryPickItems([entry({ title: 'Pay $(sync) now &amp; <b>later</b>' })], { since: daysBefore(NOW, 30), isIncluded: none });
    assert.equal(item.label, 'Pay \\$(sync) now &amp; <b>later</b>');
  });
});

describe('roundup/pick: EntryPickCache, the items kept between openings', () => {
  const entries = [
    entry({ title: 'Old', link: 'http://tm3.org/old', published: '2016-03-01T00:00:00Z' }),
    entry({ title: 'Newest', link: 'http://tm3.org/6g', published: '2016-05-09T07:43:00Z', summaryHtml: '<p>In recent years</p>' }),
    entry({ title: 'No date', link: 'http://tm3.org/nodate', published: '' }),
  ];

  it('gives what entryPickItems gives, marks the post holds included at each opening', () => {
    const cache = new EntryPickCache();
    const options = { since: daysBefore(NOW, 30), isIncluded: () => false };
    assert.deepEqual(cache.items(() => entries, 1, options), entryPickItems(entries, options));
    const holds = (e: FeedEntry) => e.title === 'Newest';
    assert.deepEqual(cache.items(() => entries, 1, { ...options, isIncluded: holds }), entryPickItems(entries, { ...options, isIncluded: holds }));
    assert.deepEqual(cache.items(() => entries, 1, { ...options, since: daysBefore(NOW, 365) }).length, 3, 'the window applies at each opening');
  });

  it('asks for the entries again only when their version changes', () => {
    const cache = new EntryPickCache();
    let asked = 0;
    const options = { since: daysBefore(NOW, 30), isIncluded: () => false };
    const get = (list: FeedEntry[]) => () => (asked++, list);
    cache.items(get(entries), 1, options);
    const kept = cache.items(get([]), 1, options);
    assert.equal(asked, 1);
    assert.equal(kept.length, 2);
    assert.deepEqual(cache.items(get(entries.slice(0, 1)), 2, options), [], 'a new version: the new entries (Old is out of the window)');
    assert.equal(asked, 2);
  });
});
