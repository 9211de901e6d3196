/**
 * Markdown escaping, so that a rendered post shows feed text exactly as written.
 *
 * - Anywhere (titles, authors, feed names, link text, excerpt lines): `\`, `*`, `_`, `` ` ``, `[`, `]`,
 *   `<` get a backslash; so do `~` in runs of two or more (strikethrough, `~~~` fences) and a `&` that
 *   would start a character reference (`&copy;` as text).
 * - At the start of a block (a line, a quote line, a list item): a leading `#`, `>`, `-`, `+`, `=`,
 *   the `.` or `)` after a leading number (`2016. was a year`, `1) first`), and the first character of a
 *   line that could be a table delimiter row (`| --- |`, `:-- | --:`, `:-:`). Leading whitespace is dropped.
 * - Quotes: every line gets the `> ` prefix, empty lines become `>`, so text can never end the quote.
 * - URLs: only `http:` and `https:` URLs with a host become links ({@link isSafeUrl}); in a link they
 *   are percent-encoded where markdown would cut them: space, `(`, `)`, `<`, `>`, `\`, and control
 *   characters ({@link encodeUrl}). Both live in base/urls.ts.
 */
import { lineTexts } from '../base/lines';

const INLINE_SPECIAL = /[\\*_`[\]<]|~{2,}|&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g;

/** Escapes characters markdown would interpret anywhere in a line. */
export function escapeInline(text: string): string {
  return text.replace(INLINE_SPECIAL, (m) => (m.startsWith('~') ? m.replace(/~/g, '\\~') : '\\' + m));
}

const ORDERED_MARKER = /^(\d+)([.)])/;
const DELIMITER_ROW = /^[|:\- \t]*-[|:\- \t]*$/;

/**
 * Escapes what markdown would interpret at the start of a block in a line that already went through
 * {@link escapeInline}. Leading whitespace is removed (it could make an indented code block).
 */
export function escapeLineStart(escapedLine: string): string {
  const line = escapedLine.replace(/^[ \t]+/, '');
  if (line === '') return line;
  const ordered = ORDERED_MARKER.exec(line);
  if (ordered) return ordered[1] + '\\' + line.slice(ordered[1].length);
  if (/^[#>+=-]/.test(line)) return '\\' + line;
  if (DELIMITER_ROW.test(line)) return '\\' + line;
  return line;
}

/** One line of text as markdown that renders literally at the start of a block. */
export function escapeLine(text: string): string {
  return escapeLineStart(escapeInline(text.trim()));
}

/**
 * Multi-line text as a blockquote: every line escaped and prefixed with `prefix` (default `> `);
 * an empty line becomes the prefix without its trailing space (`>`).
 */
export function quoteLines(text: string, prefix = '> '): string {
  return lineTexts(text)
    .map((line) => {
      const escaped = escapeLine(line);
      return escaped === '' ? prefix.trimEnd() : prefix + escaped;
    })
    .join('\n');
}
