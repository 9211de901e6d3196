import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { lintPost } from '../../../src/core/lint/lintPost';
import { frontMatterEnd } from '../../../src/core/frontmatter/locate';
import { countEntries, findTextEntries, mayHoldEntry } from '../../../src/core/markdown';
import {
  FeaturedIndex, featuredKey, featuredMark, leftOutWords, withoutFeatured, withoutTracking,
} from '../../../src/core/roundup/featured';
import { readSettings } from '../../../src/core/settings';
import { fixturePath, modelPost, NOW, sharedPath, span } from '../helpers';

const MODEL = modelPost();
const MODEL_PATH = 'posts/2016-05-17-rdo-blogs-over-the-last-few-weeks.html.md';
const settings = (rules: Record<string, unknown> = {}) =>
  readSettings((key) => (key === 'roundup.lint.rules' ? rules : undefined)).settings;

function entry(over: Partial<FeedEntry>): FeedEntry {
  return {
    id: over.link ?? 'tag:x', feed: 'Planet RDO', title: 'A title', author: 'Someone', link: 'https://other.example/x',
    published: '2016-05-20T10:00:00Z', summaryHtml: '<p>Text</p>', ...over,
  };
}

/** A roundup in the model post's wording with the given blocks. */
function roundup(title: string, date: string, ...blocks: string[]): string {
  return `---\ntitle: ${title}\nauthor: rbowen\ndate: ${date}\npublished: true\n---\n\nIntro.\n\n${blocks.join('\n\n')}\n`;
}
const block = (title: string, author: string, link: string) =>
  `**${title}** by ${author}\n\n> An excerpt.\n\n... read more at [${link}](${link})`;

describe('featured before: the entries of a text', () => {
  it('reads each block of the model post: its read-more link, bold title and author; the list items with their text', () => {
    const entries = findTextEntries(MODEL);
    const cern = entries.find((e) => e.url === 'http://tm3.org/6g')!;
    assert.deepEqual({ ...cern, start: 0, end: 0 }, {
      url: 'http://tm3.org/6g', start: 0, end: 0, kind: 'readMore', title: 'Containers and the CERN cloud', author: 'Ricardo Rocha',
    });
    assert.equal(MODEL.slice(cern.start, cern.end), 'http://tm3.org/6g');
    const ivan = entries.find((e) => e.kind === 'list')!;
    assert.equal(ivan.title, 'Ivan Chavero');
    assert.equal(ivan.author, '');
    assert.equal(entries.filter((e) => e.kind === 'list').length, 8);
    assert.ok(entries.filter((e) => e.kind === 'readMore').length >= 10);
  });

  it('a linked title with its author on the next line, escapes and references read; prose links are no entries', () => {
    const text = '**[Rust \\*and\\* C &amp; more](https://a.example/1)**\nby Jane Doe\n\n> q\n\nSee [the docs](https://b.example/).\n';
    const entries = findTextEntries(text);
    assert.deepEqual(entries.map((e) => [e.kind, e.url, e.title, e.author]), [
      ['title', 'https://a.example/1', 'Rust *and* C & more', 'Jane Doe'],
    ]);
  });
});

