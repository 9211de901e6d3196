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

/**
 * The anchors of the one pass: the places where a link can be recognised by what follows them. Link
 * text is not matched forwards (a regular expression for it rescans the same text from every `[`,
 * which is quadratic on texts full of brackets): at each `](` the opening bracket is looked for
 * backwards, within the paragraph and at most {@link MAX_LINK_TEXT} characters back.
 */
const ANCHORS = new RegExp(
  [
    // `](` that closes a link text, or the `]:` of a reference definition (checked from its line
    // start: a `^` alternative would be tried at every character). No group: m[0] tells them apart.
    String.raw`\][(:]`,
    // 1: autolink
    String.raw`<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>`,
    // 2, 3: href attribute (any case: spelled out, the \`i\` flag would make every step of the scan slower)
    String.raw`\b[hH][rR][eE][fF][ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)')`,
    // 4: bare URL
    String.raw`\b([hH][tT][tT][pP][sS]?:\/\/[^\s<>"'\x60\[\]]+)`,
  ].join('|'),
  'gm',
);

/**
 * A reference definition from its line start: 1 = up to the label's `]`, 2 = from there to the target,
 * 3 = <target>, 4 = target.
 */
const REFERENCE = /([ ]{0,3}\[(?:[^[\]\\\n\r]|\\.){1,999})(\]:[ \t]*(?:\r\n?|\n)?[ \t]*)(?:<([^<>\n\r]*)>|(\S+))/y;

