/**
 * A schema learned from the blog: from the posts' keys (how many posts write each, of which type, with
 * empty values, dated by their file names), from what the blog declares, with the settings winning key
 * by key; and the model blog (the shared corpus) linted with what it teaches.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BlogKnowledge } from '../../../src/core/blog';
import { resolveSchema, schemaAsSettings, schemaMarkdown, schemaSettingsOf } from '../../../src/core/frontmatter/blogSchema';
import { readDeclared } from '../../../src/core/frontmatter/declared';
import { learnSchema, MIN_POSTS, NEARLY, postKeys } from '../../../src/core/frontmatter/learn';
import { lintPost } from '../../../src/core/lint/lintPost';
import { readSettings } from '../../../src/core/settings';
import { NOW, sharedPath, span } from '../helpers';

const noSettings = readSettings(() => undefined).settings;

/** A blog of `n` posts made by `post(i)`, as name -> text. */
function blogOf(n: number, post: (i: number) => [string, string]): Map<string, string> {
  return new Map(Array.from({ length: n }, (_, i) => post(i)));
}

function schemaOf(posts: Map<string, string>, settings: Record<string, unknown> = {}) {
  const blog = new BlogKnowledge({ globs: [], folder: '_posts' });
  for (const [name, text] of posts) blog.setFile(`_posts/${name}`, text);
  const read = readSettings((key) => settings[key]).settings;
  return blog.schema(schemaSettingsOf(read.frontMatter));
}

function lintWith(posts: Map<string, string>, name: string, text: string, settings: Record<string, unknown> = {}) {
  const schema = schemaOf(posts, settings).schema;
  const read = readSettings((key) => settings[key]).settings;
  return lintPost(text, read, { now: NOW, fileName: name, schema }).map((p) => `${span(text, { ...p, rule: undefined })} ${p.message}`);
}

const day = (i: number) => `2016-05-${String((i % 28) + 1).padStart(2, '0')}`;

/** A Jekyll blog: dates in the file names, `layout` and `category` in every post, a few empty `tags:`. */
const jekyll = blogOf(30, (i) => [
  `${day(i)}-post-${i}.md`,
  `---\nlayout: post\ntitle: "Post ${i}"\ncategory: news\nauthors: [alice]\ntags:${i % 10 === 0 ? '' : ' [x]'}\n---\nText\n`,
]);

