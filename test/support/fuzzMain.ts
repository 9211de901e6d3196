// `npm run fuzz` (after the build): the fuzzer over the shared corpus with the full count.
//   node out/test/support/fuzzMain.js [--count 100000] [--seed 1] [--max-ms 10] [--corpus DIR]
// Prints the count, the time, the slowest post (and writes it next to the build output); exits 1 on
// a broken invariant, or when the slowest post, timed again, takes more than --max-ms to lint.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSettings } from '../../src/core/settings';
import { projectRoot } from '../unit/helpers';
import { inFormats, runFuzz } from './fuzz';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const root = projectRoot();
const corpusDir = arg('corpus', path.join(process.env.ROUNDUP_SHARED || path.join(root, '..', 'shared'), 'corpus', 'rdo-blog'));
const count = Number(arg('count', '100000'));
const seed = Number(arg('seed', '1'));
const maxMs = Number(arg('max-ms', '10'));
const yaml = readdirSync(corpusDir)
  .filter((n) => n.endsWith('.md'))
  .sort()
  .map((n) => readFileSync(path.join(corpusDir, n), 'utf8'));
// The same posts as TOML and JSON front matter too.
const { toml, json } = inFormats(yaml);
const posts = [...yaml, ...toml, ...json];
const settings = readSettings(() => undefined).settings;

console.log(`fuzz: ${count} posts mutated from ${posts.length} corpus posts (seed ${seed}), node ${process.version}`);
const result = runFuzz(posts, count, seed, settings, (done) => process.stdout.write(`  ${done} posts\n`));
const slowestFile = path.join(root, 'out', 'fuzz-slowest-post.md');
writeFileSync(slowestFile, result.slowestRetimed.text);
console.log(`  ${result.count} posts in ${(result.totalMs / 1000).toFixed(1)} s (${(result.totalMs / result.count).toFixed(3)} ms per post with its fixes)`);
console.log(`  ${result.problems} problems, ${result.fixesApplied} fixes applied and linted again`);
console.log(`  lint time per post: 99th percentile ${result.p99Ms.toFixed(2)} ms, slowest in the run ${result.slowest.ms.toFixed(2)} ms (post #${result.slowest.index}, ${result.slowest.text.length} characters)`);
console.log(`  slowest post timed again (10 slowest, median of 5 lints each): ${result.slowestRetimed.ms.toFixed(2)} ms (post #${result.slowestRetimed.index}, ${result.slowestRetimed.text.length} characters, written to ${path.relative(root, slowestFile)})`);
for (const f of result.failures) console.log(`  FAILED post #${f.index}: ${f.what}\n    ${JSON.stringify(f.text.slice(0, 300))}`);
// The limit is on a post timed again: one slow call in the run may be a GC pause or another process.
const tooSlow = result.slowestRetimed.ms > maxMs;
if (tooSlow) console.log(`  FAILED: a post takes ${result.slowestRetimed.ms.toFixed(1)} ms (limit --max-ms ${maxMs})`);
console.log(result.failures.length === 0 && !tooSlow ? '  all invariants hold' : `  ${result.failures.length} broken invariant(s)`);
process.exit(result.failures.length === 0 && !tooSlow ? 0 : 1);
