/**
 * Which links a post already holds.
 *
 * One regular-expression pass over the text finds every link target: inline links `[x](url)`
 * (the link text is skipped, so `[http://a](http://b)` yields only `http://b`; images `![x](src)`
 * are not links), reference definitions `[x]: url`, autolinks `<scheme:...>`, `href="..."` in raw
 * HTML, and bare `http(s)://` URLs (trailing punctuation and unbalanced `)` are not part of them).
 * Code spans and code blocks are not skipped.
 *
 * Links are compared by a key ({@link normalizeLink}): markdown backslash escapes, character
 * references and percent-encoding decoded (but `%23`); the `#fragment` kept (an empty `#` dropped); scheme
 * and host lowercased;
 * `http` and `https` treated as the same; default ports dropped; trailing `/` of the path ignored;
 * an empty query (`?`) ignored. Anything else (query order, `www.`, case of the path) must match.
 */
import type { FeedEntry } from '../feeds/types';
import { READ_MORE_LINE, TITLE_LINE } from './blocks';
import { decodeEntities } from '../html/entities';
import { isSafeUrl } from '../base/urls';

export type LinkKind = 'inline' | 'image' | 'reference' | 'autolink' | 'href' | 'bare';

export interface LinkOccurrence {
  kind: LinkKind;
  /** The target as written (without `<>` or quotes). */
  url: string;
  /** Comparison key ({@link normalizeLink}). */
  readonly key: string;
  /** Offsets of the target in the text. */
  start: number;
  end: number;
  /** Offsets of the whole construct (`[text](url)`, `<url>`, `[x]: url`, the bare URL). */
  matchStart: number;
  matchEnd: number;
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
const REFERENCE = /([ ]{0,3}\[(?:[^[\]\\\n\r]|\\.){1,999})(\]:[ \t]*(?:\r\n?|\n)?[ \t]*)(?:<([^<>\n\r]*)>|(\S+))/y;

/** The longest link text looked at (from its `[` to its `]`); a longer one is not taken for a link. */
const MAX_LINK_TEXT = 2000;

/** True when the character at `at` is escaped by an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === 92) n++;
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
    if (c === 10 || c === 13) {
      if (c === 10 && text.charCodeAt(k - 1) === 13) k--;
      if (sawBreak && !lineHasText) return -1;
      sawBreak = true;
      lineHasText = false;
      continue;
    }
    if (c !== 32 && c !== 9) lineHasText = true;
    if (c === 93 && !escaped(text, k)) depth++;
    else if (c === 91 && !escaped(text, k)) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** Characters that end a sentence rather than a bare URL: `.,;:!?*_~'"`. */
function trailingPunctuation(c: number): boolean {
  return (
    c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 ||
    c === 42 || c === 95 || c === 126 || c === 39 || c === 34
  );
}

/**
 * Where the bare URL matched in text[start, end) ends: without the punctuation that ends the sentence
 * and without unbalanced closing parentheses (`(see http://x/y)`), the punctuation before them dropped too.
 */
function bareUrlEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && trailingPunctuation(text.charCodeAt(e - 1))) e--;
  if (e <= start || text.charCodeAt(e - 1) !== 41) return e;
  let open = 0;
  let close = 0;
  for (let k = start; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 40) open++;
    else if (c === 41) close++;
  }
  while (e > start && text.charCodeAt(e - 1) === 41 && close > open) {
    e--;
    close--;
    while (e > start && trailingPunctuation(text.charCodeAt(e - 1))) e--;
  }
  return e;
}

function percentDecode(part: string): string {
  if (!part.includes('%')) return part;
  return part.replace(/(?:%[0-9a-fA-F]{2})+/g, (seq) => {
    try {
      return decodeURIComponent(seq);
    } catch {
      return seq;
    }
  });
}

/** The comparison key of a link target (see the module comment). */
export function normalizeLink(raw: string): string {
  return plainHttpKey(raw) ?? normalizeAny(raw);
}

/**
 * Where the two pieces of a plain URL's key are, set by {@link plainHttpParts}: the key is `http://`,
 * then text[0] to [1] (host and path), then text[2] to [3] (query and fragment).
 */
const PIECES = new Int32Array(4);

/** Where text[from, to) goes on after a leading `https://` or `http://`; -1 without one. */
function afterHttpScheme(text: string, from: number, to: number): number {
  if (to - from >= 8 && text.startsWith('https://', from)) return from + 8;
  if (to - from >= 7 && text.startsWith('http://', from)) return from + 7;
  return -1;
}

/**
 * Reads text[from, to) as a plain `http(s)://` URL, in one pass without a regular expression: most links
 * of a post are these. False for any other (not printable ASCII, a backslash, `&` or `%` to decode, an
 * uppercase letter or a `:` in the host), whose key {@link normalizeAny} makes. When true, {@link PIECES}
 * holds where the pieces of its key are: the host and the path without its trailing `/`, then the query
 * and the fragment, each dropped when empty (`?`, `#`).
 */
