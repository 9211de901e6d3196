/**
 * The CLI as a blog installs it: the npm package roundup-posts that the build writes into
 * dist/roundup-posts, packed with `npm pack` and installed into a fresh blog folder with
 * `npm install --save-dev` (offline: it has no dependencies); and a git install of the project,
 * whose `prepare` builds what the bin needs. Needs `npm run build` first (as the unit tests do).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../harness/util';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** npm without what an outer `npm test` / `npm run` exports for its own scripts. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: npmEnv(), timeout: 180_000 });
  if (r.error) throw r.error;
  return r;
}

function ok(command: string, args: string[], cwd: string): string {
  const r = sh(command, args, cwd);
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `npm pack` of a folder into `dest`; returns the tarball's path. */
function pack(folder: string, dest: string): string {
  const out = ok(npm, ['pack', '--json', '--pack-destination', dest], folder);
  const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[];
  return path.join(dest, filename);
}

const POSTS: Record<string, string> = {
  'posts/2016-05-17-good.html.md': '---\ntitle: Good\nauthor: a\ndate: 2016-05-17 17:18:56 UTC\n---\nBody\n',
  'posts/2016-05-18-broken.html.md': '---\ntitle: Day 1: keynotes\nauthor: a\ndate: 2016-05-18\n---\nBody\n',
};
const LINT_OUT = [
  'posts/2016-05-18-broken.html.md:2:8 error fm-yaml-syntax A value that contains ": " must be quoted, e.g. title: "Day 1: the keynotes"',
  '2 files linted: 1 error, 0 warnings, 0 infos',
  '',
].join('\n');

/** A blog folder with a package.json and two posts; the tarball installed as a dev dependency, offline. */
function blogWith(tarball: string, dir: string): string {
  const blog = path.join(dir, 'blog');
  mkdirSync(path.join(blog, 'posts'), { recursive: true });
  writeFileSync(path.join(blog, 'package.json'), JSON.stringify({ name: 'my-blog', version: '1.0.0', private: true }, null, 2));
  for (const [name, text] of Object.entries(POSTS)) writeFileSync(path.join(blog, name), text);
  copyFileSync(path.join(projectRoot(), 'test', 'fixtures', 'workspace', 'feeds', 'insert-entries.xml'), path.join(blog, 'feed.xml'));
  // --offline: nothing may come from the network (the package has no dependencies to fetch).
  ok(npm, ['install', '--save-dev', '--offline', tarball], blog);
  return blog;
}

function checkBlog(blog: string, expectDependency: string): void {
  const manifest = JSON.parse(readFileSync(path.join(blog, 'package.json'), 'utf8'));
  assert.ok(manifest.devDependencies?.[expectDependency], `devDependencies: ${JSON.stringify(manifest.devDependencies)}`);
  // --no: the installed bin must answer; npx may never fetch the unrelated `roundup` package.
  const lint = sh(npx, ['--no', 'roundup', 'lint', 'posts'], blog);
  assert.equal(lint.stdout, LINT_OUT, lint.stderr);
  assert.equal(lint.status, 1);
  // The link checker is its own file of the package (cli-links.js): `roundup links` finds it.
  writeFileSync(path.join(blog, 'nolinks.md'), '---\ntitle: T\n---\n\nNo links here.\n');
  const links = sh(npx, ['--no', 'roundup', 'links', 'nolinks.md'], blog);
  assert.equal(links.stdout, '0 links checked in 1 file: 0 dead, 0 redirected\n', links.stderr);
  const draft = sh(npx, ['--no', 'roundup', 'draft', '--since', '2016-01-01', 'feed.xml'], blog);
  assert.equal(draft.status, 0, draft.stderr);
  assert.match(draft.stdout, /\*\*RDO & Packstack on a laptop\*\* by rbowen\n\n> Packstack installs RDO on one machine\n> in one command – even a laptop\.\n\n\.\.\. read more at \[https:\/\/rdo\.example\/packstack\]\(https:\/\/rdo\.example\/packstack\)/);
  // Since the blog's last roundup (in its later wording, "Read more at"), without the entry it holds.
  writeFileSync(path.join(blog, 'posts', '2016-05-09-roundup.html.md'), '---\ntitle: Roundup\nauthor: a\n'
    + 'date: 2016-05-09 07:00:00 UTC\n---\n\n**Containers and the CERN cloud** by Ricardo Rocha\n\n> Containers.\n\n'
    + 'Read more at [http://tm3.org/6g](http://tm3.org/6g)\n');
  const sinceLast = sh(npx, ['--no', 'roundup', 'draft', '--since-last', 'posts', 'feed.xml'], blog);
  assert.equal(sinceLast.status, 0, sinceLast.stderr);
  assert.equal(sinceLast.stderr,
    'roundup: drafting since the last roundup, posts/2016-05-09-roundup.html.md (dated 2016-05-09 07:00 UTC)\n');
  assert.match(sinceLast.stdout, /^\*\*Notes without an author\*\*/);
  assert.doesNotMatch(sinceLast.stdout, /Containers and the CERN cloud|Packstack/);
  // Every entry but those a roundup of the blog already features (CERN), said on stderr.
  const featured = sh(npx, ['--no', 'roundup', 'draft', '--featured-in', 'posts', 'feed.xml'], blog);
  assert.equal(featured.status, 0, featured.stderr);
  assert.equal(featured.stderr, 'roundup: 1 entry left out: featured in 1 post under posts (--featured-in)\n');
  assert.match(featured.stdout, /\*\*RDO & Packstack on a laptop\*\*/);
  assert.match(featured.stdout, /\*\*Deploying the new OpenStack EC2 API project\*\*/);
  assert.doesNotMatch(featured.stdout, /Containers and the CERN cloud/);
}

