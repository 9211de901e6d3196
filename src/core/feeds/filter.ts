// Choosing and ordering entries: their published time, the window of entries shown, newest or oldest first, and
// the view's text filter. Times come in as arguments; nothing here reads the clock.

import type { FeedEntry } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function timeOf(value: Date | number | string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

/** The decimal number the digits of `s` in [from, to) write; NaN when one is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `Date.parse(s)`, read faster for the one form the feed parser stores dates in (`toISOString`:
 * `2016-05-17T17:18:56.000Z`); any other text, or a field out of its range, goes to `Date.parse`.
 */
function isoTime(s: string): number {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' ||
    s[19] !== '.' || s[23] !== 'Z') return Date.parse(s);
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  const hour = digitsAt(s, 11, 13);
  const minute = digitsAt(s, 14, 16);
  const second = digitsAt(s, 17, 19);
  const ms = digitsAt(s, 20, 23);
  // (Date.UTC reads years 0-99 as 1900-1999, and a NaN fails every comparison.)
  const plain = year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 &&
    minute <= 59 && second <= 59 && ms >= 0;
  return plain ? Date.UTC(year, month - 1, day, hour, minute, second, ms) : Date.parse(s);
}

/** An entry's published time in milliseconds since the epoch; NaN when it has none or it does not read. */
export function publishedTime(entry: Pick<FeedEntry, 'published'>): number {
  return entry.published ? isoTime(entry.published) : NaN;
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

export interface WindowOptions {
  /** Keep entries without a (readable) date. Default true: their age is unknown, not old. */
  keepUndated?: boolean;
}

/**
 * Entries published at `since` or later (the window of entries shown; undefined: no limit). Entries
 * without a date are kept unless `keepUndated` is false.
 */
export function withinWindow<T extends FeedEntry>(
  entries: readonly T[],
  since: Date | number | undefined,
  options: WindowOptions = {},
): T[] {
  if (since === undefined) return [...entries];
  const keepUndated = options.keepUndated ?? true;
  const cutoff = timeOf(since);
  return entries.filter((e) => {
    const t = publishedTime(e);
    return Number.isFinite(t) ? t >= cutoff : keepUndated;
  });
}

/** The start of a window of `days` days before `now`; undefined (no limit) for 0, a negative or a non-number. */
export function daysBefore(now: Date | number, days: number): Date | undefined {
  if (!Number.isFinite(days) || days <= 0) return undefined;
  return new Date(timeOf(now) - days * DAY_MS);
}

/** How many entries the window shows and how many older ones it hides. */
export interface LookbackCount {
  shown: number;
  hidden: number;
}

/** Counts what {@link withinWindow} keeps (undated entries count as shown) and what it hides. */
export function countWindow(
  entries: readonly Pick<FeedEntry, 'published'>[],
  since: Date | number | undefined,
): LookbackCount {
  if (since === undefined) return { shown: entries.length, hidden: 0 };
  const cutoff = timeOf(since);
  let hidden = 0;
  for (const entry of entries) if (publishedTime(entry) < cutoff) hidden++;
  return { shown: entries.length - hidden, hidden };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a feed's entries come to under the window, in words for a message: `8 entries`, or
 * `2 entries since the last roundup, 6 older hidden`, or `no entries from the last 30 days, 8 older
 * hidden`. `window`: the window in words (`from the last 30 days`, see roundup/window.ts).
 */
export function lookbackSummary(count: LookbackCount, window: string): string {
  if (count.hidden === 0) return plural(count.shown, 'entry', 'entries');
  const shown = count.shown === 0 ? 'no entries' : plural(count.shown, 'entry', 'entries');
  return `${shown} ${window}, ${count.hidden} older hidden`;
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
