import * as vscode from 'vscode';
import { shortUtc } from '../core/base/utc';
import { entryTooltipMarkdown } from '../core/roundup/display';
import {
  EXPANDED_FEEDS, UnseenCounter, entryRowDescription, feedChildren, visibleCount, visibleEntries,
  type ActionNode, type EntryNode, type FeedNode, type RowOptions, type ShortlistNode, type SidebarNode,
} from '../core/roundup/sidebar';
import { filterByText } from '../core/feeds/filter';
import { windowShortWords, windowWords } from '../core/roundup/window';
import { escapeInline } from '../core/roundup/escape';
import type { FeedState } from '../core/feeds/store';
import { VIEW_ID, type FeedService } from './feedService';
import type { FeaturedPosts } from './featured';
import type { IncludedLinks } from './included';
import type { Lookback } from './lookback';
import type { Settings } from './settings';
import type { Shortlist } from './shortlist';

export type { EntryNode, FeedNode } from '../core/roundup/sidebar';
export type Node = SidebarNode;

const SHORTLIST_NODE: ShortlistNode = { kind: 'shortlist' };

const SEEN_KEY = 'roundup.seenEntries';

/**
 * The Feeds view: feeds, then their entries newest first. Entries the active post already links to
 * get a check icon; a failed feed a warning icon, its error and a Retry row. The badge counts
 * entries not yet seen in the view.
 */
