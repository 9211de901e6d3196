/**
 * The fuzzer (test/support/fuzz.ts) with a small count, and the line-ending property: a post's LF,
 * CRLF and CR copies report the same problems at the same line:column ranges. `npm run fuzz` runs
 * the full count.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintPost } from '../../../src/core/lint/lintPost';
import { readSettings } from '../../../src/core/settings';
import { checkPost, inFormats, mutate, runFuzz } from '../../support/fuzz';
import { seeded } from '../../support/random';
import { NOW, sharedPath, span } from '../helpers';

const settings = readSettings(() => undefined).settings;

function corpus(): string[] {
  const dir = sharedPath('corpus', 'rdo-blog');
  return readdirSync(dir).filter((n) => n.endsWith('.md')).sort().map((n) => readFileSync(path.join(dir, n), 'utf8'));
}

describe('fuzzing the linter with mutated corpus posts', function () {
  this.timeout(60_000);
  let posts: string[];
  before(() => {
    posts = corpus();
  });

  it('2,000 posts: never throws, ranges inside the document, every fix lowers its rule (time reported, not asserted)', () => {
    const result = runFuzz(posts, 2000, 12, settings);
    console.log(`      ${result.count} posts in ${(result.totalMs / 1000).toFixed(1)} s, ${result.problems} problems, ${result.fixesApplied} fixes; per post p99 ${result.p99Ms.toFixed(2)} ms, slowest (timed again) ${result.slowestRetimed.ms.toFixed(2)} ms`);
    assert.ok(result.problems > 500 && result.fixesApplied > 300, 'the mutations make problems and fixes to check');
    assert.deepEqual(result.failures.map((f) => `#${f.index} ${f.what}`), []);
  });

  it('checkPost lints a post, applies each fix and lints the result again', () => {
    const text = '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\ntags:\n---\n';
    const r = checkPost(text, settings);
    assert.deepEqual(r.broken, []);
    assert.equal(r.problems, 2);
    assert.equal(r.fixes, 2);
  });

  it('TOML and JSON posts (the corpus written again in each): 1,000 of each, the same invariants', () => {
    const { toml, json } = inFormats(posts);
    assert.ok(toml.length > 100 && json.length > 100, `${toml.length} TOML and ${json.length} JSON posts`);
    assert.deepEqual(lintPost(toml[0]!, settings, { now: NOW, fileName: 'x.md' }).map((p) => p.rule), []);
    assert.deepEqual(lintPost(json[0]!, settings, { now: NOW, fileName: 'x.md' }).map((p) => p.rule), []);
    for (const [format, corpus] of [['TOML', toml], ['JSON', json]] as const) {
      const result = runFuzz(corpus, 1000, 21, settings);
      assert.ok(result.problems > 200 && result.fixesApplied > 100, `${format}: mutations make problems and fixes`);
      const failures = result.failures.map((f) => `${format} #${f.index} ${f.what} ${JSON.stringify(f.text)}`);
      assert.deepEqual(failures, []);
    }
  });

  it('LF, CRLF and CR copies of a TOML or JSON post report the same problems at the same ranges', () => {
    const random = seeded(7);
    const { toml, json } = inFormats(posts);
    const all = [...toml, ...json];
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      const lf = mutate(random, all[Math.floor(random() * all.length)]!).replace(/\r\n?/g, '\n');
      const described = (text: string) =>
        lintPost(text, settings, { now: NOW, fileName: 'x.md' }).map((p) => `${span(text, p)} ${p.rule} ${p.message}`);
      const expected = described(lf);
      compared += expected.length;
      for (const eol of ['\r\n', '\r']) {
        const copy = `${JSON.stringify(eol)} copy of ${JSON.stringify(lf.slice(0, 300))}`;
        assert.deepEqual(described(lf.replace(/\n/g, eol)), expected, copy);
      }
    }
    assert.ok(compared > 100, `problems compared: ${compared}`);
  });

  it('LF, CRLF and CR copies of a post report the same problems at the same line:column ranges', () => {
    const random = seeded(99);
    let compared = 0;
    const mutated = posts.map((p) => p).concat(Array.from({ length: 400 }, () => mutate(random, posts[Math.floor(random() * posts.length)])));
    for (const post of mutated) {
      const lf = post.replace(/\r\n?/g, '\n');
      const described = (text: string) =>
        lintPost(text, settings, { now: NOW, fileName: 'x.html.md' }).map((p) => `${span(text, p)} ${p.rule} ${p.message}`);
      const expected = described(lf);
      compared += expected.length;
      for (const eol of ['\r\n', '\r']) {
        assert.deepEqual(described(lf.replace(/\n/g, eol)), expected, `${JSON.stringify(eol)} copy of ${JSON.stringify(lf.slice(0, 200))}`);
      }
    }
    assert.ok(compared > 100, `problems compared: ${compared}`);
  });
});
