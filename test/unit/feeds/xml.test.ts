import * as assert from 'assert/strict';
import { flattenTitles, rootElementName, rssMarkupToHtml, xhtmlToHtmlConstructs } from '../../../src/core/feeds/xml';

describe('feeds/xml: the document before rss-parser reads it', () => {
  it('finds the root element past prolog, comments and DOCTYPE with an internal subset', () => {
    assert.equal(rootElementName('\ufeff<?xml version="1.0"?><!-- hi --><!DOCTYPE rss [<!ENTITY x "y">]><rss/>'), 'rss');
    assert.equal(rootElementName('<!DOCTYPE html><html>'), 'html');
    assert.equal(rootElementName('text'), '');
  });

  it('turns Atom XHTML constructs into escaped HTML, keeping order', () => {
    assert.equal(
      xhtmlToHtmlConstructs('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a <b>b</b> &amp; c</div></content>'),
      '<content type="html">a &lt;b&gt;b&lt;/b&gt; &amp;amp; c</content>',
    );
    const selfClosing = '<summary type="xhtml"/><content type="html">x</content>';
    assert.equal(xhtmlToHtmlConstructs(selfClosing), selfClosing);
    assert.equal(
      xhtmlToHtmlConstructs('<content type="xhtml"><h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>a <h:b>b</h:b></h:p></h:div></content>'),
      '<content type="html">&lt;p&gt;a &lt;b&gt;b&lt;/b&gt;&lt;/p&gt;</content>',
    );
  });

  it('turns RSS descriptions, content:encoded and summaries written as markup into escaped HTML, keeping order', () => {
    assert.equal(
      rssMarkupToHtml('<item><description><p>a <b>b</b> &amp; <![CDATA[<c>]]></p></description></item>'),
      '<item><description>&lt;p&gt;a &lt;b&gt;b&lt;/b&gt; &amp;amp; &amp;lt;c&amp;gt;&lt;/p&gt;</description></item>',
    );
    assert.equal(
      rssMarkupToHtml('<content:encoded><div>x<br/>y</div></content:encoded><summary type="html"><i>s</i></summary>'),
      '<content:encoded>&lt;div&gt;x&lt;br/&gt;y&lt;/div&gt;</content:encoded><summary type="html">&lt;i&gt;s&lt;/i&gt;</summary>',
    );
    // Text, CDATA, empty elements and other elements are left as they are.
    const plain =
      '<item><description>&lt;p&gt;x&lt;/p&gt;</description><content:encoded><![CDATA[<p>y</p>]]></content:encoded>' +
      '<description type="html"/><summaryx><b>z</b></summaryx><descriptions><b>w</b></descriptions></item>';
    assert.equal(rssMarkupToHtml(plain), plain);
  });

  it('the rewrites leave documents with nothing to change as they are, and stop at the right end tag (classes 1 and 2)', () => {
    const plain = '<rss><channel><title/><title >A &amp; B</title><item><title><![CDATA[<b>x</b>]]></title><titles>t</titles></item></channel></rss>';
    assert.equal(flattenTitles(plain), plain);
    const atom = '<feed><title type="text">t</title><content type="html">&lt;p&gt;x&lt;/p&gt;</content><summary type="html"><![CDATA[<p>y</p>]]></summary><content src="x"/></feed>';
    assert.equal(xhtmlToHtmlConstructs(atom), atom);
    assert.equal(
      flattenTitles('<item><title>A <b>b</b></title><titles>keep <i>me</i></titles><media:title>M <em>t</em></media:title></item>'),
      '<item><title>A b</title><titles>keep <i>me</i></titles><media:title>M t</media:title></item>',
    );
    assert.equal(flattenTitles('<entry><title>A <b>b</b></title><dc:title>D <b>c</b></dc:title></entry>', true), '<entry><title>A <b>b</b></title><dc:title>D c</dc:title></entry>');
  });
});
