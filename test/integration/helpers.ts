// Helpers for integration tests: the extension's API, the workspace folder, and waiting for a condition
// (never for a fixed time).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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
 * Polls `condition` until it returns a truthy value (which is returned), or fails after
 * `timeout` ms with `message` and the last value or error seen.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeout?: number; message: string; interval?: number },
): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 10_000;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? `last error: ${last.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${options.message} (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 50));
  }
}

/** Runs a command that asks through a quick pick or input box, accepting what it offers until it settles. */
export async function runAccepting<T>(command: string, ...args: unknown[]): Promise<T> {
  let settled = false;
  let value: T | undefined;
  let error: unknown;
  void vscode.commands.executeCommand<T>(command, ...args).then(
    (v) => ((value = v), (settled = true)),
    (e) => ((error = e), (settled = true)),
  );
  await waitFor(
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    },
    { message: `${command} to finish once its input is accepted`, interval: 100 },
  );
  if (error) throw error;
  return value as T;
}