function plainHttpParts(text: string, from: number, to: number): boolean {
  const p = afterHttpScheme(text, from, to);
  if (p < 0) return false;
  // Where the host ends (the first `/` or `?`), the query starts (the first `?`), the fragment starts (the first `#`).
  let hostEnd = -1;
  let query = -1;
  let hash = -1;
  for (let k = p; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c <= 32 || c >= 127 || c === 92 || c === 38 || c === 37) return false;
    if (hash >= 0) continue;
    if (c === 35) hash = k;
    else if (c === 63) {
      if (query < 0) query = k;
      if (hostEnd < 0) hostEnd = k;
    } else if (hostEnd < 0) {
      if (c === 47) hostEnd = k;
      else if (c === 58 || (c >= 65 && c <= 90)) return false;
    }
  }
  const baseEnd = hash >= 0 ? hash : to;
  const pathStart = hostEnd >= 0 ? hostEnd : baseEnd;
  const pathEnd = query >= 0 ? query : baseEnd;
  let kept = pathEnd;
  while (kept > pathStart && text.charCodeAt(kept - 1) === 47) kept--;
  const withQuery = query >= 0 && query < baseEnd - 1;
  const withFragment = hash >= 0 && hash < to - 1;
  PIECES[0] = p;
  PIECES[1] = kept;
  PIECES[2] = withQuery ? query : withFragment ? hash : to;
  PIECES[3] = withFragment ? to : withQuery ? baseEnd : to;
  return true;
}

/** The key of a plain `http(s)://` URL ({@link plainHttpParts}); undefined for any other. */
function plainHttpKey(u: string): string | undefined {
  if (!plainHttpParts(u, 0, u.length)) return undefined;
  const hostStart = PIECES[0];
  const pathEnd = PIECES[1];
  const tailStart = PIECES[2];
  const tailEnd = PIECES[3];
  // Already a key: `http://`, nothing dropped.
  if (hostStart === 7 && (tailStart === tailEnd ? pathEnd === u.length : pathEnd === tailStart && tailEnd === u.length))
    return u;
  return 'http://' + u.slice(hostStart, pathEnd) + u.slice(tailStart, tailEnd);
}

function normalizeAny(raw: string): string {
  let u = raw.trim();
  if (u.startsWith('<') && u.endsWith('>')) u = u.slice(1, -1).trim();
  if (u.includes('\\')) u = u.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (u.includes('&')) u = decodeEntities(u);
  // The fragment names another place (`Duration.html#method.is_zero`): it is kept; an empty one is not.
  const hash = u.indexOf('#');
  const fragment = hash >= 0 && hash < u.length - 1 ? percentDecode(u.slice(hash)) : '';
  if (hash >= 0) u = u.slice(0, hash);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?]*)([^?]*)(\?.*)?$/.exec(u);
  if (!m) return percentDecode(u) + fragment;
  let scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  // A `#` written `%23` stays encoded: it is part of the path, not a fragment.
  const path = percentDecode(m[3]).replace(/#/g, '%23').replace(/\/+$/, '');
  const query = m[4] && m[4] !== '?' ? percentDecode(m[4]) : '';
  if (scheme === 'http' || scheme === 'https') {
    host = host.replace(/:(?:80|443)$/, '');
    scheme = 'http';
  }
  return `${scheme}://${host}${path}${query}${fragment}`;
}

/** The kinds by their number in a {@link LinkTable}. */
const KINDS: readonly LinkKind[] = ['inline', 'image', 'reference', 'autolink', 'href', 'bare'];
const INLINE_KIND = 0;
const IMAGE_KIND = 1;
const REFERENCE_KIND = 2;
const AUTOLINK_KIND = 3;
const HREF_KIND = 4;
const BARE_KIND = 5;

/** A link as {@link scanLinks} hands it out; its key is computed when first asked for. */
class Occurrence implements LinkOccurrence {
  readonly end: number;
  constructor(
    readonly kind: LinkKind,
    readonly url: string,
    readonly start: number,
    readonly matchStart: number,
    readonly matchEnd: number,
    private normalized: string | undefined,
  ) {
    this.end = start + url.length;
  }

  get key(): string {
    return (this.normalized ??= normalizeLink(this.url));
  }
}

/** What a table whose memory another took over holds. */
const NO_LINKS = new Int32Array(0);

/**
 * The links of one text as numbers in one typed array, five a link (kind, target start and end, construct
 * start and end): no object per link, nothing for the garbage collector to trace or move. The target
 * as written is the text between its offsets.
 */
class LinkTable {
  count = 0;
  private data: Int32Array<ArrayBuffer>;
  private keyList: string[] | undefined;
  private occurrences: LinkOccurrence[] | undefined;
  /** True when the text has no `\r`: its lines end at `\n` only. */
  private lfOnly: boolean | undefined = undefined;

  /**
   * `recycled`: the table of the text scanned before, whose memory this one takes over (it is used no
   * more): a post is linted again after each edit, and fresh memory costs more than the scan fills in.
   */
  constructor(
    readonly text: string,
    recycled?: LinkTable,
  ) {
    if (recycled && recycled.data.length > 0) {
      this.data = recycled.data;
      recycled.data = NO_LINKS;
      recycled.count = 0;
    } else this.data = new Int32Array(5 * Math.max(16, text.length >> 7));
  }

