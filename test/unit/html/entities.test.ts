import * as assert from 'node:assert/strict';
import { decodeEntities, fixC1, HTML_ENTITIES, repairXmlEntities } from '../../../src/core/html/entities';
import { md } from '../roundup/markdown';

describe('html/entities', () => {
  it('decodes decimal and hex numeric references', () => {
    assert.equal(decodeEntities('doesn&#8217;t &#x2019; &#X2019; &#169;'), 'doesn\u2019t \u2019 \u2019 \u00a9');
  });

  it('decodes numeric and named references, leaving unknown ones', () => {
    assert.equal(decodeEntities('&eacute;&#233;&#xE9;&amp;&rsquo;&#146;&unknown;'), 'ééé&’’&unknown;');
  });

  it('maps &#128;-&#159; as Windows-1252 (as browsers do) and invalid code points to U+FFFD', () => {
    assert.equal(decodeEntities('&#146;&#150;&#133;&#128;'), '\u2019\u2013\u2026\u20ac');
    assert.equal(decodeEntities('&#0;&#xD800;&#x110000;'), '\ufffd\ufffd\ufffd');
  });

  it('reads C1 control characters as windows-1252', () => {
    assert.equal(fixC1('Don\u0092t \u0096 \u0081'), 'Don\u2019t \u2013 \u0081');
    assert.equal(fixC1('plain'), 'plain');
  });

  it('decodes the common named references', () => {
    assert.equal(decodeEntities('&amp; &lt; &gt; &quot; &apos; &nbsp; &hellip; &mdash; &ndash; &ldquo;&rdquo; &lsquo;&rsquo;'), '& < > " \' \u00a0 \u2026 \u2014 \u2013 \u201c\u201d \u2018\u2019');
    assert.equal(decodeEntities('&eacute;&Eacute;&uuml;&szlig;&copy;&reg;&trade;&euro;&bull;&middot;&laquo;&raquo;'), 'éÉüß©®™€•·«»');
  });

  it('has the Latin-1 and Greek names at their code points', () => {
    assert.equal(HTML_ENTITIES.get('nbsp'), 0xa0);
    assert.equal(HTML_ENTITIES.get('iquest'), 0xbf);
    assert.equal(HTML_ENTITIES.get('times'), 0xd7);
    assert.equal(HTML_ENTITIES.get('yuml'), 0xff);
    assert.equal(HTML_ENTITIES.get('Omega'), 0x3a9);
    assert.equal(HTML_ENTITIES.get('Sigma'), 0x3a3);
    assert.equal(HTML_ENTITIES.get('omega'), 0x3c9);
  });

  it('agrees with the HTML decoder markdown-it uses for every name in the table', () => {
    const differ: string[] = [];
    for (const [name, code] of HTML_ENTITIES) {
      const expected = md.utils.unescapeAll(`&${name};`);
      if (expected !== String.fromCodePoint(code) || decodeEntities(`&${name};`) !== expected) differ.push(name);
    }
    assert.deepEqual(differ, []);
    assert.ok(HTML_ENTITIES.size > 300, `table has ${HTML_ENTITIES.size} names`);
  });

  it('leaves unknown names, bare ampersands and non-references alone', () => {
    assert.equal(decodeEntities('AT&T &bogus; & a&&b &#; &#x;'), 'AT&T &bogus; & a&&b &#; &#x;');
  });

  it('decodes legacy names without semicolon only when no name character follows', () => {
    assert.equal(decodeEntities('fish &amp chips &lt 3'), 'fish & chips < 3');
    assert.equal(decodeEntities('&ampx &ltfoo &hellip'), '&ampx &ltfoo &hellip');
  });

  it('decodes only once', () => {
    assert.equal(decodeEntities('&amp;lt;p&amp;gt;'), '&lt;p&gt;');
  });

  it('repairs HTML entities and stray ampersands outside CDATA and comments only', () => {
    assert.equal(
      repairXmlEntities('<t>Tom & Jerry &eacute; &amp; &#8217; &bogus; &check;</t><![CDATA[ & &eacute; ]]><!-- & -->'),
      '<t>Tom &amp; Jerry &#233; &amp; &#8217; &amp;bogus; &#10003;</t><![CDATA[ & &eacute; ]]><!-- & -->',
    );
    const clean = '<t>a &lt; b</t>';
    assert.equal(repairXmlEntities(clean), clean);
  });

  it('repairXmlEntities skips every CDATA section and comment whole, and leaves unterminated ones literal', () => {
    assert.equal(
      repairXmlEntities('<a><![CDATA[&x;]]>&<![CDATA[&nbsp;]]>&nbsp;<!--&--><!DOCTYPE x>&ampx; &#12345678; &#x1F600;</a>'),
      '<a><![CDATA[&x;]]>&amp;<![CDATA[&nbsp;]]>&#160;<!--&--><!DOCTYPE x>&amp;ampx; &amp;#12345678; &#x1F600;</a>',
    );
    assert.equal(repairXmlEntities('<a>&eacute;<![CDATA[ & never closed'), '<a>&#233;<![CDATA[ & never closed');
    assert.equal(repairXmlEntities('<a>&</a><!-- & open'), '<a>&amp;</a><!-- & open');
    const cdataOnly = '<a><![CDATA[ & ]]><![CDATA[ &eacute; ]]></a>';
    assert.equal(repairXmlEntities(cdataOnly), cdataOnly);
  });
});
