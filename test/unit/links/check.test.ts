import * as assert from 'node:assert/strict';
import { checkLink, checkLinks, describeLinkResult, shortHostsOf, freshResults, linkProblems, postLinks, updateCache, type LinkResult } from '../../../src/core/links/check';
import { applyEdits } from '../../../src/core/lint/problem';
import { startLinkServer, type Server } from './servers';

const version = 'test';

describe('links/check against a link server on 127.0.0.1', () => {
  let links: Server;
  before(async () => {
    links = await startLinkServer(2000);
  });
  after(() => links.close());
  const at = (p: string) => `${links.origin}${p}`;

  it('a live link is live after one HEAD', async () => {
    const before = links.requests.length;
    const r = await checkLink(at('/live'), { version });
    assert.deepEqual(r, { kind: 'live', url: at('/live'), finalUrl: at('/live'), statusCode: 200 });
    assert.deepEqual(links.requests.slice(before), ['HEAD /live']);
  });

  it('HEAD refused (405) or dropped: GET decides', async () => {
    const before = links.requests.length;
    assert.equal((await checkLink(at('/get-only'), { version })).kind, 'live');
    assert.deepEqual(links.requests.slice(before), ['HEAD /get-only', 'GET /get-only']);
    assert.equal((await checkLink(at('/drop'), { version })).kind, 'live');
  });

  it('dead: 404, 410, 500, a refused connection, a DNS failure, a timeout, a redirect loop', async () => {
    const dead = async (url: string, timeoutMs?: number) => {
      const r = await checkLink(url, { version, timeoutMs });
      assert.equal(r.kind, 'dead', `${url}: ${JSON.stringify(r)}`);
      return r.kind === 'dead' ? r.reason : '';
    };
    assert.equal(await dead(at('/dead')), 'HTTP 404 Not Found');
    assert.equal(await dead(at('/gone')), 'HTTP 410 Gone');
    assert.equal(await dead(at('/error')), 'HTTP 500 Internal Server Error');
    assert.match(await dead('http://127.0.0.1:1/nothing'), /Connection refused/);
    // A resolver that knows no name: the DNS failure without asking any server but 127.0.0.1.
    const nxdomain = ((host: string, _o: unknown, cb: (e: NodeJS.ErrnoException) => void) => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }))) as unknown as import('node:net').LookupFunction;
    const dns = await checkLink('http://no-such-host.invalid/x', { version, lookup: nxdomain });
    assert.equal(dns.kind === 'dead' && dns.reason, 'Could not find the server no-such-host.invalid (DNS lookup failed)');
    assert.match(await dead(at('/slow'), 200), /Timed out after 0\.2 s/);
    assert.match(await dead(at('/loop-a')), /Redirect loop/);
  });

  it('a redirect is reported with its final URL; a short link is not, and its target is checked', async () => {
    assert.deepEqual(await checkLink(at('/moved'), { version }), { kind: 'redirected', url: at('/moved'), finalUrl: at('/live'), statusCode: 200 });
    const short = await checkLink(at('/short/1'), { version, shortHosts: ['127.0.0.1'] });
    assert.equal(short.kind, 'live');
    assert.equal(short.kind === 'live' && short.finalUrl, at('/live'));
    assert.equal((await checkLink(at('/short/1'), { version, maxRedirects: 1 })).kind, 'dead', 'too many redirects');
    assert.deepEqual(shortHostsOf({ url: 'https://TM3.org/yourls-api.php' }), ['tm3.org']);
    assert.deepEqual(shortHostsOf({ url: 'http://a b/' }), []);
    assert.deepEqual(shortHostsOf(undefined), []);
  });

  it('checkLinks: each distinct link once, at most `concurrency` at once, each reported as done; cancel stops it', async () => {
    const urls = [at('/live'), at('/dead'), at('/moved'), at('/live'), at('/gone')];
    const seen: string[] = [];
    const results = await checkLinks(urls, { version, concurrency: 2, onResult: (r) => seen.push(r.url) });
    assert.equal(results.size, 4);
    assert.deepEqual([...seen].sort(), [...new Set(urls)].sort());
    const abort = new AbortController();
    const pending = checkLinks([at('/slow'), at('/live')], { version, concurrency: 1, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    const cancelled = await pending;
    assert.equal(cancelled.size, 0);
  });
});

