import * as vscode from 'vscode';
import { extractLinkSet, isIncluded, sameLinks } from '../core/markdown';
import type { FeedEntry } from '../core/feeds/types';
import { isPost } from './documents';

const DEBOUNCE_MS = 300;

/**
 * The links the active markdown post already holds, kept current as the user edits or switches
 * posts; the sidebar and the quick pick mark entries that are already included.
 */
export class IncludedLinks implements vscode.Disposable {
  private links: ReadonlySet<string> = new Set();
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => this.track(editor?.document)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== this.document) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.update(true), DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => d === this.document && this.track(undefined)),
    ];
    this.track(vscode.window.activeTextEditor?.document);
  }

  /**
   * The markdown document whose links are tracked: the active editor's, or the last active one while the
   * sidebar has focus.
   */
  get post(): vscode.TextDocument | undefined {
    return this.document;
  }

  has(entry: FeedEntry): boolean {
    return isIncluded(entry, this.links);
  }

  private track(document: vscode.TextDocument | undefined): void {
    // Focus moving to a panel or the sidebar leaves no active editor: keep the last post.
    if (document === undefined && this.document && !this.document.isClosed) return;
    if (document && !isPost(document)) return;
    this.document = document;
    this.update();
  }

  /**
   * Reads the post's links again. After an edit of the same post, the marks change (and listeners are
   * told) only when its links did: typing prose redraws nothing.
   */
  private update(edited = false): void {
    clearTimeout(this.timer);
    const post = this.document && !this.document.isClosed ? this.document : undefined;
    const links = post ? extractLinkSet(post.getText()) : new Set<string>();
    const same = edited && sameLinks(links, this.links);
    this.links = links;
    if (!same) this.emitter.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
