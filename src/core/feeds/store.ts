// The feed store: the cache in memory, refreshes applied to it feed by feed, persisted, and a change
// event. Plain TypeScript: the extension passes in how to load a feed, where to persist, and the clock.

import { applyResult, emptyCache, retainFeeds, type FeedCache, type FeedResult } from './cache';
import { refreshFeeds, type FeedSlot, type RefreshOutcome } from './refresh';
import type { FeedEntry, FeedSource } from './types';

export interface FeedStoreOptions {
  /** Loads one feed (fetch + parse); must not reject. */
  load: (source: FeedSource, signal?: AbortSignal, slot?: FeedSlot) => Promise<FeedResult>;
  /**
   * Saves the cache; never called twice at once (the latest cache wins). `changed`: the URLs of the
   * feeds changed (or gone from the cache) since the last save, so a saver can write only those.
   */
  persist: (cache: FeedCache, changed: ReadonlySet<string>) => Promise<void>;
  /**
   * Changes are saved this long after the first one unsaved (default 2 s), and at the end of each
   * refresh: a refresh of many feeds is saved a few times, not once per feed.
   */
  saveDelayMs?: number;
  now: () => Date;
  maxEntries?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

/** What the view shows of one configured feed. */
export interface FeedState {
  source: FeedSource;
  /** Configured name, else the feed's own title, else the URL. */
  name: string;
  entries: FeedEntry[];
  error?: string;
  /** What was wrong with the last fetch that could still be read (a feed cut off before its end). */
  warning?: string;
  /** The last fetch was cut at the size limit (`roundup.fetch.maxBytes`), this many bytes. */
  cutAt?: number;
  /** When it last answered, ISO UTC ('' if never). */
  fetchedAt: string;
  refreshing: boolean;
  /** The feed moved for good (HTTP 301/308) to this address: worth updating the settings to. */
  movedTo?: string;
  /** The feed is gone for good (HTTP 410); its entries stay until it is removed. */
  gone?: boolean;
  /** Not asked again before this time (the server's Retry-After), ISO UTC. */
  retryAfter?: string;
  /** The address is a web page that links to these feeds. */
  feedsOnPage?: string[];
}

export class FeedStore {
  private cacheValue: FeedCache;
  private sourcesValue: FeedSource[] = [];
  private readonly refreshing = new Set<string>();
  private readonly listeners = new Set<(urls?: readonly string[]) => void>();
  private running: { urls: Set<string>; done: Promise<RefreshOutcome[]>; controller: AbortController } | undefined;
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Feeds changed since the last save. */
  private unsaved = new Set<string>();
  /** Feeds changed since listeners last heard, told on the next turn of the event loop. */
  private unannounced = new Set<string>();
  private announceScheduled = false;
  /** The states handed out, made again only when their feed changes. */
  private readonly states = new Map<string, FeedState>();
  private readonly sourceAt = new Map<string, FeedSource>();
  private versionValue = 0;

  constructor(initial: FeedCache | undefined, private readonly options: FeedStoreOptions) {
    this.cacheValue = initial ?? emptyCache();
  }

  get cache(): FeedCache {
    return this.cacheValue;
  }

  get sources(): readonly FeedSource[] {
    return this.sourcesValue;
  }

  /** Counts changes: equal numbers, the same feeds and entries (for what is made once per change). */
  get version(): number {
    return this.versionValue;
  }

