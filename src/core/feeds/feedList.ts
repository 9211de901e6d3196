// Edits of the `roundup.feeds` setting value as the user wrote it (URL strings or { url, name, author }
// objects): add, rename and remove keep every other item exactly as it was.

import { feedUrlKey } from './opml';
import { feedItemUrl } from './types';

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
