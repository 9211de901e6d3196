/**
 * HTML -> plain text for the formatter: the first paragraph of an entry's summary (the excerpt),
 * and a one-line text for titles, authors and feed names.
 *
 * Rules:
 * - Tags are stripped; the content of script, style, noscript, template, svg, math, iframe, object,
 *   video, audio and canvas is dropped; comments, `<!...>` and `<?...?>` are dropped.
 * - Character references are decoded (see entities.ts); `&lt;p&gt;` stays the text `<p>`.
 * - Runs of whitespace (including no-break spaces) become one space; soft hyphens are removed.
 * - `<br>` starts a new line; a blank line (two `<br>` with nothing but whitespace between) ends the
 *   paragraph. Block elements (p, div, li, h1..h6, blockquote, pre, table rows, ...) end a paragraph.
 * - Plain text (no block element and no `<br>` anywhere) is split into paragraphs at blank lines.
 * - The excerpt is the first paragraph that has text, up to `maxLength` characters (code points);
 *   longer ones are cut at the last word boundary that fits, trailing `,;:` and dashes dropped, and
 *   end with `…` (the result, `…` included, is at most `maxLength` characters).
 */
import { decodeEntities } from '../html/entities';

export const DEFAULT_EXCERPT_MAX_LENGTH = 1000;

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const CELL_TAGS = new Set(['td', 'th']);
/** Elements whose content is not text of the entry. */
const DROP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'video', 'audio', 'canvas', 'head']);
/** Elements whose content is raw text: no tags inside, only the matching end tag ends them. */
const RAW_TEXT_TAGS = new Set(['script', 'style']);

const SPACE_RUN = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u00ad\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
const BLOCK_OR_BR = /<\/?(?:br|p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|hr|dl|dt|dd|figure|header|footer)\b/i;

function clean(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACE_RUN, ' ').trim();
}

type Sink = {
  text(t: string): void;
  lineBreak(): void;
  paragraphBreak(): void;
  /** True once the sink has all it wants: the tokenizer stops. */
  done(): boolean;
};

/** Walks the HTML once, calling the sink for text and breaks. Text handed over is entity-decoded. */
function walkHtml(html: string, sink: Sink, plain: boolean): void {
  const n = html.length;
  let i = 0;
  let dropDepth = 0;
  const emitText = (raw: string): void => {
    if (dropDepth > 0 || raw === '') return;
    if (!plain) {
      sink.text(decodeEntities(raw));
      return;
    }
    const parts = raw.split(/\r?\n[ \t\r\f\v]*\n/);
    parts.forEach((part, k) => {
      if (k > 0) sink.paragraphBreak();
      sink.text(decodeEntities(part));
    });
  };
  while (i < n && !sink.done()) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      emitText(html.slice(i));
      break;
    }
    emitText(html.slice(i, lt));
    i = lt;
    const next = html.charAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const closing = next === '/';
    const nameMatch = /^[A-Za-z][A-Za-z0-9:-]*/.exec(html.slice(i + (closing ? 2 : 1), i + (closing ? 2 : 1) + 40));
    if (!nameMatch) {
      // A `<` that starts no tag is text.
      emitText('<');
      i += 1;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    // Find the end of the tag, skipping quoted attribute values.
    let j = i + (closing ? 2 : 1) + nameMatch[0].length;
    let quote = '';
    for (; j < n; j++) {
      const c = html.charAt(j);
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        break;
      }
    }
    const selfClosing = html.charAt(j - 1) === '/';
    i = j >= n ? n : j + 1;
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      const endTag = new RegExp('</' + name + '\\b', 'gi');
      endTag.lastIndex = i;
      const end = endTag.exec(html);
      if (!end) {
        i = n;
      } else {
        const close = html.indexOf('>', end.index);
        i = close < 0 ? n : close + 1;
      }
      continue;
    }
    if (DROP_TAGS.has(name)) {
      if (closing) dropDepth = Math.max(0, dropDepth - 1);
      else if (!selfClosing) dropDepth += 1;
      continue;
    }
    if (dropDepth > 0) continue;
    if (name === 'br') sink.lineBreak();
    else if (BLOCK_TAGS.has(name)) sink.paragraphBreak();
    else if (CELL_TAGS.has(name)) sink.text(' ');
  }
}

/** A sink that collects paragraphs (arrays of cleaned lines), stopping after the first one with text. */
class FirstParagraph implements Sink {
  private lines: string[] = [];
  private line = '';
  result: string[] | undefined;

  text(t: string): void {
    this.line += t;
  }
  lineBreak(): void {
    const cleaned = clean(this.line);
    this.line = '';
    if (cleaned === '') {
      // An empty line: a paragraph break once the paragraph has text.
      if (this.lines.length > 0) this.finish();
      return;
    }
    this.lines.push(cleaned);
  }
  paragraphBreak(): void {
    const cleaned = clean(this.line);
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

/** Cuts `text` to at most `maxLength` code points at a word boundary, ending with `…`. */
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
    if (k > 0) cut = k;
  }
  let head = chars.slice(0, cut).join('');
  head = head.replace(/[\s,;:\u2013\u2014-]+$/u, '');
  return head + '\u2026';
}

/**
 * The excerpt of an entry: the first paragraph of `html` as plain text, lines separated by `\n`
 * (one per `<br>` line), cut to `maxLength` characters (0 or Infinity: no limit). '' when there is no text.
 */
export function excerptFromHtml(html: string, maxLength: number = DEFAULT_EXCERPT_MAX_LENGTH): string {
  if (!html) return '';
  const sink = new FirstParagraph();
  walkHtml(html, sink, !BLOCK_OR_BR.test(html));
  const text = sink.end().join('\n');
  return maxLength > 0 ? truncateAtWord(text, maxLength) : text;
}

/**
 * HTML (or plain text that may hold entities and tags) as one line of plain text: tags stripped,
 * references decoded, every break and whitespace run a single space. For titles, authors, feed names.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return clean(html);
  let out = '';
  walkHtml(
    html,
    {
      text: (t) => (out += t),
      lineBreak: () => (out += ' '),
      paragraphBreak: () => (out += ' '),
      done: () => false,
    },
    false,
  );
  return clean(out);
}
