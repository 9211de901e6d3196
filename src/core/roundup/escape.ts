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
 *   characters ({@link encodeUrl}).
 */

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
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const escaped = escapeLine(line);
      return escaped === '' ? prefix.trimEnd() : prefix + escaped;
    })
    .join('\n');
}

/**
 * True for `http://host...` and `https://host...` (any case); false for every other scheme, relative and
 * empty URLs. The one test of a web address: links in posts, feed and entry links, discovered and
 * imported feeds.
 */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s/?#\\]+/i.test(url.trim());
}

/** Percent-encodes the characters that would end or break a markdown link destination. */
export function encodeUrl(url: string): string {
  return url.trim().replace(/[\s()<>\\\u0000-\u001f\u007f]/g, (c) => {
    if (c === ' ') return '%20';
    return encodeURIComponent(c).replace(/[()]/g, (p) => (p === '(' ? '%28' : '%29'));
  });
}
