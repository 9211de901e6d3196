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
