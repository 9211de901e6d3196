import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/lint/problem';
import { entryLinks, parseShortLinks, shortenAll, ShortenError, shortenUrl, shortLinkEdits } from '../../../src/core/links/shortener';
import { normalizeLink } from '../../../src/core/markdown';
import { readSettings } from '../../../src/core/settings';
import { SIGNATURE, startYourls } from './servers';

const version = 'test';

describe('links/shortener against a YOURLS-shaped server on 127.0.0.1', () => {
  let yourls: Awaited<ReturnType<typeof startYourls>>;
  const config = () => ({ url: `${yourls.origin}/yourls-api.php`, signature: SIGNATURE });

  beforeEach(async () => {
    yourls = await startYourls();
  });
  afterEach(() => yourls.close());

  it('asks with action=shorturl, format=json, the URL and the signature, and returns the short link', async () => {
    const short = await shortenUrl('https://blog.example/a post?x=1', config(), { version });
    assert.equal(short, `${yourls.origin}/1`);
    const asked = new URL(yourls.requests[0].slice(4), 'http://x').searchParams;
    assert.equal(asked.get('action'), 'shorturl');
    assert.equal(asked.get('format'), 'json');
    assert.equal(asked.get('url'), 'https://blog.example/a post?x=1');
    assert.equal(asked.get('signature'), SIGNATURE);
  });

  it('a link the shortener already has (error:url) gets its existing short link', async () => {
    const first = await shortenUrl('https://blog.example/a', config(), { version });
    const again = await shortenUrl('https://blog.example/a', config(), { version });
    assert.equal(again, first);
  });

  it('a bad signature, a timeout and an answer that is not JSON are errors that say why', async () => {
    await assert.rejects(shortenUrl('https://blog.example/a', { ...config(), signature: 'wrong' }, { version }), (e: Error) => e instanceof ShortenError && /refused the signature \(HTTP 403/.test(e.message));
    await assert.rejects(shortenUrl('https://blog.example/slow', config(), { version, timeoutMs: 200 }), (e: Error) => e instanceof ShortenError && /did not answer: Timed out after 0\.2 s/.test(e.message));
    await assert.rejects(shortenUrl('https://blog.example/notjson', config(), { version }), /not JSON/);
    await assert.rejects(shortenUrl('https://blog.example/a', { ...config(), signature: '' }, { version }), /No shortener signature/);
    await assert.rejects(shortenUrl('javascript:alert(1)', config(), { version }), /Not an http\(s\) link/);
  });

  it('shortenAll: known links are never asked again, each new link once, failures stay long and say why', async () => {
    const known = new Map([[normalizeLink('https://blog.example/known'), `${yourls.origin}/k`]]);
    const shorten = (url: string) => shortenUrl(url, config(), { version, timeoutMs: 300 });
    const result = await shortenAll(
      ['https://blog.example/known', 'https://blog.example/new', 'http://blog.example/new/', 'https://blog.example/slow', `${yourls.origin}/k`],
      known,
      shorten,
      { shortenerUrl: config().url },
    );
    assert.equal(yourls.requests.length, 2, yourls.requests.join('\n'));
    assert.deepEqual([...result.made], [[normalizeLink('https://blog.example/new'), `${yourls.origin}/1`]]);
    assert.equal(result.links.get(normalizeLink('https://blog.example/known')), `${yourls.origin}/k`);
    assert.deepEqual(result.failures.map((f) => f.url), ['https://blog.example/slow']);
    assert.match(result.failures[0].message, /Timed out/);
    // A second round with what was made: nothing is asked again.
    const again = await shortenAll(['https://blog.example/new'], result.links, shorten);
    assert.equal(yourls.requests.length, 2);
    assert.equal(again.made.size, 0);
  });
});

describe('links/shortener: the entry links of a post and their replacement', () => {
  const post = [
    '---',
    'title: x',
    'link: https://front.example/matter',
    '---',
    '',
    'Prose with [a link](https://prose.example/x) is left alone.',
    '',
    '* [Ivan Chavero](https://www.rdoproject.org/blog/ivan/)',
    '',
    '**Title** by Someone',
    '',
    '> Quote.',
    '',
    '... read more at [https://blog.example/a](https://blog.example/a)',
    '',
    '... read more at <https://blog.example/b>',
    '',
  ].join('\n');

  it('finds read-more links and one-link list items, not prose or front matter', () => {
    assert.deepEqual(entryLinks(post).map((l) => l.url), ['https://www.rdoproject.org/blog/ivan/', 'https://blog.example/a', 'https://blog.example/b']);
  });

  it('finds the links of the blog\'s other wordings: Read more at, a linked title without a read-more line', () => {
    const other = [
      '---', 'title: x', '---', '',
      '**[Linked](https://blog.example/l)** by [Someone](https://someone.example)', '', '> Quote.', '',
      '**[Both](https://blog.example/t)** by A', '', '> Quote.', '',
      'Read more at [https://blog.example/t](https://blog.example/t)', '',
      '**[Register](https://summit.example)** for the summit.', '',
    ].join('\n');
    assert.deepEqual(entryLinks(other).map((l) => l.url), ['https://blog.example/l', 'https://blog.example/t']);
  });

  it('puts the short links in, in the link text too when it is the URL', () => {
    const links = new Map([
      [normalizeLink('https://blog.example/a'), 'http://tm3.org/6e'],
      [normalizeLink('https://blog.example/b'), 'http://tm3.org/6f'],
      [normalizeLink('https://www.rdoproject.org/blog/ivan'), 'http://tm3.org/6g'],
    ]);
    const out = applyEdits(post, shortLinkEdits(post, links));
    assert.ok(out.includes('* [Ivan Chavero](http://tm3.org/6g)'));
    assert.ok(out.includes('... read more at [http://tm3.org/6e](http://tm3.org/6e)'));
    assert.ok(out.includes('... read more at <http://tm3.org/6f>'));
    assert.ok(out.includes('[a link](https://prose.example/x)'));
    assert.deepEqual(shortLinkEdits(out, links), [], 'short links are not replaced again');
  });

  it('reads a saved map, dropping values that are not links', () => {
    assert.deepEqual([...parseShortLinks({ a: 'http://tm3.org/1', b: 3, c: 'javascript:x' })], [['a', 'http://tm3.org/1']]);
    assert.equal(parseShortLinks(null).size, 0);
  });
});

describe('roundup.shortener and roundup.readMoreShortLink settings', () => {
  const read = (values: Record<string, unknown>) => readSettings((k) => values[k]);

  it('off by default; a url turns it on; a signature in the settings is ignored with a warning', () => {
    assert.equal(read({}).settings.shortener, undefined);
    assert.deepEqual(read({ 'roundup.shortener': { url: 'https://tm3.org/yourls-api.php' } }).settings.shortener, { url: 'https://tm3.org/yourls-api.php' });
    const withSecret = read({ 'roundup.shortener': { url: 'https://tm3.org/yourls-api.php', signature: 'abc' } });
    assert.deepEqual(withSecret.settings.shortener, { url: 'https://tm3.org/yourls-api.php' });
    assert.match(withSecret.warnings[0].message, /not read from settings files/);
    assert.equal(read({ 'roundup.shortener': { url: 'ftp://x' } }).settings.shortener, undefined);
    assert.equal(read({ 'roundup.readMoreShortLink': true }).settings.readMoreShortLink, true);
  });
});
