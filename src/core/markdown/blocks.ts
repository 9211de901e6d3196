/**
 * Roundup blocks in a markdown text (the front matter is frontmatter/locate.ts's): all of them, line by
 * line, or the one a read-more line ends, with what removing it deletes.
 *
 * A roundup block (the built-in `block` template, and what blogs' roundups hold) has one of two shapes.
 * A read-more block:
 *
 *     **Title** by Author          <- title line: starts with `**` and a non-space, non-`*` character
 *     (more title lines)              (or `[**`: a link on the bold title); the title paragraph may go
 *                                     on (`by Gordon Haff` on its own line)
 *
 *     > excerpt                    <- zero or more paragraphs, each starting with a `>` line
 *     lazy continuation line          (lines after a `>` line without a blank line between belong to it),
 *                                     or (older posts) paragraphs of plain text, not both
 *
 *     ... read more at [url](url)  <- read-more line, in the blog's wording: `... read more`, `... More
 *                                     at`, `Read more at`, `Read more:`, `Continue reading`, `[Read more](url)`
 *
 * A linked-title block: a title line that is a link on the bold title and nothing else but its author
 * (`**[Title](url)** by Author`, `[**Title**](url)`), then zero or more quote paragraphs, and no
 * read-more line (when one follows, the block is a read-more block).
 *
 * Anything else between the title line and the read-more line (a paragraph that does not start with
 * `>`, another title line) means the lines are not a read-more block.
 */
import { Char } from '../base/chars';
import { isBlank, type Line, type LineSpan, splitLines, type TextLines } from '../base/lines';

