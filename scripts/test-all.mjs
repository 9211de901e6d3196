// `npm test`: every check in order — build, type check, lint and unused exports, unit tests, every bench
// on tiny inputs (each must still run to its end), the tests of the test harness and of scripts/setup,
// code-server install, the integration suite on each VS Code version, the UI tests, the package and
// install tests (the .vsix, the CLI package installed into a blog); then the package a user installs:
// the production .vsix, installed into code-server and smoke-tested on each VS Code version. The VS Code
// versions are the harness's (test/harness/versions.ts), read once the build has made it.
// A failing step does not stop the others, so the summary shows every result, after the end of each
// failing step's output (where mocha lists its failures), the end of each log its runs wrote, and last
// the failing tests with their errors, so that a log cut to its last part still says what failed; the
// exit code is non-zero if any step failed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const harness = join(root, 'out', 'test', 'harness', 'cli.js');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, '.test-output', `roundup-${version}.vsix`);

const build = { name: 'build', args: [join(root, 'scripts', 'build.mjs')] };

/** The steps after the build, which makes the harness whose versions they run on. */
function stepsAfterBuild() {
  const { VERSIONS, DEFAULT_VERSION } = createRequire(import.meta.url)(join(root, 'out', 'test', 'harness', 'versions.js'));
  const versions = VERSIONS.map((v) => v.vscode);
  return [
    { name: 'typecheck', args: [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', root] },
    { name: 'lint', args: [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', 'scripts'] },
    { name: 'unused exports', args: [join(root, 'scripts', 'unused-exports.mjs')] },
    { name: 'unit tests', args: [mocha] },
    { name: 'benches run to their end (quick)', args: [join(root, 'scripts', 'bench.mjs'), '--quick'] },
    { name: 'harness and setup tests', args: [mocha, '--config', join(root, 'test', 'tooling', '.mocharc.json')] },
    { name: 'install code-server', args: [harness, 'install', '--vscode', 'all'] },
    ...versions.map((v) => ({ name: `integration VS Code ${v}`, args: [harness, 'integration', '--vscode', v] })),
    { name: `UI tests (VS Code ${DEFAULT_VERSION})`, args: [harness, 'ui', '--vscode', DEFAULT_VERSION] },
    { name: 'package and install tests', args: [mocha, '--config', join(root, 'test', 'package', '.mocharc.json')] },
    { name: 'production build', args: [join(root, 'scripts', 'build.mjs'), '--production'] },
    { name: 'package .vsix', args: [join(root, 'scripts', 'package.mjs'), vsix] },
    ...versions.map((v) => ({ name: `installed .vsix UI smoke (VS Code ${v})`, args: [harness, 'ui', '--vscode', v, '--vsix', vsix] })),
  ];
}

let current;
const onSignal = (signal) => {
  // The terminal signals the whole foreground group; the step's harness stops its own processes.
  process.stderr.write(`\n[test] ${signal}: stopping\n`);
  if (current) current.once('exit', () => process.exit(130));
  else process.exit(130);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** How much of a failing step's output the summary repeats: its last lines. */
const TAIL_LINES = 120;

/** Runs a step, its output passed through as it comes and its last TAIL_LINES lines kept in `tail`. */
function runStep(step, tail) {
  return new Promise((resolve) => {
    const child = spawn(node, step.args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
    current = child;
    const partial = { stdout: '', stderr: '' };
    const keep = (name) => (chunk) => {
      process[name].write(chunk);
      const lines = (partial[name] + chunk.toString('utf8')).split('\n');
      partial[name] = lines.pop();
      tail.push(...lines);
      if (tail.length > TAIL_LINES) tail.splice(0, tail.length - TAIL_LINES);
    };
    child.stdout.on('data', keep('stdout'));
    child.stderr.on('data', keep('stderr'));
    child.on('error', (error) => {
      process.stderr.write(`[test] could not start ${step.name}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      tail.push(...[partial.stdout, partial.stderr].filter(Boolean));
      resolve(signal ? 1 : (code ?? 1));
    });
  });
}

/**
 * The failure reports a step's runs wrote (.test-output/failures/*.txt, see test/harness/results.ts):
 * the failing tests with their screenshots, and the end of the renderer's, the extension host's and
 * Roundup's logs.
 */
function failureReports(since) {
  const dir = join(root, '.test-output', 'failures');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt') && statSync(join(dir, name)).mtimeMs >= since)
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

const results = [];
async function run(step) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const started = Date.now();
  const tail = [];
  const code = await runStep(step, tail);
  const reports = code === 0 ? [] : failureReports(started);
  results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000, tail, reports });
  return code === 0;
}
// Without a build there is nothing to test, nor a harness to read the versions from.
if (await run(build)) for (const step of stepsAfterBuild()) await run(step);
current = undefined;

const width = Math.max(...results.map((r) => r.name.length), 4);
const line = (a, b, c) => `${a.padEnd(width)}  ${b.padEnd(6)}  ${c.padStart(7)}`;
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const total = results.reduce((sum, r) => sum + r.seconds, 0);
// The logs come first and what failed last, next to the summary: a CI page that keeps only the end of
// the output still shows each failing test and its error.
const LOGS = '\n## the end of the ';
const failures = [];
for (const r of results.filter((x) => !x.ok)) {
  process.stdout.write(`\n=== ${r.name} failed; the end of its output ===\n${r.tail.join('\n')}\n`);
  for (const report of r.reports) {
    const at = report.indexOf(LOGS);
    if (at >= 0) process.stdout.write(`\n=== ${r.name}: the end of each log ===${report.slice(at)}`);
    failures.push(`\n=== ${r.name}: what failed ===\n${(at >= 0 ? report.slice(0, at) : report).trimEnd()}\n`);
  }
}
process.stdout.write(failures.join(''));
process.stdout.write(
  `\n=== summary ===\n${line('step', 'result', 'time')}\n` +
    results.map((r) => line(r.name, r.ok ? 'pass' : 'FAIL', `${r.seconds.toFixed(1)}s`)).join('\n') +
    `\n${line('total', '', `${total.toFixed(1)}s`)}\n${passed} passed, ${failed} failed\n`,
);
process.exit(failed === 0 ? 0 : 1);
