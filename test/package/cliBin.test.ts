/**
 * The built CLI as users run it: `node dist/cli.js`, the file itself as an executable, and
 * `npx --prefix <project> roundup` from another folder. Needs `npm run build` first (as the unit tests do).
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../harness/util';

const BROKEN = '---\ntitle: Day 1: keynotes\nauthor: a\ndate: 2016-05-17\n---\n';
const EXPECTED = [
  'broken.md:2:8 error fm-yaml-syntax A value that contains ": " must be quoted, e.g. title: "Day 1: the keynotes"',
  'good.md:5:12 warning fm-type "published" should be true or false, not the text yes',
  '2 files linted: 1 error, 1 warning, 0 infos',
  '',
].join('\n');

describe('the built roundup command', function () {
  this.timeout(120_000);
  const root = projectRoot();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const bin = path.join(root, pkg.bin?.roundup ?? 'missing-bin-entry');
  let dir: string;

  before(() => {
    assert.equal(pkg.bin?.roundup, 'dist/cli.js', 'package.json bin.roundup');
    assert.ok(existsSync(bin), `${pkg.bin?.roundup} is missing: run "npm run build" first`);
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-bin-'));
    writeFileSync(path.join(dir, 'broken.md'), BROKEN);
    writeFileSync(path.join(dir, 'good.md'), '---\ntitle: T\nauthor: a\ndate: 2016-05-17\npublished: yes\n---\n');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const spawn = (command: string, args: string[]): SpawnSyncReturns<string> => {
    const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 100_000 });
    if (r.error) throw r.error;
    return r;
  };

  it('node dist/cli.js lint: the problems, the summary, exit 1', () => {
    const r = spawn(process.execPath, [bin, 'lint', 'broken.md', 'good.md']);
    assert.equal(r.stdout, EXPECTED);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  });

  it('exit 0 on clean posts, 2 on a missing file and on a usage error', () => {
    writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: T\nauthor: a\ndate: 2016-05-17\n---\n');
    assert.equal(spawn(process.execPath, [bin, 'lint', 'broken.md']).status, 0);
    const missing = spawn(process.execPath, [bin, 'lint', 'nope.md', 'broken.md']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'nope.md: cannot read: no such file or folder\n');
    const usage = spawn(process.execPath, [bin, 'lint', '--nope']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^roundup: Unknown option --nope/);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const r = spawn(process.execPath, [bin, '--version']);
    assert.equal(r.stdout, `${version}\n`);
    assert.equal(r.status, 0);
  });

  it('dist/cli.js is an executable with a `#!/usr/bin/env node` line, and runs as one', () => {
    assert.equal(readFileSync(bin, 'utf8').split('\n')[0], '#!/usr/bin/env node');
    if (process.platform !== 'win32') {
      assert.equal(statSync(bin).mode & 0o111, 0o111, 'executable bits of dist/cli.js');
      const r = spawn(bin, ['lint', 'broken.md', 'good.md']);
      assert.equal(r.stdout, EXPECTED);
      assert.equal(r.status, 1);
    }
  });

  it('npx --prefix <project> roundup lint, from another folder', () => {
    // --no: never fetch a package from the registry; only the project's own bin may answer.
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const r = spawn(npx, ['--no', '--prefix', root, 'roundup', 'lint', 'broken.md', 'good.md']);
    assert.equal(r.stdout, EXPECTED, r.stderr);
    assert.equal(r.status, 1);
  });

  it('npx roundup, in the project folder', () => {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const r = spawnSync(npx, ['--no', 'roundup', 'lint', path.join(dir, 'broken.md')], { cwd: root, encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /broken\.md:2:8 error fm-yaml-syntax /);
  });
});
