import * as assert from 'node:assert/strict';
import { FeaturedIndex } from '../../../src/core/roundup/featured';
import { authorFromSiblings, choosePostsFolder, datedPostFolder, isRoundup } from '../../../src/core/roundup/postsFolder';

const FM = '---\ntitle: A post\n---\n\nText.\n';

/** Is the file a dated post (its folder said)? */
const isDatedPost = (file: { path: string; head: string }) => datedPostFolder(file) !== undefined;

describe('roundup/postsFolder', () => {
  it('a post has a dated file name and starts with front matter', () => {
    assert.equal(isDatedPost({ path: 'posts/2016-05-17-rdo.html.md', head: FM }), true);
    assert.equal(isDatedPost({ path: 'posts/2016-05-17-rdo.html.md', head: '\uFEFF---\r\ntitle: x\r\n---\r\n' }), true);
    assert.equal(isDatedPost({ path: 'README.md', head: FM }), false);
    assert.equal(isDatedPost({ path: 'notes/2016-05-17-todo.md', head: '# Todo\n' }), false);
  });

  it('a post dated by its bundle folder or by year/month/day folders belongs to the folder above the date', () => {
    assert.equal(datedPostFolder({ path: 'content/posts/2016-05-17-rdo/index.md', head: FM }), 'content/posts');
    assert.equal(datedPostFolder({ path: 'source/blog/2016/05/17-rdo.html.md', head: FM }), 'source/blog');
    assert.equal(datedPostFolder({ path: 'blog/2016/05/17/rdo.md', head: FM }), 'blog');
    assert.equal(datedPostFolder({ path: '2016/05/17/rdo.md', head: FM }), '');
    assert.equal(datedPostFolder({ path: 'content/posts/rdo/index.md', head: FM }), undefined);
    const files = ['01-a', '02-b', '03-c'].map((d) => ({ path: `source/blog/2016/05/${d}.html.md`, head: FM }));
    assert.deepEqual(choosePostsFolder([...files, { path: 'docs/2016-05-17-page.md', head: FM }]), {
      folder: 'source/blog',
      posts: 3,
    });
  });

  it('TOML and JSON front matter start a post too (any line ending); a shortcode at the top does not', () => {
    const dated = (head: string) => isDatedPost({ path: 'content/posts/2016-05-17-rdo.md', head });
    assert.equal(dated('+++\ntitle = "A post"\n+++\n'), true);
    assert.equal(dated('+++\rtitle = "A post"\r+++\r'), true);
    assert.equal(dated('---\rtitle: A post\r---\r'), true);
    assert.equal(dated('{\n  "title": "A post"\n}\n'), true);
    assert.equal(dated('{{< youtube abc >}}\n'), false);
  });

  it('TOML and JSON posts: published, author and date read for drafts and new posts', () => {
    const block = '**Title** by Someone\n\n> Quote\n\n... read more at [http://x.example/1](http://x.example/1)\n';
    assert.equal(isRoundup(`+++\ntitle = "x"\npublished = false\n+++\n\n${block}`), false);
    assert.equal(isRoundup(`{\n  "title": "x",\n  "published": false\n}\n\n${block}`), false);
    assert.equal(isRoundup(`+++\ntitle = "x"\n+++\n\n${block}`), true);
    assert.equal(authorFromSiblings([
      { fileName: 'a.md', text: '+++\nauthor = "Old"\ndate = 2016-01-01\n+++\n' },
      { fileName: 'b.md', text: '{\n  "author": "New",\n  "date": "2016-02-01"\n}\n' },
    ]), 'New');
  });

  it('a draft is no roundup: `draft: true` (Hugo, Zola, Astro, Eleventy) as `published: false` (Jekyll, Middleman)', () => {
    const block = '**Title** by Someone\n\n> Quote\n\n... read more at [http://x.example/1](http://x.example/1)\n';
    assert.equal(isRoundup(`+++\ntitle = "x"\ndraft = true\n+++\n\n${block}`), false);
    assert.equal(isRoundup(`---\ntitle: x\ndraft: true\n---\n\n${block}`), false);
    assert.equal(isRoundup(`{\n  "title": "x",\n  "draft": true\n}\n\n${block}`), false);
    assert.equal(isRoundup(`+++\ntitle = "x"\ndraft = false\n+++\n\n${block}`), true);
    assert.equal(isRoundup(`---\ntitle: x\npublished: true\ndraft: no\n---\n\n${block}`), true);
    // The featured index leaves drafts out too: their entries are not featured yet.
    const index = new FeaturedIndex();
    assert.equal(index.update('posts/draft.md', `+++\ntitle = "x"\ndraft = true\n+++\n\n${block}${block}`), false);
    assert.equal(index.update('posts/out.md', `+++\ntitle = "x"\ndraft = false\n+++\n\n${block}${block}`), true);
  });

  it('chooses the folder with the most posts; ties go to the shallowest, then by name', () => {
    const files = [
      { path: '2016-01-01-root.md', head: FM },
      { path: 'source/blog/2016-01-02-a.html.md', head: FM },
      { path: 'source/blog/2016-01-03-b.html.md', head: FM },
      { path: 'README.md', head: FM },
      { path: 'source/blog/2016-01-04-draft-notes.md', head: 'no front matter' },
    ];
    assert.deepEqual(choosePostsFolder(files), { folder: 'source/blog', posts: 2 });
    assert.deepEqual(choosePostsFolder(files.slice(0, 2)), { folder: '', posts: 1 });
    const tie = [
      { path: 'b/deep/2016-01-01-x.md', head: FM },
      { path: 'content/posts/2016-01-01-y.md', head: FM },
      { path: '_posts/2016-01-01-z.md', head: FM },
    ];
    assert.deepEqual(choosePostsFolder(tie), { folder: '_posts', posts: 1 });
    assert.equal(choosePostsFolder([{ path: 'README.md', head: FM }]), undefined);
  });

  it('an unpublished or empty post is no roundup; one with entry blocks is', () => {
    const block = '**Title** by Someone\n\n> Quote\n\n... read more at [http://x.example/1](http://x.example/1)\n';
    assert.equal(isRoundup(`---\ntitle: x\npublished: false\n---\n\n${block}`), false);
    assert.equal(isRoundup(`---\ntitle: x\npublished: 'false'\n---\n\n${block}`), false);
    assert.equal(isRoundup('---\ntitle: x\ncomments: true\npublished: false\n---\n\n'), false);
    assert.equal(isRoundup('---\ntitle: New\n---\n\n'), false);
    assert.equal(isRoundup('---\ntitle: See [x](http://a.example/) in YAML\n---\n\nNo links.\n'), false);
    assert.equal(isRoundup(`---\ntitle: x\npublished: true\n---\n\n${block}`), true);
    assert.equal(isRoundup(`---\ntitle: x\n---\n\n${block.replace('... read more', 'Read more')}`), true, 'Read more at');
  });

  it('a post with a stray link is no roundup: one list item, one read-more line, one linked title', () => {
    assert.equal(isRoundup('---\ntitle: x\n---\n\n* [Packstack](https://rdo.example/packstack)\n'), false);
    assert.equal(isRoundup('---\ntitle: x\n---\n\n... read more at the blog\n'), false);
    assert.equal(isRoundup('---\ntitle: x\n---\n\n**[Packstack](https://rdo.example/packstack)** by Someone\n'), false);
    assert.equal(isRoundup('---\ntitle: x\n---\n\nRead [the docs](https://docs.example) and [the FAQ](https://faq.example).\n'), false);
  });

  it('two entries of the lighter shapes make a roundup: entry links, linked titles, read-more lines', () => {
    const list = '* [Packstack](https://rdo.example/packstack)\n* [TripleO](https://rdo.example/tripleo)\n';
    assert.equal(isRoundup(`---\ntitle: x\n---\n\n${list}`), true);
    const titles = '**[A](https://a.example)** by X\n\n[**B**](https://b.example), by Y\n';
    assert.equal(isRoundup(`---\ntitle: x\n---\n\n${titles}`), true);
    const plainTitles = 'A, by X\n\n> q\n\n... Read more at http://tm3.org/a\n\nB, by Y\n\n... Read more at http://tm3.org/b\n';
    assert.equal(isRoundup(`---\ntitle: x\n---\n\n${plainTitles}`), true, 'titles that are not bold');
    assert.equal(isRoundup('---\ntitle: x\n---\n\n**[A](https://a.example)** by X\n\n> The excerpt.\n'), true, 'a quote under a linked title');
  });

  it('takes the author of the most recent sibling that names one', () => {
    const post = (fileName: string, fm: string) => ({ fileName, text: `---\n${fm}\n---\n\nText.\n` });
    assert.equal(authorFromSiblings([
      post('2016-01-01-a.md', 'author: old'),
      post('2016-03-01-b.md', 'author: "Rich Bowen"'),
      post('2016-04-01-c.md', 'author:'),
      post('notes.md', 'author: nodate'),
      post('x.md', 'date: 2016-02-01 10:00:00 UTC\nauthor: middle'),
    ]), 'Rich Bowen');
    assert.equal(authorFromSiblings([post('2016-04-01-c.md', 'author:')]), undefined);
    assert.equal(authorFromSiblings([post('x.md', 'date: 2017-01-01\nauthor: dated'), post('2016-01-01-a.md', 'author: a')]), 'dated');
  });
});
