import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { registerDiagnostics } from './diagnostics';
import { registerFeedCommands } from './feedCommands';
import { Feeds } from './feeds';
import { FeedsTree } from './feedsView';
import { IncludedLinks } from './included';
import { registerInsertCommands } from './insert';
import { registerPostCommands } from './posts';
import { registerLinkCheck } from './linkCheck';
import { Settings } from './settings';
import { registerShortLinks } from './shortLinks';
import { registerShortlistCommands, Shortlist } from './shortlist';

/** What `activate` hands out: the live parts, for the integration tests to look at what the user sees. */
export interface RoundupApi {
  feeds: Feeds;
  tree: FeedsTree;
  included: IncludedLinks;
  shortlist: Shortlist;
}

/** Wires the contributions; each `register*` returns a Disposable and gets its dependencies passed in. */
export function activate(context: vscode.ExtensionContext): RoundupApi {
  const log = vscode.window.createOutputChannel('Roundup');
  const settings = new Settings(log);
  const feeds = new Feeds(context, settings, log);
  const included = new IncludedLinks();
  const shortlist = new Shortlist(context.workspaceState);
  const tree = new FeedsTree(feeds, included, settings, context.globalState, shortlist);
  context.subscriptions.push(
    log,
    settings,
    registerDiagnostics(settings, log),
    registerCodeActions(settings),
    feeds,
    included,
    shortlist,
    tree,
    registerFeedCommands(feeds, tree),
    registerInsertCommands(settings, feeds, included, () => tree.selection),
    registerPostCommands(settings, feeds),
    registerShortlistCommands(settings, shortlist, included, () => tree.selection),
    registerShortLinks(context, settings, log),
    registerLinkCheck(context, settings),
  );
  return { feeds, tree, included, shortlist };
}

export function deactivate(): void {}
