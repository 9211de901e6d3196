import * as vscode from 'vscode';
import { readSettings, type RoundupSettings } from '../core/settings';

/** The `roundup.*` settings, read through the core's one settings module, kept current. */
export class Settings implements vscode.Disposable {
  private current: RoundupSettings;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.current = this.read();
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('roundup')) return;
      this.current = this.read();
      this.emitter.fire();
    });
  }

  get value(): RoundupSettings {
    return this.current;
  }

  private read(): RoundupSettings {
    const config = vscode.workspace.getConfiguration();
    // Only what the user set: a setting left alone is undefined to the core, which holds the defaults
    // (and reads the deprecated `roundup.frontMatter.rules` only while `roundup.lint.rules` is not set).
    const { settings, warnings } = readSettings((key) => (isSet(config.inspect(key)) ? config.get(key) : undefined));
    for (const w of warnings) this.log.warn(`settings: ${w.message}`);
    return settings;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/** Is the setting given in the user's, the workspace's or a workspace folder's settings? */
function isSet(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>): boolean {
  const values = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue];
  return values.some((v) => v !== undefined);
}
