/**
 * New posts written the way the blog writes its posts: on the blog of each generator (test/fixtures/formats)
 * the new post's front matter has the blog's format, key order and date style, and gets no problem from the
 * linter with the blog's schema; the model corpus's new post stays the model's, byte for byte.
 */
import * as assert from 'node:assert/strict';
import { readBlog } from '../../../src/cli/schema';
import { BlogKnowledge } from '../../../src/core/blog';
import { schemaSettingsOf, type BlogSchema } from '../../../src/core/frontmatter/blogSchema';
import { parseBlock, type ClosedBlock } from '../../../src/core/frontmatter/lint';
import { locateFrontMatter } from '../../../src/core/frontmatter/locate';
import { lintPost } from '../../../src/core/lint/lintPost';
import { draftPostText } from '../../../src/core/roundup/draft';
import { newPostText, postFileName, type NewPost } from '../../../src/core/roundup/post';
import { newPostFileNamePattern, newPostShape } from '../../../src/core/roundup/postShape';
import { readSettings, type RoundupSettings } from '../../../src/core/settings';
import { fixturePath, NOW, sharedPath } from '../helpers';

const defaults = readSettings(() => undefined).settings;
const POST: NewPost = { title: 'Roundup: week 2', author: 'Rich Bowen', tags: 'blogs, rdo', now: NOW };

/** The new post of a blog: its file name and text, as the editor makes them. */
function newPost(schema: BlogSchema, settings: RoundupSettings = defaults, post: NewPost = POST): { name: string; text: string } {
  const name = postFileName(post.title, post.now, newPostFileNamePattern(schema, settings.newPostFileName));
  const shape = newPostShape(schema, { dateStyle: settings.frontMatter.dateStyle, fileName: name });
  return { name, text: newPostText(post, '', shape) };
}

/** The format and top-level keys of a text's front matter, in order. */
function shapeOf(text: string): { format: string; keys: string[] } {
  const block = locateFrontMatter(text)!;
  return { format: block.format, keys: parseBlock(text, block as ClosedBlock).pairs.map((p) => p.key) };
}

interface Expected {
  format: string;
  keys: string[];
  /** Lines the front matter has. */
  lines: string[];
  /** The new post's file name. */
  name: string;
}

/** The model's post (too few posts to learn from, no schema declared): as before. */
const MODEL = 'model';

const BLOGS: Record<string, Expected | typeof MODEL> = {
  astro: MODEL,
  'astro-schema': {
    format: 'yaml',
    keys: ['title', 'pubDate', 'description', 'tags'],
    lines: ["description: 'Roundup: week 2'", 'tags: blogs, rdo'],
    name: '2020-01-02-roundup-week-2.html.md',
  },
  eleventy: {
    format: 'yaml',
    keys: ['layout', 'title', 'description', 'date', 'tags'],
    lines: ['layout: layouts/post.njk', 'date: 2020-01-02', 'tags:\n  - post\n  - blogs\n  - rdo'],
    name: 'roundup-week-2.md',
  },
  'frontmatter-cms': { format: 'yaml', keys: ['title', 'date', 'description', 'tags'], lines: [], name: '2020-01-02-roundup-week-2.html.md' },
  'hugo-cascade': {
    format: 'toml',
    keys: ['title', 'date', 'draft', 'tags'],
    lines: ["title = 'Roundup: week 2'", 'date = 2020-01-02T03:04:05Z', 'draft = true', "tags = ['blogs', 'rdo']"],
    name: 'roundup-week-2.md',
  },
  'hugo-json': MODEL,
  'hugo-toml': MODEL,
  jekyll: {
    format: 'yaml',
    keys: ['title', 'categories', 'tags'],
    lines: ['title: "Roundup: week 2"', 'categories: [news]', 'tags: [blogs, rdo]'],
    name: '2020-01-02-roundup-week-2.md',
  },
  middleman: {
    format: 'yaml',
    keys: ['title', 'date', 'author', 'tags'],
    lines: ['date: 2020-01-02 03:04:05 UTC', 'author: Rich Bowen'],
    name: '2020-01-02-roundup-week-2.html.md',
  },
  zola: MODEL,
  'zola-blog': {
    format: 'toml',
    keys: ['title', 'date', 'taxonomies'],
    lines: ['title = "Roundup: week 2"', 'date = 2020-01-02', '[taxonomies]\ntags = ["blogs", "rdo"]'],
    name: '2020-01-02-roundup-week-2.md',
  },
};

