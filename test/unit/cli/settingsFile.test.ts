/**
 * `--config` with a VS Code settings.json as people write it (comments, trailing commas), read by the
 * built command: every value comes back as written, even where a string looks like a comment or a
 * trailing comma. Needs `npm run build` first (as the unit tests do).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../helpers';

const SETTINGS = `{
  // The blog's templates and names: comments, trailing commas, and both inside strings.
  "roundup.defaultTemplate": "byline", /* the one below */
  "roundup.templates": {
    "byline": "**{title}**[[ by {author}, ]]read at {link}",
  },
  "roundup.authors": {
    "rbowen": "Rich Bowen // not a comment",
    "tbell": "Tim /* nor this */ Bell",
  },
  "roundup.feeds": [
    "https://feeds.example/unused.xml",
  ],
}
`;

const FEED = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Planet</title><link>https://x.example/</link>
<item><title>Hello</title><link>https://x.example/hello</link><dc:creator>rbowen</dc:creator>
<pubDate>Tue, 03 May 2016 18:21:00 GMT</pubDate><description>Hi.</description></item>
<item><title>Again</title><link>https://x.example/again</link><dc:creator>tbell</dc:creator>
<pubDate>Wed, 04 May 2016 18:21:00 GMT</pubDate><description>Hi.</description></item>
<item><title>Nobody</title><link>https://x.example/nobody</link>
<pubDate>Thu, 05 May 2016 18:21:00 GMT</pubDate><description>Hi.</description></item>
</channel></rss>
`;

describe('roundup --config with a JSONC settings.json (the built command)', function () {
  this.timeout(60_000);
  const bin = path.join(projectRoot(), 'dist', 'cli.js');
  let dir: string;

  before(() => {
    assert.ok(existsSync(bin), 'dist/cli.js is missing: run "npm run build" first');
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-settings-'));
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), SETTINGS);
    writeFileSync(path.join(dir, 'planet.xml'), FEED);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads comments, trailing commas, and strings that hold `//`, `/* */` and `, ]]` as written', () => {
    const r = spawnSync(process.execPath, [bin, 'draft', 'planet.xml', '--config', '.vscode/settings.json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        '**Hello** by Rich Bowen // not a comment, read at https://x.example/hello',
        '',
        '**Again** by Tim /\\* nor this \\*/ Bell, read at https://x.example/again',
        '',
        '**Nobody**read at https://x.example/nobody',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 0);
  });
});
