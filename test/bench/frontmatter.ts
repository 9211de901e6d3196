// Front matter benchmark (a plain script, not a test): `npm run build && node out/test/bench/frontmatter.js`.
//  (a) lint time of the model post (../shared/examples/roundup-post.md next to the project) and of the
//      same front matter over a 10 MB body, and their ratio (goal <= 1.5: lint reads only the front matter);
//  (b) lint time of the model post next to a bare `yaml` parseDocument of its front matter (goal <= 3x).
// Each figure is the median of many timed batches after a warm-up; nothing here fails a build.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { lintPost } from '../../src/core/lintPost';
import { readSettings } from '../../src/core/settings';

const BODY_BYTES = 10 * 1024 * 1024;
const WARMUP_MS = 1500;
const SAMPLES = 41;
/** Each sample times a batch long enough (about this many ms) for the timer's resolution not to matter. */
const SAMPLE_MS = 40;

function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'core', 'lint.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('Cannot find the project folder above ' + __dirname);
  }
}

function modelPost(): string {
  const file = path.join(projectRoot(), '..', 'shared', 'examples', 'roundup-post.md');
  if (!existsSync(file)) throw new Error(`The model post is missing: ${path.join('..', 'shared', 'examples', 'roundup-post.md')} next to the project`);
  return readFileSync(file, 'utf8');
}

interface Timing {
  median: number;
  min: number;
  max: number;
  calls: number;
}

/**
 * Median time of one call of each function, in microseconds. The functions are warmed up together, then
 * sampled in turn (a, b, c, a, b, c, ...) so that a busy moment of the machine weighs on all of them alike.
 */
function measure(fns: readonly (() => unknown)[]): Timing[] {
  const batches = fns.map(() => 1);
  const deadline = performance.now() + WARMUP_MS;
  while (performance.now() < deadline) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      for (let i = 0; i < batches[k]; i++) fn();
      // Grow each batch until one takes SAMPLE_MS.
      if (performance.now() - t < SAMPLE_MS) batches[k] *= 2;
    });
  }
  const times: number[][] = fns.map(() => []);
  for (let s = 0; s < SAMPLES; s++) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      for (let i = 0; i < batches[k]; i++) fn();
      times[k].push(((performance.now() - t) * 1000) / batches[k]);
    });
  }
  return times.map((ts, k) => {
    ts.sort((a, b) => a - b);
    return { median: ts[ts.length >> 1], min: ts[0], max: ts[ts.length - 1], calls: batches[k] * SAMPLES };
  });
}

function main(): void {
  const post = modelPost();
  const close = post.indexOf('\n---', 3);
  const frontMatter = post.slice(0, post.indexOf('\n', close + 1) + 1);
  const yamlText = post.slice(post.indexOf('\n') + 1, close + 1);
  // A flat (not concatenated) 10 MB body of the model post's own paragraphs.
  const bodyUnit = post.slice(frontMatter.length);
  const big = Buffer.from(frontMatter + bodyUnit.repeat(Math.ceil(BODY_BYTES / bodyUnit.length)).slice(0, BODY_BYTES)).toString('utf8');

  const settings = readSettings(() => undefined).settings;
  // The front matter rules alone: the body rule (post-duplicate-link) reads the whole post by design.
  const frontMatterOnly = readSettings((key) => (key === 'roundup.frontMatter.rules' ? { 'post-duplicate-link': 'off' } : undefined)).settings;
  const now = new Date(Date.UTC(2016, 4, 17, 17, 18, 56));
  const context = { now, fileName: '2016-05-17-rdo-blogs-over-the-last-few-weeks.html.md' };
  const lint = (text: string) => lintPost(text, frontMatterOnly, context);
  const lintAll = (text: string) => lintPost(text, settings, context);

  // The benchmark only means something when the model post lints clean and both texts lint alike.
  const expected = lintAll(post);
  if (expected.length !== 0) throw new Error(`The model post should lint clean, got: ${expected.map((p) => p.message).join('; ')}`);
  if (lint(big).length !== 0) throw new Error('The 10 MB post should lint clean (front matter rules)');
  if (parseDocument(yamlText).errors.length !== 0) throw new Error('The model front matter should parse');

  const [small, large, yaml, allSmall, allLarge] = measure([() => lint(post), () => lint(big), () => parseDocument(yamlText), () => lintAll(post), () => lintAll(big)]);

  const us = (n: number) => `${n.toFixed(1).padStart(8)} µs`;
  const row = (name: string, m: Timing) =>
    console.log(`  ${name.padEnd(44)} median ${us(m.median)}   (min ${m.min.toFixed(1)}, max ${m.max.toFixed(1)}, ${m.calls} calls)`);
  const verdict = (ratio: number, goal: number) => `${ratio.toFixed(2)}x (goal <= ${goal}x: ${ratio <= goal ? 'met' : 'MISSED'})`;

  console.log(`Front matter lint (node ${process.version}; ${SAMPLES} samples after ${WARMUP_MS} ms warm-up)`);
  console.log(`  model post: ${post.length} characters, front matter ${frontMatter.length}; large post: ${big.length} characters`);
  row('front matter lint, model post', small);
  row('front matter lint, same + 10 MB body', large);
  row('bare yaml parseDocument of the front matter', yaml);
  console.log(`  10 MB body / model post:   ${verdict(large.median / small.median, 1.5)}`);
  console.log(`  lint / bare yaml parse:    ${verdict(small.median / yaml.median, 3)}`);
  console.log('  with the body rule post-duplicate-link (reads the whole post):');
  row('all rules, model post', allSmall);
  row('all rules, same + 10 MB body', allLarge);
}

main();