  push(kind: number, start: number, end: number, matchStart: number, matchEnd: number): void {
    const at = this.count * 5;
    if (at + 5 > this.data.length) {
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
    while (this.count > 0 && this.kind(this.count - 1) === BARE_KIND && this.start(this.count - 1) >= from)
      this.count--;
  }

  kind(i: number): number {
    return this.data[i * 5];
  }

  start(i: number): number {
    return this.data[i * 5 + 1];
  }

  end(i: number): number {
    return this.data[i * 5 + 2];
  }

  matchStart(i: number): number {
    return this.data[i * 5 + 3];
  }

  matchEnd(i: number): number {
    return this.data[i * 5 + 4];
  }

  url(i: number): string {
    return this.text.slice(this.data[i * 5 + 1], this.data[i * 5 + 2]);
  }

  /** {@link lineEndOf} in this table's text: a search for `\n` (native, faster) when no line ends at `\r`. */
  lineEnd(offset: number): number {
    if (!(this.lfOnly ??= !this.text.includes('\r'))) return lineEndOf(this.text, offset);
    const lf = this.text.indexOf('\n', offset);
    return lf < 0 ? Math.max(offset, this.text.length) : lf;
  }

  /** The keys of all links, made once. */
  keys(): readonly string[] {
    if (this.keyList) return this.keyList;
    const keys: string[] = [];
    for (let i = 0; i < this.count; i++) keys.push(normalizeLink(this.url(i)));
    return (this.keyList = keys);
  }

  /** Puts the links in order of their construct's start (a stable sort: ties keep their order). */
  sortByMatchStart(): void {
    const order = Array.from({ length: this.count }, (_, i) => i);
    order.sort((a, b) => this.matchStart(a) - this.matchStart(b));
    const sorted = new Int32Array(this.data.length);
    order.forEach((from, to) => sorted.set(this.data.subarray(from * 5, from * 5 + 5), to * 5));
    this.data = sorted;
  }

  /** The links as objects, made once. */
  objects(): readonly LinkOccurrence[] {
    if (this.occurrences) return this.occurrences;
    const out: LinkOccurrence[] = [];
    for (let i = 0; i < this.count; i++) {
      const kind = KINDS[this.kind(i)];
      const key = this.keyList?.[i];
      out.push(new Occurrence(kind, this.url(i), this.start(i), this.matchStart(i), this.matchEnd(i), key));
    }
    return (this.occurrences = out);
  }
}

/** The last text scanned and its links: the linter and the sidebar's included marks look at the same text in turn. */
let lastScan: LinkTable | undefined;

/** The links of a text, from the last scan when it was of the same text. */
function linkTable(text: string): LinkTable {
  if (lastScan && lastScan.text === text) return lastScan;
  return (lastScan = scan(text, lastScan));
}

/**
 * Every link target of a markdown text, in order of appearance (of the whole construct), in one pass.
 * The result of the last text is kept, so that the body rules and the included-entry marks of the
 * same document version share one scan; treat it as read-only.
 */
export function scanLinks(text: string): readonly LinkOccurrence[] {
  return linkTable(text).objects();
}

function scan(text: string, recycled?: LinkTable): LinkTable {
  const found = new LinkTable(text, recycled);
  const re = ANCHORS;
  re.lastIndex = 0;
  let sorted = true;
  let failed = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const first = text.charCodeAt(at);
    if (first === 93 && text.charCodeAt(at + 1) === 58) {
      let lineStart = at;
      while (lineStart > 0 && !isBreakChar(text.charCodeAt(lineStart - 1))) lineStart--;
      REFERENCE.lastIndex = lineStart;
      const r = REFERENCE.exec(text);
      if (!r || lineStart + r[1].length !== at) continue;
      // A URL in the label is the label.
      found.dropBareFrom(lineStart);
      const start = lineStart + r[1].length + r[2].length + (r[3] !== undefined ? 1 : 0);
      found.push(REFERENCE_KIND, start, start + (r[3] ?? r[4]).length, lineStart, lineStart + r[0].length);
      re.lastIndex = lineStart + r[0].length;
    } else if (first === 93) {
      // When it is no link, the scan goes on from just after the `](`.
      re.lastIndex = at + 2;
      if (escaped(text, at)) continue;
      const bracket = openingBracket(text, at, failed);
      if (bracket < 0) {
        failed = at;
        continue;
      }
      if (m[1] === undefined && m[2] === undefined) continue;
      const image = bracket > 0 && text.charCodeAt(bracket - 1) === 33 && !escaped(text, bracket - 1);
      const matchStart = image ? bracket - 1 : bracket;
      // Bare URLs in the link text are the link's label, not links.
      found.dropBareFrom(bracket + 1);
      // The target starts after the spaces and the line break before it (and its `<`).
      let start = at + 2;
      while (isSpaceOrTab(text.charCodeAt(start)) || isBreakChar(text.charCodeAt(start))) start++;
      if (m[1] !== undefined) start++;
      if (found.count > 0 && found.matchStart(found.count - 1) > matchStart) sorted = false;
      found.push(image ? IMAGE_KIND : INLINE_KIND, start, start + (m[1] ?? m[2]).length, matchStart, at + m[0].length);
      re.lastIndex = at + m[0].length;
    } else if (first === 60) {
      if (escaped(text, at)) {
        re.lastIndex = at + 1;
        continue;
      }
      found.push(AUTOLINK_KIND, at + 1, at + m[0].length - 1, at, at + m[0].length);
    } else if (text.charCodeAt(at + 1) === 114 || text.charCodeAt(at + 1) === 82) {
      // href="target": the target starts after the first quote.
      let quote = at + 4;
      while (text.charCodeAt(quote) !== 34 && text.charCodeAt(quote) !== 39) quote++;
      found.push(HREF_KIND, quote + 1, at + m[0].length - 1, at, at + m[0].length);
    } else {
      const end = bareUrlEnd(text, at, at + m[0].length);
      found.push(BARE_KIND, at, end, at, end);
      // Characters trimmed off the end are scanned again (they may start another construct).
      re.lastIndex = at + Math.max(1, end - at);
    }
  }
  // An inline link is found at its `](`, after what its text holds (an autolink, say): restore text order.
  if (!sorted) found.sortByMatchStart();
  return found;
}

