// Edits of the `roundup.feeds` setting value as the user wrote it (URL strings or { url, name, author }
// objects): add, rename and remove keep every other item exactly as it was.

import type { DiscoveredFeed } from './discover';
import { feedItemUrl } from './types';

/**
 * A form of a feed URL for spotting duplicates: scheme and host lower-cased, default port and
 * fragment dropped; the path and query are kept as written.
 */
export function feedUrlKey(url: string): string {
  const s = url.trim();
  try {
    const u = new URL(s);
    u.hash = '';
    return u.href;
  } catch {
    return s;
  }
}

/** Does the list already hold this URL (compared as feed URLs: scheme/host case, fragment ignored)? */
export function hasFeed(list: readonly unknown[], url: string): boolean {
  const key = feedUrlKey(url);
  return list.some((item) => {
    const u = feedItemUrl(item);
    return u !== undefined && feedUrlKey(u) === key;
  });
}

/** The list with the feed appended (a plain URL string when it has no name), unless it is there already. */
export function addFeed(list: readonly unknown[], feed: { url: string; name?: string }): unknown[] {
  if (hasFeed(list, feed.url)) return [...list];
  return [...list, feed.name ? { url: feed.url, name: feed.name } : feed.url];
}

/** The list with the feed's name set (a URL string becomes `{ url, name }`; an empty name removes it). */
export function renameFeed(list: readonly unknown[], url: string, name: string): unknown[] {
  const key = feedUrlKey(url);
  return list.map((item) => {
    const u = feedItemUrl(item);
    if (u === undefined || feedUrlKey(u) !== key) return item;
    const rest = typeof item === 'string' ? { url: item } : { ...(item as object), url: u };
    const { name: _old, ...others } = rest as { name?: string; url: string };
    const renamed = name.trim() ? { ...others, name: name.trim() } : others;
    return Object.keys(renamed).length === 1 ? renamed.url : renamed;
  });
}

/** The list without the feed. */
export function removeFeed(list: readonly unknown[], url: string): unknown[] {
  const key = feedUrlKey(url);
  return list.filter((item) => {
    const u = feedItemUrl(item);
    return u === undefined || feedUrlKey(u) !== key;
  });
}

/**
 * The list with the feed's URL changed to `to` (a moved feed, or the feed a page links to); its
 * name and author stay. If `to` is in the list already, the old item is dropped instead.
 */
export function replaceFeedUrl(list: readonly unknown[], url: string, to: string): unknown[] {
  if (hasFeed(list, to)) return removeFeed(list, url);
  const key = feedUrlKey(url);
  return list.map((item) => {
    const u = feedItemUrl(item);
    if (u === undefined || feedUrlKey(u) !== key) return item;
    return typeof item === 'string' ? to : { ...(item as object), url: to };
  });
}

/** A feed a page links to, and whether `roundup.feeds` already follows it. */
export interface DiscoveryChoice {
  feed: DiscoveredFeed;
  followed: boolean;
}

/** The feeds of a page, each marked when `roundup.feeds` (the merged list) already has it. */
export function discoveryChoices(
  feeds: readonly DiscoveredFeed[],
  following: readonly unknown[],
): DiscoveryChoice[] {
  return feeds.map((feed) => ({ feed, followed: hasFeed(following, feed.url) }));
}
