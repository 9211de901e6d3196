// Helpers for integration tests: the extension's API, the workspace folder, and waiting for the event
// or state a step needs (never for a fixed time).
import * as assert from 'node:assert/strict';
import { readFileSync, watch } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedEntry } from '../../src/core/feeds/types';
import type { RoundupApi } from '../../src/extension/extension';

/** The activated extension's API: the live parts the user sees. */
export async function api(): Promise<RoundupApi> {
  const extension = vscode.extensions.getExtension<RoundupApi>('roundup.roundup');
  assert.ok(extension, 'the extension is not loaded');
  return extension.activate();
}

/** The folder of the test workspace. */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return folder.uri.fsPath;
}

/**
 * How long a wait may take before it fails: a safety net only, far beyond what any step takes on a
 * loaded machine, and below the suite's test timeout so that the wait's own message is what fails.
 */
export const SAFETY_NET_MS = 60_000;

/** Something that tells when a state may have changed: a VS Code event, or a subscribe function. */
export type Signal = (listener: () => void) => vscode.Disposable | (() => unknown);

/**
 * A signal on a timer, for the rare state VS Code gives no event for (an extension's activation by an
 * activation event): the check is then asked every `ms`.
 */
export function every(ms: number): Signal {
  return (listener) => {
    const timer = setInterval(listener, ms);
    return () => clearInterval(timer);
  };
}

function unsubscribe(subscription: vscode.Disposable | (() => unknown)): void {
  if (typeof subscription === 'function') subscription();
  else subscription.dispose();
}

function describeSeen(value: unknown): string {
  if (value instanceof Error) return `error: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Waits for the state a step needs. `check` is asked now, and again each time one of `on` fires (the
 * events that can change its answer): never on a timer. It resolves with the first truthy answer. The
 * timeout is a safety net: when it fires, the error says what was awaited and what was last seen
 * (`seen()`, else `check`'s last answer or error).
 */
export function until<T>(
  check: () => T | Promise<T>,
  options: { on: readonly Signal[]; message: string; seen?: () => unknown | Promise<unknown>; timeout?: number },
): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? SAFETY_NET_MS;
  return new Promise((resolve, reject) => {
    let last: unknown;
    let checking = false;
    let again = false;
    let done = false;
    const subscriptions = options.on.map((signal) => signal(() => void ask()));
    const timer = setTimeout(() => {
      const fail = (seen: unknown) =>
        finish(() => reject(new Error(`Timed out after ${timeout / 1000} s waiting for ${options.message}; last seen: ${describeSeen(seen)}`)));
      Promise.resolve(options.seen ? options.seen() : last).then(fail, fail);
    }, timeout);
    function finish(settle: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscriptions.forEach(unsubscribe);
      settle();
    }
    async function ask(): Promise<void> {
      // An event during a check is not lost: the check runs once more after it.
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      do {
        again = false;
        try {
          last = await check();
          if (last) {
            const value = last as NonNullable<T>;
            finish(() => resolve(value));
          }
        } catch (error) {
          last = error;
        }
      } while (again && !done);
      checking = false;
    }
    void ask();
  });
}

/** The entry of the test feeds with this title, from the live store. */
export async function entry(title: string): Promise<FeedEntry> {
  const { feeds } = await api();
  const found = feeds.store.allEntries().find((e) => e.title === title);
  assert.ok(found, `no entry "${title}" in the store: ${feeds.store.allEntries().map((e) => e.title).join(', ')}`);
  return found;
}

/**
 * The hooks of a suite that reads feeds: before its tests, `settings` in the workspace settings and the
 * feeds read (`entries` of them); after each test, what it left unsaved saved (closing a dirty editor
 * would ask) and the editors closed; after the suite, the settings taken back.
 */
export function useWorkspaceFeeds(settings: Record<string, unknown>, entries: number, message: string): void {
  const config = () => vscode.workspace.getConfiguration();
  before(async () => {
    for (const [key, value] of Object.entries(settings)) await config().update(key, value, vscode.ConfigurationTarget.Workspace);
    await feedsRead(entries, message);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of Object.keys(settings)) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty && document.uri.scheme === 'file') await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}

/**
 * The code actions VS Code offers at `range` (of `kind`, when given), once one whose title passes
 * `wanted` is among them. VS Code answers a request it cancelled with an empty list, the very answer of
 * "no action here": it cancels when the document's text changes, or when the code action providers of
 * the document change while it asks them (an extension registering one as it activates, like the
 * markdown language features on a loaded machine). It gives no event for either, and asking changes
 * nothing, so the question is asked again (every 100 ms) until the answer holds the action.
 */
export function codeActionsWith(
  uri: vscode.Uri,
  range: vscode.Range,
  kind: string | undefined,
  wanted: (title: string) => boolean,
): Promise<vscode.CodeAction[]> {
  let titles: string[] = [];
  const where = `${range.start.line + 1}:${range.start.character + 1}`;
  return until(
    async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
      titles = actions.map((a) => a.title);
      return actions.some((a) => wanted(a.title)) ? actions : undefined;
    },
    { on: [every(100)], message: `the code action at ${where} of ${uri.path}`, seen: () => ({ offered: titles }) },
  );
}

/**
 * The Roundup log's text once it holds `text`. VS Code writes the log in the background: each change of
 * its folder is a signal.
 */
export async function logWith(text: string, message: string): Promise<string> {
  const { logFile } = await api();
  const read = () => {
    try {
      return readFileSync(logFile.fsPath, 'utf8');
    } catch {
      return '';
    }
  };
  const changed: Signal = (listener) => {
    const watcher = watch(path.dirname(logFile.fsPath), listener);
    return () => watcher.close();
  };
  return until(() => (read().includes(text) ? read() : undefined), { on: [changed], message, seen: () => read().slice(-1500) });
}

/** Resolves with the first event `signal` fires that passes `test` (the next one, when no test is given). */
export function nextEvent<E>(
  signal: (listener: (e: E) => void) => vscode.Disposable,
  message: string,
  test: (e: E) => boolean = () => true,
  timeout = SAFETY_NET_MS,
): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${timeout / 1000} s waiting for ${message}`));
    }, timeout);
    const subscription = signal((e) => {
      if (!test(e)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(e);
    });
  });
}

