import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { fixPost, lintPost } from '../../../src/core/lint/lintPost';
import { applyEdits, differingPart, fixAllEdits, fixAllSummary, type Problem } from '../../../src/core/lint/problem';
import { readSettings } from '../../../src/core/settings';
import { lint, NOW, post } from '../helpers';

describe('fix all', () => {
  const settings = readSettings((key) => (key === 'roundup.author' ? 'rbowen' : undefined)).settings;
  const lintAsPost = (text: string) => lintPost(text, settings, { now: NOW, fileName: '2016-05-17-weekly-news.html.md' });

  /** Applies fix-all until nothing changes (a clashing fix waits for the next round), at most 5 rounds. */
  function fixAll(text: string, run: (t: string) => Problem[]): { text: string; rounds: number } {
    for (let round = 1; round <= 5; round++) {
      const next = applyEdits(text, fixAllEdits(run(text)));
      if (next === text) return { text, rounds: round - 1 };
      text = next;
    }
    throw new Error('fix all did not settle in 5 rounds');
  }

  it('a post with several problems becomes valid front matter that lints clean, in one round', () => {
    const text = post('title: 2016', 'authors: rbowen', 'published: yes', 'comments: "no"', 'tags: [a, b]');
    const once = applyEdits(text, fixAllEdits(lintAsPost(text)));
    assert.equal(once, post('title: "2016"', 'author: rbowen', 'published: true', 'comments: false', 'tags: [a, b]', 'date: 2020-01-02 03:04:05 UTC'));
    assert.deepEqual(lintAsPost(once), []);
    assert.deepEqual(parseDocument(once.split('---\n')[1]).errors, []);
  });

  it('missing title and author are filled from the file name and the author setting', () => {
    const text = post('date: 2016-05-17', 'published: off');
    const { text: fixed } = fixAll(text, lintAsPost);
    assert.equal(fixed, post('date: 2016-05-17', 'published: false', 'title: Weekly news', 'author: rbowen'));
    assert.deepEqual(lintAsPost(fixed), []);
  });

  it('several missing fields are all inserted in one round, in the schema\'s order', () => {
    const text = post('tags: rdo');
    const edits = fixAllEdits(lintAsPost(text));
    assert.equal(edits.length, 3);
    assert.equal(applyEdits(text, edits), post('tags: rdo', 'title: Weekly news', 'author: rbowen', 'date: 2020-01-02 03:04:05 UTC'));
  });

  it('a missing field with no value to write is left to the user (it would become an empty field that only warns)', () => {
    const text = post('tags: rdo');
    const problems = lint(text);
    assert.equal(applyEdits(text, fixAllEdits(problems)), post('tags: rdo', 'date: 2020-01-02 03:04:05 UTC'));
    const title = problems.find((p) => p.message.includes('"title"'));
    assert.deepEqual(title?.fixes.map((f) => [f.title, f.preferred]), [['Add "title: """', false]]);
  });

  it('the same insertion offered twice is applied once', () => {
    const insert = { start: 4, end: 4, newText: 'x: 1\n' };
    const p = (rule: string) => ({ rule, severity: 'error' as const, message: '', start: 0, end: 3, fixes: [{ title: 'Add', preferred: true, edits: [{ ...insert }] }] });
    assert.deepEqual(fixAllEdits([p('a'), p('b')]), [insert]);
  });

  it('the same rename offered twice (fm-required and fm-unknown-key) is applied once', () => {
    const text = post('title: T', 'authors: a', 'date: 2016-05-17');
    const edits = fixAllEdits(lint(text));
    assert.equal(edits.length, 1);
    assert.equal(applyEdits(text, edits), post('title: T', 'author: a', 'date: 2016-05-17'));
  });

  it('syntax errors of separate entries are fixed at once: a stray colon and bad indentation', () => {
    const text = post('title: Day 1: keynotes', 'author: a', '  date: 2016-05-17');
    const { text: fixed, rounds } = fixAll(text, (t) => lint(t));
    assert.equal(fixed, post('title: "Day 1: keynotes"', 'author: a', 'date: 2016-05-17'));
    assert.equal(rounds, 1);
    assert.deepEqual(lint(fixed), []);
  });

  it('problems without a preferred fix are left alone', () => {
    const text = post('title: T', 'author: a', 'date: 2016-02-30', 'category: x');
    assert.deepEqual(fixAllEdits(lint(text)), []);
  });

  it('edits never overlap (applyEdits would throw)', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), /Overlapping/);
    const text = post('title: T', 'published: yes', 'comments: on', 'tags:');
    assert.doesNotThrow(() => applyEdits(text, fixAllEdits(lint(text))));
  });
});

