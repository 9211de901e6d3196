/**
 * TOML (`+++`) and JSON (`{` at the top) front matter: every rule, exact ranges, syntax errors at their
 * cause, duplicate keys, and fixes written in the block's own format.
 */
import * as assert from 'node:assert/strict';
import { type ClosedBlock, parseBlock } from '../../../src/core/frontmatter/lint';
import { frontMatterEnd, locateFrontMatter } from '../../../src/core/frontmatter/locate';
import type { Schema } from '../../../src/core/frontmatter/schema';
import { lintPost } from '../../../src/core/lint/lintPost';
import { applyEdits, fixAllEdits, type Problem } from '../../../src/core/lint/problem';
import { dateValueOf } from '../../../src/core/roundup/siblings';
import { readSettings } from '../../../src/core/settings';
import { applyFix, lint, NOW, only, span, spans } from '../helpers';

/** TOML front matter lines between `+++` fences with LF endings. */
const toml = (...lines: string[]) => ['+++', ...lines, '+++', '', 'Body.', ''].join('\n');
/** A JSON front matter object of the given member lines, with LF endings. */
const json = (...members: string[]) => ['{', ...members.map((m) => `  ${m}`), '}', '', 'Body.', ''].join('\n');

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const cr = (text: string) => text.replace(/\n/g, '\r');

