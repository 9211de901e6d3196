/**
 * Reading an entry before quoting it: the entry as a markdown document to read (title, author, feed,
 * date and link on top, then its text, see htmlMarkdown.ts), whether the feed gave only a summary, and
 * a passage chosen in that document as the text of an excerpt (Insert as quote).
 */
import { formatUtc } from '../base/utc';
import { encodeUrl, isSafeUrl } from '../base/urls';
import { UNTITLED, type FeedEntry } from '../feeds/types';
import { parseHtmlTree, textContent, type HtmlNode } from '../html/tree';
import { collapseWhitespace, htmlToText } from '../html/text';
import { escapeInline, escapeLine } from './escape';
import { READ_MORE, withoutTrailer } from './excerpt';
import { displayAuthor } from './format';
import { htmlToMarkdown } from './htmlMarkdown';

/** A cut text's end: `…`, `...`, `[…]`, `[...]` (WordPress's excerpts), `(more…)`. */
const CUT_END = /(?:\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.)\s*\]|\(more\s*(?:\u2026|\.\.\.)?\))\s*$/i;
const MORE_LINK_CLASS = /(?:^|\s)(?:more-link|read-more|readmore)(?:\s|$)/i;

function hasReadMoreLink(node: HtmlNode): boolean {
  if (typeof node === 'string') return false;
  if (node.name === 'a' && (MORE_LINK_CLASS.test(node.attrs.class ?? '') || READ_MORE.test(textContent(node).trim()))) {
    return true;
  }
  return node.children.some(hasReadMoreLink);
}

/**
 * True when the feed gives only a summary of the entry, not its text: no text at all, text that ends
 * cut (`…`, `[…]`, before WordPress's "The post … appeared first on …" trailer), or a "Continue
 * reading" / "Read more" link. Full text that happens to end so is taken for a summary too: the
 * document then offers the browser, which does no harm.
 */
export function isSummaryOnly(html: string): boolean {
  const text = withoutTrailer(htmlToText(html)).trim();
  if (!text || CUT_END.test(text)) return true;
  return html.includes('<') && hasReadMoreLink(parseHtmlTree(html));
}

export interface EntryDocument {
  /** The markdown text, ending with a line break. */
  text: string;
  /** The feed gives only a summary (see {@link isSummaryOnly}): the text says so and links to the entry. */
  summaryOnly: boolean;
}

function linkLine(url: string): string {
  return isSafeUrl(url) ? `[${escapeInline(url.trim())}](${encodeUrl(url)})` : escapeLine(url);
}

/**
 * The entry as a document to read: `# title`, a line with the author (mapped with `authors`, as in
 * blocks), the feed and the date, the link, a note when the feed gives only a summary, a rule, then the
 * entry's text as markdown (relative URLs resolved against its link).
 */
