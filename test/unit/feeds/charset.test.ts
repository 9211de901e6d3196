import * as assert from 'assert/strict';
import { charsetFromContentType, decodeBody, prologCharset } from '../../../src/core/feeds/charset';
import { fixtureBytes } from './helpers';

describe('feeds/charset', () => {
  it('reads the charset parameter of Content-Type', () => {
    assert.equal(charsetFromContentType('application/rss+xml; charset=Windows-1251'), 'windows-1251');
    assert.equal(charsetFromContentType('text/xml;charset="ISO-8859-1"; q=1'), 'iso-8859-1');
    assert.equal(charsetFromContentType('application/atom+xml'), undefined);
    assert.equal(charsetFromContentType(undefined), undefined);
  });

  it('reads the encoding of the XML prolog', () => {
    assert.equal(prologCharset(Buffer.from('<?xml version="1.0" encoding=\'Windows-1252\'?><rss/>')), 'windows-1252');
    assert.equal(prologCharset(Buffer.from('<?xml version="1.0"?><rss/>')), undefined);
  });

  it('prefers a BOM over the header, and the header over the prolog', () => {
    const utf16 = fixtureBytes('charset/utf-16le-bom-atom.xml');
    const r1 = decodeBody(utf16, 'text/xml; charset=iso-8859-1');
    assert.equal(r1.source, 'bom');
    assert.ok(r1.text.startsWith('<?xml'), 'BOM removed');
    const cp1251 = fixtureBytes('charset/windows-1251-noprolog-rss2.xml');
    const r2 = decodeBody(cp1251, 'application/rss+xml; charset=windows-1251');
    assert.equal(r2.source, 'header');
    assert.match(r2.text, /Привет, мир/);
    const declared1252 = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss>\u00e9</rss>', 'utf8');
    const r3 = decodeBody(declared1252, 'text/xml; charset=utf-8');
    assert.equal(r3.charset, 'utf-8');
    assert.match(r3.text, /<rss>é<\/rss>/);
  });

  it('uses the prolog when a body labelled UTF-8 is not valid UTF-8', () => {
    const bytes = fixtureBytes('charset/windows-1252-rss2.xml');
    const r = decodeBody(bytes, 'application/rss+xml; charset=UTF-8');
    assert.equal(r.charset, 'windows-1252');
    assert.match(r.text, /Don’t panic/);
  });

  it('falls back to UTF-8 for unknown labels and no evidence, and sniffs BOM-less UTF-16', () => {
    const r = decodeBody(Buffer.from('<rss>é</rss>', 'utf8'), 'text/xml; charset=x-unknown-thing');
    assert.equal(r.charset, 'utf-8');
    assert.equal(r.text, '<rss>é</rss>');
    assert.equal(decodeBody(Buffer.from('<rss/>', 'utf8')).source, 'default');
    const le = decodeBody(Buffer.from('<?xml version="1.0"?><rss>ü</rss>', 'utf16le'));
    assert.equal(le.charset, 'utf-16le');
    assert.equal(le.text, '<?xml version="1.0"?><rss>ü</rss>');
  });

  it('reads a meta charset for HTML pages without other evidence', () => {
    const page = Buffer.from([...Buffer.from('<html><head><meta charset="windows-1252"><title>'), 0x92, ...Buffer.from('</title>')]);
    assert.match(decodeBody(page).text, /<title>’<\/title>/);
  });
});
