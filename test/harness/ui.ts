// The library UI tests (test/ui, mocha in plain node) drive VS Code with: a code-server with the
// extension under development and a fresh copy of a workspace, a playwright page on it, and
// helpers that wait for conditions (never for a fixed time).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { install, type Installation } from './install';
import { createRunDir, serverEnv, startServer, type RunDir, type Server } from './server';
import { log, outputDir, projectRoot, runLogged, seconds, waitFor as poll } from './util';
import { DEFAULT_VERSION, resolveVersions, type VersionSpec } from './versions';
import { developmentOptions, injectDevelopmentOptions, workbenchUrl } from './workbench';

export interface OpenOptions {
  /** A folder copied fresh into the run and opened as the workspace. Default: test/fixtures/workspace. */
  workspace?: string;
  /** Default: env ROUNDUP_VSCODE, else 1.100.3. */
  version?: string;
  /** Default: the project root. */
  extensionDevelopmentPath?: string;
  /**
   * A packaged extension to test instead: installed with code-server's own `--install-extension`
   * into the run's empty extensions folder, and the workbench opened without any extension under development.
   */
  vsix?: string;
  /** User settings on top of the harness's seeded ones. */
  settings?: Record<string, unknown>;
  /**
   * Files written into the workspace copy before VS Code starts (path relative to the workspace: text),
   * so that Quick Open and the Explorer know them without waiting for the file watcher.
   */
  files?: Record<string, string>;
}

export interface WaitOptions {
  /** The safety net: how long before the wait fails (default {@link SAFETY_NET_MS}). */
  timeout?: number;
}

/**
 * How long a wait may take before it fails: a safety net only, far beyond what a step takes on a loaded
 * machine, and below a test's timeout so that the wait's own message (and screenshot) is what fails.
 */
export const SAFETY_NET_MS = 60_000;

/** How long one try of an input (a click) may wait for its target before it is tried again. */
const INPUT_TIMEOUT_MS = 5000;

/** How long a notification is looked for as a toast before the notification center is opened. */
const TOAST_MS = 8000;

/** Monaco renders spaces as U+00A0; tests compare with ordinary spaces. */
export function normalizeEditorText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/**
 * Rebuilds the editor's lines from Monaco's rendered view lines (absolutely positioned, in no
 * particular DOM order). A view line whose top has no line number beside it is the continuation
 * of a wrapped line. Without line numbers (none rendered) every view line is a line.
 */
export function joinViewLines(lines: { top: number; text: string }[], numberTops: number[]): string {
  const starts = new Set(numberTops.map((t) => Math.round(t)));
  const out: string[] = [];
  for (const line of [...lines].sort((a, b) => a.top - b.top)) {
    const continuation = starts.size > 0 && out.length > 0 && !starts.has(Math.round(line.top));
    if (continuation) out[out.length - 1] += line.text;
    else out.push(line.text);
  }
  return normalizeEditorText(out.join('\n'));
}

/** A file name usable for a screenshot. */
export function screenshotName(name: string): string {
  const safe = name.replace(/\.png$/i, '').replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!safe) throw new Error(`not a usable screenshot name: "${name}"`);
  return `${safe}.png`;
}

/** A part of the window, in CSS pixels from its top left corner. */
export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of the window a walkthrough step shows (from the left: the sidebar and the start of the
 * editor). The walkthrough draws its pictures at two thirds of their size in a narrow column: the whole
 * window would be unreadable there, and too heavy for the .vsix.
 */
export const WALKTHROUGH_CLIP: Clip = { x: 0, y: 0, width: 700, height: 420 };

/** What editorText reads of a rendered line (the project compiles without the DOM types). */
interface RenderedLine {
  style: { top: string };
  textContent: string | null;
}

/** The sessions open now: a failing test's screenshots are taken of these. */
const open = new Set<VSCodeSession>();

export function openSessions(): readonly VSCodeSession[] {
  return [...open];
}

/** How many sessions this process has opened: each keeps its logs under a label of its own. */
let opened = 0;

export class VSCodeSession {
  private closed = false;

  constructor(
    readonly page: Page,
    readonly spec: VersionSpec,
    readonly server: Server,
    readonly browser: Browser,
    readonly run: RunDir,
    /** The workspace folder (the fresh copy) on disk. */
    readonly workspace: string,
  ) {}

