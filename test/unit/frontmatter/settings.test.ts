import * as assert from 'node:assert/strict';
import { lintPost } from '../../../src/core/lint/lintPost';
import { applyEdits, fixAllEdits } from '../../../src/core/lint/problem';
import { titleFromFileName } from '../../../src/core/roundup/post';
import { readSettings } from '../../../src/core/settings';
import { applyFix, NOW, post, spans } from '../helpers';

/** Settings as VS Code or a settings.json would give them. */
function settingsOf(values: Record<string, unknown>) {
  return readSettings((key) => values[key]);
}

const lintWith = (text: string, values: Record<string, unknown>, fileName?: string, siblingDates?: string[]) =>
  lintPost(text, settingsOf(values).settings, { now: NOW, fileName, siblingDates });

describe('settings', () => {
  const broken = post('title: T', 'authors: a', 'published: yes', 'tags:');

  it('the defaults report every rule', () => {
    assert.deepEqual(lintWith(broken, {}).map((p) => `${p.rule} ${p.severity}`), [
      'fm-required error',
      'fm-required error',
      'fm-unknown-key info',
      'fm-type warning',
      'fm-empty warning',
    ]);
  });

  it('a rule switched off reports nothing', () => {
    const problems = lintWith(broken, { 'roundup.lint.rules': { 'fm-required': 'off', 'fm-empty': 'off' } });
    assert.deepEqual(problems.map((p) => p.rule), ['fm-unknown-key', 'fm-type']);
  });

  it('a rule given another severity keeps its range, message and fixes', () => {
    const defaults = lintWith(broken, {});
    const changed = lintWith(broken, { 'roundup.lint.rules': { 'fm-type': 'error', 'fm-required': 'warning' } });
    assert.deepEqual(changed.map((p) => `${p.rule} ${p.severity}`), [
      'fm-required warning',
      'fm-required warning',
      'fm-unknown-key info',
      'fm-type error',
      'fm-empty warning',
    ]);
    assert.deepEqual(changed.map(({ severity: _, ...rest }) => rest), defaults.map(({ severity: _, ...rest }) => rest));
  });

  it('switching off fm-yaml-syntax does not let the rules run on broken YAML', () => {
    const text = post('title: Day 1: keynotes', 'author: a', 'date: 2016-05-17');
    assert.deepEqual(lintWith(text, { 'roundup.lint.rules': { 'fm-yaml-syntax': 'off' } }), []);
  });

  it('a custom schema: its own required keys and field types', () => {
    const values = {
      'roundup.frontMatter.required': ['title', 'layout'],
      'roundup.frontMatter.fields': { title: 'string', layout: 'string', draft: 'boolean', date: 'date', tags: 'any' },
    };
    const text = post('title: T', 'draft: yes', 'tags: 12', 'author: me', 'date: 2016-02-30');
    const problems = lintWith(text, values);
    assert.deepEqual(spans(text, problems), ['1:1-1:4 fm-required', '3:8-3:11 fm-type', '5:1-5:7 fm-unknown-key', '6:7-6:17 fm-date']);
    assert.equal(problems[0].message, 'Required field "layout" is missing');
    assert.equal(applyFix(text, problems[0]), post('title: T', 'draft: yes', 'tags: 12', 'author: me', 'date: 2016-02-30', 'layout: ""'));
  });

  it('no required keys: an empty block is fine', () => {
    assert.deepEqual(lintWith('---\n---\n', { 'roundup.frontMatter.required': [] }), []);
  });

  it('the configured author, the title from the file name and the siblings\' date style fill the fm-required fixes', () => {
    const text = '---\ntags: rdo\n---\nBody\n';
    const problems = lintWith(text, { 'roundup.author': 'rbowen' }, '2016-05-17-rdo-blogs-over-the-last-weeks.html.md', ['2016-05-01 10:00', '2016-05-02 11:00']);
    assert.deepEqual(problems.map((p) => applyFix(text, p)), [
      '---\ntags: rdo\ntitle: Rdo blogs over the last weeks\n---\nBody\n',
      '---\ntags: rdo\nauthor: rbowen\n---\nBody\n',
      '---\ntags: rdo\ndate: 2020-01-02 03:04\n---\nBody\n',
    ]);
    assert.equal(
      applyEdits(text, fixAllEdits(problems)),
      '---\ntags: rdo\ntitle: Rdo blogs over the last weeks\nauthor: rbowen\ndate: 2020-01-02 03:04\n---\nBody\n',
    );
  });

  it('a dateStyle setting wins over the siblings', () => {
    const text = post('title: T', 'author: a');
    const [p] = lintWith(text, { 'roundup.frontMatter.dateStyle': 'YYYY-MM-DD' }, 'x.md', ['2016-05-01 10:00']);
    assert.equal(applyFix(text, p), post('title: T', 'author: a', 'date: 2020-01-02'));
  });

  it('readSettings: bad values fall back to the defaults, each with a warning naming the setting', () => {
    const defaults = settingsOf({}).settings;
    assert.deepEqual(settingsOf({}).warnings, []);
    const { settings, warnings } = settingsOf({
      'roundup.author': 42,
      'roundup.frontMatter.required': 'title',
      'roundup.frontMatter.fields': { title: 'text' },
      'roundup.lint.rules': { 'fm-type': 'loud' },
      'roundup.frontMatter.dateStyle': 'DD/MM/YYYY',
    });
    assert.deepEqual(settings.author, defaults.author);
    assert.deepEqual(settings.frontMatter, defaults.frontMatter);
    assert.deepEqual(settings.lint, defaults.lint);
    assert.deepEqual(warnings.map((w) => w.key).sort(), [
      'roundup.author',
      'roundup.frontMatter.dateStyle',
      'roundup.frontMatter.fields',
      'roundup.frontMatter.required',
      'roundup.lint.rules',
    ]);
    for (const w of warnings) assert.match(w.message, /^Setting roundup\.\S+ should be .+; using the default$/);
  });

  it('readSettings: an unknown rule id is kept but warned about', () => {
    const { settings, warnings } = settingsOf({ 'roundup.lint.rules': { 'fm-typo': 'off', 'fm-type': 'off' } });
    assert.deepEqual(settings.lint.rules, { 'fm-typo': 'off', 'fm-type': 'off' });
    assert.deepEqual(warnings, [{ key: 'roundup.lint.rules', message: 'Unknown rule "fm-typo" in roundup.lint.rules' }]);
  });

  it('readSettings: the deprecated roundup.frontMatter.rules is read while roundup.lint.rules is not set, with a warning', () => {
    const old = settingsOf({ 'roundup.frontMatter.rules': { 'fm-required': 'off', 'fm-empty': 'off', 'fm-typo': 'off' } });
    assert.deepEqual(old.settings.lint.rules, { 'fm-required': 'off', 'fm-empty': 'off', 'fm-typo': 'off' });
    assert.deepEqual(old.warnings, [
      { key: 'roundup.frontMatter.rules', message: 'Setting roundup.frontMatter.rules is deprecated: rename it to roundup.lint.rules' },
      { key: 'roundup.frontMatter.rules', message: 'Unknown rule "fm-typo" in roundup.frontMatter.rules' },
    ]);
    assert.deepEqual(lintPost(broken, old.settings, { now: NOW }).map((p) => p.rule), ['fm-unknown-key', 'fm-type']);

    const both = settingsOf({ 'roundup.frontMatter.rules': { 'fm-required': 'off' }, 'roundup.lint.rules': { 'fm-empty': 'off' } });
    assert.deepEqual(both.settings.lint.rules, { 'fm-empty': 'off' });
    assert.deepEqual(both.warnings, [
      {
        key: 'roundup.frontMatter.rules',
        message: 'Setting roundup.frontMatter.rules is deprecated and ignored, as roundup.lint.rules is set: remove it',
      },
    ]);
  });

  it('readSettings: null means not set, without a warning', () => {
    const { settings, warnings } = settingsOf({ 'roundup.author': null, 'roundup.lint.rules': null, 'roundup.frontMatter.rules': null });
    assert.deepEqual(warnings, []);
    assert.equal(settings.author, '');
  });
});

describe('post helpers', () => {
  it('titleFromFileName', () => {
    assert.equal(titleFromFileName('2016-05-17-rdo-blogs-over-the-last-weeks.html.md'), 'Rdo blogs over the last weeks');
    assert.equal(titleFromFileName('my_post.markdown'), 'My post');
    assert.equal(titleFromFileName('2016-05-17-.md'), '');
    assert.equal(titleFromFileName('posts/2016-05-17_a-b.html.markdown'), 'A b');
    assert.equal(titleFromFileName('2016-05-17.md'), '');
  });
});
