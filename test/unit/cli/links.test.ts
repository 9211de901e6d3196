/** `roundup links` run in-process against a link server on 127.0.0.1. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';
import { NOW } from '../helpers';
import { startLinkServer, type Server } from '../links/servers';

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { cwd, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('roundup links (in-process, a link server on 127.0.0.1)', () => {
  let dir: string;
  let links: Server;
  before(async () => {
    links = await startLinkServer(2000);
  });
  after(() => links.close());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-links-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const post = (body: string) => `---\ntitle: T\nauthor: a\ndate: 2016-05-17 17:18:56 UTC\n---\n\n${body}\n`;

  it('dead and redirected links, one line each, a summary, exit 1; each link fetched once', async () => {
    const o = links.origin;
    const a7 = `Live [x](${o}/live), dead [y](${o}/dead).`;
    const a9 = `... read more at [${o}/moved](${o}/moved)`;
    const b7 = `Again ${o}/dead and a loop ${o}/loop-a`;
    writeFileSync(path.join(dir, 'a.md'), post(`${a7}\n\n${a9}`));
    writeFileSync(path.join(dir, 'b.md'), post(b7));
    const before = links.requests.length;
    const r = await run(dir, 'links', 'a.md', 'b.md');
    assert.equal(r.code, 1);
    const col = (line: string, target: string, from = 0) => line.indexOf(target, from) + 1;
    assert.deepEqual(r.out, [
      `a.md:7:${col(a7, `${o}/dead`)} error post-dead-link Dead link: HTTP 404 Not Found`,
      `a.md:9:${col(a9, `(${o}/moved`) + 1} warning post-redirected-link Redirected to ${o}/live`,
      `b.md:7:${col(b7, `${o}/dead`)} error post-dead-link Dead link: HTTP 404 Not Found`,
      `b.md:7:${col(b7, `${o}/loop-a`)} error post-dead-link Dead link: Redirect loop (back to ${o}/loop-a)`,
      '4 links checked in 2 files: 3 dead, 1 redirected',
    ]);
    assert.equal(links.requests.slice(before).filter((q) => q.endsWith(' /dead')).length, 2, 'HEAD, then GET, once for both files');
  });

  it('live links only: exit 0; --format github prints annotations', async () => {
    writeFileSync(path.join(dir, 'ok.md'), post(`[x](${links.origin}/live) and [y](${links.origin}/get-only)`));
    const ok = await run(dir, 'links', 'ok.md');
    assert.equal(ok.code, 0);
    assert.deepEqual(ok.out, ['2 links checked in 1 file: 0 dead, 0 redirected']);
    writeFileSync(path.join(dir, 'bad.md'), post(`[x](${links.origin}/gone)`));
    const gh = await run(dir, 'links', '--format', 'github', 'bad.md');
    assert.equal(gh.code, 1);
    assert.equal(gh.out[0], `::error file=bad.md,line=7,col=5,endLine=7,endColumn=${5 + links.origin.length + 5},title=post-dead-link::Dead link: HTTP 410 Gone`);
  });

  it('usage errors exit 2; a missing file exits 2', async () => {
    assert.equal((await run(dir, 'links', '--format', 'json')).code, 2);
    assert.equal((await run(dir, 'links', 'missing.md')).code, 2);
  });
});
