// Small feeds, one per class of entries that other feed readers find and Roundup used to miss or show
// wrong (titles with markup, Atom text constructs, links without href, more date and author elements,
// namespaced roots, truncated feeds, UTF-32 and UTF-16 without BOM, two entries with one link).
// Shared by the parseFeed tests (feeds/classes.test.ts) and the `roundup draft` ones (cli/draftClasses.test.ts).

/** What one entry should come out as (ISO date in UTC, or '' for none). */
export interface Expected {
  title: string;
  author?: string;
  link: string;
  published?: string;
  /** The first paragraph of its summary as text, when the case is about it. */
  excerpt?: string;
}

export interface FeedCase {
  /** Issue class number and a short name. */
  name: string;
  /** The document as served: text (UTF-8) or bytes. */
  body: string | Buffer;
  contentType?: string;
  entries: Expected[];
  /** A warning the feed must give (truncated feeds). */
  warning?: RegExp;
}

const RSS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"';
const ATOM = 'http://www.w3.org/2005/Atom';

/** UTF-32 bytes of a string, by hand (Buffer knows no UTF-32). */
export function utf32(text: string, littleEndian: boolean): Buffer {
  const points = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const buf = Buffer.alloc(points.length * 4);
  points.forEach((cp, i) => (littleEndian ? buf.writeUInt32LE(cp, i * 4) : buf.writeUInt32BE(cp, i * 4)));
  return buf;
}

/** UTF-16 BE bytes (Buffer writes only LE). */
export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

const wideFeed = (encoding: string) =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>Wide ${encoding}</title><link>https://wide.example/</link>` +
  `<item><title>Grüße aus 東京 😀 (${encoding})</title><link>https://wide.example/${encoding.toLowerCase()}</link><author>zoe@wide.example (Zoë Ångström)</author><pubDate>Tue, 03 May 2016 10:00:00 GMT</pubDate></item></channel></rss>\n`;

