/**
 * HTML -> plain text: the text of a summary with its line and paragraph breaks (for the excerpt, see
 * roundup/excerpt.ts), and one line of text for titles, authors and feed names ({@link htmlToText}).
 *
 * - Tags are stripped; the content of script, style, noscript, template, svg, math, iframe, object,
 *   video, audio, canvas and head is dropped; comments, CDATA, `<!...>` and `<?...?>` are dropped.
 * - Character references are decoded (see entities.ts); `&lt;p&gt;` stays the text `<p>`.
 * - `<br>` is a line break; block elements (p, div, li, h1..h6, blockquote, pre, table rows, ...)
 *   are paragraph breaks; table cells are separated by a space.
 */
import { decodeEntities } from './entities';
import { scanHtml } from './scan';

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
const CELL_TAGS = new Set(['td', 'th']);
/** Elements that never have content (no end tag). */
const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is not text of the entry. */
const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'video',
  'audio',
  'canvas',
  'head',
]);

/** The whitespace characters but the space (no-break spaces included), as a character class's contents. */
const SPACES = '\\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Soft hyphens, zero-width no-break spaces and control characters, as a character class's contents. */
const INVISIBLES = '\\u00ad\\ufeff\\u0000-\\u0008\\u000b\\u000e-\\u001f\\u007f';
const SPACE_RUN = new RegExp(`[ ${SPACES}]+`, 'g');
const INVISIBLE = new RegExp(`[${INVISIBLES}]`, 'g');
/** Whitespace that SPACE_RUN would change: any but a single space. */
const SPACE_TO_FIX = new RegExp(`[${SPACES}]| {2}`);
/** What INVISIBLE removes or SPACE_TO_FIX finds. */
const TO_COLLAPSE = new RegExp(`[${INVISIBLES}${SPACES}]| {2}`);

/**
 * Text as one line: runs of whitespace (no-break spaces included) one space, soft hyphens, zero-width
 * no-break spaces and control characters removed, no space at either end.
 */
export function collapseWhitespace(text: string): string {
  // Most text has nothing to remove or change but its ends: one scan tells.
  if (!TO_COLLAPSE.test(text)) return text.trim();
  const visible = text.replace(INVISIBLE, '');
  // Most text has only single spaces: replacing each with itself would copy it for nothing.
  return (SPACE_TO_FIX.test(visible) ? visible.replace(SPACE_RUN, ' ') : visible).trim();
}

/** What {@link walkText} hands the text of a document to. */
export interface TextSink {
  /** Decoded text (whitespace as written). */
  text(t: string): void;
  lineBreak(): void;
  paragraphBreak(): void;
  /** True once the sink has all it wants: the walk stops. */
  done(): boolean;
  /**
   * Every tag outside dropped content, with the source text of its attributes. Returning true for a
   * start tag drops that element's content (up to its matching end tag; a block one still ends the
   * paragraph).
   */
  element?(name: string, closing: boolean, attrs: string): boolean | void;
}

/**
 * Walks the HTML once, calling the sink for text and breaks. With `plain` (text that has no block
 * element and no `<br>`), a blank line in the text is a paragraph break too.
 */
export function walkText(html: string, sink: TextSink, plain: boolean): void {
  let dropDepth = 0;
  /** An element the sink asked to drop, and how deep in elements of its name the walk is. */
  let skipName = '';
  let skipDepth = 0;
  scanHtml(html, {
    text: (raw) => {
      if (dropDepth > 0 || skipDepth > 0) return;
      if (!plain) {
        sink.text(decodeEntities(raw));
        return;
      }
      raw.split(/\r?\n[ \t\r\f\v]*\n/).forEach((part, k) => {
        if (k > 0) sink.paragraphBreak();
        sink.text(decodeEntities(part));
      });
    },
    tag: (name, closing, selfClosing, attrStart, attrEnd) => {
      if (DROP_TAGS.has(name)) {
        if (closing) dropDepth = Math.max(0, dropDepth - 1);
        else if (!selfClosing) dropDepth += 1;
        return;
      }
      if (dropDepth > 0) return;
      if (skipDepth > 0) {
        if (name === skipName && !selfClosing) skipDepth += closing ? -1 : 1;
        if (skipDepth === 0 && BLOCK_TAGS.has(name)) sink.paragraphBreak();
        return;
      }
      if (
        sink.element?.(name, closing, html.slice(attrStart, attrEnd)) === true &&
        !closing &&
        !selfClosing &&
        !VOID_TAGS.has(name)
      ) {
        skipName = name;
        skipDepth = 1;
        if (BLOCK_TAGS.has(name)) sink.paragraphBreak();
        return;
      }
      if (name === 'br') sink.lineBreak();
      else if (BLOCK_TAGS.has(name)) sink.paragraphBreak();
      else if (CELL_TAGS.has(name)) sink.text(' ');
    },
    done: () => sink.done(),
  });
}

/**
 * HTML (or plain text that may hold references and tags) as one line of plain text: tags stripped,
 * references decoded, every break and whitespace run a single space. For titles, authors, feed names.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  // No tag: nothing to walk.
  if (!html.includes('<')) return collapseWhitespace(decodeEntities(html));
  let out = '';
  walkText(
    html,
    {
      text: (t) => (out += t),
      lineBreak: () => (out += ' '),
      paragraphBreak: () => (out += ' '),
      done: () => false,
    },
    false,
  );
  return collapseWhitespace(out);
}
