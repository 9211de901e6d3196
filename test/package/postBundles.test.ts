/**
 * What ships is what is tested, for posts: every post fixture folder (the model blog's posts, the
 * Hugo TOML and JSON, Zola and Astro blogs, the workspace) linted by the built `dist/cli.js` gives the
 * JSON report the tested code gives in-process, so a build alias or stub (js-yaml, smol-toml) cannot
 * change a post's problems unseen. Needs `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { projectRoot } from '../harness/util';

const NOW = new Date('2026-01-02T03:04:05Z');

/** The fixture folders that hold posts. */
function postFolders(root: string): string[] {
  const fixtures = path.join(root, 'test', 'fixtures');
  const formats = readdirSync(path.join(fixtures, 'formats')).map((name) => path.join(fixtures, 'formats', name));
  return [path.join(fixtures, 'posts'), path.join(fixtures, 'workspace'), ...formats];
}

describe('the built CLI lints every post fixture as the tested code does', function () {
  this.timeout(120_000);
  const root = projectRoot();

  for (const folder of postFolders(root)) {
    it(path.relative(path.join(root, 'test', 'fixtures'), folder), async () => {
      const out: string[] = [];
      const code = await main(['lint', '--format', 'json', '.'], { cwd: folder, out: (l) => out.push(l), err: () => undefined, now: () => NOW });
      const built = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'lint', '--format', 'json', '.'], {
        cwd: folder, encoding: 'utf8',
      });
      assert.equal(built.status, code, built.stderr);
      const report = (text: string) => JSON.parse(text) as { problems: { fixes?: unknown }[] };
      // The fixes that write a date hold the time of the run: compared apart from them.
      const withoutFixes = (text: string) => report(text).problems.map(({ fixes: _fixes, ...p }) => p);
      const expected = withoutFixes(out.join('\n'));
      assert.ok(expected.length > 0 || folder.endsWith('workspace'), 'the folder has problems to compare');
      assert.deepEqual(withoutFixes(built.stdout), expected);
    });
  }
});
