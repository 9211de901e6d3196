/** Half of a surrogate pair: a code point of two UTF-16 units. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Cuts `text` to at most `maxLength` code points at a word boundary, ending with `…`; when the last
 * boundary that fits would keep no more than a third of the room (a long word or URL), the word is
 * cut instead. Excerpts and the feeds' fallback titles are cut this way.
 */
export function truncateAtWord(text: string, maxLength: number): string {
  if (!(maxLength >= 1) || !Number.isFinite(maxLength)) return text;
  // A text has no more code points than UTF-16 units: most excerpts are told short without a count.
  if (text.length <= maxLength) return text;
  // Only the start that holds one code point past the room is looked at, as its UTF-16 units when no
  // surrogate pair stands there (most texts), else as code points.
  const limit = Math.floor(maxLength);
  const start = text.slice(0, 2 * (limit + 1));
  const chars: string | string[] = SURROGATE.test(start) ? Array.from(start) : start;
  if (chars.length <= maxLength) return text;
  const room = limit - 1;
  let cut = room;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n';
  if (!isSpace(chars[room])) {
    let k = room - 1;
    while (k > 0 && !isSpace(chars[k])) k--;
    if (k > room / 3) cut = k;
  }
  let head = typeof chars === 'string' ? chars.slice(0, cut) : chars.slice(0, cut).join('');
  head = head.replace(/[\s,;:\u2013\u2014-]+$/u, '');
  return head + '\u2026';
}
