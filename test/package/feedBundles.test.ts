/**
 * What ships is what is tested: every feed fixture (test/fixtures/feeds, the real-world set; the feeds
 * of the workspace and demo fixtures; the feeds of the issue classes the unit tests read) served from 127.0.0.1 and read by the bundles users
 * get: the extension's feed engine (dist/feedEngine.js) and the CLI of the npm package
 * (dist/roundup-posts/cli.js, `roundup draft`). Each must give what the unit-tested code (the
 * transpiled sources in out/) gives, so a stub or an alias in the build cannot break parsing unseen.
 * Needs `npm run build` first (as the unit tests do).
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import * as tested from '../../src/extension/feedEngine';
import { projectRoot } from '../harness/util';
import { startServer, type TestServer } from '../support/localServer';
import { CASES } from '../unit/feeds/classes';

type Engine = typeof tested;

/** A document served by the test server: its path, bytes and content type. */
interface Served {
  route: string;
  body: Buffer;
  contentType: string;
  /** A feed (not a web page or a subscription list): it must give entries. */
  feed: boolean;
}

const TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rdf': 'application/rdf+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
  '.opml': 'text/x-opml',
};

/** Every file under `dir` (subfolders too), relative to it with `/`. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, `${prefix}${name}/`));
    else out.push(prefix + name);
  }
  return out;
}

/** The folders of feed fixtures, under test/fixtures. */
const FOLDERS = ['feeds', 'workspace/feeds', 'demo/feeds'];

function documents(root: string): Served[] {
  const files: Served[] = FOLDERS.flatMap((folder) => {
    const dir = path.join(root, 'test', 'fixtures', folder);
    return filesUnder(dir).filter((name) => !path.basename(name).startsWith('.')).map((name) => {
      const ext = path.extname(name);
      return {
        route: `/fixtures/${folder}/${name}`,
        body: readFileSync(path.join(dir, name)),
        contentType: TYPES[ext] ?? 'application/octet-stream',
        feed: ext !== '.html' && ext !== '.opml',
      };
    });
  });
  const cases: Served[] = CASES.map((c, i) => ({
    route: `/classes/${i}.xml`,
    body: typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body,
    contentType: c.contentType ?? 'application/xml',
    feed: true,
  }));
  return [...files, ...cases];
}

/** The output of one `roundup draft` run. */
interface Run {
  code: number;
  out: string;
  err: string;
}

function runBundledCli(cli: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 }, (error, out, err) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, out, err });
    });
  });
}

async function runTestedCli(args: string[], cwd: string): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = { cwd, out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n'), now: () => new Date() };
  const code = await main(args, io);
  return { code, out, err };
}

describe('the shipped bundles read every feed fixture as the tested code does', function () {
  this.timeout(300_000);
  const root = projectRoot();
  const engineFile = path.join(root, 'dist', 'feedEngine.js');
  const cliFile = path.join(root, 'dist', 'roundup-posts', 'cli.js');
  const docs = documents(root);
  let server: TestServer;
  let dir: string;

  before(async () => {
    for (const f of [engineFile, cliFile]) assert.ok(existsSync(f), `${f} is missing: run "npm run build" first`);
    const byRoute = new Map(docs.map((d) => [d.route, d]));
    server = await startServer((req: IncomingMessage, res: ServerResponse) => {
      const doc = byRoute.get(req.url ?? '');
      if (!doc) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': doc.contentType, 'content-length': doc.body.length }).end(doc.body);
    });
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-bundles-'));
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers the fixture set', () => {
    for (const folder of FOLDERS) {
      assert.ok(docs.some((d) => d.route.startsWith(`/fixtures/${folder}/`)), `test/fixtures/${folder} is read`);
    }
    assert.ok(docs.filter((d) => d.route.startsWith('/fixtures/feeds/')).length >= 20, 'test/fixtures/feeds is read');
    assert.ok(docs.some((d) => d.route.startsWith('/classes/')), 'the issue classes are read');
  });

  it('dist/feedEngine.js: the same result for each document as the tested feed engine', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(engineFile) as Engine;
    const options = { version: '0.0.0-test', timeoutMs: 30_000 };
    const mismatches: string[] = [];
    for (const doc of docs) {
      const source = { url: server.origin + doc.route };
      const want = await tested.cachedFeedLoader(options, () => undefined)(source);
      const got = await bundled.cachedFeedLoader(options, () => undefined)(source);
      if (doc.feed) assert.equal(want.kind, 'ok', `${doc.route}: the tested code reads it`);
      try {
        assert.deepEqual(got, want);
      } catch {
        mismatches.push(`${doc.route}: bundle gave ${JSON.stringify(got).slice(0, 300)}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('the npm package\'s roundup draft: the same output for every feed as the tested CLI', async () => {
    // One run over every feed (a process each would cost a start each): a feed that fails is named on
    // stderr, and its entries are missing from stdout.
    const args = ['draft', ...docs.filter((d) => d.feed).map((d) => server.origin + d.route)];
    const want = await runTestedCli(args, dir);
    assert.equal(want.code, 0, `the tested CLI reads every feed: ${want.err}`);
    const got = await runBundledCli(cliFile, args, dir);
    assert.equal(got.err, want.err);
    assert.equal(got.code, want.code);
    assert.equal(got.out, want.out);
  });
});
