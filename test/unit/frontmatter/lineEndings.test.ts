import * as assert from 'node:assert/strict';
import { lineColumn } from '../../../src/core/base/lines';
import { applyEdits, fixAllEdits, type Problem } from '../../../src/core/lint/problem';
import { applyFix, lint, post, spans } from '../helpers';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const cr = (text: string) => text.replace(/\n/g, '\r');

/** Everything but the offsets, which differ between line endings. */
const shape = (text: string, problems: Problem[]) => problems.map((p) => ({ rule: p.rule, severity: p.severity, message: p.message, span: spans(text, [p])[0], fixes: p.fixes.map((f) => f.title) }));

describe('line endings', () => {
  const samples: [string, string][] = [
    ['clean', post('title: T', 'author: a', 'date: 2016-05-17 17:18:56 UTC', 'comments: false', 'published: false')],
    ['missing fields', post('title: T', 'published: yes')],
    ['type and empty', post('title: 2016', 'author: a', 'date: 2016-05-17', 'tags:', 'published: on')],
    ['bad date', post('title: T', 'author: a', 'date: 2016-02-30 10:00 UTC')],
    ['duplicate', post('title: T', 'author: a', 'title: U', 'date: 2016-05-17')],
    ['unknown', post('title: T', 'authors: a', 'date: 2016-05-17')],
    ['stray colon', post('title: Day 1: keynotes', 'author: a', 'date: 2016-05-17')],
    ['tab', post('title: T', '\tauthor: a', 'date: 2016-05-17')],
    ['indent', post('title: T', '  author: a', 'date: 2016-05-17')],
    ['quote', post('title: "T', 'author: a', 'date: 2016-05-17')],
    ['missing colon last', post('title: T', 'date: 2016-05-17', 'author a')],
    ['tags list', post('title: T', 'author: a', 'date: 2016-05-17', 'tags:', '  - a', '  - b: c')],
    ['unclosed', '---\ntitle: T\n\nBody\n'],
    ['blank lines first', '\n\n' + post('title: T', 'author: a', 'date: 2016-05-17')],
    ['empty block', '---\n---\n'],
  ];

  for (const [name, lf] of samples) {
    for (const [ending, convert] of [['CRLF', crlf], ['lone CR', cr]] as const) {
      it(`${name}: ${ending} lints exactly like LF, with ranges on the original text`, () => {
        const text = convert(lf);
        const problems = lint(text);
        assert.deepEqual(shape(text, problems), shape(lf, lint(lf)));
        for (const p of problems) {
          assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length);
          // A range never starts or ends between \r and \n.
          for (const o of [p.start, p.end]) assert.ok(!(text[o - 1] === '\r' && text[o] === '\n'), `offset ${o} splits a CRLF`);
          // Each fix gives the LF fix's text with the same line endings.
          for (const fix of p.fixes) {
            const lfProblem = lint(lf).find((q) => q.rule === p.rule && q.message === p.message)!;
            const lfFixed = applyEdits(lf, lfProblem.fixes.find((f) => f.title === fix.title)!.edits);
            assert.equal(applyEdits(text, fix.edits), convert(lfFixed), fix.title);
          }
        }
      });
    }
  }

  it('`published: false` before a CRLF is a boolean (no trailing \\r in the value)', () => {
    const text = '---\r\ntitle: T\r\nauthor: a\r\ndate: 2016-05-17\r\npublished: false\r\n---\r\n';
    assert.deepEqual(lint(text), []);
    const yes = text.replace('published: false', 'published: yes');
    const [p] = lint(yes);
    assert.deepEqual(spans(yes, [p]), ['5:12-5:15 fm-type']);
    assert.equal(yes.slice(p.start, p.end), 'yes');
    assert.equal(applyFix(yes, p), text.replace('published: false', 'published: true'));
  });

  it('a date before a lone CR is checked without the CR', () => {
    const text = '---\rtitle: T\rauthor: a\rdate: 2016-02-30\r---\r';
    const [p] = lint(text);
    assert.equal(text.slice(p.start, p.end), '2016-02-30');
    assert.deepEqual(lineColumn(text, p.start), { line: 3, column: 6 });
  });

  it('mixed endings: ranges still point at the right text', () => {
    const text = '---\r\ntitle: T\nauthor: a\r\ndate: 2016-05-17\rpublished: yes\r\n---\n';
    const [p] = lint(text);
    assert.equal(text.slice(p.start, p.end), 'yes');
  });

  it('fix all on a CRLF post keeps CRLF everywhere', () => {
    const text = crlf(post('title: T', 'authors: a', 'published: yes'));
    const fixed = applyEdits(text, fixAllEdits(lint(text)));
    assert.equal(fixed, crlf(post('title: T', 'author: a', 'published: true', 'date: 2020-01-02 03:04:05 UTC')));
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/);
  });
});
