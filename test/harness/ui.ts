// The library UI tests (test/ui, mocha in plain node) drive VS Code with: a code-server with the
// extension under development and a fresh copy of a workspace, a playwright page on it, and
// helpers that wait for conditions (never for a fixed time).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
}

export interface WaitOptions {
  timeout?: number;
}

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
      return await poll(condition, { timeout: options.timeout ?? 15_000, message, interval: 100 });
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

  /** Waits until nothing matching `selector` is visible. */
  async waitForHidden(selector: string, message?: string, options: WaitOptions = {}): Promise<void> {
    await this.waitFor(async () => !(await this.page.locator(selector).first().isVisible()), message ?? `${selector} to be hidden`, options);
  }

  private async quickInput(): Promise<Locator> {
    return this.waitForVisible('.quick-input-widget .quick-input-box input', 'the quick input to open');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = await this.quickInput();
    await input.fill(name);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name });
    await this.waitForVisible(row, `"${name}" among Quick Open's results`);
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
      await input();
      given++;
      return poll(async () => (await effect()) || undefined, { timeout: patience, message: what, interval: 100 }).then(() => true, () => false);
    }, what, { timeout: options.timeout ?? 30_000 });
    return given;
  }

  /** Clicks a tree row whose command does `done` (once more when VS Code dropped the click: see {@link act}). */
  async clickRow(row: Locator, done: () => Promise<boolean>): Promise<void> {
    await this.act(`a click on ${row.toString()} to take`, () => row.first().click(), done);
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

  /** Opens a walkthrough by its title (Welcome: Open Walkthrough) and waits for its page. */
  async openWalkthrough(title: string): Promise<Locator> {
    // The command opens a second list at once (the walkthroughs), so no waiting for the palette to close.
    await this.startCommand('Welcome: Open Walkthrough');
    const row = (text: string) => this.page.locator('.quick-input-list .monaco-list-row', { hasText: text });
    await this.waitForVisible(row('Learn the Fundamentals'), 'the list of walkthroughs');
    await (await this.quickInput()).fill(title);
    await this.waitForVisible(row(title), `the walkthrough "${title}" in the list`);
    await this.page.keyboard.press('Enter');
    return this.waitForVisible('.gettingStartedContainer', `the walkthrough "${title}"`, { timeout: 30_000 });
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
    await this.page.keyboard.press('F1');
    const input = await this.quickInput();
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label });
    await this.waitForVisible(row, `command "${label}" in the command palette`);
    await this.page.keyboard.press('Enter');
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
  const run = createRunDir(`ui-${spec.vscode}${options.vsix ? '-vsix' : ''}-${++opened}`);
  let server: Server | undefined;
  let browser: Browser | undefined;
  let session: VSCodeSession | undefined;
  try {
    const workspace = run.copyIn(options.workspace ?? join(projectRoot(), 'test', 'fixtures', 'workspace'), 'workspace');
    if (options.vsix) await installVsix(inst, run, options.vsix);
    server = await startServer(inst, run, { settings: options.settings });
    browser = await launchBrowser(run.dir, `ui ${spec.vscode}`);
    const page = browser.page;
    if (!options.vsix) {
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
