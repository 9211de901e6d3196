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
import { truncateAtWord } from '../base/truncate';
import { ROUNDUP_DEFAULTS as DEFAULT_SETTINGS } from './defaults';

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
