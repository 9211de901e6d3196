import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { lintFrontMatter } from '../../../src/core/frontmatter/lint';
import { applyEdits, type Problem } from '../../../src/core/lint/problem';
import { lint, NOW, spans } from '../helpers';

/** Every range and every fix edit lies inside the document; each fix applies without throwing. */
function assertInside(text: string, problems: readonly Problem[]): void {
  for (const p of problems) {
    assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length, `${p.rule} ${p.start}-${p.end} outside 0-${text.length}`);
    for (const fix of p.fixes) {
      for (const e of fix.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${p.rule} fix "${fix.title}" edits ${e.start}-${e.end}`);
      assert.doesNotThrow(() => applyEdits(text, fix.edits));
    }
  }
}

const MB = 1024 * 1024;
const FRONT = '---\ntitle: T\nauthor: a\ndate: 2016-05-17 17:18:56 UTC\n---\n';

/** A 50 MB body of ordinary markdown lines (with `---` rules and `key: value` lookalikes in it). */
function bigBody(bytes: number): string {
  const chunk = 'Some text of the post, with a [link](https://example.org) and *emphasis*.\n\n---\n\ndate: not front matter\n';
  return chunk.repeat(Math.ceil(bytes / chunk.length)).slice(0, bytes);
}

describe('bad input', function () {
  // Big inputs on a busy machine: a generous guard against a hang, not a speed check.
  this.timeout(120_000);
  it('random bytes (with NUL) decoded as UTF-8: no crash, ranges inside', () => {
    // A fixed set of shapes around random bytes: bare, after an opening fence, inside a closed block.
    for (let i = 0; i < 300; i++) {
      const noise = randomBytes(1 + (i % 97) * 7);
      noise[i % noise.length] = 0;
      const s = noise.toString('utf8');
      for (const text of [s, `---\n${s}`, `---\n${s}\n---\nbody`, `---\ntitle: ${s}\n---\n`, `\uFEFF---\n${s}\n---\n`]) {
        const problems = lint(text);
        assertInside(text, problems);
      }
    }
  });

  it('a binary-looking file (NUL bytes and control characters) is not a post', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.deepEqual(lint(bytes.toString('utf8')), []);
  });

  it('a 50 MB file with front matter: the front matter is linted, the body ignored', () => {
    const text = FRONT.replace('date: 2016-05-17 17:18:56 UTC', 'date: 2016-02-30') + bigBody(50 * MB);
    const problems = lint(text);
    assert.deepEqual(spans(text, problems), ['4:7-4:17 fm-date']);
    assertInside(text, problems);
  });

  it('an unclosed `---` followed by 50 MB: one fm-unclosed on line 1', () => {
    const text = '---\ntitle: T\n' + 'x'.repeat(99).concat('\n').repeat((50 * MB) / 100);
    const problems = lint(text);
    assert.deepEqual(spans(text, problems), ['1:1-1:4 fm-unclosed']);
  });

  it('an unclosed `---` followed by one 50 MB line, and by 50 MB of lone CRs', () => {
    for (const rest of ['a'.repeat(50 * MB), '\r'.repeat(50 * MB)]) {
      const text = '---\n' + rest;
      assert.deepEqual(spans(text, lint(text)), ['1:1-1:4 fm-unclosed']);
    }
  });

  it('50 MB of blank lines, and a 50 MB file with no front matter', () => {
    assert.deepEqual(lint('\n'.repeat(50 * MB)), []);
    assert.deepEqual(lint(bigBody(50 * MB)), []);
  });

  it('a huge front matter (20 000 unknown keys) is reported key by key', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `key${i}: v`);
    const text = ['---', 'title: T', 'author: a', 'date: 2016-05-17', ...keys, '---', ''].join('\n');
    const problems = lint(text);
    assert.equal(problems.length, 20000);
    assert.ok(problems.every((p) => p.rule === 'fm-unknown-key'));
    assertInside(text, problems);
  });

  it('an alias bomb does not expand', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const text = ['---', 'title: T', 'author: a', 'date: 2016-05-17', ...lines, '---', ''].join('\n');
    const problems = lint(text);
    assert.equal(problems.length, 10);
    assertInside(text, problems);
  });

  it('a mapping or list used as a key: skipped, and no warning printed by the YAML parser', async () => {
    const warnings: Error[] = [];
    const listen = (w: Error) => warnings.push(w);
    process.on('warning', listen);
    try {
      const text = ['---', '? [a, b]', ': c', '? {x: 1}', ': d', 'title: T', 'author: a', 'date: 2016-05-17', '---', ''].join('\n');
      assert.deepEqual(lint(text), []);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    assert.deepEqual(warnings.map((w) => w.message), []);
  });

  const degenerate: [string, string, string[]][] = [
    ['an empty file', '', []],
    ['a BOM alone', '\uFEFF', []],
    ['only `---`', '---', ['1:1-1:4 fm-unclosed']],
    ['only `---` and a line break', '---\n', ['1:1-1:4 fm-unclosed']],
    ['only `---\\n---`', '---\n---', ['1:1-1:4 fm-required']],
    ['only `---\\n---\\n`', '---\n---\n', ['1:1-1:4 fm-required']],
    ['`---\\n...`', '---\n...\n', ['1:1-1:4 fm-required']],
    ['front matter with only comments', '---\n# title: T\n# author: a\n---\nBody\n', ['1:1-1:4 fm-required']],
    ['front matter with only blank lines', '---\n\n\n---\n', ['1:1-1:4 fm-required']],
    ['CRLF `---\\r\\n---\\r\\n`', '---\r\n---\r\n', ['1:1-1:4 fm-required']],
    ['a BOM and `---` alone', '\uFEFF---\n', []],
    ['a BOM and an empty block', '\uFEFF---\n---\n', []],
    ['a BOM before front matter', '\uFEFF---\ntitle: T\n---\n', ['1:2-1:5 fm-not-at-start']],
    ['four dashes', '----\n----\n', []],
    ['`---` then spaces', '---   \n---  \n', ['1:1-1:7 fm-required']],
    ['a lone CR', '\r', []],
    ['`---\\r`', '---\r', ['1:1-1:4 fm-unclosed']],
    ['`---` then only a NUL', '---\n\0\n---\n', ['2:1-2:2 fm-yaml-syntax']],
  ];
  for (const [name, text, expected] of degenerate) {
    it(`${name}: at most one problem, inside the document`, () => {
      const problems = lintFrontMatter(text, { now: NOW });
      assert.ok(problems.length <= 1, JSON.stringify(problems));
      assert.deepEqual(spans(text, problems), expected);
      assertInside(text, problems);
    });
  }
});
