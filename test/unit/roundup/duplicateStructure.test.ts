/**
 * post-duplicate-link only where a reader would call it a duplicate entry: decided from the structure
 * of the post, with fixes that markdown-it renders as the same links minus the removed entry.
 */
import * as assert from 'node:assert/strict';
import { applyEdits, type Problem } from '../../../src/core/lint/problem';
import { lintDuplicateLinks } from '../../../src/core/roundup/rules';
import { extractLinkSet, type LinkOccurrence, scanLinks } from '../../../src/core/markdown';
import { findDuplicateLinks } from '../../../src/core/roundup/duplicates';
import { generatePost, int, seeded } from '../../support/random';
import { only } from '../helpers';
import { md } from './markdown';

/** The hrefs markdown-it renders, as a sorted list (duplicates kept). */
function renderedLinks(markdown: string): string[] {
  const out: string[] = [];
  for (const token of md.parse(markdown, {})) {
    for (const child of token.children ?? []) if (child.type === 'link_open') out.push(child.attrGet('href') ?? '');
  }
  return out.sort();
}

/** Fails unless the fix leaves the same rendered links as before minus those of the text it removes. */
function assertCleanFix(text: string, p: Problem): string {
  assert.equal(p.fixes.length, 1, 'a fix is offered');
  const [edit] = p.fixes[0].edits;
  const fixed = applyEdits(text, p.fixes[0].edits);
  const before = renderedLinks(text);
  const removed = renderedLinks(text.slice(edit.start, edit.end));
  assert.ok(removed.length >= 1, 'the removed text holds the entry link');
  for (const href of removed) {
    const i = before.indexOf(href);
    assert.ok(i >= 0, `removed link ${href} was rendered before`);
    before.splice(i, 1);
  }
  assert.deepEqual(renderedLinks(fixed), before, 'the same links, minus the removed entry');
  return fixed;
}

const BLOCK = (title: string, url: string) => `**${title}** by Tim Bell\n\n> An excerpt with [a link](http://cited.example/${title.length}).\n\n... read more at [${url}](${url})`;

describe('post-duplicate-link: nothing kept from one text to the next', () => {
  it('each call reads its own text, whatever was read before, and hands out a result of its own', () => {
    const text = `${BLOCK('A', 'http://tm3.org/1')}\n\n${BLOCK('B', 'http://tm3.org/1')}\n\n* [x](http://x.example/1)\n`;
    const plain = (links: readonly LinkOccurrence[]) => links.map((l) => [l.kind, l.url, l.start, l.end, l.key]);
    const links = plain(scanLinks(text));
    const duplicates = findDuplicateLinks(text);
    assert.equal(duplicates.length, 1);
    // A longer text with more links in between, then the same text again.
    const other = `${text}${'See [y](http://y.example/2) and http://z.example/3.\n'.repeat(50)}`;
    assert.equal(findDuplicateLinks(other).length, 1);
    assert.ok(extractLinkSet(other).has('http://y.example/2'));
    assert.deepEqual(findDuplicateLinks(text), duplicates);
    assert.deepEqual(plain(scanLinks(text)), links);
    // What a caller does with its result is not seen by the next caller.
    const mine = scanLinks(text) as LinkOccurrence[];
    mine.length = 0;
    assert.deepEqual(plain(scanLinks(text)), links);
    assert.ok(extractLinkSet(text).has('http://x.example/1'));
  });
});

