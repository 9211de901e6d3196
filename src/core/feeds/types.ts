/** One entry of a feed, normalized: plain data shared by the sidebar, the quick pick, the formatter and the CLI. */
export interface FeedEntry {
  /** Stable id: guid, Atom id, else the link. */
  id: string;
  /** The feed's display name (configured name, else the feed's title, else its URL). Plain text. */
  feed: string;
  /** Plain text: the parser has decoded entities and dropped markup (`&lt;video&gt;` is the text `<video>`). */
  title: string;
  /** Entry author, else the feed's author, else the configured author; '' when none is known. Plain text. */
  author: string;
  /** Absolute link; '' when the entry has none. */
  link: string;
  /** Published (else updated) time as an ISO 8601 string in UTC; '' when unknown or unparseable. */
  published: string;
  /** Summary or content HTML as the feed gives it. */
  summaryHtml: string;
}

/** Title shown for an entry without one. */
export const UNTITLED = '(untitled)';

const ENTRY_KEYS: readonly (keyof FeedEntry)[] = ['id', 'feed', 'title', 'author', 'link', 'published', 'summaryHtml'];

/** Is `v` shaped like a FeedEntry (every field a string)? Data read back from a file is checked this way. */
export function isFeedEntry(v: unknown): v is FeedEntry {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return ENTRY_KEYS.every((k) => typeof o[k] === 'string');
}

/** A FeedEntry with exactly the FeedEntry fields of `entry` (anything else it carries is left behind). */
export function copyFeedEntry(entry: FeedEntry): FeedEntry {
  const copy: FeedEntry = { id: '', feed: '', title: '', author: '', link: '', published: '', summaryHtml: '' };
  for (const k of ENTRY_KEYS) copy[k] = entry[k];
  return copy;
}

/** A configured feed: its address, and optionally a display name and a stand-in author. */
export interface FeedSource {
  /** http(s) URL, file: URL or local path. */
  url: string;
  /** Display name; default: the feed's title, else the URL. */
  name?: string;
  /** Author for entries of feeds that name none. */
  author?: string;
}

/**
 * The URL of a `roundup.feeds` item as the user wrote it: a URL string or an object with a string `url`;
 * undefined for anything else. The one reading of an item's shape (settings, edits of the list).
 */
export function feedItemUrl(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  const url = item && typeof item === 'object' ? (item as { url?: unknown }).url : undefined;
  if (typeof url === 'string') return url;
  return undefined;
}

/**
 * A `roundup.feeds` item as a FeedSource: the URL trimmed, a non-empty string `name` and `author` kept,
 * other fields dropped; undefined when the item has no URL.
 */
export function feedSourceOf(item: unknown): FeedSource | undefined {
  const url = feedItemUrl(item)?.trim();
  if (!url) return undefined;
  const o = typeof item === 'object' ? (item as { name?: unknown; author?: unknown }) : {};
  return {
    url,
    ...(typeof o.name === 'string' && o.name ? { name: o.name } : {}),
    ...(typeof o.author === 'string' && o.author ? { author: o.author } : {}),
  };
}

/** The kinds of XML feed read (a JSON Feed is read apart, see jsonFeed.ts). */
export type FeedFormat = 'rss0.9' | 'rss1' | 'rss2' | 'atom';

/** The document is not a feed we can read; the message starts with "Not an RSS, Atom or JSON feed: ". */
export class FeedParseError extends Error {
  constructor(reason: string) {
    super(`Not an RSS, Atom or JSON feed: ${reason}`);
    this.name = 'FeedParseError';
  }
}
