/**
 * `roundup lint` for CI: `--format github` (workflow commands), `--fix` (the preferred fixes written
 * back), a reader that goes away (`| head`), and what a lint process loads (the built bundle).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';
import { escapeGithubData, escapeGithubProperty, formatGithub } from '../../../src/core/report';
import { modelPost, NOW, projectRoot } from '../helpers';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { cwd, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('roundup lint for CI', () => {
  let dir: string;
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  };
  const read = (rel: string) => readFileSync(path.join(dir, rel));

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-ci-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('--format github', () => {
    it('escapes data (%, CR, LF) and properties (also : and ,) the way GitHub reads them', () => {
      assert.equal(escapeGithubData('100% a\r\nb: c, d'), '100%25 a%0D%0Ab: c, d');
      assert.equal(escapeGithubProperty('posts/a:b,c%.md'), 'posts/a%3Ab%2Cc%25.md');
    });

    it('one workflow command per problem: severity as error, warning or notice; 1-based start and end; title = rule', async () => {
      write('posts/a.md', '---\ntitle: Day 1: keynotes\nauthor: a\ndate: 2016-05-17\n---\n');
      write('posts/b.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\nlayout: post\n---\n');
      const r = await run(dir, 'lint', '--format', 'github', 'posts');
      assert.deepEqual(r.out, [
        '::error file=posts/a.md,line=2,col=8,endLine=2,endColumn=23,title=fm-yaml-syntax::A value that contains ": " must be quoted, e.g. title: "Day 1: the keynotes"',
        '::warning file=posts/b.md,line=5,col=12,endLine=5,endColumn=15,title=fm-type::"published" should be true or false, not the text yes',
        '::notice file=posts/b.md,line=6,col=1,endLine=6,endColumn=7,title=fm-unknown-key::Unknown key "layout"',
        '2 files linted: 1 error, 1 warning, 1 info',
      ]);
      assert.deepEqual(r.err, []);
      assert.equal(r.code, 1);
    });

    it('a file name with a comma or colon and a message with a line break stay one well-formed command', () => {
      const lines = formatGithub([
        { file: 'a,b:c.md', text: '---\nx: 1\n---\n', problems: [{ rule: 'fm-x', severity: 'error', message: 'one\ntwo 50%', start: 4, end: 5, fixes: [] }] },
      ]);
      assert.deepEqual(lines, ['::error file=a%2Cb%3Ac.md,line=2,col=1,endLine=2,endColumn=2,title=fm-x::one%0Atwo 50%25']);
    });

    it('--format json stays, and text stays the default', async () => {
      write('a.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\n');
      const text = await run(dir, 'lint', 'a.md');
      assert.deepEqual(text.out, ['a.md:5:12 warning fm-type "published" should be true or false, not the text yes', '1 file linted: 0 errors, 1 warning, 0 infos']);
      const json = await run(dir, 'lint', '--format=json', 'a.md');
      assert.equal(JSON.parse(json.out[0]).problems[0].rule, 'fm-type');
    });
  });

  describe('--fix', () => {
    it('writes the preferred fixes, prints what changed, lints the result: exit by what remains', async () => {
      // fm-yaml-syntax: quote the value; fm-type: yes becomes true.
      write('a.md', '---\ntitle: Day 1: keynotes\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\nBody\n');
      const r = await run(dir, 'lint', '--fix', 'a.md');
      assert.equal(read('a.md').toString(), '---\ntitle: "Day 1: keynotes"\nauthor: a\ndate: 2016-05-17\npublished: true\n---\nBody\n');
      assert.deepEqual(r.out, ['a.md: fixed 2 problems (fm-yaml-syntax, fm-type)', '1 file linted: 0 errors, 0 warnings, 0 infos']);
      assert.deepEqual(r.err, []);
      assert.equal(r.code, 0);
    });

    it('never touches a file without problems, nor one whose problems have no preferred fix (same bytes, same mtime)', async () => {
      const clean = '---\ntitle: T\nauthor: a\ndate: 2016-05-17\n---\n';
      const unfixable = '---\ntitle: T\nauthor: a\ndate: 2016-02-30\n---\n';
      write('clean.md', clean);
      write('unfixable.md', unfixable);
      const old = new Date(Date.UTC(2001, 0, 1));
      for (const f of ['clean.md', 'unfixable.md']) utimesSync(path.join(dir, f), old, old);
      const r = await run(dir, 'lint', '--fix', '.');
      assert.equal(read('clean.md').toString(), clean);
      assert.equal(read('unfixable.md').toString(), unfixable);
      for (const f of ['clean.md', 'unfixable.md']) assert.equal(statSync(path.join(dir, f)).mtime.getTime(), old.getTime(), f);
      assert.deepEqual(r.out, ['unfixable.md:4:7 error fm-date "2016-02-30" is not a real date: February 2016 has 29 days', '2 files linted: 1 error, 0 warnings, 0 infos']);
      assert.equal(r.code, 1);
    });

    it('keeps CRLF line endings', async () => {
      write('crlf.md', '---\r\ntitle: Day 1: keynotes\r\nauthor: a\r\ndate: 2016-05-17\r\ncomments: no\r\n---\r\nBody\r\n');
      const r = await run(dir, 'lint', '--fix', 'crlf.md');
      assert.equal(read('crlf.md').toString('utf8'), '---\r\ntitle: "Day 1: keynotes"\r\nauthor: a\r\ndate: 2016-05-17\r\ncomments: false\r\n---\r\nBody\r\n');
      assert.deepEqual(r.out, ['crlf.md: fixed 2 problems (fm-yaml-syntax, fm-type)', '1 file linted: 0 errors, 0 warnings, 0 infos']);
      assert.equal(r.code, 0);
    });

    it('keeps a byte order mark: the fix that removes it is left for a person (the warning stays)', async () => {
      const bytes = Buffer.from('\uFEFF---\ntitle: T\nauthor: a\ndate: 2016-05-17\n---\nBody\n', 'utf8');
      write('bom.md', bytes);
      const r = await run(dir, 'lint', '--fix', 'bom.md');
      assert.ok(read('bom.md').equals(bytes), 'the file is unchanged, BOM included');
      assert.equal(r.out.length, 2, r.out.join('\n'));
      assert.match(r.out[0], /^bom\.md:1:2 warning fm-not-at-start /);
      assert.equal(r.code, 0);
    });

    it('adds missing fields with the file\'s own line ending (one pass after another until nothing is left to fix)', async () => {
      write('2016-05-17-the-post.md', '---\r\nauthor: a\r\ndate: 2016-05-17\r\n---\r\n');
      const r = await run(dir, 'lint', '--fix', '2016-05-17-the-post.md');
      assert.equal(read('2016-05-17-the-post.md').toString(), '---\r\nauthor: a\r\ndate: 2016-05-17\r\ntitle: The post\r\n---\r\n');
      assert.equal(r.code, 0, r.out.join('\n'));
    });

    it('with --format json the report of fixes goes to stderr and stdout stays one JSON document', async () => {
      write('a.md', '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\n');
      const r = await run(dir, 'lint', '--fix', '--format', 'json', 'a.md');
      assert.deepEqual(JSON.parse(r.out.join('\n')).problems, []);
      assert.deepEqual(r.err, ['a.md: fixed 1 problem (fm-type)']);
    });

    it('leaves a file that is not valid UTF-8 alone (no byte lost)', async () => {
      const bytes = Buffer.concat([Buffer.from('---\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\n')]);
      write('latin1.md', bytes);
      const r = await run(dir, 'lint', '--fix', 'latin1.md');
      assert.ok(read('latin1.md').equals(bytes));
      assert.equal(r.out[0], 'latin1.md: not fixed: the file is not valid UTF-8');
    });
  });

  describe('the built command', function () {
    this.timeout(120_000);
    const root = projectRoot();
    const bin = path.join(root, 'dist', 'cli.js');

    it('`roundup lint ... | head -n 1` ends quietly: the first line, no stack trace, nothing on stderr', () => {
      // Enough output to fill the pipe long after head has gone.
      for (let i = 0; i < 400; i++) write(`p${i}.md`, '---\ntitle: T\nauthor: a\ndate: 2016-02-30\npublished: yes\ncomments: no\nlayout: x\n---\n');
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" lint . | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 100_000 });
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^p0\.md:4:7 error fm-date /);
      assert.equal(r.stdout.split('\n').filter((l) => l.includes(' error ') || l.includes(' warning ')).length, 1);
    });

    it('a lint process loads one file of Roundup (not the draft bundle) and no second YAML parser', () => {
      write('post.md', modelPost());
      const hook = path.join(dir, 'hook.js');
      writeFileSync(
        hook,
        [
          "const Module = require('module');",
          'const asked = [];',
          'const original = Module.prototype.require;',
          'Module.prototype.require = function (id) { asked.push(id); return original.apply(this, arguments); };',
          "process.on('exit', () => require('fs').writeFileSync(process.env.ROUNDUP_MODULES_OUT, JSON.stringify({ asked, cache: Object.keys(require.cache) })));",
        ].join('\n'),
      );
      const out = path.join(dir, 'modules.json');
      const r = spawnSync(process.execPath, ['--require', hook, bin, 'lint', 'post.md'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ROUNDUP_MODULES_OUT: out } });
      assert.equal(r.status, 0, r.stderr);
      const { asked, cache } = JSON.parse(readFileSync(out, 'utf8')) as { asked: string[]; cache: string[] };
      assert.deepEqual(cache.filter((f) => f !== hook), [bin], 'the only module file loaded is dist/cli.js');
      const builtins = new Set(builtinModules);
      assert.deepEqual(asked.filter((id) => !builtins.has(id.replace(/^node:/, ''))), [], 'only Node built-ins are required');
      // Nor the network: the link checker and the feed code (with http, tls, zlib, crypto) are other files.
      const network = new Set(['http', 'https', 'net', 'tls', 'zlib', 'crypto', 'stream', 'fs/promises']);
      assert.deepEqual(asked.filter((id) => network.has(id.replace(/^node:/, ''))), [], 'a lint loads none of the network code');

      // The bundle itself holds neither js-yaml (nor the esprima it asks for) nor the feed code; the draft bundle does hold the feed parser.
      const cli = readFileSync(bin, 'utf8');
      for (const marker of ['YAMLException', 'esprima', 'xml2js', 'rss-parser']) assert.ok(!cli.includes(marker), `dist/cli.js contains ${marker}`);
      assert.ok(readFileSync(path.join(root, 'dist', 'cli-draft.js'), 'utf8').includes('xml2js'));
    });

    it('roundup links runs from the built bundle (it requires dist/cli-links.js on demand), which holds the link checker', () => {
      write('nolinks.md', '---\ntitle: T\n---\n\nNo links here.\n');
      const r = spawnSync(process.execPath, [bin, 'links', 'nolinks.md'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '0 links checked in 1 file: 0 dead, 0 redirected\n');
      assert.ok(!readFileSync(bin, 'utf8').includes('Redirected to'), 'dist/cli.js holds no link check');
      assert.ok(readFileSync(path.join(root, 'dist', 'cli-links.js'), 'utf8').includes('Redirected to'));
    });

    it('roundup draft still runs from the built bundle (it requires dist/cli-draft.js on demand)', () => {
      const feed = path.join(root, 'test', 'fixtures', 'workspace', 'feeds', 'insert-entries.xml');
      const r = spawnSync(process.execPath, [bin, 'draft', feed], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\*\*.+\*\*/);
      assert.match(r.stdout, /\.\.\. read more at \[https:\/\/rdo\.example\/packstack\]\(https:\/\/rdo\.example\/packstack\)/);
    });
  });
});
