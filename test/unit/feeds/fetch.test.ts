import * as assert from 'assert/strict';
import * as zlib from 'zlib';
import * as path from 'path';
import type { IncomingMessage, ServerResponse } from 'http';
import { pathToFileURL } from 'url';
import { fetchFeed, resolveTarget, type FetchOptions } from '../../../src/core/feeds/fetch';
import { FetchError, formatBytes } from '../../../src/core/feeds/fetchError';
import { fixtureBytes, fixturePath, fixtureText, startServer, type TestServer } from './helpers';

const OPTIONS: FetchOptions = { version: '1.2.3' };

async function fetchError(address: string, options: FetchOptions = OPTIONS): Promise<FetchError> {
  try {
    await fetchFeed(address, options);
  } catch (e) {
    assert.ok(e instanceof FetchError, `expected a FetchError, got ${String(e)}`);
    return e;
  }
  assert.fail('fetchFeed did not reject');
}

describe('feeds/fetch over HTTP (127.0.0.1)', () => {
  let server: TestServer;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: IncomingMessage[] = [];

  before(async () => {
    server = await startServer((req, res) => {
      seen.push(req);
      handler(req, res);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    seen.length = 0;
  });

  it('fetches a feed, sending the User-Agent, Accept and Accept-Encoding', async () => {
    const body = fixtureText('wordpress-rss2.xml');
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=UTF-8', ETag: '"abc"', 'Last-Modified': 'Tue, 21 Jun 2016 14:03:11 GMT' });
      res.end(body);
    };
    const r = await fetchFeed(`${server.origin}/feed/`, OPTIONS);
    assert.equal(r.status, 'ok');
    if (r.status !== 'ok') return;
    assert.equal(r.text, body);
    assert.equal(r.statusCode, 200);
    assert.equal(r.url, `${server.origin}/feed/`);
    assert.equal(r.etag, '"abc"');
    assert.equal(r.lastModified, 'Tue, 21 Jun 2016 14:03:11 GMT');
    assert.equal(seen[0].headers['user-agent'], 'Roundup/1.2.3 (+VS Code extension)');
    assert.equal(seen[0].headers['accept-encoding'], 'gzip, deflate, br');
    assert.match(String(seen[0].headers.accept), /application\/rss\+xml/);
    assert.equal(seen[0].headers['if-none-match'], undefined);
  });

  it('times out a server that never answers', async () => {
    handler = () => undefined; // no response at all
    const e = await fetchError(`${server.origin}/silent`, { ...OPTIONS, timeoutMs: 200 });
    assert.equal(e.code, 'timeout');
    assert.equal(e.message, 'Timed out after 0.2 s');
  });

  it('times out the whole request, a body that keeps trickling included', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
      const timer = setInterval(() => res.write(' '), 20);
      req.socket.on('close', () => clearInterval(timer));
    };
    const e = await fetchError(`${server.origin}/trickle`, { ...OPTIONS, timeoutMs: 300 });
    assert.equal(e.code, 'timeout');
    assert.equal(e.message, 'Timed out after 0.3 s');
  });

  it('words byte caps the way users read them', () => {
    assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
    assert.equal(formatBytes(1536 * 1024), '1.5 MB');
    assert.equal(formatBytes(512 * 1024), '512 KB');
    assert.equal(formatBytes(900), '900 bytes');
  });

  it('refuses a body over the byte cap, declared or streamed', async () => {
    const big = 'x'.repeat(2000);
    handler = (req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'Content-Length': String(big.length) });
        res.end(big);
      } else {
        res.writeHead(200, {}); // chunked, no length
        res.write(big.slice(0, 600));
        res.end(big.slice(600));
      }
    };
    for (const p of ['/declared', '/chunked']) {
      const e = await fetchError(`${server.origin}${p}`, { ...OPTIONS, maxBytes: 1000 });
      assert.equal(e.code, 'too-large', p);
      assert.equal(e.message, 'Feed larger than 1000 bytes');
    }
    const ok = await fetchFeed(`${server.origin}/chunked`, { ...OPTIONS, maxBytes: 2000 });
    assert.equal(ok.status === 'ok' && ok.bytes, 2000, 'a body of exactly the cap is accepted');
  });

  it('stops a gzip bomb at the cap, counting decompressed bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < 64 * 1024, 'small on the wire');
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
      res.end(bomb);
    };
    const e = await fetchError(`${server.origin}/bomb`, { ...OPTIONS, maxBytes: 1024 * 1024 });
    assert.equal(e.code, 'too-large');
    assert.equal(e.message, 'Feed larger than 1 MB');
  });

  it('decodes gzip, deflate (zlib and raw) and br', async () => {
    const body = fixtureText('github-releases-atom.xml');
    const encoders: Record<string, [string, (b: Buffer) => Buffer]> = {
      '/gzip': ['gzip', (b) => zlib.gzipSync(b)],
      '/deflate': ['deflate', (b) => zlib.deflateSync(b)],
      '/deflate-raw': ['deflate', (b) => zlib.deflateRawSync(b)],
      '/br': ['br', (b) => zlib.brotliCompressSync(b)],
    };
    handler = (req, res) => {
      const [encoding, encode] = encoders[req.url ?? ''];
      res.writeHead(200, { 'Content-Encoding': encoding, 'Content-Type': 'application/atom+xml' });
      res.end(encode(Buffer.from(body)));
    };
    for (const p of Object.keys(encoders)) {
      const r = await fetchFeed(`${server.origin}${p}`, OPTIONS);
      assert.equal(r.status === 'ok' && r.text, body, p);
    }
  });

  it('reports a body that does not decompress, and encodings it does not know', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'Content-Encoding': req.url === '/zstd' ? 'zstd' : 'gzip' });
      res.end('this is not gzip');
    };
    const bad = await fetchError(`${server.origin}/bad-gzip`);
    assert.equal(bad.code, 'decode');
    assert.match(bad.message, /^Could not decompress the response \(gzip\)/);
    const unknown = await fetchError(`${server.origin}/zstd`);
    assert.equal(unknown.message, 'Unsupported content encoding "zstd"');
  });

  describe('redirects', () => {
    beforeEach(() => {
      // /hop/N redirects to /hop/N-1 (relative Location), /hop/0 serves the feed.
      handler = (req, res) => {
        const m = /^\/hop\/(\d+)$/.exec(req.url ?? '');
        if (m && m[1] !== '0') {
          res.writeHead(302, { Location: `${Number(m[1]) - 1}` });
          res.end();
        } else if (m) {
          res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
          res.end('<rss version="2.0"><channel><title>end</title></channel></rss>');
        } else if (req.url === '/to-ftp') {
          res.writeHead(301, { Location: 'ftp://127.0.0.1/feed.xml' });
          res.end();
        } else if (req.url === '/sub/up') {
          res.writeHead(308, { Location: '../hop/0' });
          res.end();
        } else {
          res.writeHead(307);
          res.end();
        }
      };
    });

    it('follows 5 redirects', async () => {
      const r = await fetchFeed(`${server.origin}/hop/5`, OPTIONS);
      assert.equal(r.status, 'ok');
      assert.equal(r.url, `${server.origin}/hop/0`);
      assert.equal(seen.length, 6);
    });

    it('fails on the 6th redirect', async () => {
      const e = await fetchError(`${server.origin}/hop/6`);
      assert.equal(e.code, 'too-many-redirects');
      assert.equal(e.message, 'Too many redirects');
    });

    it('honours a lower maxRedirects', async () => {
      const e = await fetchError(`${server.origin}/hop/2`, { ...OPTIONS, maxRedirects: 1 });
      assert.equal(e.message, 'Too many redirects');
    });

    it('resolves a relative Location against the current URL', async () => {
      const r = await fetchFeed(`${server.origin}/sub/up`, OPTIONS);
      assert.equal(r.url, `${server.origin}/hop/0`);
    });

    it('refuses a redirect to another scheme', async () => {
      const e = await fetchError(`${server.origin}/to-ftp`);
      assert.equal(e.code, 'bad-scheme');
      assert.equal(e.message, 'Redirected to an unsupported address "ftp:" (only http and https are followed)');
    });

    it('reports a redirect without a Location', async () => {
      const e = await fetchError(`${server.origin}/nowhere`);
      assert.equal(e.message, 'HTTP 307 Temporary Redirect: a redirect without a Location');
    });
  });

  it('sends validators and reports 304 as not modified', async () => {
    handler = (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Tue, 21 Jun 2016 14:03:11 GMT') {
        res.writeHead(304, { ETag: '"v1"' });
        res.end();
      } else {
        res.writeHead(200, { ETag: '"v1"' });
        res.end('<rss version="2.0"><channel/></rss>');
      }
    };
    const r = await fetchFeed(`${server.origin}/cond`, {
      ...OPTIONS,
      validators: { etag: '"v1"', lastModified: 'Tue, 21 Jun 2016 14:03:11 GMT' },
    });
    assert.deepEqual(r, { status: 'not-modified', url: `${server.origin}/cond`, etag: '"v1"', lastModified: undefined });
    assert.equal(seen[0].headers['if-none-match'], '"v1"');
    assert.equal(seen[0].headers['if-modified-since'], 'Tue, 21 Jun 2016 14:03:11 GMT');
    const fresh = await fetchFeed(`${server.origin}/cond`, OPTIONS);
    assert.equal(fresh.status, 'ok');
  });

  it('decodes with the charset of the Content-Type header', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=windows-1251' });
      res.end(fixtureBytes('charset/windows-1251-noprolog-rss2.xml'));
    };
    const r = await fetchFeed(`${server.origin}/cp1251`, OPTIONS);
    assert.ok(r.status === 'ok');
    assert.equal(r.charset, 'windows-1251');
    assert.match(r.text, /<title>Привет, мир — «ёлка»<\/title>/);
  });

  it('decodes with the encoding of the XML prolog when the header names none', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(fixtureBytes('charset/windows-1252-rss2.xml'));
    };
    const r = await fetchFeed(`${server.origin}/cp1252`, OPTIONS);
    assert.ok(r.status === 'ok');
    assert.equal(r.charset, 'windows-1252');
    assert.match(r.text, /<title>Don’t panic – it’s “fine” € …<\/title>/);
  });

  it('reports HTTP errors in plain words', async () => {
    handler = (req, res) => {
      res.writeHead(req.url === '/missing' ? 404 : 500);
      res.end('oops');
    };
    const missing = await fetchError(`${server.origin}/missing`);
    assert.equal(missing.message, 'HTTP 404 Not Found: there is no feed at this address');
    assert.equal(missing.code, 'http');
    assert.equal(missing.statusCode, 404);
    assert.equal((await fetchError(`${server.origin}/broken`)).message, 'HTTP 500 Internal Server Error');
  });

  it('can be cancelled while waiting', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = fetchError(`${server.origin}/slow`, { ...OPTIONS, signal: controller.signal });
    // Abort once the server has the request, so the abort hits a request under way.
    await new Promise<void>((resolve) => server.server.once('request', () => resolve()));
    controller.abort();
    const e = await pending;
    assert.equal(e.code, 'aborted');
    assert.equal(e.message, 'Cancelled');
  });
});

