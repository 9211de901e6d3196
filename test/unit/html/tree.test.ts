import * as assert from 'node:assert/strict';
import { type HtmlNode, parseHtmlTree, textContent } from '../../../src/core/html/tree';

/** The tree as compact text: `p(a "text")`, attributes left out. */
function shape(node: HtmlNode): string {
  if (typeof node === 'string') return JSON.stringify(node);
  return `${node.name}(${node.children.map(shape).join(' ')})`;
}

function tree(html: string): string {
  return parseHtmlTree(html).children.map(shape).join(' ');
}

describe('html/tree: parseHtmlTree', () => {
  it('nests elements, decodes text and attributes', () => {
    assert.equal(tree('<p>Tom &amp; <b>Jerry</b></p>'), 'p("Tom & " b("Jerry"))');
    const link = parseHtmlTree('<a href="/x?a=1&amp;b=2" TITLE=\'t\'>x</a>').children[0];
    assert.ok(typeof link !== 'string');
    assert.deepEqual(link.attrs, { href: '/x?a=1&b=2', title: 't' });
  });

  it('gives void and empty-element tags no children', () => {
    assert.equal(tree('<p>a<br>b<img src="x.png">c<br/>d</p>'), 'p("a" br() "b" img() "c" br() "d")');
    assert.equal(tree('<hr>text'), 'hr() "text"');
  });

  it('closes what browsers close: paragraphs before blocks, list items, cells; unclosed elements at the end', () => {
    assert.equal(tree('<p>one<p>two<div>three</div>'), 'p("one") p("two") div("three")');
    assert.equal(tree('<p><em>a<ul><li>b</ul>'), 'p(em("a")) ul(li("b"))', 'a p is closed through the inline elements open in it');
    assert.equal(tree('<ul><li>a<li>b<ul><li>c<li>d</ul><li>e</ul>'), 'ul(li("a") li("b" ul(li("c") li("d"))) li("e"))');
    assert.equal(tree('<table><tr><td>1<td>2<tr><td>3</table>'), 'table(tr(td("1") td("2")) tr(td("3")))');
    assert.equal(tree('<div><span>open'), 'div(span("open"))');
  });

  it('passes over stray end tags and closes those opened inside the one that ends', () => {
    assert.equal(tree('a</b>c'), '"ac"');
    assert.equal(tree('<div><b>x</div>y'), 'div(b("x")) "y"');
  });

  it('drops scripts, styles, comments and the content of svg, noscript and templates; keeps media empty', () => {
    assert.equal(tree('a<script>x("</p>")</script><style>p{}</style><!-- c -->b'), '"ab"');
    assert.equal(tree('<svg><text>no</text><svg>in</svg></svg><noscript><p>no</p></noscript>c'), '"c"');
    assert.equal(tree('<iframe src="https://v.example/e"><p>fallback</p></iframe>d'), 'iframe() "d"');
  });

  it('textContent: the text of a subtree, <br> as a line break', () => {
    assert.equal(textContent(parseHtmlTree('<pre><code>a &lt; b<br>c</code></pre>')), 'a < b\nc');
  });
});
