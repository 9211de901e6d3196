/**
 * Blogs of each kind, built from each generator's public conventions (test/fixtures/formats), linted
 * with no settings at all: the schema is learned from their posts and read from what they declare
 * (Jekyll's `_config.yml` defaults, Hugo's `cascade`, an Astro collection's JSON Schema, Front Matter
 * CMS's `frontmatter.json`). Valid posts and pages get no problem; broken posts the right rule at the
 * right place, saying where the expectation comes from.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Io } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { postsRuleOf, readBlog } from '../../../src/cli/schema';
import { expandPaths } from '../../../src/core/files';
import { schemaSettingsOf } from '../../../src/core/frontmatter/blogSchema';
import { lintPost } from '../../../src/core/lint/lintPost';
import { isPostPath } from '../../../src/core/posts';
import { readSettings } from '../../../src/core/settings';
import { fixturePath, NOW, span } from '../helpers';

const settings = readSettings(() => undefined).settings;

/** Each blog's files with problems, as `L:C-L:C rule message`; every other markdown file has none. */
const BLOGS: Record<string, Record<string, string[]>> = {
  jekyll: {
    '_posts/2016-02-01-categories-slip.md': [
      '1:1-1:4 fm-required Required field "categories" is missing ("categoris" is probably meant) (22 of 23 posts write "categories")',
      '3:1-3:10 fm-unknown-key Unknown key "categoris": did you mean "categories"?',
    ],
    '_posts/2016-02-02-bad-date.md': ['3:7-3:32 fm-date "2016-02-30 10:00:00 +0000" is not a real date: February 2016 has 29 days'],
  },
  middleman: {
    'source/blog/2016-02-03-no-author.html.md': ['1:1-1:4 fm-required Required field "author" is missing (22 of 23 posts write "author")'],
    'source/blog/2016-02-04-published-word.html.md': ['6:12-6:15 fm-type "published" should be true or false, not the text yes'],
  },
  eleventy: {
    'posts/layout-list.md': ['2:9-2:27 fm-type "layout" should be text, not a list [layouts/post.njk] (23 of 23 posts write "layout")'],
    'posts/no-title.md': ['1:1-1:4 fm-required Required field "title" is missing (22 of 23 posts write "title")'],
  },
  'hugo-cascade': {
    'content/posts/draft-as-text.md': [
      '4:9-4:13 fm-type "draft" should be true or false, not the text \'no\' (23 of 23 posts write "draft")',
    ],
    'content/posts/no-date.json.md': ['1:1-1:2 fm-required Required field "date" is missing (22 of 23 posts write "date")'],
  },
  'zola-blog': {
    'content/blog/2016-03-04-no-title.md': ['1:1-1:4 fm-required Required field "title" is missing (22 of 23 posts write "title")'],
    'content/blog/2016-03-05-title-number.md': [
      '2:9-2:13 fm-type "title" should be text, not the number 2016 (22 of 23 posts write "title")',
    ],
  },
  'astro-schema': {
    'src/content/blog/no-description.md': [
      '1:1-1:4 fm-required Required field "description" is missing (declared in .astro/collections/blog.schema.json)',
    ],
    'src/content/blog/tags-text.md': [
      '5:7-5:8 fm-type "tags" should be a comma-separated list or a list of words, not the number 3 ' +
        '(declared in .astro/collections/blog.schema.json)',
    ],
  },
  'frontmatter-cms': {
    'content/posts/bad-date.md': ['4:7-4:17 fm-date "2023-13-01" has no month 13: months run from 01 to 12'],
    'content/posts/no-description.md': ['1:1-1:4 fm-required Required field "description" is missing (declared in frontmatter.json)'],
  },
};

describe('blogs of each generator, linted with no settings: the schema learned and declared', () => {
  for (const [name, expected] of Object.entries(BLOGS)) {
    it(`${name}: valid posts and pages clean, broken posts the right problem`, async () => {
      const root = fixturePath('formats', name);
      const blog = await readBlog(root, settings);
      const schema = blog.schema(schemaSettingsOf(settings.frontMatter)).schema;
      const files = (await expandPaths(['.'], root)).files;
      const heads = files.map((f) => ({ path: path.relative(root, f).split(path.sep).join('/'), head: readFileSync(f, 'utf8') }));
      const rule = postsRuleOf(heads, settings, root);
      const found: Record<string, string[]> = {};
      for (const { path: file, head: text } of heads) {
        const context = { now: NOW, fileName: path.posix.basename(file), schema, syntaxOnly: !isPostPath(file, rule) };
        const problems = lintPost(text, settings, context).map((p) => `${span(text, p)} ${p.message}`);
        if (problems.length > 0) found[file] = problems;
      }
      assert.ok(heads.length >= 3);
      assert.deepEqual(found, expected);
    });
  }

  it('Jekyll: a key given in _config.yml defaults is not required; the date is in the file names', async () => {
    const blog = await readBlog(fixturePath('formats', 'jekyll'), settings);
    const schema = blog.schema({});
    const layout = schema.keys.find((k) => k.key === 'author')!;
    assert.deepEqual([layout.required, layout.source, layout.from], [false, 'declared', '_config.yml']);
    assert.equal(schema.schema.dateInFileName, 'date');
    assert.deepEqual(schema.schema.emptyAllowed, ['tags']);
  });

  it('`roundup schema FOLDER` prints the schema as JSON: type, posts, required, source of every key', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { cwd: fixturePath('formats'), out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
    assert.equal(await main(['schema', 'hugo-cascade'], io), 0);
    const printed = JSON.parse(out.join('\n')) as { posts: number; learned: boolean; keys: Record<string, unknown> };
    assert.deepEqual([printed.posts, printed.learned], [23, true]);
    assert.deepEqual(printed.keys.date, { type: 'date', posts: 22, required: true, source: 'learned' });
    assert.deepEqual(printed.keys.author, {
      type: 'string', posts: 3, required: false, source: 'declared', from: 'content/posts/_index.md',
    });
    assert.equal(await main(['schema', 'no-such-folder'], io), 2);
    assert.match(err.join('\n'), /no-such-folder: no such folder/);
  });
});