/** The file a watcher is proven live with ({@link liveWatcher}): not markdown, so no part of Roundup reads it. */
const WATCH_PROBE = '.roundup-watch-probe';

/**
 * A file watcher of `dir/name` under `folder` that is known to be watching. VS Code starts to watch a
 * while after createFileSystemWatcher returns (the request travels to the file service: seconds later
 * on a busy machine), and a file written before then is never reported. So a probe file beside the
 * watched one, which the watcher's pattern also matches, is written until the watcher reports it (a
 * creation or, written again, a change). `dispose` ends the watcher and deletes the probe.
 */
export async function liveWatcher(folder: vscode.Uri, dir: string, name: string): Promise<vscode.FileSystemWatcher> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${dir}/{${name},${WATCH_PROBE}}`));
  const probe = vscode.Uri.joinPath(folder, dir, WATCH_PROBE);
  let reported = false;
  const isProbe = (uri: vscode.Uri) => {
    if (uri.toString() === probe.toString()) reported = true;
  };
  const listening = [watcher.onDidCreate(isProbe), watcher.onDidChange(isProbe)];
  let writes = 0;
  try {
    await until(
      async () => {
        if (reported) return true;
        await vscode.workspace.fs.writeFile(probe, Buffer.from(`probe ${++writes}\n`));
        return undefined;
      },
      {
        on: [every(1000), watcher.onDidCreate, watcher.onDidChange],
        message: `the file watcher of ${dir}/${name} to watch (a probe file beside it reported)`,
        seen: () => ({ probeWrites: writes }),
      },
    );
  } finally {
    listening.forEach((l) => l.dispose());
  }
  const dispose = watcher.dispose.bind(watcher);
  watcher.dispose = () => {
    dispose();
    void vscode.workspace.fs.delete(probe).then(undefined, () => undefined);
  };
  return watcher;
}

/** What changes what the sidebar shows: the feed store, the view's rows, the marks of the post. */
export async function sidebarSignals(): Promise<Signal[]> {
  const { feeds, tree, included } = await api();
  return [(listener) => feeds.store.onDidChange(listener), tree.onDidChangeTreeData, included.onDidChange];
}

/** Waits until the store holds `count` entries and refreshes nothing (after a settings change, say). */
export async function feedsRead(count: number, message = `${count} entries read from the feeds`): Promise<void> {
  const { feeds } = await api();
  await feeds.ready;
  const state = () => feeds.store.feeds().map((f) => ({ url: f.source.url, entries: f.entries.length, error: f.error, refreshing: f.refreshing }));
  await until(() => feeds.store.allEntries().length === count && !feeds.store.isRefreshing(), {
    on: [(listener) => feeds.store.onDidChange(listener)],
    message,
    seen: state,
  });
}

/** Roundup's diagnostics of a document. */
export function roundupDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'roundup');
}

/** Waits until Roundup's diagnostics of `uri` pass `test`, and returns them. */
export function diagnosticsWhen(uri: vscode.Uri, test: (diagnostics: vscode.Diagnostic[]) => boolean, message: string): Promise<vscode.Diagnostic[]> {
  return until(() => (test(roundupDiagnostics(uri)) ? roundupDiagnostics(uri) : undefined), {
    on: [vscode.languages.onDidChangeDiagnostics],
    message,
    seen: () => roundupDiagnostics(uri).map((d) => `${String(d.code)}: ${d.message}`),
  });
}

/**
 * Runs a command that asks through quick picks or input boxes, accepting what each offers until the
 * command settles, and resolves with its result. Accepting is safe to repeat (with no quick input open it
 * does nothing), so it is given until its effect, the command's end, shows: a prompt that opens after
 * an accept is accepted in turn.
 */
export async function runAccepting<T>(command: string, ...args: unknown[]): Promise<T> {
  let settled = false;
  const result = vscode.commands.executeCommand<T>(command, ...args).then(
    (value) => ((settled = true), { value }),
    (error: unknown) => ((settled = true), { error }),
  );
  const deadline = Date.now() + SAFETY_NET_MS;
  while (!settled) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${SAFETY_NET_MS / 1000} s waiting for ${command} to finish once its prompts are accepted`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    // The command's end, or a pause before accepting again (a prompt may be opening meanwhile).
    await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  const outcome = await result;
  if ('error' in outcome) throw outcome.error;
  return outcome.value as T;
}