/** The comparison keys of every link in the text (images excluded), found in one pass. */
export function extractLinkSet(text: string): Set<string> {
  const set = new Set<string>();
  const links = linkTable(text);
  const keys = links.keys();
  for (let i = 0; i < links.count; i++) if (links.kind(i) !== IMAGE_KIND && keys[i]) set.add(keys[i]);
  return set;
}

/** The keys an entry can be found under: its link, and its id when that is an http(s) URL (a permalink guid). */
export function entryLinkKeys(entry: Pick<FeedEntry, 'link' | 'id'>): string[] {
  const keys: string[] = [];
  if (entry.link.trim()) keys.push(normalizeLink(entry.link));
  if (isSafeUrl(entry.id)) keys.push(normalizeLink(entry.id));
  return keys;
}

/** True when the post (as a set from {@link extractLinkSet}) already links to the entry. */
export function isIncluded(entry: Pick<FeedEntry, 'link' | 'id'>, linkSet: ReadonlySet<string>): boolean {
  return entryLinkKeys(entry).some((key) => linkSet.has(key));
}

export interface DuplicateLink {
  /** Comparison key shared by both occurrences. */
  key: string;
  /** The second occurrence's target as written, and its offsets. */
  url: string;
  start: number;
  end: number;
  /** Offsets of the first occurrence's target. */
  firstStart: number;
  firstEnd: number;
  /**
   * What holds the second occurrence: its roundup block (title line start to read-more paragraph end) or
   * list item; null when neither is recognised.
   */
  block: { start: number; end: number } | null;
  /** True when `block` is a list item. */
  listItem: boolean;
  /**
   * What a fix deletes: the block plus its line break and one separating blank line (the one after
   * it, else the one before it); for a list item, its lines. null: no fix (no block, or removing it
   * would cut another link or a reference definition that other text may use).
   */
  removal: { start: number; end: number } | null;
}

/** A read-more line, matched at a line start. */
const READ_MORE_AT = new RegExp(READ_MORE_LINE.source.replace(/^\^/, ''), READ_MORE_LINE.flags.replace('y', '') + 'y');

function isBreakChar(c: number): boolean {
  return c === 10 || c === 13;
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** What `\s` matches. */
function isWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && /\s/.test(String.fromCharCode(c)));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Offset of the start of the line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  let k = offset;
  while (k > 0 && !isBreakChar(text.charCodeAt(k - 1))) k--;
  return k;
}

/** Offset of the end of the line starting at (or holding) `offset`, before its line break. */
function lineEndOf(text: string, offset: number): number {
  let k = offset;
  while (k < text.length && !isBreakChar(text.charCodeAt(k))) k++;
  return k;
}

/** Start of the line after the one ending at `end` (= text.length on the last line). */
function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** Start of the line before the one starting at `start`; -1 on the first line. */
function previousLineStart(text: string, start: number): number {
  if (start === 0) return -1;
  let k = start - 1;
  if (text.charCodeAt(k) === 10 && text.charCodeAt(k - 1) === 13) k--;
  return lineStartOf(text, k);
}

interface Span {
  start: number;
  end: number;
  /** Start of the next line. */
  next: number;
}

function lineSpan(text: string, start: number): Span {
  const end = lineEndOf(text, start);
  return { start, end, next: nextLineStart(text, end) };
}

/** Offset past the spaces and tabs from `k`. */
function skipSpaces(text: string, k: number): number {
  while (isSpaceOrTab(text.charCodeAt(k))) k++;
  return k;
}

/** True when the line from `start` holds only spaces and tabs. */
function blank(text: string, start: number): boolean {
  const k = skipSpaces(text, start);
  return k >= text.length || isBreakChar(text.charCodeAt(k));
}

/*
 * List items, read with character codes (no slice or regular expression per line). An item's line:
 * indentation (spaces, tabs), a marker (`-`, `*`, `+`, or one to nine digits and `.` or `)`), then
 * spaces and tabs or the end of the line.
 */

