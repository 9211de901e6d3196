import * as vscode from 'vscode';
import type { FeedEntry } from '../core/feeds/types';
import {
  addToShortlist, isShortlisted, parseShortlist, removeFromShortlist, shortlistEntries, type ShortlistItem,
  type ShortlistOrder,
} from '../core/roundup/shortlist';

const KEY = 'roundup.shortlist';

/** The shortlist of this workspace (its workspaceState), kept across windows and restarts. */
export class Shortlist implements vscode.Disposable {
  private items: ShortlistItem[];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {
    this.items = parseShortlist(state.get(KEY));
  }

  get entries(): readonly ShortlistItem[] {
    return this.items;
  }

  /** The shortlisted entries in the order of `roundup.shortlist.order`. */
  ordered(order: ShortlistOrder): FeedEntry[] {
    return shortlistEntries(this.items, order);
  }

  has(entry: FeedEntry): boolean {
    return isShortlisted(this.items, entry);
  }

  async add(entries: readonly FeedEntry[]): Promise<void> {
    await this.save(addToShortlist(this.items, entries, new Date()));
  }

  async remove(entries: readonly FeedEntry[]): Promise<void> {
    await this.save(removeFromShortlist(this.items, entries));
  }

  private async save(items: ShortlistItem[]): Promise<void> {
    this.items = items;
    this.emitter.fire();
    await this.state.update(KEY, items);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
