import * as vscode from 'vscode';
import { addFailureMessage, addressesToTry, addressProblem, entryOf, feedUrlOf } from '../core/feeds/args';
import { addFeed, discoveryChoices, hasFeed, removeFeed, renameFeed, replaceFeedUrl } from '../core/feeds/feedList';
import { countWindow, lookbackSummary } from '../core/feeds/filter';
import { windowShortWords } from '../core/roundup/window';
import { feedItemUrl } from '../core/feeds/types';
import { feedEngine } from './engine';
import type { FeedService } from './feedService';
import type { Lookback } from './lookback';
import { showError } from './messages';

const SETTING = 'roundup.feeds';
const FEED_KINDS = { atom: 'Atom', json: 'JSON Feed', rss: 'RSS' } as const;

type Scope = { label: string; description: string; target: vscode.ConfigurationTarget };

/**
 * The settings scopes a feed can be added to. VS Code does not merge lists across scopes: a
 * workspace's `roundup.feeds` hides the user's, so once the workspace has a list it is the only
 * place a new feed shows up.
 */
function scopes(): Scope[] {
  const user: Scope = {
    label: 'User settings',
    description: 'in every window',
    target: vscode.ConfigurationTarget.Global,
  };
  if (!vscode.workspace.workspaceFolders?.length) return [user];
  const workspace: Scope = {
    label: 'Workspace settings',
    description: 'only in this workspace (shared with the blog)',
    target: vscode.ConfigurationTarget.Workspace,
  };
  if (inspectFeeds()?.workspaceValue !== undefined) return [workspace];
  const inherited = listIn(vscode.ConfigurationTarget.Global).length;
  if (inherited) {
    const feeds = `${inherited} user ${inherited === 1 ? 'feed' : 'feeds'}`;
    workspace.description = `this workspace gets its own list, starting with your ${feeds}`;
  }
  return [user, workspace];
}

/** `user` or `workspace`, as commands run from keybindings or scripts may pass it. */
type ScopeName = 'user' | 'workspace';

async function pickScope(title: string, given?: ScopeName): Promise<vscode.ConfigurationTarget | undefined> {
  if (given) return given === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
  const options = scopes();
  if (options.length === 1) return options[0].target;
  const placeHolder = 'Where should the feed be saved?';
  return (await vscode.window.showQuickPick(options, { title, placeHolder }))?.target;
}

function inspectFeeds() {
  return vscode.workspace.getConfiguration().inspect<unknown[]>(SETTING);
}

/**
 * The value of `roundup.feeds` in one scope, as the user wrote it. A workspace without a list of its
 * own starts from the user's, so that adding to it hides no feed.
 */
function listIn(target: vscode.ConfigurationTarget): unknown[] {
  const inspected = inspectFeeds();
  const global = inspected?.globalValue;
  const value = target === vscode.ConfigurationTarget.Global ? global : inspected?.workspaceValue ?? global;
  return Array.isArray(value) ? value : [];
}

/** Writes the list; a settings file VS Code cannot write (a syntax error in it) gets a message with a way there. */
async function writeFeeds(list: unknown[], target: vscode.ConfigurationTarget): Promise<boolean> {
  try {
    await vscode.workspace.getConfiguration().update(SETTING, list, target);
    return true;
  } catch (e) {
    const where = target === vscode.ConfigurationTarget.Global ? 'user' : 'workspace';
    const why = e instanceof Error ? e.message : String(e);
    const open = await vscode.window.showErrorMessage(
      `Roundup could not save roundup.feeds in the ${where} settings: ${why}`,
      'Open Settings',
    );
    const command = target === vscode.ConfigurationTarget.Global
      ? 'workbench.action.openSettingsJson'
      : 'workbench.action.openWorkspaceSettingsFile';
    if (open) await vscode.commands.executeCommand(command);
    return false;
  }
}

