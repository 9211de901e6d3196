/**
 * The links of a markdown text, found in one regular-expression pass: inline links `[x](url)` (the link
 * text is skipped, so `[http://a](http://b)` yields only `http://b`), images `![x](src)` (kept apart:
 * they are not links), reference definitions `[x]: url`, autolinks `<scheme:...>`, `href="..."` in raw
 * HTML, and bare `http(s)://` URLs (trailing punctuation and unbalanced `)` are not part of them).
 * Code spans and code blocks are not skipped.
 *
 * The scan makes a {@link LinkTable}: the links as numbers, read by the structure of the text (lists,
 * blocks, duplicate entries) without an object per link; linkSet.ts hands them out as objects.
 */
import { Char } from '../base/chars';
import { TextLines } from '../base/lines';
import { keepShape } from '../base/shapes';

export type LinkKind = 'inline' | 'image' | 'reference' | 'autolink' | 'href' | 'bare';

/** The kinds by their number in a {@link LinkTable}. */
const KINDS: readonly LinkKind[] = ['inline', 'image', 'reference', 'autolink', 'href', 'bare'];
const enum Kind {
  Inline,
  Image,
  Reference,
  Autolink,
  Href,
  Bare,
}

/** Numbers a link takes in a {@link LinkTable}: kind, target start and end, construct start and end. */
const FIELDS = 5;

/**
 * The links of one text in one typed array, {@link FIELDS} numbers a link, in order of their construct's
 * start: no object per link, nothing for the garbage collector to trace or move. The target as written
 * is the text between its offsets. {@link scanLinkTable} fills it (push, dropBareFrom, sortByMatchStart);
 * everyone else only reads it.
 */
export class LinkTable {
  count = 0;
  private data: Int32Array<ArrayBuffer>;
  /** The text's lines, for the readers of its structure. */
  readonly lines: TextLines;

  constructor(readonly text: string) {
    this.lines = new TextLines(text);
    this.data = new Int32Array(FIELDS * Math.max(16, text.length >> 7));
  }

