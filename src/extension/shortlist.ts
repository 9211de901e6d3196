import * as vscode from 'vscode';
import type { FeedEntry } from '../core/feeds/types';
import { draftTitle, formatterSettings } from '../core/roundup/draft';
import { formatEntries } from '../core/roundup/format';
import { addToShortlist, isShortlisted, parseShortlist, removeFromShortlist, shortlistEntries, type ShortlistItem } from '../core/roundup/shortlist';
import { TemplateError } from '../core/roundup/template';
import type { IncludedLinks } from './included';
import { entriesOf, insertCommand } from './insert';
import { createPost } from './posts';
import type { Settings } from './settings';

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

async function nothingShortlisted(): Promise<void> {
  void vscode.window.showInformationMessage('The shortlist is empty: star entries in the Feeds view first.');
}

/** The shortlisted entries the post (the one the sidebar marks entries for) links to. */
function linkedEntries(shortlist: Shortlist, included: IncludedLinks): FeedEntry[] {
  return shortlist.entries.map((i) => i.entry).filter((e) => included.has(e));
}

/**
 * Once the post links to shortlisted entries, asks whether to take them off the shortlist (each
 * entry once per session); the button runs `roundup.pruneShortlist`. Nothing leaves without a yes.
 */
function watchPost(shortlist: Shortlist, included: IncludedLinks): vscode.Disposable {
  const asked = new Set<string>();
  return included.onDidChange(async () => {
    const linked = linkedEntries(shortlist, included).filter((e) => !asked.has(e.id));
    if (linked.length === 0) return;
    linked.forEach((e) => asked.add(e.id));
    const what = linked.length === 1 ? `"${linked[0].title}" is` : `${linked.length} shortlisted entries are`;
    const answer = await vscode.window.showInformationMessage(`${what} in this post now. Take ${linked.length === 1 ? 'it' : 'them'} off the shortlist?`, 'Take off', 'Keep');
    if (answer === 'Take off') await shortlist.remove(linked);
  });
}

function format(settings: Settings, entries: FeedEntry[]): string | undefined {
  try {
    const result = formatEntries(entries, formatterSettings(settings.value), { keepOrder: true });
    if (result.warnings.length) void vscode.window.showWarningMessage(result.warnings.map((w) => w.message).join(' '));
    return result.text;
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    void vscode.window.showErrorMessage(`Roundup: ${e.message}`);
    return undefined;
  }
}

/** Star / unstar (row action and context menu), Insert shortlist, Draft from shortlist, take linked entries off. */
export function registerShortlistCommands(settings: Settings, shortlist: Shortlist, included: IncludedLinks, selection: () => readonly unknown[]): vscode.Disposable {
  const register = vscode.commands.registerCommand;
  const ordered = () => shortlistEntries(shortlist.entries, settings.value.shortlistOrder);
  const chosen = (arg: unknown, selected?: unknown) => (arg === undefined ? entriesOf(selection()) : entriesOf(arg, selected));
  return vscode.Disposable.from(
    register('roundup.star', (arg?: unknown, selected?: unknown) => shortlist.add(chosen(arg, selected))),
    register('roundup.unstar', (arg?: unknown, selected?: unknown) => shortlist.remove(chosen(arg, selected))),
    register('roundup.insertShortlist', async () => {
      const entries = ordered();
      if (entries.length === 0) return void (await nothingShortlisted());
      return insertCommand(settings, included, entries, { keepOrder: true });
    }),
    register('roundup.draftFromShortlist', async () => {
      const entries = ordered();
      if (entries.length === 0) return void (await nothingShortlisted());
      const body = format(settings, entries);
      if (body === undefined) return undefined;
      return (await createPost(settings, { title: draftTitle(new Date()), body }))?.document.uri;
    }),
    register('roundup.pruneShortlist', async () => {
      const linked = linkedEntries(shortlist, included);
      await shortlist.remove(linked);
      return linked.length;
    }),
    watchPost(shortlist, included),
  );
}
