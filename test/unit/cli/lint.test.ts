/** `roundup lint` run in-process: `main()` with an Io that records its lines, over temporary folders. */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';
import { NOW, sharedPath } from '../helpers';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function run(cwd: string, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { cwd, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
  const code = await main(argv, io);
  return { code, out, err };
}

const GOOD = '---\ntitle: T\nauthor: a\ndate: 2016-05-17 17:18:56 UTC\n---\nBody\n';

describe('roundup lint (in-process)', () => {
  let dir: string;
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-cli-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('clean posts: no problem lines, the summary, exit 0', async () => {
    write('a.md', GOOD);
    write('b.md', GOOD);
    const r = await run(dir, 'lint', 'a.md', 'b.md');
    assert.deepEqual(r, { code: 0, out: ['2 files linted: 0 errors, 0 warnings, 0 infos'], err: [] });
  });

  it('front matter after blank lines: read on a Hugo blog (its hugo.toml says so), a warning naming Jekyll on a Jekyll blog', async () => {
    write('content/posts/2016-05-17-late.md', '\n\n' + GOOD);
    const unknown = await run(dir, 'lint');
    assert.deepEqual(unknown.out, [
      'content/posts/2016-05-17-late.md:3:1 warning fm-not-at-start Front matter must start on the first line: site generators ignore it after blank lines',
      '1 file linted: 0 errors, 1 warning, 0 infos',
    ]);
    write('hugo.toml', 'baseURL = "https://example.org/"\ntitle = "A Hugo blog"\n');
    assert.deepEqual((await run(dir, 'lint')).out, ['1 file linted: 0 errors, 0 warnings, 0 infos']);
    rmSync(path.join(dir, 'hugo.toml'));
    write('_config.yml', 'title: A Jekyll blog\n');
    assert.deepEqual((await run(dir, 'lint')).out, [
      'content/posts/2016-05-17-late.md:3:1 warning fm-not-at-start Front matter must start on the first line: Jekyll ignores it after blank lines',
      '1 file linted: 0 errors, 1 warning, 0 infos',
    ]);
  });

  it('post-featured-before: an entry a roundup among the posts linted featured earlier, on the later post only', async () => {
    const block = (title: string, link: string) => `**${title}** by Ann Author\n\n> Said.\n\n... read more at [${link}](${link})\n`;
    const roundup = (date: string, ...blocks: string[]) =>
      `---\ntitle: Roundup ${date}\nauthor: a\ndate: ${date} 10:00:00 UTC\n---\n\n${blocks.join('\n')}`;
    write('posts/2016-05-01-first.md', roundup('2016-05-01', block('Zuul', 'https://a.example/zuul'), block('Nova', 'https://a.example/nova')));
    write('posts/2016-05-08-second.md', roundup('2016-05-08', block('Zuul again', 'https://a.example/zuul?utm_source=feed'), block('Neutron', 'https://a.example/neutron')));
    const r = await run(dir, 'lint');
    assert.deepEqual(r.out, [
      'posts/2016-05-08-second.md:11:59 info post-featured-before Featured before in Roundup 2016-05-01, 2016-05-01 (posts/2016-05-01-first.md)',
      '2 files linted: 0 errors, 0 warnings, 1 info',
    ]);
    assert.equal(r.code, 0);
  });

  it('post-featured-before on the model blog: the eight entries its roundups featured twice, each on the later post', async () => {
    const r = await run(sharedPath('corpus', 'rdo-blog'), 'lint');
    const featured = r.out.filter((l) => l.includes(' post-featured-before '));
    assert.equal(featured.length, 8, featured.join('\n'));
    assert.ok(featured.includes('2015-07-13-rdo-blog-roundup.html.md:15:18 info post-featured-before Featured before in Blog roundup, week of July 6, 2015, 2015-07-06 (2015-07-06-blog-roundup.html.md)'),
      featured.join('\n'));
    assert.equal(r.out.at(-1), '143 files linted: 2 errors, 1 warning, 10 infos');
  });

  it('one line per problem, `path:line:col severity rule-id message`, sorted by file then position; exit 1', async () => {
    write('posts/b.md', '---\ntitle: T\nauthor: a\ndate: 2016-02-30\npublished: yes\n---\n');
    write('posts/a.md', '---\ntitle: T\ncategory: x\ntags:\n---\n');
    const r = await run(dir, 'lint', 'posts/b.md', 'posts/a.md');
    assert.deepEqual(r.out, [
      'posts/a.md:1:1 error fm-required Required field "author" is missing',
      'posts/a.md:1:1 error fm-required Required field "date" is missing',
      'posts/a.md:3:1 info fm-unknown-key Unknown key "category"',
      'posts/a.md:4:1 warning fm-empty "tags" has no value',
      'posts/b.md:4:7 error fm-date "2016-02-30" is not a real date: February 2016 has 29 days',
      'posts/b.md:5:12 warning fm-type "published" should be true or false, not the text yes',
      '2 files linted: 3 errors, 2 warnings, 1 info',
    ]);
    assert.deepEqual(r.err, []);
    assert.equal(r.code, 1);
  });

  it('warnings and infos alone exit 0', async () => {
    write('a.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\ncomments: yes\nlayout: post\n---\n');
    const r = await run(dir, 'lint', 'a.md');
    assert.deepEqual(r.out, [
      'a.md:5:11 warning fm-type "comments" should be true or false, not the text yes',
      'a.md:6:1 info fm-unknown-key Unknown key "layout"',
      '1 file linted: 0 errors, 1 warning, 1 info',
    ]);
    assert.equal(r.code, 0);
  });

  it('CRLF posts: the same line and column as LF', async () => {
    write('crlf.md', '---\r\ntitle: T\r\nauthor: a\r\ndate: 2016-05-17\r\npublished: on\r\n---\r\n');
    const r = await run(dir, 'lint', 'crlf.md');
    assert.deepEqual(r.out.slice(0, -1), ['crlf.md:5:12 warning fm-type "published" should be true or false, not the text on']);
  });

  it('--format json: parses, with file, 1-based positions, severity, rule, message, fixes and the summary', async () => {
    write('a.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\n');
    const r = await run(dir, 'lint', '--format', 'json', 'a.md', 'missing.md');
    assert.equal(r.code, 2);
    assert.equal(r.out.length, 1);
    const json = JSON.parse(r.out[0]);
    assert.deepEqual(json, {
      problems: [
        {
          file: 'a.md',
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 15,
          severity: 'warning',
          rule: 'fm-type',
          message: '"published" should be true or false, not the text yes',
          fixes: [{ title: 'Change to true', preferred: true, edits: [{ start: 51, end: 54, newText: 'true' }] }],
        },
      ],
      unreadable: [{ file: 'missing.md', reason: 'no such file or folder' }],
      summary: { files: 1, errors: 0, warnings: 1, infos: 0, unreadable: 1 },
    });
    assert.deepEqual(r.err, []);
  });

  it('--format=json works as one argument too', async () => {
    write('a.md', GOOD);
    const r = await run(dir, 'lint', '--format=json', 'a.md');
    assert.deepEqual(JSON.parse(r.out[0]).summary, { files: 1, errors: 0, warnings: 0, infos: 0, unreadable: 0 });
    assert.equal(r.code, 0);
  });

  it('a missing file is reported clearly and the other files are still linted: exit 2', async () => {
    write('bad.md', '---\ntitle: T\n');
    write('good.md', GOOD);
    const r = await run(dir, 'lint', 'bad.md', 'nope.md', 'good.md');
    assert.deepEqual(r.out, ['bad.md:1:1 error fm-unclosed Front matter is never closed: add a line "---" after its last field', '2 files linted: 1 error, 0 warnings, 0 infos, 1 unreadable']);
    assert.deepEqual(r.err, ['nope.md: cannot read: no such file or folder']);
    assert.equal(r.code, 2);
  });

  it('a folder: every markdown file under it, recursively, and nothing else', async () => {
    write('blog/2016/a.md', GOOD);
    write('blog/2016/deep/b.markdown', '---\ntitle: T\n');
    write('blog/notes.txt', '---\ntitle: T\n');
    write('blog/node_modules/c.md', '---\ntitle: T\n');
    const r = await run(dir, 'lint', 'blog');
    assert.deepEqual(r.out, ['blog/2016/deep/b.markdown:1:1 error fm-unclosed Front matter is never closed: add a line "---" after its last field', '2 files linted: 1 error, 0 warnings, 0 infos']);
    assert.equal(r.code, 1);
  });

  it('no argument: the current folder', async () => {
    write('x/a.md', GOOD);
    write('b.md', GOOD);
    const r = await run(dir, 'lint');
    assert.deepEqual(r.out, ['2 files linted: 0 errors, 0 warnings, 0 infos']);
  });

  it('a glob: posts/**/*.md matches at any depth (including directly under posts/)', async () => {
    write('posts/a.md', GOOD);
    write('posts/2016/05/b.md', '---\ntitle: T\nauthor: a\ndate: yesterday\n---\n');
    write('posts/2016/c.txt', '---\n');
    write('other/d.md', '---\n');
    const r = await run(dir, 'lint', 'posts/**/*.md');
    assert.deepEqual(r.out, [
      'posts/2016/05/b.md:4:7 error fm-date "yesterday" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC',
      '2 files linted: 1 error, 0 warnings, 0 infos',
    ]);
  });

  it('a glob that matches nothing is reported: exit 2', async () => {
    const r = await run(dir, 'lint', 'drafts/*.md');
    assert.deepEqual(r.err, ['drafts/*.md: cannot read: no file matches']);
    assert.equal(r.code, 2);
  });

  it('a binary file is skipped with a note, the others linted', async () => {
    write('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x2d, 0x2d, 0x2d, 0x0a]));
    write('good.md', GOOD);
    const r = await run(dir, 'lint', '.');
    assert.deepEqual(r.out, ['1 file linted: 0 errors, 0 warnings, 0 infos']);
    assert.deepEqual(r.err, ['image.md: skipped, not a text file']);
    assert.equal(r.code, 0);
  });

  it('--config: a settings.json with comments and trailing commas turns a rule off and changes a severity', async () => {
    write('a.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\nlayout: post\n---\n');
    write('.vscode/settings.json', [
      '{',
      '  // VS Code settings allow comments',
      '  "roundup.lint.rules": {',
      '    "fm-unknown-key": "off", /* no layout complaints */',
      '    "fm-type": "error",',
      '  },',
      '  "editor.tabSize": 2,',
      '}',
    ].join('\n'));
    const r = await run(dir, 'lint', '--config', '.vscode/settings.json', 'a.md');
    assert.deepEqual(r.out, ['a.md:5:12 error fm-type "published" should be true or false, not the text yes', '1 file linted: 1 error, 0 warnings, 0 infos']);
    assert.deepEqual(r.err, []);
    assert.equal(r.code, 1);
  });

  it('--config with the deprecated roundup.frontMatter.rules: read, with a warning on stderr', async () => {
    write('a.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\n');
    write('s.json', '{ "roundup.frontMatter.rules": { "fm-type": "off" } }');
    const r = await run(dir, 'lint', '--config', 's.json', 'a.md');
    assert.deepEqual(r.out, ['1 file linted: 0 errors, 0 warnings, 0 infos']);
    assert.deepEqual(r.err, ['warning: Setting roundup.frontMatter.rules is deprecated: rename it to roundup.lint.rules']);
    assert.equal(r.code, 0);
  });

  it('--config with a bad value: a warning on stderr, the default used', async () => {
    write('a.md', GOOD);
    write('s.json', '{ "roundup.frontMatter.required": "title" }');
    const r = await run(dir, 'lint', '--config', 's.json', 'a.md');
    assert.deepEqual(r.err, ['warning: Setting roundup.frontMatter.required should be a list of keys; using the default']);
    assert.equal(r.code, 0);
  });

  it('--config that cannot be read or is not JSON: a usage error, exit 2', async () => {
    write('a.md', GOOD);
    write('broken.json', '{ "roundup.author": ');
    const missing = await run(dir, 'lint', '--config', 'none.json', 'a.md');
    assert.equal(missing.code, 2);
    assert.equal(missing.err[0], 'roundup: Cannot read the settings file none.json');
    const broken = await run(dir, 'lint', '--config', 'broken.json', 'a.md');
    assert.equal(broken.code, 2);
    assert.match(broken.err[0], /^roundup: The settings file broken.json is not valid JSON/);
    assert.deepEqual([...missing.out, ...broken.out], []);
  });

  it('usage errors exit 2 with a message on stderr: unknown option, unknown command, bad --format, missing value, no command', async () => {
    const cases: [string[], string][] = [
      [['lint', '--fixes'], 'roundup: Unknown option --fixes'],
      [['lint', '--fix=yes'], 'roundup: --fix takes no value'],
      [['lint', '-x', 'a.md'], 'roundup: Unknown option -x'],
      [['draft', '-q'], 'roundup: Unknown option -q'],
      [['frob'], 'roundup: Unknown command "frob"'],
      [['lint', '--format', 'xml'], 'roundup: --format must be text, json or github, not xml'],
      [['lint', '--format'], 'roundup: --format needs a value'],
      [['lint', '--config=', 'a.md'], 'roundup: --config needs a value'],
      [['links', '--help=yes'], 'roundup: --help takes no value'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.deepEqual(r.err, [message, 'Run "roundup --help" for usage.']);
      assert.deepEqual(r.out, []);
    }
    const none = await run(dir);
    assert.equal(none.code, 2);
    assert.deepEqual(none.out, []);
    assert.match(none.err.join('\n'), /^Usage: roundup <command>/);
  });

  it('`--name=value`, and `--` before a file whose name starts with a dash', async () => {
    write('-odd.md', '---\ntitle: T\n');
    const r = await run(dir, 'lint', '--format=github', '--', '-odd.md');
    assert.match(r.out[0], /^::error file=-odd\.md,line=1,col=1,/);
    assert.equal(r.code, 1);
  });

  it('--help and --version exit 0 on stdout', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['lint', '--help'], ['lint', '-h'], ['draft', '-h']]) {
      const r = await run(dir, ...argv);
      assert.equal(r.code, 0);
      assert.match(r.out.join('\n'), /Usage: roundup <command>[\s\S]*lint \[files, folders or globs\.\.\.\]/);
    }
    const v = await run(dir, '--version');
    assert.equal(v.code, 0);
    assert.equal(v.out.length, 1);
  });

  it('a file outside the current folder is shown by its full path', async () => {
    write('elsewhere/a.md', '---\ntitle: T\n');
    mkdirSync(path.join(dir, 'here'));
    const r = await run(path.join(dir, 'here'), 'lint', path.join(dir, 'elsewhere', 'a.md'));
    assert.equal(r.out[0], `${path.join(dir, 'elsewhere', 'a.md')}:1:1 error fm-unclosed Front matter is never closed: add a line "---" after its last field`);
  });

  it('a missing date is written in the style of the post\'s siblings', async () => {
    write('blog/a.md', '---\ntitle: A\nauthor: a\ndate: 2016-05-17 17:18\n---\n');
    write('blog/b.md', '---\ntitle: B\nauthor: a\ndate: 2016-05-18 09:00\n---\n');
    write('blog/c.md', '---\ntitle: C\nauthor: a\n---\n');
    const r = await run(dir, 'lint', '--format', 'json', 'blog');
    const [p] = JSON.parse(r.out[0]).problems;
    assert.deepEqual(p.fixes[0].edits, [{ start: 23, end: 23, newText: 'date: 2020-01-02 03:04\n' }]);
  });

  it('--fix on one post writes its missing date in the style of the other posts of its folder, as the editor does', async () => {
    write('blog/a.md', '---\ntitle: A\nauthor: a\ndate: 2016-05-17 17:18\n---\n');
    write('blog/b.md', '---\ntitle: B\nauthor: a\ndate: 2016-05-18 09:00\n---\n');
    write('blog/c.md', '---\ntitle: C\nauthor: a\n---\n');
    const r = await run(dir, 'lint', '--fix', 'blog/c.md');
    assert.deepEqual(r.out, ['blog/c.md: fixed 1 problem (fm-required)', '1 file linted: 0 errors, 0 warnings, 0 infos']);
    assert.equal(readFileSync(path.join(dir, 'blog', 'c.md'), 'utf8'), '---\ntitle: C\nauthor: a\ndate: 2020-01-02 03:04\n---\n');
  });
  describe('posts and pages', () => {
    // A Middleman-like blog: dated posts in source/blog, documentation pages beside them.
    const PAGE = '---\ntitle: Install\nauthors:\n  - rbowen\n---\n\n# Install\n';
    beforeEach(() => {
      for (const day of ['2016-05-01', '2016-05-08', '2016-05-15']) write(`source/blog/${day}-post.html.md`, GOOD);
      write('source/documentation/install.html.md', PAGE);
      write('source/documentation/broken.html.md', '---\ntitle: "Install\nauthors: rbowen\n---\n');
      write('source/blog/2016-05-22-bad.html.md', PAGE);
    });

    it('with no argument, pages get only the syntax rules; posts every rule', async () => {
      const r = await run(dir, 'lint');
      const lines = r.out.map((line) => line.replace(/ [A-Z].*$/, ''));
      assert.deepEqual(lines, [
        'source/blog/2016-05-22-bad.html.md:1:1 error fm-required',
        'source/blog/2016-05-22-bad.html.md:1:1 error fm-required',
        'source/blog/2016-05-22-bad.html.md:3:1 info fm-unknown-key',
        'source/documentation/broken.html.md:2:8 error fm-yaml-syntax',
        '6 files linted: 3 errors, 0 warnings, 1 info',
      ]);
    });

    it('--fix leaves a page as it is', async () => {
      await run(dir, 'lint', '--fix', 'source');
      assert.equal(readFileSync(path.join(dir, 'source/documentation/install.html.md'), 'utf8'), PAGE);
    });

    it('a file named on the command line is a post', async () => {
      const r = await run(dir, 'lint', 'source/documentation/install.html.md');
      assert.equal(r.out.at(-1), '1 file linted: 2 errors, 0 warnings, 1 info');
    });

    it('roundup.posts in --config decides which files are posts', async () => {
      write('settings.json', JSON.stringify({ 'roundup.posts': ['source/documentation/*.md'] }));
      const r = await run(dir, 'lint', '--config', 'settings.json', 'source');
      assert.deepEqual(r.out.map((line) => line.split(' ')[0]).slice(0, -1).sort(), [
        'source/documentation/broken.html.md:2:8',
        'source/documentation/install.html.md:1:1',
        'source/documentation/install.html.md:1:1',
        'source/documentation/install.html.md:3:1',
      ]);
    });

    it('roundup.postsFolder in --config names the posts folder', async () => {
      write('settings.json', JSON.stringify({ 'roundup.postsFolder': 'source/documentation' }));
      const r = await run(dir, 'lint', '--config', 'settings.json');
      assert.equal(r.out.at(-1), '6 files linted: 5 errors, 0 warnings, 2 infos');
    });
  });

  describe('a Hugo blog with TOML and JSON front matter', () => {
    const SETTINGS = {
      'roundup.frontMatter.required': ['title', 'date'],
      'roundup.frontMatter.fields': { title: 'string', date: 'date', draft: 'boolean', tags: 'tags', params: 'any' },
    };
    beforeEach(() => {
      write('settings.json', JSON.stringify(SETTINGS));
      write('content/posts/_index.md', "+++\ntitle = 'Posts'\nweight = 1\n+++\n");
      write('content/posts/first.md', "+++\ntitle = 'First'\ndate = 2016-05-17T17:18:56Z\ndraft = false\n+++\nBody\n");
      write('content/posts/second.md', '{\n  "title": "Second",\n  "date": "2016-05-18T09:00:00Z"\n}\nBody\n');
      write('content/posts/third.md', "+++\ntitle = 'Third'\ndraft = false\n\n[params]\nx = 1\n+++\nBody\n");
      write('content/posts/fourth.md', '{\n  "title": "Fourth"\n  "date": "2016-05-19T09:00:00Z"\n}\nBody\n');
    });

    it('lints each format; the section page gets the syntax rules only', async () => {
      const r = await run(dir, 'lint', '--config', 'settings.json');
      assert.deepEqual(r.out.map((line) => line.replace(/ [A-Z].*$/, '')), [
        'content/posts/fourth.md:2:19 error fm-json-syntax',
        'content/posts/third.md:1:1 error fm-required',
        '5 files linted: 2 errors, 0 warnings, 0 infos',
      ]);
    });

    it('--fix writes the missing date in TOML, before the table, like the other posts', async () => {
      await run(dir, 'lint', '--config', 'settings.json', '--fix');
      assert.match(
        readFileSync(path.join(dir, 'content/posts/third.md'), 'utf8'),
        /^\+\+\+\ntitle = 'Third'\ndraft = false\ndate = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n\n\[params\]\n/,
      );
      assert.match(readFileSync(path.join(dir, 'content/posts/fourth.md'), 'utf8'), /"title": "Fourth",\n/);
    });
  });
});
