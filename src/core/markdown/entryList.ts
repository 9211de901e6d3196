/**
 * The entries a text features, one by one: each entry's link (on a read-more line, on a linked title, or
 * alone in an item of a list of entry links, as duplicates.ts reads them) with its offsets, and the bold
 * title and author of its block (a list item's title is its link text; it names no author). What an
 * index of a blog's earlier roundups keeps, and what the open post is checked against.
 */
import { Char } from '../base/chars';
import { decodeEntities } from '../html/entities';
import { isReadMoreLine, linkedTitleBlock, readMoreBlockStart } from './blocks';
import { type List, Lists } from './lists';
import { scanLinkTable } from './scan';

export interface TextEntry {
  /** The link as written, and its offsets. */
  url: string;
  start: number;
  end: number;
  /** Where the link stands: a read-more line, a linked bold title, an item of a list of entry links. */
  kind: 'readMore' | 'title' | 'list';
  /** The block's title as text (markdown escapes and character references read); '' when none is known. */
  title: string;
  /** The author after the title (`by Jane Doe`), as text; '' when none. */
  author: string;
}

/** A title line: `**Title**` or `**[Title](url)**` or `[**Title**](url)`, then what follows it on its line. */
const TITLE_PARTS = /^(?:\*\*\[((?:[^\]\\\n]|\\.)+)\]\([^\n]*?\)\*\*|\[\*\*(.+?)\*\*\]\([^\n]*?\)|\*\*(.+?)\*\*)(.*)$/;
/** The author after a title: `by A`, `, by A`, ` - A`, `(A)`. */
const AUTHOR = /^[ \t]*(?:,?[ \t]*by[ \t]+(.+?)|[-\u2013\u2014][ \t]+(.+?)|\((.+?)\))[ \t.,]*$/i;

/** Whitespace that collapsing changes: any but a single space. */
const SPACE_TO_FIX = /[^\S ]| {2}/;

/** Markdown text as it reads: backslash escapes and character references read, whitespace collapsed. */
function plain(markdown: string): string {
  let t = markdown.includes('\\') ? markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1') : markdown;
  if (t.includes('&')) t = decodeEntities(t);
  // Most titles have only single spaces: replacing each with itself would copy the title for nothing.
  return (SPACE_TO_FIX.test(t) ? t.replace(/\s+/g, ' ') : t).trim();
}

/** The title and author of the title line `line` (and the line after it, which may hold the author). */
function titleOf(line: string, next: string): { title: string; author: string } {
  const m = TITLE_PARTS.exec(line);
  if (!m) return { title: '', author: '' };
  const title = plain((m[1] ?? m[2] ?? m[3]).replace(/\*\*/g, ''));
  const by = AUTHOR.exec(m[4]) ?? (m[4].trim() === '' ? AUTHOR.exec(next) : null);
  return { title, author: by ? plain(by[1] ?? by[2] ?? by[3]) : '' };
}

/**
 * A line that may hold an entry: one that may be a read-more line, a linked title or a list item starting with a
 * link. A text without one holds no entry, and is not read further (most posts of a blog are no roundups).
 */
