// Start-up of the CLI. Run after `npm run build`:  node out/test/bench/cli.js
//
// The whole `node dist/cli.js lint <model post>` process (start node, load the bundle, lint one post,
// print, exit) and `node dist/cli.js --version` (start and load only) against the floor `node -e 0`
// (start node and exit), each a fresh process, measured in alternation after warm-up runs: median,
// spread (interquartile range) and the ratio of medians. Goal: the lint process takes at most 1.3x the floor.
//
// Wall time is what a user waits; on a machine shared with other jobs it swings with their load. The
// CPU time each process used (Linux: the children's time in /proc/self/stat, counted when the child is
// reaped, in clock ticks) waits for no other job, so its ratio is printed beside: a mean over the runs,
// as one tick (10 ms) is coarse next to one run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../harness/util';
import { scaled } from './lib/measure';

const RUNS = scaled(Number(process.env.ROUNDUP_BENCH_RUNS ?? 25), 2);
const WARMUP = scaled(3, 1);
const GOAL = 1.3;
/** Clock ticks per second of /proc (USER_HZ: 100 on Linux). */
const TICK_MS = 10;

interface Contender {
  name: string;
  args: string[];
  /** Exit codes the run may end with (lint exits 1 when the post has errors). */
  ok: number[];
}

/** The CPU time (user + system, ms) of this process's reaped children so far; undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name (which may hold spaces, in parentheses): cutime and cstime are 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return undefined;
  }
}

function once(c: Contender, cwd: string): { wall: number; cpu: number | undefined } {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childrenCpuMs();
  if (r.error) throw r.error;
  if (!c.ok.includes(r.status ?? -1)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.toString()}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

function stats(times: number[]): { median: number; q1: number; q3: number; mean: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function main(): void {
  const root = projectRoot();
  const dir = mkdtempSync(path.join(tmpdir(), 'roundup-bench-cli-'));
  try {
    const post = path.join(root, 'test', 'fixtures', 'workspace', 'roundup-post.md');
    copyFileSync(post, path.join(dir, 'roundup-post.md'));
    const cli = path.join(root, 'dist', 'cli.js');
    const contenders: Contender[] = [
      { name: 'node -e 0 (floor)', args: ['-e', '0'], ok: [0] },
      { name: 'roundup lint <model post>', args: [cli, 'lint', 'roundup-post.md'], ok: [0, 1] },
      { name: 'roundup --version', args: [cli, '--version'], ok: [0] },
    ];
    for (const c of contenders) for (let i = 0; i < WARMUP; i++) once(c, dir);
    const walls = contenders.map(() => [] as number[]);
    const cpus = contenders.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) {
      contenders.forEach((c, j) => {
        const { wall, cpu } = once(c, dir);
        walls[j].push(wall);
        if (cpu !== undefined) cpus[j].push(cpu);
      });
    }
    const wall = contenders.map((c, j) => ({ name: c.name, ...stats(walls[j]) }));
    const cpu = cpus[0].length ? contenders.map((c, j) => ({ name: c.name, ...stats(cpus[j]) })) : undefined;
    contenders.forEach((c, j) => {
      const w = wall[j];
      const cpuText = cpu ? `; CPU mean ${cpu[j].mean.toFixed(1).padStart(6)} ms` : '';
      process.stdout.write(`${c.name.padEnd(28)} median ${w.median.toFixed(1).padStart(6)} ms  (IQR ${w.q1.toFixed(1)}–${w.q3.toFixed(1)} ms, ${RUNS} runs)${cpuText}\n`);
    });
    const ratio = wall[1].median / wall[0].median;
    process.stdout.write(`lint process / node floor: ${ratio.toFixed(2)}x wall (goal <= ${GOAL}x): ${ratio <= GOAL ? 'met' : 'NOT met'}\n`);
    process.stdout.write(`--version process / node floor: ${(wall[2].median / wall[0].median).toFixed(2)}x wall (the bundle's load alone)\n`);
    if (cpu) {
      const cpuRatio = cpu[1].mean / cpu[0].mean;
      process.stdout.write(`lint process / node floor: ${cpuRatio.toFixed(2)}x CPU time (goal <= ${GOAL}x): ${cpuRatio <= GOAL ? 'met' : 'NOT met'}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
