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
 * references and percent-encoding decoded; the `#fragment` dropped; scheme and host lowercased;
 * `http` and `https` treated as the same; default ports dropped; trailing `/` of the path ignored;
 * an empty query (`?`) ignored. Anything else (query order, `www.`, case of the path) must match.
 */
import type { FeedEntry } from '../feeds/types';
import { isBlank, splitLines } from '../base/lines';
import { blockAt, findRoundupBlocks, READ_MORE_LINE } from './blocks';
import { decodeEntities } from '../html/entities';
import { isSafeUrl } from '../base/urls';

export type LinkKind = 'inline' | 'image' | 'reference' | 'autolink' | 'href' | 'bare';

export interface LinkOccurrence {
  kind: LinkKind;
  /** The target as written (without `<>` or quotes). */
  url: string;
  /** Comparison key ({@link normalizeLink}). */
  key: string;
  /** Offsets of the target in the text. */
  start: number;
  end: number;
  /** Offsets of the whole construct (`[text](url)`, `<url>`, `[x]: url`, the bare URL). */
  matchStart: number;
  matchEnd: number;
}

/**
 * The tokens of the one pass. Link text is not matched as a whole (a regular expression for it
 * rescans the same text from every `[`, which is quadratic on texts full of brackets): brackets are
 * tokens, matched with a stack, and the destination is read where `](` closes a bracket.
 */
const TOKENS = new RegExp(
  [
    // 1: reference definition up to its target: 2 = <target>, 3 = target
    String.raw`(^[ ]{0,3}\[(?:[^\[\]\\\n]|\\.){1,999}\]:[ \t]*\n?[ \t]*)(?:<([^<>\n]*)>|(\S+))`,
    // a backslash escape
    String.raw`\\[\s\S]`,
    // 4: an opening bracket, with `!` for an image
    String.raw`(!?\[)`,
    // 5: a closing bracket, 6: followed by `(`
    String.raw`(\](\(?))`,
    // 7: blank lines (end any open link text)
    String.raw`(\n(?:[ \t\r]*\n){1,1000})`,
    // 8: autolink
    String.raw`<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>`,
    // 9, 10: href attribute
    String.raw`\bhref[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)')`,
    // 11: bare URL
    String.raw`\b(https?:\/\/[^\s<>"'\x60\[\]]+)`,
  ].join('|'),
  'gim',
);

/** An inline link destination, read just after `](`: 1 = <target>, 2 = target; an optional title and the `)`. */
const DESTINATION = /[ \t]*\n?[ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))+))(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)?/y;

/** Most brackets kept open at once; deeper ones are ignored. */
const MAX_OPEN_BRACKETS = 1000;

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
  u = u.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (u.includes('&')) u = decodeEntities(u);
  const hash = u.indexOf('#');
  if (hash >= 0) u = u.slice(0, hash);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?]*)([^?]*)(\?.*)?$/.exec(u);
  if (!m) return percentDecode(u);
  let scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  const path = percentDecode(m[3]).replace(/\/+$/, '');
  const query = m[4] && m[4] !== '?' ? percentDecode(m[4]) : '';
  if (scheme === 'http' || scheme === 'https') {
    host = host.replace(/:(?:80|443)$/, '');
    scheme = 'http';
  }
  return `${scheme}://${host}${path}${query}`;
}

