/**
 * How many entries a text holds, by the shapes a roundup gives them: blocks that a read-more line ends,
 * read-more lines, linked-title blocks ({@link findRoundupBlocks}), and items of lists of entry links (every item one
 * inline link and nothing else, {@link Lists}). What tells a roundup from a post with a stray link.
 */
import { splitLines } from '../base/lines';
import { findRoundupBlocks, READ_MORE_LINE } from './blocks';
import { type List, Lists } from './lists';
import { scanLinkTable } from './scan';

export interface EntryCount {
  /** Blocks that a read-more line ends. */
  readMore: number;
  /** Read-more lines, in blocks or not (a title that is not bold: `Title, by Author`). */
  readMoreLines: number;
  /** Blocks whose bold title is a link, with no read-more line: with a quote, and without one. */
  quotedTitles: number;
  linkedTitles: number;
  /** Items of lists of entry links. */
  listItems: number;
}

/** The entries of `text` from `from` (the start of the body) on. */
export function countEntries(text: string, from = 0): EntryCount {
  const body = text.slice(from);
  const count: EntryCount = { readMore: 0, readMoreLines: 0, quotedTitles: 0, linkedTitles: 0, listItems: 0 };
  const bodyLines = splitLines(body);
  for (const line of bodyLines) if (READ_MORE_LINE.test(line.text)) count.readMoreLines++;
  for (const block of findRoundupBlocks(body, bodyLines)) {
    if (block.readMore) count.readMore++;
    else if (block.quoted) count.quotedTitles++;
    else count.linkedTitles++;
  }
  const links = scanLinkTable(body);
  const lists = new Lists(links);
  const lines = links.lines;
  let list: List | undefined;
  let lastLine = -1;
  for (let i = 0; i < links.count; i++) {
    if (!links.isInline(i)) continue;
    const at = links.matchStart(i);
    const lineStart = lines.startOf(at);
    // One link a line: an item of entry links holds no other.
    if (lineStart === lastLine || lists.itemContent(lineStart) !== at) continue;
    lastLine = lineStart;
    if (!list || lineStart < list.start || lineStart > list.end) list = lists.around(lineStart, 0);
    if (list.entries) count.listItems++;
  }
  return count;
}