/** Offset past the list item marker of the line starting at `start`; -1 when the line starts no list item. */
function markerEnd(text: string, start: number): number {
  const k = skipSpaces(text, start);
  const c = text.charCodeAt(k);
  let end: number;
  if (c === 45 || c === 42 || c === 43) end = k + 1;
  else {
    let j = k;
    while (j - k < 10 && isDigit(text.charCodeAt(j))) j++;
    if (j === k || j - k > 9) return -1;
    const delimiter = text.charCodeAt(j);
    if (delimiter !== 46 && delimiter !== 41) return -1;
    end = j + 1;
  }
  const after = text.charCodeAt(end);
  return isSpaceOrTab(after) || isBreakChar(after) || end >= text.length ? end : -1;
}

/** The item kind of a marker ending at `end`: the bullet, or the delimiter after the digits. */
function markerKind(text: string, end: number): number {
  return text.charCodeAt(end - 1);
}

/**
 * Where the content of the list item starting the line at `start` begins, when its marker is followed
 * by a space or tab; -1 otherwise.
 */
function listItemContent(text: string, start: number): number {
  const end = markerEnd(text, start);
  return end >= 0 && isSpaceOrTab(text.charCodeAt(end)) ? skipSpaces(text, end) : -1;
}

/**
 * True when the line at `start` ends a list whatever its indentation: a heading, a fence, a rule, a
 * quote, an HTML block (at most three spaces or tabs before them).
 */
function listBreaker(text: string, start: number): boolean {
  const k = skipSpaces(text, start);
  if (k - start > 3) return false;
  const c = text.charCodeAt(k);
  if (c === 35) {
    let j = k;
    while (text.charCodeAt(j) === 35) j++;
    const after = text.charCodeAt(j);
    return j - k <= 6 && (j >= text.length || isSpaceOrTab(after) || isBreakChar(after));
  }
  if (c === 96 || c === 126) return text.charCodeAt(k + 1) === c && text.charCodeAt(k + 2) === c;
  if (c === 62 || c === 60) return true;
  if (c !== 45 && c !== 42 && c !== 95) return false;
  // A thematic break: three or more of `-*_` (mixed) and only spaces and tabs between them up to the line end.
  let marks = 0;
  for (let j = k; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 45 || d === 42 || d === 95) marks++;
    else if (isBreakChar(d)) break;
    else if (!isSpaceOrTab(d)) return false;
  }
  return marks >= 3;
}

