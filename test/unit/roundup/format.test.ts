import * as assert from 'node:assert/strict';
import { sortOldestFirst } from '../../../src/core/feeds/filter';
import type { FeedEntry } from '../../../src/core/feeds/types';
import {
  displayAuthor,
  formatEntries,
  isListItemBlock,
  withDefaults,
} from '../../../src/core/roundup/format';
import { TemplateError } from '../../../src/core/roundup/template';
import { DEFAULT_SETTINGS, formatterSettings } from '../../../src/core/settings';
import { analyze } from './markdown';

function entry(fields: Partial<FeedEntry>): FeedEntry {
  return { id: fields.link ?? 'id', feed: 'Planet RDO', title: 'Title', author: 'Author', link: 'http://x.example/1', published: '2016-05-01T00:00:00.000Z', summaryHtml: '<p>Excerpt.</p>', ...fields };
}

// Blocks of the model post (examples/roundup-post.md), byte for byte.
const MODEL_EC2 =
  '**Deploying the new OpenStack EC2 API project** by Tim Bell\n\n> OpenStack has supported a subset of the EC2 API since the start of the project. This was originally built in to Nova directly. At CERN, we use this for a number of use cases where the experiments are running across both the on-premise and AWS clouds and would like a consistent API. A typical example of this is the HTCondor batch system which can instantiate new workers according to demand in the queue on the target cloud.\n\n... read more at [http://tm3.org/6e](http://tm3.org/6e)';
const MODEL_KEYSTONE =
  '**Running Keystone Unit Tests against older Versions of RDO Etc** by Adam Young\n\n> Just because upstrem is no longer supporting Essix doesn\u2019t mean that someone out there is not running it. So, if you need to back port a patch, you might find yourself in the position of having to run unit tests against an older version of Keystone (or other) that does not run cleanly against the files installed by tox.\n\n... read more at [http://tm3.org/6f](http://tm3.org/6f)';
const MODEL_CERN =
  '**Containers and the CERN cloud** by Ricardo Rocha\n\n> In recent years, different groups at CERN started looking at using containers for different purposes, covering infrastructure services but also end user applications. These efforts have been mostly done independently, resulting in a lot of repeated work especially for the parts which are CERN specific: integration with the identity service, networking and storage systems. In many cases, the projects could not complete before reaching a usable state, as some of these tasks require significant expertise and time to be done right. Alternatively, they found different solutions to the same problem which led to further complexity for the supporting infrastructure services. However, the use cases were real, and a lot of knowledge had been built on the available tools and their capabilities.\n\n... read more at [http://tm3.org/6g](http://tm3.org/6g)';
const MODEL_MITAKA =
  '**What did everyone do for the Mitaka release of OpenStack ?** by David Moreau Dimard\n\n> Just what did everyone do for the Mitaka OpenStack release ?\n> RDO community liaison Rich Bowen went to find out.\n> He interviewed some developers and engineers that worked on OpenStack and RDO throughout the Mitaka cycle and asked them what they did and what they were up to for the Newton cycle.\n\n... read more at [http://tm3.org/6s](http://tm3.org/6s)';

// The same entries as a feed gives them: HTML summaries with more than one paragraph, entities, feed author names.
const MODEL_ENTRIES: FeedEntry[] = [
  entry({
    id: 'tag:cern,2016:ec2',
    feed: 'OpenStack in Production',
    title: 'Deploying the new OpenStack EC2 API project',
    author: 'tbell',
    link: 'http://tm3.org/6e',
    published: '2016-04-20T08:00:00.000Z',
    summaryHtml:
      '<p>OpenStack has supported a subset of the EC2 API since the start of the project. This was originally built in to Nova directly. At CERN, we use this for a number of use cases where the experiments are running across both the on-premise and AWS clouds and would like a consistent API. A typical example of this is the HTCondor batch system which can instantiate new workers according to demand in the queue on the target cloud.</p>\n<p>With the new EC2 API project, ...</p>',
  }),
  entry({
    id: 'http://adam.younglogic.com/?p=4123',
    feed: 'Adam Young',
    title: 'Running Keystone Unit Tests against older Versions of RDO Etc',
    author: 'Adam Young',
    link: 'http://tm3.org/6f',
    published: '2016-04-21T14:30:00.000Z',
    summaryHtml:
      '<p>Just because upstrem is no longer supporting Essix doesn&#8217;t mean that someone out there is not running it.  So, if you need to back port a patch, you might find yourself in the position of having to run unit tests against an older version of Keystone (or other) that does not run cleanly against the files installed by tox.</p><p>Here is how &hellip;</p>',
  }),
  entry({
    id: 'cern-containers',
    feed: 'OpenStack in Production',
    title: 'Containers and the CERN cloud',
    author: 'Ricardo Rocha',
    link: 'http://tm3.org/6g',
    published: '2016-04-21T14:30:00.000Z',
    summaryHtml:
      '<div class="post"><p>In recent years, different groups at CERN started looking at using containers for different purposes, covering infrastructure services but also end user applications. These efforts have been mostly done independently, resulting in a lot of repeated work especially for the parts which are CERN specific: integration with the identity service, networking and storage systems. In many cases, the projects could not complete before reaching a usable state, as some of these tasks require significant expertise and time to be done right. Alternatively, they found different solutions to the same problem which led to further complexity for the supporting infrastructure services. However, the use cases were real, and a lot of knowledge had been built on the available tools and their capabilities.</p>\n<p><img src="magnum.png"/></p><p>Over the last months &hellip;</p></div>',
  }),
  entry({
    id: 'mitaka',
    feed: 'RDO',
    title: 'What did everyone do for the Mitaka release of OpenStack ?',
    author: 'dmsimard',
    link: 'http://tm3.org/6s',
    published: '2016-05-16T12:00:00.000Z',
    summaryHtml:
      'Just what did everyone do for the Mitaka OpenStack release ?<br />\nRDO community liaison Rich Bowen went to find out.<br />\nHe interviewed some developers and engineers that worked on OpenStack and RDO throughout the Mitaka cycle and asked them what they did and what they were up to for the Newton cycle.<br />\n<br />\nHere they are:',
  }),
];

