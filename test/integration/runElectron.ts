// The standard runner: @vscode/test-electron downloads VS Code desktop (needs its update server and
// a display; use xvfb-run on Linux) and runs the same suite as the headless code-server runner.
//   npm run build && node out/test/integration/runElectron.js   [env VSCODE_VERSION=1.100.3|stable|insiders]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // This file runs from out/test/integration/.
  const extensionDevelopmentPath = resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = resolve(__dirname, 'index.js');
  const run = mkdtempSync(join(tmpdir(), 'roundup-electron-'));
  const workspace = join(run, 'workspace');
  cpSync(join(extensionDevelopmentPath, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(run, 'user-data')}`,
      ],
    });
    return 0;
  } catch (error) {
    console.error(`integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
