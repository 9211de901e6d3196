// `npm test`: every check in order — build, type check, lint and unused exports, unit tests,
// code-server install, the integration suite on each VS Code version, the UI tests; then the package a
// user installs: the production .vsix, installed into code-server and smoke-tested on each VS Code
// version. A failing step does not stop the
// others, so the summary shows every result, followed by the end of each failing step's output (where
// mocha lists its failures), so that a log cut to its last part still says what failed; the exit code
// is non-zero if any step failed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const harness = join(root, 'out', 'test', 'harness', 'cli.js');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, '.test-output', `roundup-${version}.vsix`);

const steps = [
  { name: 'build', args: [join(root, 'scripts', 'build.mjs')] },
  { name: 'typecheck', args: [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', root] },
  { name: 'lint', args: [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', 'scripts'] },
  { name: 'unused exports', args: [join(root, 'scripts', 'unused-exports.mjs')] },
  { name: 'unit tests', args: [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js')] },
  { name: 'install code-server', args: [harness, 'install', '--vscode', 'all'] },
  { name: 'integration VS Code 1.100.3', args: [harness, 'integration', '--vscode', '1.100.3'] },
  { name: 'integration VS Code 1.139.1', args: [harness, 'integration', '--vscode', '1.139.1'] },
  { name: 'UI tests (VS Code 1.100.3)', args: [harness, 'ui', '--vscode', '1.100.3'] },
  { name: 'production build', args: [join(root, 'scripts', 'build.mjs'), '--production'] },
  { name: 'package .vsix', args: [join(root, 'scripts', 'package.mjs'), vsix] },
  { name: 'installed .vsix UI smoke (VS Code 1.100.3)', args: [harness, 'ui', '--vscode', '1.100.3', '--vsix', vsix] },
  { name: 'installed .vsix UI smoke (VS Code 1.139.1)', args: [harness, 'ui', '--vscode', '1.139.1', '--vsix', vsix] },
];

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
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const started = Date.now();
  const tail = [];
  const code = await runStep(step, tail);
  const reports = code === 0 ? [] : failureReports(started);
  results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000, tail, reports });
}
current = undefined;

const width = Math.max(...results.map((r) => r.name.length), 4);
const line = (a, b, c) => `${a.padEnd(width)}  ${b.padEnd(6)}  ${c.padStart(7)}`;
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const total = results.reduce((sum, r) => sum + r.seconds, 0);
for (const r of results.filter((x) => !x.ok)) {
  process.stdout.write(`\n=== ${r.name} failed; the end of its output ===\n${r.tail.join('\n')}\n`);
  for (const report of r.reports) process.stdout.write(`\n=== ${r.name}: what failed, and the end of each log ===\n${report}`);
}
process.stdout.write(
  `\n=== summary ===\n${line('step', 'result', 'time')}\n` +
    results.map((r) => line(r.name, r.ok ? 'pass' : 'FAIL', `${r.seconds.toFixed(1)}s`)).join('\n') +
    `\n${line('total', '', `${total.toFixed(1)}s`)}\n${passed} passed, ${failed} failed\n`,
);
process.exit(failed === 0 ? 0 : 1);
