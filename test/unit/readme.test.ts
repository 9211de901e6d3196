/**
 * The README is for someone who does not have this repository: the first screen keeps the two
 * commands, and it says how to install the extension and the CLI and how to run the CLI in CI.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './helpers';

describe('README for a new user', () => {
  const root = projectRoot();
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const cliPackage = JSON.parse(readFileSync(path.join(root, 'scripts', 'cli-package', 'package.json'), 'utf8')) as { name: string };

  it('the first screen: the two commands, code-server\'s first build, 127.0.0.1 only, Node >= 20', () => {
    const first = readme.split('\n').slice(0, 30).join('\n');
    assert.match(first, /scripts\/setup && npm start/);
    assert.match(first, /scripts\/setup && npm test/);
    assert.match(first, /first `npm start` builds code-server[\s\S]*about 90 s/);
    assert.match(first, /127\.0\.0\.1 only/);
    assert.match(first, /Node\.js >= 20/);
  });

  it('Install: the .vsix of this version with code --install-extension, the CLI tarball of this version', () => {
    assert.ok(readme.includes(`code --install-extension roundup-${version}.vsix`));
    assert.ok(readme.includes(`npm install --save-dev ../roundup/${cliPackage.name}-${version}.tgz`));
    // The registry command only as what it will be: the package is not published yet.
    assert.match(readme, new RegExp(`Once \`${cliPackage.name}\` is\\s+published, \`npm install --save-dev ${cliPackage.name}\``));
  });

  it('a GitHub Actions workflow with --format github, a GitLab CI job and a pre-commit hook', () => {
    const yaml = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(yaml.some((y) => /runs-on:/.test(y) && /npx roundup lint --format github/.test(y)), 'GitHub Actions workflow');
    assert.ok(yaml.some((y) => /^roundup-lint:\n {2}image: node:2\d/m.test(y) && /npx roundup lint/.test(y)), 'GitLab CI job');
    assert.match(readme, /```sh\n#!\/bin\/sh\n[\s\S]*git diff --cached[\s\S]*roundup lint[\s\S]*```/);
  });
});
