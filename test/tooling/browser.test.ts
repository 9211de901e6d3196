// The harness's browser wall, checked with the real Chromium: a page on 127.0.0.1 that reaches
// for other hosts gets those requests aborted, and each one is reported.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { abortedRequests, launchBrowser, type Browser } from '../harness/browser';
import { createRunDir, type RunDir } from '../harness/server';

const PAGE = `<!doctype html><title>wall</title>
<img src="https://open-vsx.org/logo.png">
<script>
  window.results = {};
  fetch('/local.json').then((r) => r.json()).then((j) => (results.local = j.ok), (e) => (results.local = 'failed'));
  fetch('http://example.com/data.json').then(() => (results.remote = 'loaded'), () => (results.remote = 'blocked'));
  const ws = new WebSocket('ws://example.org/socket');
  ws.onerror = () => (results.ws = 'blocked');
  ws.onopen = () => (results.ws = 'open');
</script>`;

describe('harness: the browser reaches nothing but 127.0.0.1', function () {
  this.timeout(60_000);
  let server: Server;
  let run: RunDir;
  let browser: Browser;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/local.json') res.end('{"ok":"loaded"}');
      else res.end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    run = createRunDir('unit-browser');
    browser = await launchBrowser(run.dir, 'unit-browser');
  });

  after(async () => {
    await browser?.close();
    run?.dispose();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('aborts and reports requests to other hosts, and lets 127.0.0.1 through', async () => {
    const port = (server.address() as AddressInfo).port;
    const before = abortedRequests.length;
    await browser.page.goto(`http://127.0.0.1:${port}/`);
    await browser.page.waitForFunction(() => {
      const r = (globalThis as unknown as { results: Record<string, string> }).results;
      return r.local && r.remote && r.ws;
    }, null, { timeout: 30_000 });
    const results = await browser.page.evaluate(() => (globalThis as unknown as { results: Record<string, string> }).results);
    assert.deepEqual(results, { local: 'loaded', remote: 'blocked', ws: 'blocked' });
    const reported = browser.aborted.join('\n');
    assert.match(reported, /^http:\/\/example\.com\/data\.json$/m);
    assert.match(reported, /^https:\/\/open-vsx\.org\/logo\.png$/m);
    assert.match(reported, /^ws:\/\/example\.org\/socket$/m);
    assert.ok(!reported.includes('127.0.0.1'), `a loopback request was reported: ${reported}`);
    assert.equal(abortedRequests.length - before, browser.aborted.length, 'the run summary misses some');
  });
});
