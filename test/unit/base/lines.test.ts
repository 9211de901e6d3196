/** base/lines.ts: where lines start and end, and line and column counting, with every line break style. */
import * as assert from 'node:assert/strict';
import {
  lineAt, lineColumn, lineColumns, lineEndOf, lineOf, lineStartOf, nextLineStart, previousLineStart, splitLines,
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
