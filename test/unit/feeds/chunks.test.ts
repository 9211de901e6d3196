/**
 * A large document is parsed in chunks of entries: the result must be the one a
 * parse of the whole document gives, on the realistic fixtures, the issue classes and documents made
 * to trip a cut (CDATA and comments holding `</item>`, xml:base, elements after the entries); and a
 * document that chunks could read differently is not cut.
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { decodeBody } from '../../../src/core/feeds/charset';
import { entryChunks } from '../../../src/core/feeds/chunks';
import { parseFeed, type ParsedFeed } from '../../../src/core/feeds/parse';
import type { FeedSource } from '../../../src/core/feeds/types';
import { CASES } from './classes';
import { FIXTURES, fixtureBytes } from './helpers';
import { bigRss } from './hostile';

/** Counts rss-parser's parses while `run` runs: one per chunk, or one for the whole. */
async function countParses<T>(run: () => Promise<T>): Promise<{ result: T; parses: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const proto = (require('rss-parser') as { prototype: { parseString: (xml: string) => Promise<unknown> } }).prototype;
  const original = proto.parseString;
  let parses = 0;
  proto.parseString = function (this: unknown, xml: string) {
    parses++;
    return original.call(this, xml);
  };
  try {
    return { result: await run(), parses };
  } finally {
    proto.parseString = original;
  }
}

type Outcome = ParsedFeed | { error: string };

