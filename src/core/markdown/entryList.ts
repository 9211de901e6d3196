/**
 * The entries a text features, one by one: each entry's link (on a read-more line, on a linked title, or
 * alone in an item of a list of entry links, as duplicates.ts reads them) with its offsets, and the bold
 * title and author of its block (a list item's title is its link text; it names no author). What an
 * index of a blog's earlier roundups keeps, and what the open post is checked against.
 */
import { decodeEntities } from '../html/entities';
import { isReadMoreLine, linkedTitleBlock, readMoreBlock } from './blocks';
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

/** Markdown text as it reads: backslash escapes and character references read, whitespace collapsed. */
function plain(markdown: string): string {
  let t = markdown.includes('\\') ? markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1') : markdown;
  if (t.includes('&')) t = decodeEntities(t);
  return t.replace(/\s+/g, ' ').trim();
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
  /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[|\*\*\[|\[\*\*|(?:\.\.\.|\u2026)?[ \t]*\[?(?:read more|more at|continue reading))/gim;

/** The entries of `text` whose body starts at `from`, in text order (see the module comment). */
export function findTextEntries(text: string, from = 0): TextEntry[] {
  MAY_HOLD_ENTRY.lastIndex = from;
  if (!MAY_HOLD_ENTRY.test(text)) return [];
  const links = scanLinkTable(text);
  const lines = links.lines;
  const lists = new Lists(links);
  const found: TextEntry[] = [];
  let lastLine = -1;
  let list: List | undefined;
  const line = (start: number) => text.slice(start, lines.endOf(start));
  const nextLine = (start: number) => {
    const next = lines.nextStart(lines.endOf(start));
    return next < text.length ? line(next) : '';
  };
  for (let i = links.firstFrom(from); i < links.count; i++) {
    if (links.isImage(i)) continue;
    const at = links.matchStart(i);
    const lineStart = lines.startOf(at);
    // One entry a line: the first link of a read-more line, a linked title or a list item.
    if (lineStart === lastLine) continue;
    const url = links.url(i);
    let entry: TextEntry | undefined;
    if (isReadMoreLine(lines, lineStart)) {
      const block = readMoreBlock(lines, lineStart, from);
      const named = block ? titleOf(line(block.block.start), nextLine(block.block.start)) : { title: '', author: '' };
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
