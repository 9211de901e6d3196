/** base/lines.ts: where lines start and end (also through TextLines), and line and column counting, with every line break style. */
import * as assert from 'node:assert/strict';
import {
  lineAt, lineColumn, lineColumns, lineEndOf, lineOf, lineStartOf, nextLineStart, previousLineStart, splitLines, TextLines,
} from '../../../src/core/base/lines';

/** One text with each line break: `a` LF `bc` CRLF `` CR `d`. */
const MIXED = 'a\nbc\r\n\rd';

describe('base/lines', () => {
  it('lineStartOf and lineEndOf agree with splitLines at every offset', () => {
    for (const text of [MIXED, '', '\n', 'x', '\r\n\r\n', 'ab\r']) {
      const lines = splitLines(text);
      for (let offset = 0; offset <= text.length; offset++) {
        // An offset inside a CRLF belongs to the line the CR ends; VS Code never puts one there.
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        const line = [...lines].reverse().find((l) => l.start <= offset)!;
        assert.equal(lineStartOf(text, offset), line.start, `${JSON.stringify(text)} at ${offset}`);
        assert.equal(lineEndOf(text, offset), line.end, `${JSON.stringify(text)} at ${offset}`);
        assert.deepEqual(lineOf(text, offset), line, `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });

  it('lineAt walks the lines from a start; nextLineStart and previousLineStart step over each break style', () => {
    const starts: number[] = [];
    for (let line = lineAt(MIXED, 0); line; line = lineAt(MIXED, line.next)) {
      starts.push(line.start);
      if (line.next === line.end) break;
    }
    assert.deepEqual(starts, [0, 2, 6, 7]);
    assert.deepEqual(starts.map((s) => previousLineStart(MIXED, s)), [-1, 0, 2, 6]);
    assert.deepEqual([1, 4, 6, 8].map((end) => nextLineStart(MIXED, end)), [2, 6, 7, 8]);
    assert.equal(lineAt(MIXED, MIXED.length + 1), undefined);
    assert.deepEqual(lineAt('', 0), { start: 0, end: 0, next: 0 });
    assert.equal(lineAt('a\n', 2), undefined, 'no line after the last line break');
  });

  it('lineColumn counts CRLF, CR and LF as one line break each; lineColumns counts many offsets in one walk', () => {
    assert.deepEqual(lineColumn(MIXED, 0), { line: 0, column: 0 });
    assert.deepEqual(lineColumn(MIXED, 3), { line: 1, column: 1 });
    assert.deepEqual(lineColumn(MIXED, 6), { line: 2, column: 0 });
    assert.deepEqual(lineColumn(MIXED, 8), { line: 3, column: 1 });
    const offsets = [8, 0, 3, 6, 3];
    const all = lineColumns(MIXED, offsets);
    assert.equal(all.size, 4);
    for (const offset of offsets) assert.deepEqual(all.get(offset), lineColumn(MIXED, offset));
  });
});

describe('base/lines: TextLines', () => {
  // The same lines with each line break style, and with all three mixed.
  const texts = ['a b\n\n  \tc\nlast', 'a b\r\n\r\n  \tc\r\nlast', 'a b\r\r  \tc\rlast', 'a b\r\n\n  \tc\rlast'];

  it('walks the lines that splitLines finds, with any line break', () => {
    for (const text of texts) {
      const lines = new TextLines(text);
      const split = splitLines(text);
      for (const [i, line] of split.entries()) {
        assert.deepEqual(lines.span(line.start), { start: line.start, end: line.end, next: line.next }, JSON.stringify(text));
        assert.equal(lines.previousStart(line.start), i === 0 ? -1 : split[i - 1].start);
        assert.equal(lines.nextStart(line.end), line.next);
        for (let k = line.start; k <= line.end; k++) {
          assert.equal(lines.startOf(k), line.start);
          assert.equal(lines.endOf(k), line.end);
        }
      }
      assert.equal(lines.endOf(text.length + 3), text.length + 3, 'past the end');
    }
  });

  it('looks for a line start back to a floor at most', () => {
    const lines = new TextLines('ab\ncdef');
    assert.equal(lines.startOf(6, 4), 4, 'no line break between: the floor');
    assert.equal(lines.startOf(6, 1), 3, 'a line break between: the line start');
    assert.equal(lines.startOf(6, 3), 3);
  });

  it('tells blank lines, spaces, tabs and line breaks', () => {
    for (const text of texts) {
      const lines = new TextLines(text);
      const [first, empty, indented, last] = splitLines(text);
      assert.equal(lines.isBlankFrom(first.start), false);
      assert.equal(lines.isBlankFrom(first.start + 1), false, 'from the middle of a line: what is left of it');
      assert.equal(lines.isBlankFrom(first.start + 3), true);
      assert.equal(lines.isBlankFrom(empty.start), true);
      assert.equal(lines.isBlankFrom(indented.start), false);
      assert.equal(lines.isBlankFrom(last.end), true, 'the end of the text');
      assert.equal(lines.skipSpaces(indented.start), indented.start + 3);
      assert.equal(lines.skipSpaces(indented.start + 3), indented.start + 3);
      assert.ok(lines.isSpaceOrTabAt(1) && lines.isSpaceOrTabAt(indented.start + 2) && !lines.isSpaceOrTabAt(0));
      assert.ok(lines.isBreakAt(first.end) && !lines.isBreakAt(0) && !lines.isBreakAt(text.length));
    }
  });
});
