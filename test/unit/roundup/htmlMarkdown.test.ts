import * as assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../../src/core/roundup/htmlMarkdown';
import { parseFeed } from '../../../src/core/feeds/parse';
import { fixtureText } from '../feeds/helpers';
import { analyze, md } from './markdown';

const BASE = 'https://blog.example/2016/05/entry/';

/** Every token type markdown-it makes of the text, nested ones included. */
function tokenTypes(markdown: string): Set<string> {
  const types = new Set<string>();
  for (const token of md.parse(markdown, {})) {
    types.add(token.type);
    for (const child of token.children ?? []) types.add(child.type);
  }
  return types;
}

describe('roundup/htmlMarkdown: an entry as markdown to read', () => {
  it('paragraphs, headings, strong, emphasis, deleted text and code spans', () => {
    const markdown = htmlToMarkdown(
      '<h2>Intro</h2><p>Some <strong>bold</strong>, <em>slanted</em>, <del>gone</del> and <code>a `tick`</code>.</p><p>Next</p>',
    );
    assert.equal(markdown, '## Intro\n\nSome **bold**, *slanted*, ~~gone~~ and `` a `tick` ``.\n\nNext');
    assert.deepEqual(analyze(markdown).map((b) => b.path), ['h2', 'p', 'p']);
  });

  it('keeps spaces outside the emphasis markers, so they still render as emphasis', () => {
    assert.equal(htmlToMarkdown('<p>a<b> bold </b>b</p>'), 'a **bold** b');
    assert.deepEqual(analyze(htmlToMarkdown('<p>a<b> bold </b>b</p>'))[0].strong, ['bold']);
  });

  it('nested lists, ordered lists from their start, loose items with paragraphs', () => {
    const markdown = htmlToMarkdown(
      '<ul><li>one<ul><li>nested <em>deep</em></li><li>again</li></ul></li><li>two</li></ul>' +
        '<ol start="3"><li><p>para</p><p>second</p></li><li>x</li></ol>',
    );
    assert.equal(markdown, '- one\n  - nested *deep*\n  - again\n- two\n\n3. para\n\n   second\n\n4. x');
    assert.deepEqual(
      analyze(markdown).map((b) => `${b.path}: ${b.text}`),
      ['ul>li>p: one', 'ul>li>ul>li>p: nested deep', 'ul>li>ul>li>p: again', 'ul>li>p: two', 'ol>li>p: para', 'ol>li>p: second', 'ol>li>p: x'],
    );
  });

  it('links: relative URLs resolved against the entry link, only http(s) links kept as links', () => {
    const markdown = htmlToMarkdown(
      '<p><a href="/about">About</a>, <a href="../../04/older/">older</a>, <a href="mailto:a@b.example">mail</a>, ' +
        '<a href="javascript:alert(1)">bad</a>, <a href="https://x.example/a b">spaced</a></p>',
      BASE,
    );
    assert.deepEqual(analyze(markdown)[0].links, [
      { href: 'https://blog.example/about', text: 'About' },
      { href: 'https://blog.example/2016/04/older/', text: 'older' },
      { href: 'https://x.example/a%20b', text: 'spaced' },
    ]);
    assert.equal(analyze(markdown)[0].text, 'About, older, mail, bad, spaced');
  });

  it('blockquotes, code blocks with their language, rules and tables', () => {
    const markdown = htmlToMarkdown(
      '<blockquote><p>quoted</p><p>- not a list</p></blockquote>' +
        '<pre><code class="language-sh">echo `hi`\n  ls *\n</code></pre><hr>' +
        '<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td>2</td></tr></table>',
    );
    assert.equal(
      markdown,
      '> quoted\n>\n> \\- not a list\n\n```sh\necho `hi`\n  ls *\n```\n\n---\n\n| a | b\\|c |\n| --- | --- |\n| 1 | 2 |',
    );
    const blocks = analyze(markdown);
    assert.deepEqual(blocks.map((b) => b.path), ['blockquote>p', 'blockquote>p', 'code', 'hr', 'table>thead>tr>th', 'table>thead>tr>th', 'table>tbody>tr>td', 'table>tbody>tr>td']);
    assert.equal(blocks[2].text, 'echo `hi`\n  ls *\n');
  });

  it('a code block holding a fence gets a longer fence', () => {
    assert.equal(htmlToMarkdown('<pre>```\nx\n```</pre>'), '````\n```\nx\n```\n````');
  });

  it('<br> is a hard line break; the text is escaped so it renders as written', () => {
    const markdown = htmlToMarkdown('<p>line<br>2016. was a year<br/># not a heading *nor* [a link]</p><p>&lt;b&gt;tag&lt;/b&gt; &amp;copy;</p>');
    assert.equal(markdown, 'line\\\n2016\\. was a year\\\n\\# not a heading \\*nor\\* \\[a link\\]\n\n\\<b>tag\\</b> \\&copy;');
    const blocks = analyze(markdown);
    assert.deepEqual(blocks.map((b) => b.text), ['line\n2016. was a year\n# not a heading *nor* [a link]', '<b>tag</b> &copy;']);
    assert.deepEqual(blocks.flatMap((b) => b.otherMarks), []);
  });

  it('images are links to them (never fetched by a preview), or their alt text', () => {
    const markdown = htmlToMarkdown(
      '<p><img src="cat.png" alt="A cat"> <img src="data:image/png;base64,AAAA" alt="inline"> <a href="/big.png"><img src="small.png" alt="thumb"></a></p>' +
        '<iframe src="https://video.example/embed/1"></iframe>',
      BASE,
    );
    assert.equal(
      markdown,
      '[Image: A cat](https://blog.example/2016/05/entry/cat.png) inline [thumb](https://blog.example/big.png)\n\n[Embedded content](https://video.example/embed/1)',
    );
    const types = tokenTypes(markdown);
    assert.ok(!types.has('image'), 'no image token');
    assert.ok(!types.has('html_inline') && !types.has('html_block'), 'no HTML');
  });

  it('drops scripts, styles and comments, and keeps no HTML at all', () => {
    const markdown = htmlToMarkdown('<p>a<script>alert("x")</script><style>p{color:red}</style><!-- c --> b</p><div><span style="x">c</span></div>');
    assert.equal(markdown, 'a b\n\nc');
  });

  it('plain text: blank lines are paragraph breaks; empty HTML is empty', () => {
    assert.equal(htmlToMarkdown('First para\nstill first.\n\n  Second &amp; last'), 'First para still first.\n\nSecond & last');
    assert.equal(htmlToMarkdown('  '), '');
    assert.equal(htmlToMarkdown('<p> </p><div></div>'), '');
  });

  it('reads the entries of real feeds into markdown with no HTML and no image', async () => {
    for (const name of ['wordpress-rss2.xml', 'markup-elements-rss2.xml', 'markup-constructs-atom.xml', 'blogger-images-atom.xml', 'ghost-rss2.xml', 'medium-rss2.xml']) {
      const feed = await parseFeed(fixtureText(name), { url: `https://feeds.example/${name}` });
      assert.ok(feed.entries.length > 0, name);
      for (const entry of feed.entries) {
        const markdown = htmlToMarkdown(entry.summaryHtml, entry.link);
        const types = tokenTypes(markdown);
        for (const type of ['image', 'html_inline', 'html_block']) assert.ok(!types.has(type), `${name}: "${entry.title}" has ${type}:\n${markdown}`);
        assert.ok(!/<\w+[^>]*>/.test(markdown.replace(/\\</g, '')), `${name}: "${entry.title}" keeps a tag:\n${markdown}`);
      }
    }
  });
});
