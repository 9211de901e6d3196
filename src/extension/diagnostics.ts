import * as vscode from 'vscode';
import { MARKDOWN_EXTENSION_NAMES } from '../core/roundup/post';
import { isPost } from './documents';
import type { PostProblems } from './problems';

const DEBOUNCE_MS = 300;

/**
 * Front matter diagnostics for markdown documents: on open, on change (debounced), cleared on close
 * and when the file is deleted.
 * Linting is synchronous and reads the document's current text when the timer fires, so what is
 * published always belongs to the version the document has then; a pending lint of a closed document
 * is cancelled. PostProblems lints, publishes, and keeps the problems for the code actions.
 */
export function registerDiagnostics(
  problems: PostProblems,
  onSettings: vscode.Event<void>,
  onPostsChanged: vscode.Event<void>,
): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();

  const schedule = (document: vscode.TextDocument, delay: number) => {
    if (!isPost(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      problems.update(document);
    }, delay));
  };

  const cancel = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
  };

  const forget = (document: vscode.TextDocument) => {
    cancel(document);
    problems.forget(document.uri);
  };

  const relintAll = () => vscode.workspace.textDocuments.forEach((d) => (isPost(d) ? schedule(d, 0) : forget(d)));

  // A post deleted outside the editor (a terminal, git) keeps no problems, even while its tab is open,
  // until it is edited or its file is written again.
  const openUnder = (uri: vscode.Uri) =>
    vscode.workspace.textDocuments.filter(
      (d) => d.uri.scheme === uri.scheme && (d.uri.path === uri.path || d.uri.path.startsWith(`${uri.path}/`)),
    );
  const deleted = (uri: vscode.Uri) => {
    problems.forget(uri);
    for (const d of openUnder(uri)) {
      cancel(d);
      problems.deletedOnDisk(d.uri);
    }
  };
  const created = (uri: vscode.Uri) => {
    for (const d of openUnder(uri)) if (problems.restored(d.uri)) schedule(d, 0);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  // Only markdown files written again matter: the watcher is not told of every file a build writes.
  const markdown = `**/*.{${MARKDOWN_EXTENSION_NAMES.join(',')}}`;
  const writtenAgain = vscode.workspace.createFileSystemWatcher(markdown, false, true, true);

  relintAll();
  return vscode.Disposable.from(
    watcher,
    watcher.onDidDelete(deleted),
    writtenAgain,
    writtenAgain.onDidCreate(created),
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      problems.restored(e.document.uri);
      schedule(e.document, DEBOUNCE_MS);
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    onSettings(relintAll),
    // Which files are posts changed (a posts folder found, roundup.posts): a page becomes a post or back.
    onPostsChanged(relintAll),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
