/** The pieces of a text's structure that the duplicate entries are read from: the link table, keys, lists, blocks. */
import * as assert from 'node:assert/strict';
import { TextLines } from '../../../src/core/base/lines';
import {
  isReadMoreLine,
  LinkKeys,
  Lists,
  normalizeLink,
  readMoreBlock,
  scanLinks,
  scanLinkTable,
} from '../../../src/core/markdown';

const BLOCK = '**Deploying EC2** by Tim Bell\n\n> An excerpt.\n\n... read more at [http://tm3.org/6e](http://tm3.org/6e)';

describe('markdown: the link table', () => {
  const text = '[a](http://a.example) ![i](http://i.example/p.png)\n[r]: http://r.example\nhttp://b.example <http://c.example>';
  const links = scanLinkTable(text);

  it('holds what scanLinks hands out, kind by kind', () => {
    const objects = scanLinks(text);
    assert.equal(links.count, objects.length);
    for (let i = 0; i < links.count; i++) {
      const o = objects[i];
      assert.deepEqual([links.url(i), links.start(i), links.end(i), links.matchStart(i), links.matchEnd(i)], [o.url, o.start, o.end, o.matchStart, o.matchEnd]);
      assert.equal(links.isInline(i), o.kind === 'inline');
      assert.equal(links.isImage(i), o.kind === 'image');
      assert.equal(links.isReference(i), o.kind === 'reference');
    }
    assert.equal(links.lines.text, text);
  });

  it('finds the first link from an offset', () => {
    assert.equal(links.firstFrom(0), 0);
    assert.equal(links.firstFrom(1), 1, 'the link that starts at 0 is before 1');
    assert.equal(links.firstFrom(links.matchStart(2)), 2);
    assert.equal(links.firstFrom(text.length), links.count);
  });

  it('tells a clean cut: no construct cut in two, no reference definition taken', () => {
    const second = text.indexOf('\n') + 1;
    assert.ok(links.cleanCut(0, second), 'the first line, whole');
    assert.ok(!links.cleanCut(0, 10), 'into the first link');
    assert.ok(!links.cleanCut(5, second), 'from inside the first link');
    assert.ok(!links.cleanCut(second, text.indexOf('http://b')), 'the line with the reference definition');
    assert.ok(links.cleanCut(text.indexOf('http://b'), text.length));
    const space = text.indexOf(' ![');
    assert.ok(links.cleanCut(space, space + 1), 'the space between two links');
  });
});

describe('markdown: LinkKeys', () => {
  it('numbers the distinct keys in order of first appearance, plain URLs or not', () => {
    const urls = ['http://a.example/x', 'https://a.example/x/', 'HTTP://A.example/x', 'http://b.example/x?', 'http://b.example/x', 'mailto:me@x.example', 'http://a.example/x#f'];
    const text = urls.map((u) => `<${u}>`).join('\n');
    const links = scanLinkTable(text);
    const keys = new LinkKeys(links, 2);
    const numbers = urls.map((_, i) => keys.of(i));
    assert.deepEqual(numbers, [0, 0, 0, 1, 1, 2, 3]);
    assert.equal(keys.count, 4);
    // The same numbers as the keys themselves tell.
    const distinct = [...new Set(urls.map(normalizeLink))];
    assert.deepEqual(urls.map((u) => distinct.indexOf(normalizeLink(u))), numbers);
    assert.equal(keys.of(2), 0, 'asked again');
  });

  it('keeps the caller\'s numbers per key, -1 until set', () => {
    const links = scanLinkTable('<http://a.example> <http://b.example> <http://a.example/>');
    const keys = new LinkKeys(links, 3);
    const a = keys.of(0);
    const b = keys.of(1);
    assert.deepEqual([keys.get(a, 0), keys.get(a, 2), keys.get(b, 1)], [-1, -1, -1]);
    keys.set(a, 2, 7);
    keys.set(b, 0, 9);
    assert.deepEqual([keys.get(keys.of(2), 2), keys.get(a, 0), keys.get(b, 0), keys.get(b, 2)], [7, -1, 9, -1]);
  });

  it('gives no number to an empty key', () => {
    const links = scanLinkTable('[x](<>) [y](http://y.example)');
    const keys = new LinkKeys(links, 1);
    assert.equal(keys.of(0), -1);
    assert.equal(keys.of(1), 0);
  });

  it('tells apart many keys whose hashes may meet (the table grows with the text)', () => {
    const urls = Array.from({ length: 3000 }, (_, i) => `http://h.example/${i % 1000}${i >= 2000 ? '/' : ''}`);
    const links = scanLinkTable(urls.join(' '));
    const keys = new LinkKeys(links, 1);
    assert.deepEqual(urls.map((_, i) => keys.of(i)), urls.map((_, i) => i % 1000));
  });
});

