import * as assert from 'node:assert/strict';
import { lintFrontMatter } from '../../../src/core/frontmatter/lint';
import { applyFix, lint, modelPost, only, post, span, spans } from '../helpers';

const OK = ['title: T', 'author: a', 'date: 2016-05-17 17:18:56 UTC'];

describe('front matter rules', () => {
  it('the model front matter has no problems', () => {
    assert.deepEqual(lint(modelPost()), []);
  });

  it('a markdown file without front matter is not a post: no problems', () => {
    assert.deepEqual(lint('# A heading\n\nSome text.\n'), []);
    assert.deepEqual(lint('Some text.\n\n---\n\nMore text after a rule.\n'), []);
    assert.deepEqual(lint('A paragraph\n---\n'), []);
  });

  describe('fm-unclosed', () => {
    it('marks the opening line when no fence closes the block', () => {
      const text = '---\ntitle: T\nauthor: a\n\nBody text.\n';
      const p = only(lint(text));
      assert.equal(span(text, p), '1:1-1:4 fm-unclosed');
      assert.equal(p.severity, 'error');
      assert.match(p.message, /never closed/);
    });

    it('accepts `...` as the closing fence', () => {
      assert.deepEqual(lint('---\n' + OK.join('\n') + '\n...\nBody\n'), []);
    });
  });

  describe('fm-not-at-start', () => {
    it('after a byte order mark: marks the fence, fix removes the BOM', () => {
      const text = '\uFEFF' + post(...OK);
      const p = only(lint(text));
      assert.equal(span(text, p), '1:2-1:5 fm-not-at-start');
      assert.equal(p.severity, 'warning');
      assert.match(p.message, /byte order mark/);
      assert.equal(applyFix(text, p), post(...OK));
    });

    it('after blank lines: marks the fence on line 3, fix removes the lines', () => {
      const text = '\n\n' + post(...OK);
      const p = only(lint(text));
      assert.equal(span(text, p), '3:1-3:4 fm-not-at-start');
      assert.match(p.message, /blank lines/);
      assert.equal(applyFix(text, p), post(...OK));
    });

    it('after text: fix moves the block to the top', () => {
      const text = 'Hello\n---\ntitle: T\nauthor: a\ndate: 2016-05-17\n---\nBody\n';
      const p = only(lint(text));
      assert.equal(span(text, p), '2:1-2:4 fm-not-at-start');
      assert.match(p.message, /after text/);
      assert.equal(applyFix(text, p), '---\ntitle: T\nauthor: a\ndate: 2016-05-17\n---\nHello\nBody\n');
    });
  });

  describe('fm-not-at-start on a blog whose generator is known', () => {
    const MISSING_TITLE = ['author: a', 'date: 2016-05-17 17:18:56 UTC'];
    const rulesOf = (text: string, generator?: 'hugo' | 'jekyll' | 'zola') =>
      lintFrontMatter(text, { generator }).map((p) => p.rule);

    it('Hugo and Zola read the block after a BOM or blank lines: it is linted as any block, with no warning', () => {
      for (const generator of ['hugo', 'zola'] as const) {
        for (const lead of ['\uFEFF', '\n\n', '\r\n']) {
          assert.deepEqual(rulesOf(lead + post(...OK), generator), [], `${generator} ${JSON.stringify(lead)}`);
          const text = lead + post(...MISSING_TITLE);
          assert.deepEqual(rulesOf(text, generator), ['fm-required'], `${generator} ${JSON.stringify(lead)}: the block's own problems`);
        }
        // A TOML block too.
        const toml = '\n+++\ntitle = "T"\nauthor = "a"\ndate = 2016-05-17T17:18:56Z\n+++\nBody\n';
        assert.deepEqual(rulesOf(toml, generator), [], `${generator} TOML after a blank line`);
      }
    });

    it('Jekyll drops the BOM but wants the fence on line 1: the warning names Jekyll', () => {
      assert.deepEqual(rulesOf('\uFEFF' + post(...OK), 'jekyll'), []);
      const text = '\n' + post(...OK);
      const p = only(lintFrontMatter(text, { generator: 'jekyll' }));
      assert.equal(span(text, p), '2:1-2:4 fm-not-at-start');
      assert.equal(p.message, 'Front matter must start on the first line: Jekyll ignores it after blank lines');
    });

    it('after text no generator reads it', () => {
      const text = 'Hello\n' + post(...OK);
      const p = only(lintFrontMatter(text, { generator: 'hugo' }));
      assert.equal(p.rule, 'fm-not-at-start');
      assert.equal(p.message, 'Front matter must start on the first line: Hugo ignores it after text');
    });

    it('JSON after a BOM or blank lines (Hugo reads it): linted on Hugo, a warning where the generator is not known', () => {
      const json = '{\n  "title": "T",\n  "author": "a",\n  "date": "2016-05-17T17:18:56Z"\n}\nBody\n';
      for (const lead of ['\uFEFF', '\n\n']) {
        assert.deepEqual(rulesOf(lead + json, 'hugo'), [], JSON.stringify(lead));
        const broken = lead + json.replace('"a",', '"a"');
        assert.deepEqual(rulesOf(broken, 'hugo'), ['fm-json-syntax'], `${JSON.stringify(lead)}: a broken object`);
        const text = lead + json;
        const p = only(lintFrontMatter(text));
        assert.equal(p.rule, 'fm-not-at-start');
        assert.equal(applyFix(text, p), json);
      }
      // After text, or never closed, it is body.
      assert.deepEqual(rulesOf('Hello\n' + json, 'hugo'), []);
      assert.deepEqual(rulesOf('\n{\n  "title": "T",\n', 'hugo'), []);
    });
  });

  describe('fm-yaml-syntax', () => {
    const syntax = (lines: string[]) => {
      const text = post(...lines);
      const p = only(lint(text));
      assert.equal(p.rule, 'fm-yaml-syntax');
      assert.equal(p.severity, 'error');
      return { text, p };
    };

    it('tab indentation: marks the tab', () => {
      const { text, p } = syntax(['title: T', '\tauthor: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '3:1-3:2 fm-yaml-syntax');
      assert.equal(p.message, 'Tab used for indentation: YAML allows only spaces here');
      assert.equal(p.fixes[0]?.title, 'Replace tabs with spaces');
      assert.equal(p.fixes[0]?.preferred, true);
      assert.equal(applyFix(text, p), post('title: T', 'author: a', 'date: 2016-05-17'));
    });

    it('tab indentation of a list item: the fix indents it like the other items, else two spaces', () => {
      const { text, p } = syntax([...OK, 'tags:', '\t- a']);
      assert.equal(span(text, p), '6:1-6:2 fm-yaml-syntax');
      assert.match(p.message, /^Tab used for indentation/);
      assert.equal(applyFix(text, p), post(...OK, 'tags:', '  - a'));
      const four = syntax([...OK, 'tags:', '\t- a', '    - b']);
      assert.equal(applyFix(four.text, four.p), post(...OK, 'tags:', '    - a', '    - b'));
    });

    it('bad indentation: marks the indented line, fix removes the indentation', () => {
      const { text, p } = syntax(['title: T', '  author: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '3:1-3:3 fm-yaml-syntax');
      assert.equal(p.message, 'Bad indentation: this line is indented under "title: T", which already has a value');
      assert.equal(applyFix(text, p), post('title: T', 'author: a', 'date: 2016-05-17'));
    });

    it('unterminated double quote: from the quote to the end of its line', () => {
      const { text, p } = syntax(['title: "Hello', 'author: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '2:8-2:14 fm-yaml-syntax');
      assert.equal(p.message, 'Unterminated quoted string: the closing " is missing');
    });

    it('unterminated single quote', () => {
      const { text, p } = syntax(['title: T', "author: 'a", 'date: 2016-05-17']);
      assert.equal(span(text, p), "3:9-3:11 fm-yaml-syntax");
      assert.equal(p.message, "Unterminated quoted string: the closing ' is missing");
    });

    it('stray colon in a value: fix quotes the value (a comment stays out of the quotes)', () => {
      const { text, p } = syntax(['title: Day 1: keynotes', 'author: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '2:8-2:23 fm-yaml-syntax');
      assert.match(p.message, /must be quoted/);
      assert.equal(applyFix(text, p), post('title: "Day 1: keynotes"', 'author: a', 'date: 2016-05-17'));

      const commented = syntax(['title: Day 1: keynotes # draft', 'author: a', 'date: 2016-05-17']);
      assert.equal(span(commented.text, commented.p), '2:8-2:23 fm-yaml-syntax');
      assert.equal(applyFix(commented.text, commented.p), post('title: "Day 1: keynotes" # draft', 'author: a', 'date: 2016-05-17'));
    });

    it("'it's': marks the text after the closing quote", () => {
      const { text, p } = syntax(["title: 'it's'", 'author: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '2:12-2:14 fm-yaml-syntax');
      assert.match(p.message, /closing quote.*it''s/);
    });

    it('missing colon: marks the whole line, also when it is the last line', () => {
      const middle = syntax(['title: T', 'author rbowen', 'date: 2016-05-17']);
      assert.equal(span(middle.text, middle.p), '3:1-3:14 fm-yaml-syntax');
      assert.equal(middle.p.message, '"author rbowen" is not a "key: value" line: the colon after the key is missing');

      const last = syntax(['title: T', 'date: 2016-05-17', 'author rbowen']);
      assert.equal(span(last.text, last.p), '4:1-4:14 fm-yaml-syntax');
      assert.equal(last.p.message, middle.p.message);
    });

    it('no space after the colon: marks the colon, fix adds the space', () => {
      const { text, p } = syntax(['title:Hello world', 'author: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '2:6-2:7 fm-yaml-syntax');
      assert.equal(p.message, 'A space must follow the colon in "title:Hello world"');
      assert.equal(applyFix(text, p), post('title: Hello world', 'author: a', 'date: 2016-05-17'));
      const last = syntax(['author: a', 'date: 2016-05-17', 'title:T']);
      assert.equal(span(last.text, last.p), '4:6-4:7 fm-yaml-syntax');
    });

    it('a list item out of line with the items above', () => {
      const { text, p } = syntax([...OK, 'tags:', '  - a', ' - b']);
      assert.equal(span(text, p), '7:1-7:5 fm-yaml-syntax');
      assert.equal(p.message, 'Bad indentation: this list item does not line up with the items above it');
    });

    it('text after a closing double quote, with a colon in it: no indentation fix that would eat the next key', () => {
      const { text, p } = syntax(['title: "Day 1" keynotes: all', 'author: a', 'date: 2016-05-17']);
      assert.equal(span(text, p), '2:16-2:29 fm-yaml-syntax');
      assert.match(p.message, /^Unexpected text after the value's closing quote/);
      assert.deepEqual(p.fixes, []);
    });

    it('a value starting with a reserved character: fix quotes it', () => {
      const { text, p } = syntax(['title: T', 'author: @rbowen', 'date: 2016-05-17']);
      assert.equal(span(text, p), '3:9-3:16 fm-yaml-syntax');
      assert.equal(p.message, 'A value cannot start with "@" unless it is quoted');
      assert.equal(applyFix(text, p), post('title: T', 'author: "@rbowen"', 'date: 2016-05-17'));
    });

    it('a line starting with "---" inside the block', () => {
      const { text, p } = syntax(['title: T', '--- x', 'date: 2016-05-17']);
      assert.equal(span(text, p), '3:1-3:6 fm-yaml-syntax');
      assert.doesNotMatch(p.message, /parseAllDocuments/);
    });

    it('a first line "----" is parsed, not taken for an empty block', () => {
      const { text, p } = syntax(['----', ...OK]);
      assert.equal(span(text, p), '2:1-2:5 fm-yaml-syntax');
    });

    it('text after the value of a quoted value is not called a quote problem when there is no quote', () => {
      const { p } = syntax([...OK, 'tags: |blogs, openstack']);
      assert.doesNotMatch(p.message, /quote/);
    });

    it('a block that is not a mapping', () => {
      const text = post('- a', '- b');
      assert.deepEqual(spans(text, lint(text)), ['2:1-3:4 fm-yaml-syntax']);
      assert.equal(lint(text)[0].message, 'Front matter must be "key: value" lines, but this is a list');
    });

    it('messages are plain words, without parser positions', () => {
      for (const lines of [['title: "x'], ['title: [a'], ['title: T', '  author: a'], ['a: b: c'], ['%YAML 1.2', 'title: T']]) {
        const p = only(lint(post(...lines)));
        assert.doesNotMatch(p.message, /at line \d+|column \d+|YAML\.|token in YAML stream/, p.message);
      }
    });
  });

  describe('fm-duplicate-key', () => {
    it('marks the key of the second occurrence; fix removes its line', () => {
      const text = post('title: T', 'author: a', 'title: U', 'date: 2016-05-17');
      const p = only(lint(text));
      assert.equal(span(text, p), '4:1-4:6 fm-duplicate-key');
      assert.equal(p.severity, 'error');
      assert.equal(applyFix(text, p), post('title: T', 'author: a', 'date: 2016-05-17'));
    });

    it('an indented key in a nested mapping is not a top-level duplicate', () => {
      assert.deepEqual(lint(post(...OK, 'extra:', '  title: x')).map((p) => p.rule), ['fm-unknown-key']);
    });
  });

  describe('fm-required', () => {
    it('each default key missing: one problem on the opening fence; the fix inserts the field before the closing fence', () => {
      const cases: [string, string[], string][] = [
        ['title', ['author: a', 'date: 2016-05-17'], 'title: ""'],
        ['author', ['title: T', 'date: 2016-05-17'], 'author: ""'],
        ['date', ['title: T', 'author: a'], 'date: 2020-01-02 03:04:05 UTC'],
      ];
      for (const [key, lines, inserted] of cases) {
        const text = post(...lines);
        const p = only(lint(text));
        assert.equal(span(text, p), '1:1-1:4 fm-required', key);
        assert.equal(p.severity, 'error');
        assert.equal(p.message, `Required field "${key}" is missing`);
        assert.equal(applyFix(text, p), post(...lines, inserted));
        // An empty placeholder is left for the writer to fill in: fm-empty says so; a date is complete.
        assert.deepEqual(lint(applyFix(text, p)).map((q) => q.rule), key === 'date' ? [] : ['fm-empty'], key);
      }
    });

    it('the date fix uses the injected clock in the given (siblings\') style', () => {
      const text = post('title: T', 'author: a');
      const styles: [string, string][] = [
        ['YYYY-MM-DD HH:MM:SS UTC', '2020-01-02 03:04:05 UTC'],
        ['YYYY-MM-DD HH:MM:SS', '2020-01-02 03:04:05'],
        ['YYYY-MM-DD HH:MM UTC', '2020-01-02 03:04 UTC'],
        ['YYYY-MM-DD HH:MM', '2020-01-02 03:04'],
        ['YYYY-MM-DD', '2020-01-02'],
        ['YYYY-MM-DDTHH:MM:SSZ', '2020-01-02T03:04:05Z'],
      ];
      for (const [style, date] of styles) {
        const p = only(lint(text, { dateStyle: style as never }));
        assert.equal(applyFix(text, p), post('title: T', 'author: a', `date: ${date}`), style);
      }
      const other = lintFrontMatter(text, { now: new Date(Date.UTC(1999, 11, 31, 23, 59, 58)) });
      assert.equal(applyFix(text, only(other)), post('title: T', 'author: a', 'date: 1999-12-31 23:59:58 UTC'));
    });

    it('the fix writes given default values, quoted when YAML would misread them', () => {
      const text = post('date: 2016-05-17');
      const problems = lint(text, { defaults: { title: 'Day 1: keynotes', author: 'rbowen' } });
      assert.deepEqual(spans(text, problems), ['1:1-1:4 fm-required', '1:1-1:4 fm-required']);
      assert.equal(applyFix(text, problems[0]), post('date: 2016-05-17', "title: 'Day 1: keynotes'"));
      assert.equal(applyFix(text, problems[1]), post('date: 2016-05-17', 'author: rbowen'));
    });

    it('`authors` where `author` was meant: fm-required offers the rename first, and fm-unknown-key too', () => {
      const text = post('title: T', 'authors: tigert', 'date: 2016-05-17');
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['1:1-1:4 fm-required', '3:1-3:8 fm-unknown-key']);
      const [required, unknown] = problems;
      assert.equal(required.message, 'Required field "author" is missing ("authors" is probably meant)');
      assert.deepEqual(required.fixes.map((f) => [f.title, !!f.preferred]), [['Rename "authors" to "author"', true], ['Add "author: """', false]]);
      const renamed = post('title: T', 'author: tigert', 'date: 2016-05-17');
      assert.equal(applyFix(text, required), renamed);
      assert.equal(applyFix(text, required, 'Add "author: """'), post('title: T', 'authors: tigert', 'date: 2016-05-17', 'author: ""'));
      assert.equal(applyFix(text, unknown), renamed);
      assert.deepEqual(lint(renamed), []);
    });

    it('an empty block is one problem with one fix adding every required field', () => {
      const text = '---\n---\nBody\n';
      const p = only(lint(text));
      assert.equal(span(text, p), '1:1-1:4 fm-required');
      assert.equal(p.message, 'Front matter is empty: required fields title, author and date are missing');
      assert.equal(applyFix(text, p), '---\ntitle: ""\nauthor: ""\ndate: 2020-01-02 03:04:05 UTC\n---\nBody\n');
    });
  });

  describe('fm-empty', () => {
    it('`tags:` with nothing: fm-empty only (not fm-type), on the key; fix removes the line', () => {
      const text = post(...OK, 'tags:');
      const p = only(lint(text));
      assert.equal(span(text, p), '5:1-5:5 fm-empty');
      assert.equal(p.severity, 'warning');
      assert.equal(p.message, '"tags" has no value');
      assert.equal(applyFix(text, p), post(...OK));
    });

    it('empty forms: nothing, "", null, ~, [] — and a required key has no remove fix', () => {
      for (const value of ['', ' ""', ' null', ' ~', ' []']) {
        const text = post(`title:${value}`, 'author: a', 'date: 2016-05-17');
        const p = only(lint(text));
        assert.equal(span(text, p), '2:1-2:6 fm-empty', value);
        assert.deepEqual(p.fixes, []);
      }
    });

    it('an empty `published:` is fm-empty, not fm-type', () => {
      const text = post(...OK, 'published:');
      assert.deepEqual(spans(text, lint(text)), ['5:1-5:10 fm-empty']);
    });
  });

  describe('fm-type', () => {
    const bool = (value: string) => {
      const text = post(...OK, `published: ${value}`);
      return { text, problems: lint(text) };
    };

    it('yes, "true", 1, on, Yes, y: a warning on the value, fixed to true', () => {
      for (const value of ['yes', '"true"', '1', 'on', 'Yes', "'y'"]) {
        const { text, problems } = bool(value);
        const p = only(problems);
        assert.equal(span(text, p), `5:12-5:${12 + value.length} fm-type`, value);
        assert.equal(p.severity, 'warning');
        assert.equal(p.message, `"published" should be true or false, not ${/^\d/.test(value) ? 'the number' : 'the text'} ${value}`);
        assert.equal(applyFix(text, p), post(...OK, 'published: true'), value);
      }
    });

    it('no, off, 0, "false": fixed to false', () => {
      for (const value of ['no', 'off', '0', '"false"']) {
        const { text, problems } = bool(value);
        assert.equal(applyFix(text, only(problems)), post(...OK, 'published: false'), value);
      }
    });

    it('a word that means neither: a warning with no fix', () => {
      const { text, problems } = bool('maybe');
      const p = only(problems);
      assert.equal(span(text, p), '5:12-5:17 fm-type');
      assert.deepEqual(p.fixes, []);
    });

    it('true and false are fine; a trailing comment is outside the range and kept by the fix', () => {
      assert.deepEqual(bool('true').problems, []);
      assert.deepEqual(bool('false').problems, []);
      const text = post(...OK, 'comments: yes # on purpose');
      const p = only(lint(text));
      assert.equal(span(text, p), '5:11-5:14 fm-type');
      assert.equal(applyFix(text, p), post(...OK, 'comments: true # on purpose'));
    });

    it('a title written as a number: fix quotes it', () => {
      for (const value of ['2016', '1.50']) {
        const text = post(`title: ${value}`, 'author: a', 'date: 2016-05-17');
        const p = only(lint(text));
        assert.equal(span(text, p), `2:8-2:${8 + value.length} fm-type`);
        assert.equal(p.message, `"title" should be text, not the number ${value}${value === '1.50' ? ', which reads as 1.5' : ''}`);
        assert.equal(applyFix(text, p), post(`title: "${value}"`, 'author: a', 'date: 2016-05-17'));
      }
    });

    it('an author written as true: fix quotes it', () => {
      const text = post('title: T', 'author: true', 'date: 2016-05-17');
      const p = only(lint(text));
      assert.equal(span(text, p), '3:9-3:13 fm-type');
      assert.equal(applyFix(text, p), post('title: T', 'author: "true"', 'date: 2016-05-17'));
    });

    it('a title written as a list: no fix', () => {
      const text = post('title: [a, b]', 'author: a', 'date: 2016-05-17');
      const p = only(lint(text));
      assert.equal(span(text, p), '2:8-2:14 fm-type');
      assert.deepEqual(p.fixes, []);
    });

    it('tags: a string, a block list or a flow list of strings are fine', () => {
      assert.deepEqual(lint(post(...OK, 'tags: blogs, openstack')), []);
      assert.deepEqual(lint(post(...OK, 'tags:', '  - blogs', '  - openstack')), []);
      assert.deepEqual(lint(post(...OK, 'tags: [blogs, openstack]')), []);
    });

    it('tags: a list holding a mapping marks that item; a mapping marks the value without its line break', () => {
      const list = post(...OK, 'tags:', '  - blogs', '  - rdo: yes');
      const p = only(lint(list));
      assert.equal(span(list, p), '7:5-7:13 fm-type');
      assert.equal(p.message, '"tags" should be a list of words, but item 2 is a mapping');

      const map = post(...OK, 'tags:', '  a: b', '  c: d');
      const q = only(lint(map));
      assert.equal(span(map, q), '6:3-7:7 fm-type');
      assert.equal(q.message, '"tags" should be a comma-separated list or a list of words, not a mapping');

      const number = post(...OK, 'tags: 12');
      assert.deepEqual(spans(number, lint(number)), ['5:7-5:9 fm-type']);
    });
  });

  describe('fm-unknown-key', () => {
    it('a near key gets "did you mean" and a rename fix (authors -> author, tittle -> title)', () => {
      const text = post('tittle: T', 'author: a', 'date: 2016-05-17');
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['1:1-1:4 fm-required', '2:1-2:7 fm-unknown-key']);
      const p = problems[1];
      assert.equal(p.severity, 'info');
      assert.equal(p.message, 'Unknown key "tittle": did you mean "title"?');
      assert.equal(applyFix(text, p), post('title: T', 'author: a', 'date: 2016-05-17'));
    });

    it('within edit distance 2 only, and case does not count', () => {
      const near = post(...OK, 'publishd: true', 'coments: true', 'Tags: a');
      assert.deepEqual(lint(near).map((p) => p.message), [
        'Unknown key "publishd": did you mean "published"?',
        'Unknown key "coments": did you mean "comments"?',
        'Unknown key "Tags": did you mean "tags"?',
      ]);
      const far = post(...OK, 'category: news', 'layout: post', 'dated: x');
      const problems = lint(far);
      assert.deepEqual(spans(far, problems), ['5:1-5:9 fm-unknown-key', '6:1-6:7 fm-unknown-key', '7:1-7:6 fm-unknown-key']);
      assert.deepEqual(problems.map((p) => p.message), ['Unknown key "category"', 'Unknown key "layout"', 'Unknown key "dated"']);
      assert.ok(problems.every((p) => p.fixes.length === 0));
    });

    it('no rename to a key the block already has', () => {
      const text = post(...OK, 'tittle: x');
      const p = only(lint(text));
      assert.equal(p.message, 'Unknown key "tittle"');
      assert.deepEqual(p.fixes, []);
    });
  });

  it('problems come sorted by position', () => {
    const text = post('title: 2016', 'authors: me', 'published: yes', 'tags:', 'extra: 1');
    const problems = lint(text);
    assert.deepEqual(spans(text, problems), [
      '1:1-1:4 fm-required',
      '1:1-1:4 fm-required',
      '2:8-2:12 fm-type',
      '3:1-3:8 fm-unknown-key',
      '4:12-4:15 fm-type',
      '5:1-5:5 fm-empty',
      '6:1-6:6 fm-unknown-key',
    ]);
  });

  it('gray-matter does not cache: the same broken text twice reports the same problem both times', () => {
    const text = post('title: Day 1: keynotes', 'author: a', 'date: 2016-05-17');
    const first = lint(text);
    const second = lint(text);
    assert.equal(first.length, 1);
    assert.deepEqual(second, first);
  });
});
