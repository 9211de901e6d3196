// The sidebar's model, apart from VS Code: which rows a feed has (its entries within the lookback and
// the filter, with labels that tell alike titles apart; its messages and actions), what an entry's row
// says, which feeds open expanded, and the count of entries not seen yet, kept per feed so that a change
// to one feed costs that feed's entries, not every entry. The view (src/extension/feedsView.ts) and the
// scale bench drive the same code.

import { countWindow, filterByText, withinWindow } from '../feeds/filter';
import type { FeedState } from '../feeds/store';
import type { FeedEntry } from '../feeds/types';
import { distinguishingLabels, entryDescription } from './display';

export type FeedNode = { kind: 'feed'; url: string };
/**
 * `label`: the title as shown, its distinguishing end kept in reach (the tooltip has it whole);
 * `shortlisted`: a row of the Shortlist group (the same entry also shows under its feed).
 */
export type EntryNode = { kind: 'entry'; entry: FeedEntry; feedUrl: string; label?: string; shortlisted?: boolean };
export type MessageNode = { kind: 'message'; feedUrl: string; text: string; retry: boolean; hidden?: number };
/** A row under a feed whose entries are all older than the lookback: show them, or change the lookback. */
export type ActionNode = { kind: 'action'; feedUrl: string; action: 'showOlder' | 'changeLookback'; hidden: number };
export type ShortlistNode = { kind: 'shortlist' };
export type SidebarNode = FeedNode | EntryNode | MessageNode | ActionNode | ShortlistNode;

/** Feeds shown expanded the first time the view shows them; the others start collapsed. */
export const EXPANDED_FEEDS = 5;

/** What decides which entries of a feed show. */
export interface RowOptions {
  /** The window's start (roundup/window.ts): older entries are hidden; undefined: none is. */
  since: Date | undefined;
  /** The window in a few words, after "No entries" (`since the last roundup`, `from the last 30 days`). */
  windowWords: string;
  /** The view's text filter ('' for none). */
  filter: string;
  /** The feed's older entries are shown too ("Show older entries"). */
  showOlder: boolean;
}

/** The entries of a feed the view shows: within the lookback (unless older ones are asked for) and the filter. */
export function visibleEntries(feed: FeedState, options: RowOptions): FeedEntry[] {
  const recent = options.showOlder ? feed.entries : withinWindow(feed.entries, options.since);
  return options.filter ? filterByText(recent, options.filter) : recent;
}

/** How many of a feed's entries the view shows ({@link visibleEntries}), counted without listing them. */
export function visibleCount(feed: FeedState, options: RowOptions): number {
  if (options.filter) return visibleEntries(feed, options).length;
  return options.showOlder ? feed.entries.length : countWindow(feed.entries, options.since).shown;
}

/**
 * A feed's rows: a Retry row first when its last refresh failed, its entries newest first, or when
 * none shows, a message saying why (with Show older entries and Change lookback when the lookback hides
 * some).
 */
export function feedChildren(feed: FeedState, options: RowOptions): SidebarNode[] {
  const feedUrl = feed.source.url;
  const visible = visibleEntries(feed, options);
  const labels = distinguishingLabels(visible.map((e) => e.title));
  const rows: SidebarNode[] = visible.map((entry, i) => ({ kind: 'entry', entry, feedUrl, label: labels[i] }));
  if (feed.error) {
    const text = rows.length ? 'the entries below are from the last successful refresh' : '';
    rows.unshift({ kind: 'message', feedUrl, text, retry: true });
  } else if (rows.length === 0 && !feed.refreshing) {
    const text = feed.fetchedAt ? `No entries ${options.windowWords}` : 'Not fetched yet';
    const hidden = options.filter ? 0 : countWindow(feed.entries, options.since).hidden;
    rows.push({ kind: 'message', feedUrl, text, retry: false, hidden });
    if (hidden > 0) {
      rows.push({ kind: 'action', feedUrl, action: 'showOlder', hidden });
      rows.push({ kind: 'action', feedUrl, action: 'changeLookback', hidden });
    }
  }
  return rows;
}

/** What marks an entry's row. */
export interface EntryMarks {
  /** The open post links to it. */
  included: boolean;
  /** It is on the shortlist. */
  starred: boolean;
}

/**
 * An entry row's description: `3 days ago · author`, then (in the Shortlist group) its feed, then its
 * marks (` · in this post`, ` · shortlisted`). Further marks are added at the end, the same way.
 */
export function entryRowDescription(node: EntryNode, marks: EntryMarks, now: Date): string {
  const { entry } = node;
  const feed = node.shortlisted && entry.feed ? ` · ${entry.feed}` : '';
  const included = marks.included ? ' · in this post' : '';
  const starred = marks.starred && !node.shortlisted ? ' · shortlisted' : '';
  const suffix = included + starred;
  return entryDescription(entry, now) + feed + suffix;
}

/**
 * Entries not seen in the view, counted per feed: a change to some feeds recounts those only. Entries
 * count within the lookback; `see` marks a feed's entries seen while the view shows them.
 */
export class UnseenCounter {
  private readonly seen: Set<string>;
  private readonly perFeed = new Map<string, { state: FeedState; unseen: number }>();
  private totalValue = 0;

  constructor(seenIds: Iterable<string>) {
    this.seen = new Set(seenIds);
  }

  /** Entries not seen yet, over the feeds last counted. */
  get total(): number {
    return this.totalValue;
  }

  /**
   * Counts these feeds again (each only when its state changed); `all` true: they are every feed (each
   * counted again, the others dropped).
   */
  count(feeds: readonly FeedState[], since: Date | undefined, all = false): void {
    if (all) {
      const keep = new Set(feeds.map((f) => f.source.url));
      for (const url of [...this.perFeed.keys()]) if (!keep.has(url)) this.drop(url);
    }
    for (const feed of feeds) {
      const known = this.perFeed.get(feed.source.url);
      if (known && known.state === feed && !all) continue;
      const unseen = withinWindow(feed.entries, since).filter((e) => !this.seen.has(e.id)).length;
      this.totalValue += unseen - (known?.unseen ?? 0);
      this.perFeed.set(feed.source.url, { state: feed, unseen });
    }
  }

  /** Marks the entries within the lookback of these feeds seen; true when any was not seen before. */
  see(feeds: readonly FeedState[], since: Date | undefined): boolean {
    let any = false;
    for (const feed of feeds) {
      for (const e of withinWindow(feed.entries, since)) {
        if (!this.seen.has(e.id)) {
          this.seen.add(e.id);
          any = true;
        }
      }
      const known = this.perFeed.get(feed.source.url);
      if (known) this.totalValue -= known.unseen;
      this.perFeed.set(feed.source.url, { state: feed, unseen: 0 });
    }
    return any;
  }

  /** The ids worth remembering: the seen entries of the feeds counted (so the list does not grow forever). */
  seenIds(): string[] {
    const ids: string[] = [];
    for (const { state } of this.perFeed.values()) {
      for (const e of state.entries) if (this.seen.has(e.id)) ids.push(e.id);
    }
    return ids;
  }

  private drop(url: string): void {
    this.totalValue -= this.perFeed.get(url)?.unseen ?? 0;
    this.perFeed.delete(url);
  }
}
