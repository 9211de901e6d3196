import * as assert from 'node:assert/strict';
import { resolveHtmlUrls } from '../../../src/core/html/urls';

describe('html/urls', () => {
  const base = 'https://blog.example/2016/05/post/';

  it('resolves relative href, src, srcset and poster values, quoted or not, and keeps the rest byte for byte', () => {
    assert.equal(
      resolveHtmlUrls('<p class=x>See <a href="../other/">o</a>, <a href=/top>t</a> <img alt="A" src=\'i.png\'></p>', base),
      '<p class=x>See <a href="https://blog.example/2016/05/other/">o</a>, <a href="https://blog.example/top">t</a> <img alt="A" src="https://blog.example/2016/05/post/i.png"></p>',
    );
    assert.equal(resolveHtmlUrls('<video poster="p.jpg"></video>', base), '<video poster="https://blog.example/2016/05/post/p.jpg"></video>');
    assert.equal(
      resolveHtmlUrls('<img srcset="https://cdn.example/w_1,f_2/a.png 1x, b.png 2x">', base),
      '<img srcset="https://cdn.example/w_1,f_2/a.png 1x, https://blog.example/2016/05/post/b.png 2x">',
    );
    assert.equal(resolveHtmlUrls('<a href="?q=1&amp;r=2">q</a>', base), '<a href="https://blog.example/2016/05/post/?q=1&amp;r=2">q</a>');
  });

  it('leaves absolute URLs, fragments, other schemes, empty values, text and unknown attributes alone', () => {
    const html = '<a href="https://x.example/">a</a><a href="#note">n</a><a href="mailto:me@x.example">m</a><a href="">e</a><img src="data:image/png;base64,AA"><span data-src="rel.png">href="rel"</span>';
    assert.equal(resolveHtmlUrls(html, base), html);
    assert.equal(resolveHtmlUrls('<a href="rel">r</a>', undefined), '<a href="rel">r</a>', 'no base: unchanged');
  });
});