export const CASES: FeedCase[] = [
  {
    name: '1 markup inside titles (RSS)',
    body: `${RSS_HEAD}><channel><title>Markup</title><link>https://m.example/</link>
<item><title>Example <b>bold</b> words</title><link>https://m.example/1</link><pubDate>Mon, 02 May 2016 10:00:00 GMT</pubDate></item>
<item><title>Nested <span>one <em>two</em></span> three</title><link>https://m.example/2</link><pubDate>Mon, 02 May 2016 11:00:00 GMT</pubDate></item>
</channel></rss>`,
    entries: [
      { title: 'Example bold words', link: 'https://m.example/1', published: '2016-05-02T10:00:00.000Z' },
      { title: 'Nested one two three', link: 'https://m.example/2', published: '2016-05-02T11:00:00.000Z' },
    ],
  },
  {
    name: '1 markup inside titles (Atom type="html" and naked child elements)',
    body: `<?xml version="1.0"?><feed xmlns="${ATOM}"><title>Markup</title><id>urn:m</id><updated>2016-05-02T00:00:00Z</updated>
<entry><id>urn:m:1</id><title type="html">Example <b>bold</b> words</title><link href="https://m.example/a1"/><updated>2016-05-02T10:00:00Z</updated></entry>
<entry><id>urn:m:2</id><title>Example <code>code</code> words &amp; more</title><link href="https://m.example/a2"/><updated>2016-05-02T11:00:00Z</updated></entry>
</feed>`,
    entries: [
      { title: 'Example bold words', link: 'https://m.example/a1', published: '2016-05-02T10:00:00.000Z' },
      { title: 'Example code words & more', link: 'https://m.example/a2', published: '2016-05-02T11:00:00.000Z' },
    ],
  },
  {
    name: '2 Atom text constructs typed application/xhtml+xml and other +xml types',
    body: `<?xml version="1.0"?><feed xmlns="${ATOM}"><title>Types</title><id>urn:t</id><updated>2016-05-02T00:00:00Z</updated>
<entry><id>urn:t:1</id><title type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">An <i>XHTML</i> title</div></title><link href="https://t.example/1"/><updated>2016-05-02T10:00:00Z</updated></entry>
<entry><id>urn:t:2</id><title type="image/svg+xml"><div>Some <b>SVG</b> words</div></title><link href="https://t.example/2"/><updated>2016-05-02T11:00:00Z</updated></entry>
</feed>`,
    entries: [
      { title: 'An XHTML title', link: 'https://t.example/1', published: '2016-05-02T10:00:00.000Z' },
      { title: 'Some SVG words', link: 'https://t.example/2', published: '2016-05-02T11:00:00.000Z' },
    ],
  },
  {
    name: '2 and 3 and 4 an Atom 0.3 feed (mode base64 and escaped, link content, issued)',
    body: `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en">
  <title mode="escaped" type="text/html">Old &amp;amp; Atom</title>
  <link rel="alternate" type="text/html" href="https://old.example/"/>
  <modified>2004-05-02T12:00:00Z</modified>
  <author><name>Mark Pilgrim</name></author>
  <entry>
    <title mode="base64" type="text/plain">${Buffer.from('Décodé from base64').toString('base64')}</title>
    <link rel="alternate" type="text/html">https://old.example/2004/05/02/base64</link>
    <id>tag:old.example,2004:1</id>
    <issued>2004-05-02T10:00:00-04:00</issued>
    <modified>2004-05-03T10:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title mode="escaped" type="text/html">Escaped &lt;em&gt;title&lt;/em&gt; &amp;amp; more</title>
    <link rel="alternate" type="text/html" href="https://old.example/2004/05/01/escaped"/>
    <id>tag:old.example,2004:2</id>
    <created>2004-05-01T08:00:00Z</created>
    <content type="application/xhtml+xml" xml:lang="en"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <b>XHTML</b>.</p></div></content>
  </entry>
</feed>`,
    entries: [
      { title: 'Décodé from base64', author: 'Mark Pilgrim', link: 'https://old.example/2004/05/02/base64', published: '2004-05-02T14:00:00.000Z' },
      { title: 'Escaped title & more', author: 'Mark Pilgrim', link: 'https://old.example/2004/05/01/escaped', published: '2004-05-01T08:00:00.000Z' },
    ],
  },
  {
    name: '3 link priority: alternate, then no rel, then any http(s) page link',
    body: `<?xml version="1.0"?><feed xmlns="${ATOM}"><title>Links</title><id>urn:l</id><updated>2016-05-02T00:00:00Z</updated>
<entry><id>urn:l:1</id><title>Alternate after a rel-less link</title><link href="https://l.example/norel-1"/><link rel="alternate" href="https://l.example/alternate-1"/><updated>2016-05-02T10:00:00Z</updated></entry>
<entry><id>urn:l:2</id><title>No rel after a related link</title><link rel="related" href="https://l.example/related-2"/><link href="https://l.example/norel-2"/><updated>2016-05-02T11:00:00Z</updated></entry>
<entry><id>urn:l:3</id><title>Only a related link</title><link rel="self" href="https://l.example/self-3"/><link rel="alternate" href="ftp://l.example/x"/><link rel="related" href="https://l.example/related-3"/><updated>2016-05-02T12:00:00Z</updated></entry>
</feed>`,
    entries: [
      { title: 'Alternate after a rel-less link', link: 'https://l.example/alternate-1', published: '2016-05-02T10:00:00.000Z' },
      { title: 'No rel after a related link', link: 'https://l.example/norel-2', published: '2016-05-02T11:00:00.000Z' },
      { title: 'Only a related link', link: 'https://l.example/related-3', published: '2016-05-02T12:00:00.000Z' },
    ],
  },
  {
    name: '4 more date, author and title elements (dcterms, dc:author, dc:title, itunes:author, media:title)',
    body: `${RSS_HEAD} xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Elements</title><link>https://e.example/</link>
<item><title>Issued</title><link>https://e.example/1</link><dcterms:issued>2016-05-01T10:00:00Z</dcterms:issued><dcterms:modified>2016-05-09T10:00:00Z</dcterms:modified><dc:author>Ada Lovelace</dc:author></item>
<item><title>Created</title><link>https://e.example/2</link><dcterms:created>2016-05-02T10:00:00+02:00</dcterms:created><itunes:author>Grace Hopper</itunes:author></item>
<item><link>https://e.example/3</link><dc:title>A Dublin Core title</dc:title><dcterms:modified>2016-05-03T10:00:00Z</dcterms:modified></item>
<item><link>https://e.example/4</link><media:title type="plain">A media title</media:title><dc:date>2016-05-04</dc:date></item>
</channel></rss>`,
    entries: [
      { title: 'Issued', author: 'Ada Lovelace', link: 'https://e.example/1', published: '2016-05-01T10:00:00.000Z' },
      { title: 'Created', author: 'Grace Hopper', link: 'https://e.example/2', published: '2016-05-02T08:00:00.000Z' },
      { title: 'A Dublin Core title', link: 'https://e.example/3', published: '2016-05-03T10:00:00.000Z' },
      { title: 'A media title', link: 'https://e.example/4', published: '2016-05-04T00:00:00.000Z' },
    ],
  },
  {
    name: '5 a prefixed RSS root',
    body: `<?xml version="1.0"?><r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>Prefixed</r:title><r:link>https://p.example/</r:link>
<r:item><r:title>Prefixed item</r:title><r:link>https://p.example/1</r:link><r:pubDate>Tue, 03 May 2016 10:00:00 GMT</r:pubDate><r:author>a@p.example (Ann Prefix)</r:author></r:item></r:channel></r:rss>`,
    entries: [{ title: 'Prefixed item', author: 'Ann Prefix', link: 'https://p.example/1', published: '2016-05-03T10:00:00.000Z' }],
  },
  {
    name: '5 a prefixed Atom root',
    body: `<?xml version="1.0"?><a:feed xmlns:a="${ATOM}"><a:title>Prefixed Atom</a:title><a:id>urn:pa</a:id><a:updated>2016-05-03T00:00:00Z</a:updated>
<a:entry><a:id>urn:pa:1</a:id><a:title>Prefixed entry</a:title><a:link rel="alternate" href="https://pa.example/1"/><a:published>2016-05-03T11:00:00Z</a:published><a:author><a:name>Al Atom</a:name></a:author></a:entry></a:feed>`,
    entries: [{ title: 'Prefixed entry', author: 'Al Atom', link: 'https://pa.example/1', published: '2016-05-03T11:00:00.000Z' }],
  },
  {
    name: '5 an RDF root in the default namespace, with prefixed RSS 1.0 elements',
    body: `<?xml version="1.0"?>
<RDF xmlns="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <rss:channel about="https://rdf.example/"><rss:title>RDF default</rss:title><rss:link>https://rdf.example/</rss:link></rss:channel>
  <rss:item about="https://rdf.example/1"><rss:title>RDF item</rss:title><rss:link>https://rdf.example/1</rss:link><dc:date>2016-05-03T12:00:00Z</dc:date><dc:creator>Rita Rdf</dc:creator></rss:item>
</RDF>`,
    entries: [{ title: 'RDF item', author: 'Rita Rdf', link: 'https://rdf.example/1', published: '2016-05-03T12:00:00.000Z' }],
  },
  {
    name: '6 a truncated RSS feed (no > on </rss)',
    body: `${RSS_HEAD}><channel><title>Cut</title><link>https://cut.example/</link>
<item><title>Arrived whole</title><link>https://cut.example/1</link><pubDate>Wed, 04 May 2016 10:00:00 GMT</pubDate></item>
<item><title>Also whole</title><link>https://cut.example/2</link><pubDate>Wed, 04 May 2016 11:00:00 GMT</pubDate></item>
</channel></rss`,
    entries: [
      { title: 'Arrived whole', link: 'https://cut.example/1', published: '2016-05-04T10:00:00.000Z' },
      { title: 'Also whole', link: 'https://cut.example/2', published: '2016-05-04T11:00:00.000Z' },
    ],
    warning: /incomplete.*kept the 2 entries that arrived whole/,
  },
  {
    name: '6 a truncated Atom feed (the connection closed mid-entry)',
    body: `<?xml version="1.0"?><feed xmlns="${ATOM}"><title>Cut Atom</title><id>urn:c</id><updated>2016-05-04T00:00:00Z</updated>
<entry><id>urn:c:1</id><title>Whole entry</title><link href="https://cut.example/a1"/><updated>2016-05-04T12:00:00Z</updated><content type="html"><![CDATA[<p>All of it </entry> even this.</p>]]></content></entry>
<entry><id>urn:c:2</id><title>Half an ent`,
    entries: [{ title: 'Whole entry', link: 'https://cut.example/a1', published: '2016-05-04T12:00:00.000Z' }],
    warning: /incomplete.*kept the 1 entry that arrived whole/,
  },
  {
    name: '7 UTF-32 LE without BOM (declared in the XML declaration)',
    body: utf32(wideFeed('UTF-32'), true),
    contentType: 'application/rss+xml',
    entries: [{ title: 'Grüße aus 東京 😀 (UTF-32)', author: 'Zoë Ångström', link: 'https://wide.example/utf-32', published: '2016-05-03T10:00:00.000Z' }],
  },
  {
    name: '7 UTF-32 BE without BOM, sent as UTF-8',
    body: utf32(wideFeed('UTF-32BE'), false),
    contentType: 'application/rss+xml; charset=utf-8',
    entries: [{ title: 'Grüße aus 東京 😀 (UTF-32BE)', author: 'Zoë Ångström', link: 'https://wide.example/utf-32be', published: '2016-05-03T10:00:00.000Z' }],
  },
  {
    name: '7 UTF-16 BE without BOM, sent as UTF-8',
    body: utf16be(wideFeed('UTF-16')),
    contentType: 'text/xml; charset=utf-8',
    entries: [{ title: 'Grüße aus 東京 😀 (UTF-16)', author: 'Zoë Ångström', link: 'https://wide.example/utf-16', published: '2016-05-03T10:00:00.000Z' }],
  },
  {
    name: '8 a stray quote in an unquoted attribute of the content',
    body: `${RSS_HEAD}><channel><title>Quotes</title><link>https://q.example/</link>
<item><title>Stray quote</title><link>https://q.example/1</link><pubDate>Thu, 05 May 2016 10:00:00 GMT</pubDate><description><![CDATA[<p>See <a href=http://q.example/x/">this page</a> first.</p><p>Second.</p>]]></description></item>
</channel></rss>`,
    entries: [{ title: 'Stray quote', link: 'https://q.example/1', published: '2016-05-05T10:00:00.000Z', excerpt: 'See this page first.' }],
  },
  {
    name: '9 two entries of one feed with the same link',
    body: `${RSS_HEAD}><channel><title>Notes</title><link>https://notes.example/</link>
<item><title>First note</title><link>https://notes.example/</link><pubDate>Fri, 06 May 2016 10:00:00 GMT</pubDate><description>One.</description></item>
<item><title>Second note</title><link>https://notes.example/</link><pubDate>Fri, 06 May 2016 11:00:00 GMT</pubDate><description>Two.</description></item>
</channel></rss>`,
    entries: [
      { title: 'First note', link: 'https://notes.example/', published: '2016-05-06T10:00:00.000Z' },
      { title: 'Second note', link: 'https://notes.example/', published: '2016-05-06T11:00:00.000Z' },
    ],
  },
];
