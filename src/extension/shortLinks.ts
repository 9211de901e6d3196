import * as vscode from 'vscode';
import { entryLinks, shortLinkEdits } from '../core/links/shortener';
import { isPost } from './documents';
import type { Settings } from './settings';
import { SECRET_KEY, type ShortLinks } from './shortLinkService';

/** Asks for the signature (a string argument, from a script or a test, is taken as the answer). */
async function setSignature(context: vscode.ExtensionContext, given?: unknown): Promise<boolean> {
  const value =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: 'Shortener signature',
          prompt:
            'The YOURLS signature token (Tools page of your YOURLS admin). ' +
            "Kept in VS Code's secret storage, never in settings. Empty removes it.",
          password: true,
          ignoreFocusOut: true,
        });
  if (value === undefined) return false;
  if (value.trim()) await context.secrets.store(SECRET_KEY, value.trim());
  else await context.secrets.delete(SECRET_KEY);
  return true;
}

/** "Shorten links in this post": the post's entry links (read-more lines, list items) to short links, as one edit. */
async function shortenPost(shortLinks: ShortLinks, settings: Settings): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isPost(editor.document)) {
    void vscode.window.showInformationMessage('Open a markdown post to shorten its links.');
    return 0;
  }
  if (!settings.value.shortener) {
    const answer = await vscode.window.showInformationMessage(
      'No shortener is set up: set roundup.shortener to your YOURLS API address.',
      'Open Settings',
    );
    if (answer) await vscode.commands.executeCommand('workbench.action.openSettings', 'roundup.shortener');
    return 0;
  }
  const document = editor.document;
  const urls = entryLinks(document.getText()).map((l) => l.url);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Roundup: shortening links…', cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return shortLinks.shorten(urls, abort.signal);
    },
  );
  if (!result) return 0;
  const text = document.getText();
  const edits = shortLinkEdits(text, result.links);
  if (edits.length === 0) {
    if (result.failures.length === 0)
      vscode.window.setStatusBarMessage('Roundup: no long entry links to shorten', 3000);
    return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  // Computed on the text it applies to: refused if the post changed meanwhile.
  if (document.getText() !== text || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Roundup could not shorten the links: the post changed meanwhile. Try again.');
    return 0;
  }
  return edits.filter((e) => !text.slice(e.start - 1, e.start).startsWith('[')).length;
}

/** "Set shortener signature" and "Shorten links in this post"; inserting uses `shortLinks` through insert.ts. */
export function registerShortLinks(
  context: vscode.ExtensionContext,
  settings: Settings,
  shortLinks: ShortLinks,
): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('roundup.setShortenerSignature', (given?: unknown) => setSignature(context, given)),
    vscode.commands.registerCommand('roundup.shortenLinks', () => shortenPost(shortLinks, settings)),
  );
}