const AUTHORS = { tbell: 'Tim Bell', dmsimard: 'David Moreau Dimard', rbowen: 'Rich Bowen' };

describe('roundup/format', () => {
  it('builds the model post blocks byte for byte from feed entries', () => {
    const { text, warnings } = formatEntries(MODEL_ENTRIES, { authors: AUTHORS });
    assert.equal(text, [MODEL_EC2, MODEL_KEYSTONE, MODEL_CERN, MODEL_MITAKA].join('\n\n'));
    assert.deepEqual(warnings, []);
  });

  it('builds one model block', () => {
    assert.equal(formatEntries([MODEL_ENTRIES[0]], { authors: AUTHORS }).text, MODEL_EC2);
    assert.equal(formatEntries([MODEL_ENTRIES[3]], { authors: AUTHORS }).text, MODEL_MITAKA);
  });

  it('sorts oldest first whatever the input order, ties in input order', () => {
    const reversed = [...MODEL_ENTRIES].reverse();
    // Keystone and CERN share a time: reversed input puts CERN first.
    assert.equal(formatEntries(reversed, { authors: AUTHORS }).text, [MODEL_EC2, MODEL_CERN, MODEL_KEYSTONE, MODEL_MITAKA].join('\n\n'));
  });

  it('puts entries without a date last, in input order', () => {
    const a = entry({ id: 'a', title: 'A', published: '' });
    const b = entry({ id: 'b', title: 'B', published: '2016-05-02T00:00:00Z' });
    const c = entry({ id: 'c', title: 'C', published: 'not a date' });
    const d = entry({ id: 'd', title: 'D', published: '2016-05-01T00:00:00Z' });
    assert.deepEqual(sortOldestFirst([a, b, c, d]).map((e) => e.id), ['d', 'b', 'a', 'c']);
    const same = ['1', '2', '3', '4', '5'].map((id) => entry({ id }));
    assert.deepEqual(sortOldestFirst(same).map((e) => e.id), ['1', '2', '3', '4', '5']);
  });

  it('separates blocks by exactly one blank line', () => {
    const { text } = formatEntries([entry({ summaryHtml: '' }), entry({ author: '' }), entry({ link: '' })]);
    assert.equal(
      text,
      '**Title** by Author\n\n... read more at [http://x.example/1](http://x.example/1)\n\n' +
        '**Title**\n\n> Excerpt.\n\n... read more at [http://x.example/1](http://x.example/1)\n\n' +
        '**Title** by Author\n\n> Excerpt.',
    );
    assert.doesNotMatch(text, /\n\n\n/);
    assert.doesNotMatch(text, /^\n|\n$/);
  });

  it('returns empty text for no entries', () => {
    assert.deepEqual(formatEntries([]), { text: '', warnings: [] });
  });

  it('maps author names to display names, exactly or ignoring case', () => {
    assert.equal(displayAuthor('rbowen', AUTHORS), 'Rich Bowen');
    assert.equal(displayAuthor('RBowen', AUTHORS), 'Rich Bowen');
    assert.equal(displayAuthor('someone', AUTHORS), 'someone');
    assert.equal(displayAuthor('', AUTHORS), '');
    assert.equal(formatEntries([entry({ author: 'rbowen' })], { authors: AUTHORS }).text.split('\n')[0], '**Title** by Rich Bowen');
  });

  it('takes titles and authors as the text the feed parser made of them: markup-like text stays, escaped', () => {
    // The parser turned `Using the &lt;video&gt; element &amp;amp; more` into this text.
    const { text } = formatEntries([entry({ title: 'Using the <video> element &amp; *more*', author: 'Tom <tj> Jones' })]);
    assert.equal(text.split('\n')[0], '**Using the \\<video> element \\&amp; \\*more\\*** by Tom \\<tj> Jones');
    assert.equal(analyze(text)[0].strong[0], 'Using the <video> element &amp; *more*');
  });

  it('cuts the excerpt at excerptMaxLength', () => {
    const { text } = formatEntries([entry({ summaryHtml: '<p>one two three four five six</p>' })], { excerptMaxLength: 14 });
    assert.match(text, /^> one two three\u2026$/m);
  });

  describe('warnings', () => {
    it('reports an unsafe link, inserted as plain text', () => {
      const { text, warnings } = formatEntries([entry({ id: 'e1', title: 'Bad', link: 'javascript:alert(1)' })]);
      assert.equal(text.split('\n').pop(), '... read more at javascript:alert(1)');
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].code, 'unsafe-link');
      assert.equal(warnings[0].entryId, 'e1');
      assert.match(warnings[0].message, /"Bad" \(Planet RDO\).*"javascript:alert\(1\)" is not an http\(s\) link/);
    });

    it('reports a missing link and a missing title', () => {
      const { text, warnings } = formatEntries([entry({ id: 'e2', link: '', title: '' })]);
      assert.deepEqual(warnings.map((w) => [w.code, w.entryId]), [['missing-title', 'e2'], ['missing-link', 'e2']]);
      assert.equal(text.split('\n')[0], '**(untitled)** by Author');
    });

    it('does not report what the template does not use', () => {
      const { text, warnings } = formatEntries([entry({ link: 'javascript:x', title: '' })], { templates: { t: '{author}' } }, { template: 't' });
      assert.equal(text, 'Author');
      assert.deepEqual(warnings, []);
    });
  });

  describe('templates', () => {
    it('uses the settings default template, a named one, or template text', () => {
      const e = [entry({})];
      assert.equal(formatEntries(e, { defaultTemplate: 'link' }).text, '* [Title](http://x.example/1)');
      assert.equal(formatEntries(e, { templates: { short: '{title} ({date:MMM YYYY})' }, defaultTemplate: 'short' }).text, 'Title (May 2016)');
      assert.equal(formatEntries(e, {}, { template: 'link' }).text, '* [Title](http://x.example/1)');
      assert.equal(formatEntries(e, { defaultTemplate: 'link' }, { templateText: '{feed}: {title}' }).text, 'Planet RDO: Title');
    });

    it('an unknown template name or invalid template text throws a TemplateError', () => {
      assert.throws(() => formatEntries([entry({})], {}, { template: 'nope' }), /Unknown template "nope"\. Known templates: block, link\./);
      assert.throws(() => formatEntries([entry({})], {}, { templateText: '{bogus}' }), TemplateError);
    });

    it('joins one-line list items with a line break: one tight list', () => {
      const { text } = formatEntries([entry({ title: 'A', link: 'http://a.example' }), entry({ title: 'B', link: 'http://b.example' })], {}, { template: 'link' });
      assert.equal(text, '* [A](http://a.example)\n* [B](http://b.example)');
      assert.deepEqual(analyze(text).map((b) => b.path), ['ul>li>p', 'ul>li>p']);
      assert.ok(isListItemBlock('* [A](x)'));
      assert.ok(isListItemBlock('1. x'));
      assert.ok(!isListItemBlock('**A** by B'));
      assert.ok(!isListItemBlock('* a\n  b'));
    });
  });

  it('fills settings defaults', () => {
    assert.deepEqual(withDefaults(), { templates: {}, defaultTemplate: 'block', authors: {}, excerptMaxLength: 1000, readMoreShortLink: false });
    assert.equal(withDefaults({ excerptMaxLength: -5 }).excerptMaxLength, 1000);
    assert.equal(withDefaults({ excerptMaxLength: Number.NaN }).excerptMaxLength, 1000);
    assert.equal(withDefaults({ excerptMaxLength: 0 }).excerptMaxLength, 0);
    assert.equal(withDefaults({ defaultTemplate: ' ' }).defaultTemplate, 'block');
    assert.deepEqual(withDefaults(), formatterSettings(DEFAULT_SETTINGS), 'the defaults of the roundup.* settings');
  });
});