/** Every link target of a markdown text, in order of appearance (of the whole construct), in one pass. */
export function scanLinks(text: string): LinkOccurrence[] {
  const found: LinkOccurrence[] = [];
  const open: Array<{ at: number; image: boolean }> = [];
  const re = new RegExp(TOKENS.source, TOKENS.flags);
  const destination = new RegExp(DESTINATION.source, DESTINATION.flags);
  const add = (kind: LinkKind, url: string, start: number, matchStart: number, matchEnd: number): void => {
    found.push({ kind, url, key: normalizeLink(url), start, end: start + url.length, matchStart, matchEnd });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const whole = m[0];
    if (m[1] !== undefined) {
      const url = m[2] ?? m[3];
      add('reference', url, at + m[1].length + (m[2] !== undefined ? 1 : 0), at, at + whole.length);
    } else if (m[4] !== undefined) {
      if (open.length < MAX_OPEN_BRACKETS) open.push({ at, image: m[4] === '![' });
    } else if (m[5] !== undefined) {
      const bracket = open.pop();
      if (!bracket || m[6] !== '(') continue;
      destination.lastIndex = at + 2;
      const d = destination.exec(text);
      if (!d) continue;
      // Bare URLs in the link text are the link's label, not links.
      while (found.length > 0 && found[found.length - 1].kind === 'bare' && found[found.length - 1].start > bracket.at) found.pop();
      const url = d[1] ?? d[2];
      const start = at + 2 + d[0].indexOf(d[1] !== undefined ? '<' : url) + (d[1] !== undefined ? 1 : 0);
      add(bracket.image ? 'image' : 'inline', url, start, bracket.at, at + 2 + d[0].length);
      re.lastIndex = at + 2 + d[0].length;
    } else if (m[7] !== undefined) {
      open.length = 0;
      re.lastIndex = at + whole.length - 1; // the second line break may start a reference definition
    } else if (m[8] !== undefined) {
      add('autolink', m[8], at + 1, at, at + whole.length);
    } else if (m[9] !== undefined || m[10] !== undefined) {
      const url = m[9] ?? m[10];
      add('href', url, at + whole.length - 1 - url.length, at, at + whole.length);
    } else if (m[11] !== undefined) {
      const url = trimBareUrl(m[11]);
      add('bare', url, at, at, at + url.length);
      // Characters trimmed off the end are scanned again (they may start another construct).
      re.lastIndex = at + Math.max(1, url.length);
    }
  }
  // An inline link is found at its `](`, after what its text holds (an autolink, say): restore text order.
  return found.sort((a, b) => a.matchStart - b.matchStart);
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
  /** The roundup block holding the second occurrence (title line start to read-more line end), if any. */
  block: { start: number; end: number } | null;
  /**
   * What a fix deletes: the block plus its line break and one separating blank line (the one after
   * it, else the one before it); for a one-link list item (`* [title](url)`), that line. null: no fix.
   */
  removal: { start: number; end: number } | null;
}

const LIST_ITEM_PREFIX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+$/;

/**
 * The same entry link twice in a post (rule `post-duplicate-link`): each later occurrence of an
 * entry link whose key appeared before. Entry links are the links on a read-more line
 * (`... read more at ...`) and the link of a list item made of one link (`* [title](url)`, the
 * `link` template); links in prose are not entry links. A read-more line outside a recognizable
 * roundup block is reported with no fix (`removal: null`).
 */
export function findDuplicateLinks(text: string): DuplicateLink[] {
  const lines = splitLines(text);
  const blocks = findRoundupBlocks(text, lines);
  const seen = new Map<string, LinkOccurrence>();
  const duplicates: DuplicateLink[] = [];
  let lineIndex = 0;
  let lastKeyOnLine = new Set<string>();
  let keysLine = -1;
  for (const link of scanLinks(text)) {
    if (link.kind === 'image' || !link.key) continue;
    while (lineIndex < lines.length - 1 && lines[lineIndex].next <= link.matchStart) lineIndex++;
    const line = lines[lineIndex];
    const before = text.slice(line.start, link.matchStart);
    const after = text.slice(link.matchEnd, line.end);
    const readMore = READ_MORE_LINE.test(line.text);
    const listItem = link.kind === 'inline' && LIST_ITEM_PREFIX.test(before) && isBlank(after);
    if (!readMore && !listItem) continue;
    if (keysLine !== lineIndex) {
      keysLine = lineIndex;
      lastKeyOnLine = new Set();
    }
    if (lastKeyOnLine.has(link.key)) continue;
    lastKeyOnLine.add(link.key);
    const first = seen.get(link.key);
    if (!first) {
      seen.set(link.key, link);
      continue;
    }
    let block: DuplicateLink['block'] = null;
    let removal: DuplicateLink['removal'] = null;
    if (readMore) {
      const b = blockAt(blocks, link.start);
      if (b) {
        block = { start: b.start, end: b.end };
        const last = b.lastLine;
        const firstLine = b.firstLine;
        if (last + 1 < lines.length && isBlank(lines[last + 1].text) && last + 1 < lines.length - 1) {
          removal = { start: b.start, end: lines[last + 1].next };
        } else if (lines[last].next === lines[last].end && firstLine >= 2 && isBlank(lines[firstLine - 1].text)) {
          // Last line of the post, without a line break: remove from the end of the line before the blank line.
          removal = { start: lines[firstLine - 2].end, end: lines[last].end };
        } else if (firstLine > 0 && isBlank(lines[firstLine - 1].text)) {
          removal = { start: lines[firstLine - 1].start, end: lines[last].next };
        } else {
          removal = { start: b.start, end: lines[last].next };
        }
      }
    } else {
      block = { start: line.start, end: line.end };
      removal = { start: line.start, end: line.next };
    }
    duplicates.push({ key: link.key, url: link.url, start: link.start, end: link.end, firstStart: first.start, firstEnd: first.end, block, removal });
  }
  return duplicates;
}
