// The harness's command line (run after `npm run build`):
//   node out/test/harness/cli.js install     [--vscode 1.100.3|1.139.1|all] [--force]
//   node out/test/harness/cli.js integration [--vscode 1.100.3|1.139.1|all]
//   node out/test/harness/cli.js ui          [--vscode 1.100.3|1.139.1] [--vsix FILE]   (--vsix: the installed-package tests)
//   node out/test/harness/cli.js ui          [--vscode 1.100.3|1.139.1] --installed FILE (the UI tests, on the package installed)
//   node out/test/harness/cli.js start       [--vscode 1.100.3|1.139.1] [--port N]   (the demo: npm start)
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import Mocha from 'mocha';
import { abortedRequests } from './browser';
import { startDemo } from './demo';
import { install } from './install';
import { stopAll } from './processes';
import { clearFailureReport, keptLogs, onResults, writeFailureReport, writeResults, type TestResult } from './results';
import { runTests } from './runTests';
import { openSessions } from './ui';
import { log, projectRoot, seconds } from './util';
import { DEFAULT_VERSION, resolveVersions, VERSIONS } from './versions';

export interface CliArgs {
  command: string;
  vscode: string;
  force: boolean;
  /** start only: a fixed port on 127.0.0.1 (0: any free one). */
  port: number;
  /** ui only: a packaged extension; runs the tests of test/ui/installed against it, installed. */
  vsix?: string;
  /** ui only: a packaged extension; runs the UI tests with it installed instead of the project folder's (the pictures a user sees). */
  installed?: string;
}

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || !['install', 'integration', 'ui', 'start'].includes(command)) {
    throw new Error(`usage: cli.js install|integration|ui|start [--vscode ${[...VERSIONS.map((v) => v.vscode), 'all'].join('|')}] [--force] [--port N]`);
  }
  const args: CliArgs = { command, vscode: command === 'install' || command === 'integration' ? 'all' : DEFAULT_VERSION, force: false, port: 0 };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--force') args.force = true;
    else if (arg === '--vscode' && rest[i + 1]) args.vscode = rest[++i]!;
    else if (arg.startsWith('--vscode=')) args.vscode = arg.slice('--vscode='.length);
    else if (command === 'start' && arg === '--port' && rest[i + 1]) args.port = parsePort(rest[++i]!);
    else if (command === 'ui' && arg === '--vsix' && rest[i + 1]) args.vsix = resolve(rest[++i]!);
    else if (command === 'ui' && arg === '--installed' && rest[i + 1]) args.installed = resolve(rest[++i]!);
    else throw new Error(`unknown argument: ${arg}`);
  }
  resolveVersions(args.vscode); // throws on an unknown version
  if (args.vsix && args.installed) throw new Error('--vsix and --installed run different tests: give one');
  if ((command === 'ui' || command === 'start') && args.vscode === 'all') throw new Error(`${command} runs one version at a time`);
  return args;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${text}`);
  return port;
}

function requireBuild(root: string, files: string[]): void {
  const missing = files.filter((f) => !existsSync(join(root, f)));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run \`npm run build\` first`);
}

function reportAborted(): void {
  if (abortedRequests.length === 0) {
    log('harness', 'requests to hosts other than 127.0.0.1: none');
    return;
  }
  log('harness', `requests to hosts other than 127.0.0.1, aborted (${abortedRequests.length}):`);
  for (const r of abortedRequests) log('harness', `  [${r.run}] ${r.kind}: ${r.url}`);
}

async function integration(args: CliArgs): Promise<number> {
  const root = projectRoot();
  requireBuild(root, ['dist/extension.js', 'out/test/integration/index.js']);
  const results: { version: string; code: number; time: string }[] = [];
  for (const spec of resolveVersions(args.vscode)) {
    const started = Date.now();
    let code: number;
    try {
      const result = await runTests(spec, {
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
        workspace: join(root, 'test', 'fixtures', 'workspace'),
      });
      code = result.exitCode;
    } catch (error) {
      log(`integration ${spec.vscode}`, `ERROR: ${error instanceof Error ? error.message : String(error)}`);
      code = 1;
    }
    results.push({ version: spec.vscode, code, time: seconds(Date.now() - started) });
  }
  for (const r of results) {
    log('integration', `VS Code ${r.version}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.time}`);
  }
  reportAborted();
  return results.every((r) => r.code === 0) ? 0 : 1;
}

