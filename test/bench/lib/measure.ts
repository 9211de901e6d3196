/**
 * Timing for the benches: each contender runs in a child process of its own (a fresh heap and JIT,
 * so no contender is charged with another's garbage collection), is warmed up, then sampled; the
 * median and the spread are reported. Used by the bench scripts in the folder above.
 */
import { spawnSync } from 'node:child_process';

export interface Timing {
  /** Microseconds per call. */
  median: number;
  min: number;
  max: number;
  calls: number;
}

const CHILD_FLAG = '--bench-child';

/**
 * A quick run (`npm run bench -- --quick`, env ROUNDUP_BENCH_QUICK=1): every bench goes its whole way
 * on tiny inputs with few samples, so a test can check that each still runs to its end (a moved file, a
 * renamed function); its figures mean nothing.
 */
export const QUICK = process.env.ROUNDUP_BENCH_QUICK === '1';

/** `full` in a real run, `quick` in a quick one. */
export function scaled<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}

/**
 * In the parent: runs `node <script> --bench-child <name>` for the contender and returns its timing.
 * In the child (see {@link childContender}) the script times that one function and prints it.
 */
export function measureApart(script: string, name: string): Timing {
  const run = spawnSync(process.execPath, ['--expose-gc', script, CHILD_FLAG, name], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`bench contender "${name}" failed (${run.status}):\n${run.stderr}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Timing;
}

/** The contender this process must time, when it is a bench child; undefined in the parent. */
export function childContender(): string | undefined {
  const i = process.argv.indexOf(CHILD_FLAG);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Times `fn` alone: warm-up, then `samples` batches (each about `sampleMs` long), a full GC before each batch. */
export function timeAlone(fn: () => unknown, options: { warmupMs?: number; samples?: number; sampleMs?: number } = {}): Timing {
  const { warmupMs = 1000, samples = 21, sampleMs = 40 } = QUICK ? { warmupMs: 5, samples: 3, sampleMs: 1 } : options;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  let batch = 1;
  const deadline = performance.now() + warmupMs;
  while (performance.now() < deadline) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t < sampleMs) batch *= 2;
  }
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    gc();
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push(((performance.now() - t) * 1000) / batch);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], min: times[0], max: times[times.length - 1], calls: batch * samples };
}

/** Prints a child's timing for {@link measureApart}. */
export function reportChild(timing: Timing): void {
  process.stdout.write(JSON.stringify(timing) + '\n');
}

export function verdict(ratio: number, goal: number): string {
  return `${ratio.toFixed(2)}x (goal <= ${goal}x: ${ratio <= goal ? 'met' : 'MISSED'})`;
}

export function row(name: string, m: Timing, width = 48): string {
  return `  ${name.padEnd(width)} median ${m.median.toFixed(1).padStart(10)} µs   (min ${m.min.toFixed(1)}, max ${m.max.toFixed(1)}, ${m.calls} calls)`;
}