describe('a schema learned from the posts', () => {
  it('reads each key\'s kind of value, in YAML, TOML and JSON', () => {
    const yaml = postKeys('2016-05-17-a.md', '---\ntitle: A\ndate: 2016-05-17 10:00\ndraft: false\ntags:\n  - a\nn: 3\nempty:\n---\n');
    assert.deepEqual(Object.fromEntries(yaml!.keys), {
      title: 'text', date: 'dateText', draft: 'boolean', tags: 'list', n: 'other', empty: 'empty',
    });
    assert.equal(yaml!.datedName, true);
    const toml = postKeys('a.md', '+++\ntitle = "A"\ndate = 2016-05-17\ntags = ["a"]\n+++\n');
    assert.deepEqual(Object.fromEntries(toml!.keys), { title: 'text', date: 'date', tags: 'list' });
    const json = postKeys('a.md', '{\n  "title": "A",\n  "draft": true\n}\n');
    assert.deepEqual(Object.fromEntries(json!.keys), { title: 'text', draft: 'boolean' });
    assert.equal(postKeys('a.md', 'no front matter'), undefined);
  });

  it('required = what nearly every post writes; one post without it does not make it optional', () => {
    const posts = Array.from({ length: 20 }, (_, i) => postKeys('a.md', `---\ntitle: T\n${i === 0 ? '' : 'author: A\n'}---\n`)!);
    const learned = learnSchema(posts);
    assert.ok(19 >= NEARLY * 20 && learned.enough && learned.posts === MIN_POSTS);
    assert.deepEqual(learned.keys.map((k) => [k.key, k.required, k.type]), [['title', true, 'string'], ['author', true, 'string']]);
  });

  it('Jekyll: a dated file name stands for the date, keys every post uses are known, several empty tags are its way', () => {
    const schema = schemaOf(jekyll);
    assert.equal(schema.schema.dateInFileName, undefined, 'no post writes a date: nothing to stand for');
    assert.deepEqual(lintWith(jekyll, '2016-06-01-new.md', jekyll.get('2016-05-01-post-0.md')!), []);
    // A slip for a key every post writes is still one.
    const slip = '---\nlayout: post\ntitle: X\ncatgory: news\nauthors: [a]\ntags: [x]\n---\n';
    assert.deepEqual(lintWith(jekyll, '2016-06-01-new.md', slip), [
      '1:1-1:4 Required field "category" is missing ("catgory" is probably meant) (30 of 30 posts write "category")',
      '4:1-4:8 Unknown key "catgory": did you mean "category"?',
    ]);
    // A rare key of its own is no mistake.
    const rare = '---\nlayout: post\ntitle: X\ncategory: news\nauthors: [a]\ntags:\nsubtitle: Y\n---\n';
    assert.deepEqual(lintWith(jekyll, '2016-06-01-new.md', rare), []);
  });

  it('a post dated by its name needs no date when several posts of the blog are; one without either does', () => {
    const posts = blogOf(30, (i) => [`${day(i)}-p${i}.md`, `---\ntitle: P\n${i % 3 === 0 ? '' : `date: ${day(i)}\n`}---\n`]);
    const schema = schemaOf(posts);
    assert.equal(schema.schema.dateInFileName, 'date');
    assert.deepEqual(lintWith(posts, '2016-06-01-new.md', '---\ntitle: N\n---\n'), []);
    assert.deepEqual(lintWith(posts, 'undated.md', '---\ntitle: N\n---\n'), [
      '1:1-1:4 Required field "date" is missing (20 of 30 posts write "date" and 10 more are dated by their file names)',
    ]);
  });

  it('a dated path stands for the date too: bundles named by their day, year/month/day folders', () => {
    // Hugo page bundles (`2016-05-03-p2/index.md`) and Middleman's `{year}/{month}/{day}-{title}` sources.
    const bundles = blogOf(30, (i) => [`${day(i)}-p${i}/index.md`, `---\ntitle: P\n${i % 3 === 0 ? '' : `date: ${day(i)}\n`}---\n`]);
    assert.equal(schemaOf(bundles).schema.dateInFileName, 'date');
    assert.deepEqual(lintWith(bundles, '2016-06-01-new/index.md', '---\ntitle: N\n---\n'), []);
    const folders = blogOf(30, (i) => [`${day(i).replace(/-/g, '/')}-p${i}.md`, '---\ntitle: P\n---\n']);
    const learned = schemaOf(folders).schema;
    assert.deepEqual(lintWith(folders, '2016/06/01-new.md', '---\ntitle: N\n---\n'), []);
    assert.deepEqual(lintWith(bundles, 'undated/index.md', '---\ntitle: N\n---\n'), [
      '1:1-1:4 Required field "date" is missing (20 of 30 posts write "date" and 10 more are dated by their file names)',
    ]);
    assert.equal(learned.required.includes('date'), false, 'no post writes a date: none is asked for');
  });

  it('a schema diagnostic points to the newest posts its expectation comes from, with what they write', () => {
    const posts = blogOf(30, (i) => [`${day(i)}-p${i}.md`, `---\ntitle: P${i}\nauthor: Author ${i}\nfeatured: ${i % 2 === 0}\n---\n`]);
    const schema = schemaOf(posts).schema;
    const read = readSettings(() => undefined).settings;
    const problems = lintPost('---\ntitle: N\nfeatured: yes\n---\n', read, { now: NOW, fileName: 'n.md', schema });
    // Days 28, 27, 26 of May: posts 27, 26, 25 (day(i) wraps after 28 posts: 28 and 29 are May 1 and 2).
    assert.deepEqual(problems.map((p) => [p.rule, p.related]), [
      ['fm-required', [
        { path: '_posts/2016-05-28-p27.md', message: 'writes author: Author 27' },
        { path: '_posts/2016-05-27-p26.md', message: 'writes author: Author 26' },
        { path: '_posts/2016-05-26-p25.md', message: 'writes author: Author 25' },
      ]],
      ['fm-type', [
        { path: '_posts/2016-05-28-p27.md', message: 'writes featured: false' },
        { path: '_posts/2016-05-27-p26.md', message: 'writes featured: true' },
        { path: '_posts/2016-05-26-p25.md', message: 'writes featured: false' },
      ]],
    ]);
    // The model's schema (no blog learned) points nowhere.
    assert.deepEqual(lintPost('---\ntitle: N\n---\n', read, { now: NOW, fileName: 'n.md' }).map((p) => p.related), [undefined, undefined]);
  });

  it('the blog knows which files it read: posts with front matter and declaration files', () => {
    const blog = new BlogKnowledge({ globs: [], folder: '_posts' });
    blog.setFile('_posts/2016-05-01-a.md', '---\ntitle: A\n---\n');
    blog.setFile('_posts/2016-05-02-b.md', 'No front matter.\n');
    blog.setFile('_config.yml', 'defaults: []\n');
    blog.setFile('about.md', '---\ntitle: About\n---\n');
    assert.deepEqual(['_posts/2016-05-01-a.md', '_posts/2016-05-02-b.md', '_config.yml', 'about.md'].map((p) => blog.knows(p)),
      [true, false, true, false]);
    blog.deleteFile('_posts/2016-05-01-a.md');
    assert.equal(blog.knows('_posts/2016-05-01-a.md'), false);
  });

  it('a type is what nearly every post writes: another kind of value is reported, with the posts it comes from', () => {
    const posts = blogOf(25, (i) => [`p${i}.md`, `---\ntitle: P\nfeatured: ${i % 2 === 0}\n---\n`]);
    assert.deepEqual(lintWith(posts, 'n.md', '---\ntitle: N\nfeatured: yes\n---\n'), [
      '3:11-3:14 "featured" should be true or false, not the text yes (25 of 25 posts write "featured")',
    ]);
  });

  it('too few posts to learn from: the model schema, as before', () => {
    const posts = blogOf(MIN_POSTS - 1, (i) => [`${day(i)}-p${i}.md`, '---\nlayout: post\ntitle: P\n---\n']);
    const schema = schemaOf(posts);
    assert.equal(schema.learned, false);
    assert.deepEqual(schema.schema.required, ['title', 'author', 'date']);
    assert.deepEqual(lintWith(posts, 'n.md', '---\nlayout: post\ntitle: N\nauthor: A\ndate: 2016-05-17\n---\n'), [
      '2:1-2:7 Unknown key "layout"',
    ]);
  });

  it('settings win key by key: a field\'s type, and the required list when set', () => {
    const typed = schemaOf(jekyll, { 'roundup.frontMatter.fields': { category: 'tags' } });
    const category = typed.keys.find((k) => k.key === 'category')!;
    assert.deepEqual([category.type, category.required, category.source], ['tags', true, 'settings']);
    assert.equal(typed.keys.find((k) => k.key === 'layout')!.source, 'learned');
    const required = schemaOf(jekyll, { 'roundup.frontMatter.required': ['title'] });
    assert.deepEqual(required.schema.required, ['title']);
    const whole = schemaOf(jekyll, {
      'roundup.frontMatter.required': ['title'],
      'roundup.frontMatter.fields': { title: 'string' },
    });
    assert.deepEqual(whole.schema, { required: ['title'], fields: { title: 'string' } });
  });

  it('follows a post that changes and one that goes', () => {
    const blog = new BlogKnowledge({ globs: [], folder: '_posts' });
    for (const [name, text] of jekyll) blog.setFile(`_posts/${name}`, text);
    const settings = schemaSettingsOf(noSettings.frontMatter);
    assert.equal(blog.schema(settings).keys.find((k) => k.key === 'layout')!.posts, 30);
    blog.setFile('_posts/2016-05-01-post-0.md', '---\ntitle: X\n---\n');
    assert.equal(blog.schema(settings).keys.find((k) => k.key === 'layout')!.posts, 29);
    blog.deleteFile('_posts/2016-05-02-post-1.md');
    assert.equal(blog.schema(settings).posts, 29);
    blog.setFile('about.md', '---\ntitle: About\nlayout: page\n---\n');
    assert.equal(blog.schema(settings).posts, 29, 'a page outside the posts folder teaches nothing');
  });
});

