import * as assert from 'node:assert/strict';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { lintPost } from '../../../src/core/lint/lintPost';
import {
  draftEntries, draftPostText, draftStart, draftStartWords, draftTitle, entriesForDraft, mergeFeedEntries,
} from '../../../src/core/roundup/draft';
import { formatterSettings } from '../../../src/core/settings';
import { formatEntries } from '../../../src/core/roundup/format';
import { extractLinkSet } from '../../../src/core/markdown';
import { newestPost } from '../../../src/core/roundup/post';
import { readSettings } from '../../../src/core/settings';

function entry(n: number, fields: Partial<FeedEntry> = {}): FeedEntry {
  return {
    id: `tag:x,2016:${n}`,
    feed: 'Planet',
    title: `Entry ${n}`,
    author: 'rbowen',
    link: `http://blog.example/${n}`,
    published: `2016-05-${String(n).padStart(2, '0')}T10:00:00.000Z`,
    summaryHtml: `<p>Text ${n}.</p>`,
    ...fields,
  };
}

const NOW = new Date(Date.UTC(2016, 4, 17, 17, 18, 56));

describe('roundup/draft: formatterSettings', () => {
  it('maps every formatter setting from the roundup.* settings', () => {
    const { settings } = readSettings((key) =>
      ({
        'roundup.templates': { mine: '- {title}' },
        'roundup.defaultTemplate': 'mine',
        'roundup.authors': { rbowen: 'Rich Bowen' },
        'roundup.excerpt.maxLength': 40,
        'roundup.readMoreShortLink': true,
      })[key],
    );
    assert.deepEqual(formatterSettings(settings), {
      templates: { mine: '- {title}' },
      defaultTemplate: 'mine',
      authors: { rbowen: 'Rich Bowen' },
      readMoreShortLink: true,
      excerptMaxLength: 40,
    });
  });

  it('the defaults give the model post block with mapped authors', () => {
    const { settings } = readSettings((key) => (key === 'roundup.authors' ? { rbowen: 'Rich Bowen' } : undefined));
    const text = formatEntries([entry(1)], formatterSettings(settings)).text;
    assert.equal(text, '**Entry 1** by Rich Bowen\n\n> Text 1.\n\n... read more at [http://blog.example/1](http://blog.example/1)');
  });
});

describe('roundup/draft: mergeFeedEntries', () => {
  it('keeps feed order and drops an entry whose link (or permalink id) an earlier one has', () => {
    const planet = [entry(1), entry(2)];
    const blog = [
      entry(2, { id: 'other-id', link: 'https://blog.example/2/', feed: 'Blog' }), // same link, other form
      entry(3, { feed: 'Blog' }),
      entry(4, { id: 'http://blog.example/1', link: 'http://feedproxy.example/1', feed: 'Blog' }), // permalink guid of entry 1
    ];
    assert.deepEqual(mergeFeedEntries([planet, blog]).map((e) => `${e.feed}:${e.title}`), ['Planet:Entry 1', 'Planet:Entry 2', 'Blog:Entry 3']);
  });

  it('keeps entries without a link', () => {
    const merged = mergeFeedEntries([[entry(1, { link: '', id: 'a' })], [entry(2, { link: '', id: 'b' })]]);
    assert.equal(merged.length, 2);
  });
});

