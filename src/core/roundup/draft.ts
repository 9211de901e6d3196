/**
 * Drafting: which entries go into a new post, merged from several feeds, and the text of the post.
 * Shared by the extension ("Draft from new entries") and the CLI (`roundup draft`). Times are passed in.
 */
import { MONTH_NAMES, shortUtc } from '../base/utc';
import type { FeedEntry } from '../feeds/types';
import { FEED_DEFAULTS } from '../feeds/defaults';
import { publishedTime } from '../feeds/filter';
import { entryLinkKeys, isIncluded } from '../markdown';
import { entriesInRange, newestPost, newPostFrontMatter, newPostText, type NewPost, type PostInfo } from './post';
import type { PostShape } from './postShape';
import { isRoundup } from './postsFolder';

/**
 * The entries of several feeds as one list, in feed order. An entry whose link (or permalink id) an
 * entry of another feed already has is left out: a planet and the blog it aggregates list the same
 * post, and a roundup holds it once. Two entries of one feed (one list, and one feed name within it)
 * with the same link are both kept: they are two entries (a feed of short notes that all link to the
 * blog's front page).
 */
export function mergeFeedEntries<T extends FeedEntry>(lists: Iterable<readonly T[]>): T[] {
  /** Link key -> the feed that had it first. */
  const seen = new Map<string, string>();
  const merged: T[] = [];
  let index = 0;
  for (const list of lists) {
    for (const entry of list) {
      const origin = `${index}\n${entry.feed}`;
      const keys = entryLinkKeys(entry);
      if (keys.some((k) => seen.has(k) && seen.get(k) !== origin)) continue;
      for (const k of keys) if (!seen.has(k)) seen.set(k, origin);
      merged.push(entry);
    }
    index++;
  }
  return merged;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DraftStart<P extends PostInfo = PostInfo> {
  /** Entries published at this time or later go into the draft. */
  since: Date;
  /** The newest published roundup, when its date set `since`. */
  post?: P;
  /** The days looked back, when no roundup set `since`. */
  lookbackDays?: number;
}

/** A post with its text, for telling whether it is a roundup ({@link isRoundup}). */
export type PostWithText = PostInfo & { text: string };

/**
 * The newest published roundup of `posts` and its date ({@link isRoundup}: a post that holds entry blocks
 * in the blog's wording, not `published: false`; {@link newestPost}: by front matter `date:`, else the
 * file name's day). Undefined when none is.
 */
export function newestRoundup<P extends PostWithText>(posts: Iterable<P>): { post: P; date: Date } | undefined {
  return newestPost([...posts].filter((p) => isRoundup(p.text)));
}

/**
 * Where a draft starts: at the date of the newest published roundup ({@link newestRoundup}), or, with
 * none, `lookbackDays` before `now`.
 */
export function draftStart<P extends PostWithText>(posts: Iterable<P>, now: Date, lookbackDays: number): DraftStart<P> {
  const newest = newestRoundup(posts);
  if (newest) return { since: newest.date, post: newest.post };
  const days = Number.isFinite(lookbackDays) && lookbackDays > 0 ? lookbackDays : FEED_DEFAULTS.lookbackDays;
  return { since: new Date(now.getTime() - days * DAY_MS), lookbackDays: days };
}

/**
 * Where a draft started, in words for its message: `since the last roundup, 2016-05-17-rdo.html.md
 * (dated 2016-05-17 17:18 UTC)`, `since 2016-04-17 17:18 UTC (no roundup yet: the last 30 days)`, or
 * `since 2016-05-05 00:00 UTC` (a day chosen). `name` gives the post's name (its file name by default).
 */
export function draftStartWords<P extends PostInfo>(
  start: DraftStart<P>,
  name: (post: P) => string = (p) => p.fileName,
): string {
  const since = shortUtc(start.since);
  if (start.post) return `since the last roundup, ${name(start.post)} (dated ${since})`;
  if (start.lookbackDays !== undefined) return `since ${since} (no roundup yet: the last ${start.lookbackDays} days)`;
  return `since ${since}`;
}

/** Has the entry no (readable) date? Its age is unknown, not old: drafts keep it, after the dated entries. */
export function isUndated(entry: FeedEntry): boolean {
  return Number.isNaN(publishedTime(entry));
}

/**
 * The entries of a list that a draft holds, for "Draft from new entries" and `roundup draft` alike:
 * those published in [since, until] ({@link entriesInRange}: both inclusive, either optional) and
 * the undated ones ({@link isUndated}). In the given order.
 */
export function entriesForDraft<T extends FeedEntry>(entries: readonly T[], since?: Date, until?: Date): T[] {
  const inRange = new Set(entriesInRange(entries, since, until));
  return entries.filter((e) => inRange.has(e) || isUndated(e));
}

/**
 * The entries of a draft: published at `since` or later, or undated ({@link entriesForDraft}); not
 * already linked from `alreadyLinked` (the link set of the newest post: its day's entries may be in
 * it), without repeated links. In the given order; the formatter sorts them oldest first, undated
 * ones last.
 */
export function draftEntries<T extends FeedEntry>(
  entries: readonly T[],
  since: Date,
  alreadyLinked: ReadonlySet<string> = new Set(),
): T[] {
  return mergeFeedEntries([entriesForDraft(entries, since).filter((e) => !isIncluded(e, alreadyLinked))]);
}

/** The title offered for a draft: `Blog roundup, May 17, 2016` (UTC). */
export function draftTitle(now: Date): string {
  return `Blog roundup, ${MONTH_NAMES[now.getUTCMonth()]} ${now.getUTCDate()}, ${now.getUTCFullYear()}`;
}

export interface PostText {
  text: string;
  /**
   * Where the cursor goes: the start of the body (an empty line, with a blank line on each side when blocks
   * follow).
   */
  cursor: number;
}

/**
 * A new post with `blocks` (formatted entries) as its body, and where the writer starts typing: an
 * empty line between the front matter and the blocks, with a blank line on either side, so the
 * introduction they type is a paragraph of its own. Without blocks: {@link newPostText}, cursor at the end.
 * The front matter in the blog's shape (./postShape.ts), the model's by default.
 */
export function draftPostText(post: NewPost, blocks: string, shape?: PostShape): PostText {
  const body = blocks.replace(/^\s*\n/, '').replace(/\s+$/, '');
  if (!body) {
    const text = newPostText(post, '', shape);
    return { text, cursor: text.length };
  }
  const frontMatter = newPostFrontMatter(post, shape);
  return { text: `${frontMatter}\n\n\n${body}\n`, cursor: frontMatter.length + 1 };
}
