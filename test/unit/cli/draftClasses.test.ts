/** Each class of entries that other feed readers find (see feeds/classes.ts), through `roundup draft` against a real HTTP server on 127.0.0.1. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Io } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { CASES, type Expected } from '../feeds/classes';
import { startServer, type TestServer } from '../feeds/helpers';
import { NOW } from '../helpers';

const TEMPLATE = '{title} | {author} | {link} | {date:YYYY-MM-DD HH:mm:ss} | {excerpt}';

/** One line of TEMPLATE for an expected entry (no author: the template's author is empty). */
function line(e: Expected, excerpt: string): string {
  const date = e.published ? e.published.slice(0, 19).replace('T', ' ') : '';
  return `${e.title} | ${e.author ?? ''} | ${e.link} | ${date} | ${excerpt}`;
}

describe('roundup draft: every title, author, link and date (issue classes)', function () {
  this.timeout(20_000);
  let server: TestServer;
  let dir: string;

  before(async () => {
    server = await startServer((req, res) => {
      const m = /^\/case\/(\d+)(?:\/copy)?$/.exec(req.url ?? '');
      const c = m ? CASES[Number(m[1])] : undefined;
      if (!c) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('no such feed');
        return;
      }
      res.writeHead(200, { 'Content-Type': c.contentType ?? 'application/xml' });
      res.end(c.body);
    });
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-draft-classes-'));
    writeFileSync(path.join(dir, 'line.txt'), TEMPLATE);
    writeFileSync(path.join(dir, 'title.txt'), '{title}');
    writeFileSync(path.join(dir, 'feed.txt'), '{title} ({feed})');
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
    const code = await main(['draft', ...argv], io);
    return { code, out: out.join('\n').split('\n').filter(Boolean), err };
  }

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const url = `${server.origin}/case/${i}`;
      const r = await run(url, '--template', 'line.txt');
      assert.equal(r.code, 0, r.err.join('\n'));
      const expected = [...c.entries]
        .sort((a, b) => Date.parse(a.published ?? '') - Date.parse(b.published ?? ''))
        .map((e) => line(e, e.excerpt ?? r.out.find((l) => l.startsWith(`${e.title} |`))?.split(' | ')[4] ?? ''));
      assert.deepEqual(r.out, expected);
      if (c.warning) {
        assert.equal(r.err.length, 1, r.err.join('\n'));
        assert.ok(r.err[0].startsWith(`warning: ${url}: `), r.err[0]);
        assert.match(r.err[0], c.warning);
      } else {
        assert.deepEqual(r.err, []);
      }
    });
  });

  it('9 two entries with one link: both kept from one feed; another feed with the same links adds none', async () => {
    const i = CASES.findIndex((c) => c.name.startsWith('9 '));
    const r = await run(`${server.origin}/case/${i}`, `${server.origin}/case/${i}/copy`, '--template', 'feed.txt');
    assert.deepEqual(r.out, ['First note (Notes)', 'Second note (Notes)']);
  });

  it('4 an entry without any date is kept by --since in its feed\'s order, with a warning', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title><link>https://mix.example/</link>
<item><title>New</title><link>https://mix.example/new</link><pubDate>Tue, 10 May 2016 10:00:00 GMT</pubDate></item>
<item><title>Undated one</title><link>https://mix.example/u1</link></item>
<item><title>Old</title><link>https://mix.example/old</link><pubDate>Sun, 01 May 2016 10:00:00 GMT</pubDate></item>
<item><title>Undated two</title><link>https://mix.example/u2</link><pubDate>sometime soon</pubDate></item>
</channel></rss>`;
    writeFileSync(path.join(dir, 'mixed.xml'), xml);
    const r = await run('mixed.xml', '--since', '2016-05-05', '--template', 'title.txt');
    assert.deepEqual(r.out, ['New', 'Undated one', 'Undated two']);
    assert.deepEqual(r.err, [
      'roundup: drafting since 2016-05-05 00:00 UTC (--since)',
      'warning: Entry "Undated one" (Mixed) has no date: kept, after the dated entries, in its feed\'s order.',
      'warning: Entry "Undated two" (Mixed) has no date: kept, after the dated entries, in its feed\'s order.',
    ]);
  });
});
