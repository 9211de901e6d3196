/**
 * The links a text holds, handed out as values: every occurrence as an object, the set of their keys,
 * and whether a feed entry is among them.
 */
import { isSafeUrl } from '../base/urls';
import { normalizeLink } from './keys';
import { type LinkKind, scanLinkTable } from './scan';

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

/** A link as {@link scanLinks} hands it out; its key is made when first asked for. */
class Occurrence implements LinkOccurrence {
  readonly end: number;
  private normalized: string | undefined;

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

/** Every link target of a markdown text (see scan.ts), in order of appearance (of the whole construct). */
export function scanLinks(text: string): readonly LinkOccurrence[] {
  const links = scanLinkTable(text);
  const out: LinkOccurrence[] = [];
  for (let i = 0; i < links.count; i++) {
    out.push(new Occurrence(links.kindOf(i), links.url(i), links.start(i), links.matchStart(i), links.matchEnd(i)));
  }
  return out;
}

/** What a feed entry is found by: its link, and its id (a permalink guid when it is an http(s) URL). */
export interface LinkedEntry {
  link: string;
  id: string;
}

/** The comparison keys ({@link normalizeLink}) of every link in the text (images excluded), found in one pass. */
export function extractLinkSet(text: string): Set<string> {
  const set = new Set<string>();
  const links = scanLinkTable(text);
  for (let i = 0; i < links.count; i++) {
    if (links.isImage(i)) continue;
    const key = normalizeLink(links.url(i));
    if (key) set.add(key);
  }
  return set;
}

/** The keys an entry can be found under: its link, and its id when that is an http(s) URL (a permalink guid). */
export function entryLinkKeys(entry: LinkedEntry): string[] {
  const keys: string[] = [];
  if (entry.link.trim()) keys.push(normalizeLink(entry.link));
  if (isSafeUrl(entry.id)) keys.push(normalizeLink(entry.id));
  return keys;
}

/** True when the text (as a set from {@link extractLinkSet}) already links to the entry. */
export function isIncluded(entry: LinkedEntry, linkSet: ReadonlySet<string>): boolean {
  return entryLinkKeys(entry).some((key) => linkSet.has(key));
}

/** Do two sets from {@link extractLinkSet} hold the same links (an edit that moved no link leaves the marks)? */
export function sameLinks(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a) if (!b.has(key)) return false;
  return true;
}
