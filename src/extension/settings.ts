import * as vscode from 'vscode';
import { readSettings, type RoundupSettings } from '../core/settings';

/** The `roundup.*` settings, read through the core's one settings module, kept current. */
export class Settings implements vscode.Disposable {
  private current: RoundupSettings;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly log: vscode.OutputChannel) {
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
    const { settings, warnings } = readSettings((key) => config.get(key));
    for (const w of warnings) this.log.appendLine(`[settings] ${w.message}`);
    return settings;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
