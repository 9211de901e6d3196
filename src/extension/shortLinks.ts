import * as vscode from 'vscode';
import type { FeedEntry } from '../core/feeds/types';
import { parseShortLinks, shortenAll, shortenUrl, shortLinkEdits, entryLinks, type ShortenAllResult } from '../core/links/shortener';
import { isPost } from './diagnostics';
import { setShortLinkResolver } from './insert';
import type { Settings } from './settings';

const MAP_KEY = 'roundup.shortLinks';
const SECRET_KEY = 'roundup.shortener.signature';

/**
 * Short links: the shortener of `roundup.shortener` with its signature from SecretStorage, and the
 * workspace's map long link -> short link (so an entry always gets the same short link).
 */
export class ShortLinks {
  constructor(private readonly context: vscode.ExtensionContext, private readonly settings: Settings, private readonly log: vscode.OutputChannel) {}

  get links(): Map<string, string> {
    return parseShortLinks(this.context.workspaceState.get(MAP_KEY));
  }

  /**
   * Short links for `urls`: known ones from the map, new ones from the shortener (saved at once).
   * undefined with no shortener configured; a missing signature or a failure leaves links long and says why.
   */
  async shorten(urls: readonly string[], signal?: AbortSignal): Promise<ShortenAllResult | undefined> {
    const shortener = this.settings.value.shortener;
    if (!shortener) return undefined;
    const signature = (await this.context.secrets.get(SECRET_KEY)) ?? '';
    const version = String(this.context.extension.packageJSON.version);
    const timeoutMs = this.settings.value.fetch.timeoutSeconds * 1000;
    const result = await shortenAll(urls, this.links, (url) => shortenUrl(url, { url: shortener.url, signature }, { version, timeoutMs, signal }), { shortenerUrl: shortener.url });
    if (result.made.size > 0) {
      const saved = Object.fromEntries(this.links);
      for (const [k, v] of result.made) saved[k] = v;
      await this.context.workspaceState.update(MAP_KEY, saved);
    }
    if (result.failures.length > 0) {
      for (const f of result.failures) this.log.appendLine(`[shortener] ${f.url}: ${f.message}`);
      const first = result.failures[0];
      const more = result.failures.length > 1 ? ` (and ${result.failures.length - 1} more; see the Roundup output)` : '';
      const setSignature = /signature/i.test(first.message) ? ['Set shortener signature'] : [];
      void vscode.window.showWarningMessage(`Roundup left ${first.url} long: ${first.message}${more}`, ...setSignature).then((a) => {
        if (a) void vscode.commands.executeCommand('roundup.setShortenerSignature');
      });
    }
    return result;
  }
}

/** Asks for the signature (a string argument, from a script or a test, is taken as the answer). */
async function setSignature(context: vscode.ExtensionContext, given?: unknown): Promise<boolean> {
  const value = typeof given === 'string' ? given : await vscode.window.showInputBox({
    title: 'Shortener signature',
    prompt: 'The YOURLS signature token (Tools page of your YOURLS admin). Kept in VS Code\'s secret storage, never in settings. Empty removes it.',
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
    const answer = await vscode.window.showInformationMessage('No shortener is set up: set roundup.shortener to your YOURLS API address.', 'Open Settings');
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
    if (result.failures.length === 0) vscode.window.setStatusBarMessage('Roundup: no long entry links to shorten', 3000);
    return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  // Computed on the text it applies to: refused if the post changed meanwhile.
  if (document.getText() !== text || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Roundup could not shorten the links: the post changed meanwhile. Try again.');
    return 0;
  }
  return edits.filter((e) => !text.slice(e.start - 1, e.start).startsWith('[')).length;
}

export function registerShortLinks(context: vscode.ExtensionContext, settings: Settings, log: vscode.OutputChannel): vscode.Disposable {
  const shortLinks = new ShortLinks(context, settings, log);
  return vscode.Disposable.from(
    setShortLinkResolver(async (entries: readonly FeedEntry[]) => (await shortLinks.shorten(entries.map((e) => e.link)))?.links),
    vscode.commands.registerCommand('roundup.setShortenerSignature', (given?: unknown) => setSignature(context, given)),
    vscode.commands.registerCommand('roundup.shortenLinks', () => shortenPost(shortLinks, settings)),
  );
}