async function outcome(xml: string, source: FeedSource, chunkSize: number): Promise<{ got: Outcome; parses: number }> {
  const { result, parses } = await countParses(async () => {
    try {
      return await parseFeed(xml, source, { chunkSize });
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
  return { got: result, parses };
}

/**
 * The document parsed whole and in chunks of (about) `chunkSize` characters: the same outcome; the
 * number of rss-parser parses the chunked one took.
 */
async function sameBothWays(xml: string, chunkSize = 1, source: FeedSource = { url: 'https://feeds.example/feed.xml' }) {
  const whole = await outcome(xml, source, Number.MAX_SAFE_INTEGER);
  assert.ok(whole.parses <= 2, 'the whole document is parsed once (twice when cut off)');
  const chunked = await outcome(xml, source, chunkSize);
  assert.deepEqual(chunked.got, whole.got);
  return { parses: chunked.parses, whole: whole.got };
}

const RSS_HEAD =
  '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">' +
  '<channel xml:base="https://site.example/blog/"><title>Tricky</title><link>https://site.example/</link>' +
  '<description><![CDATA[A channel <b>description</b> with </item> in CDATA]]></description>\n';

/** RSS whose entries hold what a careless cut would split at. */
const TRICKY_RSS =
  RSS_HEAD +
  '<!-- the entries: <item><title>not one</title></item> -->\n' +
  '<item><title><![CDATA[One: CDATA holding </item> and <item>]]></title><link>posts/1.html</link>' +
  '<content:encoded><![CDATA[<p>See <a href="../about/">about</a></item><item> and <img src="img/1.png"></p>]]></content:encoded>' +
  '<pubDate>Mon, 02 May 2016 10:00:00 GMT</pubDate><dc:creator><![CDATA[Ann]]></dc:creator></item>\n' +
  '<!-- between: </item> <item> -->\n' +
  '<?processing instruction </item>?>\n' +
  '<item xml:base="https://other.example/x/"><title>Two &amp; a half</title><link>two.html</link>' +
  '<description>&lt;p&gt;Escaped &lt;a href="rel/"&gt;link&lt;/a&gt;&lt;/p&gt;</description>' +
  '<guid isPermaLink="false">two</guid><pubDate>Mon, 02 May 2016 11:00:00 GMT</pubDate></item>\n' +
  '<item><title attr="a > b">Three <b>bold</b></title><link>https://site.example/3</link><!-- </item> -->' +
  '<description>No date, a comment inside</description></item>\n' +
  '<item/>\n' +
  '<item><title>Same link</title><link>https://site.example/3</link></item>\n' +
  '<item><title>Same link</title><link>https://site.example/3</link></item>\n' +
  '<atom:link href="https://site.example/feed/" rel="self"/><image><url>https://site.example/i.png</url></image>\n' +
  '</channel></rss>\n';

const TRICKY_ATOM =
  '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/a/b/">' +
  '<title>Atom</title><link href="/"/><author><name>Feed Author</name></author><updated>2016-05-02T10:00:00Z</updated>\n' +
  '<entry xml:base="../c/"><id>urn:1</id><title type="html">One &amp;amp; <![CDATA[</entry>]]></title>' +
  '<link rel="alternate" href="one.html"/><published>2016-05-02T10:00:00Z</published>' +
  '<content type="html" xml:base="/d/"><![CDATA[<p><a href="e.html">e</a></entry><entry></p>]]></content></entry>\n' +
  '<entry><id>urn:2</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Two <b>xhtml</b></div></title>' +
  '<link href="two.html"/><link rel="self" href="two.xml"/><updated>not a date</updated>' +
  '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para <a href="x/">x</a></p></div></content>' +
  '<author><name>Bea</name></author><author><name>Cy</name></author></entry>\n' +
  '<entry><id>urn:3</id><title>Three</title><link>https://atom.example/three</link><summary>Plain &lt;text&gt;</summary></entry>\n' +
  '</feed>';

const RDF =
  '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"' +
  ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://rdf.example/"><title>RDF</title>' +
  '<link>https://rdf.example/</link><items><rdf:Seq><rdf:li resource="https://rdf.example/1"/></rdf:Seq></items></channel>\n' +
  '<item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link><dc:date>2016-05-02</dc:date></item>\n' +
  '<item rdf:about="https://rdf.example/2"><title>Two</title><link>https://rdf.example/2</link></item>\n' +
  '<textinput rdf:about="https://rdf.example/search"><title>Search</title></textinput></rdf:RDF>';

describe('feeds/parse: a large document in chunks of entries reads as the whole', () => {
  it('every fixture feed and every issue class: the same entries, title, link and warnings', async () => {
    const names = readdirSync(FIXTURES).filter((n) => /\.(xml|rdf)$/.test(n));
    const charset = readdirSync(`${FIXTURES}/charset`).map((n) => `charset/${n}`);
    let chunkedDocs = 0;
    for (const name of [...names, ...charset]) {
      const { text } = decodeBody(fixtureBytes(name));
      const { parses, whole } = await sameBothWays(text);
      if (parses > 1) chunkedDocs++;
      // (A document with a DOCTYPE is always parsed whole.)
      if ('entries' in whole && whole.entries.length > 1 && !text.includes('<!DOCTYPE')) {
        assert.ok(parses > 1, `${name} is read in chunks`);
      }
    }
    for (const c of CASES) {
      const bytes = typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body;
      const { parses } = await sameBothWays(decodeBody(bytes, c.contentType).text);
      if (parses > 1) chunkedDocs++;
    }
    assert.ok(chunkedDocs >= 15, `${chunkedDocs} documents were read in chunks`);
  });

  it('CDATA and comments holding </item>, processing instructions, xml:base, repeated links, elements after the entries', async () => {
    const rss = await sameBothWays(TRICKY_RSS);
    assert.equal(rss.parses, 6, 'one parse per entry');
    assert.ok('entries' in rss.whole);
    assert.deepEqual(
      rss.whole.entries.map((e) => e.link),
      [
        'https://site.example/blog/posts/1.html',
        'https://other.example/x/two.html',
        'https://site.example/3',
        '', // <item/>: an untitled entry without a link
        'https://site.example/3',
        'https://site.example/3',
      ],
    );
    assert.equal(new Set(rss.whole.entries.map((e) => e.id)).size, 6, 'one link, still an id each');
    assert.match(rss.whole.entries[0].summaryHtml, /<\/item><item>/);
    // Chunks of several entries, cut where they end.
    for (const size of [200, 400, 700]) assert.ok((await sameBothWays(TRICKY_RSS, size)).parses > 1);

    const atom = await sameBothWays(TRICKY_ATOM);
    assert.equal(atom.parses, 3);
    assert.ok('entries' in atom.whole);
    assert.deepEqual(
      atom.whole.entries.map((e) => [e.title, e.link, e.author]),
      [
        ['One &', 'https://atom.example/a/c/one.html', 'Feed Author'],
        ['Two xhtml', 'https://atom.example/a/b/two.html', 'Bea, Cy'],
        ['Three', 'https://atom.example/three', 'Feed Author'],
      ],
    );
    assert.match(atom.whole.entries[0].summaryHtml, /href="https:\/\/atom\.example\/d\/e\.html"/);

    const rdf = await sameBothWays(RDF);
    assert.equal(rdf.parses, 2);
  });

  it('a big feed: chunks of a few kilobytes, and of 64 KB by default', async () => {
    const big = bigRss(3000);
    const small = await sameBothWays(big, 8192);
    assert.ok(small.parses > 100, `${small.parses} chunks`);
    assert.ok('entries' in small.whole);
    assert.equal(small.whole.entries.length, 3000);
    const source = { url: 'https://big.example.org/feed' };
    const byDefault = await countParses(() => parseFeed(bigRss(6000), source));
    assert.ok(byDefault.parses > 1, 'a 3 MB feed is cut by default');
    const tiny = await countParses(() => parseFeed(bigRss(5), source));
    assert.equal(tiny.parses, 1, 'a small feed is parsed whole');
  });

  it('a big feed\'s chunks are read in turns of the event loop of their own: a timer runs during the parse', async () => {
    let parsed = false;
    let timerDuringParse: boolean | undefined;
    setTimeout(() => (timerDuringParse = !parsed), 0);
    const { result, parses } = await countParses(() => parseFeed(bigRss(6000), { url: 'https://big.example.org/feed' }));
    parsed = true;
    assert.ok(parses > 10, `${parses} chunks`);
    assert.equal(result.entries.length, 6000);
    assert.equal(timerDuringParse, true, 'the timer ran only after the whole parse');
  });

  it('a document that chunks could read differently is parsed whole', async () => {
    const head = '<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>';
    const item = (n: number) => `<item><title>${n}</title><link>https://t.example/${n}</link></item>`;
    const cases: Record<string, string> = {
      'text between entries': `${head}${item(1)} stray text ${item(2)}${item(3)}</channel></rss>`,
      'CDATA between entries': `${head}${item(1)}<![CDATA[x]]>${item(2)}${item(3)}</channel></rss>`,
      'an element between entries': `${head}${item(1)}<ttl>5</ttl>${item(2)}${item(3)}</channel></rss>`,
      'an entry after the channel': `${head}${item(1)}${item(2)}</channel>${item(3)}</rss>`,
      'a declaration': `<!DOCTYPE rss SYSTEM "x.dtd">${head}${item(1)}${item(2)}${item(3)}</channel></rss>`,
      'an entry that does not end': `${head}${item(1)}${item(2)}<item><title>3</title></channel></rss>`,
    };
    for (const [what, xml] of Object.entries(cases)) {
      assert.equal(entryChunks(xml, 'rss2', 1), undefined, what);
      const { parses } = await sameBothWays(xml);
      assert.ok(parses <= 2, `${what}: parsed whole (${parses})`);
    }
    // And the one without such a thing is cut.
    assert.deepEqual(entryChunks(`${head}${item(1)}\n${item(2)}</channel></rss>`, 'rss2', 1)?.length, 3);
  });

  it('a chunk that cannot be read: the error, or the cut-off feed, of the whole document', async () => {
    const head = '<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>\n';
    const item = (n: number) => `<item><title>${n}</title><link>https://t.example/${n}</link></item>\n`;
    const broken = `${head}${item(1)}${item(2)}<item><title>3</title><guid>3<b></guid></item>\n${item(4)}</channel></rss>`;
    const { whole } = await sameBothWays(broken);
    assert.ok('error' in whole);
    assert.match(whole.error, /Not an RSS, Atom or JSON feed: the XML is malformed .* at line 4/);
    // Cut off after a whole entry: every entry is whole, the tail is missing.
    const cut = await sameBothWays(`${head}${item(1)}${item(2)}${item(3)}`);
    assert.ok('entries' in cut.whole);
    assert.equal(cut.whole.entries.length, 3);
    assert.equal(cut.whole.warnings.length, 1);
  });
});
