import * as assert from 'node:assert/strict';
import { collapseWhitespace, htmlToText } from '../../../src/core/html/text';

describe('html/text: htmlToText', () => {
  it('makes one line of text of titles with tags and entities', () => {
    assert.equal(htmlToText('Tom &amp; Jerry&#8217;s <em>big</em> day'), 'Tom & Jerry\u2019s big day');
    assert.equal(htmlToText('  a\n  b<br>c <p>d</p> '), 'a b c d');
    assert.equal(htmlToText('Ha&iuml;kel Gu&eacute;mar'), 'Haïkel Guémar');
  });

  it('keeps plain text (and stray < and &) as is', () => {
    assert.equal(htmlToText('a < b & c'), 'a < b & c');
    assert.equal(htmlToText('*nix tips_and [tricks]'), '*nix tips_and [tricks]');
    assert.equal(htmlToText(''), '');
  });

  it('drops scripts, styles and comments; inline tags join their text', () => {
    assert.equal(htmlToText('<p>One&nbsp;<b>two</b></p><script>no()</script><style>p{}</style>\n three'), 'One two three');
    assert.equal(htmlToText('Ha<em>ï</em>kel<!-- x --> <svg><text>no</text></svg>G.'), 'Haïkel G.');
  });

  it('collapses whitespace and removes invisible characters', () => {
    assert.equal(collapseWhitespace(' a\u00a0\t b\u00ad\ufeffc\u0007 '), 'a bc');
  });
});
