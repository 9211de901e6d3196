/** Each class of entries that other feed readers find (see classes.ts), through parseFeed on the decoded bytes. */
import * as assert from 'node:assert/strict';
import { decodeBody } from '../../../src/core/feeds/charset';
import { parseFeed } from '../../../src/core/feeds/parse';
import { excerptFromHtml } from '../../../src/core/roundup/excerpt';
import { CASES, utf32 } from './classes';

describe('feeds/parse: every title, author, link and date (issue classes)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const bytes = typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body;
      const { text } = decodeBody(bytes, c.contentType);
      const feed = await parseFeed(text, { url: 'https://feeds.example/feed.xml' });
      const got = feed.entries.map((e, i) => ({
        title: e.title,
        ...(c.entries[i]?.author !== undefined ? { author: e.author } : {}),
        link: e.link,
        published: e.published,
        ...(c.entries[i]?.excerpt !== undefined ? { excerpt: excerptFromHtml(e.summaryHtml) } : {}),
      }));
      assert.deepEqual(got, c.entries.map((e) => ({ published: '', ...e })));
      assert.equal(new Set(feed.entries.map((e) => e.id)).size, feed.entries.length, 'every entry has its own id');
      if (c.warning) {
        assert.equal(feed.warnings.length, 1);
        assert.match(feed.warnings[0], c.warning);
      } else {
        assert.deepEqual(feed.warnings, []);
      }
    });
  }

  it('5 a root is told by its namespace: an unknown prefixed root is still no feed', async () => {
    await assert.rejects(
      parseFeed('<x:feed xmlns:x="urn:not-atom"><x:entry/></x:feed>', { url: 'https://feeds.example/x' }),
      /Not an RSS, Atom or JSON feed: its root element is <x:feed>, where a feed has <rss>, <feed> or <rdf:RDF>/,
    );
  });

  it('6 a feed cut off before its first whole entry is an error, not an empty feed', async () => {
    await assert.rejects(
      parseFeed('<rss version="2.0"><channel><title>Cut</title><item><title>Half', { url: 'https://feeds.example/x' }),
      /Not an RSS, Atom or JSON feed: the XML is malformed/,
    );
  });

  it('7 UTF-32 with a BOM, and text decoded the same from both byte orders', () => {
    const xml = '<?xml version="1.0" encoding="UTF-32"?><rss><channel><title>Ünïcode 😀</title></channel></rss>';
    const le = decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(xml, true)]));
    const be = decodeBody(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(xml, false)]), 'application/xml');
    assert.deepEqual([le.text, le.charset, le.source], [xml, 'utf-32le', 'bom']);
    assert.deepEqual([be.text, be.charset, be.source], [xml, 'utf-32be', 'bom']);
    const sniffed = decodeBody(utf32(xml, false));
    assert.deepEqual([sniffed.text, sniffed.charset, sniffed.source], [xml, 'utf-32be', 'sniffed']);
  });
});