  /**
   * Calls `listener` after changes: with the URLs of the feeds that changed, or undefined when any
   * may have. Changes that land together (feeds of a refresh answering at once) come in one call.
   */
  onDidChange(listener: (urls?: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes in a cache read later than construction (from disk); what refreshes brought meanwhile wins. */
  restore(cache: FeedCache): void {
    this.cacheValue = { ...this.cacheValue, feeds: { ...cache.feeds, ...this.cacheValue.feeds } };
    this.states.clear();
    this.fire();
  }

  /** The configured feeds changed: forget the cache of feeds no longer configured. */
  setSources(sources: readonly FeedSource[]): void {
    this.sourcesValue = [...sources];
    this.sourceAt.clear();
    for (const s of sources) if (!this.sourceAt.has(s.url)) this.sourceAt.set(s.url, s);
    const before = Object.keys(this.cacheValue.feeds);
    this.cacheValue = retainFeeds(this.cacheValue, sources.map((s) => s.url));
    const removed = before.filter((url) => !this.cacheValue.feeds[url]);
    if (removed.length) this.save(removed);
    this.states.clear();
    this.fire();
  }

  feeds(): FeedState[] {
    return this.sourcesValue.map((source) => this.feed(source));
  }

  /** The state of the configured feed with this URL (undefined when none is configured). */
  feedAt(url: string): FeedState | undefined {
    const source = this.sourceAt.get(url);
    return source && this.feed(source);
  }

  /** The feed's state; the same object until the feed changes. */
  feed(source: FeedSource): FeedState {
    const known = this.states.get(source.url);
    if (known && known.source === source) return known;
    const state = this.makeState(source);
    this.states.set(source.url, state);
    return state;
  }

  private makeState(source: FeedSource): FeedState {
    const cached = this.cacheValue.feeds[source.url];
    const named = (e: FeedEntry) => (source.name && e.feed !== source.name ? { ...e, feed: source.name } : e);
    const entries = (cached?.entries ?? []).map(named);
    return {
      source,
      name: source.name || cached?.title || source.url,
      entries,
      error: cached?.error,
      warning: cached?.warning,
      ...(cached?.cutAt !== undefined && { cutAt: cached.cutAt }),
      fetchedAt: cached?.fetchedAt ?? '',
      refreshing: this.refreshing.has(source.url),
      ...(cached?.movedTo && { movedTo: cached.movedTo }),
      ...(cached?.gone && { gone: true }),
      ...(cached?.retryAfter && { retryAfter: cached.retryAfter }),
      ...(cached?.feedsOnPage && { feedsOnPage: cached.feedsOnPage }),
    };
  }

  /** Every entry of every configured feed, in feed order. */
  allEntries(): FeedEntry[] {
    return this.feeds().flatMap((f) => f.entries);
  }

  isRefreshing(): boolean {
    return this.refreshing.size > 0;
  }

  /* The refresh policy: which feeds to fetch now, asked by the extension's timer and commands. */

  /**
   * Feeds to fetch at once after the sources changed: configured now, not among `previous` (the URLs
   * configured before), and never fetched (no cache).
   */
  fresh(previous: Iterable<string>): string[] {
    const before = new Set(previous);
    return this.sourcesValue
      .filter((s) => !before.has(s.url) && !this.cacheValue.feeds[s.url]?.fetchedAt)
      .map((s) => s.url);
  }

  /** Feeds last fetched `intervalMs` or longer before `now` (feeds never fetched are not due: they are fresh). */
  due(intervalMs: number, now: Date = this.options.now()): string[] {
    return this.feeds()
      .filter((f) => f.fetchedAt && now.getTime() - Date.parse(f.fetchedAt) >= intervalMs)
      .map((f) => f.source.url);
  }

  /**
   * Feeds worth waiting for before showing entries: being fetched, or never fetched and not failed
   * (a feed that failed before is not waited for again).
   */
  pending(): string[] {
    return this.feeds()
      .filter((f) => f.refreshing || (!f.fetchedAt && !f.error))
      .map((f) => f.source.url);
  }

  /**
   * Refreshes the given feeds (default: all). A feed already being refreshed is not fetched twice:
   * a refresh asked for while another runs waits for it and then fetches only what it lacked.
   */
  async refresh(urls?: readonly string[]): Promise<RefreshOutcome[]> {
    const wanted = this.sourcesValue.filter((s) => !urls || urls.includes(s.url));
    if (this.running) {
      const running = this.running;
      const rest = wanted.filter((s) => !running.urls.has(s.url));
      const first = await running.done;
      const mine = first.filter((o) => wanted.some((s) => s.url === o.source.url));
      return rest.length ? [...mine, ...(await this.refresh(rest.map((s) => s.url)))] : mine;
    }
    const controller = new AbortController();
    for (const s of wanted) {
      this.refreshing.add(s.url);
      this.states.delete(s.url);
    }
    // The feeds named, so a view redraws only those.
    this.fire(wanted.map((s) => s.url));
    const done = refreshFeeds(wanted, {
      load: this.options.load,
      concurrency: this.options.concurrency,
      signal: controller.signal,
      log: this.options.log,
      onResult: (source, result) => {
        this.refreshing.delete(source.url);
        this.states.delete(source.url);
        // A feed removed from the settings while it was being fetched stays removed.
        if (!this.sourceAt.has(source.url)) return;
        if (result.kind === 'error') this.options.log?.(`${source.url}: ${result.message}`);
        if (result.kind === 'ok' && result.warning) this.options.log?.(`${source.url}: ${result.warning}`);
        const options = { now: this.options.now(), maxEntries: this.options.maxEntries };
        this.cacheValue = applyResult(this.cacheValue, source.url, result, options);
        this.versionValue++;
        this.save([source.url]);
        this.announce(source.url);
      },
    });
    this.running = { urls: new Set(wanted.map((s) => s.url)), done, controller };
    try {
      return await done;
    } finally {
      this.running = undefined;
      const stillMarked = wanted.filter((s) => this.refreshing.delete(s.url));
      for (const s of stillMarked) this.states.delete(s.url);
      this.announceNow(stillMarked.map((s) => s.url));
      this.saveNow();
    }
  }

  /** Stops a refresh under way (feeds not finished keep their cached entries). */
  cancel(): void {
    this.running?.controller.abort();
  }

  /** Saves what is not saved yet, now; resolves when the last change has been persisted. */
  flushed(): Promise<void> {
    this.saveNow();
    return this.saving;
  }

  /** Notes feeds to save; the save follows after `saveDelayMs` (or at the end of the refresh). */
  private save(urls: readonly string[]): void {
    for (const url of urls) this.unsaved.add(url);
    if (this.saveTimer || this.saveQueued) return;
    this.saveTimer = setTimeout(() => this.saveNow(), this.options.saveDelayMs ?? 2000);
    // A pending save does not keep a process (the CLI, a test) alive; the end of a refresh saves anyway.
    this.saveTimer.unref?.();
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.unsaved.size === 0 || this.saveQueued) return;
    this.saveQueued = true;
    this.saving = this.saving.then(async () => {
      this.saveQueued = false;
      const changed = this.unsaved;
      this.unsaved = new Set();
      try {
        await this.options.persist(this.cacheValue, changed);
      } catch (e) {
        // Tried again with the next save.
        for (const url of changed) this.unsaved.add(url);
        this.options.log?.(`Saving the feed cache failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  /** A feed changed: listeners hear of it with the others that change in the same turn. */
  private announce(url: string): void {
    this.unannounced.add(url);
    if (this.announceScheduled) return;
    this.announceScheduled = true;
    setImmediate(() => this.announceNow([]));
  }

  private announceNow(more: readonly string[]): void {
    for (const url of more) this.unannounced.add(url);
    this.announceScheduled = false;
    if (this.unannounced.size === 0) return;
    const urls = [...this.unannounced];
    this.unannounced.clear();
    this.fire(urls);
  }

  private fire(urls?: readonly string[]): void {
    this.versionValue++;
    for (const listener of this.listeners) {
      try {
        listener(urls);
      } catch (e) {
        this.options.log?.(`A feed store listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
