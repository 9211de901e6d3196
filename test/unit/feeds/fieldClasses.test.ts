/**
 * The field classes other feed readers' suites read and Roundup used to miss (issue 22, point 5): a
 * channel titled in `dc:title` only, iTunes elements in upper case or under another prefix, Atom 1.0
 * content in base64 (a media type that is neither text nor XML), several date values in one entry, and
 * entities beyond HTML's set (`&lang;` / `&rang;` in the XML, entities of the internal DTD subset).
 * Each fixture is a whole feed as a podcast host, an exporter or an old hand-made site writes it;
 * test/package/feedBundles.test.ts reads the same files through the shipped bundles.
 */
import * as assert from 'node:assert/strict';
import { decodeBody } from '../../../src/core/feeds/charset';
import { parseFeed } from '../../../src/core/feeds/parse';
import { canonicalItunes } from '../../../src/core/feeds/xml';
import { repairXmlEntities } from '../../../src/core/html/entities';
import { excerptFromHtml } from '../../../src/core/roundup/excerpt';
import { fixtureBytes } from './helpers';

interface Fields {
  title: string;
  author: string;
  link: string;
  published: string;
  summaryHtml: string;
}

async function read(name: string, url: string): Promise<{ title: string; link: string; entries: Fields[] }> {
  const { text } = decodeBody(fixtureBytes(name));
  const feed = await parseFeed(text, { url });
  assert.deepEqual(feed.warnings, []);
  return {
    title: feed.title,
    link: feed.link,
    entries: feed.entries.map(({ title, author, link, published, summaryHtml }) => ({ title, author, link, published, summaryHtml })),
  };
}

