// Finds flaky tests before CI does (`npm run test:stress`): runs the VS Code suites again and again,
// optionally with both cores kept busy, and counts each test's failures; stops at the first failing run
// and prints its failure report (the failing tests, their screenshots, the end of each log).
//   node out/test/harness/stress.js [--runs N] [--busy] [--suites integration,ui,vsix] [--vscode 1.100.3|1.139.1|all] [--keep-going]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readResults, resultsFile } from './results';
import { log, outputDir, projectRoot, seconds } from './util';
import { resolveVersions } from './versions';

export type Suite = 'integration' | 'ui' | 'vsix';
const SUITES: readonly Suite[] = ['integration', 'ui', 'vsix'];

export interface StressArgs {
  runs: number;
  busy: boolean;
  suites: Suite[];
  versions: string[];
  keepGoing: boolean;
}

export function parseStressArgs(argv: readonly string[]): StressArgs {
  const args: StressArgs = { runs: 5, busy: false, suites: ['integration', 'ui'], versions: resolveVersions('all').map((v) => v.vscode), keepGoing: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') {
      args.runs = Number(value());
      if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error(`--runs takes a whole number from 1: ${argv[i]}`);
    } else if (arg === '--busy') args.busy = true;
    else if (arg === '--keep-going') args.keepGoing = true;
    else if (arg === '--vscode') args.versions = resolveVersions(value()).map((v) => v.vscode);
    else if (arg === '--suites') {
      const names = value().split(',').filter(Boolean);
      const unknown = names.filter((n) => !SUITES.includes(n as Suite));
      if (unknown.length || names.length === 0) throw new Error(`--suites takes ${SUITES.join(',')} (unknown: ${unknown.join(', ') || 'none given'})`);
      args.suites = names as Suite[];
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return args;
}

/** The label a suite run writes its results under (see cli.ts and runTests.ts). */
export function resultLabel(suite: Suite, version: string): string {
  return suite === 'integration' ? `integration-${version}` : `ui-${version}${suite === 'vsix' ? '-vsix' : ''}`;
}

/** Each test's passes and failures over the runs. */
export class Tally {
  private readonly tests = new Map<string, { passed: number; failed: number; errors: string[] }>();

  add(step: string, results: ReadonlyArray<{ title: string; state: 'passed' | 'failed'; error?: string }>): void {
    for (const r of results) {
      const key = `${step} :: ${r.title}`;
      const t = this.tests.get(key) ?? { passed: 0, failed: 0, errors: [] };
      t[r.state]++;
      if (r.error) t.errors.push(r.error.split('\n')[0]!);
      this.tests.set(key, t);
    }
  }

  /** The tests that failed at least once, most failures first. */
  flaky(): Array<{ test: string; passed: number; failed: number; errors: string[] }> {
    return [...this.tests.entries()]
      .filter(([, t]) => t.failed > 0)
      .map(([test, t]) => ({ test, ...t }))
      .sort((a, b) => b.failed - a.failed);
  }

  get size(): number {
    return this.tests.size;
  }
}

/** Keeps both cores busy: stress-ng when the machine has it, else two busy loops of node. */
function startBusy(): ChildProcess[] {
  const hasStressNg = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0;
  const spawnDetached = (cmd: string, args: string[]) => spawn(cmd, args, { stdio: 'ignore', detached: true });
  if (hasStressNg) return [spawnDetached('stress-ng', ['--cpu', '2', '--quiet'])];
  return [0, 1].map(() => spawnDetached(process.execPath, ['-e', 'for (;;) {}']));
}

function stopBusy(children: ChildProcess[]): void {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** The suite run under way: stopped (it stops its own VS Code) when the stress run is. */
let current: ChildProcess | undefined;

/** Runs a command, its output into `logFile` and counted for dropped inputs; resolves with its exit code. */
function runLogged(command: string, args: string[], logFile: string): Promise<{ code: number; regiven: number }> {
  return new Promise((resolve) => {
    const out = createWriteStream(logFile);
    const child = spawn(command, args, { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let regiven = 0;
    const onData = (chunk: Buffer) => {
      out.write(chunk);
      regiven += (chunk.toString().match(/the input is given again/g) ?? []).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code, signal) => out.end(() => resolve({ code: signal ? 1 : (code ?? 1), regiven })));
  });
}

async function packageVsix(dir: string): Promise<string> {
  const root = projectRoot();
  const vsix = join(dir, 'roundup-stress.vsix');
  for (const step of [['scripts/build.mjs', '--production'], ['scripts/package.mjs', vsix], ['scripts/build.mjs']]) {
    const { code } = await runLogged(process.execPath, step.map((s, i) => (i === 0 ? join(root, s) : s)), join(dir, 'package.log'));
    if (code !== 0) throw new Error(`${step.join(' ')} failed: see ${join(dir, 'package.log')}`);
  }
  return vsix;
}

async function main(argv: string[]): Promise<number> {
  const args = parseStressArgs(argv);
  const dir = outputDir('stress');
  const harness = join(projectRoot(), 'out', 'test', 'harness', 'cli.js');
  const vsix = args.suites.includes('vsix') ? await packageVsix(dir) : undefined;
  const tally = new Tally();
  let failedRuns = 0;
  let regiven = 0;
  const busy = args.busy ? startBusy() : [];
  const stop = () => stopBusy(busy);
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (current && current.exitCode === null) {
        current.once('exit', () => process.exit(130));
        current.kill('SIGTERM');
      } else process.exit(130);
    });
  }
  log('stress', `${args.runs} run(s) of ${args.suites.join(', ')} on VS Code ${args.versions.join(', ')}${args.busy ? ', both cores kept busy' : ''}`);
  try {
    for (let run = 1; run <= args.runs; run++) {
      for (const version of args.versions) {
        for (const suite of args.suites) {
          const step = `${suite} ${version}`;
          const logFile = join(dir, `run-${run}-${suite}-${version}.log`);
          const suiteArgs = suite === 'integration' ? ['integration', '--vscode', version] : ['ui', '--vscode', version, ...(vsix && suite === 'vsix' ? ['--vsix', vsix] : [])];
          const started = Date.now();
          const label = resultLabel(suite, version);
          const result = await runLogged(process.execPath, [harness, ...suiteArgs], logFile);
          regiven += result.regiven;
          // Results written by this run only: a run that died before writing any has none.
          const fresh = existsSync(resultsFile(label)) && statSync(resultsFile(label)).mtimeMs >= started;
          const results = fresh ? readResults(label) : [];
          tally.add(step, results);
          const failed = results.filter((r) => r.state === 'failed');
          log('stress', `run ${run}/${args.runs}, ${step}: ${result.code === 0 ? 'passed' : 'FAILED'} (${results.length} tests, ${seconds(Date.now() - started)}${result.regiven ? `, ${result.regiven} dropped input(s) given again` : ''})`);
          if (result.code === 0) continue;
          failedRuns++;
          for (const f of failed) log('stress', `  failed: ${f.title}\n${f.error ?? ''}`);
          const report = join(projectRoot(), '.test-output', 'failures', `${label}.txt`);
          if (existsSync(report) && statSync(report).mtimeMs >= started) process.stdout.write(`\n${readFileSync(report, 'utf8')}\n`);
          process.stdout.write(`whole output: ${logFile}\n`);
          if (!args.keepGoing) return 1;
        }
      }
    }
  } finally {
    stop();
    const flaky = tally.flaky();
    log('stress', `${tally.size} tests, ${failedRuns} failing suite run(s), ${regiven} dropped input(s) given again`);
    for (const f of flaky) log('stress', `  ${f.failed} failure(s), ${f.passed} pass(es): ${f.test}\n      ${[...new Set(f.errors)].join('\n      ')}`);
  }
  return failedRuns === 0 ? 0 : 1;
}

if (require.main === module) {
  mkdirSync(outputDir('stress'), { recursive: true });
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[stress] ERROR: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