async function ui(args: CliArgs): Promise<number> {
  const root = projectRoot();
  const dir = join(root, 'out', 'test', 'ui');
  requireBuild(root, ['dist/extension.js', 'out/test/ui']);
  // The UI library reads the version from here.
  process.env.ROUNDUP_VSCODE = args.vscode;
  await install(resolveVersions(args.vscode)[0]!);
  const label = `ui-${args.vscode}${args.vsix ? '-vsix' : args.installed ? '-installed' : ''}`;
  clearFailureReport(label);
  // Each session keeps its logs as LABEL-N: those of an earlier run would be mistaken for this one's.
  const logs = join(root, '.test-output', 'logs');
  if (existsSync(logs)) for (const name of readdirSync(logs).filter((n) => n.startsWith(`${label}-`))) rmSync(join(logs, name), { recursive: true, force: true });
  const results: TestResult[] = [];
  /** The sessions open when each failure happened: their logs explain it. */
  const failedIn = new Set<string>();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 120_000,
    grep: process.env.ROUNDUP_GREP || undefined,
    rootHooks: {
      // The window of a failed test as it was left, before the suite's after hooks close it.
      async afterEach(this: Mocha.Context) {
        if (this.currentTest?.state !== 'failed') return;
        const failed = results.find((r) => r.title === this.currentTest!.fullTitle() && r.state === 'failed');
        for (const session of openSessions()) {
          failedIn.add(session.run.keptDir);
          const shot = await session.screenshot(`${session.run.label}-failure-${results.length}`).catch(() => undefined);
          if (shot && failed) (failed.screenshots ??= []).push(shot);
        }
      },
    },
  });
  // The tests of the installed package (test/ui/installed) run with --vsix, and only then: the others
  // load the extension from the project folder, or with --installed install that package in each session.
  const vsix = args.vsix ?? args.installed;
  if (vsix && !existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
  if (args.vsix) process.env.ROUNDUP_VSIX = args.vsix;
  if (args.installed) process.env.ROUNDUP_UI_INSTALLED = args.installed;
  const installedTest = (f: string) => f.startsWith(`installed${sep}`);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js') && installedTest(f) === Boolean(args.vsix))
    .sort();
  if (files.length === 0) throw new Error(`no UI tests in ${dir}`);
  for (const f of files) mocha.addFile(join(dir, f));
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    onResults(runner, (result) => {
      results.push(result);
      // A failing hook (say a "before all" that could not open VS Code) has no afterEach: its sessions are those open now.
      if (result.state === 'failed') for (const session of openSessions()) failedIn.add(session.run.keptDir);
    });
  });
  writeResults(label, results);
  if (failures > 0) {
    const failed = results.filter((r) => r.state === 'failed');
    log('ui', `what failed and the end of each log: ${writeFailureReport(label, failed, [...failedIn].flatMap(keptLogs))}`);
  }
  reportAborted();
  return failures === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'install':
      for (const spec of resolveVersions(args.vscode)) {
        const started = Date.now();
        await install(spec, { force: args.force });
        log('install', `VS Code ${spec.vscode}: ready (${seconds(Date.now() - started)})`);
      }
      return 0;
    case 'integration':
      return integration(args);
    case 'ui':
      return ui(args);
    case 'start':
      await startDemo(resolveVersions(args.vscode)[0]!, args.port);
      return 0;
    default:
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    async (code) => {
      await stopAll();
      process.exit(code);
    },
    async (error: unknown) => {
      process.stderr.write(`[harness] ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      await stopAll();
      process.exit(1);
    },
  );
}
