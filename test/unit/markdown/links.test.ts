import * as assert from 'node:assert/strict';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { entryLinkKeys, extractLinkSet, isIncluded, normalizeLink, sameLinks, scanLinks } from '../../../src/core/markdown';

function entry(link: string, id = 'guid-1'): FeedEntry {
  return { id, feed: 'F', title: 'T', author: '', link, published: '', summaryHtml: '' };
}

const BLOCK_A = '**Deploying EC2** by Tim Bell\n\n> OpenStack has supported a subset of the EC2 API.\n\n... read more at [http://tm3.org/6e](http://tm3.org/6e)';

describe('markdown: normalizeLink', () => {
  it('ignores a trailing slash, an empty fragment, scheme and host case, http vs https and default ports', () => {
    const key = normalizeLink('http://example.com/blog/post');
    for (const variant of [
      'http://example.com/blog/post/',
      'https://example.com/blog/post',
      'HTTP://Example.COM/blog/post#',
      'http://example.com:80/blog/post',
      'https://example.com:443/blog/post/',
      '<http://example.com/blog/post>',
      ' http://example.com/blog/post ',
    ]) {
      assert.equal(normalizeLink(variant), key, variant);
    }
  });

  it('decodes percent-encoding, character references and markdown backslash escapes', () => {
    assert.equal(normalizeLink('http://x.example/a%20b%28c%29'), normalizeLink('http://x.example/a b(c)'));
    assert.equal(normalizeLink('http://x.example/?a=1&amp;b=2'), normalizeLink('http://x.example/?a=1&b=2'));
    assert.equal(normalizeLink('http://x.example/a\\_b'), normalizeLink('http://x.example/a_b'));
    assert.equal(normalizeLink('http://x.example/caf%C3%A9'), normalizeLink('http://x.example/café'));
    assert.equal(normalizeLink('http://x.example/100%'), 'http://x.example/100%');
  });

  it('keeps what changes the target: path case, query, other hosts', () => {
    const key = normalizeLink('http://example.com/Post?id=1');
    assert.notEqual(normalizeLink('http://example.com/post?id=1'), key);
    assert.notEqual(normalizeLink('http://example.com/Post?id=2'), key);
    assert.notEqual(normalizeLink('http://www.example.com/Post?id=1'), key);
    assert.equal(normalizeLink('http://example.com/Post/?id=1'), key);
    assert.equal(normalizeLink('http://x.example/p?'), normalizeLink('http://x.example/p'));
    assert.notEqual(normalizeLink('ftp://example.com/Post?id=1'), key);
  });

  it('keeps the fragment: links to two places of one page are two links; a %23 in the path stays one', () => {
    assert.equal(normalizeLink('http://x.example/a%23b#c'), 'http://x.example/a%23b#c');
    assert.notEqual(normalizeLink('http://x.example/a%23b'), normalizeLink('http://x.example/a#b'));
    const a = 'https://doc.rust-lang.org/std/time/struct.Duration.html#method.is_zero';
    const b = 'https://doc.rust-lang.org/std/time/struct.Duration.html#associatedconstant.MAX';
    assert.notEqual(normalizeLink(a), normalizeLink(b));
    assert.equal(normalizeLink(a), normalizeLink(a.replace('https', 'http')));
    assert.equal(normalizeLink('http://x.example/p#caf%C3%A9'), normalizeLink('http://x.example/p#café'));
  });
});

