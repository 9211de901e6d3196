import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expandPaths, globToRegExp, isGlob, looksBinary } from '../../../src/core/files';
import { exitCode, summaryLine } from '../../../src/core/report';

describe('files and globs', () => {
  it('isGlob', () => {
    assert.deepEqual(['*.md', 'a/**/b.md', 'post?.md', '[ab].md', 'posts/a.md', 'posts'].map(isGlob), [true, true, true, true, false, false]);
  });

  it('globToRegExp: *, **, ?, [...] and [!...], dots literal', () => {
    const m = (glob: string, p: string) => globToRegExp(glob).test(p);
    assert.ok(m('*.md', 'a.md'));
    assert.ok(!m('*.md', 'x/a.md'));
    assert.ok(!m('*.md', 'a.mdx'));
    assert.ok(!m('*.md', 'amd'));
    assert.ok(m('**/*.md', 'a.md'));
    assert.ok(m('**/*.md', 'x/y/a.md'));
    assert.ok(m('2016-??-*.md', '2016-05-a.md'));
    assert.ok(!m('2016-??-*.md', '2016-5-a.md'));
    assert.ok(m('[ab]*.md', 'b1.md'));
    assert.ok(!m('[!ab]*.md', 'b1.md'));
    assert.ok(m('a+b(1).md', 'a+b(1).md'));
  });

  it('looksBinary: a NUL byte in the first 8 KB', () => {
    assert.equal(looksBinary(Buffer.from('---\ntitle: T\n---\n')), false);
    assert.equal(looksBinary(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00])), true);
    assert.equal(looksBinary(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])])), false);
  });

  describe('expandPaths', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'roundup-files-'));
      for (const f of ['a.md', 'b.markdown', 'c.txt', 'sub/d.md', 'node_modules/e.md', '.git/f.md']) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), '');
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const rel = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

    it('a folder: markdown files only, not under node_modules or .git; sorted, without duplicates', async () => {
      const { files, missing } = await expandPaths(['.', 'a.md', 'sub'], dir);
      assert.deepEqual(rel(files), ['a.md', 'b.markdown', 'sub/d.md']);
      assert.deepEqual(missing, []);
    });

    it('a file named directly is taken whatever its extension; a missing one is reported', async () => {
      const { files, missing } = await expandPaths(['c.txt', 'nope.md'], dir);
      assert.deepEqual(rel(files), ['c.txt']);
      assert.deepEqual(missing, ['nope.md']);
    });

    it('globs are matched below their fixed part', async () => {
      assert.deepEqual(rel((await expandPaths(['**/*.md'], dir)).files), ['a.md', 'sub/d.md']);
      assert.deepEqual(rel((await expandPaths(['sub/*.md'], dir)).files), ['sub/d.md']);
      assert.deepEqual((await expandPaths(['none/*.md'], dir)).missing, ['none/*.md']);
    });
  });
});

describe('report', () => {
  it('summary line: plurals and the unreadable count', () => {
    assert.equal(summaryLine({ files: 1, errors: 1, warnings: 1, infos: 1, unreadable: 0 }), '1 file linted: 1 error, 1 warning, 1 info');
    assert.equal(summaryLine({ files: 0, errors: 2, warnings: 0, infos: 3, unreadable: 2 }), '0 files linted: 2 errors, 0 warnings, 3 infos, 2 unreadable');
  });

  it('exit code: 2 for unreadable files before 1 for errors', () => {
    assert.equal(exitCode({ files: 3, errors: 0, warnings: 5, infos: 5, unreadable: 0 }), 0);
    assert.equal(exitCode({ files: 3, errors: 1, warnings: 0, infos: 0, unreadable: 0 }), 1);
    assert.equal(exitCode({ files: 3, errors: 1, warnings: 0, infos: 0, unreadable: 1 }), 2);
  });
});