describe('a schema the blog declares', () => {
  it('Front Matter CMS: the default content type\'s fields, types and required', () => {
    const config = JSON.stringify({
      'frontMatter.taxonomy.contentTypes': [
        { name: 'default', fields: [
          { name: 'title', type: 'string', required: true },
          { name: 'date', type: 'datetime', required: true },
          { name: 'tags', type: 'tags' },
          { name: 'draft', type: 'draft' },
        ] },
      ],
    });
    const declared = readDeclared([{ path: 'frontmatter.json', text: config }], 'content');
    const schema = resolveSchema(undefined, declared, {});
    assert.deepEqual(schema.schema.required, ['title', 'date']);
    assert.deepEqual(schema.schema.fields, { title: 'string', date: 'date', tags: 'tags', draft: 'any' });
    assert.deepEqual(schema.declaredIn, ['frontmatter.json']);
    assert.deepEqual(schema.schema.related?.date, [{ path: 'frontmatter.json', message: 'declares "date"' }]);
  });

  it('Front Matter CMS: the content type the posts\' page folder allows, the nearest folder above them winning', () => {
    const field = (name: string, type: string) => ({ name, type, required: true });
    const config = JSON.stringify({
      'frontMatter.content.pageFolders': [
        { title: 'Site', path: '[[workspace]]/content' },
        { title: 'Posts', path: '[[workspace]]/content/posts', contentTypes: ['missing', 'post', 'default'] },
        { title: 'Docs', path: '[[workspace]]/content/docs', contentTypes: ['doc'] },
      ],
      'frontMatter.taxonomy.contentTypes': [
        { name: 'default', fields: [field('title', 'string')] },
        { name: 'post', fields: [field('title', 'string'), field('pubDate', 'datetime')] },
        { name: 'doc', fields: [field('weight', 'number')] },
      ],
    });
    const required = (folder: string | undefined) =>
      resolveSchema(undefined, readDeclared([{ path: 'frontmatter.json', text: config }], folder), {}).schema.required;
    assert.deepEqual(required('content/posts'), ['title', 'pubDate']);
    assert.deepEqual(required('content/posts/2016'), ['title', 'pubDate']);
    assert.deepEqual(required('content/docs'), ['weight']);
    // A folder that allows no type of its own, or an unknown posts folder: the `default` type.
    assert.deepEqual(required('content/news'), ['title']);
    assert.deepEqual(required(undefined), ['title']);
  });

  it('a file that does not read is left out, with why', () => {
    const declared = readDeclared([{ path: 'frontmatter.json', text: '{ broken' }], undefined);
    assert.deepEqual(declared.unreadable, [{ file: 'frontmatter.json', reason: 'not valid JSON' }]);
    assert.equal(resolveSchema(undefined, declared, {}).schema.required.length, 3, 'the model schema');
  });
});

