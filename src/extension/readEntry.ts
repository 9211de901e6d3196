import * as vscode from 'vscode';
import { entriesOf } from '../core/feeds/args';
import { UNTITLED, type FeedEntry } from '../core/feeds/types';
import { collapseWhitespace } from '../core/html/text';
import { isSummaryOnly } from '../core/roundup/reader';
import { ENTRY_SCHEME, type EntryDocuments } from './entryDocuments';

/** How Read entry opens the document; the quick pick keeps the focus, so that it stays open. */
interface ReadOptions {
  preserveFocus?: boolean;
}

/**
 * The column to read in: the one an entry's document already shows in (reading one entry after another
 * keeps to one column beside the post), else beside the active editor.
 */
function readingColumn(): vscode.ViewColumn {
  const reading = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === ENTRY_SCHEME);
  return reading?.viewColumn ?? vscode.ViewColumn.Beside;
}

/** When the feed gives only a summary, says so, with Open in browser (the document says it too). */
async function offerBrowser(entry: FeedEntry): Promise<void> {
  const title = collapseWhitespace(entry.title) || UNTITLED;
  const message = `The feed gives only a summary of "${title}".`;
  const answer = await vscode.window.showInformationMessage(message, 'Open in browser');
  if (answer) await vscode.commands.executeCommand('roundup.openEntry', entry);
}

/**
 * roundup.readEntry: the entry's text as a read-only markdown document beside the post. Resolves with
 * its editor (undefined when no entry was given).
 */
async function readEntry(
  documents: EntryDocuments,
  entry: FeedEntry | undefined,
  options: ReadOptions,
): Promise<vscode.TextEditor | undefined> {
  if (!entry) return undefined;
  const document = await vscode.workspace.openTextDocument(documents.uriOf(entry));
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: readingColumn(),
    preserveFocus: options.preserveFocus === true,
    preview: true,
  });
  if (entry.link && isSummaryOnly(entry.summaryHtml)) void offerBrowser(entry);
  return editor;
}

/**
 * Read entry: from a sidebar row (its inline action and menu), the quick pick's button (the entry and
 * `{ preserveFocus: true }`), or a caller with an entry.
 */
export function registerReadEntry(documents: EntryDocuments, selection: () => readonly unknown[]): vscode.Disposable {
  return vscode.commands.registerCommand('roundup.readEntry', (arg?: unknown, second?: unknown) => {
    const options = second && typeof second === 'object' && !Array.isArray(second) ? (second as ReadOptions) : {};
    const [entry] = arg === undefined ? entriesOf(selection()) : entriesOf(arg);
    return readEntry(documents, entry, options);
  });
}
