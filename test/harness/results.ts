// What a suite run leaves behind for people and for the stress runner: each test's outcome, and for a
// failing run a report that explains it (the failing tests with their errors and screenshots, and the end
// of each log: the suite's output, the renderer's, the extension host's, Roundup's output channel,
// code-server's). Both suites report their tests the same way: the integration suite from inside the
// extension host by a marked console line, the UI suite from mocha's runner in this process.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Runner } from 'mocha';
import { outputDir, projectRoot, tail } from './util';

export interface TestResult {
  /** The full title: describe blocks and test, joined by spaces. */
  title: string;
  state: 'passed' | 'failed';
  ms: number;
  /** The error of a failed test (message and the first lines of its stack). */
  error?: string;
  /** Screenshots taken when it failed. */
  screenshots?: string[];
}

/** The mark before a test result in a console line, as the extension host forwards it. */
export const RESULT_MARK = '[roundup-test-result] ';

/** The line a suite writes for one result; {@link parseResultLine} reads it back. */
export function resultLine(result: TestResult): string {
  return RESULT_MARK + JSON.stringify(result);
}

/** The result a console line carries, or undefined for any other line. */
export function parseResultLine(line: string): TestResult | undefined {
  const at = line.indexOf(RESULT_MARK);
  if (at < 0) return undefined;
  try {
    const value = JSON.parse(line.slice(at + RESULT_MARK.length)) as TestResult;
    return typeof value.title === 'string' && (value.state === 'passed' || value.state === 'failed') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Mocha's error as a few lines: the message and the first frames of its stack. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const stack = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 4);
  return [error.message, ...stack].join('\n');
}

/** Calls `report` with each test's result as the runner ends it (hooks that fail count as failed tests). */
export function onResults(runner: Runner, report: (result: TestResult) => void): void {
  runner.on('pass', (test) => report({ title: test.fullTitle(), state: 'passed', ms: test.duration ?? 0 }));
  runner.on('fail', (test, error) => report({ title: test.fullTitle(), state: 'failed', ms: test.duration ?? 0, error: describeError(error) }));
}

/** Where the results of one suite run are kept: `.test-output/results/LABEL.json`. */
export function resultsFile(label: string): string {
  return join(outputDir('results'), `${label}.json`);
}

export function writeResults(label: string, results: readonly TestResult[]): string {
  const file = resultsFile(label);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

export function readResults(label: string): TestResult[] {
  const file = resultsFile(label);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TestResult[]) : [];
}

/** A log worth showing the end of, when a run fails. */
export interface LogTail {
  name: string;
  /** The kept file (shown relative to the project). */
  file?: string;
  /** Or the text itself, when there is no file. */
  text?: string;
}

/** How many lines of each log a failure report shows. */
const LOG_LINES = 25;

/** The newest file under `dir` whose path ends with `suffix` (VS Code puts logs in dated folders). */
export function newestFile(dir: string, suffix: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  let best: { file: string; at: number } | undefined;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith(suffix)) continue;
    const file = join(dir, name);
    const at = statSync(file).mtimeMs;
    if (!best || at > best.at) best = { file, at };
  }
  return best?.file;
}

/**
 * The logs a run kept in `keptDir` (.test-output/logs/LABEL, see RunDir.dispose): the renderer's
 * (the workbench's window log, or the browser console), the extension host's, Roundup's output
 * channel and code-server's.
 */
export function keptLogs(keptDir: string): LogTail[] {
  const logs: LogTail[] = [];
  const run = basename(keptDir);
  const add = (name: string, file: string | undefined) => file && existsSync(file) && logs.push({ name: `${run}: ${name}`, file });
  const windowLog = rendererLogFromExit(join(keptDir, 'extension-host-logs.json'));
  if (windowLog) logs.push({ name: `${run}: renderer (window.log)`, text: windowLog });
  else add('renderer (browser console)', join(keptDir, 'browser-console.log'));
  add('extension host', newestFile(join(keptDir, 'vscode'), 'remoteexthost.log'));
  add('Roundup output channel', newestFile(join(keptDir, 'vscode'), 'Roundup.log'));
  add('code-server', join(keptDir, 'code-server.log'));
  return logs;
}

/** The workbench's window log from what it hands codeAutomationExit (the integration runs). */
function rendererLogFromExit(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const logs = JSON.parse(readFileSync(file, 'utf8')) as Array<{ relativePath: string; contents: string }>;
    return logs.find((l) => l.relativePath.endsWith('window.log'))?.contents;
  } catch {
    return undefined;
  }
}

function readTail(log: LogTail): string {
  const text = log.text ?? (log.file ? readFileSync(log.file, 'utf8') : '');
  return tail(text.trimEnd(), LOG_LINES) || '(empty)';
}

/**
 * Writes `.test-output/failures/LABEL.txt`: what failed, where its screenshots are, and the end of each
 * log. Returns the report's path. `npm test` prints the reports of a failing step in its summary.
 */
export function writeFailureReport(label: string, failed: readonly TestResult[], logs: readonly LogTail[], note?: string): string {
  const root = projectRoot();
  const shown = (file: string) => relative(root, file);
  const parts = [`# ${label}: ${failed.length} failed test(s)${note ? `; ${note}` : ''}`];
  for (const r of failed) {
    parts.push(`\n## ${r.title}\n${r.error ?? '(no error)'}`);
    for (const s of r.screenshots ?? []) parts.push(`screenshot: ${shown(s)}`);
  }
  for (const log of logs) {
    parts.push(`\n## the end of the ${log.name} log${log.file ? ` (${shown(log.file)})` : ''}\n${readTail(log)}`);
  }
  const file = join(outputDir('failures'), `${label}.txt`);
  writeFileSync(file, parts.join('\n') + '\n');
  return file;
}

/** Removes the failure report of a label (a run that passes leaves none behind). */
export function clearFailureReport(label: string): void {
  const dir = join(projectRoot(), '.test-output', 'failures');
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, `${label}.txt`), { force: true });
}
