/**
 * What the extension does with the store, outside VS Code, for the scale bench: the sidebar's work on
 * each change (its badge, the rows VS Code asks for again), its first showing, the quick pick's opening,
 * and how the cache is saved. The sidebar's part is the core model src/extension/feedsView.ts drives
 * (src/core/roundup/sidebar.ts); only the VS Code objects are left out.
 */
import { writeCacheFeeds } from '../../../src/core/feeds/cacheFiles';
import { daysBefore } from '../../../src/core/feeds/filter';
import type { FeedCache } from '../../../src/core/feeds/cache';
import type { FeedState, FeedStore } from '../../../src/core/feeds/store';
import { EntryPickCache } from '../../../src/core/roundup/pick';
import { EXPANDED_FEEDS, UnseenCounter, entryRowDescription, feedChildren, visibleCount, type RowOptions } from '../../../src/core/roundup/sidebar';

const LOOKBACK = 30;

interface Row {
  label: string;
  description: string;
  tooltip?: string;
}

export class ViewModel {
  private readonly unseen = new UnseenCounter([]);
  private pending: Set<string> | 'all' | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The feeds open in the view: the first few (the rest start collapsed). */
  private readonly expanded = new Set<string>();

  constructor(private readonly store: FeedStore) {}

  attach(): void {
    this.store.sources.slice(0, EXPANDED_FEEDS).forEach((s) => this.expanded.add(s.url));
    this.store.onDidChange((urls) => this.changed(urls));
  }

  private options(): RowOptions {
    return { since: daysBefore(new Date(), LOOKBACK), windowWords: `from the last ${LOOKBACK} days`, filter: '', showOlder: false };
  }

  /** As FeedsView.changed: the badge counted for the feeds named; VS Code asks for their rows again after 200 ms. */
  private changed(urls?: readonly string[]): void {
    if (urls === undefined) this.pending = 'all';
    else if (this.pending !== 'all') {
      const pending = this.pending ?? new Set<string>();
      for (const url of urls) pending.add(url);
      this.pending = pending;
    }
    this.timer ??= setTimeout(() => this.redraw(), 200);
    const feeds = urls === undefined ? this.store.feeds() : urls.map((u) => this.store.feedAt(u)).filter((f) => f !== undefined);
    this.unseen.count(feeds, daysBefore(new Date(), LOOKBACK), urls === undefined);
  }

  private redraw(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    const feeds = pending === 'all' || !pending ? this.store.feeds() : [...pending].map((u) => this.store.feedAt(u));
    for (const feed of feeds) if (feed) this.feedRows(feed, this.expanded.has(feed.source.url));
  }

  /** A feed's row and, when it is open, its children's rows (tooltips wait for a hover). */
  private feedRows(feed: FeedState, open: boolean): Row[] {
    const options = this.options();
    const count = visibleCount(feed, options);
    const rows: Row[] = [{ label: feed.name, description: `${count} entries`, tooltip: `**${feed.name}**\n\n${feed.fetchedAt}` }];
    if (!open) return rows;
    for (const node of feedChildren(feed, options)) {
      if (node.kind !== 'entry') continue;
      rows.push({ label: node.label ?? node.entry.title, description: entryRowDescription(node, { included: false, starred: false }, new Date()) });
    }
    return rows;
  }

  /** The first showing: every feed's row, and the rows of the feeds that open expanded. */
  firstShow(): number {
    let n = 0;
    this.store.feeds().forEach((feed, i) => (n += this.feedRows(feed, i < EXPANDED_FEEDS).length));
    return n;
  }
}

const pickCache = new EntryPickCache();

/**
 * Opening "Insert roundup entry": the items (made once per change of the entries, in `cache`), handed to
 * the quick pick.
 */
export function openPick(store: FeedStore, cache = pickCache): number {
  const items = cache.items(() => store.allEntries(), store.version, { since: daysBefore(new Date(), LOOKBACK), isIncluded: () => false });
  return items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, item })).length;
}

/** Saves the cache as the extension does: the feeds that changed, one file each. */
export function cachePersister(dir: string): (cache: FeedCache, changed: ReadonlySet<string>) => Promise<void> {
  return async (cache, changed) => void (await writeCacheFeeds(dir, cache, changed));
}
