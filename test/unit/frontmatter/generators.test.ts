/**
 * Blogs of the generators that write TOML or JSON front matter, built from their public conventions
 * (test/fixtures/formats): Hugo with TOML (its default for new content) and with JSON, Zola (TOML with
 * `[taxonomies]` and bare dates), Astro (TOML in a content collection). With settings that fit each blog,
 * the valid posts get no problem, the broken ones the right rule at the right place, and the section
 * pages (`_index.md`) the syntax rules only.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fixPost, lintPost } from '../../../src/core/lint/lintPost';
import { detectPostsFolder, isPostPath } from '../../../src/core/posts';
import { dateValueOf } from '../../../src/core/roundup/siblings';
import { readSettings } from '../../../src/core/settings';
import { fixturePath, NOW, span } from '../helpers';

interface Blog {
  name: string;
  settings: Record<string, unknown>;
  /** Each file's problems as `L:C-L:C rule` (none: a valid post or page). */
  expected: Record<string, string[]>;
}

/** What a Hugo blog's posts hold (TOML or JSON alike): `draft` and `params` beside the model's keys. */
const HUGO_SETTINGS = {
  'roundup.frontMatter.required': ['title', 'date'],
  'roundup.frontMatter.fields': { title: 'string', date: 'date', draft: 'boolean', author: 'string', tags: 'tags', params: 'any' },
};

const BLOGS: Blog[] = [
  {
    name: 'hugo-toml',
    settings: HUGO_SETTINGS,
    expected: {
      'content/posts/rdo-at-the-openstack-summit.md': [],
      'content/posts/_index.md': [],
      'content/posts/broken-unterminated-title.md': ['2:9-2:10 fm-toml-syntax'],
      'content/posts/broken-missing-date.md': ['1:1-1:4 fm-required'],
    },
  },
  {
    name: 'hugo-json',
    settings: HUGO_SETTINGS,
    expected: {
      'content/posts/json-front-matter.md': [],
      'content/posts/broken-missing-comma.md': ['3:32-3:33 fm-json-syntax'],
      'content/posts/broken-duplicate-title.md': ['6:3-6:10 fm-duplicate-key'],
    },
  },
  {
    name: 'zola',
    settings: {
      'roundup.frontMatter.required': ['title', 'date'],
      'roundup.frontMatter.fields': { title: 'string', description: 'string', date: 'date', taxonomies: 'any',
        extra: 'any' },
    },
    expected: {
      'content/blog/2016-05-17-openstack-summit.md': [],
      'content/blog/_index.md': [],
      'content/blog/2016-05-18-duplicate-tag.md': ['7:1-7:5 fm-duplicate-key'],
      'content/blog/2016-02-30-no-such-day.md': ['3:8-3:18 fm-date'],
    },
  },
  {
    name: 'astro',
    settings: {
      'roundup.frontMatter.required': ['title', 'description', 'pubDate'],
      'roundup.frontMatter.fields': { title: 'string', description: 'string', pubDate: 'date', updatedDate: 'date',
        heroImage: 'string' },
    },
    expected: {
      'src/content/blog/first-post.md': [],
      'src/content/blog/broken-no-title.md': ['1:1-1:4 fm-required'],
      'src/content/blog/broken-bare-value.md': ['3:15-3:26 fm-toml-syntax'],
    },
  },
];

/** The blog's markdown files (its configuration file beside them is no post or page). */
function filesOf(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesOf(root, full);
    return name.endsWith('.md') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const cr = (text: string) => text.replace(/\n/g, '\r');

describe('blogs with TOML and JSON front matter (Hugo, Zola, Astro)', () => {
  for (const blog of BLOGS) {
    describe(blog.name, () => {
      const root = fixturePath('formats', blog.name);
      const files = filesOf(root).sort();
      const texts = new Map(files.map((f) => [f, readFileSync(path.join(root, f), 'utf8')]));
      const folder = detectPostsFolder(files.map((f) => ({ path: f, head: texts.get(f)! })));
      const settings = readSettings((key) => blog.settings[key]).settings;
      const siblingDates = files.map((f) => dateValueOf(texts.get(f)!)).filter((d): d is string => d !== undefined);
      const lintFile = (file: string, text: string) =>
        lintPost(text, settings, {
          now: NOW,
          fileName: path.basename(file),
          siblingDates,
          syntaxOnly: !isPostPath(file, { globs: [], folder }),
        });

      it('every fixture is listed', () => {
        assert.deepEqual(files, Object.keys(blog.expected).sort());
      });

      for (const [file, expected] of Object.entries(blog.expected)) {
        it(`${file}: ${expected.length === 0 ? 'no problem' : expected.join(', ')}, with LF, CRLF and CR`, () => {
          const lf = texts.get(file)!;
          for (const text of [lf, crlf(lf), cr(lf)]) {
            assert.deepEqual(lintFile(file, text).map((p) => span(text, p)), expected);
          }
        });
      }
    });
  }

  it('Hugo: a missing date is added before the first table, in the style of the other posts', () => {
    const root = fixturePath('formats', 'hugo-toml');
    const text = readFileSync(path.join(root, 'content/posts/broken-missing-date.md'), 'utf8');
    const settings = readSettings((key) => BLOGS[0]!.settings[key]).settings;
    const fixed = fixPost(text, settings, { now: NOW, siblingDates: ['2016-05-17T17:18:56Z'] });
    assert.equal(fixed.text, text.replace("tags = ['meetup']\n", "tags = ['meetup']\ndate = 2020-01-02T03:04:05Z\n"));
    assert.deepEqual(fixed.problems, []);
  });

  it('Zola: a missing date is written bare, like the blog\'s other dates (2016-05-17)', () => {
    const text = '+++\ntitle = "New"\n\n[taxonomies]\ntags = ["x"]\n+++\n';
    const settings = readSettings((key) => BLOGS[2]!.settings[key]).settings;
    const fixed = fixPost(text, settings, { now: NOW, siblingDates: ['2016-05-17', '2016-05-18'] });
    assert.equal(fixed.text, '+++\ntitle = "New"\ndate = 2020-01-02\n\n[taxonomies]\ntags = ["x"]\n+++\n');
  });

  it('Astro: a missing title is added in TOML, from the file name', () => {
    const root = fixturePath('formats', 'astro');
    const text = readFileSync(path.join(root, 'src/content/blog/broken-no-title.md'), 'utf8');
    const settings = readSettings((key) => BLOGS[3]!.settings[key]).settings;
    const fixed = fixPost(text, settings, { now: NOW, fileName: 'broken-no-title.md' });
    const title = /^\+\+\+\ndescription = "A post whose title went missing"\n[^]*title = "[^"\n]+"\n\+\+\+\n/;
    assert.match(fixed.text, title);
    assert.deepEqual(fixed.problems, []);
  });
});
