import * as assert from 'node:assert/strict';
import { detectPostsFolder, isPostPath, type PostsRule } from '../../src/core/posts';

const YAML = '---\ntitle: T\n---\n';
const TOML = '+++\ntitle = "T"\n+++\n';

/** The posts and pages of a blog laid out as its generator documents it, and what Roundup makes of them. */
function classify(files: Record<string, string>, globs: string[] = []): { folder: string | undefined; posts: string[] } {
  const list = Object.entries(files).map(([path, head]) => ({ path, head }));
  const rule: PostsRule = { globs, folder: detectPostsFolder(list) };
  return { folder: rule.folder, posts: list.map((f) => f.path).filter((path) => isPostPath(path, rule)) };
}

describe('which files are posts', () => {
  it('Middleman: the dated posts of source/blog, not the documentation pages beside them', () => {
    const blog = classify({
      'source/blog/2016-05-17-rdo-blogs.html.md': YAML,
      'source/blog/2016-05-10-summit.html.md': YAML,
      'source/documentation/install.html.md': YAML,
      'source/index.html.md': YAML,
      'README.md': '# Site\n',
    });
    assert.deepEqual(blog, { folder: 'source/blog', posts: ['source/blog/2016-05-17-rdo-blogs.html.md', 'source/blog/2016-05-10-summit.html.md'] });
  });

  it('Jekyll: _posts, and a dated file anywhere; about.md and index.md are pages', () => {
    const blog = classify({
      '_posts/2016-05-17-welcome.md': YAML,
      '_posts/2017-01-02-second.markdown': YAML,
      'about.md': YAML,
      'index.md': YAML,
      'news/2018-03-04-release.md': YAML,
    });
    assert.equal(blog.folder, '_posts');
    assert.deepEqual(blog.posts, ['_posts/2016-05-17-welcome.md', '_posts/2017-01-02-second.markdown', 'news/2018-03-04-release.md']);
  });

  it('Hugo with TOML and undated names: content/posts, its bundles, not _index.md nor content/about.md', () => {
    const blog = classify({
      'content/posts/_index.md': TOML,
      'content/posts/first-post.md': TOML,
      'content/posts/a-bundle/index.md': TOML,
      'content/about.md': TOML,
      'content/_index.md': TOML,
    });
    assert.equal(blog.folder, 'content/posts');
    assert.deepEqual(blog.posts, ['content/posts/first-post.md', 'content/posts/a-bundle/index.md']);
  });

  it('posts dated by their path: Hugo bundles named by their day, Middleman year/month/day folders', () => {
    assert.deepEqual(classify({
      'content/posts/_index.md': TOML,
      'content/posts/2016-05-17-summit/index.md': TOML,
      'content/posts/2016-05-10-release/index.md': TOML,
      'content/about/index.md': TOML,
    }), { folder: 'content/posts', posts: ['content/posts/2016-05-17-summit/index.md', 'content/posts/2016-05-10-release/index.md'] });
    assert.deepEqual(classify({
      'source/blog/2016/05/17-summit.html.md': YAML,
      'source/blog/2016/05/10-release.html.md': YAML,
      'source/docs/install.html.md': YAML,
    }), { folder: 'source/blog', posts: ['source/blog/2016/05/17-summit.html.md', 'source/blog/2016/05/10-release.html.md'] });
  });

  it('Zola content/blog and Astro src/content/blog by their folder names', () => {
    assert.deepEqual(classify({ 'content/blog/_index.md': TOML, 'content/blog/hello.md': TOML, 'content/pages/about.md': TOML }), {
      folder: 'content/blog',
      posts: ['content/blog/hello.md'],
    });
    assert.deepEqual(classify({ 'src/content/blog/first.md': YAML, 'src/content/blog/second.md': YAML, 'src/pages/about.md': YAML }), {
      folder: 'src/content/blog',
      posts: ['src/content/blog/first.md', 'src/content/blog/second.md'],
    });
  });

  it('a dated TOML or JSON post counts toward its folder like a YAML one', () => {
    assert.equal(classify({ 'notes/2020-01-01-a.md': TOML, 'notes/2020-01-02-b.md': '{\n"title": "B"\n}\n', 'posts/x.md': YAML }).folder, 'notes');
  });

  it('a folder of posts at the root: every file but the root index.md', () => {
    assert.deepEqual(classify({ '2016-04-26-summit.html.md': YAML, 'roundup-post.md': YAML, 'index.md': YAML }), {
      folder: '',
      posts: ['2016-04-26-summit.html.md', 'roundup-post.md'],
    });
  });

  it('a blog that shows no posts folder: every file is a post, as before', () => {
    assert.deepEqual(classify({ 'notes.md': YAML, 'draft.md': YAML }), { folder: undefined, posts: ['notes.md', 'draft.md'] });
  });

  it('roundup.posts globs decide alone when given', () => {
    const files = { 'source/blog/2016-05-17-a.html.md': YAML, 'docs/guide.md': YAML, 'docs/posts/b.md': YAML };
    assert.deepEqual(classify(files, ['docs/**/*.md']).posts, ['docs/guide.md', 'docs/posts/b.md']);
    assert.deepEqual(classify(files, ['./docs/posts/*.md', 'nothing/*']).posts, ['docs/posts/b.md']);
  });
});
