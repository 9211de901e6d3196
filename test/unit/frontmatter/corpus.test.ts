/**
 * Every post of the shared corpus (`../shared/corpus/rdo-blog` next to the project), linted as the CLI
 * and the editor do, with the exact expected result; and the fixture posts the integration tests and the
 * demo use.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintPost } from '../../../src/core/lint/lintPost';
import { applyEdits, fixAllEdits, type Problem } from '../../../src/core/lint/problem';
import { readFolderDates, siblingDates } from '../../../src/core/roundup/siblings';
import { readSettings } from '../../../src/core/settings';
import { applyFix, fixturePath, NOW, sharedPath, span } from '../helpers';

const settings = readSettings(() => undefined).settings;

async function lintFolder(folder: string): Promise<Map<string, { text: string; problems: Problem[] }>> {
  const names = readdirSync(folder).filter((n) => /\.md$/.test(n)).sort();
  const texts = new Map(names.map((n) => [n, readFileSync(path.join(folder, n), 'utf8')]));
  const dates = await readFolderDates(names, (name) => texts.get(name)!);
  const out = new Map<string, { text: string; problems: Problem[] }>();
  for (const [name, text] of texts) {
    const context = { now: NOW, fileName: name, siblingDates: siblingDates(dates, name) };
    out.set(name, { text, problems: lintPost(text, settings, context) });
  }
  return out;
}

const described = (text: string, problems: Problem[]) => problems.map((p) => `${span(text, p)} ${p.severity}`);

describe('the shared corpus of real posts', () => {
  let results: Map<string, { text: string; problems: Problem[] }>;
  before(async () => {
    results = await lintFolder(sharedPath('corpus', 'rdo-blog'));
  });

  /** The posts that really are wrong, and how. */
  const WRONG: Record<string, string[]> = {
    '2013-10-02-hello-world.html.md': ['1:1-1:4 fm-required error', '5:1-5:8 fm-unknown-key info'],
    '2013-10-22-springboard-is-shaping-up.html.md': ['1:1-1:4 fm-required error', '5:1-5:8 fm-unknown-key info'],
    '2013-11-06-hello-world.html.md': ['5:1-5:5 fm-empty warning'],
  };

  it('holds the 143 posts', () => {
    assert.equal(results.size, 143);
  });

  it('no problem in any post except the few really wrong ones', () => {
    const reported = [...results].filter(([, r]) => r.problems.length > 0).map(([name, r]) => [name, described(r.text, r.problems)]);
    assert.deepEqual(Object.fromEntries(reported), WRONG);
  });

  it('`authors:` where `author:` was meant: the rename fix gives a clean post', () => {
    for (const name of ['2013-10-02-hello-world.html.md', '2013-10-22-springboard-is-shaping-up.html.md']) {
      const { text, problems } = results.get(name)!;
      const [required, unknown] = problems;
      assert.equal(required.message, 'Required field "author" is missing ("authors" is probably meant)');
      assert.equal(unknown.message, 'Unknown key "authors": did you mean "author"?');
      const renamed = applyFix(text, required);
      assert.equal(renamed, text.replace(/^authors:/m, 'author:'));
      assert.equal(applyFix(text, unknown), renamed);
      assert.equal(applyEdits(text, fixAllEdits(problems)), renamed);
      assert.deepEqual(lintPost(renamed, settings, { now: NOW }), []);
    }
  });

  it('an empty `tags:`: the fix removes the line', () => {
    const { text, problems } = results.get('2013-11-06-hello-world.html.md')!;
    assert.equal(problems[0].message, '"tags" has no value');
    assert.equal(applyFix(text, problems[0]), text.replace(/^tags:\n/m, ''));
  });
});

describe('the fixture posts', () => {
  const folder = fixturePath('posts');
  let results: Map<string, { text: string; problems: Problem[] }>;
  before(async () => {
    results = await lintFolder(folder);
  });

  it('three are unchanged copies of corpus posts', () => {
    for (const name of ['2013-04-13-announcing-rdo.html.md', '2013-10-02-hello-world.html.md', '2015-09-21-rdo-blog-roundup-week-of-september-21.html.md']) {
      assert.equal(readFileSync(path.join(folder, name), 'utf8'), readFileSync(sharedPath('corpus', 'rdo-blog', name), 'utf8'), name);
    }
  });

  it('each reports what its name says, at the exact place', () => {
    const got = Object.fromEntries([...results].map(([name, r]) => [name, r.problems.map((p) => `${span(r.text, p)} ${p.message}`)]));
    assert.deepEqual(got, {
      '2013-04-13-announcing-rdo.html.md': [],
      '2013-10-02-hello-world.html.md': [
        '1:1-1:4 fm-required Required field "author" is missing ("authors" is probably meant)',
        '5:1-5:8 fm-unknown-key Unknown key "authors": did you mean "author"?',
      ],
      '2015-09-21-rdo-blog-roundup-week-of-september-21.html.md': [],
      'broken-crlf-bad-date.md': ['4:7-4:30 fm-date "2016-02-30 10:00:00 UTC" is not a real date: February 2016 has 29 days'],
      'broken-duplicate-key.md': ['5:1-5:6 fm-duplicate-key Duplicate key "title": site generators keep only one of them'],
      'broken-stray-colon.md': ['2:8-2:27 fm-yaml-syntax A value that contains ": " must be quoted, e.g. title: "Day 1: the keynotes"'],
      'broken-tab.md': ['6:1-6:2 fm-yaml-syntax Tab used for indentation: YAML allows only spaces here'],
      'broken-unclosed.md': ['1:1-1:4 fm-unclosed Front matter is never closed: add a line "---" after its last field'],
    });
  });

  it('the CRLF fixture really has CRLF line endings (kept by .gitattributes)', () => {
    const text = results.get('broken-crlf-bad-date.md')!.text;
    assert.equal(text.split('\r\n').length, text.split('\n').length);
    assert.ok(text.includes('\r\n'));
  });
});