describe('new posts in the shape of the blog', () => {
  for (const [blog, expected] of Object.entries(BLOGS)) {
    it(`${blog}: ${expected === MODEL ? "too few posts: the model's post" : `${expected.format}, ${expected.keys.join(', ')}`}, no problem`, async () => {
      const schema = (await readBlog(fixturePath('formats', blog), defaults)).schema(schemaSettingsOf(defaults.frontMatter));
      const { name, text } = newPost(schema);
      if (expected === MODEL) {
        assert.equal(text, newPostText(POST));
        assert.equal(name, '2020-01-02-roundup-week-2.html.md');
      } else {
        assert.deepEqual(shapeOf(text), { format: expected.format, keys: expected.keys }, text);
        for (const line of expected.lines) assert.ok(text.includes(`${line}\n`), `${line}\nin\n${text}`);
        assert.equal(name, expected.name);
      }
      const problems = lintPost(text, defaults, { now: NOW, fileName: name, schema: schema.schema });
      assert.deepEqual(problems.map((p) => `${p.rule} ${p.message}`), [], text);
    });
  }

  it('the model corpus: the new post is the model\'s, byte for byte, and so is its name', async () => {
    const schema = (await readBlog(sharedPath('corpus', 'rdo-blog'), defaults)).schema(schemaSettingsOf(defaults.frontMatter));
    assert.ok(schema.style, 'the corpus is learned from');
    const { name, text } = newPost(schema);
    assert.equal(text, newPostText(POST));
    assert.equal(text, [
      '---', "title: 'Roundup: week 2'", 'author: Rich Bowen', 'date: 2020-01-02 03:04:05 UTC', 'tags: blogs, rdo',
      'comments: true', 'published: false', '---', '', '',
    ].join('\n'));
    assert.equal(name, '2020-01-02-roundup-week-2.html.md');
    assert.deepEqual(lintPost(text, defaults, { now: NOW, fileName: name, schema: schema.schema }), []);
  });

  it('a draft has the blog\'s front matter before its blocks', async () => {
    const schema = (await readBlog(fixturePath('formats', 'hugo-cascade'), defaults)).schema(schemaSettingsOf(defaults.frontMatter));
    const shape = newPostShape(schema, { dateStyle: 'auto', fileName: 'roundup-week-2.md' });
    const { text, cursor } = draftPostText(POST, '**Entry** by Someone\n\n> Quote\n', shape);
    assert.match(text, /^\+\+\+\ntitle = 'Roundup: week 2'\n[^]*\+\+\+\n\n\n\n\*\*Entry\*\* by Someone\n\n> Quote\n$/);
    assert.equal(text.slice(cursor - 5, cursor + 1), '+++\n\n\n');
  });
});

/** A blog of `count` posts, each made by `post(i)`, under content/posts. */
function blogOf(count: number, post: (i: number) => string, name = (i: number) => `post-${i}.md`): BlogKnowledge {
  const blog = new BlogKnowledge({ globs: [], folder: 'content/posts' });
  for (let i = 0; i < count; i++) blog.setFile(`content/posts/${name(i)}`, post(i));
  return blog;
}

const day = (i: number) => `2016-05-${String(i + 1).padStart(2, '0')}`;