export const TITLE_LINE = /^\[?\*\*(?![\s*])/;
/**
 * A read-more line: `...` or `…` then `read more`, `more at` or `continue reading` (any case); or, with no
 * ellipsis, `Read more at` (`on`, `over at`), `Read more:`, `More at`, `Continue reading`, also as the
 * text of a link (`[Read more](url)`, `[Continue reading →](url)`).
 */
export const READ_MORE_LINE = new RegExp(
  String.raw`^(?:(?:\.\.\.|\u2026)[ \t]*(?:read more|more at|continue reading)\b` +
    String.raw`|\[?(?:read more(?:[ \t]+over)?[ \t]+(?:at|on)\b|read more[ \t]*[:\]]|more at\b|continue reading\b))`,
  'i',
);
/** The target of an inline link, `(url)`, `(<url>)` or with a title `(url "title")`. */
const TARGET = String.raw`\((?:<[^>\n]*>|[^()\s]+)(?:[ \t]+"[^"\n]*")?\)`;
/** What may follow a linked title on its line: its author (`by A`, `, by A`, `- A`, `(A)`) or a comma. */
const AUTHOR_PART = String.raw`(?:[ \t]*,?[ \t]+by[ \t]+\S.*|[ \t]+[-\u2013\u2014][ \t]+\S.*|[ \t]+\(.*\)|,)?[ \t]*$`;
/**
 * A title line that is a link on the bold title (`**[Title](url)**`, `[**Title**](url)`) and nothing else
 * but its author: the first line of a linked-title block.
 */
const LINKED_TITLE_LINE = new RegExp(
  String.raw`^(?:\*\*\[(?:[^\]\\\n]|\\.)+\]${TARGET}\*\*|\[\*\*(?![\s*])(?:[^*\\\n]|\\.|\*(?!\*))+\*\*\]${TARGET})` +
    AUTHOR_PART,
  'i',
);
/** A quote line: `>` after at most three spaces or tabs. */
const QUOTE_LINE = /^[ \t]{0,3}>/;

/**
 * Where the lines after a title line stand: in the title paragraph, after a blank line (`gap`: before
 * any excerpt), in a quote paragraph or after one, in a plain excerpt paragraph (an older wording: the
 * excerpt not quoted) or after one, or no block ('none'). Quote and plain paragraphs do not mix.
 */
type Between = 'title' | 'gap' | 'quote' | 'quoteGap' | 'plain' | 'plainGap' | 'none';

/** Where the lines after a title line stand after one more line (`blank`: the line is blank). */
function nextBetween(state: Between, line: string, blank: boolean): Between {
  return betweenAfter(state, blank, !blank && QUOTE_LINE.test(line));
}

/** {@link nextBetween} of a line read where it stands: `quote` when it is a quote line. */
function betweenAfter(state: Between, blank: boolean, quote: boolean): Between {
  if (blank) {
    if (state === 'quote') return 'quoteGap';
    if (state === 'plain') return 'plainGap';
    return state === 'title' ? 'gap' : state;
  }
  if (state === 'gap') return quote ? 'quote' : 'plain';
  if (state === 'quoteGap') return quote ? 'quote' : 'none';
  if (state === 'plainGap') return quote ? 'none' : 'plain';
  // A non-blank line in the title or an excerpt paragraph continues that paragraph.
  return state;
}

/** After a blank line that a read-more line may follow. */
function endsBlock(state: Between): boolean {
  return state === 'gap' || state === 'quoteGap' || state === 'plainGap';
}

/** Where something starts and ends in a text. */
export interface Range {
  start: number;
  end: number;
}

/** Lines that hold one thing (a roundup block, a list item) and what removing them deletes. */
export interface Removable {
  block: Range;
  removal: Range;
}

export interface RoundupBlock {
  /** Start of the title line. */
  start: number;
  /** End of the read-more line, or of the last line of a linked-title block (before its line break). */
  end: number;
  /** Index (in the line array) of the title line and of the read-more line (or last line). */
  firstLine: number;
  lastLine: number;
  /** True for a block that a read-more line ends, false for a linked-title block. */
  readMore: boolean;
  /** True when the block holds a quote (an excerpt). */
  quoted: boolean;
}

/** Every roundup block of the text, in order; `lines` may be passed when already split. */
export function findRoundupBlocks(text: string, lines: Line[] = splitLines(text)): RoundupBlock[] {
  const blocks: RoundupBlock[] = [];
  let state: Between = 'none';
  // The title line, whether it is a linked title, the last line of its title and quote paragraphs, and
  // whether it has a quote.
  let first = -1;
  let linked = false;
  let last = -1;
  let quoted = false;
  const push = (lastLine: number, readMore: boolean): void => {
    const { start } = lines[first];
    blocks.push({ start, end: lines[lastLine].end, firstLine: first, lastLine, readMore, quoted });
  };
  /** Ends the lines since the title line: a linked-title block when its title is linked. */
  const close = (): void => {
    if (linked) push(last, false);
    linked = false;
    state = 'none';
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (TITLE_LINE.test(t)) {
      close();
      state = 'title';
      first = last = i;
      linked = LINKED_TITLE_LINE.test(t);
      quoted = false;
      continue;
    }
    if (state === 'none') continue;
    if (READ_MORE_LINE.test(t)) {
      if (endsBlock(state)) {
        push(i, true);
        linked = false;
      }
      close();
      continue;
    }
    state = nextBetween(state, t, isBlank(t));
    if (state === 'none') close();
    // A linked-title block holds its title and quote paragraphs, never a plain paragraph.
    else if (state === 'title' || state === 'quote') last = i;
    if (state === 'quote') quoted = true;
  }
  close();
  return blocks;
}

/**
 * The linked-title block whose title line starts at `titleStart` (a link on the bold title, and no
 * read-more line ends the block: then it is a read-more block, {@link readMoreBlock}), and what removing
 * it deletes. Undefined when the line is no linked title, or a read-more line ends its block; nothing above
 * `from` is removed.
 */
export function linkedTitleBlock(lines: TextLines, titleStart: number, from: number): Removable | undefined {
  const text = lines.text;
  const title = lines.span(titleStart);
  if (!LINKED_TITLE_LINE.test(text.slice(title.start, title.end))) return undefined;
  let state: Between = 'title';
  let last = title;
  for (let line = title; line.next > line.end && line.next < text.length; ) {
    line = lines.span(line.next);
    const t = text.slice(line.start, line.end);
    if (TITLE_LINE.test(t)) break;
    if (READ_MORE_LINE.test(t)) {
      if (endsBlock(state)) return undefined;
      break;
    }
    state = nextBetween(state, t, lines.isBlankFrom(line.start));
    if (state === 'none') break;
    if (state === 'title' || state === 'quote') last = line;
  }
  return { block: { start: title.start, end: last.end }, removal: blockRemoval(lines, title.start, last, from) };
}

/** The first character of a line may start a read-more line: `.`, `…`, `[`, `r`, `m`, `c` (any case). */
function mayStartReadMore(c: number): boolean {
  const lower = c | 0x20;
  return c === Char.Period || c === Char.Ellipsis || c === Char.OpenBracket ||
    lower === Char.LowerR || lower === Char.LowerM || lower === Char.LowerC;
}

/** True when the line starting at `start` is a read-more line. */
export function isReadMoreLine(lines: TextLines, start: number): boolean {
  const text = lines.text;
  return mayStartReadMore(text.charCodeAt(start)) && READ_MORE_LINE.test(text.slice(start, lines.endOf(start)));
}

/**
 * The roundup block that the read-more line starting at `readMoreStart` ends, its read-more paragraph
 * included (a link text may wrap onto the next line), and what removing it deletes: the block with its
 * line break and one blank line that separates it from its neighbours. Undefined when no block ends
 * there; nothing above `from` is looked at.
 */
export function readMoreBlock(lines: TextLines, readMoreStart: number, from: number): Removable | undefined {
  const start = readMoreBlockStart(lines, readMoreStart, from);
  if (start < 0) return undefined;
  const last = paragraphEnd(lines, lines.span(readMoreStart));
  return { block: { start, end: last.end }, removal: blockRemoval(lines, start, last, from) };
}

/** {@link TITLE_LINE} from a line start, with the line's end (past which the line holds nothing) at `end`. */
const TITLE_AT = /\[?\*\*(?:(?![\s*])|(?=[\n\r]|$))/y;

/** True when the line starting at `start` is a title line ({@link TITLE_LINE}), read where it stands. */
function isTitleLine(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  if (c !== Char.Asterisk && c !== Char.OpenBracket) return false;
  TITLE_AT.lastIndex = start;
  return TITLE_AT.test(text);
}

/** True when the line starting at `start` is a quote line ({@link QUOTE_LINE}), read where it stands. */
function isQuoteLine(lines: TextLines, start: number): boolean {
  let k = start;
  while (k - start < 3 && lines.isSpaceOrTabAt(k)) k++;
  return lines.text.charCodeAt(k) === Char.GreaterThan;
}

/**
 * Start of the roundup block that the read-more line starting at `readMoreStart` ends ({@link readMoreBlock}
 * without what removing it deletes): of the nearest title line above it, when the lines between make a
 * block (as {@link findRoundupBlocks} reads them); -1 otherwise. Nothing above `from` is looked at.
 */
export function readMoreBlockStart(lines: TextLines, readMoreStart: number, from: number): number {
  const text = lines.text;
  // Up to the nearest title line or read-more line.
  let title = -1;
  for (let start = lines.previousStart(readMoreStart); start >= from && title < 0; ) {
    if (isReadMoreLine(lines, start)) return -1;
    if (isTitleLine(text, start)) title = start;
    else start = lines.previousStart(start);
  }
  if (title < 0) return -1;
  let state: Between = 'title';
  for (let start = lines.nextStart(lines.endOf(title)); start < readMoreStart && state !== 'none'; ) {
    const blank = lines.isBlankFrom(start);
    state = betweenAfter(state, blank, !blank && isQuoteLine(lines, start));
    start = lines.nextStart(lines.endOf(start));
  }
  return endsBlock(state) ? title : -1;
}

/** The last line of the paragraph whose first line is `first`. */
function paragraphEnd(lines: TextLines, first: LineSpan): LineSpan {
  let last = first;
  if (first.next >= lines.text.length) return last;
  for (let below = lines.span(first.next); !lines.isBlankFrom(below.start); below = lines.span(below.next)) {
    last = below;
    if (below.next >= lines.text.length) break;
  }
  return last;
}

/**
 * What removing the lines from `start` to the line `last` deletes: those lines with the line break of
 * the last and one blank line that separates them from their neighbours (the one after, else the one
 * before), nothing above `from`.
 */
function blockRemoval(lines: TextLines, start: number, last: LineSpan, from: number): Range {
  const length = lines.text.length;
  const after = lines.span(last.next);
  if (last.next < length && lines.isBlankFrom(after.start) && after.end < length) return { start, end: after.next };
  const before = lines.previousStart(start);
  if (before >= from && lines.isBlankFrom(before)) {
    const aboveBlank = lines.previousStart(before);
    // The last line of the text, without a line break: from the end of the line above the blank line.
    if (last.next === last.end && aboveBlank >= from) return { start: lines.endOf(aboveBlank), end: last.end };
    return { start: before, end: last.next };
  }
  return { start, end: last.next };
}