describe('the model blog (shared corpus) with no settings: learned', () => {
  const folder = sharedPath('corpus', 'rdo-blog');
  const names = readdirSync(folder).filter((n) => n.endsWith('.md')).sort();
  const texts = new Map(names.map((n) => [n, readFileSync(path.join(folder, n), 'utf8')]));
  const blog = new BlogKnowledge({ globs: [], folder: '' });
  for (const [name, text] of texts) blog.setFile(name, text);
  const schema = blog.schema(schemaSettingsOf(noSettings.frontMatter));
  const lint = (name: string, text: string) =>
    lintPost(text, noSettings, { now: NOW, fileName: name, schema: schema.schema }).map((p) => span(text, p));

  it('learns the model\'s keys', () => {
    assert.equal(schema.learned, true);
    assert.deepEqual(schema.schema.required.sort(), ['author', 'date', 'title']);
    assert.deepEqual(schema.schema.fields, { date: 'date', title: 'string', author: 'string', tags: 'tags', comments: 'boolean', published: 'boolean' });
  });

  it('no false problem: the same few really wrong posts as with the model schema', () => {
    const reported = [...texts].map(([name, text]) => [name, lint(name, text)] as const).filter(([, p]) => p.length > 0);
    assert.deepEqual(Object.fromEntries(reported), {
      '2013-10-02-hello-world.html.md': ['1:1-1:4 fm-required', '5:1-5:8 fm-unknown-key'],
      '2013-10-22-springboard-is-shaping-up.html.md': ['1:1-1:4 fm-required', '5:1-5:8 fm-unknown-key'],
      '2013-11-06-hello-world.html.md': ['5:1-5:5 fm-empty'],
    });
  });

  it('the rules it relies on still fire when a post is broken: no title, no author, no date', () => {
    const name = '2013-04-13-announcing-rdo.html.md';
    const text = texts.get(name)!;
    for (const key of ['title', 'author', 'date']) {
      const broken = text.replace(new RegExp(`^${key}:.*\\n`, 'm'), '');
      assert.notEqual(broken, text);
      assert.deepEqual(lint(name, broken), ['1:1-1:4 fm-required'], key);
    }
    assert.deepEqual(lint(name, text.replace('author:', 'autor:')), ['1:1-1:4 fm-required', '4:1-4:6 fm-unknown-key']);
  });
});

describe('the schema shown and pinned', () => {
  it('a markdown table of every key: type, posts, required, where it came from; and the settings that pin it', () => {
    const blog = schemaOf(jekyll);
    const text = schemaMarkdown(blog);
    assert.match(text, /^Learned from 30 posts\.$/m);
    assert.match(text, /^\| `category` \| string \| 30 of 30 \| yes \| learned \|$/m);
    assert.match(text, /^\| `tags` \| tags \| 30 of 30 \| yes \| learned \|$/m);
    const pinned = schemaAsSettings(blog);
    assert.deepEqual(pinned.required.sort(), ['authors', 'category', 'layout', 'tags', 'title']);
    assert.equal(pinned.fields.authors, 'tags');
    // Pinned, the settings say the whole schema: the same problems, none learned any more.
    const settings = { 'roundup.frontMatter.required': pinned.required, 'roundup.frontMatter.fields': pinned.fields };
    assert.deepEqual(schemaOf(jekyll, settings).keys.every((k) => k.source === 'settings'), true);
  });
});