describe('markdown: lists', () => {
  const list = '- [a](http://a.example)\n- [b](http://b.example)\n\n- [c](http://c.example)\n  continued\n\nAfter.\n';
  const lists = new Lists(scanLinkTable(list));
  const item = (s: string) => list.indexOf(s) - 2;

  it('tells where an item\'s content starts', () => {
    assert.equal(lists.itemContent(0), 2);
    const other = new Lists(scanLinkTable('  12. x\n1) y\n-x\n-\n1234567890. z\nprose\n'));
    assert.equal(other.itemContent(0), 6);
    assert.equal(other.itemContent(8), 11);
    assert.equal(other.itemContent(13), -1, 'no space after the marker');
    assert.equal(other.itemContent(16), -1, 'a marker alone: no content on its line');
    assert.equal(other.itemContent(18), -1, 'ten digits are no marker');
    assert.equal(other.itemContent(32), -1, 'prose');
  });

  it('finds the list around an item: siblings, continuation lines, single blank lines', () => {
    const found = lists.around(item('[b]'), 0);
    assert.deepEqual(found, { start: 0, end: list.indexOf('continued') + 'continued'.length, indent: 0, kind: '-'.charCodeAt(0), entries: false });
    const entries = '* [a](http://a.example)\n* [b](http://b.example)\n+ [c](http://c.example)\n';
    const around = new Lists(scanLinkTable(entries)).around(0, 0);
    assert.deepEqual([around.start, around.end, around.entries], [0, entries.indexOf('\n+'), true], 'another marker starts another list');
    assert.equal(lists.around(item('[c]'), item('[c]')).start, item('[c]'), 'not above `from`');
  });

  it('gives an item of a list and what removing it deletes', () => {
    const found = lists.around(item('[b]'), 0);
    const b = lists.itemAt(found, item('[b]'), 0)!;
    assert.equal(list.slice(b.block.start, b.block.end), '- [b](http://b.example)');
    assert.equal(list.slice(b.removal.start, b.removal.end), '- [b](http://b.example)\n');
    const c = lists.itemAt(found, item('[c]'), 0)!;
    assert.equal(list.slice(c.block.start, c.block.end), '- [c](http://c.example)\n  continued');
    assert.equal(lists.itemAt(found, list.indexOf('After.'), 0), undefined, 'past the list');
    assert.equal(lists.itemAt(found, list.indexOf('  continued'), 0), undefined, 'no item starts there');
    const last = 'x\n- [a](http://a.example)\n- [b](http://b.example)';
    const lastLists = new Lists(scanLinkTable(last));
    const l = lastLists.itemAt(lastLists.around(2, 0), last.lastIndexOf('- '), 0)!;
    assert.equal(last.slice(0, l.removal.start) + last.slice(l.removal.end), 'x\n- [a](http://a.example)', 'the last line: with the line break before it');
  });
});

describe('markdown: read-more lines and their blocks', () => {
  it('tells a read-more line', () => {
    const text = `... read more at x\n\u2026Read More: x\n ... read more\n...read moreover\nread more\n`;
    const lines = new TextLines(text);
    const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)].slice(0, 5);
    assert.deepEqual(starts.map((s) => isReadMoreLine(lines, s)), [true, true, false, false, false]);
  });

  it('an older wording: the excerpt in plain paragraphs, not quoted, and the block ends with "... More at"', () => {
    const older = BLOCK.replace('> An excerpt.', 'An excerpt,\nnot quoted.').replace('... read more at', '... More at');
    const text = `Intro\n\n${older}\n\nOutro\n`;
    const found = readMoreBlock(new TextLines(text), text.indexOf('... More at'), 0)!;
    assert.equal(text.slice(found.block.start, found.block.end), older);
  });

  it('gives the block a read-more line ends, its wrapped read-more paragraph included, and what removing it deletes', () => {
    const wrapped = BLOCK.replace('... read more at [http', '... read more at\n[http');
    for (const [text, block] of [
      [`Intro\n\n${BLOCK}\n\nOutro\n`, BLOCK],
      [`Intro\n\n${wrapped}\n\nOutro\n`, wrapped],
    ]) {
      const lines = new TextLines(text);
      const found = readMoreBlock(lines, text.indexOf('... read more'), 0)!;
      assert.equal(text.slice(found.block.start, found.block.end), block);
      assert.equal(text.slice(0, found.removal.start) + text.slice(found.removal.end), 'Intro\n\nOutro\n');
    }
    const end = `Intro\n\n${BLOCK}`;
    const atEnd = readMoreBlock(new TextLines(end), end.indexOf('... read more'), 0)!;
    assert.equal(end.slice(0, atEnd.removal.start) + end.slice(atEnd.removal.end), 'Intro', 'the last block: the blank line before it goes');
  });

  it('gives none when prose and a quote, another read-more line or `from` lies between the title and the read-more line', () => {
    for (const text of [`${BLOCK.replace('> An excerpt.', 'Prose.\n\n> An excerpt.')}\n`,
      `${BLOCK.replace('> An excerpt.', '> An excerpt.\n\nProse.')}\n`, `**T** by X\n\n... read more at x\n\n> q\n\n... read more at y\n`]) {
      const lines = new TextLines(text);
      assert.equal(readMoreBlock(lines, text.lastIndexOf('... read more'), 0), undefined, text);
    }
    const text = `${BLOCK}\n`;
    assert.equal(readMoreBlock(new TextLines(text), text.indexOf('... read more'), 1), undefined);
  });
});
