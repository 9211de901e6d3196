import * as vscode from 'vscode';
import {
  checkLinks,
  describeLinkResult,
  shortHostsOf,
  freshResults,
  postLinks,
  updateCache,
  type LinkResult,
} from '../core/links/check';
import { isPost } from './documents';
import type { PostProblems } from './problems';
import type { Settings } from './settings';

const CACHE_KEY = 'roundup.linkCheck';

/**
 * "Roundup: Check links in this post": every link of the post (cached results younger than a day
 * are not fetched again), with progress and cancel; dead and redirected links become problems of the
 * post (`PostProblems`, with the lint's) that stay until the next check of that post. The fix of a
 * redirected link puts the final URL in. Resolves with the number of problems found.
 */
export function registerLinkCheck(
  context: vscode.ExtensionContext,
  settings: Settings,
  problems: PostProblems,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const check = async (): Promise<number | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isPost(editor.document)) {
      void vscode.window.showInformationMessage('Open a markdown post to check its links.');
      return undefined;
    }
    const document = editor.document;
    const urls = [...new Set(postLinks(document.getText()).map((l) => l.url))];
    const results = await resultsOf(context, settings, urls, log);
    if (!results) {
      vscode.window.setStatusBarMessage('Roundup: link check cancelled', 3000);
      return undefined;
    }
    const found = problems.linksChecked(document, results);
    const dead = found.filter((p) => p.rule === 'post-dead-link').length;
    vscode.window.setStatusBarMessage(
      `Roundup: ${urls.length} links checked, ${dead} dead, ${found.length - dead} redirected`,
      5000,
    );
    return found.length;
  };
  return vscode.commands.registerCommand('roundup.checkLinks', check);
}

/**
 * The result of each URL: from the workspace's cache when younger than a day, else checked now (with
 * progress and cancel) and cached. Undefined when the check was cancelled (what was checked is cached).
 */
async function resultsOf(
  context: vscode.ExtensionContext,
  settings: Settings,
  urls: readonly string[],
  log: vscode.LogOutputChannel,
): Promise<Map<string, LinkResult> | undefined> {
  const now = new Date();
  const cached = freshResults(context.workspaceState.get(CACHE_KEY), urls, now);
  const todo = urls.filter((u) => !cached.has(u));
  const s = settings.value;
  const checked = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Roundup: checking links', cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let done = 0;
      progress.report({ message: `0 of ${todo.length}` });
      return checkLinks(todo, {
        version: String(context.extension.packageJSON.version),
        timeoutMs: s.fetch.timeoutSeconds * 1000,
        shortHosts: shortHostsOf(s.shortener),
        signal: abort.signal,
        onResult: () =>
          progress.report({ increment: 100 / Math.max(1, todo.length), message: `${++done} of ${todo.length}` }),
      }).then((r) => ({ results: r, cancelled: abort.signal.aborted }));
    },
  );
  const cancelled = checked.cancelled ? ' (cancelled)' : '';
  const counts = `${urls.length} links, ${cached.size} from the last day's checks, ${checked.results.size} checked now`;
  log.info(`links: ${counts}${cancelled}`);
  for (const result of checked.results.values()) log.info(`links: ${describeLinkResult(result)}`);
  const cache = updateCache(context.workspaceState.get(CACHE_KEY), checked.results, now);
  await context.workspaceState.update(CACHE_KEY, cache);
  return checked.cancelled ? undefined : new Map<string, LinkResult>([...cached, ...checked.results]);
}
