// What the commands are given: an entry, a Feeds view row holding one (`{ entry }`), a feed row
// (`{ kind: 'feed', url }`), a row under a feed (`{ feedUrl }`), a URL, or lists of these. Plain data
// readers, so that the extension's glue only passes arguments on.

import type { FeedEntry } from './types';

const FIELDS = ['id', 'feed', 'title', 'author', 'link', 'published', 'summaryHtml'] as const;

/** A FeedEntry out of a command argument: the entry itself or a row holding it; missing text fields become ''. */
export function entryOf(arg: unknown): FeedEntry | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const candidate = (('entry' in arg ? (arg as { entry: unknown }).entry : arg) ?? {}) as Record<string, unknown>;
  if (typeof candidate !== 'object' || (typeof candidate.title !== 'string' && typeof candidate.link !== 'string')) {
    return undefined;
  }
  const entry = {} as Record<(typeof FIELDS)[number], string>;
  for (const f of FIELDS) entry[f] = typeof candidate[f] === 'string' ? (candidate[f] as string) : '';
  if (!entry.id) entry.id = entry.link;
  return entry;
}

/**
 * The entries a command acts on: a tree view passes the clicked row and the selected rows (when
 * several are selected and the clicked one is among them, all of them); a caller may pass a list.
 */
export function entriesOf(arg: unknown, selected?: unknown): FeedEntry[] {
  if (Array.isArray(arg)) return arg.map(entryOf).filter((e): e is FeedEntry => e !== undefined);
  const one = entryOf(arg);
  if (Array.isArray(selected) && selected.length > 1 && (!one || selected.includes(arg))) {
    return selected.map(entryOf).filter((e): e is FeedEntry => e !== undefined);
  }
  return one ? [one] : [];
}

/** The feed a command argument names: a URL, a feed row, or a row under a feed (the Retry row). */
export function feedUrlOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { kind?: unknown; url?: unknown; feedUrl?: unknown };
  if (o.kind === 'feed') return o.url as string;
  if (typeof o.feedUrl === 'string') return o.feedUrl;
  return undefined;
}

/**
 * Why what the user typed into "Add feed" cannot be a feed address, or undefined when it may be one:
 * an http(s) or file: URL, a relative path, or a feed file name (`planet.xml`).
 */
export function addressProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Enter an address';
  if (/^(https?:\/\/|file:|\.{0,2}\/|[\w.-]+\.(xml|rss|atom|json)$)/i.test(v) || HOST.test(v)) return undefined;
  return 'Enter an http(s) address, or a feed file in the workspace';
}

/**
 * The start of an address typed without its scheme: a host name with a dot, an IPv4 address or
 * `localhost`, an optional port, then the end or a `/` (`blog.example.org/feed`, `localhost:4000/feed.xml`);
 * not a file name such as `planet.xml`, which is a feed file of the workspace.
 */
const HOST = new RegExp(
  '^(?:localhost|\\d{1,3}(?:\\.\\d{1,3}){3}|(?:[a-z0-9-]+\\.)+' +
    // The last label is a top-level domain, not a file's extension.
    '(?!(?:xml|rss|atom|json|opml|ya?ml|toml|md|markdown|txt|html?)(?:[:/]|$))[a-z][a-z0-9-]*)' +
    '(?::\\d+)?(?:/|$)',
  'i',
);

/**
 * The addresses "Add feed" tries for what the user typed, in order: an address without a scheme as
 * https, then http (as a browser does); anything else as it is.
 */
export function addressesToTry(value: string): string[] {
  const v = value.trim();
  return HOST.test(v) ? [`https://${v}`, `http://${v}`] : [v];
}

/**
 * What "Add feed" says when an address fails, naming the address once: the reason often names it
 * already (`http://x/page.html is a web page ...`).
 */
export function addFailureMessage(address: string, reason: string): string {
  const named = address.trim();
  if (named && reason.includes(named)) return `Roundup could not add the feed: ${reason}`;
  return `Roundup could not add ${named}: ${reason}`;
}
