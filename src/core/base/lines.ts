/**
 * Lines of a text: `\r\n`, `\n` and `\r` each end a line (as in VS Code), offsets are UTF-16 units.
 * The one place that splits text into lines, finds where a line starts and ends (also as a value for
 * one text: {@link TextLines}), and counts lines and columns: for the front matter, the blocks, the
 * insertion layout, quotes, templates, reports and the structure of a markdown text.
 */
import { Char } from './chars';

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

function isBreakCode(c: number): boolean {
  return c === Char.LineFeed || c === Char.CarriageReturn;
}

/**
 * Offset of the start of the line holding `offset`, looked for back to `floor` at most: `floor` when no
 * line break lies between them.
 */
export function lineStartOf(text: string, offset: number, floor = 0): number {
  let k = Math.min(offset, text.length);
  while (k > floor && !isBreakCode(text.charCodeAt(k - 1))) k--;
  return k;
}

/** Offset of the end of the line holding `offset` (or starting at it), before its line break. */
export function lineEndOf(text: string, offset: number): number {
  let k = offset;
  while (k < text.length && !isBreakCode(text.charCodeAt(k))) k++;
  return k;
}

/** Start of the line after the one ending at `end` (= the text's length on the last line). */
export function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return end + (text.charCodeAt(end) === Char.CarriageReturn && text.charCodeAt(end + 1) === Char.LineFeed ? 2 : 1);
}

/** Start of the line before the one starting at `start`; -1 on the first line. */
export function previousLineStart(text: string, start: number): number {
  if (start <= 0) return -1;
  let k = start - 1;
  if (text.charCodeAt(k) === Char.LineFeed && text.charCodeAt(k - 1) === Char.CarriageReturn) k--;
  return lineStartOf(text, k);
}

/** The line starting at `start`, or undefined past the end of the text (an empty text has one empty line). */
export function lineAt(text: string, start: number): LineSpan | undefined {
  if (start > text.length || (start === text.length && start > 0)) return undefined;
  const end = lineEndOf(text, start);
  return { start, end, next: nextLineStart(text, end) };
}

/** The line holding `offset`, with its text. */
export function lineOf(text: string, offset: number): Line {
  const start = lineStartOf(text, offset);
  const end = lineEndOf(text, start);
  return { start, end, next: nextLineStart(text, end), text: text.slice(start, end) };
}

/** A place in a text: 0-based line and column (UTF-16 units). */
export interface LineColumn {
  line: number;
  column: number;
}

/** The {@link LineColumn} of each offset, counted in one walk up to the last; `\r\n`, `\r` and `\n` each end a line. */
export function lineColumns(text: string, offsets: Iterable<number>): Map<number, LineColumn> {
  const out = new Map<number, LineColumn>();
  let line = 0;
  let lineStart = 0;
  let at = 0;
  for (const offset of [...new Set(offsets)].sort((a, b) => a - b)) {
    for (const end = Math.min(offset, text.length); at < end; at++) {
      const c = text.charCodeAt(at);
      if (c === Char.LineFeed || (c === Char.CarriageReturn && text.charCodeAt(at + 1) !== Char.LineFeed)) {
        line++;
        lineStart = at + 1;
      }
    }
    out.set(offset, { line, column: offset - lineStart });
  }
  return out;
}

/** The {@link LineColumn} of an offset. */
export function lineColumn(text: string, offset: number): LineColumn {
  return lineColumns(text, [offset]).get(offset)!;
}

/**
 * The lines of one text, walked by offsets without splitting it: for code that looks at a few lines
 * of a long text (those around its links, say) and asks line after line.
 */
export class TextLines {
  /** True when the text has no `\r`: its lines end at `\n` only (found when first needed). */
  private lfOnly: boolean | undefined;

  constructor(readonly text: string) {}

  /** True when the character at `k` ends a line (false past the end). */
  isBreakAt(k: number): boolean {
    return isBreakCode(this.text.charCodeAt(k));
  }

  /** True when the character at `k` is a space or a tab. */
  isSpaceOrTabAt(k: number): boolean {
    const c = this.text.charCodeAt(k);
    return c === Char.Space || c === Char.Tab;
  }

  /** {@link lineStartOf} in this text. */
  startOf(offset: number, floor = 0): number {
    const text = this.text;
    // A native search back for `\n` when no line ends at `\r` (as in endOf).
    if (!(this.lfOnly ??= !text.includes('\r'))) return lineStartOf(text, offset, floor);
    const k = Math.min(offset, text.length);
    return k <= floor ? k : Math.max(floor, text.lastIndexOf('\n', k - 1) + 1);
  }

  /** {@link lineEndOf} in this text. */
  endOf(offset: number): number {
    const text = this.text;
    // A native search for `\n` when no line ends at `\r`: faster than reading character by character.
    if (!(this.lfOnly ??= !text.includes('\r'))) return lineEndOf(text, offset);
    const lf = text.indexOf('\n', offset);
    return lf < 0 ? Math.max(offset, text.length) : lf;
  }

  /** {@link nextLineStart} in this text. */
  nextStart(end: number): number {
    return nextLineStart(this.text, end);
  }

  /** {@link previousLineStart} in this text. */
  previousStart(start: number): number {
    if (start <= 0 || !(this.lfOnly ??= !this.text.includes('\r'))) return previousLineStart(this.text, start);
    // The line ends at the `\n` before `start`: its start is that of the line holding the offset before it.
    return this.startOf(start - 1);
  }

  /** The line starting at `start` (an empty one at the end of the text). */
  span(start: number): LineSpan {
    const end = this.endOf(start);
    return { start, end, next: nextLineStart(this.text, end) };
  }

  /** Offset past the spaces and tabs from `k`. */
  skipSpaces(k: number): number {
    while (this.isSpaceOrTabAt(k)) k++;
    return k;
  }

  /** True when the line from `start` holds only spaces and tabs (or `start` is the text's end). */
  isBlankFrom(start: number): boolean {
    const k = this.skipSpaces(start);
    return k >= this.text.length || this.isBreakAt(k);
  }
}
