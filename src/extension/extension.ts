import * as vscode from 'vscode';
import { Blog } from './blog';
import { registerCodeActions } from './codeActions';
import { registerDiagnostics } from './diagnostics';
import { registerFeedCommands } from './feedCommands';
import { FeaturedPosts } from './featured';
import { FeedService } from './feedService';
import { FeedsView } from './feedsView';
import { Lookback } from './lookback';
import { EntryDocuments } from './entryDocuments';
import { IncludedLinks } from './included';
import { registerInsertCommands } from './insert';
import { registerPostCommands } from './posts';
import { registerLinkCheck } from './linkCheck';
import { registerReadEntry } from './readEntry';
import { PostProblems } from './problems';
import { registerSchemaCommands } from './schema';
import { Settings } from './settings';
import { registerShortLinks } from './shortLinks';
import { ShortLinks } from './shortLinkService';
import { Shortlist } from './shortlist';
import { registerShortlistCommands } from './shortlistCommands';

/** What `activate` hands out: the live parts, for the integration tests to look at what the user sees. */
export interface RoundupApi {
  feeds: FeedService;
  tree: FeedsView;
  included: IncludedLinks;
  shortlist: Shortlist;
  /** What the blog's roundups already feature. */
  featured: FeaturedPosts;
  /** The window of entries shown (since the last roundup, ...), and "Change lookback…". */
  lookback: Lookback;
  /** Fires with each "Insert roundup entries" quick pick shown: what it offers, as the user sees it. */
  onDidShowEntryPick: vscode.Event<vscode.QuickPick<vscode.QuickPickItem>>;
  /** The problems behind the diagnostics, with the signal of each lint. */
  problems: PostProblems;
  /** The file VS Code writes the Roundup log to (a log output channel's file, in the extension's log folder). */
  logFile: vscode.Uri;
}

/** Wires the contributions; each `register*` returns a Disposable and gets its dependencies passed in. */
export function activate(context: vscode.ExtensionContext): RoundupApi {
  const log = vscode.window.createOutputChannel('Roundup', { log: true });
  const settings = new Settings(log);
  const feeds = new FeedService(context, settings, log);
  const included = new IncludedLinks();
  const shortlist = new Shortlist(context.workspaceState);
  const shortLinks = new ShortLinks(context, settings, log);
  const blog = new Blog(settings);
  const featured = new FeaturedPosts(settings, blog, shortLinks);
  const lookback = new Lookback(settings, featured, included);
  const entryPicks = new vscode.EventEmitter<vscode.QuickPick<vscode.QuickPickItem>>();
  const tree = new FeedsView(feeds, included, settings, context.globalState, shortlist, featured, lookback);
  const problems = new PostProblems(settings, log, blog, featured);
  const entryDocuments = new EntryDocuments(settings);
  context.subscriptions.push(
    log,
    entryPicks,
    settings,
    blog,
    featured,
    lookback,
    problems,
    registerDiagnostics(problems, settings.onDidChange, anyOf(blog.onDidChange, featured.onDidChange)),
    registerCodeActions(problems),
    feeds,
    included,
    shortlist,
    tree,
    registerFeedCommands(feeds, () => tree.selection, lookback),
    entryDocuments,
    registerInsertCommands(settings, feeds, included, () => tree.selection, shortlist, shortLinks, entryDocuments,
      featured, lookback, (pick) => entryPicks.fire(pick)),
    registerReadEntry(entryDocuments, () => tree.selection),
    registerPostCommands(settings, feeds, shortlist, featured, blog),
    registerShortlistCommands(shortlist, included, () => tree.selection),
    registerShortLinks(context, settings, shortLinks),
    registerLinkCheck(context, settings, problems, log),
    registerSchemaCommands(blog),
  );
  const logFile = vscode.Uri.joinPath(context.logUri, 'Roundup.log');
  const onDidShowEntryPick = entryPicks.event;
  return { feeds, tree, included, shortlist, featured, lookback, problems, logFile, onDidShowEntryPick };
}

/** An event that fires when any of `events` does. */
function anyOf(...events: vscode.Event<void>[]): vscode.Event<void> {
  return (listener, thisArg, disposables) => {
    const all = vscode.Disposable.from(...events.map((e) => e(listener, thisArg)));
    disposables?.push(all);
    return all;
  };
}

export function deactivate(): void {}