  /**
   * Polls `condition` until truthy; on timeout fails with `message`, saving a screenshot of the
   * moment (its path is in the error).
   */
  async waitFor<T>(condition: () => T | Promise<T>, message: string, options: WaitOptions = {}): Promise<NonNullable<T>> {
    try {
      return await poll(condition, { timeout: options.timeout ?? SAFETY_NET_MS, message, interval: 100 });
    } catch (error) {
      const shot = await this.screenshot(`failure-${Date.now()}`).catch(() => undefined);
      const errors = this.browser.consoleErrors.slice(-5).join('\n  ');
      const extra = `${shot ? `\nscreenshot: ${shot}` : ''}${errors ? `\nlast browser errors:\n  ${errors}` : ''}`;
      if (error instanceof Error) error.message += extra;
      throw error;
    }
  }

  /** Waits until `locator` (or a CSS selector) has a visible match. */
  async waitForVisible(target: string | Locator, message?: string, options: WaitOptions = {}): Promise<Locator> {
    const locator = typeof target === 'string' ? this.page.locator(target) : target;
    await this.waitFor(
      () => locator.first().isVisible(),
      message ?? `${typeof target === 'string' ? target : locator.toString()} to be visible`,
      options,
    );
    return locator.first();
  }

  /** Waits until nothing matching `target` (a locator or a CSS selector) is visible. */
  async waitForHidden(target: string | Locator, message?: string, options: WaitOptions = {}): Promise<void> {
    const locator = typeof target === 'string' ? this.page.locator(target) : target;
    await this.waitFor(async () => !(await locator.first().isVisible()), message ?? `${locator.toString()} to be hidden`, options);
  }