/** Applies `edit` to every scope whose own list holds `url`. */
async function editWhereDefined(url: string, edit: (list: unknown[]) => unknown[]): Promise<boolean> {
  const inspected = inspectFeeds();
  let found = false;
  const scopes = [
    [vscode.ConfigurationTarget.Global, inspected?.globalValue],
    [vscode.ConfigurationTarget.Workspace, inspected?.workspaceValue],
  ] as const;
  for (const [target, value] of scopes) {
    if (!Array.isArray(value) || !hasFeed(value, url)) continue;
    found = true;
    await writeFeeds(edit(value), target);
  }
  return found;
}

/**
 * Roundup: Add feed. Takes a URL; a blog page is searched for its feeds; the feed is stored in the scope the
 * user picks.
 */
async function addFeedCommand(
  feeds: FeedService,
  lookback: Lookback,
  given?: string,
  scope?: ScopeName,
  typed?: string,
): Promise<void> {
  const address = given ?? (await vscode.window.showInputBox({
    title: 'Add a feed',
    // "Try another address" keeps what was typed, so a typo is corrected, not retyped.
    value: typed,
    prompt: 'The address of an RSS, Atom or JSON feed, or of a blog page that links to its feed',
    placeHolder: 'https://blog.example.org/feed/',
    ignoreFocusOut: true,
    validateInput: addressProblem,
  }));
  if (!address) return;
  const options = feeds.fetchOptions();
  const fetching = (url: string) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Fetching ${url}…` }, () =>
      feedEngine().inspectAddress(url, options),
    );
  // Typed without a scheme: https first, then http.
  const [first, ...others] = addressesToTry(address);
  let found = await fetching(first!);
  for (const other of others) if (found.kind === 'error') found = await fetching(other);
  if (found.kind === 'page') {
    const following = vscode.workspace.getConfiguration().get<unknown[]>(SETTING) ?? [];
    const choices = discoveryChoices(found.feeds, following);
    const open = choices.filter((c) => !c.followed);
    if (open.length === 0) {
      const all = choices.length === 1 ? 'Its feed is' : `All ${choices.length} of its feeds are`;
      void vscode.window.showInformationMessage(`${all} already in your feeds.`);
      return;
    }
    let picks = open.map((c) => c.feed);
    if (choices.length > 1) {
      const picked = await vscode.window.showQuickPick(
        choices.map((c) => ({
          label: c.feed.title || c.feed.url,
          description: `${FEED_KINDS[c.feed.type]}${c.followed ? ' · already followed' : ''}`,
          detail: c.feed.url,
          feed: c.feed,
          followed: c.followed,
        })),
        {
          title: 'This page links to several feeds',
          placeHolder: 'Which should Roundup follow? (check one or more)',
          canPickMany: true,
        },
      );
      if (!picked) return;
      picks = picked.filter((p) => !p.followed).map((p) => p.feed);
      if (picks.length === 0) return;
    }
    if (picks.length > 1) {
      // One question for where they go, then each is fetched and added as if typed.
      const target = await pickScope(`Add ${picks.length} feeds`, scope);
      if (target === undefined) return;
      const name: ScopeName = target === vscode.ConfigurationTarget.Global ? 'user' : 'workspace';
      for (const pick of picks) await addFeedCommand(feeds, lookback, pick.url, name);
      return;
    }
    found = await fetching(picks[0].url);
  }
  if (found.kind === 'error') {
    const message = addFailureMessage(address, found.message);
    const again = await showError(feeds.log, message, 'Try another address');
    if (again) await addFeedCommand(feeds, lookback, undefined, scope, address.trim());
    return;
  }
  if (found.kind !== 'feed') return;
  const feed = found;
  const target = await pickScope(`Add "${feed.title || feed.url}"`, scope);
  if (target === undefined) return;
  const list = listIn(target);
  if (hasFeed(list, feed.url)) {
    void vscode.window.showInformationMessage(`${feed.title || feed.url} is already in your feeds.`);
    return;
  }
  if (!(await writeFeeds(addFeed(list, { url: feed.url }), target))) return;
  // Counted as the view shows them: entries older than the window are hidden there.
  const window = lookback.window();
  const count = countWindow(feed.published.map((published) => ({ published })), window.since);
  const entries = lookbackSummary(count, windowShortWords(window));
  void vscode.window.showInformationMessage(`Added ${feed.title || feed.url} (${entries}).`);
}

/** Roundup: Import OPML. Adds the feeds of a subscription list, skipping those already there. */
async function importOpmlCommand(log: vscode.LogOutputChannel, given?: vscode.Uri, scope?: ScopeName): Promise<void> {
  const filters = { 'OPML subscription lists': ['opml', 'xml'] };
  const ask = () => vscode.window.showOpenDialog({ title: 'Import feeds from OPML', canSelectMany: false, filters });
  const uri = given ?? (await ask())?.[0];
  if (!uri) return;
  let text: string;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    void showError(log, `Roundup could not read ${uri.fsPath}: ${why}`);
    return;
  }
  const target = await pickScope('Import OPML', scope);
  if (target === undefined) return;
  const list = listIn(target);
  const merged = vscode.workspace.getConfiguration().get<unknown[]>(SETTING) ?? [];
  let found;
  try {
    found = feedEngine().parseOpml(text, [...merged, ...list].map((i) => feedItemUrl(i) ?? ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    void showError(log, `Roundup could not import ${uri.fsPath}: ${why}`);
    return;
  }
  if (found.length === 0) {
    void vscode.window.showInformationMessage('Every feed of this list is already in your feeds.');
    return;
  }
  const named = (f: { url: string; name: string }) => ({ url: f.url, name: f.name !== f.url ? f.name : undefined });
  const next = found.reduce((acc, f) => addFeed(acc, named(f)), list);
  if (!(await writeFeeds(next, target))) return;
  void vscode.window.showInformationMessage(`Imported ${found.length} ${found.length === 1 ? 'feed' : 'feeds'}.`);
}

/** The warning for a feed whose list is in a settings scope Roundup does not write (folder settings, a policy). */
function notEditable(name: string): string {
  return `${name} is set in a settings scope Roundup cannot edit; change roundup.feeds there.`;
}

async function renameFeedCommand(feeds: FeedService, arg: unknown, given?: string): Promise<void> {
  const url = feedUrlOf(arg);
  const feed = url && feeds.store.feedAt(url);
  if (!feed) return;
  const name = given ?? await vscode.window.showInputBox({
    title: `Rename ${feed.name}`,
    prompt: 'The name shown in the sidebar (empty: the feed\'s own title)',
    value: feed.source.name ?? feed.name,
  });
  if (name === undefined) return;
  if (!(await editWhereDefined(feed.source.url, (list) => renameFeed(list, feed.source.url, name)))) {
    void vscode.window.showWarningMessage(notEditable(feed.name));
  }
}

async function removeFeedCommand(feeds: FeedService, arg: unknown, confirmed = false): Promise<void> {
  const url = feedUrlOf(arg);
  const feed = url && feeds.store.feedAt(url);
  if (!feed) return;
  const modal = { modal: true, detail: feed.source.url };
  const ask = () => vscode.window.showWarningMessage(`Remove the feed "${feed.name}"?`, modal, 'Remove');
  const answer = confirmed ? 'Remove' : await ask();
  if (answer !== 'Remove') return;
  if (!(await editWhereDefined(feed.source.url, (list) => removeFeed(list, feed.source.url)))) {
    void vscode.window.showWarningMessage(notEditable(feed.name));
  }
}

/**
 * Offers what a refresh found out about a feed, once per feed and finding: a feed that moved for
 * good (HTTP 301/308) gets "Update URL"; an address that is a web page gets the feeds it links to.
 * The decision and the data are the store's (FeedState.movedTo, .feedsOnPage); this only asks.
 */
function offerFeedChanges(feeds: FeedService): vscode.Disposable {
  const offered = new Set<string>();
  const replace = async (url: string, to: string, name: string) => {
    if (!(await editWhereDefined(url, (list) => replaceFeedUrl(list, url, to)))) {
      void vscode.window.showWarningMessage(
        `${name} is set in a settings scope Roundup cannot edit; change roundup.feeds there.`,
      );
    }
  };
  const offer = (url: string) => {
    const feed = feeds.store.feedAt(url);
    if (!feed || feed.refreshing) return;
    const movedKey = `moved ${feed.source.url} ${feed.movedTo}`;
    if (feed.movedTo && feed.movedTo !== feed.source.url && !offered.has(movedKey)) {
      offered.add(movedKey);
      const movedTo = feed.movedTo;
      void vscode.window
        .showInformationMessage(`The feed "${feed.name}" has moved for good to ${movedTo}.`, 'Update URL')
        .then((answer) => (answer ? replace(feed.source.url, movedTo, feed.name) : undefined));
    }
    const page = feed.feedsOnPage ?? [];
    const pageKey = `page ${feed.source.url} ${page.join(' ')}`;
    if (page.length && !offered.has(pageKey)) {
      offered.add(pageKey);
      const button = page.length === 1 ? 'Use this feed' : 'Choose a feed';
      const links = page.length === 1 ? page[0] : `${page.length} feeds`;
      void vscode.window
        .showWarningMessage(`"${feed.name}" is a web page, not a feed; it links to ${links}.`, button)
        .then(async (answer) => {
          if (!answer) return;
          const to = page.length === 1
            ? page[0]
            : await vscode.window.showQuickPick(page, { title: `Feeds linked from ${feed.source.url}` });
          if (to) await replace(feed.source.url, to, feed.name);
        });
    }
  };
  const dispose = feeds.store.onDidChange((urls) => urls?.forEach(offer));
  return { dispose };
}

/** `selection` is the Feeds view's selection: the Retry row runs `roundup.refreshFeed` with no argument. */
export function registerFeedCommands(
  feeds: FeedService,
  selection: () => readonly unknown[],
  lookback: Lookback,
): vscode.Disposable {
  // Every feed command first wakes the feeds up (they load lazily).
  const register = (id: string, run: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      await feeds.ready;
      return run(...(args as never[]));
    });
  return vscode.Disposable.from(
    offerFeedChanges(feeds),
    register('roundup.refresh', () => feeds.refresh()),
    register('roundup.refreshFeed', (arg: unknown) => {
      // The Retry row runs it with no argument: the clicked row is the selected one.
      const url = feedUrlOf(arg ?? selection()[0]);
      return url ? feeds.refresh([url]) : feeds.refresh();
    }),
    // Optional arguments let keybindings and scripts skip the prompts: an address or file, a scope, a name, a
    // confirmation.
    register('roundup.addFeed', (address?: unknown, scope?: ScopeName) =>
      addFeedCommand(feeds, lookback, typeof address === 'string' ? address : undefined, scope),
    ),
    register('roundup.importOpml', (uri?: unknown, scope?: ScopeName) =>
      importOpmlCommand(feeds.log, uri instanceof vscode.Uri ? uri : undefined, scope),
    ),
    register('roundup.renameFeed', (arg: unknown, name?: string) => renameFeedCommand(feeds, arg, name)),
    register('roundup.removeFeed', (arg: unknown, confirmed?: boolean) =>
      removeFeedCommand(feeds, arg, confirmed === true),
    ),
    register('roundup.openEntry', (arg: unknown) => {
      const entry = entryOf(arg);
      if (entry?.link) return vscode.env.openExternal(vscode.Uri.parse(entry.link));
      return undefined;
    }),
    register('roundup.copyLink', async (arg: unknown) => {
      const entry = entryOf(arg);
      if (!entry?.link) return;
      await vscode.env.clipboard.writeText(entry.link);
      vscode.window.setStatusBarMessage(`Copied ${entry.link}`, 3000);
    }),
  );
}
