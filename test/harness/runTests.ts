// The analog of @vscode/test-electron's runTests for code-server: runs an extension-host test
// suite (a module exporting run()) inside a real VS Code, headless, and resolves with its exit code.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, type Browser } from './browser';
import { install } from './install';
import { clearFailureReport, keptLogs, parseResultLine, writeFailureReport, writeResults, type TestResult } from './results';
import { createRunDir, startServer, type Server } from './server';
import { log, outputDir, seconds, tail, withTimeout } from './util';
import { resolveVersions, type VersionSpec } from './versions';
import { developmentOptions, injectDevelopmentOptions, workbenchUrl } from './workbench';

export interface RunTestsOptions {
  /** The extension's folder (with package.json). */
  extensionDevelopmentPath: string;
  /** The compiled suite entry (exports run()). */
  extensionTestsPath: string;
  /** A folder copied fresh into the run and opened as the workspace. */
  workspace: string;
  /** For the whole run, from start to the suite's exit (default 5 minutes, env ROUNDUP_TEST_TIMEOUT in seconds). */
  timeoutMs?: number;
  /** Where the suite's output goes (default: this process's stdout/stderr). */
  write?: (stream: 'stdout' | 'stderr', text: string) => void;
}

export interface RunResult {
  exitCode: number;
  seconds: number;
  abortedRequests: string[];
  /** Each test's outcome, as the suite reported it. */
  tests: TestResult[];
}

const defaultWrite = (stream: 'stdout' | 'stderr', text: string) => process[stream].write(text);

/**
 * Workbench messages that are expected in this setup and only hide the suite's output: the
 * marketplace is off on purpose, and the browser side cannot load a Node extension (the remote
 * extension host does). They stay in the run's console.log.
 */
const EXPECTED_NOISE = [
  /^Ignoring fetching additional builtin extensions from gallery as it is disabled\.$/,
  /^Error while fetching the extension under development .*this extension is not a web extension\.$/,
];

export function isExpectedNoise(text: string): boolean {
  const line = text.trim();
  return EXPECTED_NOISE.some((re) => re.test(line));
}

/** Turns one forwarded console call of the extension host into the text a terminal would show. */
export function formatConsoleCall(args: unknown[]): string {
  return format(...(args as [unknown, ...unknown[]])) + '\n';
}

export async function runTests(version: string | VersionSpec, options: RunTestsOptions): Promise<RunResult> {
  const spec = typeof version === 'string' ? resolveVersions(version)[0]! : version;
  const tag = `integration ${spec.vscode}`;
  const write = options.write ?? defaultWrite;
  const timeoutMs = options.timeoutMs ?? Number(process.env.ROUNDUP_TEST_TIMEOUT ?? 300) * 1000;
  const inst = await install(spec);
  const started = Date.now();
  const run = createRunDir(`integration-${spec.vscode}`);
  clearFailureReport(run.label);
  let server: Server | undefined;
  let browser: Browser | undefined;
  const output: string[] = [];
  const tests: TestResult[] = [];
  /** Screenshots of failures being taken: each is awaited before the browser closes. */
  const shots: Promise<unknown>[] = [];
  let outcome: { exitCode: number; aborted: string[] } | undefined;
  let failure: unknown;
  try {
    const workspace = run.copyIn(options.workspace, 'workspace');
    server = await startServer(inst, run);
    browser = await launchBrowser(run.dir, tag);
    const { page } = browser;
    const consoleLog = join(run.dir, 'console.log');

    let settle!: (code: number) => void;
    let fail!: (error: Error) => void;
    const finished = new Promise<number>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = formatConsoleCall(Array.isArray(args) ? args : [args]);
      appendFileSync(consoleLog, text);
      const result = parseResultLine(text.trimEnd());
      if (result) {
        tests.push(result);
        // The window as the test left it: taken at once, before the next test changes it.
        if (result.state === 'failed') {
          const path = join(outputDir('screenshots'), `${run.label}-failure-${tests.length}.png`);
          result.screenshots = [path];
          shots.push(page.screenshot({ path }).catch((e: unknown) => log(tag, `no screenshot of the failure: ${String(e)}`)));
        }
        return;
      }
      if (isExpectedNoise(text)) return;
      output.push(text);
      write(type === 'error' ? 'stderr' : 'stdout', text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: unknown) => {
      if (logs !== undefined) {
        try {
          writeFileSync(join(run.dir, 'extension-host-logs.json'), JSON.stringify(logs, null, 2));
        } catch {
          // a convenience only
        }
      }
      settle(typeof code === 'number' ? code : 1);
    });
    const devOptions = developmentOptions(server.port, {
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    });
    await page.addInitScript(injectDevelopmentOptions, JSON.stringify(devOptions));
    page.on('crash', () => fail(new Error('the browser page crashed')));
    const serverRef = server;
    void server.exited.then((how) => fail(new Error(`code-server exited (${how}) during the run; log: ${serverRef.logFile}`)));
    const url = workbenchUrl(server.port, workspace);
    log(tag, `opening ${url}`);
    await page.goto(url);
    const exitCode = await withTimeout(
        finished,
        timeoutMs,
        () =>
          `the test suite did not finish in VS Code ${spec.vscode} (no codeAutomationExit). ` +
          `Last suite output:\n${tail(output.join(''), 15) || '(none: did the extension host start the tests?)'}\n` +
          `Browser errors:\n${browser!.consoleErrors.slice(-10).join('\n') || '(none)'}\n` +
          `code-server log: ${serverRef.logFile}`,
    );
    log(tag, `suite exited with code ${exitCode} (${seconds(Date.now() - started)})`);
    outcome = { exitCode, aborted: [...browser.aborted] };
  } catch (error) {
    failure = error;
    if (browser) {
      const path = join(outputDir('screenshots'), `${run.label}-failure-run.png`);
      shots.push(browser.page.screenshot({ path }).catch(() => undefined));
    }
  } finally {
    await Promise.all(shots);
    await browser?.close().catch((e) => log(tag, `closing the browser failed: ${String(e)}`));
    await server?.stop().catch((e) => log(tag, `stopping code-server failed: ${String(e)}`));
    run.dispose();
  }
  writeResults(run.label, tests);
  const failed = tests.filter((t) => t.state === 'failed');
  if (failure !== undefined || !outcome || outcome.exitCode !== 0) {
    const note = failure instanceof Error ? failure.message.split('\n')[0] : outcome ? `exit code ${outcome.exitCode}` : undefined;
    const logs = [{ name: 'suite output', text: output.join('') }, ...keptLogs(run.keptDir)];
    log(tag, `what failed and the end of each log: ${writeFailureReport(run.label, failed, logs, note)}`);
  }
  if (failure !== undefined) throw failure;
  return { exitCode: outcome!.exitCode, seconds: (Date.now() - started) / 1000, abortedRequests: outcome!.aborted, tests };
}