describe('feeds/fetch: errors before and around the connection', () => {
  it('reports a refused connection', async () => {
    const closed = await startServer(() => undefined);
    const port = closed.port;
    await closed.close();
    const e = await fetchError(`http://127.0.0.1:${port}/feed`);
    assert.equal(e.code, 'refused');
    assert.equal(e.message, `Connection refused by 127.0.0.1:${port}`);
  });

  it('rejects addresses that are not http, https or files', async () => {
    for (const address of ['ftp://example.org/feed.xml', 'javascript:alert(1)', 'gopher://x']) {
      const e = await fetchError(address);
      assert.equal(e.code, 'bad-scheme', address);
      assert.match(e.message, /^Unsupported address "[a-z]+:" \(only http, https and local files\)$/);
    }
    assert.equal((await fetchError('   ')).message, 'No feed address given');
  });

  it('tells paths, Windows paths and file: URLs from web addresses', () => {
    assert.deepEqual(resolveTarget('feeds/a.xml', path.sep === '/' ? '/ws' : 'C:\\ws'), {
      kind: 'file',
      path: path.resolve(path.sep === '/' ? '/ws' : 'C:\\ws', 'feeds/a.xml'),
    });
    assert.equal(resolveTarget('C:\\feeds\\a.xml').kind, 'file');
    assert.throws(() => resolveTarget('feeds/a.xml'), /"feeds\/a.xml" is a feed file relative to the workspace: open the folder that holds it/);
    assert.equal(resolveTarget('https://example.org/feed').kind, 'http');
  });
});

