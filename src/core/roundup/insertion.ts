/**
 * Where and how a block goes into a post for a cursor, so the markdown around it stays intact: the
 * insertion layout, in named steps (the block's text, the cursor's line, the unit around it, the
 * content lines before and after, the padding).
 */
import { isBlank, type Line, LINE_BREAK, lineBreakOf, lineIndexAt, splitLines } from '../base/lines';
import { frontMatterEnd } from '../frontmatter/locate';
import { findRoundupBlocks } from '../markdown';
import { isListItemBlock } from './format';

/** One replacement in the document: replace [start, end) with text. */
export interface InsertionEdit {
  start: number;
  end: number;
  text: string;
  /** Where the block itself lies in the document after the edit. */
  blockStart: number;
  blockEnd: number;
}

/** The document as the layout sees it, and the cursor in it. */
interface Layout {
  doc: string;
  eol: string;
  lines: Line[];
  /** The document starts with front matter. */
  hasFrontMatter: boolean;
  /** Index of the first line of the body; `lines.length` when the front matter ends the document. */
  firstBody: number;
  /** The cursor, moved out of the front matter. */
  at: number;
  /** Index of the cursor's line. */
  cursorLine: number;
}

/**
 * A run of lines the block must not split, around the cursor's line; `onBlank`: the cursor is on a blank line
 * between units.
 */
interface Unit {
  first: number;
  last: number;
  onBlank: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/;
const EDGE_BLANK_LINES = new RegExp(`^(?:[ \\t]*(?:${LINE_BREAK.source}))+|(?:(?:${LINE_BREAK.source})[ \\t]*)+$`, 'g');

/** Line ranges [first, last] of fenced code blocks (an unclosed fence runs to the end). */
function fences(lines: readonly Line[], from: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = from; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i].text);
    if (!open || (open[1][0] === '`' && lines[i].text.slice(open[0].length).includes('`'))) continue;
    const marker = open[1];
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j].text)) j++;
    found.push([i, Math.min(j, lines.length - 1)]);
    i = j;
  }
  return found;
}

/** The block without blank lines at either end, in the document's line break style. */
function blockTextFor(blockText: string, eol: string): string {
  return blockText.replace(EDGE_BLANK_LINES, '').replace(new RegExp(LINE_BREAK.source, 'g'), eol);
}

/** The document's lines, its body, and the cursor (out of the front matter). */
function layoutOf(doc: string, offset: number): Layout {
  const bodyStart = frontMatterEnd(doc);
  const lines = splitLines(doc);
  const hasFrontMatter = bodyStart > 0;
  // First line of the body: the line starting at bodyStart (or the last line when the front matter closes at
  // EOF without a break).
  let firstBody = lineIndexAt(lines, bodyStart);
  if (hasFrontMatter && lines[firstBody].start < bodyStart) firstBody = lines.length; // front matter ends the document
  const at = Math.max(bodyStart, offset);
  return { doc, eol: lineBreakOf(doc), lines, hasFrontMatter, firstBody, at, cursorLine: lineIndexAt(lines, at) };
}

function inBody(layout: Layout, line: number): boolean {
  return line >= layout.firstBody && line < layout.lines.length;
}

/**
 * The paragraph, fenced code block or roundup block around the cursor's line, grown until no unit overlaps
 * its edges.
 */
function unitAround(layout: Layout, fenceRanges: ReadonlyArray<[number, number]>): Unit {
  const { lines, firstBody, cursorLine: L } = layout;
  let first = L;
  let last = L;
  let onBlank = L >= lines.length || L < firstBody || isBlank(lines[L].text);
  if (!inBody(layout, L)) return { first, last, onBlank };
  const blocks = findRoundupBlocks(layout.doc, lines).map((b): [number, number] => [b.firstLine, b.lastLine]);
  const units = [...blocks, ...fenceRanges];
  let changed = true;
  while (changed) {
    changed = false;
    for (const [a, b] of units) {
      if (a <= last && b >= first && (a < first || b > last)) {
        first = Math.min(first, a);
        last = Math.max(last, b);
        changed = true;
      }
    }
    if (first !== last || !onBlank) {
      while (first - 1 >= firstBody && !isBlank(lines[first - 1].text)) {
        first--;
        changed = true;
      }
      while (last + 1 < lines.length && !isBlank(lines[last + 1].text)) {
        last++;
        changed = true;
      }
    }
    if (first !== L || last !== L) onBlank = false;
  }
  return { first, last, onBlank };
}

