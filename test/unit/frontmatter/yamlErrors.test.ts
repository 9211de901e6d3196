/** YAML syntax errors in plain words that are true of the text, one explanation per parser error code. */
import * as assert from 'node:assert/strict';
import { explainNotMapping, explainYamlError } from '../../../src/core/frontmatter/yamlErrors';
import { applyEdits, fixAllEdits } from '../../../src/core/lint/problem';
import { applyFix, lint, only, post, span, spans } from '../helpers';

const REST = ['author: a', 'date: 2016-05-17'];

function syntax(...lines: string[]) {
  const text = post(...lines);
  const problems = lint(text).filter((p) => p.rule === 'fm-yaml-syntax');
  return { text, p: only(problems) };
}

describe('front matter: YAML explanations', () => {
  it('a double-quoted value with an inner ": write \\" or use single quotes; the fix single-quotes it', () => {
    const { text, p } = syntax('title: "Say "hi" now"', ...REST);
    assert.equal(p.message, 'A double-quoted value cannot hold a " as it is: write \\" inside the quotes, or use single quotes');
    assert.doesNotMatch(p.message, /use double quotes/);
    assert.equal(span(text, p), '2:8-2:22 fm-yaml-syntax');
    const fixed = applyFix(text, p);
    assert.equal(fixed, post(`title: 'Say "hi" now'`, ...REST));
    assert.deepEqual(lint(fixed), []);
  });

  it("a single-quoted value with an inner ': write it twice", () => {
    const { p } = syntax("title: 'it's here'", ...REST);
    assert.match(p.message, /inside single quotes write a quote twice/);
  });

  it('"the colon after the key is missing" only on a line with no colon', () => {
    for (const lines of [['tags:', 'foo bar', ...REST], ['title: T', 'tags:', '- a', 'b c', ...REST.slice(1)], ['tags:', '  foo', 'bar baz', ...REST]]) {
      const { text, p } = syntax(...lines);
      const m = /^"(.*)" is not a "key: value" line: the colon after the key is missing$/.exec(p.message);
      assert.ok(m, p.message);
      assert.doesNotMatch(m[1], /:/, 'the blamed line has no colon');
      assert.equal(text.slice(p.start, p.end).trim(), m[1]);
    }
  });

  it('"does not line up with the items above it" only when there are items above', () => {
    const above = syntax('title: T', 'tags:', '  - a', '  - b', ' - c', ...REST);
    assert.equal(above.p.message, 'Bad indentation: this list item does not line up with the items above it');
    assert.equal(span(above.text, above.p), '6:1-6:5 fm-yaml-syntax');
    const none = syntax('title: T', '- a', ...REST);
    assert.doesNotMatch(none.p.message, /items above/);
    assert.equal(none.p.message, 'A list item cannot follow "title: T", which already has a value: write "title:" alone on its line, with the items under it');
    assert.equal(span(none.text, none.p), '3:1-3:4 fm-yaml-syntax');
  });

  it('an unclosed [ or { is marked at the bracket and told which bracket is missing; the fix closes it', () => {
    for (const [line, open, close] of [['tags: [a, b', '[', ']'], ['author: {name: a', '{', '}']] as const) {
      for (const lines of [[line, 'title: T', 'date: 2016-05-17'], ['title: T', 'date: 2016-05-17', line]]) {
        const { text, p } = syntax(...lines);
        assert.equal(text[p.start], open, `marked at the bracket: ${JSON.stringify(lines)}`);
        assert.equal(p.end, p.start + 1);
        assert.equal(p.message, `The "${open}" that starts this ${open === '[' ? 'list' : 'mapping'} is never closed: "${close}" is missing`);
        const fixed = applyFix(text, p);
        assert.equal(fixed, text.replace(line, line + close));
        assert.ok(!lint(fixed).some((q) => q.rule === 'fm-yaml-syntax'), 'fixed');
      }
    }
    // A bracket in the middle of a plain value is text, not a list.
    const { text, p } = syntax('title: a [draft', 'tags: [x, y', ...REST);
    assert.equal(span(text, p), '3:7-3:8 fm-yaml-syntax');
  });

  it('a block that is a list or a single value says so once, with a range inside the document', () => {
    for (const [lines, what] of [[['- a', '- b'], 'a list'], [['just text'], 'a single value'], [['- a', '- b', 'c: d'], 'a list'], [['42'], 'a single value']] as const) {
      const text = post(...lines);
      const problems = lint(text);
      assert.equal(problems.length, 1, JSON.stringify(lines));
      assert.equal(problems[0].message, `Front matter must be "key: value" lines, but this is ${what}`);
      assert.equal(text.slice(problems[0].start, problems[0].end), lines.join('\n'));
      for (const eol of ['\r\n', '\r']) {
        const other = text.replace(/\n/g, eol);
        assert.deepEqual(spans(other, lint(other)), spans(text, problems), JSON.stringify(eol));
      }
    }
    const direct = explainNotMapping('x\n- a\n\n', 'list', 2, 7);
    assert.deepEqual([direct.start, direct.end], [2, 5]);
  });

  it('the table: each explained code names the text, a code without an explanation gets the parser words without positions', () => {
    const text = '---\ntitle: x\n---\n';
    const unknown = explainYamlError(text, { code: 'SOMETHING_NEW', message: 'Something odd at line 2, column 1:\n\ntitle: x\n', start: 4, end: 5 }, 4);
    assert.equal(unknown.message, 'Something odd');
    assert.deepEqual([unknown.start, unknown.end], [4, 5]);
    const tab = explainYamlError('---\n\ttitle: x\n---\n', { code: 'TAB_AS_INDENT', message: 'Tabs', start: 4, end: 5 }, 4);
    assert.equal(tab.message, 'Tab used for indentation: YAML allows only spaces here');
    const dup = explainYamlError(text, { code: 'DUPLICATE_KEY', message: 'Map keys must be unique', start: 4, end: 9 }, 4);
    assert.equal(dup.message, 'Map keys must be unique');
  });
});

