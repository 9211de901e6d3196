import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { registerDiagnostics } from './diagnostics';
import { Settings } from './settings';

/** Wires the contributions; each `register*` returns a Disposable and gets its dependencies passed in. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Roundup');
  const settings = new Settings(log);
  context.subscriptions.push(log, settings, registerDiagnostics(settings, log), registerCodeActions(settings));
}

export function deactivate(): void {}
