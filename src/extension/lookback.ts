import * as vscode from 'vscode';
import { isoDay } from '../core/base/utc';
import {
  dayChoiceProblem, entryWindow, windowChoices, windowWords, type EntryWindow, type WindowChoice, type WindowRoundup,
  type WindowSave,
} from '../core/roundup/window';
import type { FeaturedPosts } from './featured';
import type { IncludedLinks } from './included';
import type { Settings } from './settings';

/** A quick input "Change lookback…" shows: the choices, or the box that asks for a day. */
export type LookbackInput = vscode.QuickPick<vscode.QuickPickItem & { choice: WindowChoice }> | vscode.InputBox;

/**
 * The window of entries the sidebar, "Insert roundup entry" and the badge show (core/roundup/window.ts),
 * kept current: it moves when a roundup of the blog is saved or removed (FeaturedPosts follows the posts'
 * files), when the settings change, and when another post is being written (the post being written is
 * never its own last roundup: saving it does not hide what is left to insert). Also the feeds whose
 * older entries the user asked to see ("Show older entries", for the session), and "Change lookback…".
 */
export class Lookback implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  /** Fires when the window moved (a setting, the last roundup) or a feed's older entries are shown. */
  readonly onDidChange = this.changes.event;
  private readonly inputs = new vscode.EventEmitter<LookbackInput>();
  /** Fires with each quick input "Change lookback…" shows, for the tests that drive it as a user would. */
  readonly onDidShowInput = this.inputs.event;
  private readonly older = new Set<string>();
  /** What the window was last made of, to tell a change that moves it from one that does not. */
  private lastKey = '';
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly settings: Settings,
    private readonly featured: FeaturedPosts,
    private readonly included: IncludedLinks,
  ) {
    this.disposables = [
      featured.onDidChange(() => this.check()),
      settings.onDidChange(() => this.check()),
      included.onDidChange(() => this.check()),
      this.changes,
      this.inputs,
    ];
  }

  /** Resolves once the window is known: for "since the last roundup", once the blog's roundups are read. */
  async ready(): Promise<void> {
    if (this.settings.value.window === 'sinceLastRoundup') await this.featured.ready();
  }

  /** Are the blog's roundups read (or not needed)? */
  get isReady(): boolean {
    return this.settings.value.window !== 'sinceLastRoundup' || this.featured.built;
  }

  /** The blog's newest published roundup (not `post`, the one being written; not dated after `now`). */
  lastRoundup(post: vscode.Uri | undefined = this.included.post?.uri, now = new Date()): WindowRoundup | undefined {
    if (!this.featured.built) return undefined;
    return this.featured.index.newestRoundup(post && this.featured.pathOf(post), now);
  }

  /** The window now, for `post` (the post being written by default). */
  window(post: vscode.Uri | undefined = this.included.post?.uri, now = new Date()): EntryWindow {
    const { window, lookbackDays } = this.settings.value;
    const roundup = window === 'sinceLastRoundup' ? this.lastRoundup(post, now) : undefined;
    return entryWindow(window, lookbackDays, now, roundup);
  }

  /** Does the feed show its older entries too? */
  showsOlder(url: string): boolean {
    return this.older.has(url);
  }

  /** Shows the older entries of these feeds too (in the sidebar and the quick pick), until the window is reloaded. */
  showOlder(urls: readonly string[]): void {
    const added = urls.filter((url) => !this.older.has(url));
    added.forEach((url) => this.older.add(url));
    if (added.length > 0) this.changes.fire();
  }

  /**
   * "Change lookback…": since the last roundup, the last 7, 30 or 90 days, or since a day, the current
   * choice marked; the choice saved to the workspace settings (a folder open) else the user settings.
   * Resolves with whether a choice was saved.
   */
  async choose(): Promise<boolean> {
    await this.featured.ready();
    const now = new Date();
    const { window, lookbackDays } = this.settings.value;
    const current = this.window(undefined, now);
    const choices = windowChoices(window, lookbackDays, now, this.lastRoundup(undefined, now));
    const choice = await this.pickChoice(choices, `Entries shown now: ${windowWords(current)}`);
    if (!choice) return false;
    let save: WindowSave;
    if (choice.save === 'askDay') {
      const day = await this.askDay(now, current);
      if (!day) return false;
      save = { window: day };
    } else save = choice.save;
    const target = vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    const config = vscode.workspace.getConfiguration('roundup');
    if (save.lookbackDays !== undefined) await config.update('lookbackDays', save.lookbackDays, target);
    await config.update('window', save.window, target);
    return true;
  }

  private pickChoice(choices: readonly WindowChoice[], placeholder: string): Promise<WindowChoice | undefined> {
    return new Promise((resolve) => {
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { choice: WindowChoice }>();
      pick.title = 'Change lookback: which entries to show';
      pick.placeholder = placeholder;
      pick.items = choices.map((choice) => ({ label: choice.label, description: choice.description, choice }));
      pick.activeItems = pick.items.filter((item) => item.choice.current);
      let chosen: WindowChoice | undefined;
      pick.onDidAccept(() => {
        chosen = pick.activeItems[0]?.choice;
        pick.hide();
      });
      pick.onDidHide(() => {
        pick.dispose();
        resolve(chosen);
      });
      pick.show();
      this.inputs.fire(pick);
    });
  }

  /** Asks for a day (YYYY-MM-DD, not in the future), the window's start day filled in. */
  private askDay(now: Date, current: EntryWindow): Promise<string | undefined> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      box.title = 'Change lookback: show entries since a day';
      box.prompt = 'Entries published on this day (UTC) or later are shown';
      box.placeholder = 'YYYY-MM-DD';
      box.value = current.since ? isoDay(current.since) : '';
      box.valueSelection = [0, box.value.length];
      let day: string | undefined;
      box.onDidChangeValue((value) => {
        box.validationMessage = value.trim() === '' ? undefined : dayChoiceProblem(value, now);
      });
      box.onDidAccept(() => {
        const problem = dayChoiceProblem(box.value, now);
        box.validationMessage = problem;
        if (problem) return;
        day = box.value.trim();
        box.hide();
      });
      box.onDidHide(() => {
        box.dispose();
        resolve(day);
      });
      box.show();
      this.inputs.fire(box);
    });
  }

  /** What the window is made of now: the settings and the last roundup. */
  private key(): string {
    const { window, lookbackDays } = this.settings.value;
    const roundup = window === 'sinceLastRoundup' ? this.lastRoundup() : undefined;
    return `${this.isReady}\n${window}\n${lookbackDays}\n${roundup?.title ?? ''}\n${roundup?.date.getTime() ?? ''}`;
  }

  /** Tells the window moved, when it did. */
  private check(): void {
    const key = this.key();
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.changes.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
