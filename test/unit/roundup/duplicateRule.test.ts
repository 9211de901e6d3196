import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { lintPost } from '../../../src/core/lint/lintPost';
import { applyEdits, fixAllEdits } from '../../../src/core/lint/problem';
import { lintDuplicateLinks } from '../../../src/core/roundup/rules';
import { isRuleId, RULES } from '../../../src/core/lint/rules';
import { readSettings } from '../../../src/core/settings';
import { applyFix, modelPost, NOW, only, span } from '../helpers';

const MODEL = modelPost();
const CERN = /\*\*Containers and the CERN cloud\*\*[\s\S]*?\.\.\. read more at \[http:\/\/tm3\.org\/6g\]\(http:\/\/tm3\.org\/6g\)/.exec(MODEL)![0];
const settings = (rules: Record<string, unknown> = {}) => readSettings((key) => (key === 'roundup.lint.rules' ? rules : undefined)).settings;

describe('lint rule post-duplicate-link', () => {
  it('the model post has none', () => {
    assert.deepEqual(lintPost(MODEL, settings(), { now: NOW }), []);
  });

  it('a block repeated at the end: a warning on the second link target, naming the first one\'s line', () => {
    const text = `${MODEL.trimEnd()}\n\n${CERN}\n`;
    const p = only(lintPost(text, settings(), { now: NOW }));
    assert.equal(p.rule, 'post-duplicate-link');
    assert.equal(p.severity, 'warning');
    const lastLine = text.trimEnd().split('\n').length;
    const col = '... read more at [http://tm3.org/6g]('.length + 1;
    assert.equal(span(text, { start: p.start, end: p.end }), `${lastLine}:${col}-${lastLine}:${col + 'http://tm3.org/6g'.length}`);
    const firstLine = MODEL.split('\n').findIndex((l) => l.includes('[http://tm3.org/6g]')) + 1;
    assert.equal(p.message, `This entry is already in the post (line ${firstLine}): http://tm3.org/6g`);
    assert.equal(p.fixes.length, 1);
    assert.equal(p.fixes[0].title, 'Remove this duplicate block');
    assert.equal(applyFix(text, p), `${MODEL.trimEnd()}\n`);
  });

  it('a repeated block in the middle: the fix removes it and one blank line, the text around stays', () => {
    const text = MODEL.replace('**Meet Red Hat OpenStack Platform 8**', `${CERN}\n\n**Meet Red Hat OpenStack Platform 8**`);
    const p = only(lintPost(text, settings(), { now: NOW }));
    assert.equal(applyFix(text, p), MODEL);
  });

  it('a repeated list item (the link template): its line is removed', () => {
    const text = `${MODEL.trimEnd()}\n\n* [Containers](http://tm3.org/6g)\n`;
    const p = only(lintDuplicateLinks(text));
    assert.equal(p.fixes[0].title, 'Remove this duplicate list item');
    assert.equal(applyFix(text, p), `${MODEL.trimEnd()}\n\n`);
  });

  it('links in prose, and links in the front matter, are not entry links', () => {
    const prose = `${MODEL.trimEnd()}\n\nAs Ricardo [wrote](http://tm3.org/6g), containers matter.\n`;
    assert.deepEqual(lintDuplicateLinks(prose), []);
    const fm = '---\ntitle: x\n... read more at [http://a.example/1](http://a.example/1)\n---\n\n**A**\n\n> a\n\n... read more at [http://a.example/1](http://a.example/1)\n';
    assert.deepEqual(lintDuplicateLinks(fm), []);
  });

  it('a duplicate read-more line outside a block is reported with no fix', () => {
    const text = '**A** by B\n\n> a\n\n... read more at [http://a.example/1](http://a.example/1)\n\nSome text.\n... read more at [http://a.example/1](http://a.example/1)\n';
    const p = only(lintDuplicateLinks(text));
    assert.deepEqual(p.fixes, []);
  });

  it('is not preferred, so "fix all" never deletes a block', () => {
    const text = `${MODEL.trimEnd()}\n\n${CERN}\n`;
    assert.deepEqual(fixAllEdits(lintPost(text, settings(), { now: NOW })), []);
  });

  it('roundup.lint.rules sets its severity or switches it off, without an unknown-rule warning', () => {
    const text = `${MODEL.trimEnd()}\n\n${CERN}\n`;
    assert.equal(only(lintPost(text, settings({ 'post-duplicate-link': 'error' }), { now: NOW })).severity, 'error');
    assert.deepEqual(lintPost(text, settings({ 'post-duplicate-link': 'off' }), { now: NOW }), []);
    const read = readSettings((key) => (key === 'roundup.lint.rules' ? { 'post-duplicate-link': 'info', 'post-nope': 'off', toString: 'off' } : undefined));
    assert.deepEqual(read.warnings.map((w) => w.message), ['Unknown rule "post-nope" in roundup.lint.rules', 'Unknown rule "toString" in roundup.lint.rules']);
  });

  it('is in the rule catalogue with its default severity; front matter and post problems come in document order', () => {
    assert.equal(RULES['post-duplicate-link'].severity, 'warning');
    assert.ok(isRuleId('fm-required') && isRuleId('post-duplicate-link') && !isRuleId('constructor'));
    const text = `${MODEL.replace('author: rbowen\n', '').trimEnd()}\n\n${CERN}\n`;
    const problems = lintPost(text, settings(), { now: NOW });
    assert.deepEqual(problems.map((p) => p.rule), ['fm-required', 'post-duplicate-link']);
    assert.equal(applyEdits(text, problems[1].fixes[0].edits), `${MODEL.replace('author: rbowen\n', '').trimEnd()}\n`);
  });

  it('roundup lint reports it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roundup-dup-'));
    try {
      writeFileSync(path.join(dir, 'post.md'), `${MODEL.trimEnd()}\n\n${CERN}\n`);
      const out: string[] = [];
      const code = await main(['lint', 'post.md'], { cwd: dir, out: (l) => out.push(l), err: () => undefined, now: () => NOW });
      assert.equal(code, 0, 'a warning is not an error');
      assert.match(out[0], /^post\.md:\d+:38 warning post-duplicate-link This entry is already in the post \(line \d+\): http:\/\/tm3\.org\/6g$/);
      assert.equal(out[1], '1 file linted: 0 errors, 1 warning, 0 infos');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