export function entryDocument(entry: FeedEntry, authors: Readonly<Record<string, string>> = {}): EntryDocument {
  const title = collapseWhitespace(entry.title) || UNTITLED;
  const author = displayAuthor(collapseWhitespace(entry.author), authors);
  const time = entry.published ? new Date(entry.published) : undefined;
  const date = time && !Number.isNaN(time.getTime()) ? formatUtc(time, 'DD MMMM YYYY, HH:mm UTC') : '';
  const byline = [author && `By ${author}`, collapseWhitespace(entry.feed), date].filter(Boolean);
  const summaryOnly = isSummaryOnly(entry.summaryHtml);
  const link = entry.link.trim();
  const lines = ['# ' + escapeInline(title).replace(/#+$/, (hashes) => '\\' + hashes), ''];
  if (byline.length > 0) lines.push(escapeLine(byline.join(' \u00b7 ')), '');
  if (link) lines.push(linkLine(link), '');
  if (summaryOnly) {
    const where = isSafeUrl(link) ? ` Open it in the browser: ${linkLine(link)}` : '';
    lines.push(`*The feed gives only a summary of this entry, not its full text.*${where}`, '');
  }
  lines.push('---', '');
  const body = htmlToMarkdown(entry.summaryHtml, isSafeUrl(link) ? link : undefined);
  lines.push(body || '*The feed gives no text for this entry.*');
  return { text: lines.join('\n') + '\n', summaryOnly };
}

/**
 * A name for the entry's document (its tab): the title with the characters file names cannot hold
 * replaced, at most 60 characters, ending in `.md`.
 */
export function entryDocumentName(entry: FeedEntry): string {
  const title = collapseWhitespace(entry.title.replace(/[/\\?#%*:|"<>\u0000-\u001f]/g, ' ')).slice(0, 60).trim();
  return `${title || 'entry'}.md`;
}

/* ------------------------------------------------------------------------------------------------
 * A passage of the document as an excerpt
 * --------------------------------------------------------------------------------------------- */

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const FENCE = /^(?:\s*>)*\s*(?:`{3,}|~{3,})/;
const RULE = /^(?:\s*>)*\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const DELIMITER_ROW = /^(?:\s*>)*\s*\|?[\s:|-]*-[\s:|-]*$/;

/** The end of a link destination that starts after `](` at `from`: the index after its `)`. */
function destinationEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return i + 1;
  }
  return text.length;
}

/** Inline markdown as the text it shows: escapes undone, code spans' text, links' text, emphasis markers dropped. */
function plainInline(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      out += text[++i];
    } else if (c === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      if (close < 0) {
        out += run;
      } else {
        const code = text.slice(i + run.length, close);
        out += /^ .* $/.test(code) ? code.slice(1, -1) : code;
        i = close;
      }
      i += run.length - 1;
    } else if (c === ']' && text[i + 1] === '(') {
      i = destinationEnd(text, i + 2) - 1;
    } else if (c !== '[' && c !== '*' && c !== '_' && !(c === '~' && text[i + 1] === '~')) {
      out += c;
    } else if (c === '~') {
      i++;
    }
  }
  return out;
}

/** A line of the document without its block markup: quote markers, heading hashes, list markers, table pipes. */
function lineText(line: string): string {
  let text = line.replace(/^(?:\s*>)+ ?/, '');
  text = text.replace(/^\s*#{1,6}(?=\s|$)/, '').replace(/^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)/, '');
  if (/^\s*\|.*\|\s*$/.test(text)) text = text.trim().slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()).join('  ');
  return collapseWhitespace(plainInline(text));
}

/** Does the line end with a hard break (an unescaped `\`, or two spaces)? */
function endsWithBreak(line: string): boolean {
  if (/ {2,}$/.test(line)) return true;
  const slashes = /\\*$/.exec(line)![0].length;
  return slashes % 2 === 1;
}

/**
 * A passage of an entry's document (see {@link entryDocument}) as the text of an excerpt: the markup
 * undone (a link shows its text, `\*` is `*`), each line of the document its own paragraph (as the
 * document writes each paragraph, heading, list item on one line), lines joined by a hard break one
 * paragraph, code blocks one paragraph of their lines. Paragraphs are separated by a blank line, the
 * lines of one by a line break. '' when the passage has no text.
 */
export function passageExcerpt(passage: string): string {
  const paragraphs: string[][] = [];
  let current: string[] | undefined;
  let inFence = false;
  const end = (): void => {
    if (current && current.length > 0) paragraphs.push(current);
    current = undefined;
  };
  for (const line of passage.split(/\r\n|\r|\n/)) {
    if (FENCE.test(line)) {
      end();
      inFence = !inFence;
      if (inFence) current = [];
      continue;
    }
    if (inFence) {
      const code = line.replace(/^(?:\s*>)+ ?/, '').trimEnd();
      if (code.trim()) current!.push(code);
      continue;
    }
    const text = RULE.test(line) || DELIMITER_ROW.test(line) ? '' : lineText(line.replace(/\\$/, ''));
    if (!text) {
      end();
      continue;
    }
    (current ??= []).push(text);
    if (!endsWithBreak(line)) end();
  }
  end();
  return paragraphs.map((lines) => lines.join('\n')).join('\n\n');
}
