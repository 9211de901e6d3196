/** The excerpt is the first paragraph of the entry's own text. */
import * as assert from 'node:assert/strict';
import { excerptFromHtml } from '../../../src/core/roundup/excerpt';

describe('roundup/excerpt: the first paragraph of text', () => {
  it('skips leading images, figures with their captions, and empty paragraphs', () => {
    assert.equal(
      excerptFromHtml('<p><img src="a.png"></p><figure><img src="b.png"><figcaption>A caption</figcaption></figure><p></p><p>&nbsp;</p><p>Real text.</p>'),
      'Real text.',
    );
    assert.equal(excerptFromHtml('<div class="wp-caption"><img src="x"><p class="wp-caption-text">Old caption</p></div><p>Body.</p>'), 'Body.');
    assert.equal(excerptFromHtml('<figure><figcaption>Caption <b>only</b></figcaption></figure>'), '');
  });

  it('drops "Continue reading" and "Read more" links, but not a link whose words are part of a sentence', () => {
    assert.equal(
      excerptFromHtml('<p>Text of the post&#8230; <a href="x" class="more-link">Continue reading<span class="screen-reader-text"> "T"</span></a></p>'),
      'Text of the post…',
    );
    assert.equal(excerptFromHtml('<p>Text. <a href="x">Read more &raquo;</a></p><p>next</p>'), 'Text.');
    assert.equal(excerptFromHtml('<p>Snippet&#x2026;</p><p><a href="x">Continue reading on Medium »</a></p>'), 'Snippet…');
    assert.equal(excerptFromHtml('<p><a href="x">(more…)</a></p><p>After.</p>'), 'After.');
    assert.equal(excerptFromHtml('<p>Read <a href="x">more</a> about it.</p>'), 'Read more about it.');
    assert.equal(excerptFromHtml('<p>See <a href="x">the notes</a> first.</p>'), 'See the notes first.');
  });

  it('skips share buttons (by class or id, nested blocks included) and share prompts', () => {
    assert.equal(
      excerptFromHtml('<div class="sharedaddy sd-sharing-enabled"><div class="sd-block"><h3>Share this:</h3><ul><li><a>Twitter</a></li></ul></div></div><p>After the share bar.</p>'),
      'After the share bar.',
    );
    assert.equal(excerptFromHtml('<p>Share this:</p><p>Body two.</p>'), 'Body two.');
    assert.equal(excerptFromHtml('<p class="button-wrapper"><a class="button primary" href="x"><span>Share</span></a></p><p>Body three.</p>'), 'Body three.');
    assert.equal(excerptFromHtml('<div id="social-share-1"><a>Tweet</a></div><div class="feedflare"><a><img src="f"></a></div><p>Body four.</p>'), 'Body four.');
    assert.equal(excerptFromHtml('<p>We share this view.</p>'), 'We share this view.');
  });

  it('drops WordPress\'s "The post ... appeared first on ..." trailer, as a paragraph or glued to the text', () => {
    assert.equal(excerptFromHtml('<p>The post <a href="x">T</a> appeared first on <a>Site</a>.</p><p>Body.</p>'), 'Body.');
    assert.equal(excerptFromHtml('<p>The post <a href="x">T</a> appeared first on <a>Site</a>.</p>'), '');
    assert.equal(excerptFromHtml('Excerpt text [&#8230;]The post T appeared first on Site.'), 'Excerpt text […]');
    assert.equal(excerptFromHtml('<p>Excerpt text. The post <a>T</a> appeared first on <a>Site</a>.</p>'), 'Excerpt text.');
  });
});
