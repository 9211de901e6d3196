import * as assert from 'node:assert/strict';
import { analyze } from './markdown';
import { encodeUrl, isSafeUrl } from '../../../src/core/base/urls';
import { escapeInline, escapeLine, escapeLineStart, quoteLines } from '../../../src/core/roundup/escape';
import { BUILTIN_TEMPLATES, renderTemplate, type TemplateValues } from '../../../src/core/roundup/template';

/** Text that markdown would interpret if inserted as is. */
const TRICKY = [
  '*nix tips_and [tricks]',
  '# not a heading',
  '## also not',
  '2016. was a year',
  '1) first',
  '12345. big number',
  '---',
  '===',
  '***',
  '___',
  '- - -',
  '> quoted',
  '>> double',
  '- dash item',
  '+ plus item',
  '* star item',
  '<script>alert(1)</script>',
  '<div>html block</div>',
  '<!-- comment -->',
  '<http://autolink.example>',
  'back\\slash and \\* and \\\\ two',
  'ends with a backslash \\',
  '`code` and ``more``',
  '```',
  '~~~',
  '~~strike~~ and ~single~',
  'a_b_c __under__ _em_ **bold** *em*',
  '[link](http://x.example) and ![img](y.png)',
  '[ref]: http://x.example',
  '[^1]: footnote',
  '&copy; &amp; &#169; literally',
  'AT&T and R&D',
  '| a | b |',
  '| --- | --- |',
  ':-- | --:',
  'emoji 😀 and accents é, “quotes”',
  'trailing   spaces inside are kept',
  '1.5 million users',
  'C++ and C#',
  '#hashtag',
  'a <b>bold</b> claim',
  'under_score_name',
  'http://example.com/a_b_c',
];

const base: TemplateValues = { title: 'Title', author: 'Author', excerpt: 'Excerpt.', link: 'http://tm3.org/6e', feed: 'Feed', published: '2016-05-17T17:18:56Z' };

function block(values: Partial<TemplateValues>): string {
  return renderTemplate(BUILTIN_TEMPLATES.block, { ...base, ...values }).text;
}

describe('roundup/escape', () => {
  it('escapes the inline characters markdown interprets', () => {
    assert.equal(escapeInline('*a* _b_ `c` [d] <e> \\f'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\<e> \\\\f');
    assert.equal(escapeInline('~~x~~ ~y~'), '\\~\\~x\\~\\~ ~y~');
    assert.equal(escapeInline('&copy; &#169; &#xA9; AT&T & done'), '\\&copy; \\&#169; \\&#xA9; AT&T & done');
    assert.equal(escapeInline('plain text, with punctuation. (and) "quotes" #1 - 2 + 3 > 0'), 'plain text, with punctuation. (and) "quotes" #1 - 2 + 3 > 0');
  });

  it('escapes block markers at the start of a line', () => {
    assert.equal(escapeLineStart('# h'), '\\# h');
    assert.equal(escapeLineStart('> q'), '\\> q');
    assert.equal(escapeLineStart('- l'), '\\- l');
    assert.equal(escapeLineStart('+ l'), '\\+ l');
    assert.equal(escapeLineStart('2016. was a year'), '2016\\. was a year');
    assert.equal(escapeLineStart('1) first'), '1\\) first');
    assert.equal(escapeLineStart('==='), '\\===');
    assert.equal(escapeLineStart('---'), '\\---');
    assert.equal(escapeLineStart('| --- |'), '\\| --- |');
    assert.equal(escapeLineStart('   # indented'), '\\# indented');
    assert.equal(escapeLineStart('plain'), 'plain');
    assert.equal(escapeLineStart('a | b'), 'a | b');
    assert.equal(escapeLineStart(''), '');
  });

  it('quotes every line, empty ones as >', () => {
    assert.equal(quoteLines('one\n\n# two\n2016. three'), '> one\n>\n> \\# two\n> 2016\\. three');
    assert.equal(quoteLines('a\r\nb', '>> '), '>> a\n>> b');
  });

  it('accepts only http(s) URLs with a host as links', () => {
    for (const url of ['http://x.example', 'https://x.example/a?b#c', 'HTTPS://X.EXAMPLE', '  http://x.example  ']) assert.ok(isSafeUrl(url), url);
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'mailto:a@b.c', '/relative/path', 'relative', '//x.example/a', 'ftp://x.example', 'http://', 'http:///x', '', 'file:///etc/passwd', 'vbscript:x']) {
      assert.ok(!isSafeUrl(url), url);
    }
  });

  it('percent-encodes spaces, parentheses, angle brackets, backslashes and controls in URLs', () => {
    assert.equal(encodeUrl('http://x.example/a b(c)<d>\\e\tf'), 'http://x.example/a%20b%28c%29%3Cd%3E%5Ce%09f');
    assert.equal(encodeUrl('http://x.example/ok?a=1&b=%20#frag'), 'http://x.example/ok?a=1&b=%20#frag');
  });
});