describe('post-duplicate-link: what counts as a duplicate entry', () => {
  it('a marker alone on its line over an indented item is a list item holding a list, not an entry', () => {
    // This threw once: the item's first line has no content, its content is the nested list below it.
    const text = '*\n  * [i](http://i.example/1)\n* [i](http://i.example/1)\n';
    assert.deepEqual(lintDuplicateLinks(text), []);
    assert.deepEqual(lintDuplicateLinks(text.replace(/\n/g, '\r')), []);
  });

  it('links that differ in their #fragment are different entries', () => {
    const base = 'https://doc.rust-lang.org/std/time/struct.Duration.html';
    const text = `# API\n\n* [is_zero](${base}#method.is_zero)\n* [MAX](${base}#associatedconstant.MAX)\n* [ZERO](${base}#associatedconstant.ZERO)\n`;
    assert.deepEqual(lintDuplicateLinks(text), []);
    const again = `${text}* [is_zero again](${base}#method.is_zero)\n`;
    const p = only(lintDuplicateLinks(again));
    assert.equal(again.slice(p.start, p.end), `${base}#method.is_zero`);
    assert.equal(assertCleanFix(again, p), text, 'the fix removes the item with the same fragment, not another');
  });

  it('the same link under two headings of release notes is not a duplicate', () => {
    const pr = 'https://github.com/example/project/pull/1234';
    const notes = `## 1.2.0\n\n### Added\n\n- A new flag ([#1234](${pr}))\n- [#1234](${pr})\n\n### Fixed\n\n- The flag's default ([#1234](${pr}))\n- [#1234](${pr})\n`;
    assert.deepEqual(lintDuplicateLinks(notes), []);
    // Two lists of one-link items under two headings: two lists, each entry once.
    const lists = `### Added\n\n- [#1234](${pr})\n- [#1235](${pr}5)\n\n### Fixed\n\n- [#1234](${pr})\n`;
    assert.deepEqual(lintDuplicateLinks(lists), []);
  });

  it('an article cited twice in prose, or in a list that holds more than links, is not a duplicate', () => {
    const url = 'https://lwn.net/Articles/1000/';
    assert.deepEqual(lintDuplicateLinks(`As [LWN wrote](${url}), it works.\n\nLater, [the same article](${url}) says more.\n`), []);
    assert.deepEqual(lintDuplicateLinks(`* [LWN](${url}) on the change\n* [LWN](${url})\n`), [], 'one item is more than a link: not a list of entries');
    assert.deepEqual(lintDuplicateLinks(`* [LWN](${url})\n  by Jonathan Corbet\n* [LWN](${url})\n`), [], 'an item that goes on is not one link');
  });

  it('a one-link item repeated in the same list, and an entry repeated as a block, are duplicates', () => {
    const url = 'https://www.rdoproject.org/blog/2016/04/what-did-you-do-in-mitaka-ivan-chavero/';
    const list = `* [Ivan Chavero](${url})\n* [Chandan Kumar](https://www.rdoproject.org/blog/ck/)\n* [Ivan Chavero](${url})\n\nAfter.\n`;
    const p = only(lintDuplicateLinks(list));
    assert.equal(p.fixes[0].title, 'Remove this duplicate list item');
    assert.equal(assertCleanFix(list, p), list.replace(`* [Ivan Chavero](${url})\n\n`, '\n'));
    const loose = `* [Ivan Chavero](${url})\n\n* [Chandan Kumar](https://x.example/ck)\n\n* [Ivan](${url})\n`;
    assertCleanFix(loose, only(lintDuplicateLinks(loose)));
    const block = `${BLOCK('Entry', 'http://tm3.org/6e')}\n\n* [Entry](http://tm3.org/6e)\n`;
    assertCleanFix(block, only(lintDuplicateLinks(block)));
    const blocks = `Intro.\n\n${BLOCK('Entry', 'http://tm3.org/6e')}\n\n${BLOCK('Entry again', 'https://tm3.org/6e/')}\n\nOutro.\n`;
    const b = only(lintDuplicateLinks(blocks));
    assert.equal(b.fixes[0].title, 'Remove this duplicate block');
    assert.equal(assertCleanFix(blocks, b), `Intro.\n\n${BLOCK('Entry', 'http://tm3.org/6e')}\n\nOutro.\n`);
  });

  it('a link whose text wraps over two lines is one link, and its whole item goes', () => {
    const url = 'https://opensource.com/article/16/5/a-long-article';
    const text = `* [A long title that wraps\n  over two lines](${url})\n* [Other](https://x.example/o)\n* [A long title that wraps\n  over two lines](${url})\n\nEnd.\n`;
    const p = only(lintDuplicateLinks(text));
    assert.equal(assertCleanFix(text, p), `* [A long title that wraps\n  over two lines](${url})\n* [Other](https://x.example/o)\n\nEnd.\n`);
    const lazy = `* [A title that\nwraps lazily](${url})\n* [A title that\nwraps lazily](${url})\n`;
    assert.equal(assertCleanFix(lazy, only(lintDuplicateLinks(lazy))), `* [A title that\nwraps lazily](${url})\n`);
    const readMore = `${BLOCK('A', 'http://tm3.org/1')}\n\n**B** by C\n\n> q\n\n... read more at [a title that\nwraps](http://tm3.org/1)\n\nEnd.\n`;
    assert.equal(assertCleanFix(readMore, only(lintDuplicateLinks(readMore))), `${BLOCK('A', 'http://tm3.org/1')}\n\nEnd.\n`);
  });

  it('no fix when removing the block would take a reference definition other text uses', () => {
    const text = `${BLOCK('A', 'http://tm3.org/1')}\n\n**B** by C\n\n> see [the spec][s]\n[s]: http://spec.example/\n\n... read more at [http://tm3.org/1](http://tm3.org/1)\n\nAs [the spec][s] says.\n`;
    const p = only(lintDuplicateLinks(text));
    assert.deepEqual(p.fixes, []);
  });

  it('CRLF and CR posts: the same duplicates, and fixes that keep their line breaks', () => {
    const url = 'https://x.example/a';
    const lf = `* [A](${url})\n* [B](https://x.example/b)\n* [A](${url})\n\n${BLOCK('T', 'http://tm3.org/9')}\n\n${BLOCK('U', 'http://tm3.org/9')}\n\nEnd.\n`;
    const expected = applyEdits(lf, lintDuplicateLinks(lf).flatMap((p) => p.fixes[0].edits));
    for (const eol of ['\r\n', '\r']) {
      const text = lf.replace(/\n/g, eol);
      const problems = lintDuplicateLinks(text);
      assert.equal(problems.length, 2, JSON.stringify(eol));
      assert.equal(applyEdits(text, problems.flatMap((p) => p.fixes[0].edits)), expected.replace(/\n/g, eol));
    }
  });

  it('every fix on a generated post with entries repeated leaves the same links minus the entry', () => {
    const random = seeded(7);
    for (let round = 0; round < 20; round++) {
      const post = generatePost(1000 + round, 6000);
      const dups = findDuplicateLinks(post);
      assert.deepEqual(dups, [], 'the generator makes no duplicate entries');
      // Repeat a read-more block or a list line somewhere after it.
      const entries = [...post.matchAll(/^\*\*[^\n]*\n\n>[^]*?\n\n\.\.\. read more at [^\n]*\n|^\* \[[^\n]*\n/gm)];
      if (entries.length === 0) continue;
      const e = entries[int(random, entries.length)];
      const isItem = e[0].startsWith('* ');
      const at = isItem ? e.index! + e[0].length : post.length;
      const text = post.slice(0, at) + (isItem ? e[0] : `\n${e[0]}`) + post.slice(at);
      const problems = lintDuplicateLinks(text);
      assert.equal(problems.length, 1, `round ${round}`);
      assertCleanFix(text, problems[0]);
    }
  });
});
