import * as assert from 'node:assert/strict';
import { scanHtml, scanTags } from '../../../src/core/html/scan';

/** The tokens of a text, as `text:...`, `<name>`, `</name>`, `<name/>`. */
function tokens(source: string): string[] {
  const out: string[] = [];
  scanHtml(source, {
    text: (raw) => out.push(`text:${raw}`),
    tag: (name, closing, selfClosing) => out.push(closing ? `</${name}>` : selfClosing ? `<${name}/>` : `<${name}>`),
  });
  return out;
}

describe('html/scan', () => {
  it('scans tags past comments, CDATA and script content', () => {
    const tags = scanTags('<!-- <a x=1> --><![CDATA[<a x=2>]]><script>"<a x=3>"</script><a x="4>5"><A X=6 />', new Set(['a']));
    assert.deepEqual(tags.map((t) => t.attrs.x), ['4>5', '6']);
  });

  it('hands over text and start, end and empty-element tags in order', () => {
    assert.deepEqual(tokens('a<P class="x>y">b<br/>c</p >'), ['text:a', '<p>', 'text:b', '<br/>', 'text:c', '</p>']);
  });

  it('takes a < that starts no tag as text, and passes over declarations', () => {
    assert.deepEqual(tokens('<!DOCTYPE html><?xml x?>1 < 2 <3 </ >'), ['text:1 ', 'text:<', 'text: 2 ', 'text:<', 'text:3 ', 'text:<', 'text:/ >']);
  });

  it('ends a CDATA section at ]]> only', () => {
    assert.deepEqual(tokens('<![CDATA[a > b]]>c'), ['text:c']);
  });

  it('reads raw text elements up to their end tag; an empty-element tag has no content', () => {
    assert.deepEqual(tokens('<script>if (a<b) x("</p>")</SCRIPT>t'), ['<script>', 'text:if (a<b) x("</p>")', '</script>', 'text:t']);
    assert.deepEqual(tokens('<title>a <b>b</b></title>'), ['<title>', 'text:a <b>b</b>', '</title>']);
    assert.deepEqual(tokens('<title/><link href=x>'), ['<title/>', '<link>']);
  });

  it('runs an unclosed script to the end, but takes an unclosed title as a stray tag', () => {
    assert.deepEqual(tokens('<script>x<p>y'), ['<script>', 'text:x<p>y']);
    assert.deepEqual(tokens('<title>x<p>y'), ['<title>', 'text:x', '<p>', 'text:y']);
  });

  it('stops when the visitor is done', () => {
    const seen: string[] = [];
    scanHtml('<a>1</a><b>2</b>', { text: (t) => seen.push(t), tag: (name) => seen.push(name), done: () => seen.length >= 2 });
    assert.deepEqual(seen, ['a', '1']);
  });

  it('a stray quote in an unquoted value (href=http://x/") never swallows the rest of the document', () => {
    assert.deepEqual(tokens('<p><a href=http://x/">link</a> after</p><p>Second</p>'), [
      '<p>', '<a>', 'text:link', '</a>', 'text: after', '</p>', '<p>', 'text:Second', '</p>',
    ]);
    const [a, b] = scanTags('<a href=http://x/">one</a><a href="http://y/">two</a>', new Set(['a']));
    assert.equal(a.attrs.href, 'http://x/');
    assert.equal(b.attrs.href, 'http://y/');
    // A quote in an attribute name position, and a quoted value that never closes.
    assert.deepEqual(tokens('<img alt=x" src=y><b>bold</b>'), ['<img>', '<b>', 'text:bold', '</b>']);
    assert.deepEqual(tokens('<a title="never closed>text</a><i>on</i>'), ['<a>', 'text:text', '</a>', '<i>', 'text:on', '</i>']);
    // Quotes still protect a > inside a value, with spaces around the =.
    assert.deepEqual(scanTags("<a x = '1>2' y=\"3\">", new Set(['a']))[0].attrs, { x: '1>2', y: '3' });
  });
});