describe('front matter: more that real posts get wrong', () => {
  it('duplicate keys at any depth: the second nested key, with a fix that removes its line', () => {
    const text = post('title: T', 'meta:', '  name: a', '  name: b', ...REST);
    const p = only(lint(text, { schema: { required: ['title'], fields: { title: 'string', meta: 'any', author: 'string', date: 'date' } } }));
    assert.equal(p.rule, 'fm-duplicate-key');
    assert.equal(p.message, 'Duplicate key "name" in "meta": site generators keep only one of them');
    assert.equal(span(text, p), '5:3-5:7 fm-duplicate-key');
    assert.equal(applyFix(text, p), post('title: T', 'meta:', '  name: a', ...REST));
    const deeper = post('title: T', 'meta:', '  who:', '    - name: a', '      name: b', ...REST);
    const q = only(lint(deeper, { schema: { required: [], fields: { title: 'string', meta: 'any', author: 'string', date: 'date' } } }));
    assert.equal(q.message, 'Duplicate key "name" in "meta.who": site generators keep only one of them');
    const flow = post('title: T', 'meta: {a: 1, a: 2}', ...REST);
    assert.deepEqual(only(lint(flow, { schema: { required: [], fields: { title: 'string', meta: 'any', author: 'string', date: 'date' } } })).fixes, [], 'no line to remove in a flow mapping');
  });

  it('fm-missing-opening: field lines and a closing --- with no opening one; the fix adds it', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['title: T', 'author: a', 'date: 2016-05-17', '---', '', 'Body.', ''].join(eol);
      const p = only(lint(text));
      assert.equal(p.rule, 'fm-missing-opening');
      assert.equal(p.severity, 'error');
      assert.equal(span(text, p), '1:1-1:9 fm-missing-opening');
      const fixed = applyFix(text, p);
      assert.equal(fixed, `---${eol}${text}`);
      assert.deepEqual(lint(fixed), []);
    }
    // A heading under a `Note: x` line and a plain paragraph are not front matter.
    assert.deepEqual(lint('Note: this is a heading\n---\n\nBody.\n'), []);
    assert.deepEqual(lint('Some text\nmore: text\n---\n'), []);
    assert.deepEqual(lint('title: T\n\nA paragraph.\n---\n'), []);
    assert.equal(only(lint('title: T\n---\nBody\n')).rule, 'fm-missing-opening', 'one field the schema knows is enough');
  });

  it('a number where the schema wants text says what a reader would see', () => {
    const text = post('title: T', 'version: 3.0', ...REST);
    const p = only(lint(text, { schema: { required: [], fields: { title: 'string', version: 'string', author: 'string', date: 'date' } } }));
    assert.equal(p.message, '"version" should be text, not the number 3.0, which reads as 3');
    assert.equal(applyFix(text, p), post('title: T', 'version: "3.0"', ...REST));
  });

  it('an invisible character after a value is part of it: named in the message, removed by the fix', () => {
    const text = post('title: T', 'published: true\ufeff', ...REST);
    const p = only(lint(text));
    assert.equal(p.message, '"published" should be true or false, not the text true\\uFEFF');
    assert.deepEqual(lint(applyFix(text, p)), []);
  });

  it('one broken line hides nothing else: each entry is read on its own, each error said where it is caused', () => {
    // The post: an unquoted colon, a misspelt key below it and a tab-indented list.
    const lines = ['title: OpenStack Summit Austin: Day 1', 'autor: Jane Doe', 'date: 2016-04-25', 'tags:', '\t- openstack'];
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = post(...lines).split('\n').join(eol);
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['2:8-2:38 fm-yaml-syntax', '3:1-3:6 fm-unknown-key', '6:1-6:2 fm-yaml-syntax'], JSON.stringify(eol));
      assert.ok(problems.every((p) => p.fixes.some((f) => f.preferred)), 'each has a quick fix');
      assert.equal(applyEdits(text, fixAllEdits(problems)),
        post('title: "OpenStack Summit Austin: Day 1"', 'author: Jane Doe', 'date: 2016-04-25', 'tags:', '  - openstack').split('\n').join(eol));
    }
  });

  it('an unterminated quote is said on its own line, and the entries below it are still checked', () => {
    const text = post('title: "OpenStack Summit', "author: 'Jane'", 'date: 2016-02-30');
    const problems = lint(text);
    assert.deepEqual(spans(text, problems), ['2:8-2:25 fm-yaml-syntax', '4:7-4:17 fm-date']);
    assert.match(problems[0]!.message, /closing " is missing/);
    const single = post("title: 'OpenStack Summit", 'author: "Jane"', 'date: 2016-05-17');
    assert.deepEqual(lint(single).map((p) => [p.rule, p.message.includes("closing ' is missing")]), [['fm-yaml-syntax', true]]);
  });

  it('when the YAML fails, the keys that parsed are still checked (not those on the broken lines)', () => {
    const text = post('title: "Say "hi" now"', 'author: a', 'date: 2016-02-30', 'published: yes');
    assert.deepEqual(spans(text, lint(text)).map((s) => s.replace(/^\S+ /, '')), ['fm-yaml-syntax', 'fm-date', 'fm-type']);
    const broken = post('title: T', 'tags: [a, b', 'author: a', 'date: 2016-05-17');
    assert.deepEqual(lint(broken).map((p) => p.rule), ['fm-yaml-syntax'], 'no fm-required for a key the broken line may hold');
  });
});