export class FeedsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | Node[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private filter = '';
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly feedNodes = new Map<string, FeedNode>();
  /** Where each feed stands among the feeds (the first few open expanded). */
  private readonly feedIndex = new Map<string, number>();
  private readonly unseen: UnseenCounter;
  private seenSaveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly feeds: FeedService,
    private readonly included: IncludedLinks,
    settings: Settings,
    private readonly state: vscode.Memento,
    private readonly shortlist: Shortlist,
    private readonly featured: FeaturedPosts,
    private readonly lookback: Lookback,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.unseen = new UnseenCounter(state.get<string[]>(SEEN_KEY, []));
    const unsubscribe = feeds.store.onDidChange((urls) => this.changed(urls));
    this.subscriptions.push(
      this.view,
      this.emitter,
      { dispose: unsubscribe },
      included.onDidChange(() => this.marksChanged()),
      shortlist.onDidChange(() => this.emitter.fire(undefined)),
      featured.onDidChange(() => this.emitter.fire(undefined)),
      settings.onDidChange(() => this.changed()),
      lookback.onDidChange(() => this.changed()),
      { dispose: () => this.saveSeen() },
      this.view.onDidChangeVisibility(() => this.updateBadge()),
      vscode.commands.registerCommand('roundup.filter', () => this.askFilter()),
      vscode.commands.registerCommand('roundup.clearFilter', () => this.setFilter('')),
      vscode.commands.registerCommand('roundup.showOlderEntries', (arg?: unknown) => this.showOlder(arg)),
      vscode.commands.registerCommand('roundup.changeLookback', () => lookback.choose()),
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'feed':
        return this.feedItem(this.feeds.store.feedAt(node.url));
      case 'entry':
        return this.entryItem(node);
      case 'shortlist': {
        const count = this.shortlist.entries.length;
        const item = new vscode.TreeItem('Shortlist', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'shortlist';
        item.iconPath = new vscode.ThemeIcon('star-full');
        item.description = `${count} ${count === 1 ? 'entry' : 'entries'}`;
        item.tooltip = 'Entries starred for the next post, in the order starred';
        item.contextValue = 'roundup.shortlist';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.retry ? 'Retry' : node.text, vscode.TreeItemCollapsibleState.None);
        if (node.retry) {
          // The feed's row already shows the error; this row says what is shown meanwhile.
          item.description = node.text;
          item.tooltip = 'Fetch this feed again';
          item.iconPath = new vscode.ThemeIcon('refresh');
          item.command = { command: 'roundup.refreshFeed', title: 'Retry' };
        } else {
          item.iconPath = new vscode.ThemeIcon('info');
          if (node.hidden) {
            item.description = `${node.hidden} older ${node.hidden === 1 ? 'entry' : 'entries'} hidden`;
            item.tooltip = `Entries shown: ${windowWords(this.lookback.window())}. Older entries are hidden.`;
          }
        }
        item.contextValue = 'roundup.message';
        return item;
      }
      case 'action':
        return this.actionItem(node);
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      await Promise.all([this.feeds.ready, this.lookback.ready()]);
      const feeds = this.feeds.store.feeds();
      this.setFeedsKnown(feeds.length > 0);
      this.feedIndex.clear();
      feeds.forEach((f, i) => this.feedIndex.set(f.source.url, i));
      // A failing feed stays in sight while a filter is on: its error is news too.
      const shown = this.filter ? feeds.filter((f) => f.error || this.visibleEntries(f).length > 0) : feeds;
      const noMatch = this.filter && feeds.length > 0 && shown.every((f) => this.visibleEntries(f).length === 0);
      this.view.message = noMatch ? `No entries match "${this.filter}".` : undefined;
      const nodes: Node[] = shown.map((f) => this.feedNode(f.source.url));
      if (this.shortlistRows().length > 0) nodes.unshift(SHORTLIST_NODE);
      return nodes;
    }
    if (node.kind === 'shortlist') return this.shortlistRows();
    if (node.kind !== 'feed') return [];
    const feed = this.feeds.store.feedAt(node.url);
    return feed ? feedChildren(feed, this.rowOptions(feed)) : [];
  }

  /** Tooltips are made when asked for (hovering a row), not for every row shown. */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind === 'entry' && item.tooltip === undefined) {
      const featured = this.featured.mark(node.entry, this.included.post?.uri);
      const featuredLine = featured ? `\n\n${escapeInline(featured.tooltip)}` : '';
      item.tooltip = new vscode.MarkdownString(entryTooltipMarkdown(node.entry) + featuredLine);
    }
    return item;
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'feed' || node.kind === 'shortlist') return undefined;
    if (node.kind === 'entry' && node.shortlisted) return SHORTLIST_NODE;
    return this.feedNode(node.feedUrl);
  }

  /** The Shortlist group's rows, in the order starred (the filter applies to them too). */
  private shortlistRows(): EntryNode[] {
    const entries = this.shortlist.entries.map((i) => i.entry);
    const shown = this.filter ? filterByText(entries, this.filter) : entries;
    return shown.map((entry) => ({ kind: 'entry', entry, feedUrl: '', shortlisted: true }));
  }

  private hasFeeds: boolean | undefined;

  /**
   * The welcome ("No feeds yet", Add feed) shows only once the feed list is known to be empty: before that
   * (the extension activating, the cache loading) the view stays blank instead of flashing it.
   */
  private setFeedsKnown(hasFeeds: boolean): void {
    if (this.hasFeeds === hasFeeds) return;
    const first = this.hasFeeds === undefined;
    this.hasFeeds = hasFeeds;
    void vscode.commands.executeCommand('setContext', 'roundup.hasFeeds', hasFeeds).then(() => {
      if (first) void vscode.commands.executeCommand('setContext', 'roundup.feedsKnown', true);
    });
  }

  /** One node object per feed, so reveal and refresh of a single feed find it again. */
  private feedNode(url: string): FeedNode {
    let node = this.feedNodes.get(url);
    if (!node) this.feedNodes.set(url, (node = { kind: 'feed', url }));
    return node;
  }

  private actionItem(node: ActionNode): vscode.TreeItem {
    const older = `${node.hidden} older ${node.hidden === 1 ? 'entry' : 'entries'}`;
    if (node.action === 'showOlder') {
      const item = new vscode.TreeItem('Show older entries', vscode.TreeItemCollapsibleState.None);
      item.description = older;
      item.tooltip = `Show the ${older} of this feed too, until the window is reloaded`;
      item.iconPath = new vscode.ThemeIcon('history');
      item.command = { command: 'roundup.showOlderEntries', title: 'Show older entries', arguments: [node.feedUrl] };
      item.contextValue = 'roundup.action';
      return item;
    }
    const item = new vscode.TreeItem('Change lookback…', vscode.TreeItemCollapsibleState.None);
    const window = windowWords(this.lookback.window());
    item.description = `now ${window}`;
    item.tooltip = `Entries shown now: ${window}. Choose since the last roundup, the last 7, 30 or 90 days, or a date.`;
    item.iconPath = new vscode.ThemeIcon('settings-gear');
    item.command = { command: 'roundup.changeLookback', title: 'Change lookback…' };
    item.contextValue = 'roundup.action';
    return item;
  }

  /**
   * "Show older entries": every cached entry of the feed, ignoring the window, for this session (in
   * "Insert roundup entry" too).
   */
  showOlder(arg?: unknown): void {
    const target = arg ?? this.view.selection[0];
    const url = typeof target === 'string' ? target : (target as { feedUrl?: string } | undefined)?.feedUrl;
    if (url) this.lookback.showOlder([url]);
  }

  private rowOptions(feed: FeedState): RowOptions {
    const window = this.lookback.window();
    return {
      since: window.since,
      windowWords: windowShortWords(window),
      filter: this.filter,
      showOlder: this.lookback.showsOlder(feed.source.url),
    };
  }

  private visibleEntries(feed: FeedState) {
    return visibleEntries(feed, this.rowOptions(feed));
  }

  private feedItem(feed: FeedState | undefined): vscode.TreeItem {
    if (!feed) return new vscode.TreeItem('(removed)');
    // The first few feeds open expanded; the others wait for a click (hundreds of feeds, thousands of rows).
    const expanded = (this.feedIndex.get(feed.source.url) ?? 0) < EXPANDED_FEEDS;
    const state = expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(feed.name, state);
    item.id = `feed:${feed.source.url}`;
    const count = visibleCount(feed, this.rowOptions(feed));
    const tooltip = new vscode.MarkdownString(undefined, true);
    // An unnamed feed is named by its address: say it once.
    const address = feed.name === feed.source.url ? '' : `${escapeInline(feed.source.url)}\n\n`;
    tooltip.appendMarkdown(`**${escapeInline(feed.name)}**\n\n${address}`);
    if (feed.fetchedAt) tooltip.appendMarkdown(`Last fetched ${shortUtc(feed.fetchedAt)}\n\n`);
    if (feed.refreshing) {
      item.iconPath = new vscode.ThemeIcon('sync~spin');
      item.description = 'refreshing…';
      item.contextValue = 'roundup.feed';
    } else if (feed.error) {
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.description = feed.error;
      item.contextValue = 'roundup.feed.failed';
      const kept = feed.entries.length ? ' (showing the entries from the last successful refresh)' : '';
      tooltip.appendMarkdown(`$(warning) ${escapeInline(feed.error)}${kept}`);
    } else {
      item.iconPath = new vscode.ThemeIcon('rss');
      item.description = `${count} ${count === 1 ? 'entry' : 'entries'}${feed.warning ? ' · incomplete' : ''}`;
      item.contextValue = 'roundup.feed';
      if (feed.warning) tooltip.appendMarkdown(`$(warning) ${escapeInline(feed.warning)}`);
      if (feed.cutAt !== undefined) {
        // Cut at the size limit: a link to the setting that raises it.
        const args = encodeURIComponent(JSON.stringify(['roundup.fetch.maxBytes']));
        tooltip.appendMarkdown(`\n\n[Raise the limit](command:workbench.action.openSettings?${args})`);
        tooltip.isTrusted = { enabledCommands: ['workbench.action.openSettings'] };
      }
    }
    item.tooltip = tooltip;
    return item;
  }

  private entryItem(node: EntryNode): vscode.TreeItem {
    const { entry } = node;
    const item = new vscode.TreeItem(node.label ?? entry.title, vscode.TreeItemCollapsibleState.None);
    item.id = node.shortlisted ? `shortlist:${entry.id}` : `entry:${node.feedUrl}\n${entry.id}`;
    const included = this.included.has(entry);
    const starred = this.shortlist.has(entry);
    const featured = this.featured.mark(entry, this.included.post?.uri);
    item.description = entryRowDescription(node, { included, starred }, new Date()) + (featured?.description ?? '');
    item.iconPath = included
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : node.shortlisted
        ? new vscode.ThemeIcon('star-full')
        : new vscode.ThemeIcon('circle-large-outline');
    item.contextValue = (included ? 'roundup.entry.included' : 'roundup.entry') + (starred ? '.starred' : '');
    // The tooltip: resolveTreeItem, on hover.
    // No arguments: VS Code re-creates a command with arguments on every redraw, and a click that
    // lands just then is lost ("command not found", microsoft/vscode#173233). The command reads the
    // selection, which the click has just set.
    item.command = { command: 'roundup.insertEntry', title: 'Insert into the post' };
    item.accessibilityInformation = { label: `${entry.title}, ${item.description}` };
    return item;
  }

  /** Whether the view is on screen (the badge counts only while it is not). */
  get visible(): boolean {
    return this.view.visible;
  }

  get onDidChangeVisibility(): vscode.Event<vscode.TreeViewVisibilityChangeEvent> {
    return this.view.onDidChangeVisibility;
  }

  /** The selected rows (the clicked one, when a row's command runs). */
  get selection(): readonly Node[] {
    return this.view.selection;
  }

  /** The text beside the view's title: the active filter (`filter: cern`). */
  get description(): string | undefined {
    return this.view.description;
  }

  /** The number on the view's icon: entries not seen in the view yet. */
  get badge(): vscode.ViewBadge | undefined {
    return this.view.badge;
  }

  /** Asks for a text and shows only entries whose title, author or feed contain it. */
  async askFilter(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'Filter the feeds',
      prompt: 'Show entries whose title, author or feed contain these words',
      value: this.filter,
      placeHolder: 'e.g. keystone',
    });
    if (value !== undefined) this.setFilter(value.trim());
  }

  setFilter(text: string): void {
    this.filter = text;
    this.view.description = text ? `filter: ${text}` : undefined;
    void vscode.commands.executeCommand('setContext', 'roundup.filtered', Boolean(text));
    this.emitter.fire(undefined);
  }

  /**
   * Refreshes as little as possible: the feeds that changed, in one event. Each refresh re-creates the
   * rows' commands, and a click landing on a row just replaced is lost (microsoft/vscode#173233).
   */
  private changed(urls?: readonly string[]): void {
    const known = urls?.filter((url) => this.feedNodes.has(url)).map((url) => this.feedNode(url));
    if (urls === undefined) this.emitter.fire(undefined);
    else if (known && known.length) this.emitter.fire(known);
    this.updateBadge(urls);
  }

  /** Which entries of each feed are marked as in the post, as last shown. */
  private readonly shownMarks = new Map<string, string>();

  /** The post's links changed: refresh the feeds whose marks changed, and only those. */
  private marksChanged(): void {
    for (const feed of this.feeds.store.feeds()) {
      const marks = feed.entries.filter((e) => this.included.has(e)).map((e) => e.id).join('\n');
      if ((this.shownMarks.get(feed.source.url) ?? '') === marks) continue;
      this.shownMarks.set(feed.source.url, marks);
      if (this.feedNodes.has(feed.source.url)) this.emitter.fire(this.feedNode(feed.source.url));
    }
  }

  /**
   * Entries shown while the view is visible count as seen; the badge counts the others. Only the feeds
   * that changed are counted again (all of them when `urls` is undefined).
   */
  private updateBadge(urls?: readonly string[]): void {
    const store = this.feeds.store;
    const feeds = urls === undefined ? store.feeds() : urls.map((u) => store.feedAt(u)).filter((f) => f !== undefined);
    // Counted once the window is known (since the last roundup: once the roundups are read; then it changes).
    if (!this.lookback.isReady) return;
    const since = this.lookback.window().since;
    if (this.view.visible) {
      if (this.unseen.see(urls === undefined ? store.feeds() : feeds, since)) this.scheduleSeenSave();
      this.unseen.count(store.feeds(), since, urls === undefined);
      this.view.badge = undefined;
      return;
    }
    this.unseen.count(feeds, since, urls === undefined);
    const unseen = this.unseen.total;
    const tooltip = `${unseen} new ${unseen === 1 ? 'entry' : 'entries'}`;
    this.view.badge = unseen ? { value: unseen, tooltip } : undefined;
  }

  /** The seen entries are remembered a moment after they change (a refresh changes them feed by feed). */
  private scheduleSeenSave(): void {
    this.seenSaveTimer ??= setTimeout(() => this.saveSeen(), 2000);
  }

  private saveSeen(): void {
    clearTimeout(this.seenSaveTimer);
    this.seenSaveTimer = undefined;
    void this.state.update(SEEN_KEY, this.unseen.seenIds());
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
