/**
 * The injection grammar for roundup blocks (syntaxes/roundup.injection.json): contributed for
 * markdown, and its regular expressions (written in the subset JavaScript and Oniguruma share)
 * match the model post's title and read-more lines, with the right parts in the right scopes, and
 * no ordinary line.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FeedEntry } from '../../src/core/feeds/types';
import { READ_MORE_LINE, TITLE_LINE } from '../../src/core/markdown';
import { formatEntries } from '../../src/core/roundup/format';
import { modelPost, projectRoot } from './helpers';

interface Rule {
  match: string;
  name: string;
  captures: Record<string, { name: string }>;
}

const root = projectRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contribution = (pkg.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[]).find((g) => g.scopeName === 'markdown.roundup.injection');
const grammar = JSON.parse(readFileSync(path.join(root, contribution?.path ?? 'syntaxes/roundup.injection.json'), 'utf8'));
const titleRule: Rule = grammar.repository['title-line'];
const readMoreRule: Rule = grammar.repository['read-more-line'];
const MODEL = modelPost().split('\n');

/** The text of each capture whose scope contains `scope`. */
function captured(rule: Rule, line: string, scope: string): string[] {
  const m = new RegExp(rule.match).exec(line);
  if (!m) return [];
  return Object.entries(rule.captures)
    .filter(([, c]) => c.name.split(' ').some((s) => s.startsWith(scope)))
    .map(([group]) => m[Number(group)] ?? '');
}

function matches(rule: Rule, line: string): boolean {
  return new RegExp(rule.match).test(line);
}

describe('the roundup injection grammar', () => {
  it('is contributed for markdown and includes both line rules', () => {
    assert.ok(contribution, 'package.json contributes.grammars has no markdown.roundup.injection');
    assert.deepEqual(contribution.injectTo, ['text.html.markdown']);
    assert.equal(grammar.scopeName, 'markdown.roundup.injection');
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown\b/);
    assert.match(grammar.injectionSelector, /-markup\.fenced_code/, 'no highlighting inside code fences');
    assert.deepEqual(grammar.patterns, [{ include: '#title-line' }, { include: '#read-more-line' }]);
  });

  it('matches every title line of the model post, the title and the author in their own scopes', () => {
    const titles = MODEL.filter((l) => TITLE_LINE.test(l));
    assert.equal(titles.length, 15);
    for (const line of titles) assert.ok(matches(titleRule, line), line);
    const cern = '**Containers and the CERN cloud** by Ricardo Rocha';
    assert.deepEqual(captured(titleRule, cern, 'entity.name.section'), ['Containers and the CERN cloud']);
    assert.deepEqual(captured(titleRule, cern, 'variable.other.author'), ['Ricardo Rocha']);
    assert.deepEqual(captured(titleRule, cern, 'keyword.other.by'), ['by']);
    assert.deepEqual(captured(titleRule, cern, 'punctuation.definition.bold'), ['**', '**']);
    // A trailing space is not part of the author; "?" and "." are part of titles and authors.
    assert.deepEqual(captured(titleRule, '**OpenStack Summit Austin: Day 4** by Gordon Tillmore ', 'variable.other.author'), ['Gordon Tillmore']);
    assert.deepEqual(captured(titleRule, '**What did everyone do for the Mitaka release of OpenStack ?** by David Moreau Dimard', 'entity.name.section'), ['What did everyone do for the Mitaka release of OpenStack ?']);
    assert.deepEqual(captured(titleRule, '**Culture and technology can drive the future of OpenStack** by E.G.Nadhan', 'variable.other.author'), ['E.G.Nadhan']);
  });

  it('matches every read-more line, the link text and the URL in markdown link scopes', () => {
    const lines = MODEL.filter((l) => READ_MORE_LINE.test(l));
    assert.equal(lines.length, 15);
    for (const line of lines) assert.ok(matches(readMoreRule, line), line);
    const line = '... read more at [http://tm3.org/6g](http://tm3.org/6g)';
    assert.deepEqual(captured(readMoreRule, line, 'keyword.other.read-more'), ['... read more at']);
    assert.deepEqual(captured(readMoreRule, line, 'string.other.link.title'), ['http://tm3.org/6g']);
    assert.deepEqual(captured(readMoreRule, line, 'markup.underline.link'), ['http://tm3.org/6g']);
    assert.ok(matches(readMoreRule, '\u2026 Read more at [x](https://a.example/p%28q%29)'), 'the ellipsis character, any case');
    for (const wording of [
      'Read more at [https://blog.example/p](https://blog.example/p)',
      '... More at [tm3.org/blog1](http://tm3.org/blog1)',
      'Read more over at [the blog](https://blog.example/p)',
      'Continue reading at [https://blog.example/p](https://blog.example/p)',
    ]) {
      assert.ok(READ_MORE_LINE.test(wording), wording);
      assert.ok(matches(readMoreRule, wording), wording);
      assert.deepEqual(captured(readMoreRule, wording, 'markup.underline.link'), [/\((.*)\)/.exec(wording)![1]]);
    }
  });

  it('matches what the formatter writes, escapes and an entry without an author included', () => {
    const entries: FeedEntry[] = [
      { id: '1', feed: 'F', title: 'A *bold* [claim] with_underscores', author: 'Jane_Doe', link: 'http://a.example/x y', published: '2016-05-01T00:00:00Z', summaryHtml: '<p>Text.</p>' },
      { id: '2', feed: 'F', title: 'No author here', author: '', link: 'http://a.example/2', published: '2016-05-02T00:00:00Z', summaryHtml: '<p>Text.</p>' },
    ];
    const lines = formatEntries(entries).text.split('\n');
    const titles = lines.filter((l) => l.startsWith('**'));
    assert.equal(titles.length, 2);
    assert.deepEqual(captured(titleRule, titles[0], 'entity.name.section'), ['A \\*bold\\* \\[claim\\] with\\_underscores']);
    assert.deepEqual(captured(titleRule, titles[0], 'variable.other.author'), ['Jane\\_Doe']);
    assert.deepEqual(captured(titleRule, titles[1], 'entity.name.section'), ['No author here']);
    assert.deepEqual(captured(titleRule, titles[1], 'variable.other.author'), [''], 'no author part');
    for (const l of lines.filter((x) => x.startsWith('...'))) assert.ok(matches(readMoreRule, l), l);
  });

  it('matches no ordinary line of the model post, nor bold text in prose', () => {
    const ordinary = MODEL.filter((l) => !TITLE_LINE.test(l) && !READ_MORE_LINE.test(l));
    assert.ok(ordinary.length > 40);
    for (const line of [
      ...ordinary,
      '**Note** that this is a sentence.',
      '**bold** and **more bold** by the way',
      '** not bold**',
      '****',
      'Text, then ... read more at [x](http://a.example)',
      '... read more at the library',
      'Read more about it at [x](http://a.example)',
      'More atoms: [x](http://a.example)',
      '> ... read more at [x](http://a.example)',
    ]) {
      assert.ok(!matches(titleRule, line), `title rule matched: ${line}`);
      assert.ok(!matches(readMoreRule, line), `read-more rule matched: ${line}`);
    }
  });
});
