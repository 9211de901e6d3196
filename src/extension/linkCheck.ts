import * as vscode from 'vscode';
import {
  checkLinks,
  shortHostsOf,
  freshResults,
  linkProblems,
  postLinks,
  updateCache,
  type LinkResult,
} from '../core/links/check';
import { isPost } from './documents';
import { toDiagnostic } from './problems';
import type { Settings } from './settings';

const CACHE_KEY = 'roundup.linkCheck';

/**
 * "Roundup: Check links in this post": every link of the post (cached results younger than a day
 * are not fetched again), with progress and cancel; dead and redirected links become diagnostics
 * that stay until the next check of that post. The fix of a redirected link puts the final URL in.
 */
export function registerLinkCheck(context: vscode.ExtensionContext, settings: Settings): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('roundup-links');
  /** The final URL of each redirected-link diagnostic. */
  const finals = new WeakMap<vscode.Diagnostic, { url: string; finalUrl: string }>();

  /**
   * The fix provider is registered at the first check, not at activation: on VS Code 1.139.1 a second
   * markdown code action provider registered at activation left the front matter fixes unoffered
   * (test/integration/duplicates.test.ts); see the report of issue 13.
   */
  let provider: vscode.Disposable | undefined;
  const check = async (): Promise<number | undefined> => {
    provider ??= vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, fixes, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    });
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isPost(editor.document)) {
      void vscode.window.showInformationMessage('Open a markdown post to check its links.');
      return undefined;
    }
    const document = editor.document;
    const urls = [...new Set(postLinks(document.getText()).map((l) => l.url))];
    const now = new Date();
    const cached = freshResults(context.workspaceState.get(CACHE_KEY), urls, now);
    const todo = urls.filter((u) => !cached.has(u));
    const s = settings.value;
    const shortHosts = shortHostsOf(s.shortener);
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
          shortHosts,
          signal: abort.signal,
          onResult: () =>
            progress.report({ increment: 100 / Math.max(1, todo.length), message: `${++done} of ${todo.length}` }),
        }).then((r) => ({ results: r, cancelled: abort.signal.aborted }));
      },
    );
    await context.workspaceState.update(
      CACHE_KEY,
      updateCache(context.workspaceState.get(CACHE_KEY), checked.results, now),
    );
    if (checked.cancelled) {
      vscode.window.setStatusBarMessage('Roundup: link check cancelled', 3000);
      return undefined;
    }
    const results = new Map<string, LinkResult>([...cached, ...checked.results]);
    const problems = linkProblems(document.getText(), results, s.lint.rules);
    const diagnostics = problems.map((p) => {
      const d = toDiagnostic(document, p);
      const r = results.get(document.getText().slice(p.start, p.end));
      if (r?.kind === 'redirected') finals.set(d, { url: r.url, finalUrl: r.finalUrl });
      return d;
    });
    collection.set(document.uri, diagnostics);
    const dead = problems.filter((p) => p.rule === 'post-dead-link').length;
    vscode.window.setStatusBarMessage(
      `Roundup: ${urls.length} links checked, ${dead} dead, ${problems.length - dead} redirected`,
      5000,
    );
    return problems.length;
  };

  const fixes: vscode.CodeActionProvider = {
    provideCodeActions(document, range) {
      const actions: vscode.CodeAction[] = [];
      for (const d of collection.get(document.uri) ?? []) {
        const redirect = finals.get(d);
        if (!redirect || !d.range.intersection(range)) continue;
        // The diagnostic stays until the next check: offer the fix only while the link is still there.
        if (document.getText(d.range) !== redirect.url) continue;
        const action = new vscode.CodeAction(`Use ${redirect.finalUrl}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.edit = new vscode.WorkspaceEdit();
        const start = document.offsetAt(d.range.start);
        const labelStart = start - redirect.url.length - 2;
        if (labelStart > 0 && document.getText().slice(labelStart - 1, start) === `[${redirect.url}](`) {
          action.edit.replace(
            document.uri,
            new vscode.Range(document.positionAt(labelStart), document.positionAt(labelStart + redirect.url.length)),
            redirect.finalUrl,
          );
        }
        action.edit.replace(document.uri, d.range, redirect.finalUrl);
        actions.push(action);
      }
      return actions;
    },
  };

  return vscode.Disposable.from(
    collection,
    vscode.commands.registerCommand('roundup.checkLinks', check),
    { dispose: () => provider?.dispose() },
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
  );
}