  /** The input box of the quick input (palette, Quick Open, a command's question). */
  get quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input').first();
  }

  /**
   * Opens the command palette (F1) or Quick Open (Ctrl+P) and returns its input box; the key is pressed
   * again when it went astray (pressed before the page had the focus).
   */
  private async openQuickInput(key: 'F1' | 'Control+P'): Promise<Locator> {
    const box = this.quickInputBox;
    const palette = key === 'F1';
    await this.act(
      `${key} to open ${palette ? 'the command palette' : 'Quick Open'}`,
      () => this.page.keyboard.press(key),
      async () => (await box.isVisible()) && (await box.inputValue()).startsWith('>') === palette,
    );
    return box;
  }

  /**
   * Chooses the row of a quick input whose aria label is `label` (or starts with it, then a comma or
   * an ellipsis): Enter when it has the focus, else a click on it. Given again while the quick input still
   * shows `typed` (a click dropped during a redraw); done once it closed or moved on to another question.
   */
  private async chooseRow(label: string, typed: string): Promise<void> {
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const isOurs = (aria: string | null) => aria !== null && aria.startsWith(label) && (aria === label || /^[,.…]/.test(aria.slice(label.length)));
    const ours = rows.and(this.page.locator(`[aria-label^="${label.replace(/["\\]/g, '\\$&')}"]`));
    await this.waitFor(async () => {
      for (const aria of await ours.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) if (isOurs(aria)) return true;
      return false;
    }, `"${label}" in the list`);
    const widget = this.page.locator('.quick-input-widget').first();
    await this.act(
      `"${label}" to be chosen`,
      async () => {
        const focused = await rows.and(this.page.locator('.focused')).first().getAttribute('aria-label', { timeout: 2000 }).catch(() => null);
        if (isOurs(focused)) await this.page.keyboard.press('Enter');
        else await ours.first().click({ timeout: 2000 }).catch(() => undefined);
      },
      async () => !(await widget.isVisible()) || (await this.quickInputBox.inputValue()) !== typed,
    );
  }

  /**
   * Opens a file of the workspace (`path` relative to it) through Quick Open (Ctrl+P), by its absolute
   * path: Quick Open finds it so even before the file watcher has reported a file written meanwhile.
   */
  async openFile(path: string): Promise<void> {
    const name = basename(path);
    const input = await this.openQuickInput('Control+P');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    // Typed again when the search has not found it: a new search.
    await this.act(`"${name}" among Quick Open's results`, async () => {
      await input.fill('');
      await input.fill(join(this.workspace, path));
    }, () => row.isVisible(), { patience: 10_000 });
    await this.page.keyboard.press('Enter');
    await this.waitForHidden('.quick-input-widget', 'Quick Open to close');
    await this.waitFor(
      async () => (await this.page.locator('.tabs-container .tab.active').first().getAttribute('aria-label'))?.includes(name),
      `the editor tab of ${name} to be active`,
    );
    await this.waitForVisible('.editor-group-container.active .monaco-editor .view-lines', `the editor of ${name}`);
  }

  /**
   * Gives an input that VS Code may drop, and goes on only once its effect shows. A click that lands
   * while a list redraws its rows is dropped (microsoft/vscode#173233: the row is selected, its command
   * never runs), and a key pressed before the widget it is meant for has the focus goes elsewhere. So:
   * `effect` is checked first (an input that took is never given again); then the input is given and
   * its effect awaited for `patience` ms; when it has not shown, the input is given again, until the
   * safety net (`timeout`) fails the test, saying what was awaited. `input` must be safe to give again
   * while `effect` is false (a click on a row whose command has not run; a toggle only when its state
   * says it is off). Returns how many times the input was given.
   */
  async act(
    what: string,
    input: () => Promise<unknown>,
    effect: () => Promise<boolean>,
    options: { patience?: number; timeout?: number } = {},
  ): Promise<number> {
    const patience = options.patience ?? 3000;
    let given = 0;
    await this.waitFor(async () => {
      if (await effect()) return true;
      if (given > 0) log('ui', `${what}: not yet after ${seconds(patience)}; the input is given again (dropped by VS Code?)`);
      given++;
      // An input that cannot be given now (its target is being redrawn) is given again too.
      await input().catch((error: unknown) => log('ui', `${what}: the input failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`));
      return poll(async () => (await effect()) || undefined, { timeout: patience, message: what, interval: 100 }).then(() => true, () => false);
    }, what, { timeout: options.timeout });
    return given;
  }

  /**
   * Hovers `target` until `done` shows (a tooltip, a hover). The pointer first leaves for the window's
   * corner: a hover given again at the same spot moves nothing, so VS Code would see no new hover (one
   * that started while the editor laid out its decorations, or the view drew its rows again, shows nothing).
   * Forced: a squiggle lies under the text it marks.
   */
  async hover(target: Locator, done: () => Promise<boolean>, what = `a hover on ${target.toString()} to take`): Promise<void> {
    await this.act(what, async () => {
      await this.page.mouse.move(0, 0);
      await target.first().hover({ force: true, timeout: INPUT_TIMEOUT_MS });
    }, done);
  }

  /** Clicks `target` (a row, a button) until `done` shows: once more when VS Code dropped the click (see {@link act}). */
  async click(target: Locator, done: () => Promise<boolean>, what = `a click on ${target.toString()} to take`): Promise<void> {
    await this.act(what, () => target.first().click({ timeout: INPUT_TIMEOUT_MS }), done);
  }

  /**
   * The notification that holds `text`: its toast, or its row in the notification center. VS Code hides
   * an untouched toast after 10 to 20 s, which a step on a loaded machine can outlast; the center keeps it.
   */
  notification(text: string | RegExp): Locator {
    return this.page
      .locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
      .filter({ hasText: text })
      .first();
  }

  /**
   * Waits for the notification that holds `text`: as a toast, or, when it has not shown as one for a
   * while (it may have hidden itself, or never shown: VS Code shows no toast while the center is open),
   * in the notification center, which this then opens, and opens again whenever it has closed meanwhile
   * (the center hides itself, for one, when the last notification in it goes).
   */
  async waitForNotification(text: string | RegExp, what: string): Promise<Locator> {
    const item = this.notification(text);
    const seenAsToast = await poll(() => item.isVisible(), { timeout: TOAST_MS, message: what, interval: 100 }).then(() => true, () => false);
    if (!seenAsToast) await this.act(`${what} in the notification center`, () => this.showNotificationCenter(), () => item.isVisible());
    return item;
  }

  /** Clicks the button `label` of the notification that holds `text` until `done` shows (see {@link act}). */
  async clickNotificationButton(text: string | RegExp, label: string, done: () => Promise<boolean>, what: string): Promise<void> {
    const item = this.notification(text);
    await this.act(what, async () => {
      if (!(await item.isVisible())) await this.showNotificationCenter();
      await item.locator('.monaco-button', { hasText: label }).first().click({ timeout: INPUT_TIMEOUT_MS });
    }, done);
  }

  /** Opens the notification center (where notifications stay once their toasts have hidden). */
  async showNotificationCenter(): Promise<void> {
    const center = this.page.locator('.notifications-center.visible').first();
    if (!(await center.isVisible())) await this.runCommand('Notifications: Show Notifications');
    await this.waitForVisible(center, 'the notification center');
  }

  /** Presses a key (a shortcut) until `done` shows: once more when it went astray (see {@link act}). */
  async press(key: string, done: () => Promise<boolean>, what = `${key} to take`): Promise<void> {
    await this.act(what, () => this.page.keyboard.press(key), done);
  }

  /**
   * Shows the Roundup view container. A click on its activity bar icon toggles it (and VS Code may
   * restore it open after a reload): clicked only while the icon says it is closed.
   */
  async showRoundup(): Promise<void> {
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="Roundup"]').first();
    const container = this.page.locator('.sidebar .composite.title', { hasText: /Roundup/i }).first();
    await this.waitForVisible(icon, 'the Roundup icon in the activity bar');
    await this.act(
      'the Roundup view container to show',
      async () => {
        if ((await icon.getAttribute('aria-expanded')) !== 'true') await icon.click();
      },
      () => container.isVisible(),
    );
  }

  /**
   * Puts the cursor of the active editor at `line`:`column` (1-based) with Go to Line (Ctrl+G), and
   * waits for the status bar to say so.
   */
  async cursorAt(line: number, column = 1): Promise<void> {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    const status = this.page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\s*$`) });
    await this.act(`the cursor at line ${line}, column ${column}`, async () => {
      await editor.click();
      await this.page.keyboard.press('Control+G');
      const box = this.quickInputBox;
      await box.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
      if (!(await box.isVisible())) return;
      // Go to Line is Quick Open with its ":" prefix, which the fill replaces.
      await box.fill(`:${line}:${column}`);
      await this.page.keyboard.press('Enter');
    }, () => status.first().isVisible());
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M, pressed only while the panel is closed: it toggles) and
   * returns its row that holds `text`.
   */
  async showProblems(text: string): Promise<Locator> {
    const panel = this.page.locator('.markers-panel').first();
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    await this.act(
      `the problem "${text}" in the Problems panel`,
      async () => {
        if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
      },
      () => row.isVisible(),
    );
    return row;
  }

  /**
   * Opens the quick fix menu at the cursor (Ctrl+.) and returns its row titled `title`. Ctrl+. is
   * pressed again when it brought no answer at all (the key went astray), or "No code actions available"
   * while VS Code's light bulb shows actions at the cursor (a request VS Code dropped: below). A menu
   * without the fix, or "No code actions available" with no light bulb, is the product's answer and
   * fails the test.
   */
  async quickFixMenu(title: string): Promise<Locator> {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
    const menu = this.page.locator('.action-widget').first();
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    const none = this.page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' }).first();
    // The light bulb VS Code shows (gutter or beside the text) when it found code actions at the cursor.
    const bulb = editor.locator('.lightBulbWidget, [class*="codicon-gutter-lightbulb"]').filter({ visible: true }).first();
    const opened = async () => (await menu.isVisible()) || (await none.isVisible());
    await this.press('Control+.', opened, 'Ctrl+. to open the quick fix menu');
    // VS Code answers a request with nothing when a code action provider registers while it runs (an
    // extension activated by the post just opened starting its language server): it then says "No code
    // actions available" though its light bulb shows actions at the cursor. A user would ask again.
    for (let asked = 1; asked < 3 && (await none.isVisible()); asked++) {
      const shown = await poll(async () => (await bulb.isVisible()) || undefined, { timeout: 5000, message: 'the light bulb', interval: 100 }).then(() => true, () => false);
      if (!shown) break;
      log('ui', 'Ctrl+.: VS Code said "No code actions available" while its light bulb showed actions: asked again');
      await this.press('Escape', async () => !(await none.isVisible()), 'the message to close');
      await this.press('Control+.', opened, 'Ctrl+. to open the quick fix menu');
    }
    const offered = (await menu.isVisible()) ? await menu.locator('.monaco-list-row').allTextContents() : [];
    if (!(await row.isVisible())) {
      const shot = await this.screenshot(`failure-${Date.now()}`);
      const answer = (await none.isVisible()) ? '"No code actions available"' : `a menu of ${JSON.stringify(offered)}`;
      throw new Error(`Ctrl+. did not offer the quick fix "${title}": VS Code showed ${answer}\nscreenshot: ${shot}`);
    }
    return row;
  }

  /** Opens a walkthrough by its title (Welcome: Open Walkthrough) and waits for its page. */
  async openWalkthrough(title: string): Promise<Locator> {
    // The command opens a second list at once (the walkthroughs), so no waiting for the palette to close.
    await this.startCommand('Welcome: Open Walkthrough');
    const row = (text: string) => this.page.locator('.quick-input-list .monaco-list-row', { hasText: text });
    await this.waitForVisible(row('Learn the Fundamentals'), 'the list of walkthroughs');
    await this.quickInputBox.fill(title);
    await this.waitForVisible(row(title), `the walkthrough "${title}" in the list`);
    await this.page.keyboard.press('Enter');
    return this.waitForVisible('.gettingStartedContainer', `the walkthrough "${title}"`);
  }

  /**
   * The picture a walkthrough step shows, once loaded: its alt text, and its natural width (0 when the
   * file is missing: a broken image).
   */
  async walkthroughImage(): Promise<{ alt: string; width: number }> {
    const img = this.page.locator('.gettingStartedContainer .getting-started-media img').first();
    await this.waitFor(() => img.evaluate((el: { complete: boolean }) => el.complete), 'the step\'s picture to load');
    return img.evaluate((el: { alt: string; naturalWidth: number }) => ({ alt: el.alt, width: el.naturalWidth }));
  }

  /** Runs a command by its palette label (F1), and waits for the palette to close. */
  async runCommand(label: string): Promise<void> {
    await this.startCommand(label);
    await this.waitForHidden('.quick-input-widget', `the palette to close after "${label}"`);
  }

  /**
   * Runs a command by its palette label (F1) without waiting for the palette to close: for a command
   * that goes on to ask in a quick input of its own.
   */
  async startCommand(label: string): Promise<void> {
    const input = await this.openQuickInput('F1');
    await input.fill(`>${label}`);
    await this.chooseRow(label, `>${label}`);
  }

  /**
   * The text the active editor shows: its rendered lines top to bottom, spaces normalised. Only
   * what is rendered (the visible part); lines wrapped on screen are joined back into one.
   */
  async editorText(): Promise<string> {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
    const rendered = await editor.evaluate((el: { querySelectorAll(selector: string): ArrayLike<RenderedLine> }) => {
      const read = (selector: string) =>
        Array.from(el.querySelectorAll(selector)).map((line) => ({ top: parseFloat(line.style.top || '0'), text: line.textContent ?? '' }));
      return { lines: read('.view-lines .view-line'), numbers: read('.margin-view-overlays > div').filter((n) => /\d/.test(n.text)) };
    });
    return joinViewLines(rendered.lines, rendered.numbers.map((n) => n.top));
  }

  /** Waits until the active editor shows `expected` (a substring, or a test of the whole text). */
  async waitForEditorText(expected: string | ((text: string) => boolean), options: WaitOptions = {}): Promise<string> {
    const test = typeof expected === 'string' ? (t: string) => t.includes(expected) : expected;
    let last = '';
    try {
      return await this.waitFor(
        async () => {
          last = await this.editorText();
          return test(last) ? last : undefined;
        },
        typeof expected === 'string' ? `the editor to show ${JSON.stringify(expected)}` : 'the editor text to match',
        options,
      );
    } catch (error) {
      if (error instanceof Error) error.message += `\neditor text was:\n${last.split('\n').slice(0, 15).join('\n')}`;
      throw error;
    }
  }

  /** Saves a screenshot (of the window, or of a part) into .test-output/screenshots/NAME.png and returns its path. */
  async screenshot(name: string, options: { clip?: Clip } = {}): Promise<string> {
    const path = join(outputDir('screenshots'), screenshotName(name));
    await this.page.screenshot({ path, clip: options.clip });
    return path;
  }

  /** Stops the browser and code-server and removes the run folder (logs are kept). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    await this.browser.close().catch((e) => log('ui', `closing the browser failed: ${String(e)}`));
    await this.server.stop().catch((e) => log('ui', `stopping code-server failed: ${String(e)}`));
    this.run.dispose();
  }
}

/**
 * Installs a .vsix the way a user does (`code-server --install-extension`) into the run's extensions
 * folder, which must be empty before; returns the folder names installed.
 */
export async function installVsix(inst: Installation, run: RunDir, vsix: string): Promise<string[]> {
  const before = readdirSync(run.extensionsDir);
  if (before.length > 0) throw new Error(`the extensions folder ${run.extensionsDir} is not empty: ${before.join(', ')}`);
  const args = [inst.entry, '--install-extension', vsix, '--extensions-dir', run.extensionsDir, '--user-data-dir', run.userDataDir];
  await runLogged(inst.nodeBin, args, { cwd: run.dir, env: serverEnv(run), logFile: join(run.dir, 'install-extension.log') });
  const installed = readdirSync(run.extensionsDir).filter((n) => !n.startsWith('.') && n !== 'extensions.json');
  log('ui', `installed ${vsix}: ${installed.join(', ') || '(nothing)'}`);
  return installed;
}

/** Starts code-server with the extension under development (or an installed .vsix) and opens the workspace in Chromium. */
export async function openVSCode(options: OpenOptions = {}): Promise<VSCodeSession> {
  const spec = resolveVersions(options.version ?? process.env.ROUNDUP_VSCODE ?? DEFAULT_VERSION)[0]!;
  const inst = await install(spec);
  // `cli.js ui --installed FILE`: the package installed, not the project folder (unless a suite names a folder).
  const installed = options.extensionDevelopmentPath ? undefined : process.env.ROUNDUP_UI_INSTALLED;
  const vsix = options.vsix ?? installed;
  const run = createRunDir(`ui-${spec.vscode}${options.vsix ? '-vsix' : installed ? '-installed' : ''}-${++opened}`);
  let server: Server | undefined;
  let browser: Browser | undefined;
  let session: VSCodeSession | undefined;
  try {
    const workspace = run.copyIn(options.workspace ?? join(projectRoot(), 'test', 'fixtures', 'workspace'), 'workspace');
    for (const [name, text] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(workspace, name)), { recursive: true });
      writeFileSync(join(workspace, name), text);
    }
    if (vsix) await installVsix(inst, run, vsix);
    server = await startServer(inst, run, { settings: options.settings });
    browser = await launchBrowser(run.dir, `ui ${spec.vscode}`);
    const page = browser.page;
    if (!vsix) {
      const devOptions = developmentOptions(server.port, { extensionDevelopmentPath: options.extensionDevelopmentPath ?? projectRoot() });
      await page.addInitScript(injectDevelopmentOptions, JSON.stringify(devOptions));
    }
    await page.goto(workbenchUrl(server.port, workspace));
    session = new VSCodeSession(page, spec, server, browser, run, workspace);
    open.add(session);
    await session.waitForVisible('.monaco-workbench', 'the VS Code workbench to load', { timeout: 60_000 });
    await session.waitForVisible('.explorer-folders-view .monaco-list-row', 'the Explorer to list the workspace', { timeout: 60_000 });
    return session;
  } catch (error) {
    if (session) await session.close();
    else {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      run.dispose();
    }
    throw error;
  }
}

/**
 * The session setup every UI suite shares: VS Code opens before the suite's tests (options may be
 * computed then, say with the address of a server the suite starts first) and closes after them.
 * Returns the session's getter.
 */
export function useVSCode(options: OpenOptions | (() => OpenOptions | Promise<OpenOptions>) = {}): () => VSCodeSession {
  let session: VSCodeSession | undefined;
  before(async function () {
    this.timeout(180_000); // a cold install of code-server may happen here
    session = await openVSCode(typeof options === 'function' ? await options() : options);
  });
  after(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('VS Code did not open: see the failure of the suite\'s "before all" hook');
    return session;
  };
}
