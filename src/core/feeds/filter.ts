// Choosing and ordering entries: their published time, lookback window, newest or oldest first, and
// the view's text filter. Times come in as arguments; nothing here reads the clock.

import type { FeedEntry } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function timeOf(value: Date | number | string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

/** An entry's published time in milliseconds since the epoch; NaN when it has none or it does not read. */
export function publishedTime(entry: Pick<FeedEntry, 'published'>): number {
  return entry.published ? Date.parse(entry.published) : NaN;
}

function sortByPublished<T extends FeedEntry>(entries: readonly T[], direction: 1 | -1): T[] {
  return entries
    .map((entry, index) => ({ entry, index, time: publishedTime(entry) }))
    .sort((a, b) => {
      const an = Number.isNaN(a.time);
      const bn = Number.isNaN(b.time);
      if (an !== bn) return an ? 1 : -1;
      if (!an && a.time !== b.time) return direction * (a.time - b.time);
      return a.index - b.index;
    })
    .map((x) => x.entry);
}

/** Newest first (the sidebar, the quick pick, the cache); entries without a date last, in their order. */
export function sortNewestFirst<T extends FeedEntry>(entries: readonly T[]): T[] {
  return sortByPublished(entries, -1);
}

/** Oldest first (the blocks of a post); equal times keep their order; entries without a date last, in their order. */
export function sortOldestFirst<T extends FeedEntry>(entries: readonly T[]): T[] {
  return sortByPublished(entries, 1);
}

export interface LookbackOptions {
  /** Keep entries without a (readable) date. Default true: their age is unknown, not old. */
  keepUndated?: boolean;
}

/**
 * Entries published within `lookbackDays` days before `now` (or later). A lookbackDays of 0, a
 * negative one or a non-number means no limit.
 */
export function withinLookback<T extends FeedEntry>(
  entries: readonly T[],
  lookbackDays: number,
  now: Date | number,
  options: LookbackOptions = {},
): T[] {
  if (!Number.isFinite(lookbackDays) || lookbackDays <= 0) return [...entries];
  const keepUndated = options.keepUndated ?? true;
  const cutoff = timeOf(now) - lookbackDays * DAY_MS;
  return entries.filter((e) => {
    const t = publishedTime(e);
    return Number.isFinite(t) ? t >= cutoff : keepUndated;
  });
}

/** How many entries the lookback shows and how many older ones it hides. */
export interface LookbackCount {
  shown: number;
  hidden: number;
}

/** Counts what {@link withinLookback} keeps (undated entries count as shown) and what it hides. */
export function countLookback(
  entries: readonly Pick<FeedEntry, 'published'>[],
  lookbackDays: number,
  now: Date | number,
): LookbackCount {
  if (!Number.isFinite(lookbackDays) || lookbackDays <= 0) return { shown: entries.length, hidden: 0 };
  const cutoff = timeOf(now) - lookbackDays * DAY_MS;
  const hidden = entries.filter((e) => publishedTime(e) < cutoff).length;
  return { shown: entries.length - hidden, hidden };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a feed's entries come to under the lookback, in words for a message: `8 entries`, or
 * `2 entries in the last 30 days, 6 older hidden`, or `no entries in the last 30 days, 8 older hidden`.
 */
export function lookbackSummary(count: LookbackCount, lookbackDays: number): string {
  if (count.hidden === 0) return plural(count.shown, 'entry', 'entries');
  const shown = count.shown === 0 ? 'no entries' : plural(count.shown, 'entry', 'entries');
  return `${shown} in the last ${plural(lookbackDays, 'day', 'days')}, ${count.hidden} older hidden`;
}

/** Lower-cased, accents removed: "Café" and "CAFE" compare equal. */
function foldText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Entries whose title, author or feed name contain every word of `query`, ignoring case and
 * accents. An empty query keeps everything.
 */
export function filterByText(entries: readonly FeedEntry[], query: string): FeedEntry[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const haystack = foldText(`${e.title}\n${e.author}\n${e.feed}`);
    return words.every((w) => haystack.includes(w));
  });
}
