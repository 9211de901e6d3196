/** base/datedPath.ts: the day a post's path gives it, and the folder the dated part stands in. */
import * as assert from 'node:assert/strict';
import { datedPath, datedPathGlobs } from '../../../src/core/base/datedPath';
import { globToRegExp } from '../../../src/core/files';

describe('base/datedPath', () => {
  it('a file name that starts with the day (Jekyll, Middleman, Eleventy, Hugo :filename)', () => {
    assert.deepEqual(datedPath('_posts/2016-05-17-welcome.md'), { day: '2016-05-17', folder: '_posts' });
    assert.deepEqual(datedPath('source/blog/2016-05-17-rdo.html.md'), { day: '2016-05-17', folder: 'source/blog' });
    assert.deepEqual(datedPath('2016-05-17.md'), { day: '2016-05-17', folder: '' });
    assert.deepEqual(datedPath('posts\\2016-05-17_notes.md'), { day: '2016-05-17', folder: 'posts' });
  });

  it('a page bundle named by its day (Hugo): its index is dated, other files of the bundle are not', () => {
    assert.deepEqual(datedPath('content/posts/2016-05-17-summit/index.md'), { day: '2016-05-17', folder: 'content/posts' });
    assert.deepEqual(datedPath('content/posts/2016-05-17-summit/_index.md'), { day: '2016-05-17', folder: 'content/posts' });
    assert.equal(datedPath('content/posts/2016-05-17-summit/notes.md'), undefined);
  });

  it('year/month/day folders (Middleman {year}/{month}/{day}): the day as a folder or at the start of the name', () => {
    assert.deepEqual(datedPath('source/blog/2016/05/17-summit.html.md'), { day: '2016-05-17', folder: 'source/blog' });
    assert.deepEqual(datedPath('blog/2016/05/17/summit.md'), { day: '2016-05-17', folder: 'blog' });
    assert.deepEqual(datedPath('2016/05/17/summit.md'), { day: '2016-05-17', folder: '' });
  });

  it('no day: undated names, a year or a month alone, numbers that are no month or day', () => {
    assert.equal(datedPath('content/posts/first-post.md'), undefined);
    assert.equal(datedPath('blog/2016/05/summit.md'), undefined);
    assert.equal(datedPath('blog/2016/summit.md'), undefined);
    assert.equal(datedPath('releases/2016-13-45-notes.md'), undefined);
    assert.equal(datedPath('blog/2016/00/17-x.md'), undefined);
    assert.equal(datedPath('v1/20160517-notes.md'), undefined);
  });

  it('datedPathGlobs: a search by them finds every path datedPath dates', () => {
    const globs = datedPathGlobs('md').map(globToRegExp);
    const found = (path: string) => globs.some((re) => re.test(path));
    for (const path of ['_posts/2016-05-17-welcome.md', '2016-05-17.md', 'content/posts/2016-05-17-summit/index.md',
      'source/blog/2016/05/17-summit.md', 'blog/2016/05/17/summit.md', '2016/05/17/summit.md']) {
      assert.ok(datedPath(path), path);
      assert.ok(found(path), path);
    }
    for (const path of ['content/posts/first-post.md', 'blog/2016/05/summit.md', 'content/posts/2016-05-17-summit/notes.md']) {
      assert.equal(found(path), false, path);
    }
  });
});