describe('Fix all: what it says', () => {
  it('fixes pass after pass, counts what it fixed, and words the summary', () => {
    const settings = readSettings(() => undefined).settings;
    // The YAML parser reports one tab at a time: one pass fixes the first, the next pass the second.
    const text = '---\ntitle: X\n\tauthor: me\ndate: 2016-05-17\ntags:\n\t- a\n---\n';
    const result = fixPost(text, settings, { fileName: 'x.md', now: new Date('2016-05-17T00:00:00Z') });
    assert.equal(result.text, '---\ntitle: X\nauthor: me\ndate: 2016-05-17\ntags:\n  - a\n---\n');
    assert.equal(result.fixed.length, 2);
    assert.deepEqual(result.problems, []);
    assert.equal(fixAllSummary(2, 0), 'Fixed 2 problems; none remain.');
    assert.equal(fixAllSummary(1, 1), 'Fixed 1 problem; 1 remains (no automatic fix).');
    assert.equal(fixAllSummary(3, 2), 'Fixed 3 problems; 2 remain (no automatic fix).');
    assert.equal(fixAllSummary(1, 1, 1), 'Fixed the 1 problem shown; 1 remains, and it has a fix: run Fix all again to apply it.');
    assert.equal(fixAllSummary(2, 3, 1), 'Fixed the 2 problems shown; 3 remain, and 1 of them has a fix: run Fix all again to apply it.');
  });

  it('one pass fixes only the problems shown; what a fix brings to light is left to be seen', () => {
    const settings = readSettings(() => undefined).settings;
    const context = { fileName: 'x.md', now: new Date('2016-05-17T00:00:00Z') };
    // No entry starts at the first column, so the parser's first error is all that shows: one tab.
    const text = '---\n\ttitle: T\n\tauthor: a\n\tdate: 2016-05-17\n---\n';
    assert.deepEqual(lintPost(text, settings, context).map((p) => p.rule), ['fm-yaml-syntax']);
    const once = fixPost(text, settings, context, 1);
    assert.equal(once.text, '---\ntitle: T\n\tauthor: a\n\tdate: 2016-05-17\n---\n');
    assert.deepEqual(once.fixed.map((p) => p.rule), ['fm-yaml-syntax']);
    assert.equal(once.problems.length, 1, 'the next tab shows now');
    // `roundup lint --fix` goes on while a pass fixes something.
    assert.equal(fixPost(text, settings, context).text, '---\ntitle: T\nauthor: a\ndate: 2016-05-17\n---\n');
  });

  it('makes one edit of the part that differs', () => {
    const cases: Array<[string, string]> = [
      ['abc', 'abc'], ['', 'x'], ['x', ''], ['aXc', 'aYYc'], ['aa', 'aaa'], ['---\n\ta: 1\n---', '---\na: 1\n---'],
    ];
    for (const [before, after] of cases) {
      const edit = differingPart(before, after);
      assert.equal(applyEdits(before, [edit]), after, JSON.stringify([before, after]));
      assert.ok(edit.end - edit.start <= before.length && edit.newText.length <= after.length);
    }
    assert.deepEqual(differingPart('aXc', 'aYYc'), { start: 1, end: 2, newText: 'YY' });
    assert.deepEqual(differingPart('abc', 'abc'), { start: 3, end: 3, newText: '' });
  });
});
