/**
 * The excerpt of an entry: the first paragraph of its summary as plain text (see html/text.ts for how
 * HTML becomes text).
 *
 * - `<br>` starts a new line; a blank line (two `<br>` with nothing but whitespace between) ends the
 *   paragraph. Block elements (p, div, li, h1..h6, blockquote, pre, table rows, ...) end a paragraph.
 * - Plain text (no block element and no `<br>` anywhere) is split into paragraphs at blank lines.
 * - Runs of whitespace (including no-break spaces) become one space; soft hyphens are removed.
 * - The excerpt is the first paragraph that has text, up to `maxLength` characters (code points);
 *   longer ones are cut at the last word boundary that fits (see {@link truncateAtWord}), trailing
 *   `,;:` and dashes dropped, and end with `…` (the result, `…` included, is at most `maxLength`
 *   characters).
 */
import { collapseWhitespace, type TextSink, walkText } from '../html/text';
import { DEFAULT_SETTINGS } from '../settings';

const BLOCK_OR_BR = /<\/?(?:br|p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|hr|dl|dt|dd|figure|header|footer)\b/i;

/** A sink that collects paragraphs (arrays of cleaned lines), stopping after the first one with text. */
class FirstParagraph implements TextSink {
  private lines: string[] = [];
  private line = '';
  result: string[] | undefined;

  text(t: string): void {
    this.line += t;
  }
  lineBreak(): void {
    const cleaned = collapseWhitespace(this.line);
    this.line = '';
    if (cleaned === '') {
      // An empty line: a paragraph break once the paragraph has text.
      if (this.lines.length > 0) this.finish();
      return;
    }
    this.lines.push(cleaned);
  }
  paragraphBreak(): void {
    const cleaned = collapseWhitespace(this.line);
    this.line = '';
    if (cleaned !== '') this.lines.push(cleaned);
    if (this.lines.length > 0) this.finish();
  }
  done(): boolean {
    return this.result !== undefined;
  }
  end(): string[] {
    if (!this.done()) this.paragraphBreak();
    return this.result ?? [];
  }
  private finish(): void {
    if (this.result === undefined) this.result = this.lines;
    this.lines = [];
  }
}

/**
 * Cuts `text` to at most `maxLength` code points at a word boundary, ending with `…`; when the last
 * boundary that fits would keep no more than a third of the room (a long word or URL), the word is
 * cut instead. Excerpts and the feeds' fallback titles are cut this way.
 */
export function truncateAtWord(text: string, maxLength: number): string {
  if (!(maxLength >= 1) || !Number.isFinite(maxLength)) return text;
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  const room = Math.floor(maxLength) - 1;
  let cut = room;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n';
  if (!isSpace(chars[room])) {
    let k = room - 1;
    while (k > 0 && !isSpace(chars[k])) k--;
    if (k > room / 3) cut = k;
  }
  let head = chars.slice(0, cut).join('');
  head = head.replace(/[\s,;:\u2013\u2014-]+$/u, '');
  return head + '\u2026';
}

/**
 * The excerpt of an entry: the first paragraph of `html` as plain text, lines separated by `\n`
 * (one per `<br>` line), cut to `maxLength` characters (default: `roundup.excerpt.maxLength`'s; 0 or
 * Infinity: no limit). '' when there is no text.
 */
export function excerptFromHtml(html: string, maxLength: number = DEFAULT_SETTINGS.excerpt.maxLength): string {
  if (!html) return '';
  const sink = new FirstParagraph();
  walkText(html, sink, !BLOCK_OR_BR.test(html));
  const text = sink.end().join('\n');
  return maxLength > 0 ? truncateAtWord(text, maxLength) : text;
}
