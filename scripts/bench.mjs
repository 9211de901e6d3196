// `npm run bench`: runs every built benchmark (out/test/bench/*.js) one after the other, each in its
// own process so one bench's garbage and JIT state do not colour the next one's figures.
// `--quick`: each on tiny inputs with few samples (ROUNDUP_BENCH_QUICK=1, see test/bench/lib/measure.ts),
// only to check that every bench still runs to its end (npm test does); the figures then mean nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const env = quick ? { ...process.env, ROUNDUP_BENCH_QUICK: '1' } : process.env;
const dir = join('out', 'test', 'bench');
const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file.replace(/\.js$/, '')}${quick ? ' (quick: the figures mean nothing)' : ''} ==\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--enable-source-maps', join(dir, file)], { stdio: 'inherit', env });
  if (run.status !== 0) failed++;
  process.stdout.write(`(${file.replace(/\.js$/, '')}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
if (failed) {
  process.stderr.write(`${failed} bench(es) failed\n`);
  process.exit(1);
}
