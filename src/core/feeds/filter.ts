// Choosing and ordering entries for display: lookback window, newest first, the badge count, and the
// view's text filter. Times come in as arguments; nothing here reads the clock.

import type { FeedEntry } from './types';
import { sortNewestFirst } from './cache';

export { sortNewestFirst };

const DAY_MS = 24 * 60 * 60 * 1000;

function timeOf(value: Date | number | string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

function publishedMs(entry: FeedEntry): number {
  return entry.published ? Date.parse(entry.published) : NaN;
}

export interface LookbackOptions {
  /** Keep entries without a (readable) date. Default true: their age is unknown, not old. */
  keepUndated?: boolean;
}

/**
 * Entries published within `lookbackDays` days before `now` (or later). A lookbackDays of 0, a
 * negative one or a non-number means no limit.
 */
export function withinLookback(
  entries: readonly FeedEntry[],
  lookbackDays: number,
  now: Date | number,
  options: LookbackOptions = {},
): FeedEntry[] {
  if (!Number.isFinite(lookbackDays) || lookbackDays <= 0) return [...entries];
  const keepUndated = options.keepUndated ?? true;
  const cutoff = timeOf(now) - lookbackDays * DAY_MS;
  return entries.filter((e) => {
    const t = publishedMs(e);
    return Number.isFinite(t) ? t >= cutoff : keepUndated;
  });
}

/** Entries published strictly after `since` (entries without a date are not counted as new). */
export function entriesNewerThan(entries: readonly FeedEntry[], since: Date | number | string): FeedEntry[] {
  const t0 = timeOf(since);
  if (!Number.isFinite(t0)) return entries.filter((e) => Number.isFinite(publishedMs(e)));
  return entries.filter((e) => publishedMs(e) > t0);
}

/** How many entries are newer than `since`: the badge number. */
export function countNewerThan(entries: readonly FeedEntry[], since: Date | number | string): number {
  return entriesNewerThan(entries, since).length;
}

/** Lower-cased, accents removed: "Café" and "CAFE" compare equal. */
export function foldText(text: string): string {
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
