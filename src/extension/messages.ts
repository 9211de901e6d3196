import * as vscode from 'vscode';
import type { FormatWarning } from '../core/roundup/format';

/** What every command says the same way: a template error, the "no feeds" prompt, formatter warnings. */

/** A template (or file name pattern) error, with a button that opens the setting. */
export async function showSettingError(error: Error, setting = 'roundup.templates'): Promise<void> {
  const answer = await vscode.window.showErrorMessage(`Roundup: ${error.message}`, 'Open Settings');
  if (answer) await vscode.commands.executeCommand('workbench.action.openSettings', setting);
}

/**
 * An error message, also written to the Roundup log, with "Show log" beside the given buttons; resolves
 * with the button the user chose of those given.
 */
export async function showError(
  log: vscode.LogOutputChannel,
  message: string,
  ...buttons: string[]
): Promise<string | undefined> {
  log.error(message);
  const answer = await vscode.window.showErrorMessage(message, ...buttons, SHOW_LOG);
  if (answer === SHOW_LOG) log.show(true);
  return answer === SHOW_LOG ? undefined : answer;
}

const SHOW_LOG = 'Show log';

/** A message with buttons that each run a command: `[label, command id]`. */
export async function offerCommands(
  message: string,
  ...buttons: Array<[label: string, command: string]>
): Promise<void> {
  await offerActions(message, ...buttons.map(([label, command]): Action => [label, async () => {
    await vscode.commands.executeCommand(command);
  }]));
}

/** A button of {@link offerActions}: its label and what it does. */
export type Action = [label: string, run: () => Promise<void>];

/** A message with buttons that each run a function. */
export async function offerActions(message: string, ...buttons: Action[]): Promise<void> {
  const answer = await vscode.window.showInformationMessage(message, ...buttons.map(([label]) => label));
  const run = buttons.find(([label]) => label === answer)?.[1];
  if (run) await run();
}

/** "Roundup has no feeds ... yet", with the Add feed button. */
export function offerAddFeed(message: string): Promise<void> {
  return offerCommands(message, ['Add feed', 'roundup.addFeed']);
}

/**
 * The formatter's warnings (an entry without a link, an unsafe link, ...) as one warning; nothing when there
 * are none.
 */
export function showFormatWarnings(warnings: readonly FormatWarning[]): void {
  if (warnings.length > 0) void vscode.window.showWarningMessage(warnings.map((w) => w.message).join(' '));
}

/** "Insert shortlist" / "Draft from shortlist" with nothing starred. */
export async function showShortlistEmpty(): Promise<void> {
  await vscode.window.showInformationMessage('The shortlist is empty: star entries in the Feeds view first.');
}
