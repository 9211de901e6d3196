import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeResult } from '../core/feeds/cache';
import { readCacheFolder, writeCacheFeeds } from '../core/feeds/cacheFiles';
import type { FetchOptions } from '../core/feeds/fetch';
import { feedEngine } from './engine';
import { FeedStore } from '../core/feeds/store';
import type { FeedSource } from '../core/feeds/types';
import { fetchOptionsOf } from '../core/settings';
import { offerAddFeed } from './messages';
import type { Settings } from './settings';

export const VIEW_ID = 'roundup.feeds';

/**
 * The feeds of the settings behind a FeedStore, the service the contributions share: the cache file in the
 * extension's global storage
 * (read once at start, so entries show before any network), refreshes with progress in the view,
 * and the automatic refresh on the configured interval.
 */
export class FeedService implements vscode.Disposable {
  readonly store: FeedStore;
  private loading: Promise<void> | undefined;
  private readonly version: string;
  /**
   * The cache folder, one file per feed: in the workspace's storage (each blog its own feeds, and a
   * window never trims another window's cache), in the global storage when no folder is open.
   */
  readonly cacheFolder: string;
  /** The single cache file of earlier versions, moved into the folder when read. */
  private readonly legacyCacheFile: string;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    private readonly settings: Settings,
    /** The Roundup log: each fetch, each feed error; the feed commands' errors too. */
    readonly log: vscode.LogOutputChannel,
  ) {
    const storage = context.storageUri ?? context.globalStorageUri;
    const cacheFolder = (this.cacheFolder = path.join(storage.fsPath, 'feeds'));
    this.legacyCacheFile = path.join(storage.fsPath, 'feeds.json');
    this.version = String(context.extension.packageJSON.version);
    this.store = new FeedStore(undefined, {
      // Each load reads the settings as they are then.
      // The feed engine is loaded here, on the first fetch.
      load: async (source, signal, slot) => {
        const started = performance.now();
        const load = feedEngine().cachedFeedLoader(this.fetchOptions(), () => this.store.cache);
        const result = await load(source, signal, slot);
        // Errors and warnings are the store's to tell (its log below), with the rest of the refresh.
        const ms = performance.now() - started;
        if (result.kind !== 'error') this.log.info(`feeds: ${describeResult(source.url, result, ms)}`);
        return result;
      },
      // Only the feeds that changed, each in its own file.
      persist: async (cache, changed) => void (await writeCacheFeeds(cacheFolder, cache, changed)),
      now: () => new Date(),
      log: (line) => this.log.warn(`feeds: ${line}`),
    });
    // Before the first load nothing needs the settings; during it, wait for the cache.
    this.subscriptions.push(settings.onDidChange(() => void this.loading?.then(() => this.applySettings())));
  }

  /**
   * Resolves once the cache file has been read. Nothing about feeds happens before the first call
   * (the view is shown, or a command needs entries): editing a post never pays for the feeds.
   */
  get ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const { cache, warning, setAside } = await readCacheFolder(this.cacheFolder, this.legacyCacheFile);
    if (warning) this.log.warn(`feeds: ${warning}`);
    if (setAside.length) {
      // Said, not only logged: feeds whose entries went missing need an explanation.
      const files = setAside.length === 1 ? 'a cache file' : `${setAside.length} cache files`;
      const them = setAside.length === 1 ? 'it' : 'them';
      const message = `Roundup could not read ${files} of the feeds and set ${them} aside; `
        + 'those feeds are fetched again.';
      void vscode.window.showWarningMessage(message, 'Show log').then((a) => (a ? this.log.show() : undefined));
    }
    this.store.restore(cache);
    this.applySettings();
  }

  /**
   * How feeds are fetched: Roundup's version for the User-Agent, the `roundup.fetch.*` limits, the folder of
   * relative feed files.
   */
  fetchOptions(): FetchOptions {
    return fetchOptionsOf(this.settings.value, this.version, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  }

  /** `roundup.lookbackDays`: entries older than this many days are hidden in the view. */
  lookbackDays(): number {
    return this.settings.value.lookbackDays;
  }

  sources(): FeedSource[] {
    return this.settings.value.feeds.map((f) => ({ url: f.url, name: f.name, author: f.author }));
  }

  private applySettings(): void {
    const before = this.store.sources.map((s) => s.url);
    this.store.setSources(this.sources());
    // Feeds never fetched (new in the settings, or no cache yet) are fetched at once; the rest on the interval.
    const fresh = this.store.fresh(before);
    if (fresh.length) void this.refresh(fresh);
    this.schedule();
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const minutes = this.settings.value.refreshIntervalMinutes;
    if (minutes <= 0) return;
    const interval = minutes * 60_000;
    this.timer = setInterval(() => void this.refresh(), interval);
    // Feeds last fetched longer ago than the interval are due now.
    const due = this.store.due(interval);
    if (due.length) void this.refresh(due);
  }

  /** Refreshes the given feeds (default all) with progress shown in the Feeds view. */
  async refresh(urls?: string[]): Promise<void> {
    await this.ready;
    if (this.store.sources.length === 0) {
      await offerAddFeed('Roundup has no feeds to refresh yet.');
      return;
    }
    await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.store.refresh(urls));
  }

  /**
   * Loads the feeds on first use and waits, with a progress notification, for those being fetched
   * and those never fetched yet (a feed that failed before is not waited for again).
   */
  async whenFetched(): Promise<void> {
    await this.ready;
    const pending = this.store.pending();
    if (pending.length === 0) return;
    const title = 'Roundup: fetching the feeds…';
    const location = vscode.ProgressLocation.Notification;
    await vscode.window.withProgress({ location, title }, () => this.refresh(pending));
  }

  dispose(): void {
    clearInterval(this.timer);
    this.store.cancel();
    // What a refresh brought and is not saved yet.
    void this.store.flushed();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