/**
 * The last content line before the block (or -1 for none; the front matter's last line counts) and
 * the first content line after it (or `lines.length`).
 */
function neighbours(layout: Layout, unit: Unit): { prev: number; next: number } {
  const { doc, lines, firstBody, hasFrontMatter, at, cursorLine: L } = layout;
  const contentBefore = (from: number): number => {
    let k = from;
    while (k >= firstBody && isBlank(lines[k].text)) k--;
    if (k >= firstBody) return k;
    return hasFrontMatter ? firstBody - 1 : -1;
  };
  const contentAfter = (from: number): number => {
    let k = from;
    while (k < lines.length && isBlank(lines[k].text)) k++;
    return k;
  };
  // The front matter ends the document without a line break.
  if (firstBody >= lines.length) return { prev: lines.length - 1, next: lines.length };
  if (unit.onBlank) return { prev: contentBefore(L), next: contentAfter(L) };
  // At the start of the unit's first line: before the unit; anywhere else in it: after it.
  if (L === unit.first && doc.slice(lines[L].start, at).trim() === '') {
    return { prev: contentBefore(unit.first - 1), next: unit.first };
  }
  return { prev: unit.last, next: contentAfter(unit.last + 1) };
}

/**
 * Where and how to insert `blockText` so the markdown around it stays intact, for a cursor at `offset`:
 *
 * - A cursor in the front matter moves to the start of the body.
 * - The block never splits a unit: a paragraph (a run of non-blank lines), a fenced code block, a
 *   roundup block. A cursor at the start of a unit's first line (only whitespace before it on the
 *   line) inserts before the unit; anywhere else in a unit, after it. On a blank line, there.
 * - Exactly one blank line separates the block from the content before it (the front matter counts)
 *   and after it: the blank lines between them are replaced. At the start of a document without front
 *   matter nothing precedes the block; at the end, it ends with one line break.
 * - A one-line list item (the `link` template) with the cursor on a list item line goes on its own
 *   line right after that line (at its start: right before it), so the list stays one list.
 * - The document's line break style (the first one found) is used for the padding and inside the block.
 */
export function padForInsertion(documentText: string, offset: number, blockText: string): InsertionEdit {
  const doc = documentText;
  const block = blockTextFor(blockText, lineBreakOf(doc));
  const cursor = Math.max(0, Math.min(doc.length, Math.floor(offset)));
  if (block.trim() === '') return { start: cursor, end: cursor, text: '', blockStart: cursor, blockEnd: cursor };

  const layout = layoutOf(doc, cursor);
  const { eol, lines, at, cursorLine: L } = layout;
  const edit = (start: number, end: number, before: string, after: string): InsertionEdit => {
    const text = before + block + after;
    return { start, end, text, blockStart: start + before.length, blockEnd: start + before.length + block.length };
  };

  const fenceRanges = inBody(layout, L) ? fences(lines, layout.firstBody) : [];
  const inFence = fenceRanges.some(([a, b]) => a <= L && L <= b);

  // A link list item into a list.
  if (isListItemBlock(block) && !inFence && inBody(layout, L) && LIST_ITEM_LINE.test(lines[L].text)) {
    const line = lines[L];
    if (doc.slice(line.start, at).trim() === '') return edit(line.start, line.start, '', eol);
    return edit(line.end, line.end, eol, '');
  }

  const { prev, next } = neighbours(layout, unitAround(layout, fenceRanges));
  const start = prev >= 0 ? Math.min(lines[prev].end, doc.length) : 0;
  const end = next < lines.length ? lines[next].start : doc.length;
  return edit(start, end, prev >= 0 ? eol + eol : '', next < lines.length ? eol + eol : eol);
}
