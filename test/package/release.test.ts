/**
 * What a release needs that can be checked without publishing (`npm run release:check`, and a step of
 * `npm test`): one version everywhere, its CHANGELOG section as the notes, the CLI package as npm would
 * publish it, and workflows that are valid YAML naming scripts and files the project has. The .vsix's
 * own checks are in vsix.test.ts, which release:check runs too.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { projectRoot } from '../harness/util';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; needs?: string; env?: Record<string, string> }>;
}

describe('the release check', function () {
  this.timeout(120_000);
  const root = projectRoot();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
  const workflow = (name: string) => parse(readFileSync(path.join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
  const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
  const runs = (w: Workflow) => steps(w).map((s) => s.run ?? '').join('\n');

  it('one version: package.json, the CLI package and a CHANGELOG section, whose text is the release notes', async () => {
    const cli = JSON.parse(readFileSync(path.join(root, 'dist', 'roundup-posts', 'package.json'), 'utf8'));
    assert.equal(cli.version, pkg.version);
    const script = pathToFileURL(path.join(root, 'scripts', 'release-notes.mjs')).href;
    const { releaseNotes } = (await import(script)) as { releaseNotes(changelog: string, version: string): string };
    const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    assert.match(releaseNotes(changelog, pkg.version), /^### /);
    assert.throws(() => releaseNotes(changelog, '9.9.9'), /no section "## \[9\.9\.9\]"/);
    assert.throws(() => releaseNotes('## [1.0.0] - 2026-01-01\n\n## [0.9.0]\n- x\n', '1.0.0'), /is empty/);
  });

  it('npm publish --dry-run of the CLI package (offline): roundup-posts of this version, its six files', () => {
    // At npm's own log level: under `npm run -s` the silent level would reach this npm too, and it would say nothing.
    const env = { ...process.env, npm_config_loglevel: 'notice' };
    const r = spawnSync('npm', ['publish', '--dry-run', '--offline', './dist/roundup-posts'], { cwd: root, encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout + r.stderr, new RegExp(`roundup-posts@${pkg.version.replace(/\./g, '\\.')}`));
    assert.match(r.stderr, /total files: 6/);
  });

  it('ci.yml runs .ci/run on pushes and pull requests, on Debian as the project\'s CI does', () => {
    const ci = workflow('ci.yml');
    assert.deepEqual(Object.keys(ci.on).sort(), ['pull_request', 'push']);
    assert.ok(steps(ci).some((s) => s.run === '.ci/run'));
    assert.ok(Object.values(ci.jobs).every((job) => (job as { container?: string }).container === 'debian:12'));
  });

  it('release.yml on a version tag: tests, packages, a GitHub release with the notes, each publish only with its token', () => {
    const release = workflow('release.yml');
    assert.deepEqual(release.on, { push: { tags: ['v*'] } });
    const text = runs(release);
    for (const part of ['.ci/run', 'npm run release:check', 'npm run package', 'npm pack ./dist/roundup-posts',
      'node scripts/release-notes.mjs > release-notes.md', 'gh release create']) {
      assert.ok(text.includes(part), `release.yml runs ${part}`);
    }
    const publish = steps(release);
    for (const [command, token] of [['vsce@3 publish', 'VSCE_PAT'], ['ovsx@0 publish', 'OVSX_PAT'], ['npm publish --provenance', 'NODE_AUTH_TOKEN']]) {
      const step = publish.find((s) => s.run?.includes(command));
      assert.ok(step, `a step runs ${command}`);
      assert.equal(step.if, `env.${token} != ''`, `${command} runs only with ${token}`);
    }
  });

  it('npm run release:check builds, then runs this file and the .vsix\'s checks', () => {
    const [build, run] = pkg.scripts['release:check']!.split(' && ');
    assert.equal(build, 'node scripts/build.mjs');
    const files = run!.split(' ').filter((word) => word.endsWith('.test.js'));
    assert.deepEqual(files, ['out/test/package/release.test.js', 'out/test/package/vsix.test.js']);
    for (const file of files) assert.ok(existsSync(path.join(root, file)), file);
  });

  it('the workflows name only npm scripts and files the project has', () => {
    for (const name of ['ci.yml', 'release.yml']) {
      const text = runs(workflow(name));
      for (const [, script] of text.matchAll(/npm run ([\w:-]+)/g)) assert.ok(pkg.scripts[script!], `${name}: npm run ${script}`);
      for (const [file] of text.matchAll(/(?:\.ci|scripts)\/[\w./-]+/g)) assert.ok(existsSync(path.join(root, file)), `${name}: ${file}`);
    }
  });
});
