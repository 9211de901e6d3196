import * as assert from 'node:assert/strict';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { parseDateOption, parseDateRange } from '../../../src/cli/dateRange';
import type { FeedEntry } from '../../../src/core/feeds/types';
import {
  entriesInRange,
  newestPost,
  newPostFrontMatter,
  newPostText,
  postFileName,
  type PostInfo,
  slugify,
  uniqueFileName,
  validateFileNamePattern,
} from '../../../src/core/roundup/post';
import { yamlQuoted, yamlString } from '../../../src/core/frontmatter/scalar';
import { modelPost } from '../helpers';

const NOW = new Date(Date.UTC(2016, 4, 17, 17, 18, 56));

function entry(id: string, published: string): FeedEntry {
  return { id, feed: 'F', title: id, author: '', link: `http://x.example/${id}`, published, summaryHtml: '' };
}

describe('roundup/post: slugify and file names', () => {
  it('follows the blog file names', () => {
    // Titles of posts in the blog and the slugs of their file names.
    const cases: Array<[string, string]> = [
      ['Announcing RDO', 'announcing-rdo'],
      ['A Community for Using OpenStack with Red Hat: RDO', 'a-community-for-using-openstack-with-red-hat-rdo'],
      ['Red Hat Summit 2013: OpenStack Keynotes, Videos & Presentations', 'red-hat-summit-2013-openstack-keynotes-videos-presentations'],
      ["Webcast: What's new in Havana", 'webcast-what-s-new-in-havana'],
      ['Packstack updates (Aug 1, 2013)', 'packstack-updates-aug-1-2013'],
      ['What does RDO stand for?', 'what-does-rdo-stand-for'],
      ['RDO Draw day 2: Congratulations to Jean-Francois Saucier!', 'rdo-draw-day-2-congratulations-to-jean-francois-saucier'],
    ];
    for (const [title, slug] of cases) assert.equal(slugify(title), slug, title);
  });

  it('transliterates accents and special letters to ASCII', () => {
    assert.equal(slugify('Haïkel Guémar & Javier Peña'), 'haikel-guemar-javier-pena');
    assert.equal(slugify('Straße, Œuvre, Ærø, Łódź, Þing, ﬁle'), 'strasse-oeuvre-aero-lodz-thing-file');
    assert.equal(slugify('  --Hello   World--  '), 'hello-world');
  });

  it('falls back to "post" and cuts long slugs at a hyphen', () => {
    assert.equal(slugify(''), 'post');
    assert.equal(slugify('日本語 ☃'), 'post');
    const long = slugify('word '.repeat(40));
    assert.ok(long.length <= 80);
    assert.match(long, /^word(-word)+$/);
    assert.equal(slugify('abcdefghij', 4), 'abcd');
  });

  it('makes file names from the pattern', () => {
    assert.equal(postFileName('RDO blogs: week 20', NOW), '2016-05-17-rdo-blogs-week-20.html.md');
    assert.equal(postFileName('X', NOW, '{year}/{month}'.replace('/', '-') + '-{day}-{slug}.md'), '2016-05-17-x.md');
    assert.throws(() => postFileName('X', NOW, '{date}-{name}.md'), /unknown placeholder "\{name\}"/);
    assert.throws(() => postFileName('X', NOW, '{date}.md'), /no \{slug\}/);
    assert.throws(() => postFileName('X', NOW, '../{slug}.md'), /path separator/);
    assert.deepEqual(validateFileNamePattern('{date}-{slug}.html.md'), []);
  });

  it('never reuses a taken name', () => {
    const taken = new Set(['2016-05-17-x.html.md', '2016-05-17-x-2.html.md']);
    assert.equal(uniqueFileName('2016-05-17-x.html.md', taken), '2016-05-17-x-3.html.md');
    assert.equal(uniqueFileName('2016-05-17-y.html.md', taken), '2016-05-17-y.html.md');
    assert.equal(uniqueFileName('a.md', (n) => n === 'a.md'), 'a-2.md');
    assert.equal(uniqueFileName('noext', new Set(['noext'])), 'noext-2');
  });
});