/** Index of the first link whose construct starts at or after `offset`. */
function firstLinkFrom(links: LinkTable, offset: number): number {
  let lo = 0;
  let hi = links.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (links.matchStart(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface EntryList {
  start: number;
  end: number;
  /** The items' indentation and kind of marker ({@link markerKind}). */
  indent: number;
  kind: number;
  /** True when every item of the list is one link and nothing else. */
  entries: boolean;
}

/** Another item of the list: the same indentation and kind of marker. */
function sibling(text: string, start: number, indent: number, kind: number): boolean {
  const end = markerEnd(text, start);
  return end >= 0 && skipSpaces(text, start) - start === indent && markerKind(text, end) === kind;
}

/** A line that goes on an item: not blank, no list breaker, no item at the same or a lesser indentation. */
function continuation(text: string, start: number, indent: number): boolean {
  if (blank(text, start) || listBreaker(text, start)) return false;
  // Another item at the same or a lesser indentation ends this item; a deeper one belongs to it.
  return markerEnd(text, start) < 0 || skipSpaces(text, start) - start > indent;
}

/** End of the last line of the item starting at `start` (its continuation lines included). */
function itemEnd(links: LinkTable, start: number, indent: number): number {
  const text = links.text;
  let end = links.lineEnd(start);
  for (let next = nextLineStart(text, end); next < text.length && continuation(text, next, indent); ) {
    end = links.lineEnd(next);
    next = nextLineStart(text, end);
  }
  return end;
}

/**
 * True when the item text[start, end) is one inline link and nothing else; `k`: the first link whose
 * construct starts where the item's content does or after.
 */
function oneLink(text: string, links: LinkTable, start: number, end: number, k: number): boolean {
  const contentStart = skipSpaces(text, markerEnd(text, start));
  let contentEnd = end;
  while (contentEnd > contentStart && isWhitespace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  return (
    k < links.count &&
    links.kind(k) === INLINE_KIND &&
    links.matchStart(k) === contentStart &&
    links.matchEnd(k) === contentEnd &&
    (k + 1 >= links.count || links.matchStart(k + 1) >= end) &&
    (k === 0 || links.matchEnd(k - 1) <= start)
  );
}

/**
 * The list around the item starting at `itemStart`: its sibling items (same indentation, same kind of
 * marker) with their continuation lines and single blank lines between them.
 */
function listAround(text: string, links: LinkTable, itemStart: number, from: number): EntryList {
  const indent = skipSpaces(text, itemStart) - itemStart;
  const kind = markerKind(text, markerEnd(text, itemStart));
  // Upwards to the first item of the list: items, their continuation lines, single blank lines
  // followed (above) by an item or by indented item content.
  let first = itemStart;
  let afterBlank = false;
  for (let start = previousLineStart(text, itemStart); start >= from; start = previousLineStart(text, start)) {
    if (sibling(text, start, indent, kind)) first = start;
    else if (blank(text, start)) {
      if (afterBlank) break;
      afterBlank = true;
      continue;
    } else if (
      !continuation(text, start, indent) ||
      (afterBlank && skipSpaces(text, start) - start <= indent)
    )
      break;
    afterBlank = false;
  }
  // Downwards, item by item, each one link and nothing else or not (k: the first link of the item's
  // content, found once and then followed down).
  let entries = true;
  let k = -1;
  let item = first;
  let end: number;
  for (;;) {
    end = itemEnd(links, item, indent);
    if (entries) {
      const contentStart = skipSpaces(text, markerEnd(text, item));
      if (k < 0) k = firstLinkFrom(links, contentStart);
      while (k < links.count && links.matchStart(k) < contentStart) k++;
      entries = oneLink(text, links, item, end, k);
    }
    const next = nextLineStart(text, end);
    if (next >= text.length) break;
    let below = next;
    if (blank(text, below)) {
      const after = nextLineStart(text, links.lineEnd(below));
      if (after < text.length) below = after;
    }
    if (!sibling(text, below, indent, kind)) break;
    item = below;
  }
  return { start: first, end, indent, kind, entries };
}

/**
 * The roundup block a read-more line ends: the title line above it, with only the title paragraph,
 * blank lines and `>` quote paragraphs between (see ./blocks.ts); undefined when there is none.
 */
function blockEndingAt(text: string, readMore: Span, from: number): { start: number } | undefined {
  // Up to the nearest title line or read-more line.
  let start = previousLineStart(text, readMore.start);
  let title: Span | undefined;
  while (start >= from) {
    const line = lineSpan(text, start);
    const t = text.slice(line.start, line.end);
    if (READ_MORE_LINE.test(t)) return undefined;
    if (TITLE_LINE.test(t)) {
      title = line;
      break;
    }
    start = previousLineStart(text, line.start);
  }
  if (!title) return undefined;
  let state: 'title' | 'gap' | 'quote' = 'title';
  for (let line = lineSpan(text, title.next); line.start < readMore.start; line = lineSpan(text, line.next)) {
    if (blank(text, line.start)) state = 'gap';
    else if (state === 'gap') {
      if (!/^[ \t]{0,3}>/.test(text.slice(line.start, line.end))) return undefined;
      state = 'quote';
    }
  }
  return state === 'gap' ? { start: title.start } : undefined;
}

/** True when deleting [start, end) cuts no link construct in two and takes no reference definition with it. */
function cleanCut(links: LinkTable, start: number, end: number): boolean {
  // Constructs are at most MAX_LINK_TEXT plus a destination long; look at those that start before the end.
  const from = firstLinkFrom(links, Math.max(0, start - MAX_LINK_TEXT - 4096));
  for (let k = from; k < links.count && links.matchStart(k) < end; k++) {
    if (links.matchEnd(k) <= start) continue;
    if (links.matchStart(k) < start || links.matchEnd(k) > end) return false;
    if (links.kind(k) === REFERENCE_KIND) return false;
  }
  return true;
}

/*
 * Entry keys are hashed without the `/` in them (FNV-1a over UTF-16 code units): a plain URL's hash is
 * then read from the URL as written in one pass, its dropped characters being `/` (those that end the
 * path), `http` and `https` alike past `http`, and an empty `?` or `#` (looked at one character ahead).
 */
const FNV_BASIS = 0x811c9dc5 | 0;

function hashStep(h: number, c: number): number {
  return c === 47 ? h : Math.imul(h ^ c, 16777619);
}

/** The hash of a key that is a string. */
function keyHash(key: string): number {
  let h = FNV_BASIS;
  for (let k = 0; k < key.length; k++) h = hashStep(h, key.charCodeAt(k));
  return h;
}

/** The hash of every plain URL's key start, `http://`. */
const HTTP_HASH = keyHash('http://');

/** What {@link plainHttpHash} returns for a URL that is not plain: no 32-bit hash is. */
const NOT_PLAIN = 2 ** 32;

/**
 * The hash of the key of the plain URL text[from, to) ({@link plainHttpParts} tells the same URLs
 * plain), read in one pass; {@link NOT_PLAIN} for any other.
 */
function plainHttpHash(text: string, from: number, to: number): number {
  const p = afterHttpScheme(text, from, to);
  if (p < 0) return NOT_PLAIN;
  let h = HTTP_HASH;
  let inHost = true;
  let query = false;
  let fragment = false;
  for (let k = p; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c <= 32 || c >= 127 || c === 92 || c === 38 || c === 37) return NOT_PLAIN;
    if (!fragment) {
      if (c === 35) {
        fragment = true;
        inHost = false;
        if (k === to - 1) continue;
      } else if (c === 63) {
        inHost = false;
        if (!query) {
          query = true;
          if (k === to - 1 || text.charCodeAt(k + 1) === 35) continue;
        }
      } else if (inHost) {
        if (c === 47) inHost = false;
        else if (c === 58 || (c >= 65 && c <= 90)) return NOT_PLAIN;
      }
    }
    h = hashStep(h, c);
  }
  return h;
}

function sameChars(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/**
 * The keys of a post's entries, told apart without a string or a Map entry for each: a plain URL's key
 * ({@link plainHttpParts}) is hashed and compared where it stands in the text, any other key is made
 * ({@link normalizeAny}). Each distinct key gets a number, in order of first appearance, and
 * {@link KEY_FIELDS} numbers of the caller's (-1 until set).
 *
 * One instance, {@link entryKeys}, serves every call ({@link EntryKeys.reset} at its start): its memory is
 * kept from one lint to the next (fresh memory costs more than the work done in it), and so is its shape
 * (the optimised code made for it stays valid). Sized at reset for every link of the text to be an entry
 * with a key of its own, in one block: per key number the link that first had it, then the caller's
 * numbers, then the hash table (open addressing, at most half full; a slot is the key number + 1, 0 when
 * free, and the key's hash).
 */
class EntryKeys {
  count = 0;
  private links: LinkTable | undefined;
  private data = new Int32Array(0);
  private fieldsAt = 0;
  private slotsAt = 0;
  private mask = 0;
  /** The keys that are not plain URLs, by key number. */
  private readonly made = new Map<number, string>();

  /** Forgets the keys of the last call; ready for those of `links`. */
  reset(links: LinkTable): void {
    const n = links.count;
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.links = links;
    this.count = 0;
    this.fieldsAt = n;
    this.slotsAt = n * (1 + KEY_FIELDS);
    this.mask = size - 1;
    if (this.data.length < this.slotsAt + 2 * size) this.data = new Int32Array(this.slotsAt + 2 * size);
    this.data.fill(0, this.slotsAt, this.slotsAt + 2 * size);
    this.made.clear();
  }

  get(id: number, field: number): number {
    return this.data[this.fieldsAt + id * KEY_FIELDS + field];
  }

  set(id: number, field: number, value: number): void {
    this.data[this.fieldsAt + id * KEY_FIELDS + field] = value;
  }

  /** The number of link i's key; -1 when its key is empty. */
  of(i: number): number {
    const links = this.links!;
    const text = links.text;
    const data = this.data;
    let made: string | undefined;
    let hash = plainHttpHash(text, links.start(i), links.end(i));
    if (hash === NOT_PLAIN) {
      made = normalizeAny(links.url(i));
      if (!made) return -1;
      hash = keyHash(made);
    }
    let s = hash & this.mask;
    for (; data[this.slotsAt + 2 * s] !== 0; s = (s + 1) & this.mask) {
      if (data[this.slotsAt + 2 * s + 1] !== hash) continue;
      const id = data[this.slotsAt + 2 * s] - 1;
      if (this.sameKey(i, made, data[id], this.made.get(id))) return id;
    }
    const id = this.count++;
    data[this.slotsAt + 2 * s] = id + 1;
    data[this.slotsAt + 2 * s + 1] = hash;
    data[id] = i;
    for (let f = 0; f < KEY_FIELDS; f++) data[this.fieldsAt + id * KEY_FIELDS + f] = -1;
    if (made !== undefined) this.made.set(id, made);
    return id;
  }

  /**
   * True when links i and j have the same key (`made`, `other`: their keys when made): both plain URLs
   * with the same pieces (a key's pieces split at its first `?` or `#`), or the same string.
   */
  private sameKey(i: number, made: string | undefined, j: number, other: string | undefined): boolean {
    const links = this.links!;
    const text = links.text;
    if (made !== undefined || other !== undefined)
      return (made ?? normalizeLink(links.url(i))) === (other ?? normalizeLink(links.url(j)));
    plainHttpParts(text, links.start(i), links.end(i));
    const [hostStart, pathEnd, tailStart, tailEnd] = [PIECES[0], PIECES[1], PIECES[2], PIECES[3]];
    plainHttpParts(text, links.start(j), links.end(j));
    return (
      PIECES[1] - PIECES[0] === pathEnd - hostStart &&
      PIECES[3] - PIECES[2] === tailEnd - tailStart &&
      sameChars(text, PIECES[0], hostStart, pathEnd - hostStart) &&
      sameChars(text, PIECES[2], tailStart, tailEnd - tailStart)
    );
  }
}

/** How many numbers of its own {@link findDuplicateLinks} keeps per key. */
const KEY_FIELDS = 5;

const entryKeys = new EntryKeys();

/**
 * The same entry twice in a post (rule `post-duplicate-link`); `from` is where the body starts.
 * Entries are decided from the structure of the post:
 * - a link on a read-more line (`... read more at ...`, the end of a roundup block) is an entry;
 * - a list item is an entry when it is one inline link and nothing else, in a list whose items all
 *   are (a list of entry links, as the `link` template makes); items of lists that hold anything
 *   else (release notes, prose) are not entries;
 * - links in prose, headings, quotes, tables, code are never entries.
 * A read-more entry is a duplicate of any earlier entry with the same link; a list entry is a
 * duplicate of an earlier read-more entry or of an earlier item of the same list (the same link in
 * two lists under two headings is two entries). Links are the same when their keys
 * ({@link normalizeLink}) are, fragment included.
 *
 * Only the lines that hold a link are looked at (found from the link scan, no split into lines), and
 * of those only the first characters, unless the line is a read-more line or a list item that starts
 * with its link; a list's other lines are read once for the whole list.
 */
export function findDuplicateLinks(text: string, from = 0): DuplicateLink[] {
  const links = linkTable(text);
  // Per key: its first entry, its first read-more entry, the list it was last seen in and its first entry there,
  const keys = entryKeys;
  keys.reset(links);
  const ANY = 0;
  const READ_MORE = 1;
  const LIST = 2;
  const IN_LIST = 3;
  // The start of the read-more line it was last seen on: a key counts once a line.
  const ON_LINE = 4;
  const duplicates: DuplicateLink[] = [];
  // The line of the last link looked at: its start, and whether it is a read-more line or may be a list item.
  let lineStart = -1;
  let lastAt = -1;
  let readMore = false;
  let marker = false;
  let list: EntryList | undefined;
  let lists = 0;
  for (let i = firstLinkFrom(links, from); i < links.count; i++) {
    const kind = links.kind(i);
    if (kind === IMAGE_KIND) continue;
    const at = links.matchStart(i);
    // A new line when a line break lies between this link and the last one (looked for backwards: the
    // line start is found on the way).
    let k = at;
    while (k > lastAt && k > 0 && !isBreakChar(text.charCodeAt(k - 1))) k--;
    if (k > lastAt) {
      lineStart = k;
      // Most lines with a link are prose: their first character rules out a read-more line and a list item.
      const first = skipSpaces(text, lineStart);
      const c = text.charCodeAt(first);
      readMore = first === lineStart && (c === 46 || c === 0x2026) && stickyTest(READ_MORE_AT, text, lineStart);
      marker = c === 45 || c === 42 || c === 43 || isDigit(c);
    }
    lastAt = at;
    if (!readMore && !marker) continue;
    let first = -1;
    let block: DuplicateLink['block'] = null;
    let removal: DuplicateLink['removal'] = null;
    let listItem = false;
    let key: number;
    if (readMore) {
      key = keys.of(i);
      if (key < 0 || keys.get(key, ON_LINE) === lineStart) continue;
      keys.set(key, ON_LINE, lineStart);
      first = keys.get(key, ANY);
      if (keys.get(key, READ_MORE) < 0) keys.set(key, READ_MORE, i);
      if (first >= 0) {
        const line = lineSpan(text, lineStart);
        const b = blockEndingAt(text, line, from);
        if (b) {
          // The read-more paragraph may go on (a link text wrapped over two lines).
          let last = line;
          for (
            let below = lineSpan(text, line.next);
            line.next < text.length && !blank(text, below.start);
            below = lineSpan(text, below.next)
          ) {
            last = below;
            if (below.next >= text.length) break;
          }
          block = { start: b.start, end: last.end };
          removal = blockRemoval(text, block.start, last, from);
        }
      }
    } else if (kind === INLINE_KIND && listItemContent(text, lineStart) === at) {
      if (!list || lineStart < list.start || lineStart > list.end) {
        list = listAround(text, links, lineStart, from);
        lists++;
      }
      if (!list.entries) continue;
      key = keys.of(i);
      if (key < 0) continue;
      const inThisList = keys.get(key, LIST) === lists;
      first = keys.get(key, READ_MORE);
      if (first < 0 && inThisList) first = keys.get(key, IN_LIST);
      if (!inThisList) {
        keys.set(key, LIST, lists);
        keys.set(key, IN_LIST, i);
      }
      if (first >= 0) {
        // The item that starts on this line: the list's lines that are siblings are its items (the list
        // found upwards from a line may end above it).
        if (lineStart <= list.end && sibling(text, lineStart, list.indent, list.kind)) {
          const start = lineStart;
          const end = itemEnd(links, start, list.indent);
          const next = nextLineStart(text, end);
          listItem = true;
          block = { start, end };
          removal =
            next === end && start > from
              ? { start: text.length > 0 ? endOfLineBefore(text, start) : 0, end }
              : { start, end: next };
        }
      }
    } else continue;
    if (keys.get(key, ANY) < 0) keys.set(key, ANY, i);
    if (first < 0) continue;
    if (removal && !cleanCut(links, removal.start, removal.end)) removal = null;
    duplicates.push({
      key: normalizeLink(links.url(i)),
      url: links.url(i),
      start: links.start(i),
      end: links.end(i),
      firstStart: links.start(first),
      firstEnd: links.end(first),
      block,
      listItem,
      removal,
    });
  }
  return duplicates;
}

function stickyTest(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/** End of the line before the one starting at `start`. */
function endOfLineBefore(text: string, start: number): number {
  const prev = previousLineStart(text, start);
  return prev < 0 ? 0 : lineEndOf(text, prev);
}

/** What removing a block deletes: the block and one blank line that separates it from its neighbours. */
function blockRemoval(text: string, start: number, last: Span, from: number): { start: number; end: number } {
  const after = lineSpan(text, last.next);
  if (last.next < text.length && blank(text, after.start) && after.end < text.length) return { start, end: after.next };
  const beforeStart = previousLineStart(text, start);
  const before = beforeStart >= from ? lineSpan(text, beforeStart) : undefined;
  if (before && blank(text, before.start)) {
    if (last.next === last.end && previousLineStart(text, before.start) >= from) {
      // The last line of the post, without a line break: remove from the end of the line before the blank line.
      return { start: lineEndOf(text, previousLineStart(text, before.start)), end: last.end };
    }
    return { start: before.start, end: last.next };
  }
  return { start, end: last.next };
}