describe('the CLI installed into a blog', function () {
  this.timeout(300_000);
  const root = projectRoot();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-pkg-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  let repository: string | undefined;
  let repositoryFields: (url: string, section: string) => Partial<Record<'repository' | 'homepage' | 'bugs', unknown>>;
  before(async () => {
    const script = await import(pathToFileURL(path.join(root, 'scripts', 'repository.mjs')).href);
    repository = script.repositoryUrl(process.env);
    repositoryFields = script.repositoryFields;
  });

  it('roundup-posts: packed, installed with npm install --save-dev, `npx roundup lint` and `npx roundup draft` work', () => {
    const folder = path.join(root, 'dist', 'roundup-posts');
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'roundup-posts');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.bin, { roundup: 'cli.js' });
    assert.equal(manifest.dependencies, undefined, 'the bundles hold what they run');
    // The repository only where the build knew it (GitHub Actions, ROUNDUP_REPOSITORY): no made-up address.
    const named = repository ? repositoryFields(repository, 'command-line') : {};
    for (const field of ['repository', 'homepage', 'bugs'] as const) assert.deepEqual(manifest[field], named[field], field);
    assert.equal(readFileSync(path.join(folder, 'cli.js'), 'utf8').split('\n')[0], '#!/usr/bin/env node');
    if (process.platform !== 'win32') assert.equal(statSync(path.join(folder, 'cli.js')).mode & 0o111, 0o111);

    const tarball = pack(folder, dir);
    assert.equal(path.basename(tarball), `roundup-posts-${version}.tgz`);
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(listing, ['package/LICENSE', 'package/README.md', 'package/cli-draft.js', 'package/cli-links.js', 'package/cli.js', 'package/package.json']);

    const blog = blogWith(tarball, dir);
    checkBlog(blog, 'roundup-posts');
    assert.ok(existsSync(path.join(blog, 'node_modules', '.bin', 'roundup')));
  });

  it('a git install: packing the project runs `prepare`, which builds the bin; installed, it lints and drafts', () => {
    // A checkout of the project's files (as git would give them) without dist/ or out/; the
    // dependencies the build needs are the project's own (a git install would install them).
    const checkout = path.join(dir, 'checkout');
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      if (!existsSync(path.join(root, f))) continue; // deleted in the working tree
      mkdirSync(path.dirname(path.join(checkout, f)), { recursive: true });
      copyFileSync(path.join(root, f), path.join(checkout, f));
    }
    assert.ok(!existsSync(path.join(checkout, 'dist')));
    symlinkSync(path.join(root, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
    const tarball = pack(checkout, dir);
    assert.ok(existsSync(path.join(checkout, 'dist', 'cli.js')), 'prepare built dist/cli.js');
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    assert.match(listing, /^package\/dist\/cli\.js$/m);
    assert.doesNotMatch(listing, /^package\/(src|test|out|node_modules)\//m);
    const blog = blogWith(tarball, dir);
    checkBlog(blog, 'roundup');
  });
});

/** The shell lines of the README's fenced block between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
function readmeBlock(name: string): string {
  const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
  const m = new RegExp(`<!-- ${name}:start -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\n<!-- ${name}:end -->`).exec(readme);
  assert.ok(m, `the README has the block ${name}`);
  return m[1]!;
}

/** Runs each line of a README block with sh, as a reader types them: all but the last must succeed. */
function runLines(block: string, cwd: string): SpawnSyncReturns<string> {
  const lines = block.split('\n').filter((line) => line.trim());
  for (const line of lines.slice(0, -1)) ok('sh', ['-c', line], cwd);
  return sh('sh', ['-c', lines.at(-1)!], cwd);
}

describe("the README's install commands, run as written", function () {
  this.timeout(300_000);
  const root = projectRoot();
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const tarball = path.join(root, `roundup-posts-${version}.tgz`);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-readme-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(tarball, { force: true });
  });

  it('the tarball built in a checkout, installed into a blog beside it: `npx roundup lint posts/` lints it', () => {
    runLines(readmeBlock('install-cli-checkout'), root);
    assert.ok(existsSync(tarball), `the checkout's commands wrote ${path.basename(tarball)}`);
    // The blog beside the checkout, which the README calls ../roundup.
    symlinkSync(root, path.join(dir, 'roundup'), 'dir');
    const blog = path.join(dir, 'blog');
    mkdirSync(path.join(blog, 'posts'), { recursive: true });
    writeFileSync(path.join(blog, 'package.json'), JSON.stringify({ name: 'my-blog', version: '1.0.0', private: true }));
    for (const [name, text] of Object.entries(POSTS)) writeFileSync(path.join(blog, name), text);
    const lint = runLines(readmeBlock('install-cli-blog'), blog);
    assert.equal(lint.stdout, LINT_OUT, lint.stderr);
    assert.equal(lint.status, 1);

    // The pre-commit hook, as the README gives it: stops a commit of a broken post, lets a good one in.
    const git = (...args: string[]) => sh('git', ['-c', 'user.name=R', '-c', 'user.email=r@example.org', ...args], blog);
    git('init', '-q');
    writeFileSync(path.join(blog, '.git', 'hooks', 'pre-commit'), readmeBlock('pre-commit'), { mode: 0o755 });
    git('add', 'package.json', 'posts/2016-05-17-good.html.md');
    assert.equal(git('commit', '-qm', 'a good post').status, 0, 'the hook lets a good post in');
    git('add', 'posts/2016-05-18-broken.html.md');
    const refused = git('commit', '-qm', 'a broken post');
    assert.equal(refused.status, 1, 'the hook stops the commit');
    // git gives a hook's output to stderr.
    assert.match(refused.stderr, /2016-05-18-broken\.html\.md:2:8 error fm-yaml-syntax/);
  });
});