describe('roundup/post: front matter', () => {
  it('writes the model post keys in order with the injected time', () => {
    assert.equal(
      newPostFrontMatter({ title: 'RDO blogs over the last few weeks', author: 'rbowen', tags: ['blogs', 'openstack'], now: NOW }),
      /^---\n[\s\S]*?\n---\n/.exec(modelPost())![0].replace('published: true', 'published: false'),
    );
  });

  it('takes tags as a comma-separated string too, and leaves empty values for the writer', () => {
    const text = newPostFrontMatter({ title: '', author: '', tags: ' blogs ,, rdo ', now: NOW });
    assert.match(text, /^title:$/m);
    assert.match(text, /^author:$/m);
    assert.match(text, /^tags: blogs, rdo$/m);
    assert.match(newPostFrontMatter({ title: 'x', author: 'y', tags: [], now: NOW }), /^tags:$/m);
  });

  it('quotes titles that YAML would misread, and every title reads back unchanged', () => {
    const titles = [
      'RDO: an OpenStack community',
      'Issue #42',
      'C# and F#',
      "What's new",
      "'quoted'",
      '"double"',
      '- dash',
      '[bracket] start',
      '{brace}',
      '* star',
      '& anchor',
      '! tag',
      '> folded',
      '| literal',
      '% directive',
      '@at',
      '`tick`',
      'yes',
      'No',
      'on',
      'null',
      '~',
      'true',
      '2016',
      '1.0',
      '2016-05-17',
      '0x1F',
      '.inf',
      'trailing space ',
      ' leading',
      'tab\there',
      'new\nline',
      'back\\slash',
      'key: value # comment',
      'ends with colon:',
      'Plain title, with commas',
      'Ünïcödé ✓',
    ];
    for (const title of titles) {
      const text = newPostFrontMatter({ title, author: 'rbowen', tags: ['a'], now: NOW });
      const yaml = text.replace(/^---\n|---\n$/g, '');
      assert.equal(parseYaml(yaml).title, title.trim(), `yaml: ${text}`);
      assert.equal(matter(text + '\nbody\n').data.title, title.trim(), `gray-matter: ${text}`);
      // The scalar itself keeps every character, surrounding spaces included.
      assert.equal(parseYaml(`k: ${yamlString(title)}`).k, title, yamlString(title));
      assert.equal(matter(`---\nk: ${yamlString(title)}\n---\n`).data.k, title, yamlString(title));
      // Double-quoted, as the "Quote the value" fixes write it.
      assert.equal(parseYaml(`k: ${yamlQuoted(title, '"')}`).k, title, yamlQuoted(title, '"'));
    }
    assert.equal(yamlString('RDO: x'), "'RDO: x'");
    assert.equal(yamlString("It's: x"), "'It''s: x'");
    assert.equal(yamlString('Plain'), 'Plain');
    assert.equal(yamlString('a\nb'), '"a\\nb"');
    assert.equal(yamlQuoted('Day 1: "keynotes"', '"'), '"Day 1: \\"keynotes\\""');
  });

  it('makes a whole post with a body', () => {
    const text = newPostText({ title: 'T', author: 'a', tags: 'blogs', now: NOW }, '\n\n**Block**\n\n');
    assert.ok(text.endsWith('---\n\n**Block**\n'));
    assert.ok(newPostText({ title: 'T', author: 'a', tags: 'blogs', now: NOW }).endsWith('---\n\n'));
  });
});

describe('roundup/post: dates and ranges', () => {
  const newestPostDate = (posts: PostInfo[]) => newestPost(posts)?.date;

  it('parses --since and --until with clear errors', () => {
    assert.equal(parseDateOption('2016-05-01', '--since').toISOString(), '2016-05-01T00:00:00.000Z');
    assert.throws(() => parseDateOption('May 1', '--since'), /^Error: --since: "May 1" is not a valid date; use YYYY-MM-DD/);
    assert.throws(() => parseDateOption('2016-02-30', '--until'), /--until: "2016-02-30"/);
    assert.equal(parseDateOption('2016-05-17t10:00z', '--since').toISOString(), '2016-05-17T10:00:00.000Z', 'any case');
    assert.equal(parseDateOption('2016-05-17 12:00 cest', '--since').toISOString(), '2016-05-17T10:00:00.000Z');
    assert.deepEqual(parseDateRange(), { since: undefined, until: undefined });
    assert.equal(parseDateRange('2016-05-01', '2016-05-02').until?.toISOString(), '2016-05-02T00:00:00.000Z');
    assert.throws(() => parseDateRange('2016-05-02', '2016-05-01'), /--since \(2016-05-02\) is after --until \(2016-05-01\)/);
  });

  it('keeps entries in [since, until], both inclusive, in their order', () => {
    const entries = [
      entry('before', '2016-04-30T23:59:59.999Z'),
      entry('since', '2016-05-01T00:00:00.000Z'),
      entry('mid', '2016-05-10T12:00:00.000Z'),
      entry('until', '2016-05-17T00:00:00.000Z'),
      entry('after', '2016-05-17T00:00:00.001Z'),
      entry('nodate', ''),
    ];
    const since = parseDateOption('2016-05-01', '--since');
    const until = parseDateOption('2016-05-17', '--until');
    assert.deepEqual(entriesInRange(entries, since, until).map((e) => e.id), ['since', 'mid', 'until']);
    assert.deepEqual(entriesInRange(entries, since).map((e) => e.id), ['since', 'mid', 'until', 'after']);
    assert.deepEqual(entriesInRange(entries, undefined, until).map((e) => e.id), ['before', 'since', 'mid', 'until']);
    assert.deepEqual(entriesInRange(entries).map((e) => e.id), ['before', 'since', 'mid', 'until', 'after', 'nodate']);
    assert.deepEqual(entriesInRange([entry('tz', '2016-05-01T01:00:00+02:00')], since), []);
  });

  it('finds the newest post date from front matter dates, else file names', () => {
    const newest = newestPostDate([
      { fileName: '2016-05-10-a.html.md', date: '2016-05-10 09:00:00 UTC' },
      { fileName: '2016-05-17-b.html.md', date: '2016-05-17 17:18:56 UTC' },
      { fileName: 'posts/2016-05-12-c.html.md' },
      { fileName: 'notes.md' },
    ]);
    assert.equal(newest?.toISOString(), '2016-05-17T17:18:56.000Z');
    assert.equal(newestPostDate([{ fileName: 'x/2016-05-20-only-name.html.md' }, { fileName: '2016-05-19-b.md', date: 'garbage' }])?.toISOString(), '2016-05-20T00:00:00.000Z');
    assert.equal(newestPostDate([{ fileName: 'a.md', date: new Date(Date.UTC(2016, 0, 1)) }])?.toISOString(), '2016-01-01T00:00:00.000Z');
    assert.equal(newestPostDate([{ fileName: '2016-05-20-b.md', date: '2016-05-01 10:00' }])?.toISOString(), '2016-05-01T10:00:00.000Z');
    assert.equal(newestPostDate([]), undefined);
    assert.equal(newestPostDate([{ fileName: 'README.md' }, { fileName: '2016-99-01-bad.md' }]), undefined);
  });
});