/** An inline link destination, read just after `](`: 1 = <target>, 2 = target; an optional title and the `)`. */
const DESTINATION =
  /[ \t]*(?:\r\n?|\n)?[ \t]*(?:<([^<>\n\r]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))+))(?:[ \t]+(?:"[^"\n\r]*"|'[^'\n\r]*'))?[ \t]*\)?/y;

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

function trimBareUrl(url: string): string {
  let u = url.replace(/[.,;:!?*_~'"]+$/, '');
  // Drop unbalanced closing parentheses at the end: `(see http://x/y)`.
  while (u.endsWith(')')) {
    const open = u.split('(').length - 1;
    const close = u.split(')').length - 1;
    if (close <= open) break;
    u = u.slice(0, -1).replace(/[.,;:!?*_~'"]+$/, '');
  }
  return u;
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

/** A link found by the scan; its key is computed when first asked for (the body rules ask only for entry links'). */
class Occurrence implements LinkOccurrence {
  private normalized: string | undefined;
  readonly end: number;
  constructor(
    readonly kind: LinkKind,
    readonly url: string,
    readonly start: number,
    readonly matchStart: number,
    readonly matchEnd: number,
  ) {
    this.end = start + url.length;
  }

  get key(): string {
    return (this.normalized ??= normalizeLink(this.url));
  }
}

/** The last text scanned and its links: the linter and the sidebar's included marks look at the same text in turn. */
let lastScan: { text: string; links: readonly LinkOccurrence[] } | undefined;

/**
 * Every link target of a markdown text, in order of appearance (of the whole construct), in one pass.
 * The result of the last text is kept, so that the body rules and the included-entry marks of the
 * same document version share one scan; treat it as read-only.
 */
export function scanLinks(text: string): readonly LinkOccurrence[] {
  if (lastScan && lastScan.text === text) return lastScan.links;
  const links = scan(text);
  lastScan = { text, links };
  return links;
}

function scan(text: string): LinkOccurrence[] {
  const found: LinkOccurrence[] = [];
  const re = new RegExp(ANCHORS.source, ANCHORS.flags);
  const destination = new RegExp(DESTINATION.source, DESTINATION.flags);
  const reference = new RegExp(REFERENCE.source, REFERENCE.flags);
  const add = (kind: LinkKind, url: string, start: number, matchStart: number, matchEnd: number): void => {
    found.push(new Occurrence(kind, url, start, matchStart, matchEnd));
  };
  let sorted = true;
  let failed = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const whole = m[0];
    const closing = whole.charCodeAt(0) === 93;
    if (closing && whole.charCodeAt(1) === 58) {
      let lineStart = at;
      while (lineStart > 0 && !isBreakChar(text.charCodeAt(lineStart - 1))) lineStart--;
      reference.lastIndex = lineStart;
      const r = reference.exec(text);
      if (!r || lineStart + r[1].length !== at) continue;
      // A URL in the label is the label.
      while (found.length > 0 && found[found.length - 1].kind === 'bare' && found[found.length - 1].start >= lineStart)
        found.pop();
      const url = r[3] ?? r[4];
      add(
        'reference',
        url,
        lineStart + r[1].length + r[2].length + (r[3] !== undefined ? 1 : 0),
        lineStart,
        lineStart + r[0].length,
      );
      re.lastIndex = lineStart + r[0].length;
    } else if (closing) {
      if (escaped(text, at)) continue;
      const bracket = openingBracket(text, at, failed);
      if (bracket < 0) {
        failed = at;
        continue;
      }
      destination.lastIndex = at + 2;
      const d = destination.exec(text);
      if (!d) continue;
      const image = bracket > 0 && text.charCodeAt(bracket - 1) === 33 && !escaped(text, bracket - 1);
      const matchStart = image ? bracket - 1 : bracket;
      // Bare URLs in the link text are the link's label, not links.
      while (found.length > 0 && found[found.length - 1].kind === 'bare' && found[found.length - 1].start > bracket)
        found.pop();
      const url = d[1] ?? d[2];
      const start = at + 2 + d[0].indexOf(d[1] !== undefined ? '<' : url) + (d[1] !== undefined ? 1 : 0);
      if (found.length > 0 && found[found.length - 1].matchStart > matchStart) sorted = false;
      add(image ? 'image' : 'inline', url, start, matchStart, at + 2 + d[0].length);
      re.lastIndex = at + 2 + d[0].length;
    } else if (m[1] !== undefined) {
      if (escaped(text, at)) {
        re.lastIndex = at + 1;
        continue;
      }
      add('autolink', m[1], at + 1, at, at + whole.length);
    } else if (m[2] !== undefined || m[3] !== undefined) {
      const url = m[2] ?? m[3];
      add('href', url, at + whole.length - 1 - url.length, at, at + whole.length);
    } else if (m[4] !== undefined) {
      const url = trimBareUrl(m[4]);
      add('bare', url, at, at, at + url.length);
      // Characters trimmed off the end are scanned again (they may start another construct).
      re.lastIndex = at + Math.max(1, url.length);
    }
  }
  // An inline link is found at its `](`, after what its text holds (an autolink, say): restore text order.
  return sorted ? found : found.sort((a, b) => a.matchStart - b.matchStart);
}

/** The comparison keys of every link in the text (images excluded), found in one pass. */
export function extractLinkSet(text: string): Set<string> {
  const set = new Set<string>();
  for (const link of scanLinks(text)) if (link.kind !== 'image' && link.key) set.add(link.key);
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

/** A list item's first line: indentation, marker, and the space after it. */
const ITEM_START = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
/** A list item's marker and the space after it, matched at a line start. */
const LIST_ITEM_AT = /[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/y;
/** A read-more line, matched at a line start. */
const READ_MORE_AT = new RegExp(READ_MORE_LINE.source.replace(/^\^/, ''), READ_MORE_LINE.flags.replace('y', '') + 'y');

type Lead = 'dots' | 'marker' | 'other';

/**
 * What the first non-blank character of a line may start: a read-more line (`.`, `…`), a list item (`-*+`,
 * a digit), or neither.
 */
function leadingKind(text: string, line: Span): Lead {
  let k = line.start;
  while (k < line.end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  const c = text.charCodeAt(k);
  if (c === 46 || c === 0x2026) return k === line.start ? 'dots' : 'other';
  if (c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) return 'marker';
  return 'other';
}

function stickyTest(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/** Where a sticky regular expression's match at `at` ends; -1 when it does not match there. */
function stickyEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}
/** Lines that end a list whatever their indentation: a heading, a fence, a rule, a quote, an HTML block. */
const LIST_BREAKER = /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|```|~~~|>|<|(?:[-*_][ \t]*){3,}$)/;

function isBreakChar(c: number): boolean {
  return c === 10 || c === 13;
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

function blank(text: string, line: Span): boolean {
  for (let k = line.start; k < line.end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Index of the first link whose construct starts at or after `offset`. */
function firstLinkFrom(links: readonly LinkOccurrence[], offset: number): number {
  let lo = 0;
  let hi = links.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (links[mid].matchStart < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface EntryList {
  start: number;
  end: number;
  /** True when every item of the list is one link and nothing else. */
  entries: boolean;
  items: Array<{ start: number; end: number; next: number }>;
  seen: Map<string, LinkOccurrence>;
}

/**
 * The list around the item starting at `itemLine`: its sibling items (same indentation, same kind of
 * marker) with their continuation lines and single blank lines between them.
 */
function listAround(text: string, links: readonly LinkOccurrence[], itemLine: Span, from: number): EntryList {
  const head = ITEM_START.exec(text.slice(itemLine.start, itemLine.end))!;
  const indent = head[1].length;
  const kindOf = (marker: string) => (/\d/.test(marker) ? marker.slice(-1) : marker);
  const kind = kindOf(head[2]);
  const sibling = (line: Span): boolean => {
    const m = ITEM_START.exec(text.slice(line.start, line.end));
    return !!m && m[1].length === indent && kindOf(m[2]) === kind;
  };
  const continuation = (line: Span): boolean => {
    if (blank(text, line)) return false;
    const t = text.slice(line.start, line.end);
    if (LIST_BREAKER.test(t)) return false;
    const m = ITEM_START.exec(t);
    // Another item at the same or a lesser indentation ends this item; a deeper one belongs to it.
    return !m || m[1].length > indent;
  };
  const indented = (line: Span) =>
    continuation(line) && /^[ \t]*/.exec(text.slice(line.start, line.end))![0].length > indent;
  // Upwards to the first item of the list: items, their continuation lines, single blank lines
  // followed (above) by an item or by indented item content.
  let first = itemLine;
  let afterBlank = false;
  for (let start = previousLineStart(text, itemLine.start); start >= from; start = previousLineStart(text, start)) {
    const line = lineSpan(text, start);
    if (sibling(line)) first = line;
    else if (blank(text, line)) {
      if (afterBlank) break;
      afterBlank = true;
      continue;
    } else if (afterBlank ? !indented(line) : !continuation(line)) break;
    afterBlank = false;
  }
  // Downwards, item by item.
  const items: EntryList['items'] = [];
  let item = first;
  let end = first.end;
  for (;;) {
    let last = item;
    while (last.next < text.length) {
      const below = lineSpan(text, last.next);
      if (!continuation(below)) break;
      last = below;
    }
    items.push({ start: item.start, end: last.end, next: last.next });
    end = last.end;
    if (last.next >= text.length) break;
    let below = lineSpan(text, last.next);
    if (blank(text, below) && below.next < text.length) below = lineSpan(text, below.next);
    if (!sibling(below)) break;
    item = below;
  }
  let entries = true;
  for (const it of items) {
    const head = ITEM_START.exec(text.slice(it.start, it.end))!;
    const contentStart = it.start + head[0].length;
    let contentEnd = it.end;
    while (contentEnd > contentStart && /\s/.test(text[contentEnd - 1])) contentEnd--;
    const k = firstLinkFrom(links, contentStart);
    const link = links[k];
    const after = links[k + 1];
    const one =
      link !== undefined &&
      link.kind === 'inline' &&
      link.matchStart === contentStart &&
      link.matchEnd === contentEnd &&
      (after === undefined || after.matchStart >= it.end) &&
      (k === 0 || links[k - 1].matchEnd <= it.start);
    if (!one) {
      entries = false;
      break;
    }
  }
  return { start: first.start, end, entries, items, seen: new Map() };
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
    if (blank(text, line)) state = 'gap';
    else if (state === 'gap') {
      if (!/^[ \t]{0,3}>/.test(text.slice(line.start, line.end))) return undefined;
      state = 'quote';
    }
  }
  return state === 'gap' ? { start: title.start } : undefined;
}

/** True when deleting [start, end) cuts no link construct in two and takes no reference definition with it. */
function cleanCut(links: readonly LinkOccurrence[], start: number, end: number): boolean {
  // Constructs are at most MAX_LINK_TEXT plus a destination long; look at those that start before the end.
  for (
    let k = firstLinkFrom(links, Math.max(0, start - MAX_LINK_TEXT - 4096));
    k < links.length && links[k].matchStart < end;
    k++
  ) {
    const l = links[k];
    if (l.matchEnd <= start) continue;
    if (l.matchStart < start || l.matchEnd > end) return false;
    if (l.kind === 'reference') return false;
  }
  return true;
}

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
 */
export function findDuplicateLinks(text: string, from = 0): DuplicateLink[] {
  const links = scanLinks(text);
  const seenAny = new Map<string, LinkOccurrence>();
  const seenReadMore = new Map<string, LinkOccurrence>();
  const duplicates: DuplicateLink[] = [];
  let line: Span | undefined;
  let readMore = false;
  let lead: Lead = 'other';
  let keysOnLine = new Set<string>();
  let list: EntryList | undefined;
  for (let i = firstLinkFrom(links, from); i < links.length; i++) {
    const link = links[i];
    if (link.kind === 'image') continue;
    if (!line || link.matchStart >= line.next || link.matchStart < line.start) {
      line = lineSpan(text, lineStartOf(text, link.matchStart));
      // Most lines with a link are prose: their first character rules out a read-more line and a list item.
      lead = leadingKind(text, line);
      readMore = lead === 'dots' && stickyTest(READ_MORE_AT, text, line.start);
      if (readMore) keysOnLine = new Set();
    }
    if (!readMore && lead !== 'marker') continue;
    let first: LinkOccurrence | undefined;
    let block: DuplicateLink['block'] = null;
    let removal: DuplicateLink['removal'] = null;
    let listItem = false;
    if (readMore) {
      if (!link.key || keysOnLine.has(link.key)) continue;
      keysOnLine.add(link.key);
      first = seenAny.get(link.key);
      if (!seenReadMore.has(link.key)) seenReadMore.set(link.key, link);
      if (first) {
        const b = blockEndingAt(text, line, from);
        if (b) {
          // The read-more paragraph may go on (a link text wrapped over two lines).
          let last = line;
          for (
            let below = lineSpan(text, line.next);
            line.next < text.length && !blank(text, below);
            below = lineSpan(text, below.next)
          ) {
            last = below;
            if (below.next >= text.length) break;
          }
          block = { start: b.start, end: last.end };
          removal = blockRemoval(text, block.start, last, from);
        }
      }
    } else if (link.kind === 'inline' && stickyEnd(LIST_ITEM_AT, text, line.start) === link.matchStart) {
      if (!list || line.start < list.start || line.start > list.end) list = listAround(text, links, line, from);
      if (!list.entries || !link.key) continue;
      first = seenReadMore.get(link.key) ?? list.seen.get(link.key);
      if (!list.seen.has(link.key)) list.seen.set(link.key, link);
      if (first) {
        const item = list.items.find((it) => it.start === line!.start);
        if (item) {
          listItem = true;
          block = { start: item.start, end: item.end };
          removal =
            item.next === item.end && item.start > from
              ? { start: text.length > 0 ? endOfLineBefore(text, item.start) : 0, end: item.end }
              : { start: item.start, end: item.next };
        }
      }
    } else continue;
    if (!seenAny.has(link.key)) seenAny.set(link.key, link);
    if (!first) continue;
    if (removal && !cleanCut(links, removal.start, removal.end)) removal = null;
    duplicates.push({
      key: link.key,
      url: link.url,
      start: link.start,
      end: link.end,
      firstStart: first.start,
      firstEnd: first.end,
      block,
      listItem,
      removal,
    });
  }
  return duplicates;
}

/** End of the line before the one starting at `start`. */
function endOfLineBefore(text: string, start: number): number {
  const prev = previousLineStart(text, start);
  return prev < 0 ? 0 : lineEndOf(text, prev);
}

/** What removing a block deletes: the block and one blank line that separates it from its neighbours. */
function blockRemoval(text: string, start: number, last: Span, from: number): { start: number; end: number } {
  const after = lineSpan(text, last.next);
  if (last.next < text.length && blank(text, after) && after.end < text.length) return { start, end: after.next };
  const beforeStart = previousLineStart(text, start);
  const before = beforeStart >= from ? lineSpan(text, beforeStart) : undefined;
  if (before && blank(text, before)) {
    if (last.next === last.end && previousLineStart(text, before.start) >= from) {
      // The last line of the post, without a line break: remove from the end of the line before the blank line.
      return { start: lineEndOf(text, previousLineStart(text, before.start)), end: last.end };
    }
    return { start: before.start, end: last.next };
  }
  return { start, end: last.next };
}
