import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { registerDiagnostics } from './diagnostics';
import { registerFeedCommands } from './feedCommands';
import { FeedService } from './feedService';
import { FeedsView } from './feedsView';
import { IncludedLinks } from './included';
import { registerInsertCommands } from './insert';
import { registerPostCommands } from './posts';
import { PostProblems } from './problems';
import { Settings } from './settings';

/** What `activate` hands out: the live parts, for the integration tests to look at what the user sees. */
export interface RoundupApi {
  feeds: FeedService;
  tree: FeedsView;
  included: IncludedLinks;
}

/** Wires the contributions; each `register*` returns a Disposable and gets its dependencies passed in. */
export function activate(context: vscode.ExtensionContext): RoundupApi {
  const log = vscode.window.createOutputChannel('Roundup');
  const settings = new Settings(log);
  const feeds = new FeedService(context, settings, log);
  const included = new IncludedLinks();
  const tree = new FeedsView(feeds, included, settings, context.globalState);
  const problems = new PostProblems(settings, log);
  context.subscriptions.push(
    log,
    settings,
    problems,
    registerDiagnostics(problems, settings.onDidChange),
    registerCodeActions(problems),
    feeds,
    included,
    tree,
    registerFeedCommands(feeds, () => tree.selection),
    registerInsertCommands(settings, feeds, included, () => tree.selection),
    registerPostCommands(settings, feeds),
  );
  return { feeds, tree, included };
}

export function deactivate(): void {}
