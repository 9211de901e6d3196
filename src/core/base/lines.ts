/**
 * Lines of a text: `\r\n`, `\n` and `\r` each end a line (as in VS Code), offsets are UTF-16 units.
 * The one place that splits text into lines for the blocks, the insertion layout, quotes and templates.
 */

/** Where a line is in a text. */
export interface LineSpan {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the line's last character (before its line break). */
  end: number;
  /** Offset of the next line (past the line break). */
  next: number;
}

/** A line of a text: where it is (`next` = `end` on the last line without a line break) and its text. */
export interface Line extends LineSpan {
  text: string;
}

/** One line break of any style. */
export const LINE_BREAK = /\r\n|\n|\r/;

/** Splits text into lines, keeping offsets; `\r\n`, `\n` and `\r` all end a line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    lines.push({ start, end: m.index, next: m.index + m[0].length, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, next: text.length, text: text.slice(start) });
  return lines;
}

/** The texts of the lines, without their line breaks (at least one, '' for an empty text). */
export function lineTexts(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Index of the line holding `offset` (binary search over the line starts). */
export function lineIndexAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first line break of the text (its style), `\n` when it has none. */
export function lineBreakOf(text: string): string {
  const m = LINE_BREAK.exec(text);
  return m ? m[0] : '\n';
}

/** A line of only whitespace. */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}
