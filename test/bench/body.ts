// Body rules benchmark (a plain script, not a test): `npm run build && node out/test/bench/body.js`.
//
// The cost per MB of the body rule (post-duplicate-link), of all rules (lintPost), and of the link set
// the sidebar's IncludedLinks keeps, against two peers over the same text: one regular-expression scan
// for link targets (the floor: any link rule must at least find the links), and a markdown-it parse
// (what a renderer pays). Texts: a 10 MB post of realistic markdown made by a seeded generator
// (prose, roundup blocks, link lists, release notes, code, tables; not one post repeated) and the
// model post. Each contender runs in a child process of its own (fresh heap), warmed up, median of samples.
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { lintPost } from '../../src/core/lint/lintPost';
import { extractLinkSet } from '../../src/core/markdown';
import { lintDuplicateLinks } from '../../src/core/roundup/rules';
import { readSettings } from '../../src/core/settings';
import { projectRoot } from '../unit/helpers';
import { generatePost } from '../support/random';
import { childContender, measureApart, reportChild, row, scaled, timeAlone, verdict, type Timing } from './lib/measure';
import * as path from 'node:path';

const BIG_BYTES = scaled(10 * 1024 * 1024, 64 * 1024);
const SEED = 20160517;
/** Goal of the issue: all body rules cost at most this many times the floor. */
const GOAL = 3;

/** A bare link scan: inline link destinations, autolinks and bare URLs, in one regular expression. */
const LINK_SCAN = /\]\(\s*<?([^\s)>]+)|<([A-Za-z][\w+.-]*:[^\s<>]*)>|\bhttps?:\/\/[^\s<>"'()[\]]+/g;

function regexScan(text: string): number {
  let n = 0;
  LINK_SCAN.lastIndex = 0;
  while (LINK_SCAN.exec(text) !== null) n++;
  return n;
}

function texts(): Record<string, string> {
  return {
    big: generatePost(SEED, BIG_BYTES),
    model: readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'workspace', 'roundup-post.md'), 'utf8'),
  };
}

const settings = readSettings(() => undefined).settings;
const context = { now: new Date(Date.UTC(2016, 4, 17)), fileName: 'bench.html.md' };
const md = new MarkdownIt({ html: true });

const CONTENDERS: Record<string, (text: string) => unknown> = {
  regex: regexScan,
  markdownIt: (text) => md.parse(text, {}),
  bodyRule: (text) => lintDuplicateLinks(text),
  allRules: (text) => lintPost(text, settings, context),
  linkSet: (text) => extractLinkSet(text),
  // What the extension does after an edit: lint the post, then mark the included entries (each scans the text).
  lintThenLinkSet: (text) => [lintPost(text, settings, context), extractLinkSet(text)],
};

function child(spec: string): void {
  const [name, which] = spec.split(':');
  const text = texts()[which];
  // Two texts of different lengths in turn: every call is a first look at its text, as after an edit,
  // should anything on the way keep what it read last.
  const pair = [text, text + '\n'];
  let turn = 0;
  const fn = CONTENDERS[name];
  const big = text.length > 1e6;
  // On the big text a first call of JavaScript runs unoptimised for 100-200 ms (a regular expression is
  // compiled at its first use): two seconds of warm-up give every contender several calls before it is timed.
  reportChild(timeAlone(() => fn(pair[turn++ & 1]), big ? { warmupMs: 2000, samples: 7, sampleMs: 1 } : { warmupMs: 800, samples: 21, sampleMs: 40 }));
}

function main(): void {
  const all = texts();
  console.log(`Body rules (node ${process.version}; each contender in its own process)`);
  for (const which of ['big', 'model']) {
    const text = all[which];
    const mb = text.length / (1024 * 1024);
    const links = regexScan(text);
    console.log(`\n ${which === 'big' ? `generated post (seed ${SEED})` : 'model post'}: ${text.length} characters, ${text.split('\n').length} lines, ${links} links by the regex scan, ${lintDuplicateLinks(text).length} duplicate entries`);
    const t: Record<string, Timing> = {};
    for (const name of Object.keys(CONTENDERS)) {
      t[name] = measureApart(__filename, `${name}:${which}`);
      console.log(row(name, t[name]) + `  ${(t[name].median / 1000 / mb).toFixed(2)} ms/MB`);
    }
    // The goal is the body rules' (on the model post, lintPost is mostly the front matter's YAML parse).
    console.log(`  body rules / regex link scan:           ${verdict(t.bodyRule.median / t.regex.median, GOAL)}`);
    console.log(`  lintPost (all rules) / regex link scan: ${(t.allRules.median / t.regex.median).toFixed(2)}x`);
    console.log(`  link set / regex link scan:             ${(t.linkSet.median / t.regex.median).toFixed(2)}x`);
    console.log(`  lint + link set / lint alone:           ${(t.lintThenLinkSet.median / t.allRules.median).toFixed(2)}x (what is added is the link set: its own scan and the keys)`);
    console.log(`  body rules / markdown-it parse:         ${(t.bodyRule.median / t.markdownIt.median).toFixed(3)}x`);
    console.log(`  lintPost / markdown-it parse:           ${(t.allRules.median / t.markdownIt.median).toFixed(3)}x`);
  }
}

const spec = childContender();
if (spec) child(spec);
else main();
