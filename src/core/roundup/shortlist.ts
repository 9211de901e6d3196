/**
 * The shortlist: entries an editor stars over several days before writing the post. Plain data
 * (the extension keeps it per workspace); each item holds the whole entry, so a starred entry stays
 * on the shortlist after it has left the feed or the lookback window.
 */
import { sortOldestFirst } from '../feeds/filter';
import type { FeedEntry } from '../feeds/types';
import { entryLinkKeys, isIncluded } from '../markdown';

export interface ShortlistItem {
  entry: FeedEntry;
  /** ISO time the entry was starred. */
  starredAt: string;
}

/** `roundup.shortlist.order`: the order "Insert shortlist" and "Draft from shortlist" use. */
export type ShortlistOrder = 'starred' | 'oldest';
export const SHORTLIST_ORDERS: readonly ShortlistOrder[] = ['starred', 'oldest'];

const ENTRY_FIELDS = ['id', 'feed', 'title', 'author', 'link', 'published', 'summaryHtml'] as const;

/** The saved shortlist, validated: items that are not entries are dropped, the rest kept in order. */
export function parseShortlist(value: unknown): ShortlistItem[] {
  if (!Array.isArray(value)) return [];
  const items: ShortlistItem[] = [];
  for (const raw of value) {
    if (!raw || typeof raw !== 'object') continue;
    const { entry, starredAt } = raw as { entry?: Record<string, unknown>; starredAt?: unknown };
    if (!entry || typeof entry !== 'object') continue;
    if (!ENTRY_FIELDS.every((f) => typeof entry[f] === 'string')) continue;
    const clean = Object.fromEntries(ENTRY_FIELDS.map((f) => [f, entry[f] as string])) as unknown as FeedEntry;
    if (!clean.id && !clean.link) continue;
    items.push({ entry: clean, starredAt: typeof starredAt === 'string' ? starredAt : '' });
  }
  return dedupe(items);
}

/** Whether two entries are the same one: the same id, or a shared link key. */
function sameEntry(a: FeedEntry, b: FeedEntry): boolean {
  if (a.id && a.id === b.id) return true;
  const keys = new Set(entryLinkKeys(a));
  return entryLinkKeys(b).some((k) => keys.has(k));
}

function dedupe(items: readonly ShortlistItem[]): ShortlistItem[] {
  const kept: ShortlistItem[] = [];
  for (const item of items) if (!kept.some((k) => sameEntry(k.entry, item.entry))) kept.push(item);
  return kept;
}

export function isShortlisted(items: readonly ShortlistItem[], entry: FeedEntry): boolean {
  return items.some((i) => sameEntry(i.entry, entry));
}

/** The shortlist with `entries` added at the end (those already on it keep their place). */
export function addToShortlist(
  items: readonly ShortlistItem[],
  entries: readonly FeedEntry[],
  now: Date,
): ShortlistItem[] {
  const added = entries.map((entry) => ({ entry, starredAt: now.toISOString() }));
  return dedupe([...items, ...added]);
}

/** The shortlist without `entries`. */
export function removeFromShortlist(items: readonly ShortlistItem[], entries: readonly FeedEntry[]): ShortlistItem[] {
  return items.filter((i) => !entries.some((e) => sameEntry(i.entry, e)));
}

/** The shortlisted entries in the order asked: as starred, or oldest published first. */
export function shortlistEntries(items: readonly ShortlistItem[], order: ShortlistOrder): FeedEntry[] {
  const entries = items.map((i) => i.entry);
  return order === 'oldest' ? sortOldestFirst(entries) : entries;
}

/** The shortlisted entries a post (its link set, from extractLinkSet) already links to. */
export function shortlistedInPost(items: readonly ShortlistItem[], links: ReadonlySet<string>): FeedEntry[] {
  return items.filter((i) => isIncluded(i.entry, links)).map((i) => i.entry);
}
