import * as assert from 'node:assert/strict';
import { formatUtc } from '../../../src/core/base/utc';
import { analyze } from './markdown';
import {
  BUILTIN_TEMPLATES,
  normalizeBlankLines,
  parseTemplate,
  PLACEHOLDERS,
  renderTemplate,
  resolveTemplate,
  TemplateError,
  templateNames,
  type TemplateValues,
  validateTemplate,
} from '../../../src/core/roundup/template';

const values: TemplateValues = {
  title: 'Containers and the CERN cloud',
  author: 'Ricardo Rocha',
  excerpt: 'In recent years.',
  link: 'http://tm3.org/6g',
  feed: 'Ricardo Rocha blog',
  published: '2016-05-03T07:08:09Z',
};

function render(template: string, overrides: Partial<TemplateValues> = {}): string {
  return renderTemplate(template, { ...values, ...overrides }).text;
}

describe('roundup/template', () => {
  it('has the built-in block and link templates', () => {
    assert.equal(
      render(BUILTIN_TEMPLATES.block),
      '**Containers and the CERN cloud** by Ricardo Rocha\n\n> In recent years.\n\n... read more at [http://tm3.org/6g](http://tm3.org/6g)',
    );
    assert.equal(render(BUILTIN_TEMPLATES.link), '* [Containers and the CERN cloud](http://tm3.org/6g)');
  });

  it('substitutes every placeholder', () => {
    assert.deepEqual([...PLACEHOLDERS], ['title', 'author', 'excerpt', 'link', 'shortlink', 'feed', 'date']);
    assert.equal(
      render('{title}|{author}|{excerpt}|{link}|{shortlink}|{feed}|{date}', { shortlink: 'http://tm3.org/6g2' }),
      'Containers and the CERN cloud|Ricardo Rocha|In recent years.|http://tm3.org/6g|http://tm3.org/6g2|Ricardo Rocha blog|2016-05-03',
    );
  });

  it('{shortlink} is the link when no short link is known, and is escaped as a link destination', () => {
    assert.equal(render('[{shortlink}]({shortlink})'), '[http://tm3.org/6g](http://tm3.org/6g)');
    assert.equal(render('<{shortlink}>', { shortlink: 'http://s.example/a b' }), '<http://s.example/a%20b>');
    assert.equal(render('[x]({shortlink})', { link: 'javascript:alert(1)', shortlink: '' }), 'x');
  });

  it('formats {date:FORMAT} in UTC with the documented tokens', () => {
    assert.equal(render('{date:YYYY/MM/DD HH:mm:ss}'), '2016/05/03 07:08:09');
    assert.equal(render('{date:DD MMM YYYY}'), '03 May 2016');
    assert.equal(render('{date:MMMM DD, YYYY}'), 'May 03, 2016');
    assert.equal(render('{date:YYYY-MM-DD}', { published: '2016-12-31T23:30:00-02:00' }), '2017-01-01');
    assert.equal(formatUtc(new Date(Date.UTC(2016, 8, 5, 1, 2, 3)), 'MMMM|MMM|MM|DD|HH|mm|ss|YYYY|x'), 'September|Sep|09|05|01|02|03|2016|x');
  });

  it('an entry without a date renders {date} empty', () => {
    assert.equal(render('a {date} b', { published: '' }), 'a  b');
    assert.equal(render('a[[ ({date})]] b', { published: '' }), 'a b');
    assert.equal(render('a[[ ({date})]] b', { published: 'garbage' }), 'a b');
  });

  describe('optional segments [[...]]', () => {
    it('drop " by {author}" when the author is empty', () => {
      const out = render(BUILTIN_TEMPLATES.block, { author: '' });
      assert.equal(out.split('\n')[0], '**Containers and the CERN cloud**');
      assert.equal(render(BUILTIN_TEMPLATES.block, { author: '   ' }).split('\n')[0], '**Containers and the CERN cloud**');
    });

    it('keep the segment when its placeholders have values', () => {
      assert.equal(render('x[[ by {author} of {feed}]]y'), 'x by Ricardo Rocha of Ricardo Rocha blogy');
      assert.equal(render('x[[ by {author} of {feed}]]y', { feed: '' }), 'xy');
    });

    it('a segment without placeholders is kept; nested segments decide for themselves', () => {
      assert.equal(render('a[[ static ]]b'), 'a static b');
      assert.equal(render('([[{title}[[ by {author}]]]])', { author: '' }), '(Containers and the CERN cloud)');
      assert.equal(render('([[{title}[[ by {author}]]]])', { title: '' }), '()');
    });

    it('a dropped line leaves no gap: blank line runs collapse', () => {
      assert.equal(render(BUILTIN_TEMPLATES.block, { excerpt: '' }), '**Containers and the CERN cloud** by Ricardo Rocha\n\n... read more at [http://tm3.org/6g](http://tm3.org/6g)');
      assert.equal(render(BUILTIN_TEMPLATES.block, { link: '' }), '**Containers and the CERN cloud** by Ricardo Rocha\n\n> In recent years.');
    });
  });

  it('{{ and }} are literal braces', () => {
    assert.equal(render('{{title}} {{{title}}}'), '{title} {Containers and the CERN cloud}');
  });

  describe('validation', () => {
    it('names an unknown placeholder', () => {
      const errors = validateTemplate('**{titel}** by {author}');
      assert.equal(errors.length, 1);
      assert.match(errors[0], /unknown placeholder "\{titel\}"/);
      assert.match(errors[0], /\{title\}/);
      assert.throws(() => parseTemplate('{nope}'), (e: unknown) => e instanceof TemplateError && /"\{nope\}"/.test(e.message));
    });

    it('rejects a format on placeholders other than date, an empty format, a stray { and an unclosed [[', () => {
      assert.match(validateTemplate('{title:YYYY}')[0], /takes no format/);
      assert.match(validateTemplate('{date:}')[0], /empty format/);
      assert.match(validateTemplate('a { b')[0], /write "\{\{"/);
      assert.match(validateTemplate('[[ by {author}')[0], /"\[\[" without a closing "\]\]"/);
      assert.equal(validateTemplate('{x} {y}').length, 2);
    });

    it('accepts the built-ins and all placeholders', () => {
      assert.deepEqual(validateTemplate(BUILTIN_TEMPLATES.block), []);
      assert.deepEqual(validateTemplate(BUILTIN_TEMPLATES.link), []);
      assert.deepEqual(validateTemplate('{title}{author}{excerpt}{link}{feed}{date}{date:YYYY}]] }'), []);
      assert.deepEqual([...parseTemplate('{title} {date:YYYY} [[{link}]]').placeholders].sort(), ['date', 'link', 'title']);
    });
  });

  describe('named templates', () => {
    it('resolves user templates before built-ins', () => {
      assert.equal(resolveTemplate('block'), BUILTIN_TEMPLATES.block);
      assert.equal(resolveTemplate('link', {}), BUILTIN_TEMPLATES.link);
      assert.equal(resolveTemplate('mine', { mine: '{title}' }), '{title}');
      assert.equal(resolveTemplate('block', { block: 'custom' }), 'custom');
      assert.deepEqual(templateNames({ mine: 'x', block: 'y' }), ['block', 'link', 'mine']);
    });

    it('an unknown name is an error listing the known ones', () => {
      assert.throws(
        () => resolveTemplate('blok', { short: '{title}' }),
        (e: unknown) => e instanceof TemplateError && e.message === 'Unknown template "blok". Known templates: block, link, short.',
      );
      assert.throws(() => resolveTemplate('toString'), TemplateError);
    });
  });

  describe('escaping by context', () => {
    it('a value at the start of a template line gets the line-start rules', () => {
      assert.equal(render('{title}', { title: '# Not a heading' }), '\\# Not a heading');
      assert.equal(render('x {title}', { title: '# Not a heading' }), 'x # Not a heading');
      assert.equal(render('- {title}', { title: '1. one' }), '- 1\\. one');
      assert.equal(render('1. {title}', { title: '> q' }), '1. \\> q');
      for (const t of ['{title}', '- {title}', '1) {title}', '> {title}', '> > {title}']) {
        const blocks = analyze(render(t, { title: '2016. # - > ---' }));
        assert.equal(blocks[blocks.length - 1].text, '2016. # - > ---', t);
      }
    });

    it('a multi-line value continues with the quote prefix it started after', () => {
      assert.equal(render('> > {excerpt}', { excerpt: 'a\n- b\n\nc' }), '> > a\n> > \\- b\n> >\n> > c');
    });

    it('a multi-line value in a list item continues indented; elsewhere as lines of the paragraph', () => {
      assert.equal(render('* {excerpt}', { excerpt: 'a\n# b' }), '* a\n  \\# b');
      assert.equal(render('Text: {excerpt}', { excerpt: 'a\n\n1. b' }), 'Text: a\n1\\. b');
      const blocks = analyze(render('* {excerpt}', { excerpt: 'a\n# b\n---' }));
      assert.deepEqual(blocks.map((b) => b.path), ['ul>li>p']);
      assert.equal(blocks[0].text, 'a\n# b\n---');
    });

    it('{link} in a destination is encoded; as text it shows the same encoded URL', () => {
      assert.equal(render('[{link}]({link})', { link: 'http://x.example/a b' }), '[http://x.example/a%20b](http://x.example/a%20b)');
      assert.equal(render('see {link}', { link: 'http://x.example/a_b' }), 'see http://x.example/a\\_b');
    });

    it('an autolink <{link}> works for http(s) and becomes text otherwise', () => {
      assert.equal(render('<{link}>', { link: 'https://x.example/(a)' }), '<https://x.example/%28a%29>');
      const r = renderTemplate('go <{link}> now', { ...values, link: 'javascript:alert(1)' });
      assert.equal(r.text, 'go javascript:alert(1) now');
      assert.deepEqual(r.unsafeUrls, ['javascript:alert(1)']);
    });

    it('an unsafe link turns its whole link construct into text, brackets in the label included', () => {
      const r = renderTemplate('A [{title} by {author}]({link}) B', { ...values, title: '[x]', link: 'data:x' });
      assert.equal(r.text, 'A \\[x\\] by Ricardo Rocha B');
      const r2 = renderTemplate('See [{title}]({link}).', { ...values, link: '/relative' });
      assert.equal(r2.text, 'See Containers and the CERN cloud.');
      assert.deepEqual(r2.unsafeUrls, ['/relative']);
    });

    it('an empty link outside an optional segment leaves the text and no warning', () => {
      const r = renderTemplate('* [{title}]({link})', { ...values, link: '' });
      assert.equal(r.text, '* Containers and the CERN cloud');
      assert.deepEqual(r.unsafeUrls, []);
    });
  });

  it('normalizes blank lines', () => {
    assert.equal(normalizeBlankLines('\n\n a\n \n\t\n\nb\n\n'), ' a\n\nb');
    assert.equal(normalizeBlankLines('> x\n>\n> y'), '> x\n>\n> y');
  });
});