describe('markdown: scanLinks and extractLinkSet', () => {
  it('finds inline links, reference definitions, autolinks, href attributes and bare URLs', () => {
    const text = [
      'An [inline](http://a.example/1 "title") link and [angle](<http://b.example/with space>).',
      '[ref]: http://c.example/ref',
      '   [ref2]:',
      '   <http://d.example/next-line>',
      'An autolink <https://e.example/auto> and <mailto:x@y.example>.',
      '<a href="http://f.example/html">x</a> <a href=\'http://g.example/single\'>y</a>',
      'Bare http://h.example/bare, and (see https://i.example/paren) and https://en.wikipedia.org/wiki/Foo_(bar).',
      '![image](http://j.example/pic.png)',
    ].join('\n');
    const links = scanLinks(text);
    assert.deepEqual(
      links.map((l) => [l.kind, l.url]),
      [
        ['inline', 'http://a.example/1'],
        ['inline', 'http://b.example/with space'],
        ['reference', 'http://c.example/ref'],
        ['reference', 'http://d.example/next-line'],
        ['autolink', 'https://e.example/auto'],
        ['autolink', 'mailto:x@y.example'],
        ['href', 'http://f.example/html'],
        ['href', 'http://g.example/single'],
        ['bare', 'http://h.example/bare'],
        ['bare', 'https://i.example/paren'],
        ['bare', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
        ['image', 'http://j.example/pic.png'],
      ],
    );
    for (const l of links) assert.equal(text.slice(l.start, l.end), l.url, l.url);
    const set = extractLinkSet(text);
    assert.ok(set.has(normalizeLink('http://b.example/with%20space')));
    assert.ok(!set.has(normalizeLink('http://j.example/pic.png')), 'images are not links');
    assert.equal(set.size, 11);
  });

  it('takes the destination of [text](url), not a URL in its text', () => {
    const links = scanLinks('[http://shown.example](http://target.example) and [a [nested] b](http://n.example/x_(y))');
    assert.deepEqual(links.map((l) => l.url), ['http://target.example', 'http://n.example/x_(y)']);
  });

  it('reads the read-more links of formatted blocks, including encoded and escaped ones', () => {
    const text = `${BLOCK_A}\n\n... read more at [http://x.example/a%20b%28c%29](http://x.example/a%20b%28c%29)\n\n* [x\\_y](http://y.example/a_b)`;
    const set = extractLinkSet(text);
    assert.ok(isIncluded(entry('http://tm3.org/6e'), set));
    assert.ok(isIncluded(entry('http://x.example/a b(c)'), set));
    assert.ok(isIncluded(entry('https://y.example/a_b/'), set));
    assert.ok(!isIncluded(entry('http://tm3.org/6'), set));
    assert.ok(!isIncluded(entry(''), set));
  });

  it('sameLinks: an edit of prose, or a link written another way, leaves the same links; one added or gone does not', () => {
    const post = 'Intro.\n\n[A](https://a.example/1) and <https://b.example/2>\n';
    const set = extractLinkSet(post);
    assert.equal(sameLinks(set, extractLinkSet(post.replace('Intro.', 'A longer intro, typed.'))), true);
    assert.equal(sameLinks(set, extractLinkSet(post.replace('https://a.example/1', 'HTTP://A.example/1/'))), true);
    assert.equal(sameLinks(set, extractLinkSet(`${post}[C](https://c.example/3)\n`)), false);
    assert.equal(sameLinks(set, extractLinkSet(post.replace('<https://b.example/2>', ''))), false);
    assert.equal(sameLinks(set, extractLinkSet(post.replace('<https://b.example/2>', '<https://b.example/9>'))), false);
  });

  it('finds an entry by its permalink guid too', () => {
    const set = extractLinkSet('See https://blog.example/2016/05/post/ for more.');
    assert.ok(isIncluded(entry('http://feedproxy.example/~r/xyz', 'https://blog.example/2016/05/post'), set));
    assert.ok(!isIncluded(entry('http://feedproxy.example/~r/xyz', 'tag:blog.example,2016:post-1'), set));
    assert.deepEqual(entryLinkKeys(entry('http://a.example', 'urn:x')), ['http://a.example']);
  });

  // No timed assertion (those live in `npm run bench`): at these sizes a scan that went back over the
  // text at each bracket would take minutes, far past the test's timeout.
  it('is linear: texts full of brackets, escapes or blank lines end', () => {
    for (const text of [
      '[a '.repeat(200_000) + '\n' + '[b](http://x.example) '.repeat(1000),
      '[\\'.repeat(300_000) + '[b](http://x.example)',
      ']('.repeat(300_000) + ' [b](http://x.example)',
      '\n'.repeat(1_000_000) + '[b](http://x.example)',
    ]) {
      assert.deepEqual([...extractLinkSet(text)], ['http://x.example']);
    }
  });

  it('lists links in text order even when a link text holds an autolink', () => {
    const links = scanLinks('[<http://a.example> text](http://b.example) <http://c.example>');
    assert.deepEqual(links.map((l) => [l.kind, l.url]), [['inline', 'http://b.example'], ['autolink', 'http://a.example'], ['autolink', 'http://c.example']]);
  });

  it('link text does not run across a blank line', () => {
    const links = scanLinks('[open\n\nhttp://x.example](http://y.example) and [a\nb http://z.example](http://w.example)');
    assert.deepEqual(links.map((l) => [l.kind, l.url]), [['bare', 'http://x.example'], ['bare', 'http://y.example'], ['inline', 'http://w.example']]);
  });
});