  push(kind: Kind, start: number, end: number, matchStart: number, matchEnd: number): void {
    const at = this.count * FIELDS;
    if (at + FIELDS > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[at] = kind;
    d[at + 1] = start;
    d[at + 2] = end;
    d[at + 3] = matchStart;
    d[at + 4] = matchEnd;
    this.count++;
  }

  /** Drops the bare URLs found at or after `from` (they are the label of the link that ends after them). */
  dropBareFrom(from: number): void {
    while (this.count > 0 && this.kind(this.count - 1) === Kind.Bare && this.start(this.count - 1) >= from)
      this.count--;
  }

  private kind(i: number): Kind {
    return this.data[i * FIELDS];
  }

  /** An inline link `[text](url)`. */
  isInline(i: number): boolean {
    return this.kind(i) === Kind.Inline;
  }

  /** An image `![text](src)`: not a link. */
  isImage(i: number): boolean {
    return this.kind(i) === Kind.Image;
  }

  /** A reference definition `[label]: url`. */
  isReference(i: number): boolean {
    return this.kind(i) === Kind.Reference;
  }

  start(i: number): number {
    return this.data[i * FIELDS + 1];
  }

  end(i: number): number {
    return this.data[i * FIELDS + 2];
  }

  matchStart(i: number): number {
    return this.data[i * FIELDS + 3];
  }

  matchEnd(i: number): number {
    return this.data[i * FIELDS + 4];
  }

  url(i: number): string {
    return this.text.slice(this.data[i * FIELDS + 1], this.data[i * FIELDS + 2]);
  }

  /** Index of the first link whose construct starts at or after `offset` (`count` when none does). */
  firstFrom(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.matchStart(mid) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * True when deleting text[start, end) cuts no link construct in two and takes no reference definition
   * with it (other text may use the definition).
   */
  cleanCut(start: number, end: number): boolean {
    // Constructs are at most MAX_LINK_TEXT plus a destination long; look at those that start before the end.
    const first = this.firstFrom(Math.max(0, start - MAX_LINK_TEXT - 4096));
    for (let k = first; k < this.count && this.matchStart(k) < end; k++) {
      if (this.matchEnd(k) <= start) continue;
      if (this.matchStart(k) < start || this.matchEnd(k) > end || this.isReference(k)) return false;
    }
    return true;
  }

  /** Puts the links in order of their construct's start (a stable sort: ties keep their order). */
  sortByMatchStart(): void {
    const order = Array.from({ length: this.count }, (_, i) => i);
    order.sort((a, b) => this.matchStart(a) - this.matchStart(b));
    const sorted = new Int32Array(this.data.length);
    order.forEach((from, to) => sorted.set(this.data.subarray(from * FIELDS, from * FIELDS + FIELDS), to * FIELDS));
    this.data = sorted;
  }

  /** The kind of link i. */
  kindOf(i: number): LinkKind {
    return KINDS[this.kind(i)];
  }

}

/** An inline link destination, read just after `](`: 1 = <target>, 2 = target; an optional title and the `)`. */
const DESTINATION = [
  String.raw`[ \t]*(?:\r\n?|\n)?[ \t]*`,
  String.raw`(?:<([^<>\n\r]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))+))`,
  String.raw`(?:[ \t]+(?:"[^"\n\r]*"|'[^'\n\r]*'))?[ \t]*\)?`,
].join('');

/**
 * The anchors of the one pass: the places where a link can be recognised by what follows them. Link
 * text is not matched forwards (a regular expression for it rescans the same text from every `[`,
 * which is quadratic on texts full of brackets): at each `](` the opening bracket is looked for
 * backwards, within the paragraph and at most {@link MAX_LINK_TEXT} characters back.
 *
 * This expression and {@link REFERENCE} are compiled once (made again for each text, they cost more
 * than the scan of a post); a scan sets where each starts and runs to its end without yielding.
 */
const ANCHORS = new RegExp(
  [
    // `](` that closes a link text, with the destination after it when there is one (1 = <target>,
    // 2 = target: read in the same match, not by a second expression at each `](`), or the `]:` of a
    // reference definition (checked from its line start: a `^` alternative would be tried at every character).
    String.raw`\](?::|\((?:${DESTINATION})?)`,
    // An autolink. The alternatives below have no group (each group matched is one more string made
    // for every match): the first characters of the match tell them apart, its ends give the target.
    String.raw`<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>`,
    // An href attribute (any case: spelled out, the `i` flag would make every step of the scan slower).
    String.raw`\b[hH][rR][eE][fF][ \t]*=[ \t]*(?:"[^"]*"|'[^']*')`,
    // A bare URL.
    String.raw`\b[hH][tT][tT][pP][sS]?:\/\/[^\s<>"'\x60\[\]]+`,
  ].join('|'),
  'g',
);

/**
 * A reference definition from its line start: 1 = up to the label's `]`, 2 = from there to the target,
 * 3 = <target>, 4 = target.
 */
const REFERENCE = new RegExp(
  [
    String.raw`([ ]{0,3}\[(?:[^[\]\\\n\r]|\\.){1,999})`,
    String.raw`(\]:[ \t]*(?:\r\n?|\n)?[ \t]*)`,
    String.raw`(?:<([^<>\n\r]*)>|(\S+))`,
  ].join(''),
  'y',
);

/** The longest link text looked at (from its `[` to its `]`); a longer one is not taken for a link. */
const MAX_LINK_TEXT = 2000;

/** True when the character at `at` is escaped by an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === Char.Backslash) n++;
  return n % 2 === 1;
}

/**
 * The `[` that opens the link text closed by the `]` at `close`, with nested brackets balanced and
 * escaped ones skipped; -1 when there is none in the same paragraph (a blank line ends the search).
 * `failed` is the `]` of the last search that found none: a search that gets there finds none either
 * (it would need more open brackets below it than that search found), which keeps texts full of `](` linear.
 */
function openingBracket(text: string, close: number, failed: number): number {
  let depth = 0;
  let sawBreak = false;
  let lineHasText = false;
  const limit = Math.max(0, close - MAX_LINK_TEXT);
  for (let k = close - 1; k >= limit; k--) {
    if (k === failed) return -1;
    const c = text.charCodeAt(k);
    if (c === Char.LineFeed || c === Char.CarriageReturn) {
      if (c === Char.LineFeed && text.charCodeAt(k - 1) === Char.CarriageReturn) k--;
      if (sawBreak && !lineHasText) return -1;
      sawBreak = true;
      lineHasText = false;
      continue;
    }
    if (c !== Char.Space && c !== Char.Tab) lineHasText = true;
    if (c === Char.CloseBracket && !escaped(text, k)) depth++;
    else if (c === Char.OpenBracket && !escaped(text, k)) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** Characters that end a sentence rather than a bare URL: `.,;:!?*_~'"`. */
function trailingPunctuation(c: number): boolean {
  return (
    c === Char.Period || c === Char.Comma || c === Char.Semicolon || c === Char.Colon ||
    c === Char.Exclamation || c === Char.Question || c === Char.Asterisk || c === Char.Underscore ||
    c === Char.Tilde || c === Char.Apostrophe || c === Char.DoubleQuote
  );
}

/**
 * Where the bare URL matched in text[start, end) ends: without the punctuation that ends the sentence
 * and without unbalanced closing parentheses (`(see http://x/y)`), the punctuation before them dropped too.
 */
function bareUrlEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && trailingPunctuation(text.charCodeAt(e - 1))) e--;
  if (e <= start || text.charCodeAt(e - 1) !== Char.CloseParen) return e;
  let open = 0;
  let close = 0;
  for (let k = start; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === Char.OpenParen) open++;
    else if (c === Char.CloseParen) close++;
  }
  while (e > start && text.charCodeAt(e - 1) === Char.CloseParen && close > open) {
    e--;
    close--;
    while (e > start && trailingPunctuation(text.charCodeAt(e - 1))) e--;
  }
  return e;
}

/** Offset past the spaces, tabs and line breaks from `k`. */
function skipWhitespace(text: string, k: number): number {
  for (;;) {
    const c = text.charCodeAt(k);
    if (c !== Char.Space && c !== Char.Tab && c !== Char.LineFeed && c !== Char.CarriageReturn) return k;
    k++;
  }
}

/** The links of a markdown text (see the module comment), in one pass. */
export function scanLinkTable(text: string): LinkTable {
  const found = new LinkTable(text);
  ANCHORS.lastIndex = 0;
  let sorted = true;
  let failed = -1;
  let m: RegExpExecArray | null;
  while ((m = ANCHORS.exec(text)) !== null) {
    const at = m.index;
    const first = text.charCodeAt(at);
    if (first === Char.CloseBracket && text.charCodeAt(at + 1) === Char.Colon) {
      const lineStart = found.lines.startOf(at);
      REFERENCE.lastIndex = lineStart;
      const r = REFERENCE.exec(text);
      if (!r || lineStart + r[1].length !== at) continue;
      // A URL in the label is the label.
      found.dropBareFrom(lineStart);
      const start = lineStart + r[1].length + r[2].length + (r[3] !== undefined ? 1 : 0);
      found.push(Kind.Reference, start, start + (r[3] ?? r[4]).length, lineStart, lineStart + r[0].length);
      ANCHORS.lastIndex = lineStart + r[0].length;
    } else if (first === Char.CloseBracket) {
      // When it is no link, the scan goes on from just after the `](`.
      ANCHORS.lastIndex = at + 2;
      if (escaped(text, at)) continue;
      const bracket = openingBracket(text, at, failed);
      if (bracket < 0) {
        failed = at;
        continue;
      }
      if (m[1] === undefined && m[2] === undefined) continue;
      const image = bracket > 0 && text.charCodeAt(bracket - 1) === Char.Exclamation && !escaped(text, bracket - 1);
      const matchStart = image ? bracket - 1 : bracket;
      // Bare URLs in the link text are the link's label, not links.
      found.dropBareFrom(bracket + 1);
      // The target starts after the spaces and the line break before it (and its `<`).
      let start = skipWhitespace(text, at + 2);
      if (m[1] !== undefined) start++;
      if (found.count > 0 && found.matchStart(found.count - 1) > matchStart) sorted = false;
      found.push(image ? Kind.Image : Kind.Inline, start, start + (m[1] ?? m[2]).length, matchStart, at + m[0].length);
      ANCHORS.lastIndex = at + m[0].length;
    } else if (first === Char.LessThan) {
      if (escaped(text, at)) {
        ANCHORS.lastIndex = at + 1;
        continue;
      }
      found.push(Kind.Autolink, at + 1, at + m[0].length - 1, at, at + m[0].length);
    } else if (text.charCodeAt(at + 1) === Char.LowerR || text.charCodeAt(at + 1) === Char.UpperR) {
      // href="target": the target starts after the first quote.
      let quote = at + 4;
      while (text.charCodeAt(quote) !== Char.DoubleQuote && text.charCodeAt(quote) !== Char.Apostrophe) quote++;
      found.push(Kind.Href, quote + 1, at + m[0].length - 1, at, at + m[0].length);
    } else {
      const end = bareUrlEnd(text, at, at + m[0].length);
      found.push(Kind.Bare, at, end, at, end);
      // Characters trimmed off the end are scanned again (they may start another construct).
      ANCHORS.lastIndex = at + Math.max(1, end - at);
    }
  }
  // An inline link is found at its `](`, after what its text holds (an autolink, say): restore text order.
  if (!sorted) found.sortByMatchStart();
  return found;
}

// A table kept for the shapes of the tables and lines a scan makes (see base/shapes.ts).
keepShape(scanLinkTable('[a](http://a.example/1) <http://b.example>\n[r]: http://r.example\n')).lines.endOf(0);
