/**
 * List structure, read with character codes around an offset (no slice or regular expression per line).
 * An item's line: indentation (spaces, tabs), a marker (`-`, `*`, `+`, or one to nine digits and `.` or
 * `)`), then spaces and tabs or the end of the line. A list: sibling items (the same indentation and kind
 * of marker) with their continuation lines and single blank lines between them.
 */
import { Char } from '../base/chars';
import type { TextLines } from '../base/lines';
import type { Removable } from './blocks';
import type { LinkTable } from './scan';

/** A list of a text. */
export interface List {
  /** Start of the first item's line, end of the last item's last line. */
  start: number;
  end: number;
  /** The items' indentation and kind of marker (the bullet, or the delimiter after the digits). */
  indent: number;
  kind: number;
  /** True when every item of the list is one inline link and nothing else (a list of entry links). */
  entries: boolean;
}

function isDigit(c: number): boolean {
  return c >= Char.Digit0 && c <= Char.Digit9;
}

/** True for what `\s` matches. */
function isWhitespace(c: number): boolean {
  return (
    c === Char.Space || (c >= Char.Tab && c <= Char.CarriageReturn) ||
    (c >= Char.NoBreakSpace && /\s/.test(String.fromCharCode(c)))
  );
}

/** Offset past the list item marker of the line starting at `start`; -1 when the line starts no list item. */
function markerEnd(lines: TextLines, start: number): number {
  const text = lines.text;
  const k = lines.skipSpaces(start);
  const c = text.charCodeAt(k);
  let end: number;
  if (c === Char.Hyphen || c === Char.Asterisk || c === Char.Plus) end = k + 1;
  else {
    let j = k;
    while (j - k < 10 && isDigit(text.charCodeAt(j))) j++;
    if (j === k || j - k > 9) return -1;
    const delimiter = text.charCodeAt(j);
    if (delimiter !== Char.Period && delimiter !== Char.CloseParen) return -1;
    end = j + 1;
  }
  return lines.isSpaceOrTabAt(end) || lines.isBreakAt(end) || end >= text.length ? end : -1;
}

/** The item kind of a marker ending at `end`: the bullet, or the delimiter after the digits. */
function markerKind(lines: TextLines, end: number): number {
  return lines.text.charCodeAt(end - 1);
}

/**
 * True when the line at `start` ends a list whatever its indentation: a heading, a fence, a rule, a
 * quote, an HTML block (at most three spaces or tabs before them).
 */
function listBreaker(lines: TextLines, start: number): boolean {
  const text = lines.text;
  const k = lines.skipSpaces(start);
  if (k - start > 3) return false;
  const c = text.charCodeAt(k);
  if (c === Char.Hash) {
    let j = k;
    while (text.charCodeAt(j) === Char.Hash) j++;
    return j - k <= 6 && (j >= text.length || lines.isSpaceOrTabAt(j) || lines.isBreakAt(j));
  }
  if (c === Char.Backtick || c === Char.Tilde) return text.charCodeAt(k + 1) === c && text.charCodeAt(k + 2) === c;
  if (c === Char.GreaterThan || c === Char.LessThan) return true;
  if (c !== Char.Hyphen && c !== Char.Asterisk && c !== Char.Underscore) return false;
  // A thematic break: three or more of `-*_` (mixed) and only spaces and tabs between them up to the line end.
  let marks = 0;
  for (let j = k; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === Char.Hyphen || d === Char.Asterisk || d === Char.Underscore) marks++;
    else if (lines.isBreakAt(j)) break;
    else if (!lines.isSpaceOrTabAt(j)) return false;
  }
  return marks >= 3;
}

/** Another item of a list: the same indentation and kind of marker. */
function isSibling(lines: TextLines, start: number, indent: number, kind: number): boolean {
  const end = markerEnd(lines, start);
  return end >= 0 && lines.skipSpaces(start) - start === indent && markerKind(lines, end) === kind;
}

/** A line that goes on an item: not blank, no list breaker, no item at the same or a lesser indentation. */
function continuation(lines: TextLines, start: number, indent: number): boolean {
  if (lines.isBlankFrom(start) || listBreaker(lines, start)) return false;
  // Another item at the same or a lesser indentation ends this item; a deeper one belongs to it.
  return markerEnd(lines, start) < 0 || lines.skipSpaces(start) - start > indent;
}

/** End of the last line of the item starting at `start` (its continuation lines included). */
function itemEnd(lines: TextLines, start: number, indent: number): number {
  let end = lines.endOf(start);
  for (let next = lines.nextStart(end); next < lines.text.length && continuation(lines, next, indent); ) {
    end = lines.endOf(next);
    next = lines.nextStart(end);
  }
  return end;
}