const MAY_HOLD_ENTRY =
  /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[|\*\*\[|\[\*\*|(?:\.\.\.|\u2026)?[ \t]*\[?(?:read more|more at|continue reading))/im;
/** {@link MAY_HOLD_ENTRY} tried at one line start only. */
const MAY_HOLD_ENTRY_AT = new RegExp(MAY_HOLD_ENTRY.source, 'imy');
const TERMINATOR = /[\n\r\u2028\u2029]/g;

/**
 * The first character of a line that {@link MAY_HOLD_ENTRY} can match from: a space or tab, `-`, `*`, `+`,
 * a digit, `[`, `.`, `…`, or `r`, `m`, `c` in either case (the first letters of its wordings).
 */
function mayStartEntryLine(c: number): boolean {
  const lower = c | 0x20;
  return (
    c === Char.Space || c === Char.Tab || c === Char.Hyphen || c === Char.Asterisk || c === Char.Plus ||
    (c >= Char.Digit0 && c <= Char.Digit9) || c === Char.OpenBracket || c === Char.Period || c === Char.Ellipsis ||
    lower === Char.LowerR || lower === Char.LowerM || lower === Char.LowerC
  );
}

/** Offset just past the first line terminator at or after `k` (as `^` knows them); -1 when there is none. */
function pastTerminator(text: string, k: number, lfOnly: boolean): number {
  if (lfOnly) {
    const lf = text.indexOf('\n', k);
    return lf < 0 ? -1 : lf + 1;
  }
  TERMINATOR.lastIndex = k;
  return TERMINATOR.test(text) ? TERMINATOR.lastIndex : -1;
}

/**
 * True when {@link MAY_HOLD_ENTRY} matches in `text` from `from` on, the same answer as running it there:
 * it is tried only at the line starts whose first character may begin a match (run over a whole post, it
 * tries every character, and most posts of a blog hold no entry: they are read to the end).
 */
export function mayHoldEntry(text: string, from = 0): boolean {
  // Lines that end at `\n` only are found by the native search for it (faster than an expression's scan).
  const lfOnly = !text.includes('\r') && !text.includes('\u2028') && !text.includes('\u2029');
  let start = from;
  if (start > 0 && !isLineTerminator(text.charCodeAt(start - 1))) start = pastTerminator(text, start, lfOnly);
  for (; start >= 0 && start < text.length; start = pastTerminator(text, start, lfOnly)) {
    if (!mayStartEntryLine(text.charCodeAt(start))) continue;
    MAY_HOLD_ENTRY_AT.lastIndex = start;
    if (MAY_HOLD_ENTRY_AT.test(text)) return true;
  }
  return false;
}

/** A line terminator of JavaScript's `^`: `\n`, `\r`, U+2028, U+2029. */
function isLineTerminator(c: number): boolean {
  return c === Char.LineFeed || c === Char.CarriageReturn || c === 0x2028 || c === 0x2029;
}

/** The entries of `text` whose body starts at `from`, in text order (see the module comment). */
export function findTextEntries(text: string, from = 0): TextEntry[] {
  if (!mayHoldEntry(text, from)) return [];
  const links = scanLinkTable(text);
  const lines = links.lines;
  const lists = new Lists(links);
  const found: TextEntry[] = [];
  let lastLine = -1;
  let list: List | undefined;
  // The start of the line of the link looked at last: links come in text order, a line start is looked
  // for back to it at most.
  let floor = 0;
  const line = (start: number) => text.slice(start, lines.endOf(start));
  const nextLine = (start: number) => {
    const next = lines.nextStart(lines.endOf(start));
    return next < text.length ? line(next) : '';
  };
  for (let i = links.firstFrom(from); i < links.count; i++) {
    if (links.isImage(i)) continue;
    const at = links.matchStart(i);
    const lineStart = (floor = lines.startOf(at, floor));
    // One entry a line: the first link of a read-more line, a linked title or a list item.
    if (lineStart === lastLine) continue;
    const url = links.url(i);
    let entry: TextEntry | undefined;
    if (isReadMoreLine(lines, lineStart)) {
      const start = readMoreBlockStart(lines, lineStart, from);
      const named = start >= 0 ? titleOf(line(start), nextLine(start)) : { title: '', author: '' };
      entry = { url, start: links.start(i), end: links.end(i), kind: 'readMore', ...named };
    } else if (
      links.isInline(i) && (at === lineStart + 2 || at === lineStart) &&
      (text.startsWith('**[', lineStart) || text.startsWith('[**', lineStart)) &&
      linkedTitleBlock(lines, lineStart, from)
    ) {
      const named = titleOf(line(lineStart), nextLine(lineStart));
      entry = { url, start: links.start(i), end: links.end(i), kind: 'title', ...named };
    } else if (links.isInline(i) && lists.itemContent(lineStart) === at) {
      if (!list || lineStart < list.start || lineStart > list.end) list = lists.around(lineStart, from);
      if (list.entries) {
        const label = text.slice(at + 1, text.lastIndexOf('](', links.start(i)));
        entry = { url, start: links.start(i), end: links.end(i), kind: 'list', title: plain(label), author: '' };
      }
    }
    if (!entry) continue;
    lastLine = lineStart;
    found.push(entry);
  }
  return found;
}
