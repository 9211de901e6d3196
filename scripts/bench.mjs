// `npm run bench`: runs every built benchmark (out/test/bench/*.js) one after the other, each in its
// own process so one bench's garbage and JIT state do not colour the next one's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('out', 'test', 'bench');
const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file.replace(/\.js$/, '')} ==\n`);
  const run = spawnSync(process.execPath, ['--enable-source-maps', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
if (failed) {
  process.stderr.write(`${failed} bench(es) failed\n`);
  process.exit(1);
}
