/**
 * Recognizing the structure of a post's text, line by line: roundup blocks (the front matter is
 * frontmatter/locate.ts's).
 *
 * A roundup block (the built-in `block` template, and what the blog's posts hold):
 *
 *     **Title** by Author          <- title line: starts with `**` and a non-space, non-`*` character;
 *     (more title lines)              the title paragraph may go on (`by Gordon Haff` on its own line)
 *
 *     > excerpt                    <- zero or more paragraphs, each starting with a `>` line
 *     lazy continuation line          (lines after a `>` line without a blank line between belong to it)
 *
 *     ... read more at [url](url)  <- read-more line: `...` or `…`, then `read more` (any case)
 *
 * Anything else between the title line and the read-more line (a paragraph that does not start with
 * `>`, another title line) means the lines are not a block.
 */
import { isBlank, type Line, splitLines } from '../base/lines';

export const TITLE_LINE = /^\*\*(?![\s*])/;
export const READ_MORE_LINE = /^(?:\.\.\.|\u2026)[ \t]*read more\b/i;

export interface RoundupBlock {
  /** Start of the title line. */
  start: number;
  /** End of the read-more line (before its line break). */
  end: number;
  /** Index (in the line array) of the title line and of the read-more line. */
  firstLine: number;
  lastLine: number;
}

/** Every roundup block of the text, in order; `lines` may be passed when already split. */
export function findRoundupBlocks(text: string, lines: Line[] = splitLines(text)): RoundupBlock[] {
  const blocks: RoundupBlock[] = [];
  type State = 'none' | 'title' | 'gap' | 'quote';
  let state: State = 'none';
  let first = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (TITLE_LINE.test(t)) {
      state = 'title';
      first = i;
      continue;
    }
    if (state === 'none') continue;
    if (READ_MORE_LINE.test(t)) {
      if (state === 'gap') blocks.push({ start: lines[first].start, end: lines[i].end, firstLine: first, lastLine: i });
      state = 'none';
      continue;
    }
    if (isBlank(t)) state = 'gap';
    else if (state === 'gap') state = /^[ \t]{0,3}>/.test(t) ? 'quote' : 'none';
    // Non-blank lines in 'title' or 'quote' continue that paragraph.
  }
  return blocks;
}