describe('new posts: what is learned and what the settings pin', () => {
  it('a JSON blog: a JSON object, keys in the posts\' order, dates as they write them', () => {
    const blog = blogOf(21, (i) => `{\n  "title": "Post ${i}",\n  "date": "${day(i)}T10:00:00Z",\n  "author": "Rich Bowen",\n  "tags": ["week-${i}"]\n}\n\nText.\n`);
    const schema = blog.schema({});
    const { text } = newPost(schema);
    assert.equal(text, '{\n  "title": "Roundup: week 2",\n  "date": "2020-01-02T03:04:05Z",\n  "author": "Rich Bowen",\n  "tags": ["blogs", "rdo"]\n}\n\n');
    assert.deepEqual(lintPost(text, defaults, { now: NOW, fileName: 'roundup-week-2.md', schema: schema.schema }), []);
  });

  it('a key the blog always writes as a list is a list: Hugo\'s authors = [...]', () => {
    const blog = blogOf(20, (i) => `+++\ntitle = "Post ${i}"\ndate = ${day(i)}\nauthors = ["Rich Bowen"]\n+++\n`);
    const { text } = newPost(blog.schema({}));
    assert.equal(text, '+++\ntitle = "Roundup: week 2"\ndate = 2020-01-02\nauthors = ["Rich Bowen"]\n+++\n\n');
  });

  it('the newest posts set the style: a blog that changed its ways is written its new way', () => {
    // 30 old posts `title, date, author` with plain dates; the 20 newest `title, author, date` with times.
    const blog = blogOf(50, (i) => i < 30
      ? `---\ntitle: Old ${i}\ndate: 2014-01-${String((i % 28) + 1).padStart(2, '0')}\nauthor: a\n---\n`
      : `---\ntitle: New ${i}\nauthor: b\ndate: 2016-02-${String((i % 28) + 1).padStart(2, '0')} 10:00\n---\n`);
    const { text } = newPost(blog.schema({}));
    assert.deepEqual(shapeOf(text).keys, ['title', 'author', 'date']);
    assert.match(text, /^date: 2020-01-02 03:04$/m);
  });

  it('too few posts: the model\'s post, whatever they look like', () => {
    const blog = blogOf(19, (i) => `+++\ntitle = "Post ${i}"\ndate = ${day(i)}\n+++\n`);
    assert.equal(newPost(blog.schema({})).text, newPostText(POST));
  });

  it('too few posts, the schema set: the model\'s post, whatever the posts write most, and the set default name is kept', () => {
    // Fewer posts write author than date: the required keys still go in the model's order.
    const blog = blogOf(5, (i) => `---\ntitle: Post ${i}\ndate: ${day(i)}\n${i < 2 ? 'author: a\n' : ''}---\n`);
    const fields = { title: 'string', author: 'string', date: 'date', tags: 'tags', comments: 'boolean', published: 'boolean' } as const;
    const schema = blog.schema({ required: ['title', 'author', 'date'], fields });
    assert.equal(newPost(schema).text, newPostText(POST));
    // roundup.newPost.fileName set to its default value is set: a learned blog's own naming does not replace it.
    const hugo = blogOf(20, (i) => `+++\ntitle = 'Post ${i}'\ndate = ${day(i)}\n+++\n`).schema({});
    assert.equal(newPost(hugo, { ...defaults, newPostFileName: '{date}-{slug}.html.md' }).name, '2020-01-02-roundup-week-2.html.md');
  });

  it('roundup.frontMatter.dateStyle and roundup.newPost.fileName win over the blog\'s', async () => {
    const schema = (await readBlog(fixturePath('formats', 'hugo-cascade'), defaults)).schema(schemaSettingsOf(defaults.frontMatter));
    const settings: RoundupSettings = {
      ...defaults,
      newPostFileName: '{year}-{slug}.md',
      frontMatter: { ...defaults.frontMatter, dateStyle: 'YYYY-MM-DD' },
    };
    const { name, text } = newPost(schema, settings);
    assert.equal(name, '2020-roundup-week-2.md');
    assert.match(text, /^date = 2020-01-02$/m);
    // And on a blog of no style, the model's post with the date style set.
    const model = newPost(blogOf(0, () => '').schema({}), settings);
    assert.match(model.text, /^---\ntitle: 'Roundup: week 2'\nauthor: Rich Bowen\ndate: 2020-01-02\n/);
  });

  it('roundup.frontMatter.required set: the keys it requires are written, in the blog\'s format', async () => {
    const blog = await readBlog(fixturePath('formats', 'hugo-cascade'), defaults);
    const schema = blog.schema({ required: ['title', 'date', 'author', 'draft', 'tags'] });
    const { text } = newPost(schema);
    assert.match(text, /^author = 'Rich Bowen'$/m);
    assert.deepEqual(lintPost(text, defaults, { now: NOW, fileName: 'roundup-week-2.md', schema: schema.schema }), []);
  });

  it('a Jekyll post named without its date gets the date key the name would stand for', async () => {
    const schema = (await readBlog(fixturePath('formats', 'jekyll'), defaults)).schema(schemaSettingsOf(defaults.frontMatter));
    const settings: RoundupSettings = { ...defaults, newPostFileName: '{slug}.md' };
    const { name, text } = newPost(schema, settings);
    assert.equal(name, 'roundup-week-2.md');
    assert.deepEqual(shapeOf(text).keys, ['title', 'date', 'categories', 'tags']);
    assert.deepEqual(lintPost(text, defaults, { now: NOW, fileName: name, schema: schema.schema }), []);
  });

  it('an empty author and no tags leave the keys to fill in, in the blog\'s format', () => {
    const blog = blogOf(20, (i) => `+++\ntitle = 'Post ${i}'\nauthor = 'a'\ndate = ${day(i)}\ntags = ['x${i}']\n+++\n`);
    const { text } = newPost(blog.schema({}), defaults, { ...POST, author: '', tags: '' });
    assert.equal(text, "+++\ntitle = 'Roundup: week 2'\nauthor = ''\ndate = 2020-01-02\ntags = []\n+++\n\n");
  });
});
