/**
 * The excerpt of an entry: the first paragraph of its summary as plain text (see html/text.ts for how
 * HTML becomes text).
 *
 * - `<br>` starts a new line; a blank line (two `<br>` with nothing but whitespace between) ends the
 *   paragraph. Block elements (p, div, li, h1..h6, blockquote, pre, table rows, ...) end a paragraph.
 * - Plain text (no block element and no `<br>` anywhere) is split into paragraphs at blank lines.
 * - Runs of whitespace (including no-break spaces) become one space; soft hyphens are removed.
 * - What is not the entry's own text is passed over: figure captions (`figcaption`, WordPress's
 *   `wp-caption-text`), share buttons and feed flare (by class or id), "Continue reading" and "Read
 *   more" links, a paragraph that is only "Share this:", and WordPress's "The post … appeared first
 *   on …" trailer. A paragraph left with no text (an image alone, say) is skipped.
 * - The excerpt is the first paragraph that has text, up to `maxLength` characters (code points);
 *   longer ones are cut at the last word boundary that fits (see {@link truncateAtWord}), trailing
 *   `,;:` and dashes dropped, and end with `…` (the result, `…` included, is at most `maxLength`
 *   characters).
 */
import { collapseWhitespace, type TextSink, walkText } from '../html/text';
import { truncateAtWord } from '../base/truncate';
import { ROUNDUP_DEFAULTS as DEFAULT_SETTINGS } from './defaults';

const BLOCK_OR_BR =
  /<\/?(?:br|p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|hr|dl|dt|dd|figure|header|footer)\b/i;

/** Classes (and ids) of what is not the entry's text: share buttons, captions, "read more" links, feed flare. */
export const NOT_TEXT_CLASS =
  /(?:^|[\s_-])(?:share|shares|sharing|sharedaddy|social|addtoany|a2a_kit|jp-relatedposts|wp-caption-text|more-link|read-more|readmore|feedflare)(?:$|[\s_-])/i;
const CLASS_OR_ID = /\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
/** The text of a "read more" link. */
export const READ_MORE =
  /^[\s([{\u2026.]*(?:continue reading|read more|read the rest|keep reading|read (?:the )?full (?:post|article|story|entry)|more\s*(?:\u2026|\.\.\.|\u00bb|\u2192|>>)|\u2192|\u00bb)/i;
/** A paragraph that is only a share prompt. */
const SHARE_PROMPT =
  /^(?:share this(?: post| article)?|like this|share|tweet|share on [\w ]+|spread the word|subscribe(?: now)?)\s*:?$/i;
/** WordPress's (Yoast's) trailer: "The post <title> appeared first on <site>." */
const APPEARED_FIRST = /(?:^|\s|(?<=[\]\u2026.!?]))The post .+ appeared first on .+?\.?$/;

/** The text without WordPress's trailer (most texts are told to have none before the expression runs). */
export function withoutTrailer(text: string): string {
  return text.includes(' appeared first on ') ? text.replace(APPEARED_FIRST, '') : text;
}

function isNotText(name: string, attrs: string): boolean {
  if (name === 'figcaption') return true;
  if (!attrs) return false;
  for (const m of attrs.matchAll(CLASS_OR_ID)) if (NOT_TEXT_CLASS.test(m[1] ?? m[2] ?? m[3] ?? '')) return true;
  return false;
}

/**
 * A sink that collects paragraphs (arrays of cleaned lines), stopping after the first one with text.
 * What is not the entry's own text is passed over: figure captions, share buttons, "Continue
 * reading" / "Read more" links, and WordPress's "The post … appeared first on …" trailer.
 */
class FirstParagraph implements TextSink {
  private lines: string[] = [];
  private line = '';
  /** Where the open link's text started: the line count and the offset in the current line. */
  private link: { lines: number; at: number } | undefined;
  result: string[] | undefined;

  text(t: string): void {
    this.line += t;
  }
  element(name: string, closing: boolean, attrs: string): boolean {
    if (!closing && isNotText(name, attrs)) return true;
    if (name === 'a') {
      if (!closing) {
        this.link = { lines: this.lines.length, at: this.line.length };
      } else if (this.link) {
        if (this.link.lines === this.lines.length && READ_MORE.test(this.line.slice(this.link.at))) {
          this.line = this.line.slice(0, this.link.at);
        }
        this.link = undefined;
      }
    }
    return false;
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
    const lines = this.lines;
    this.lines = [];
    if (this.result !== undefined) return;
    const last = lines.length - 1;
    lines[last] = withoutTrailer(lines[last]).trim();
    if (!lines[last]) lines.pop();
    if (lines.length === 0 || (lines.length === 1 && SHARE_PROMPT.test(lines[0]))) return;
    this.result = lines;
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