/**
 * True when the item text[start, end) is one inline link and nothing else; `k`: the first link whose
 * construct starts where the item's content does or after.
 */
function oneLink(links: LinkTable, start: number, end: number, k: number): boolean {
  const lines = links.lines;
  const contentStart = lines.skipSpaces(markerEnd(lines, start));
  let contentEnd = end;
  while (contentEnd > contentStart && isWhitespace(lines.text.charCodeAt(contentEnd - 1))) contentEnd--;
  return (
    k < links.count &&
    links.isInline(k) &&
    links.matchStart(k) === contentStart &&
    links.matchEnd(k) === contentEnd &&
    (k + 1 >= links.count || links.matchStart(k + 1) >= end) &&
    (k === 0 || links.matchEnd(k - 1) <= start)
  );
}

/** Start of the first item of the list that holds the item starting at `itemStart`, looked for up to `from`. */
function firstItem(lines: TextLines, itemStart: number, indent: number, kind: number, from: number): number {
  // Upwards: items, their continuation lines, single blank lines followed (above) by an item or by
  // indented item content.
  let first = itemStart;
  let afterBlank = false;
  for (let start = lines.previousStart(itemStart); start >= from; start = lines.previousStart(start)) {
    if (isSibling(lines, start, indent, kind)) first = start;
    else if (lines.isBlankFrom(start)) {
      if (afterBlank) break;
      afterBlank = true;
      continue;
    } else if (!continuation(lines, start, indent) || (afterBlank && lines.skipSpaces(start) - start <= indent)) break;
    afterBlank = false;
  }
  return first;
}

/**
 * The lists of one text, read around the lines asked about (a value to ask line after line: its
 * methods are what a walk over a long text calls, see base/shapes.ts).
 */
export class Lists {
  private readonly lines: TextLines;

  constructor(private readonly links: LinkTable) {
    this.lines = links.lines;
  }

  /**
   * Where the content of the list item that starts the line at `start` begins, when its marker is
   * followed by a space or tab; -1 otherwise (no list item starts there).
   */
  itemContent(start: number): number {
    const end = markerEnd(this.lines, start);
    return end >= 0 && this.lines.isSpaceOrTabAt(end) ? this.lines.skipSpaces(end) : -1;
  }

  /**
   * The list around the item starting at `itemStart` (a line with a list item marker), looked for no
   * higher than `from`: its sibling items with their continuation lines and single blank lines between them.
   */
  around(itemStart: number, from: number): List {
    const { links, lines } = this;
    const text = lines.text;
    const indent = lines.skipSpaces(itemStart) - itemStart;
    const kind = markerKind(lines, markerEnd(lines, itemStart));
    const first = firstItem(lines, itemStart, indent, kind, from);
    // Downwards, item by item, each one link and nothing else or not (k: the first link of the item's
    // content, found once and then followed down).
    let entries = true;
    let k = -1;
    let item = first;
    let end: number;
    for (;;) {
      end = itemEnd(lines, item, indent);
      if (entries) {
        const contentStart = lines.skipSpaces(markerEnd(lines, item));
        if (k < 0) k = links.firstFrom(contentStart);
        while (k < links.count && links.matchStart(k) < contentStart) k++;
        entries = oneLink(links, item, end, k);
      }
      const next = lines.nextStart(end);
      if (next >= text.length) break;
      let below = next;
      if (lines.isBlankFrom(below)) {
        const after = lines.nextStart(lines.endOf(below));
        if (after < text.length) below = after;
      }
      if (!isSibling(lines, below, indent, kind)) break;
      item = below;
    }
    return { start: first, end, indent, kind, entries };
  }

  /**
   * The item of `list` that starts the line at `lineStart` (its continuation lines included), and what
   * removing it deletes: its lines with their line break (the line break before it when it is the last
   * line of the text and does not start at `from`). Undefined when no item of the list starts there (the
   * list found upwards from a line may end above it).
   */
  itemAt(list: List, lineStart: number, from: number): Removable | undefined {
    const lines = this.lines;
    if (lineStart > list.end || !isSibling(lines, lineStart, list.indent, list.kind)) return undefined;
    const end = itemEnd(lines, lineStart, list.indent);
    const next = lines.nextStart(end);
    const removal =
      next === end && lineStart > from
        ? { start: lines.endOf(lines.previousStart(lineStart)), end }
        : { start: lineStart, end: next };
    return { block: { start: lineStart, end }, removal };
  }
}
