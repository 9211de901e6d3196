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