describe('feeds: the field classes of issue 22 (dc:title, iTunes case, base64 Atom, several dates, XML entities)', () => {
  it('a podcast: the channel titled in dc:title, iTunes authors in upper and mixed case, several pubDates and dc:dates', async () => {
    const feed = await read('podcast-itunes-case-rss2.xml', 'https://packetradio.example/feed.xml');
    assert.equal(feed.title, 'Packet Radio Hour');
    assert.equal(feed.link, 'https://packetradio.example/');
    assert.deepEqual(feed.entries, [
      {
        title: 'Episode 12: Routing by rumour',
        author: 'Lee Ann Park', // <ITUNES:Author>
        link: 'https://packetradio.example/episodes/12',
        published: '2016-05-10T18:00:00.000Z', // the earlier of two pubDates
        summaryHtml: 'Gossip protocols, explained over tea.',
      },
      {
        title: 'Episode 11: Who owns an IP address?',
        author: 'Dev Raman', // <itunes:Author>, its namespace declared on the element
        link: 'https://packetradio.example/episodes/11',
        published: '2016-04-29T09:00:00.000Z', // the earliest dc:date; "not a date" passed over
        summaryHtml: 'Registries, auctions and a very old spreadsheet.',
      },
      {
        title: 'Episode 10: The collective',
        author: 'Packet Radio Collective', // the channel's <ITUNES:AUTHOR>
        link: 'https://packetradio.example/episodes/10',
        published: '2016-04-26T18:00:00.000Z', // "sometime in April" passed over
        summaryHtml: 'Everyone at once, for the tenth.',
      },
    ]);
  });

  it('Atom 1.0 content in base64: text decoded and quoted as text, a binary type left for the summary', async () => {
    const feed = await read('base64-content-atom.xml', 'https://wirenotes.example/atom.xml');
    assert.equal(feed.title, 'Wire Notes');
    assert.deepEqual(feed.entries, [
      {
        title: 'Notes sent as octets',
        author: 'Ines Moreau',
        link: 'https://wirenotes.example/2016/05/octets',
        published: '2016-05-12T10:00:00.000Z',
        summaryHtml: 'Show notes &amp; links, as plain text: &lt;none&gt;.',
      },
      {
        title: 'A slide deck only',
        author: 'Ines Moreau',
        link: 'https://wirenotes.example/2016/05/slides',
        published: '2016-05-11T10:00:00.000Z',
        summaryHtml: 'The slides of the talk, as a PDF.',
      },
      {
        title: 'Markup as HTML, sent whole',
        author: 'Ines Moreau',
        link: 'https://wirenotes.example/2016/05/first',
        published: '2016-05-10T10:00:00.000Z',
        summaryHtml: '<p>Plain <i>text/html</i>, not encoded.</p>',
      },
    ]);
    assert.equal(excerptFromHtml(feed.entries[0].summaryHtml), 'Show notes & links, as plain text: <none>.');
  });

  it('entities: &lang; and &rang; in the XML as XML defines them, in escaped HTML as HTML5 does; the DTD subset expanded', async () => {
    const feed = await read('entities-dtd-rss091.xml', 'http://bracket.example/rss.xml');
    assert.equal(feed.title, 'Bracket & Brace weekly'); // &weekly; names &site-name;
    assert.deepEqual(feed.entries, [
      {
        title: 'Angle brackets: \u2329a, b\u232a and \u27e8a, b\u27e9',
        author: '',
        link: 'http://bracket.example/2002/10/angles.html',
        published: '',
        summaryHtml: "Written \u2329x\u232a in old sets, by Hana Okabe. &lang; inside HTML is HTML's own.",
      },
      {
        // An external entity is never fetched, and one that names itself is not expanded.
        title: 'Entities a reader cannot know: &logo;, &nosuch; and &loop;',
        author: '',
        link: 'http://bracket.example/2002/10/unknown.html',
        published: '',
        summaryHtml: 'The Bracket & Brace style guide, &loop;.',
      },
    ]);
    assert.equal(excerptFromHtml(feed.entries[0].summaryHtml), "Written \u2329x\u232a in old sets, by Hana Okabe. \u27e8 inside HTML is HTML's own.");
  });

  it('several date values of one kind: the earliest published, the latest updated; none a date gives none', async () => {
    const atom = (dates: string) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>D</title><id>urn:d</id><entry><id>urn:d:1</id><title>t</title>` +
      `<link href="https://d.example/1"/>${dates}</entry></feed>`;
    const published = async (dates: string) => (await parseFeed(atom(dates), { url: 'https://d.example/f' })).entries[0].published;
    assert.equal(await published('<updated>2016-05-01T00:00:00Z</updated><updated>2016-05-03T00:00:00Z</updated><updated>2016-05-02T00:00:00Z</updated>'), '2016-05-03T00:00:00.000Z');
    assert.equal(await published('<published>2016-05-02T00:00:00Z</published><published>2016-05-01T00:00:00Z</published><updated>2016-05-09T00:00:00Z</updated>'), '2016-05-01T00:00:00.000Z');
    assert.equal(await published('<published>soon</published><published></published>'), '');
  });

  it('canonicalItunes: another prefix bound to the iTunes namespace, any case; CDATA untouched; a canonical feed unchanged', () => {
    const xml =
      '<rss xmlns:pod="HTTP://WWW.ITUNES.COM/DTDS/PODCAST-1.0.DTD"><channel><pod:AUTHOR>A</pod:AUTHOR>' +
      '<description><![CDATA[<ITUNES:AUTHOR>]]></description><itunes:episodeType>full</itunes:episodeType></channel></rss>';
    assert.equal(
      canonicalItunes(xml),
      '<rss xmlns:pod="HTTP://WWW.ITUNES.COM/DTDS/PODCAST-1.0.DTD"><channel><itunes:author>A</itunes:author>' +
        '<description><![CDATA[<ITUNES:AUTHOR>]]></description><itunes:episodeType>full</itunes:episodeType></channel></rss>',
    );
    const canonical = '<rss><channel><itunes:author>A</itunes:author><media:title>m</media:title></channel></rss>';
    assert.equal(canonicalItunes(canonical), canonical);
  });

  it('repairXmlEntities: a DTD entity bomb stays unexpanded, each entity within the limit', () => {
    let subset = '<!ENTITY a0 "0123456789">';
    for (let i = 1; i <= 12; i++) subset += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
    const xml = `<!DOCTYPE rss [${subset}]><rss><title>&a2;|&a5;|&a12;</title></rss>`;
    const out = repairXmlEntities(xml);
    const title = out.slice(out.indexOf('<title>') + 7, out.indexOf('</title>'));
    assert.equal(title, `${'0123456789'.repeat(100)}|&amp;a5;|&amp;a12;`);
  });
});
