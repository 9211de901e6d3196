import * as assert from 'assert/strict';
import { decodeBody } from '../../../src/core/feeds/charset';
import { parseFeed } from '../../../src/core/feeds/parse';
import { FeedParseError, type FeedEntry } from '../../../src/core/feeds/types';
import { fixtureBytes, fixtureText } from './helpers';

function byId(entries: FeedEntry[], id: string): FeedEntry {
  const e = entries.find((x) => x.id === id);
  assert.ok(e, `no entry ${id} among ${entries.map((x) => x.id).join(', ')}`);
  return e;
}

async function parseError(xml: string): Promise<FeedParseError> {
  try {
    await parseFeed(xml, { url: 'https://example.org/feed.xml' });
  } catch (e) {
    assert.ok(e instanceof FeedParseError, `expected a FeedParseError, got ${String(e)}`);
    return e;
  }
  assert.fail('parseFeed did not reject');
}

describe('feeds/parse: formats', () => {
  it('reads RSS 0.91 (Netscape DOCTYPE, HTML entities, relative link)', async () => {
    const feed = await parseFeed(fixtureText('scripting-news-rss091.xml'), {
      url: 'http://www.scripting.example/rss.xml',
      author: 'Dave Winer',
    });
    assert.equal(feed.format, 'rss0.9');
    assert.equal(feed.title, 'Scripting News');
    assert.equal(feed.entries.length, 2);
    const [first, second] = feed.entries;
    assert.deepEqual(first, {
      id: 'http://www.scripting.example/stuff.html',
      feed: 'Scripting News',
      title: 'stuff.html',
      author: 'Dave Winer',
      link: 'http://www.scripting.example/stuff.html',
      published: '',
      summaryHtml:
        '"rssflowersalignright" With any luck we should have one or two more days of namespaces stuff here on Scripting News.',
    });
    assert.equal(second.title, 'Café notes & a résumé');
    assert.equal(second.link, 'http://www.scripting.example/2002/09/30.html#cafe');
    assert.equal(second.summaryHtml, 'Notes from the café, written on a Monday.');
  });

  it('reads RSS 1.0 (RDF) from a planet: dc:creator, dc:date, content:encoded, rdf:about', async () => {
    const feed = await parseFeed(fixtureText('planet-rss10.rdf'), { url: 'https://planet.example.org/rss10.xml' });
    assert.equal(feed.format, 'rss1');
    assert.equal(feed.title, 'Planet Example');
    assert.equal(feed.link, 'https://planet.example.org/');
    assert.equal(feed.entries.length, 3);
    const alice = byId(feed.entries, 'https://blog.alice.example/2016/06/containers-at-cern');
    assert.equal(alice.author, 'Alice Smith');
    assert.equal(alice.title, 'Alice Smith: Containers and the CERN cloud');
    assert.equal(alice.published, '2016-06-21T09:15:00.000Z');
    assert.match(alice.summaryHtml, /^<p>In recent years, different groups at CERN/);
    const bob = byId(feed.entries, 'https://bob.example.net/posts/tripleo-upgrades');
    assert.equal(bob.title, 'Bob Jones: TripleO upgrades, the “hard” way');
    assert.equal(bob.published, '2016-06-20T21:40:12.000Z');
    assert.equal(bob.summaryHtml, '<p>Upgrading a running cloud is never easy &mdash; here is how we did it.</p>');
    const carol = byId(feed.entries, 'https://carol.example.com/?p=42');
    assert.equal(carol.published, '2016-06-19T00:00:00.000Z');
    assert.equal(carol.summaryHtml, 'Three days, forty talks, one notebook.');
    assert.equal(carol.feed, 'Planet Example');
  });

  it('reads RSS 2.0 from WordPress: entities, CDATA, guid, content:encoded over description', async () => {
    const feed = await parseFeed(fixtureText('wordpress-rss2.xml'), { url: 'https://blog.rdo.example/feed/' });
    assert.equal(feed.format, 'rss2');
    assert.equal(feed.title, 'RDO Community Blog');
    assert.equal(feed.entries.length, 6, 'every item is kept');
    const first = feed.entries[0];
    assert.deepEqual(first, {
      id: 'https://blog.rdo.example/?p=1234',
      feed: 'RDO Community Blog',
      title: 'What’s new in RDO “Mitaka” & beyond',
      author: 'Rich Bowen',
      link: 'https://blog.rdo.example/2016/06/whats-new-in-rdo-mitaka/',
      published: '2016-06-21T14:03:11.000Z',
      summaryHtml:
        '<p>The Mitaka release is out. Here&#8217;s what&#8217;s new in <strong>RDO</strong>.</p>\n<p>Packages for CentOS 7 are available now.</p>',
    });
  });

  it('reads Atom 1.0 from GitHub releases: updated as the date, entry authors, HTML content', async () => {
    const feed = await parseFeed(fixtureText('github-releases-atom.xml'), {
      url: 'https://github.com/example-org/roundup-tools/releases.atom',
    });
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Release notes from roundup-tools');
    assert.equal(feed.link, 'https://github.com/example-org/roundup-tools/releases');
    assert.equal(feed.entries.length, 2);
    const [v120, v110] = feed.entries;
    assert.equal(v120.id, 'tag:github.com,2008:Repository/123456/v1.2.0');
    assert.equal(v120.title, 'v1.2.0');
    assert.equal(v120.author, 'octocat');
    assert.equal(v120.link, 'https://github.com/example-org/roundup-tools/releases/tag/v1.2.0');
    assert.equal(v120.published, '2024-03-02T10:11:12.000Z');
    assert.match(v120.summaryHtml, /^<h2>What&#39;s Changed<\/h2>/);
    assert.equal(v110.author, 'hubot');
  });

  it('uses the configured name over the feed title, and the URL when there is neither', async () => {
    const named = await parseFeed(fixtureText('github-releases-atom.xml'), { url: 'https://x.example/a', name: ' Tools ' });
    assert.equal(named.entries[0].feed, 'Tools');
    const untitled = await parseFeed(
      '<rss version="2.0"><channel><item><title>t</title><link>https://x.example/1</link></item></channel></rss>',
      { url: 'https://x.example/untitled.xml' },
    );
    assert.equal(untitled.entries[0].feed, 'https://x.example/untitled.xml');
  });
});

describe('feeds/parse: normalization', () => {
  it('keeps every Atom entry when one date is unparseable (rss-parser alone rejects the feed)', async () => {
    const xml = fixtureText('blogger-atom.xml');
    // The reason for the workaround: rss-parser's parseItemAtom calls new Date(published).toISOString().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Parser = require('rss-parser') as typeof import('rss-parser');
    await assert.rejects(new Parser().parseString(xml), (e: Error) => e instanceof RangeError);

    const feed = await parseFeed(xml, { url: 'https://cloudnotes.example.com/feeds/posts/default' });
    assert.equal(feed.entries.length, 4);
    const broken = byId(feed.entries, 'tag:blogger.com,1999:blog-1111111111111111111.post-2');
    assert.equal(broken.title, 'A post whose published date is broken');
    assert.equal(broken.published, '2016-06-20T08:00:00.000Z', 'falls back to <updated>');
    assert.equal(broken.author, 'Fox Mulder');
    const neverUpdated = byId(feed.entries, 'tag:blogger.com,1999:blog-1111111111111111111.post-3');
    assert.equal(neverUpdated.published, '2016-06-19T08:00:00.000Z');
  });

  it("switches off rss-parser's snippets (never read) and still gives the entry's HTML", async () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>urn:1</id><title>A</title>' +
      '<content type="html">&lt;p&gt;Words &amp;amp; more&lt;/p&gt;</content></entry></feed>';
    const feed = await parseFeed(xml, { url: 'https://x.example/feed' });
    assert.equal(feed.entries[0].summaryHtml, '<p>Words &amp; more</p>');
    // The module parseFeed loaded: its snippet step now gives nothing (it would give "Words & more").
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Parser = require('rss-parser') as typeof import('rss-parser');
    const bare = await new Parser().parseString(xml);
    assert.equal(bare.items[0].contentSnippet, '');
    assert.equal(bare.items[0].content, '<p>Words &amp; more</p>');
  });

  it('prefers the alternate link over replies/edit/self links, and keeps entries without one', async () => {
    const feed = await parseFeed(fixtureText('blogger-atom.xml'), { url: 'https://cloudnotes.example.com/feeds/posts/default' });
    const first = byId(feed.entries, 'tag:blogger.com,1999:blog-1111111111111111111.post-1');
    assert.equal(first.link, 'https://cloudnotes.example.com/2016/06/neutron-dvr.html');
    assert.equal(first.title, 'Neutron & the “DVR” question');
    const linkless = byId(feed.entries, 'tag:blogger.com,1999:blog-1111111111111111111.post-3');
    assert.equal(linkless.link, '');
  });

  it("uses the Atom feed-level author for entries that name none", async () => {
    const feed = await parseFeed(fixtureText('blogger-atom.xml'), {
      url: 'https://cloudnotes.example.com/feeds/posts/default',
      author: 'Configured Person',
    });
    const noAuthor = byId(feed.entries, 'tag:blogger.com,1999:blog-1111111111111111111.post-4');
    assert.equal(noAuthor.author, 'Dana Scully');
  });

  it('gives untitled entries the first words of their summary', async () => {
    const feed = await parseFeed(fixtureText('blogger-atom.xml'), { url: 'https://cloudnotes.example.com/feeds/posts/default' });
    const untitled = byId(feed.entries, 'tag:blogger.com,1999:blog-1111111111111111111.post-3');
    assert.equal(untitled.title, 'Untitled post: quick links from this week, nothing more and…');
  });

  it('resolves links against xml:base (feed and entry) and reads typed Atom text', async () => {
    const feed = await parseFeed(fixtureText('planet-atom-xmlbase.xml'), {
      url: 'https://mirror.example.com/erin/atom.xml',
    });
    assert.equal(feed.title, 'Erin’s notebook');
    assert.equal(feed.link, 'https://people.example.org/~erin/');
    const [viaFeedBase, viaEntryBase, entities, bareLink] = feed.entries;
    assert.equal(viaFeedBase.link, 'https://people.example.org/~erin/2024/02/base.html');
    assert.equal(viaFeedBase.author, 'Erin Example');
    assert.equal(viaFeedBase.feed, 'Erin’s notebook');
    assert.equal(viaFeedBase.summaryHtml, 'Plain text summary with a &lt;tag&gt; in it &amp; an ampersand.');
    assert.equal(viaEntryBase.link, 'https://archive.example.net/erin/old/post.html');
    assert.equal(viaEntryBase.published, '2024-02-09T13:00:00.000Z');
    assert.equal(viaEntryBase.summaryHtml, '<p>This is <strong>XHTML</strong> content.</p>');
    assert.equal(entities.title, 'Numeric “refs” & named é');
    assert.equal(entities.link, 'https://people.example.org/site-relative.html');
    assert.equal(bareLink.link, 'https://people.example.org/~erin/2024/02/bare-link.html');
    assert.equal(bareLink.title, 'A link without attributes');
  });

  it('resolves relative RSS links against the channel link, else the document URL', async () => {
    const wp = await parseFeed(fixtureText('wordpress-rss2.xml'), { url: 'https://feeds.example.net/rdo' });
    assert.equal(wp.entries[1].link, 'https://blog.rdo.example/2016/06/cdata-title/');
    const noChannelLink = await parseFeed(
      '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>posts/a.html</link></item></channel></rss>',
      { url: 'https://x.example/start.xml' },
      { documentUrl: 'https://x.example/feeds/final.xml' },
    );
    assert.equal(noChannelLink.entries[0].link, 'https://x.example/feeds/posts/a.html');
  });

  it('decodes CDATA titles, dropping inline markup', async () => {
    const feed = await parseFeed(fixtureText('wordpress-rss2.xml'), { url: 'https://blog.rdo.example/feed/' });
    assert.equal(feed.entries[1].title, 'CDATA title: bold & &');
    assert.equal(feed.entries[1].author, 'Ricardo Rocha');
    assert.equal(feed.entries[1].published, '2016-06-20T07:00:00.000Z');
  });

  it('keeps RSS items with an unparseable date, no title or no link', async () => {
    const feed = await parseFeed(fixtureText('wordpress-rss2.xml'), { url: 'https://blog.rdo.example/feed/' });
    const [, , badDate, untitled, linkless, guidOnly] = feed.entries;
    assert.equal(badDate.title, 'Date nobody can read');
    assert.equal(badDate.published, '');
    assert.equal(untitled.title, 'Quick note: the summit videos are up, all forty-two of them…');
    assert.equal(untitled.link, 'https://blog.rdo.example/2016/06/untitled/');
    assert.equal(linkless.title, 'No link at all');
    assert.equal(linkless.link, '');
    assert.equal(linkless.author, 'Rich Bowen', 'name taken from "email (Name)"');
    assert.match(linkless.id, /^urn:roundup:[0-9a-f]{40}$/);
    assert.equal(guidOnly.link, 'https://blog.rdo.example/2016/06/permalink-guid/', 'permalink guid is the link');
    assert.equal(guidOnly.id, 'https://blog.rdo.example/2016/06/permalink-guid/');
    assert.equal(guidOnly.title, '(untitled)');
  });

  it('gives stable ids: parsing twice yields the same ids, also for entries with no guid or link', async () => {
    const xml = fixtureText('wordpress-rss2.xml');
    const a = await parseFeed(xml, { url: 'https://blog.rdo.example/feed/' });
    const b = await parseFeed(xml, { url: 'https://blog.rdo.example/feed/' });
    assert.deepEqual(a.entries.map((e) => e.id), b.entries.map((e) => e.id));
    assert.equal(new Set(a.entries.map((e) => e.id)).size, a.entries.length);
  });

  it('decodes numeric and named entities in raw XML, and survives stray ampersands', async () => {
    const xml = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tom & Jerry &bogus; news</title><link>https://x.example/</link>
<item><title>Caf&eacute; &#8216;one&#8217; &#x2014; &#146;two&#146; &amp;eacute;</title><link>https://x.example/1?a=1&b=2</link></item>
</channel></rss>`;
    const feed = await parseFeed(xml, { url: 'https://x.example/feed' });
    assert.equal(feed.title, 'Tom & Jerry &bogus; news');
    assert.equal(feed.entries[0].title, 'Café ‘one’ — ’two’ é');
    assert.equal(feed.entries[0].link, 'https://x.example/1?a=1&b=2');
  });

  it('uses the configured author when neither entry nor feed names one', async () => {
    const feed = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>x</title></entry></feed>',
      { url: 'https://x.example/atom', author: 'Team Blog' },
    );
    assert.equal(feed.entries[0].author, 'Team Blog');
    const none = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>x</title></entry></feed>',
      { url: 'https://x.example/atom' },
    );
    assert.equal(none.entries[0].author, '');
  });

  it('accepts RSS without a version attribute and leading whitespace before the prolog', async () => {
    const feed = await parseFeed('\n  <?xml version="1.0"?><rss><channel><title>t</title><item><title>a</title></item></channel></rss>', {
      url: 'https://x.example/f',
    });
    assert.equal(feed.entries[0].title, 'a');
  });
});

describe('feeds/parse: encodings (decoded bytes)', () => {
  async function parseBytes(name: string, contentType?: string) {
    const decoded = decodeBody(fixtureBytes(`charset/${name}`), contentType);
    return { decoded, feed: await parseFeed(decoded.text, { url: 'https://example.org/feed' }) };
  }

  it('reads windows-1252 bytes (0x92 is ’, 0x80 is €)', async () => {
    const bytes = fixtureBytes('charset/windows-1252-rss2.xml');
    assert.ok(bytes.includes(0x92), 'fixture holds the raw 0x92 byte');
    const { decoded, feed } = await parseBytes('windows-1252-rss2.xml');
    assert.equal(decoded.charset, 'windows-1252');
    assert.equal(feed.title, 'Café Society');
    assert.equal(feed.entries[0].title, 'Don’t panic – it’s “fine” € …');
    assert.equal(feed.entries[0].summaryHtml, 'Naïve résumé for 5 €');
  });

  it('reads windows-1251 bytes', async () => {
    const { decoded, feed } = await parseBytes('windows-1251-rss2.xml');
    assert.equal(decoded.charset, 'windows-1251');
    assert.equal(feed.title, 'Блог разработчика');
    assert.equal(feed.entries[0].title, 'Привет, мир — «ёлка»');
  });

  it('reads UTF-16 LE and BE with a byte order mark', async () => {
    for (const [name, charset] of [['utf-16le-bom-atom.xml', 'utf-16le'], ['utf-16be-bom-atom.xml', 'utf-16be']]) {
      const { decoded, feed } = await parseBytes(name);
      assert.equal(decoded.charset, charset);
      assert.equal(feed.title, 'Unicode notebook 日本語');
      assert.equal(feed.entries[0].title, 'Grüße ✓ 東京 😀');
      assert.equal(feed.entries[0].author, 'Zoë Ångström');
    }
  });

  it('reads ISO-8859-1 declared only in the XML prolog', async () => {
    const { decoded, feed } = await parseBytes('iso-8859-1-prolog-rss2.xml');
    assert.equal(decoded.source, 'prolog');
    assert.equal(feed.title, 'Grüße aus Köln');
    assert.equal(feed.entries[0].title, 'Ça coûte cher, naïveté');
    assert.equal(feed.entries[0].summaryHtml, 'Straße ½ © 2024');
  });
});

describe('feeds/parse: whole-feed errors', () => {
  it('a description written as HTML that is not XML (<br>, <img> unclosed) is read, not the end of the feed', async () => {
    const xml =
      '<rss version="2.0"><channel><title>T</title>' +
      '<item><title>a</title><link>https://t.example/a</link><description>one<br>two <img src="/i.png"></description></item>' +
      '<item><title>b</title><link>https://t.example/b</link><description>ok</description></item></channel></rss>';
    const feed = await parseFeed(xml, { url: 'https://t.example/feed' });
    assert.deepEqual(feed.entries.map((e) => e.summaryHtml), ['one<br>two <img src="https://t.example/i.png">', 'ok']);
  });

  it('says what is wrong with documents that are not feeds', async () => {
    assert.equal((await parseError('')).message, 'Not an RSS, Atom or JSON feed: the document is empty');
    assert.equal(
      (await parseError(fixtureText('wordpress-page.html'))).message,
      'Not an RSS, Atom or JSON feed: this is a web page (HTML), not a feed',
    );
    assert.equal(
      (await parseError('<rss version="2.0"><channel>\n<title>x</b></channel></rss>')).message,
      'Not an RSS, Atom or JSON feed: the XML is malformed (Unexpected close tag at line 2, column 12)',
    );
    assert.equal((await parseError('<rss version="2.0"></rss>')).message, 'Not an RSS, Atom or JSON feed: it has no <channel> element');
    assert.equal((await parseError('<svg xmlns="http://www.w3.org/2000/svg"/>')).message,
      'Not an RSS, Atom or JSON feed: its root element is <svg>, where a feed has <rss>, <feed> or <rdf:RDF>');
    assert.equal((await parseError('<head><title>A blog</title></head>')).message, 'Not an RSS, Atom or JSON feed: this is a web page (HTML), not a feed');
    assert.equal((await parseError('{"version": "https://jsonfeed.org/version/1"}')).message, 'Not an RSS, Atom or JSON feed: the document does not start with an XML element');
  });
});