describe('feeds/fetch: local files', () => {
  const file = fixturePath('wordpress-rss2.xml');

  it('reads a path and a file: URL with the same result shape', async () => {
    const byPath = await fetchFeed(file, OPTIONS);
    const byUrl = await fetchFeed(pathToFileURL(file).href, OPTIONS);
    assert.deepEqual(byPath, byUrl);
    assert.ok(byPath.status === 'ok');
    assert.equal(byPath.url, pathToFileURL(file).href);
    assert.equal(byPath.text, fixtureText('wordpress-rss2.xml'));
    assert.ok(byPath.lastModified);
  });

  it('resolves relative paths against baseDir', async () => {
    const r = await fetchFeed('wordpress-rss2.xml', { ...OPTIONS, baseDir: path.dirname(file) });
    assert.equal(r.status, 'ok');
  });

  it('decodes local bytes by BOM or prolog', async () => {
    const r = await fetchFeed(fixturePath('charset/windows-1252-rss2.xml'), OPTIONS);
    assert.ok(r.status === 'ok');
    assert.match(r.text, /Don’t panic/);
  });

  it('answers not modified when the mtime matches the validator', async () => {
    const first = await fetchFeed(file, OPTIONS);
    const again = await fetchFeed(file, { ...OPTIONS, validators: { lastModified: first.lastModified } });
    assert.equal(again.status, 'not-modified');
  });

  it('reports missing files, folders and the byte cap', async () => {
    const missing = fixturePath('no-such-feed.xml');
    assert.equal((await fetchError(missing)).message, `File not found: ${missing}`);
    assert.match((await fetchError(path.dirname(file))).message, /^Not a file but a folder: /);
    assert.equal((await fetchError(file, { ...OPTIONS, maxBytes: 100 })).message, 'Feed larger than 100 bytes');
  });
});