describe('roundup/escape rendered through markdown-it', () => {
  for (const text of TRICKY) {
    it(`title, author, excerpt ${JSON.stringify(text)} come out literally`, () => {
      const markdown = block({ title: text, author: text, excerpt: text });
      const blocks = analyze(markdown);
      assert.deepEqual(
        blocks.map((b) => b.path),
        ['p', 'blockquote>p', 'p'],
        markdown,
      );
      assert.equal(blocks[0].text, `${text} by ${text}`, markdown);
      assert.deepEqual(blocks[0].strong, [text], markdown);
      assert.deepEqual(blocks[0].links, [], markdown);
      assert.deepEqual(blocks[0].otherMarks, [], markdown);
      assert.equal(blocks[1].text, text, markdown);
      assert.deepEqual(blocks[1].otherMarks, [], markdown);
      assert.deepEqual(blocks[1].links, [], markdown);
      assert.equal(blocks[2].text, '... read more at http://tm3.org/6e');
      assert.deepEqual(blocks[2].links, [{ href: 'http://tm3.org/6e', text: 'http://tm3.org/6e' }]);
    });
  }

  it('keeps every tricky line of a multi-line excerpt inside one quote paragraph', () => {
    const excerpt = TRICKY.join('\n');
    const markdown = block({ excerpt });
    const blocks = analyze(markdown);
    assert.deepEqual(blocks.map((b) => b.path), ['p', 'blockquote>p', 'p'], markdown);
    assert.equal(blocks[1].text, excerpt);
    assert.deepEqual(blocks[1].otherMarks, []);
  });

  it('a table header line followed by a delimiter line stays text', () => {
    for (const excerpt of ['a | b\n| --- | --- |\nc | d', '| a |\n:-:', '| a | b |\n:-- | --:', 'a | b\n-|-']) {
      const blocks = analyze(block({ excerpt }));
      assert.deepEqual(blocks.map((b) => b.path), ['p', 'blockquote>p', 'p'], excerpt);
      assert.equal(blocks[1].text, excerpt);
    }
  });

  it('a line of = or - under a line does not make a heading', () => {
    for (const underline of ['===', '---', '=', '-']) {
      const excerpt = `Heading?\n${underline}`;
      const blocks = analyze(block({ excerpt }));
      assert.deepEqual(blocks.map((b) => b.path), ['p', 'blockquote>p', 'p'], underline);
      assert.equal(blocks[1].text, excerpt);
    }
  });

  it('an excerpt with empty lines stays one blockquote', () => {
    const markdown = block({ excerpt: 'one\n\ntwo\n\n\nthree' });
    assert.match(markdown, /^> one\n>\n> two\n>\n>\n> three$/m);
    const blocks = analyze(markdown);
    assert.deepEqual(blocks.map((b) => b.path), ['p', 'blockquote>p', 'blockquote>p', 'blockquote>p', 'p']);
  });

  it('link text in the link template renders literally and links to the URL', () => {
    for (const text of TRICKY) {
      const markdown = renderTemplate(BUILTIN_TEMPLATES.link, { ...base, title: text }).text;
      const blocks = analyze(markdown);
      assert.deepEqual(blocks.map((b) => b.path), ['ul>li>p'], markdown);
      assert.deepEqual(blocks[0].links, [{ href: 'http://tm3.org/6e', text }], markdown);
      assert.deepEqual(blocks[0].otherMarks, [], markdown);
    }
  });

  it('URLs with spaces and parentheses stay one link', () => {
    const link = 'http://x.example/wiki/Foo (bar) <baz>';
    const markdown = block({ link });
    const blocks = analyze(markdown);
    assert.equal(blocks.length, 3, markdown);
    const encoded = 'http://x.example/wiki/Foo%20%28bar%29%20%3Cbaz%3E';
    assert.deepEqual(blocks[2].links, [{ href: encoded, text: encoded }]);
    assert.equal(blocks[2].text, `... read more at ${encoded}`);
  });

  it('URLs with _ and * keep them in the link text and in the href', () => {
    const link = 'http://x.example/a_b_c/*star*';
    const blocks = analyze(block({ link }));
    assert.deepEqual(blocks[2].links, [{ href: link, text: link }]);
    assert.deepEqual(blocks[2].otherMarks, []);
  });

  for (const link of ['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', '/relative/post', 'mailto:me@x.example', 'ftp://x.example/file']) {
    it(`an unsafe link ${link} is plain text, never a link`, () => {
      const rendered = renderTemplate(BUILTIN_TEMPLATES.block, { ...base, link });
      assert.deepEqual(rendered.unsafeUrls, [link]);
      const blocks = analyze(rendered.text);
      assert.deepEqual(blocks.map((b) => b.path), ['p', 'blockquote>p', 'p'], rendered.text);
      assert.deepEqual(blocks[2].links, []);
      assert.equal(blocks[2].text, `... read more at ${link}`);
      const listed = renderTemplate(BUILTIN_TEMPLATES.link, { ...base, link });
      assert.equal(listed.text, '* Title');
      assert.deepEqual(analyze(listed.text)[0].links, []);
    });
  }

  it('random text made of markdown syntax comes out literally (3000 seeded cases)', () => {
    const pieces = ['~~', '---', '===', '```', '***', '1.', '2)', '> ', '# ', '- ', '+ ', '<a>', '<!--', '&copy;', '&#1;', '&amp;', '\\', '*', '_', '`', '[', ']', '<', '>', '#', '-', '+', '=', '|', ':', '~', '!', '(', ')', '&', ' ', 'a', 'b', '7', 'http://x.example', '"', "'", '{', '}', '$', '%', '^'];
    let seed = 20160517;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const text = (maxPieces: number): string => {
      let out = '';
      for (let i = 0, n = 1 + random(maxPieces); i < n; i++) out += pieces[random(pieces.length)];
      return out.replace(/\s+/g, ' ').trim() || 'x';
    };
    for (let i = 0; i < 3000; i++) {
      const title = text(12);
      const author = text(6);
      const excerpt = Array.from({ length: 1 + random(3) }, () => text(10)).join('\n');
      const markdown = block({ title, author, excerpt });
      const blocks = analyze(markdown);
      const where = JSON.stringify({ title, author, excerpt, markdown });
      assert.deepEqual(blocks.map((b) => b.path), ['p', 'blockquote>p', 'p'], where);
      assert.equal(blocks[0].text, `${title} by ${author}`, where);
      assert.deepEqual(blocks[0].strong, [title], where);
      assert.deepEqual([...blocks[0].otherMarks, ...blocks[1].otherMarks], [], where);
      assert.equal(blocks[1].text, excerpt, where);
      assert.deepEqual(blocks[0].links.length + blocks[1].links.length, 0, where);
    }
  });

  it('escapeLine renders literally at the start of a paragraph', () => {
    for (const text of TRICKY) {
      const blocks = analyze(escapeLine(text));
      assert.deepEqual(blocks.map((b) => b.path), ['p'], text);
      assert.equal(blocks[0].text, text);
      assert.deepEqual(blocks[0].otherMarks, []);
    }
  });
});