/** The markdown files under `dir`, with their texts. */
function markdownFiles(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(?:md|markdown)$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .sort()
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** The text with each line break written `\n`, `\r\n` and `\r`. */
const lineEndings = (text: string) =>
  [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']].map(([name, br]) => ({ name, text: text.replace(/\r\n|\r|\n/g, br) }));

describe('featured before: the pre-check that skips posts holding no entry', () => {
  // Each shape of entry that blogs write (the model blog's, and those of the other blogs under test/fixtures/roundups).
  const SHAPES: Record<string, string> = {
    'an ellipsis and "read more at"': '**T** by A\n\n> q\n\n... read more at [http://tm3.org/1](http://tm3.org/1)',
    'the ellipsis character, "Read more on"': '**T** by A\n\n> q\n\n\u2026 Read more on [x](https://a.example/1)',
    '"... More at"': '**T** by A\n\n> q\n\n... More at [x](https://a.example/1)',
    '"Read more at", no ellipsis': '**T** by A\n\n> q\n\nRead more at [https://a.example/1](https://a.example/1)',
    '"Read more over at"': '**T** by A\n\n> q\n\nRead more over at [x](https://a.example/1)',
    '"Read more:"': '**T** by A\n\nplain excerpt\n\nRead more: [x](https://a.example/1)',
    '"More at"': '**T** by A\n\n> q\n\nMore at [x](https://a.example/1)',
    '"Continue reading at"': '**T** by A\n\n> q\n\nContinue reading at [x](https://a.example/1)',
    'a read-more link text': '**T** by A\n\n> q\n\n[Read more](https://a.example/1)',
    'a continue-reading link text': '**T** by A\n\n> q\n\n[Continue reading \u2192](https://a.example/1)',
    'a link on the bold title': '**[T](https://a.example/1)** by A\n\n> q',
    'the bold title as the link text': '[**T**](https://a.example/1) - A',
    'a linked title alone': '**[T](https://a.example/1)**\nby A',
    'a list of entry links': '- [One](https://a.example/1)\n- [Two](https://a.example/2)',
    'a numbered list of entry links': '1. [One](https://a.example/1)\n2) [Two](https://a.example/2)',
    'an indented list of entry links': 'Links:\n\n  * [One](https://a.example/1)\n  * [Two](https://a.example/2)',
  };
  for (const [shape, body] of Object.entries(SHAPES)) {
    it(`never skips ${shape}, after front matter, with any line break`, () => {
      for (const { name, text } of lineEndings(`---\ntitle: T\n---\n\nIntro with [a link](https://b.example/).\n\n${body}\n`)) {
        const from = frontMatterEnd(text);
        assert.ok(from > 0, name);
        assert.equal(mayHoldEntry(text, from), true, name);
        assert.ok(findTextEntries(text, from).some((e) => e.url.startsWith('https://a.example/1') || e.url === 'http://tm3.org/1'), name);
      }
    });
  }

  it('skips prose with links, and an entry shape in the front matter above the body', () => {
    const prose = '---\ntitle: T\ndescription: |\n  Read more at the docs\n---\n\nSee [the docs](https://b.example/) and\n**bold** text, [more](https://c.example/).\n';
    for (const { name, text } of lineEndings(prose)) {
      assert.equal(mayHoldEntry(text, frontMatterEnd(text)), false, name);
      assert.equal(mayHoldEntry(text), true, name);
    }
    // From the middle of a line: that line is not looked at from its start.
    const text = 'x - [a](https://a.example/1)\nprose\n';
    assert.equal(mayHoldEntry(text, 1), false);
    assert.equal(mayHoldEntry(text, 0), false);
    assert.equal(mayHoldEntry(`- [a](https://a.example/1)\n${text}`, 0), true);
  });

  it('never skips a post of the fixtures or of a real blog that holds an entry, read independently (countEntries)', () => {
    const posts = [...markdownFiles(fixturePath()), ...markdownFiles(sharedPath('corpus', 'rdo-blog'))];
    let holding = 0;
    let skipped = 0;
    for (const post of posts) {
      for (const { name, text } of lineEndings(post.text)) {
        const from = frontMatterEnd(text);
        const count = countEntries(text, from);
        const entries = count.readMoreLines + count.readMore + count.quotedTitles + count.linkedTitles + count.listItems;
        const may = mayHoldEntry(text, from);
        if (entries > 0 || findTextEntries(text, from).length > 0) {
          holding++;
          assert.equal(may, true, `${post.file} (${name})`);
        } else if (!may) skipped++;
      }
    }
    // Both kinds are there: the check is asked of roundups, and it does skip posts.
    assert.ok(holding > 100, `${holding} posts hold entries`);
    assert.ok(skipped > 100, `${skipped} posts skipped`);
  });
});

describe('featured before: link keys', () => {
  it('tracking parameters are dropped, other parameters and the fragment stay', () => {
    assert.equal(withoutTracking('https://a.example/p?utm_source=rss&utm_medium=feed'), 'https://a.example/p');
    assert.equal(withoutTracking('https://a.example/p?id=3&fbclid=XYZ#top'), 'https://a.example/p?id=3#top');
    assert.equal(withoutTracking('https://a.example/p?gclid=1&amp;page=2'), 'https://a.example/p?page=2');
    assert.equal(withoutTracking('https://a.example/p?ref=home'), 'https://a.example/p?ref=home');
    assert.equal(featuredKey('HTTPS://A.example/p/?utm_campaign=x'), featuredKey('http://a.example/p'));
  });

  it('each tracking name is dropped in any case, first, after & or after &amp;; a name that only contains one stays, as does one in the path or the fragment', () => {
    const names = ['utm_source', 'utm_content_x', 'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid',
      'igshid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok'];
    for (const name of names) {
      for (const n of [name, name.toUpperCase()]) {
        assert.equal(withoutTracking(`https://a.example/p?${n}=1`), 'https://a.example/p', n);
        assert.equal(withoutTracking(`https://a.example/p?id=3&${n}#top`), 'https://a.example/p?id=3#top', n);
        assert.equal(withoutTracking(`https://a.example/p?id=3&amp;${n}=1&page=2`), 'https://a.example/p?id=3&page=2', n);
      }
      const kept = [`https://a.example/p?x${name}=1`, `https://a.example/${name}?id=1`, `https://a.example/p?id=1#&${name}=1`];
      // `utm_` names are any that start so; the others are whole names.
      if (!name.startsWith('utm_')) kept.push(`https://a.example/p?${name}x=1`);
      for (const url of kept) assert.equal(withoutTracking(url), url, url);
    }
  });
});

describe('featured before: the index of the blog\'s roundups', () => {
  it('finds an entry by its link (tracking parameters, http/https and a trailing slash aside), naming the newest post', () => {
    const index = new FeaturedIndex();
    assert.equal(index.update(MODEL_PATH, MODEL), true);
    index.update('posts/2016-06-01-later.md', roundup('Later', '2016-06-01 10:00:00 UTC', block('Again', 'X', 'http://tm3.org/6g')));
    const cern = entry({ link: 'https://tm3.org/6g/?utm_source=planet', title: 'Something else' });
    assert.equal(index.find(cern)?.path, 'posts/2016-06-01-later.md');
    // The open post itself never counts.
    assert.equal(index.find(cern, 'posts/2016-06-01-later.md')?.path, MODEL_PATH);
    assert.equal(index.find(entry({ link: 'http://tm3.org/zz' })), undefined);
  });

  it('finds an entry by bold title and author when its link is another (a short link), the author as roundup.authors names it', () => {
    const index = new FeaturedIndex({ authors: { rrocha: 'Ricardo Rocha' } });
    index.update(MODEL_PATH, MODEL);
    const byTitle = entry({ link: 'https://blog.example/cern-containers', title: 'Containers and  the CERN cloud', author: 'rrocha' });
    assert.equal(index.find(byTitle)?.title, 'RDO blogs over the last few weeks');
    assert.equal(index.find({ ...byTitle, author: 'Someone Else' }), undefined);
  });

  it('entries made again (fresh objects and strings, as a cache load makes them) are answered alike, past the keys kept at once', () => {
    const index = new FeaturedIndex({ authors: { rrocha: 'Ricardo Rocha' } });
    index.update(MODEL_PATH, MODEL);
    const byTitle = entry({ link: 'https://blog.example/cern-containers', title: 'Containers and the CERN cloud', author: 'rrocha' });
    const byLink = entry({ link: 'https://tm3.org/6g', title: 'Something else' });
    // More entries than the index keeps keys of at once (25,000): the first ones' keys are made again.
    const others = Array.from({ length: 30_000 }, (_, i) => entry({ link: `https://n.example/${i}`, title: `New ${i}` }));
    const all = [byTitle, byLink, ...others];
    const answers = (entries: FeedEntry[]) => entries.map((e) => index.find(e)?.path);
    const first = answers(all);
    assert.deepEqual(first.slice(0, 2), [MODEL_PATH, MODEL_PATH]);
    assert.equal(first.filter(Boolean).length, 2);
    assert.deepEqual(answers(JSON.parse(JSON.stringify(all)) as FeedEntry[]), first);
    assert.deepEqual(answers(all), first);
    // The same link with another title or author is another entry: its keys are made again.
    assert.equal(index.find({ ...byTitle, title: 'Another title' }), undefined);
    assert.equal(index.find({ ...byTitle, author: 'Someone Else' }), undefined);
    assert.equal(index.find({ ...byTitle })?.path, MODEL_PATH);
    // roundup.authors changed: the author reads another way.
    index.setAuthors({});
    assert.equal(index.find(byTitle), undefined);
  });

  it('a short link counts as its target when the short link map knows it', () => {
    const index = new FeaturedIndex();
    index.update(MODEL_PATH, MODEL);
    const long = entry({ link: 'https://blog.example/2016/05/meet-osp-8/', title: 'Not the title' });
    assert.equal(index.find(long), undefined);
    index.setShortLinks(new Map([['http://blog.example/2016/05/meet-osp-8', 'http://tm3.org/6h']]));
    assert.equal(index.find(long)?.path, MODEL_PATH);
  });

  it('follows changes post by post: an edited post loses the entries it dropped, a removed one all, a draft counts none', () => {
    const index = new FeaturedIndex();
    const one = roundup('One', '2016-05-01', block('First', 'A', 'https://a.example/1'), block('Second', 'B', 'https://a.example/2'));
    index.update('one.md', one);
    const first = entry({ link: 'https://a.example/1' });
    const second = entry({ link: 'https://a.example/2' });
    assert.equal(index.find(second)?.path, 'one.md');
    index.update('one.md', roundup('One', '2016-05-01', block('First', 'A', 'https://a.example/1')));
    assert.equal(index.find(second), undefined);
    assert.equal(index.find(first)?.path, 'one.md');
    assert.equal(index.update('one.md', one.replace('published: true', 'published: false')), false);
    assert.equal(index.find(first), undefined);
    index.update('one.md', one);
    index.remove('one.md');
    assert.equal(index.size, 0);
    assert.equal(index.find(first), undefined);
  });

  it('a post with one stray link in its prose features nothing', () => {
    const index = new FeaturedIndex();
    assert.equal(index.update('t.md', '---\ntitle: T\n---\n\nSee [this](https://a.example/1).\n'), false);
    assert.equal(index.find(entry({ link: 'https://a.example/1' })), undefined);
  });

  it('marks an entry with the post and its date, for the sidebar and the quick pick', () => {
    const index = new FeaturedIndex();
    index.update(MODEL_PATH, MODEL);
    const mark = featuredMark(entry({ link: 'http://tm3.org/6e' }), index);
    assert.equal(mark?.description, ' · featured 2016-05-17');
    assert.equal(mark?.tooltip, 'Featured in RDO blogs over the last few weeks, 2016-05-17');
    assert.equal(featuredMark(entry({ link: 'http://tm3.org/6e' }), index, MODEL_PATH), undefined);
  });

  it('a draft leaves out the featured entries and says how many and from how many posts', () => {
    const index = new FeaturedIndex();
    index.update(MODEL_PATH, MODEL);
    const entries = [entry({ link: 'http://tm3.org/6e' }), entry({ link: 'https://new.example/1' }), entry({ link: 'http://tm3.org/6f' })];
    const left = withoutFeatured(entries, index);
    assert.deepEqual(left.kept.map((e) => e.link), ['https://new.example/1']);
    assert.equal(leftOutWords(left), '2 entries left out: featured in 1 post');
    assert.equal(leftOutWords(withoutFeatured(entries.slice(0, 1), index)), '1 entry left out: featured in 1 post');
    // Scoped to a draft's posts folder: the model post is not under drafts/.
    assert.equal(withoutFeatured(entries, index, undefined, 'drafts/').featured.length, 0);
    assert.equal(withoutFeatured(entries, index, undefined, 'posts/').featured.length, 2);
  });
});

describe('lint rule post-featured-before', () => {
  const later = roundup('Later', '2016-06-01 10:00:00 UTC', 'Intro', block('Containers and the CERN cloud', 'Ricardo Rocha', 'http://tm3.org/6g'),
    block('New', 'N', 'https://new.example/1'));
  const index = new FeaturedIndex();
  index.update(MODEL_PATH, MODEL);
  index.update('posts/later.md', later);

  it('an info on the link of a block an earlier roundup features; the open post itself does not count', () => {
    const problems = lintPost(later, settings(), { now: NOW, featured: { index, self: 'posts/later.md' } });
    assert.equal(problems.length, 1);
    const [p] = problems;
    assert.equal(p.rule, 'post-featured-before');
    assert.equal(p.severity, 'info');
    assert.equal(later.slice(p.start, p.end), 'http://tm3.org/6g');
    const line = later.split('\n').findIndex((l) => l.startsWith('... read more at [http://tm3.org/6g]')) + 1;
    const col = '... read more at [http://tm3.org/6g]('.length + 1;
    assert.equal(span(later, { start: p.start, end: p.end }), `${line}:${col}-${line}:${col + 17}`);
    assert.equal(p.message, `Featured before in RDO blogs over the last few weeks, 2016-05-17 (${MODEL_PATH})`);
    assert.deepEqual(p.fixes, []);
  });

  it('only a roundup dated before the post counts: the earlier roundup is not flagged for what a later one features again', () => {
    const model = lintPost(MODEL, settings(), { now: NOW, featured: { index, self: MODEL_PATH } });
    assert.deepEqual(model.filter((x) => x.rule === 'post-featured-before'), []);
    // Undated (no date key, no dated file name): every other roundup counts.
    const undated = later.replace(/^date: .*\n/m, '');
    const p = lintPost(undated, settings(), { now: NOW, featured: { index, self: 'posts/undated.md' } });
    assert.deepEqual(p.filter((x) => x.rule === 'post-featured-before').map((x) => undated.slice(x.start, x.end)),
      ['http://tm3.org/6g', 'https://new.example/1']);
    assert.ok(p.filter((x) => x.rule === 'post-featured-before').every((x) => x.message === 'Featured before in Later, 2016-06-01 (posts/later.md)'), JSON.stringify(p));
  });

  it('by title and author when the link differs; off by roundup.lint.rules; not run without an index', () => {
    const shortened = later.replace(/tm3\.org\/6g/g, 'tm3.org/zz');
    const p = lintPost(shortened, settings(), { now: NOW, featured: { index, self: 'posts/later.md' } });
    assert.deepEqual(p.map((x) => shortened.slice(x.start, x.end)), ['http://tm3.org/zz']);
    assert.deepEqual(lintPost(later, settings({ 'post-featured-before': 'off' }), { now: NOW, featured: { index } })
      .filter((x) => x.rule === 'post-featured-before'), []);
    assert.deepEqual(lintPost(later, settings(), { now: NOW }), []);
  });

  it('the real posts of a blog: each read-more-at roundup feature is found in its own post, and a post never flags itself', () => {
    const dir = fixturePath('roundups', 'read-more-at');
    const names = ['2017-12-18-recent-blog-posts.html.md', '2018-01-10-recent-blog-posts.html.md'];
    const idx = new FeaturedIndex();
    for (const name of names) idx.update(name, readFileSync(`${dir}/${name}`, 'utf8'));
    assert.equal(idx.size, 2);
    for (const name of names) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      assert.deepEqual(lintPost(text, settings(), { now: NOW, featured: { index: idx, self: name } })
        .filter((x) => x.rule === 'post-featured-before'), []);
      for (const e of findTextEntries(text)) assert.equal(idx.findTextEntry(e)?.path, name, e.url);
    }
  });
});
