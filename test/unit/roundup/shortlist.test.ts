import * as assert from 'node:assert/strict';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { formatEntries } from '../../../src/core/roundup/format';
import { extractLinkSet } from '../../../src/core/markdown';
import { addToShortlist, isShortlisted, parseShortlist, removeFromShortlist, shortlistEntries, shortlistedInPost } from '../../../src/core/roundup/shortlist';
import { readSettings } from '../../../src/core/settings';

function entry(fields: Partial<FeedEntry>): FeedEntry {
  return { id: fields.link ?? 'id', feed: 'Planet RDO', title: 'Title', author: 'Tim Bell', link: 'http://tm3.org/x', published: '2016-05-10T10:00:00.000Z', summaryHtml: '<p>Text.</p>', ...fields };
}

const cern = entry({ title: 'Containers and the CERN cloud', link: 'http://tm3.org/6g', published: '2016-05-09T07:43:00Z' });
const heat = entry({ title: 'Heat', link: 'http://tm3.org/6e', published: '2016-05-03T18:21:00Z' });
const ops = entry({ title: 'Ops', link: 'http://tm3.org/6f', published: '2016-05-05T00:00:00Z' });
const DAY1 = new Date('2016-05-10T09:00:00Z');
const DAY2 = new Date('2016-05-11T09:00:00Z');

describe('roundup/shortlist', () => {
  it('keeps the order starred; starring again keeps the first place; oldest first on request', () => {
    let list = addToShortlist([], [cern], DAY1);
    list = addToShortlist(list, [heat, ops], DAY2);
    list = addToShortlist(list, [entry({ ...cern, id: 'other-guid' })], DAY2);
    assert.deepEqual(shortlistEntries(list, 'starred').map((e) => e.title), ['Containers and the CERN cloud', 'Heat', 'Ops']);
    assert.deepEqual(shortlistEntries(list, 'oldest').map((e) => e.title), ['Heat', 'Ops', 'Containers and the CERN cloud']);
    assert.equal(list[0].starredAt, DAY1.toISOString());
  });

  it('an entry is found by id or by link (http and https alike); removing takes it off', () => {
    const list = addToShortlist([], [cern, heat], DAY1);
    assert.ok(isShortlisted(list, entry({ id: 'x', link: 'https://tm3.org/6g/' })));
    assert.ok(!isShortlisted(list, ops));
    const left = removeFromShortlist(list, [entry({ id: 'http://tm3.org/6e', link: '' })]);
    assert.deepEqual(left.map((i) => i.entry.title), ['Containers and the CERN cloud']);
  });

  it('survives a save and load as JSON; broken saved items are dropped, the rest kept', () => {
    const list = addToShortlist([], [cern, heat], DAY1);
    const saved = JSON.parse(JSON.stringify([list[0], { entry: { title: 3 } }, null, 'x', list[1], list[1]]));
    assert.deepEqual(parseShortlist(saved), list);
    assert.deepEqual(parseShortlist({ not: 'a list' }), []);
  });

  it('tells which shortlisted entries a post links to', () => {
    const list = addToShortlist([], [cern, heat, ops], DAY1);
    const post = '---\ntitle: x\n---\n\n**Heat**\n\n... read more at [http://tm3.org/6e](http://tm3.org/6e)\n';
    assert.deepEqual(shortlistedInPost(list, extractLinkSet(post)).map((e) => e.title), ['Heat']);
  });

  it('the formatter keeps the starred order when asked, and sorts oldest first otherwise', () => {
    const list = addToShortlist([], [cern, heat], DAY1);
    const entries = shortlistEntries(list, 'starred');
    const kept = formatEntries(entries, {}, { template: 'link', keepOrder: true }).text;
    assert.equal(kept, '* [Containers and the CERN cloud](http://tm3.org/6g)\n* [Heat](http://tm3.org/6e)');
    const sorted = formatEntries(entries, {}, { template: 'link' }).text;
    assert.equal(sorted, '* [Heat](http://tm3.org/6e)\n* [Containers and the CERN cloud](http://tm3.org/6g)');
  });

  it('roundup.shortlist.order: starred by default, oldest on request, a warning for anything else', () => {
    assert.equal(readSettings(() => undefined).settings.shortlistOrder, 'starred');
    assert.equal(readSettings((k) => (k === 'roundup.shortlist.order' ? 'oldest' : undefined)).settings.shortlistOrder, 'oldest');
    const bad = readSettings((k) => (k === 'roundup.shortlist.order' ? 'newest' : undefined));
    assert.equal(bad.settings.shortlistOrder, 'starred');
    assert.equal(bad.warnings.length, 1);
  });
});
