// Start-up of the CLI. Run after `npm run build`:  node out/test/bench/cli.js
//
// The whole `node dist/cli.js lint <model post>` process (start node, load the bundle, lint one post,
// print, exit) against the floor `node -e 0` (start node and exit), each a fresh process, measured
// in alternation after warm-up runs: median, spread (interquartile range) and the ratio of medians.
// Goal: the lint process takes at most 1.3x the floor.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../harness/util';
import { scaled } from './lib/measure';

const RUNS = scaled(Number(process.env.ROUNDUP_BENCH_RUNS ?? 25), 2);
const WARMUP = scaled(3, 1);
const GOAL = 1.3;

interface Contender {
  name: string;
  args: string[];
  /** Exit codes the run may end with (lint exits 1 when the post has errors). */
  ok: number[];
}

function once(c: Contender, cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (!c.ok.includes(r.status ?? -1)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

function stats(times: number[]): { median: number; q1: number; q3: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

function main(): void {
  const root = projectRoot();
  const dir = mkdtempSync(path.join(tmpdir(), 'roundup-bench-cli-'));
  try {
    const post = path.join(root, 'test', 'fixtures', 'workspace', 'roundup-post.md');
    copyFileSync(post, path.join(dir, 'roundup-post.md'));
    const contenders: Contender[] = [
      { name: 'node -e 0 (floor)', args: ['-e', '0'], ok: [0] },
      { name: 'roundup lint <model post>', args: [path.join(root, 'dist', 'cli.js'), 'lint', 'roundup-post.md'], ok: [0, 1] },
    ];
    for (const c of contenders) for (let i = 0; i < WARMUP; i++) once(c, dir);
    const times = contenders.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) contenders.forEach((c, j) => times[j].push(once(c, dir)));
    const results = contenders.map((c, j) => ({ name: c.name, ...stats(times[j]) }));
    for (const r of results) {
      process.stdout.write(`${r.name.padEnd(28)} median ${r.median.toFixed(1).padStart(6)} ms  (IQR ${r.q1.toFixed(1)}–${r.q3.toFixed(1)} ms, ${RUNS} runs)\n`);
    }
    const ratio = results[1].median / results[0].median;
    process.stdout.write(`lint process / node floor: ${ratio.toFixed(2)}x (goal <= ${GOAL}x): ${ratio <= GOAL ? 'met' : 'NOT met'}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
