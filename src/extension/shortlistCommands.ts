import * as vscode from 'vscode';
import { entriesOf } from '../core/feeds/args';
import type { FeedEntry } from '../core/feeds/types';
import type { IncludedLinks } from './included';
import type { Shortlist } from './shortlist';

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
    const question = `${what} in this post now. Take ${linked.length === 1 ? 'it' : 'them'} off the shortlist?`;
    const answer = await vscode.window.showInformationMessage(question, 'Take off', 'Keep');
    if (answer === 'Take off') await shortlist.remove(linked);
  });
}

/**
 * Star / unstar (row action and context menu) and taking linked entries off; "Insert shortlist" is in
 * insert.ts, "Draft from shortlist" in posts.ts.
 */
export function registerShortlistCommands(
  shortlist: Shortlist,
  included: IncludedLinks,
  selection: () => readonly unknown[],
): vscode.Disposable {
  const register = vscode.commands.registerCommand;
  const chosen = (arg: unknown, selected?: unknown) =>
    arg === undefined ? entriesOf(selection()) : entriesOf(arg, selected);
  return vscode.Disposable.from(
    register('roundup.star', (arg?: unknown, selected?: unknown) => shortlist.add(chosen(arg, selected))),
    register('roundup.unstar', (arg?: unknown, selected?: unknown) => shortlist.remove(chosen(arg, selected))),
    register('roundup.pruneShortlist', async () => {
      const linked = linkedEntries(shortlist, included);
      await shortlist.remove(linked);
      return linked.length;
    }),
    watchPost(shortlist, included),
  );
}