describe('TOML and JSON front matter', () => {
  describe('finding the block', () => {
    it('`+++` fences hold TOML; the body starts after the closing one', () => {
      const text = toml('title = "T"');
      assert.equal(locateFrontMatter(text)?.format, 'toml');
      assert.equal(text.slice(frontMatterEnd(text)), '\nBody.\n');
    });

    it('an object at the very top is JSON; braces inside strings do not close it', () => {
      const text = json('"title": "a } b",', '"tags": ["x", "{"]');
      const block = locateFrontMatter(text)!;
      assert.equal(block.format, 'json');
      assert.equal(text.slice(block.contentStart, block.contentEnd), text.slice(0, text.indexOf('\n}') + 2));
      assert.equal(text.slice(frontMatterEnd(text)), '\nBody.\n');
    });

    it('a Hugo shortcode or a Liquid tag at the top is not JSON front matter', () => {
      assert.equal(locateFrontMatter('{{< youtube abc >}}\n'), undefined);
      assert.equal(locateFrontMatter('{% include x.html %}\n'), undefined);
    });

    it('the date of a sibling, in each format', () => {
      assert.equal(dateValueOf(toml('title = "T"', 'date = 2016-05-17T17:18:56Z')), '2016-05-17T17:18:56Z');
      assert.equal(dateValueOf(toml('title = "T"', "date = '2016-05-17'")), '2016-05-17');
      assert.equal(dateValueOf(toml('title = "T"', '[extra]', 'date = 2016-05-17')), undefined);
      assert.equal(dateValueOf(json('"date": "2016-05-17T17:18:56Z"')), '2016-05-17T17:18:56Z');
    });
  });

  describe('TOML', () => {
    it('a complete block has no problems', () => {
      const text = toml('title = "T"', "author = 'a'", 'date = 2016-05-17T17:18:56Z', 'tags = ["a", "b"]');
      assert.deepEqual(lint(text), []);
    });

    it('reads each top-level value: from the whole block when it parses, else from its own statement', () => {
      // (structuredClone: smol-toml's tables have no prototype.)
      const values = (text: string) =>
        parseBlock(text, locateFrontMatter(text) as ClosedBlock).pairs.map((p) => [p.key, structuredClone(p.value)]);
      // A table gathers its header's entries and the dotted keys under it elsewhere in the block.
      const whole = toml('title = "T"', 'params.featured = true', 'tags = ["a"]', '[author]', 'name = "a"');
      assert.deepEqual(values(whole), [
        ['title', 'T'],
        ['params', { featured: true }],
        ['tags', ['a']],
        ['author', { name: 'a' }],
      ]);
      // A key written twice: each statement keeps the value it writes; a broken one has none.
      const twice = toml('title = "T"', 'author = "a"', 'title = "U"', 'date = 2016-05-1x');
      assert.deepEqual(values(twice), [['title', 'T'], ['author', 'a'], ['title', 'U'], ['date', undefined]]);
    });

    it('fm-unclosed: an opening `+++` with no closing fence', () => {
      const text = '+++\ntitle = "T"\n\nBody.\n';
      const p = only(lint(text));
      assert.equal(span(text, p), '1:1-1:4 fm-unclosed');
      assert.match(p.message, /add a line "\+\+\+"/);
    });

    it('fm-not-at-start: a TOML block after a BOM, blank lines or text', () => {
      const ok = toml('title = "T"', 'author = "a"', 'date = 2016-05-17');
      const bom = '\uFEFF' + ok;
      const p = only(lint(bom));
      assert.equal(span(bom, p), '1:2-1:5 fm-not-at-start');
      assert.equal(applyFix(bom, p), ok);
      const blank = '\n\n' + ok;
      assert.equal(applyFix(blank, only(lint(blank))), ok);
      assert.deepEqual(spans('Text\n' + ok, lint('Text\n' + ok)), ['2:1-2:4 fm-not-at-start']);
      assert.deepEqual(lint('A paragraph\n+++\nMore text\n+++\n'), []);
    });

    it('fm-toml-syntax: an unterminated string is marked at its opening quote; the fix closes it', () => {
      const text = toml('title = "Day 1', 'author = "a"', 'date = 2016-05-17');
      const p = only(lint(text));
      assert.equal(span(text, p), '2:9-2:10 fm-toml-syntax');
      assert.match(p.message, /never closed/);
      assert.equal(applyFix(text, p), toml('title = "Day 1"', 'author = "a"', 'date = 2016-05-17'));
    });

    it('fm-toml-syntax: bare text as a value, with the quote fix; the other entries are still checked', () => {
      const text = toml('title = "T"', 'author = Jane', 'date = 2016-05-17', 'autor = "x"');
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['3:10-3:14 fm-toml-syntax', '5:1-5:6 fm-unknown-key']);
      assert.match(problems[0]!.message, /in quotes/);
      assert.equal(
        applyFix(text, problems[0]!),
        toml('title = "T"', 'author = "Jane"', 'date = 2016-05-17', 'autor = "x"'),
      );
    });

    it('fm-toml-syntax: a list never closed is said after its last item', () => {
      const text = toml('title = "T"', 'tags = ["a",', '"b"', 'author = "a"');
      assert.deepEqual(spans(text, lint(text)), ['4:3-4:4 fm-toml-syntax']);
    });

    it('fm-toml-syntax: control characters in a string, and a multi-line string never closed', () => {
      const text = toml('title = "A\u0007B\u0007"', 'author = "a"', 'date = 2016-05-17');
      const p = only(lint(text));
      assert.equal(span(text, p), '2:11-2:12 fm-toml-syntax');
      assert.match(p.message, /U\+0007/);
      assert.equal(applyFix(text, p), toml('title = "AB"', 'author = "a"', 'date = 2016-05-17'));
      const multi = toml('title = "T"', 'author = "a"', 'date = 2016-05-17', 'tags = """a, b');
      const q = only(lint(multi));
      assert.equal(span(multi, q), '5:8-5:11 fm-toml-syntax');
      assert.equal(applyFix(multi, q), toml('title = "T"', 'author = "a"', 'date = 2016-05-17', 'tags = """a, b"""'));
    });

    it('fm-unknown-key: renaming a table renames every header and dotted key under it', () => {
      const text = toml('title = "T"', 'author = "a"', 'date = 2016-05-17', 'publishe.a = true', 'publishe.b = 1');
      const p = only(lint(text));
      assert.equal(span(text, p), '5:1-5:9 fm-unknown-key');
      assert.equal(applyFix(text, p), text.replace(/publishe\./g, 'published.'));
    });

    it('fm-duplicate-key: TOML forbids a key twice; reported on the second, and the rest still parses', () => {
      const text = toml('title = "T"', 'author = "a"', 'title = "U"', 'date = 2016-05-17', 'published = "no"');
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['4:1-4:6 fm-duplicate-key', '6:13-6:17 fm-type']);
      assert.equal(
        applyFix(text, problems[0]!),
        toml('title = "T"', 'author = "a"', 'date = 2016-05-17', 'published = "no"'),
      );
    });

    it('fm-duplicate-key: a key twice in a table, and a table twice', () => {
      const base = ['title = "T"', 'author = "a"', 'date = 2016-05-17'];
      const inTable = toml(...base, '[taxonomies]', 'tags = ["a"]', 'tags = ["b"]');
      const problems = lint(inTable, { schema: { required: [], fields: { title: 'string', author: 'string',
        date: 'date', taxonomies: 'any' } } });
      assert.deepEqual(spans(inTable, problems), ['7:1-7:5 fm-duplicate-key']);
      assert.match(problems[0]!.message, /"tags" in "taxonomies"/);
      const twice = toml(...base, '[extra]', 'a = 1', '[extra]', 'b = 2');
      const p = only(lint(twice, { schema: { required: [], fields: { title: 'string', author: 'string',
        date: 'date', extra: 'any' } } }));
      assert.equal(span(twice, p), '7:2-7:7 fm-duplicate-key');
    });

    it('fm-duplicate-key: a key twice in an inline table, and a dotted key over a value', () => {
      const inline = toml('title = "T"', 'author = { name = "a", name = "b" }', 'date = 2016-05-17');
      const p = only(lint(inline));
      assert.equal(span(inline, p), '3:24-3:28 fm-duplicate-key');
      assert.match(p.message, /"name" in "author"/);
      const dotted = toml('title = "T"', 'author = "a"', 'date = 2016-05-17', 'title.x = 1');
      assert.deepEqual(spans(dotted, lint(dotted)), ['5:1-5:6 fm-duplicate-key']);
    });

    it('fm-required: an empty block is one problem, its fix writes every field in TOML', () => {
      const text = '+++\n+++\n';
      assert.equal(
        applyFix(text, only(lint(text)), 'Add title, author and date'),
        '+++\ntitle = ""\nauthor = ""\ndate = 2020-01-02T03:04:05Z\n+++\n',
      );
    });

    it('fm-required: a missing key goes before the first table, written `key = value`, a date bare', () => {
      const text = toml("title = 'T'", '', '[extra]', 'x = 1');
      const [author, date] = lint(text, { defaults: { author: "Rich O'Brien" } })
        .filter((p) => p.rule === 'fm-required');
      assert.equal(author!.fixes[0]!.title, `Add "author = "Rich O'Brien""`);
      assert.equal(applyFix(text, author!), toml("title = 'T'", `author = "Rich O'Brien"`, '', '[extra]', 'x = 1'));
      assert.equal(applyFix(text, date!), toml("title = 'T'", 'date = 2020-01-02T03:04:05Z', '', '[extra]', 'x = 1'));
    });

    it('fm-required: a date in the siblings\' style when TOML has it, else an offset date-time', () => {
      const text = toml('title = "T"', 'author = "a"');
      const fixed = (dateStyle: 'YYYY-MM-DD' | 'YYYY-MM-DD HH:MM:SS UTC') =>
        applyFix(text, only(lint(text, { dateStyle })));
      assert.equal(fixed('YYYY-MM-DD'), toml('title = "T"', 'author = "a"', 'date = 2020-01-02'));
      const iso = toml('title = "T"', 'author = "a"', 'date = 2020-01-02T03:04:05Z');
      assert.equal(fixed('YYYY-MM-DD HH:MM:SS UTC'), iso);
    });

    it('fm-type: a number as a title is quoted in the block\'s quotes; a word as a boolean becomes one', () => {
      const text = toml("title = 2016", "author = 'a'", "subtitle = 'x'", 'date = 2016-05-17', 'published = "yes"');
      const problems = lint(text, { schema: { required: [], fields: { title: 'string', author: 'string',
        subtitle: 'string', date: 'date', published: 'boolean' } } });
      assert.deepEqual(spans(text, problems), ['2:9-2:13 fm-type', '6:13-6:18 fm-type']);
      assert.equal(applyFix(text, problems[0]!), text.replace('title = 2016', "title = '2016'"));
      assert.equal(applyFix(text, problems[1]!), text.replace('published = "yes"', 'published = true'));
    });

    it('fm-date: a date TOML reads but the calendar does not have; a local time is no date', () => {
      const text = toml('title = "T"', 'author = "a"', 'date = 2016-02-30');
      const p = only(lint(text));
      assert.equal(span(text, p), '4:8-4:18 fm-date');
      assert.match(p.message, /29 days/);
      const time = toml('title = "T"', 'author = "a"', 'date = 17:18:56');
      assert.equal(only(lint(time)).rule, 'fm-date');
    });

    it('fm-empty and fm-unknown-key: an empty list, and a slip for a known key', () => {
      const text = toml('title = "T"', 'autor = "a"', 'date = 2016-05-17', 'tags = []');
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['1:1-1:4 fm-required', '3:1-3:6 fm-unknown-key', '5:1-5:5 fm-empty']);
      assert.equal(applyFix(text, problems[1]!), text.replace('autor', 'author'));
      assert.equal(applyFix(text, problems[2]!), toml('title = "T"', 'autor = "a"', 'date = 2016-05-17'));
    });
  });

  describe('JSON', () => {
    it('a complete object has no problems', () => {
      assert.deepEqual(lint(json('"title": "T",', '"author": "a",', '"date": "2016-05-17T17:18:56Z"')), []);
    });

    it('fm-unclosed: an object never closed', () => {
      const text = '{\n  "title": "T",\n\nBody.\n';
      const p = only(lint(text));
      assert.equal(span(text, p), '1:1-1:2 fm-unclosed');
    });

    it('fm-json-syntax: a missing comma is said after the value before it, and the fix adds it', () => {
      const text = json('"title": "T"', '"author": "a",', '"date": "2016-05-17"');
      const p = only(lint(text));
      assert.equal(span(text, p), '2:14-2:15 fm-json-syntax');
      assert.match(p.message, /comma is missing/);
      assert.equal(applyFix(text, p), json('"title": "T",', '"author": "a",', '"date": "2016-05-17"'));
    });

    it('fm-json-syntax: an unterminated string at its opening quote; a trailing comma; bare text', () => {
      const open = json('"title": "T,', '"author": "a",', '"date": "2016-05-17"');
      const p = only(lint(open).filter((q) => q.rule === 'fm-json-syntax'));
      assert.equal(span(open, p), '2:12-2:13 fm-json-syntax');
      assert.equal(applyFix(open, p), json('"title": "T",', '"author": "a",', '"date": "2016-05-17"'));
      const trailing = json('"title": "T",', '"author": "a",', '"date": "2016-05-17",');
      assert.deepEqual(spans(trailing, lint(trailing)), ['5:1-5:2 fm-json-syntax']);
      const bare = json('"title": "T",', '"author": Jane,', '"date": "2016-05-17"');
      const q = only(lint(bare));
      assert.equal(span(bare, q), '3:13-3:17 fm-json-syntax');
      assert.equal(applyFix(bare, q), json('"title": "T",', '"author": "Jane",', '"date": "2016-05-17"'));
    });

    it('fm-json-syntax: a string with no opening quote; a bracket inside bare text does not end the object', () => {
      const text = json('"title": T",', '"author": "a",', '"date": "2016-05-17"');
      const p = only(lint(text));
      assert.equal(span(text, p), '2:12-2:14 fm-json-syntax');
      assert.match(p.message, /no opening quote/);
      assert.equal(applyFix(text, p), json('"title": "T",', '"author": "a",', '"date": "2016-05-17"'));
      const bracket = json('"title": "T",', '"author": "a",', '"date": "2016-05-17",', '"published": tr]ue');
      const q = only(lint(bracket));
      assert.equal(span(bracket, q), '5:16-5:21 fm-json-syntax');
    });

    it('fm-duplicate-key: the second member, removed with its comma', () => {
      const text = json('"title": "T",', '"author": "a",', '"date": "2016-05-17",', '"title": "U"');
      const p = only(lint(text));
      assert.equal(span(text, p), '5:3-5:10 fm-duplicate-key');
      assert.equal(applyFix(text, p), json('"title": "T",', '"author": "a",', '"date": "2016-05-17"'));
      const nested = json('"title": "T",', '"author": "a",', '"date": "2016-05-17",', '"x": {"a": 1, "a": 2}');
      const schema: Schema = { required: [], fields: { title: 'string', author: 'string', date: 'date', x: 'any' } };
      assert.match(only(lint(nested, { schema })).message, /"a" in "x"/);
    });

    it('fm-required: a member added after the last one with a comma, indented like the others', () => {
      const text = json('"title": "T",', '"date": "2016-05-17"');
      const p = only(lint(text, { defaults: { author: 'Jane "JD" Doe' } }));
      assert.equal(p.fixes[0]!.title, 'Add "author": "Jane \\"JD\\" Doe"');
      assert.equal(applyFix(text, p), json('"title": "T",', '"date": "2016-05-17",', '"author": "Jane \\"JD\\" Doe"'));
      const empty = '{}\n';
      assert.equal(
        applyEdits(empty, only(lint(empty)).fixes[0]!.edits),
        '{\n  "title": "",\n  "author": "",\n  "date": "2020-01-02T03:04:05Z"\n}\n',
      );
    });

    it('fm-type and fm-empty: JSON quotes, booleans, and an empty member removed with its comma', () => {
      const text = json(
        '"title": 2016,',
        '"author": "a",',
        '"date": "2016-05-17",',
        '"published": "no",',
        '"tags": []',
      );
      const problems = lint(text);
      assert.deepEqual(spans(text, problems), ['2:12-2:16 fm-type', '5:16-5:20 fm-type', '6:3-6:9 fm-empty']);
      assert.equal(applyFix(text, problems[0]!), text.replace('2016', '"2016"'));
      assert.equal(applyFix(text, problems[1]!), text.replace('"no"', 'false'));
      assert.equal(
        applyFix(text, problems[2]!),
        json('"title": 2016,', '"author": "a",', '"date": "2016-05-17",', '"published": "no"'),
      );
    });
  });

  describe('line endings: CRLF and lone CR lint like LF, fixes keep the endings', () => {
    const samples: [string, string][] = [
      ['TOML clean', toml('title = "T"', 'author = "a"', 'date = 2016-05-17')],
      ['TOML missing, table', toml('title = 2016', '[extra]', 'x = 1')],
      ['TOML unterminated', toml('title = "T', 'author = "a"', 'date = 2016-05-17')],
      ['TOML duplicate', toml('title = "T"', 'author = "a"', 'title = "U"', 'date = 2016-05-17', 'tags = []')],
      ['JSON clean', json('"title": "T",', '"author": "a",', '"date": "2016-05-17"')],
      ['JSON missing, types', json('"title": 2016,', '"published": "yes",', '"tags": []')],
      ['JSON comma', json('"title": "T"', '"author": "a",', '"date": "2016-05-17"')],
      ['JSON duplicate', json('"title": "T",', '"author": "a",', '"date": "2016-05-17",', '"title": "U"')],
    ];
    const shape = (text: string, problems: Problem[]) =>
      problems.map((p) => `${span(text, p)} ${p.rule} ${p.message} ${p.fixes.map((f) => f.title).join('|')}`);
    for (const [name, lf] of samples) {
      for (const [ending, convert] of [['CRLF', crlf], ['lone CR', cr]] as const) {
        it(`${name}: ${ending}`, () => {
          const text = convert(lf);
          const problems = lint(text);
          assert.deepEqual(shape(text, problems), shape(lf, lint(lf)));
          const lfProblems = lint(lf);
          problems.forEach((p, i) => {
            for (const fix of p.fixes) {
              const lfFix = lfProblems[i]!.fixes.find((f) => f.title === fix.title)!;
              assert.equal(applyEdits(text, fix.edits), convert(applyEdits(lf, lfFix.edits)), fix.title);
            }
          });
        });
      }
    }
  });

  describe('pages get the syntax rules only, in every format', () => {
    const settings = readSettings(() => undefined).settings;
    const page = (text: string) => lintPost(text, settings, { now: NOW, syntaxOnly: true }).map((p) => p.rule);
    it('TOML and JSON pages: syntax errors and duplicates, no schema rule', () => {
      assert.deepEqual(page(toml('title = "Docs"', 'weight = 3')), []);
      assert.deepEqual(page(toml('title = "Docs', 'weight = 3')), ['fm-toml-syntax']);
      assert.deepEqual(page(toml('title = "Docs"', 'title = "X"')), ['fm-duplicate-key']);
      assert.deepEqual(page('+++\ntitle = "Docs"\n'), ['fm-unclosed']);
      assert.deepEqual(page(json('"title": "Docs",', '"weight": 3')), []);
      assert.deepEqual(page(json('"title": "Docs"', '"weight": 3')), ['fm-json-syntax']);
      assert.deepEqual(page(json('"title": "Docs",', '"title": "X"')), ['fm-duplicate-key']);
    });
  });

  it('TOML: fm-missing-opening for fields and a closing +++ with no opening one; the fix adds it', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['title = "T"', 'author = "a"', 'tags = [', '  "x",', ']', 'date = 2016-05-17', '+++', '', 'Body.', ''].join(eol);
      const p = only(lint(text));
      assert.equal(span(text, p), '1:1-1:12 fm-missing-opening');
      assert.equal(p.message, 'Front matter has a closing "+++" but no opening one: add a line "+++" before the first field');
      assert.deepEqual(lint(applyFix(text, p)), []);
    }
    // Prose with an equals sign over a +++ line is not front matter.
    assert.deepEqual(lint('x = 1 is the answer\n+++\n'), []);
    assert.deepEqual(lint('title = "T"\n\nA paragraph.\n+++\n'), []);
  });

  it('TOML: one broken statement hides nothing else; each that does not read is said where it is', () => {
    const text = toml('title = "Day 1', 'autor = "Jane"', 'date = 2016-04-25', 'draft = yes');
    const problems = lint(text);
    assert.deepEqual(problems.map((p) => [span(text, p).split(' ')[0]!.split('-')[0], p.rule]),
      [['2:9', 'fm-toml-syntax'], ['3:1', 'fm-unknown-key'], ['5:9', 'fm-toml-syntax']]);
  });

  it('Fix all on a TOML and a JSON post: every preferred fix in one pass, in the block\'s format', () => {
    const text = toml('title = 2016', 'autor = "a"', 'published = "yes"');
    const fixed = applyEdits(text, fixAllEdits(lint(text)));
    assert.equal(fixed, toml('title = "2016"', 'author = "a"', 'published = true', 'date = 2020-01-02T03:04:05Z'));
    assert.deepEqual(lint(fixed), []);
  });
});
