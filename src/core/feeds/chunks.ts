// A feed document in entries: where to cut a large one into chunks of whole entries, each read as a
// document of its own (its head and tail around them), and a document cut off before its end
// completed after its last whole entry.

import type { FeedFormat } from './types';

/**
 * Documents of at least twice this many characters are parsed in chunks of about this size. Small
 * chunks keep what rss-parser builds for one chunk short-lived (gone before the next chunk is read);
 * the head each chunk repeats costs little. Peak memory over the file size on the 10 MB feeds of
 * test/bench/parsers.ts (RSS, Atom): 6x and 6.5x with 32 or 64 KB chunks, 9.5x and 10.5x with 1 MB
 * ones, 8.5x and 12x in one parse; on its 2.4 MB Atom feed, 10.4-10.7x with 32 KB chunks and about
 * 11x with 64 KB ones (16 KB: no less, and more parses).
 */
export const CHUNK_SIZE = 1 << 15;

/** True for the character after an element name: whitespace, `>` or `/`. */
function endsName(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f;
}

/** True when `xml` holds only whitespace from `from` to `to`. */
function blank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/** Where the start tag beginning at `at` ends (its `>`), quoted attribute values passed over; -1 if nowhere. */
function startTagEnd(xml: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const gt = xml.indexOf('>', i);
    if (gt === -1) return -1;
    // A `>` inside a quoted value: count quotes between here and there.
    let quote = 0;
    let j = i;
    for (; j < gt; j++) {
      const c = xml.charCodeAt(j);
      if (quote === 0 && (c === 0x22 || c === 0x27)) quote = c;
      else if (c === quote) quote = 0;
    }
    if (quote === 0) return gt;
    const close = xml.indexOf(String.fromCharCode(quote), gt);
    if (close === -1) return -1;
    i = close + 1;
  }
}

/**
 * Where to cut a large document into chunks of whole entries (`<item>`, or Atom `<entry>`): the
 * offsets [first entry's start, ..., last entry's end], each chunk ending at an entry's end after
 * about `size` characters; the document's head (all before the first entry) and tail (all after the
 * last) wrap each chunk. Undefined when there would be one chunk, or when chunks could read
 * differently from the whole: entries not side by side (anything but whitespace, comments and
 * processing instructions between them, or an entry after the tail began), a declaration
 * (`<!DOCTYPE`), or an entry that does not end. CDATA sections, comments and quoted attribute
 * values are passed over whole, so markup in them is never taken for a tag.
 */
export function entryChunks(xml: string, format: FeedFormat, size: number): number[] | undefined {
  if (xml.length < 2 * size) return undefined;
  const name = format === 'atom' ? 'entry' : 'item';
  const open = `<${name}`;
  const close = `</${name}`;
  const cuts: number[] = [];
  let depth = 0; // entries open (an entry may hold another)
  let lastEnd = -1; // where the last entry so far ended
  let gapFrom = -1; // where the whitespace after it began (past comments and processing instructions)
  let tail = false; // something other than an entry came after the entries
  /** The end of an entry at `end`: a cut there when the chunk has grown to `size`. */
  const entryEnd = (end: number) => {
    lastEnd = gapFrom = end;
    if (end - cuts[cuts.length - 1] >= size) cuts.push(end);
  };
  let i = xml.indexOf('<');
  while (i !== -1) {
    const c = xml.charCodeAt(i + 1);
    const between = depth === 0 && lastEnd !== -1 && !tail;
    if (between && !blank(xml, gapFrom, i)) tail = true;
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      const comment = xml.startsWith('<!--', i);
      const cdata = !comment && xml.startsWith('<![CDATA[', i);
      // A declaration only comes before the root; CDATA between entries is text of their parent.
      if (c === 0x21 && !comment && !cdata) return undefined;
      if (cdata && depth === 0 && lastEnd !== -1) tail = true;
      const endMark = comment ? '-->' : cdata ? ']]>' : '?>';
      const end = xml.indexOf(endMark, i + 2);
      if (end === -1) return undefined;
      if (between && !tail) gapFrom = end + endMark.length;
      i = xml.indexOf('<', end + endMark.length);
      continue;
    }
    if (c === 0x2f /* / */) {
      const end = xml.indexOf('>', i);
      if (end === -1) return undefined;
      if (depth > 0 && xml.startsWith(close, i) && endsName(xml.charCodeAt(i + close.length))) {
        if (--depth === 0) entryEnd(end + 1);
      } else if (depth === 0 && lastEnd !== -1) {
        tail = true;
      }
      i = xml.indexOf('<', end + 1);
      continue;
    }
    const entry = xml.startsWith(open, i) && endsName(xml.charCodeAt(i + open.length));
    if (depth === 0 && lastEnd !== -1) {
      if (entry && tail) return undefined;
      if (!entry) tail = true;
    }
    const end = startTagEnd(xml, i);
    if (end === -1) return undefined;
    if (entry) {
      if (cuts.length === 0) cuts.push(i);
      if (xml.charCodeAt(end - 1) !== 0x2f) depth++;
      else if (depth === 0) entryEnd(end + 1);
    }
    i = xml.indexOf('<', end + 1);
  }
  if (depth !== 0 || lastEnd === -1) return undefined;
  if (cuts[cuts.length - 1] !== lastEnd) cuts.push(lastEnd);
  return cuts.length > 2 ? cuts : undefined;
}

/**
 * The documents a large one is read as, one at a time: its head, one chunk of entries (between two
 * of {@link entryChunks}' cuts) and its tail. Made on demand, so only the chunk being read is held.
 */
export function* chunkDocuments(xml: string, cuts: readonly number[]): Generator<string> {
  const head = xml.slice(0, cuts[0]);
  const tail = xml.slice(cuts[cuts.length - 1]);
  for (let k = 0; k + 1 < cuts.length; k++) yield head + xml.slice(cuts[k], cuts[k + 1]) + tail;
}

/**
 * A document cut off before its end, up to its last whole entry, with the elements still open there
 * closed; undefined when no entry arrived whole.
 */
export function completeEntries(xml: string, format: FeedFormat): { text: string; entries: number } | undefined {
  const closeTag = format === 'atom' ? '</entry>' : '</item>';
  const last = xml.lastIndexOf(closeTag);
  if (last < 0) return undefined;
  const cut = last + closeTag.length;
  const head = xml.slice(0, cut);
  const open: string[] = [];
  let entries = 0;
  const TAG =
    /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w.:-]*)(?:"[^"]*"|'[^']*'|[^>"'])*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(head))) {
    if (m[2] === undefined) continue;
    if (m[1]) {
      const at = open.lastIndexOf(m[2]);
      if (at >= 0) open.length = at;
      if (m[2] === closeTag.slice(2, -1)) entries++;
    } else if (!m[3]) {
      open.push(m[2]);
    }
  }
  if (entries === 0) return undefined;
  return {
    text:
      head +
      open
        .reverse()
        .map((name) => `</${name}>`)
        .join(''),
    entries,
  };
}
