import * as vscode from 'vscode';
import type { FeedEntry } from '../core/feeds/types';
import { entryDocument, entryDocumentName } from '../core/roundup/reader';
import type { Settings } from './settings';

/** The scheme of the read-only documents that show an entry to read. */
export const ENTRY_SCHEME = 'roundup-entry';

/**
 * The entries opened to read (Read entry), as read-only markdown documents of their own scheme: a
 * content provider's documents cannot be edited or saved. Each entry is kept for as long as the
 * window lives, so that its document still reads (and Insert as quote still knows its entry) after
 * the entry has left its feed.
 */
export class EntryDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly entries = new Map<string, FeedEntry>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly settings: Settings) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(ENTRY_SCHEME, this),
      // The author line maps names through `roundup.authors`: open documents follow the setting.
      settings.onDidChange(() => {
        for (const document of vscode.workspace.textDocuments) {
          if (document.uri.scheme === ENTRY_SCHEME) this.emitter.fire(document.uri);
        }
      }),
    ];
  }

  /** The address of the entry's document (the entry is kept, so the document can be read from it). */
  uriOf(entry: FeedEntry): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: ENTRY_SCHEME,
      path: '/' + entryDocumentName(entry),
      query: `${entry.feed}\n${entry.id}`,
    });
    this.entries.set(uri.toString(), entry);
    return uri;
  }

  /** The entry a document shows, or undefined when it is not an entry's document (or one of a past window). */
  entryOf(document: vscode.TextDocument): FeedEntry | undefined {
    if (document.uri.scheme !== ENTRY_SCHEME) return undefined;
    return this.entries.get(document.uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.entries.get(uri.toString());
    if (!entry) return 'This entry is no longer open in Roundup: read it again from the Roundup sidebar.\n';
    return entryDocument(entry, this.settings.value.authors).text;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
