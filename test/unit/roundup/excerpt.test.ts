import * as assert from 'node:assert/strict';
import { truncateAtWord } from '../../../src/core/base/truncate';
import { excerptFromHtml } from '../../../src/core/roundup/excerpt';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';

describe('roundup/excerpt', () => {
  it('takes the first paragraph with text', () => {
    assert.equal(excerptFromHtml('<p>First one.</p><p>Second one.</p>'), 'First one.');
    assert.equal(excerptFromHtml('<p></p><p>&nbsp;</p><div><p>  Real\n  text </p></div><p>more</p>'), 'Real text');
  });

  it('strips tags, keeps inline text together', () => {
    assert.equal(
      excerptFromHtml('<p>A <a href="http://x/?a=1&amp;b=2" title="a > b">link</a>, <em>em</em> and <strong>bold</strong><img src="x.png" alt="pic"/>.</p>'),
      'A link, em and bold.',
    );
  });

  it('drops script, style and other non-text content', () => {
    assert.equal(
      excerptFromHtml('<style>p { color: red }</style><p>Before <script>document.write("<p>no</p>")</script>after<noscript><img src=x>fallback</noscript>.</p>'),
      'Before after.',
    );
    assert.equal(excerptFromHtml('<p>a<!-- comment <p>x</p> --> b<![CDATA[ignored]]></p>'), 'a b');
    assert.equal(excerptFromHtml('<p><svg><title>icon</title><path d="M0"/></svg>Text<iframe src="v">no frames</iframe></p>'), 'Text');
  });

  it('decodes entities in text, and entity-encoded markup stays text', () => {
    assert.equal(excerptFromHtml('<p>doesn&#8217;t &amp; won&rsquo;t &hellip; &lt;p&gt; is a tag</p>'), 'doesn\u2019t & won\u2019t \u2026 <p> is a tag');
  });

  it('treats a < that starts no tag as text', () => {
    assert.equal(excerptFromHtml('<p>1 < 2 and 3 <= 4, a <3 heart</p>'), '1 < 2 and 3 <= 4, a <3 heart');
  });

  it('collapses whitespace runs, no-break spaces included', () => {
    assert.equal(excerptFromHtml('<p>  lots\t of \n\n  space&nbsp;&nbsp;here\u00a0 </p>'), 'lots of space here');
  });

  it('keeps <br> line breaks as lines', () => {
    assert.equal(excerptFromHtml('<p>one<br>two<br/>three <br /> four</p>'), 'one\ntwo\nthree\nfour');
  });

  it('ends the paragraph at a double <br>', () => {
    assert.equal(excerptFromHtml('one<br>two<br><br>three'), 'one\ntwo');
    assert.equal(excerptFromHtml('one<br> &nbsp; <br>three'), 'one');
    assert.equal(excerptFromHtml('<br><br>first<br>line'), 'first\nline');
  });

  it('splits plain text at blank lines', () => {
    assert.equal(excerptFromHtml('First paragraph\nstill first.\n\nSecond.'), 'First paragraph still first.');
    assert.equal(excerptFromHtml('Tom &amp; Jerry\r\n  \r\nnext'), 'Tom & Jerry');
  });

  it('does not split HTML at blank lines inside a paragraph', () => {
    assert.equal(excerptFromHtml('<p>one\n\ntwo</p><p>three</p>'), 'one two');
  });

  it('ends at block elements: headings, lists, blockquotes', () => {
    assert.equal(excerptFromHtml('<h2>Heading</h2><p>Body</p>'), 'Heading');
    assert.equal(excerptFromHtml('<ul><li>first item</li><li>second</li></ul>'), 'first item');
    assert.equal(excerptFromHtml('Intro text<div>block</div>'), 'Intro text');
    assert.equal(excerptFromHtml('<table><tr><td>a</td><td>b</td></tr></table>'), 'a b');
  });

  it('returns "" for empty or text-less input', () => {
    assert.equal(excerptFromHtml(''), '');
    assert.equal(excerptFromHtml('<p> </p><img src="x"><script>x</script>'), '');
  });

  it('keeps a whole first paragraph up to the default 1000 characters', () => {
    const text = ('word '.repeat(200)).trim(); // 999 characters
    assert.equal(text.length, 999);
    assert.equal(excerptFromHtml(`<p>${text}</p>`), text);
    assert.equal(DEFAULT_SETTINGS.excerpt.maxLength, 1000);
    const exactly = 'x'.repeat(1000);
    assert.equal(excerptFromHtml(exactly), exactly);
  });

  it('cuts a longer paragraph at a word boundary with …', () => {
    const text = 'alpha beta gamma delta epsilon';
    assert.equal(truncateAtWord(text, 12), 'alpha beta\u2026');
    assert.equal(truncateAtWord(text, 11), 'alpha beta\u2026');
    assert.equal(truncateAtWord(text, 10), 'alpha\u2026');
    assert.equal(truncateAtWord(text, 30), text);
    const long = 'lorem ipsum '.repeat(120);
    const cut = excerptFromHtml(`<p>${long}</p>`);
    assert.ok(Array.from(cut).length <= 1000, `length ${cut.length}`);
    assert.ok(cut.endsWith('\u2026'));
    assert.match(cut, /(?:lorem|ipsum)\u2026$/);
  });

  it('drops trailing punctuation and spaces before the …', () => {
    assert.equal(truncateAtWord('one, two; three', 10), 'one, two\u2026');
    assert.equal(truncateAtWord('one - two three', 7), 'one\u2026');
  });

  it('hard-cuts a single overlong word and never splits a surrogate pair', () => {
    assert.equal(truncateAtWord('abcdefghij', 5), 'abcd\u2026');
    assert.equal(truncateAtWord('😀😀😀😀😀😀', 4), '😀😀😀\u2026');
    assert.equal(truncateAtWord('See https://example.org/a/very/long/path', 20), 'See https://example\u2026', 'not just "See…"');
    // Counted in code points, a pair only past the limit or a text short in code points but long in units.
    assert.equal(truncateAtWord(`one two three ${'😀'.repeat(40)}`, 10), 'one two\u2026');
    assert.equal(truncateAtWord('😀 '.repeat(5), 10), '😀 '.repeat(5));
    assert.equal(truncateAtWord(`${'😀 '.repeat(3)}${'x'.repeat(20)}`, 8), '😀 😀 😀\u2026');
  });

  it('counts lines in the limit and may cut at a line break', () => {
    assert.equal(excerptFromHtml('aaaa<br>bbbb<br>cccc', 12), 'aaaa\nbbbb\u2026');
  });

  it('takes maxLength 0 as no limit', () => {
    const long = 'word '.repeat(400).trim();
    assert.equal(excerptFromHtml(long, 0), long);
  });
});