describe('roundup/draft: draftStart and draftEntries', () => {
  const ROUNDUP = '---\ntitle: x\n---\n\n**T** by A\n\n> q\n\nRead more at [http://a.example/t](http://a.example/t)\n';
  const posts = [
    { fileName: '2016-05-03-older.html.md', date: '2016-05-03 09:00:00 UTC', text: ROUNDUP },
    { fileName: '2016-05-10-newest-by-name.html.md', text: ROUNDUP }, // no front matter date: the file name's day
    { fileName: '2016-04-01-newest-by-date.html.md', date: '2016-05-09 12:00:00 UTC', text: ROUNDUP },
    { fileName: '2016-05-12-a-tutorial.html.md', text: '---\ntitle: x\n---\n\nSee [the docs](http://a.example/docs).\n' },
    { fileName: 'README.md', text: ROUNDUP },
  ];

  it('starts at the newest roundup: front matter date, else the file name; a post that is no roundup is passed over', () => {
    const start = draftStart(posts, NOW, 30);
    assert.equal(start.since.toISOString(), '2016-05-10T00:00:00.000Z');
    assert.equal(start.post?.fileName, '2016-05-10-newest-by-name.html.md');
    assert.equal(newestPost(posts)?.post.fileName, '2016-05-12-a-tutorial.html.md', 'the newest post, a tutorial');
    assert.equal(draftStartWords(start), 'since the last roundup, 2016-05-10-newest-by-name.html.md (dated 2016-05-10 00:00 UTC)');
  });

  it('a front matter date wins over the file name', () => {
    const start = draftStart([
      { fileName: '2016-05-20-x.md', date: '2016-05-01 08:00', text: ROUNDUP },
      { fileName: '2016-05-02-y.md', text: ROUNDUP },
    ], NOW, 30);
    assert.equal(start.since.toISOString(), '2016-05-02T00:00:00.000Z');
    assert.equal(start.post?.fileName, '2016-05-02-y.md');
  });

  it('without a dated roundup: lookbackDays before now, and the words say so', () => {
    const start = draftStart([{ fileName: 'notes.md', text: ROUNDUP }, posts[3]], NOW, 7);
    assert.equal(start.since.toISOString(), '2016-05-10T17:18:56.000Z');
    assert.equal(start.post, undefined);
    assert.equal(draftStartWords(start), 'since 2016-05-10 17:18 UTC (no roundup yet: the last 7 days)');
    const fallback = draftStart([], NOW, 0);
    assert.equal(fallback.since.toISOString(), '2016-04-17T17:18:56.000Z', 'a bad lookback falls back to 30 days');
    assert.equal(draftStartWords(fallback), 'since 2016-04-17 17:18 UTC (no roundup yet: the last 30 days)');
    assert.equal(draftStartWords({ since: new Date('2016-05-05T00:00:00Z') }), 'since 2016-05-05 00:00 UTC', 'a day chosen');
  });

  it('takes entries published at `since` or later and undated ones, leaves out those the newest post links to', () => {
    const entries = [entry(9), entry(10, { published: '2016-05-10T00:00:00.000Z' }), entry(11), entry(12), entry(13, { published: '' }),
      entry(14), entry(15, { published: 'soon' }), entry(16, { published: '' })];
    const newest = `---\ntitle: x\n---\n\n... read more at [http://blog.example/12](http://blog.example/12) [x](http://blog.example/16)\n`;
    const picked = draftEntries(entries, new Date('2016-05-10T00:00:00Z'), extractLinkSet(newest));
    assert.deepEqual(picked.map((e) => e.title), ['Entry 10', 'Entry 11', 'Entry 13', 'Entry 14', 'Entry 15']);
  });

  it('entriesForDraft (the editor\'s drafts and `roundup draft`): in [since, until] or undated, in their order', () => {
    const entries = [entry(13, { published: '' }), entry(9), entry(10), entry(11), entry(15, { published: 'soon' }), entry(12)];
    const titles = (list: FeedEntry[]) => list.map((e) => e.title);
    const [since, until] = [new Date('2016-05-10T10:00:00Z'), new Date('2016-05-11T10:00:00Z')];
    assert.deepEqual(titles(entriesForDraft(entries, since, until)), ['Entry 13', 'Entry 10', 'Entry 11', 'Entry 15']);
    assert.deepEqual(titles(entriesForDraft(entries, since)), ['Entry 13', 'Entry 10', 'Entry 11', 'Entry 15', 'Entry 12']);
    assert.deepEqual(titles(entriesForDraft(entries, undefined, until)), ['Entry 13', 'Entry 9', 'Entry 10', 'Entry 11', 'Entry 15']);
    assert.deepEqual(titles(entriesForDraft(entries)), titles(entries));
  });

  it('drops repeated links among the entries (the same post in two feeds)', () => {
    const entries = [entry(11), entry(11, { feed: 'Blog', id: 'x' })];
    assert.equal(draftEntries(entries, new Date('2016-05-01T00:00:00Z')).length, 1);
  });
});

describe('roundup/draft: the post', () => {
  it('draftTitle names the day in UTC', () => {
    assert.equal(draftTitle(NOW), 'Blog roundup, May 17, 2016');
    assert.equal(draftTitle(new Date(Date.UTC(2017, 0, 1, 0, 30))), 'Blog roundup, January 1, 2017');
  });

  it('blocks after the front matter, the cursor on an empty line with a blank line on each side', () => {
    const blocks = formatEntries([entry(2), entry(1)]).text;
    const post = draftPostText({ title: draftTitle(NOW), author: 'rbowen', tags: 'blogs, openstack', now: NOW }, blocks);
    assert.equal(
      post.text,
      '---\ntitle: Blog roundup, May 17, 2016\nauthor: rbowen\ndate: 2016-05-17 17:18:56 UTC\ntags: blogs, openstack\ncomments: true\npublished: false\n---\n\n\n\n' +
        '**Entry 1** by rbowen\n\n> Text 1.\n\n... read more at [http://blog.example/1](http://blog.example/1)\n\n' +
        '**Entry 2** by rbowen\n\n> Text 2.\n\n... read more at [http://blog.example/2](http://blog.example/2)\n',
    );
    const lines = post.text.slice(0, post.cursor).split('\n');
    assert.equal(lines[lines.length - 2], '', 'a blank line before the cursor line');
    assert.equal(lines[lines.length - 3], '---');
    assert.ok(post.text.slice(post.cursor).startsWith('\n\n**Entry 1**'), 'the cursor line is empty and a blank line follows');
  });

  it('the new post lints clean', () => {
    const { settings } = readSettings(() => undefined);
    const post = draftPostText({ title: 'Roundup: week 20', author: 'rbowen', tags: 'blogs', now: NOW }, formatEntries([entry(1), entry(1, { id: 'dup' })]).text);
    const problems = lintPost(post.text, settings, { now: NOW });
    assert.deepEqual(problems.map((p) => p.rule), ['post-duplicate-link'], 'only the duplicate the test put in');
    const clean = draftPostText({ title: 'Roundup: week 20', author: 'rbowen', tags: 'blogs', now: NOW }, formatEntries([entry(1), entry(2)]).text);
    assert.deepEqual(lintPost(clean.text, settings, { now: NOW }), []);
  });

  it('without blocks: the plain new post, cursor at its end', () => {
    const post = draftPostText({ title: 'T', author: '', tags: '', now: NOW }, '');
    assert.equal(post.text, '---\ntitle: T\nauthor:\ndate: 2016-05-17 17:18:56 UTC\ntags:\ncomments: true\npublished: false\n---\n\n');
    assert.equal(post.cursor, post.text.length);
  });
});
