// Front matter benchmark (a plain script, not a test): `npm run build && node out/test/bench/frontmatter.js`.
//  (a) lint time of the model post (../shared/examples/roundup-post.md next to the project) and of the
//      same front matter over a 10 MB body of realistic markdown (seeded generator, not one post
//      repeated), and their ratio (goal <= 1.5: lint reads only the front matter);
//  (b) lint time of the model post next to a bare `yaml` parseDocument of its front matter (goal <= 3x).
// Each contender runs in a child process of its own (a fresh heap: the model post's samples are not
// charged with the 10 MB run's garbage collection), warmed up, median of samples; nothing here fails a build.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { lintPost } from '../../src/core/lint/lintPost';
import { readSettings } from '../../src/core/settings';
import { generatePost } from '../support/random';
import { projectRoot } from '../harness/util';
import { childContender, measureApart, reportChild, row, scaled, timeAlone, verdict } from './lib/measure';

const BODY_BYTES = scaled(10 * 1024 * 1024, 64 * 1024);
const SEED = 20160517;

/** The model post, the project's one fixture of it. */
function modelPost(): string {
  return readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'workspace', 'roundup-post.md'), 'utf8');
}

interface Texts {
  post: string;
  big: string;
  yamlText: string;
}

function texts(): Texts {
  const post = modelPost();
  const close = post.indexOf('\n---', 3);
  const frontMatter = post.slice(0, post.indexOf('\n', close + 1) + 1);
  const yamlText = post.slice(post.indexOf('\n') + 1, close + 1);
  const generated = generatePost(SEED, BODY_BYTES);
  const body = generated.slice(generated.indexOf('\n---\n', 3) + 5);
  return { post, big: frontMatter + body, yamlText };
}

const settings = readSettings(() => undefined).settings;
// The front matter rules alone: the body rule (post-duplicate-link) reads the whole post by design.
const frontMatterOnly = readSettings((key) => (key === 'roundup.lint.rules' ? { 'post-duplicate-link': 'off' } : undefined)).settings;
const context = { now: new Date(Date.UTC(2016, 4, 17, 17, 18, 56)), fileName: '2016-05-17-rdo-blogs-over-the-last-few-weeks.html.md' };
const lint = (text: string) => lintPost(text, frontMatterOnly, context);
const lintAll = (text: string) => lintPost(text, settings, context);

const CONTENDERS: Record<string, (t: Texts) => () => unknown> = {
  small: (t) => () => lint(t.post),
  large: (t) => () => lint(t.big),
  yaml: (t) => () => parseDocument(t.yamlText),
  allSmall: (t) => () => lintAll(t.post),
  // Two texts in turn: the link scan keeps the last text's result.
  allLarge: (t) => {
    const pair = [t.big, t.big + '\n'];
    let turn = 0;
    return () => lintAll(pair[turn++ & 1]);
  },
};

function main(): void {
  const t = texts();
  // The benchmark only means something when the model post lints clean and both texts lint alike.
  const expected = lintAll(t.post);
  if (expected.length !== 0) throw new Error(`The model post should lint clean, got: ${expected.map((p) => p.message).join('; ')}`);
  if (lint(t.big).length !== 0) throw new Error('The 10 MB post should lint clean (front matter rules)');
  if (parseDocument(t.yamlText).errors.length !== 0) throw new Error('The model front matter should parse');

  const [small, large, yaml, allSmall, allLarge] = Object.keys(CONTENDERS).map((name) => measureApart(__filename, name));

  console.log(`Front matter lint (node ${process.version}; each contender in its own process, warm-up, median of samples)`);
  console.log(`  model post: ${t.post.length} characters; large post: the same front matter over a generated body (seed ${SEED}), ${t.big.length} characters`);
  console.log(row('front matter lint, model post', small));
  console.log(row('front matter lint, same + 10 MB body', large));
  console.log(row('bare yaml parseDocument of the front matter', yaml));
  console.log(`  10 MB body / model post:   ${verdict(large.median / small.median, 1.5)}`);
  console.log(`  lint / bare yaml parse:    ${verdict(small.median / yaml.median, 3)}`);
  console.log('  with the body rule post-duplicate-link (reads the whole post):');
  console.log(row('all rules, model post', allSmall));
  console.log(row('all rules, same + 10 MB body', allLarge));
}

const spec = childContender();
if (spec) {
  const fn = CONTENDERS[spec](texts());
  reportChild(timeAlone(fn, spec === 'allLarge' ? { warmupMs: 300, samples: 7, sampleMs: 1 } : { warmupMs: 1500, samples: 41, sampleMs: 40 }));
} else main();