describe('links/check: the post, the cache, the problems', () => {
  const post = [
    '---',
    'title: x',
    'image: https://front.example/x.png',
    '---',
    '',
    'See [docs](https://docs.example/dead) and ![logo](https://img.example/live.png).',
    '',
    '... read more at [https://blog.example/moved](https://blog.example/moved)',
    '',
  ].join('\n');
  const results = new Map<string, LinkResult>([
    ['https://docs.example/dead', { kind: 'dead', url: 'https://docs.example/dead', reason: 'HTTP 404 Not Found', statusCode: 404 }],
    ['https://img.example/live.png', { kind: 'live', url: 'https://img.example/live.png', finalUrl: 'https://img.example/live.png', statusCode: 200 }],
    ['https://blog.example/moved', { kind: 'redirected', url: 'https://blog.example/moved', finalUrl: 'https://blog.example/2016/moved/', statusCode: 200 }],
  ]);

  it('the body\'s links, images too, not the front matter', () => {
    assert.deepEqual(postLinks(post).map((l) => l.url), ['https://docs.example/dead', 'https://img.example/live.png', 'https://blog.example/moved']);
  });

  it('post-dead-link on the dead one; post-redirected-link with a fix to the final URL, link text too', () => {
    const problems = linkProblems(post, results);
    assert.deepEqual(problems.map((p) => [p.rule, p.severity, post.slice(p.start, p.end)]), [
      ['post-dead-link', 'error', 'https://docs.example/dead'],
      ['post-redirected-link', 'warning', 'https://blog.example/moved'],
    ]);
    assert.equal(problems[0].message, 'Dead link: HTTP 404 Not Found');
    const fixed = applyEdits(post, problems[1].fixes[0].edits);
    assert.ok(fixed.includes('... read more at [https://blog.example/2016/moved/](https://blog.example/2016/moved/)'));
    assert.deepEqual(linkProblems(post, results, { 'post-dead-link': 'off', 'post-redirected-link': 'info' }).map((p) => [p.rule, p.severity]), [['post-redirected-link', 'info']]);
  });

  it('results are cached for a day', () => {
    const now = new Date('2016-05-17T12:00:00Z');
    const cache = updateCache(undefined, results, now);
    const urls = [...results.keys()];
    assert.equal(freshResults(cache, urls, new Date('2016-05-18T11:59:00Z')).size, 3);
    assert.equal(freshResults(cache, urls, new Date('2016-05-18T12:00:01Z')).size, 0);
    assert.deepEqual(Object.keys(updateCache(cache, new Map(), new Date('2016-05-19T00:00:00Z'))), []);
    assert.equal(freshResults('junk', urls, now).size, 0);
  });
});

describe('links/check: the log line of a result', () => {
  it('says the status, where a link went and why a link is dead', () => {
    assert.equal(describeLinkResult({ kind: 'live', url: 'https://a.example/x', finalUrl: 'https://a.example/x', statusCode: 200 }),
      'https://a.example/x: 200 (live)');
    assert.equal(describeLinkResult({ kind: 'redirected', url: 'http://a.example/x', finalUrl: 'https://a.example/y', statusCode: 200 }),
      'http://a.example/x -> https://a.example/y: 200 (redirected)');
    assert.equal(describeLinkResult({ kind: 'dead', url: 'https://a.example/z', reason: 'Not Found', statusCode: 404 }),
      'https://a.example/z: 404 dead (Not Found)');
    assert.equal(describeLinkResult({ kind: 'dead', url: 'https://nowhere.example/', reason: 'Timed out after 10 s' }),
      'https://nowhere.example/: dead (Timed out after 10 s)');
  });
});
