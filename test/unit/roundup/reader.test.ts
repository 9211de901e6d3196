import * as assert from 'node:assert/strict';
import { parseFeed } from '../../../src/core/feeds/parse';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { formatEntries } from '../../../src/core/roundup/format';
import { htmlToMarkdown } from '../../../src/core/roundup/htmlMarkdown';
import { entryDocument, entryDocumentName, isSummaryOnly, passageExcerpt } from '../../../src/core/roundup/reader';
import { fixtureText } from '../feeds/helpers';
import { analyze } from './markdown';

async function fixtureEntry(name: string, title: string): Promise<FeedEntry> {
  const feed = await parseFeed(fixtureText(name), { url: `https://feeds.example/${name}` });
  const entry = feed.entries.find((e) => e.title === title);
  assert.ok(entry, `no "${title}" in ${name}: ${feed.entries.map((e) => e.title).join(', ')}`);
  return entry;
}

const ENTRY: FeedEntry = {
  id: 'tag:blog.example,2016:containers',
  feed: 'Planet RDO',
  title: 'Containers and the *CERN* cloud',
  author: 'rrocha',
  link: 'https://blog.example/2016/05/containers/',
  published: '2016-05-17T08:30:00.000Z',
  summaryHtml: '<p>In recent years, groups at <a href="/cern">CERN</a> looked at containers.</p><ul><li>identity</li><li>networking</li></ul>',
};

describe('roundup/reader: an entry to read', () => {
  it('the document: title, author (mapped), feed, date and link on top, a rule, then the text as markdown', () => {
    const doc = entryDocument(ENTRY, { rrocha: 'Ricardo Rocha' });
    assert.equal(doc.summaryOnly, false);
    assert.equal(
      doc.text,
      '# Containers and the \\*CERN\\* cloud\n\n' +
        'By Ricardo Rocha \u00b7 Planet RDO \u00b7 17 May 2016, 08:30 UTC\n\n' +
        '[https://blog.example/2016/05/containers/](https://blog.example/2016/05/containers/)\n\n' +
        '---\n\n' +
        'In recent years, groups at [CERN](https://blog.example/cern) looked at containers.\n\n- identity\n- networking\n',
    );
    const blocks = analyze(doc.text);
    assert.equal(blocks[0].path, 'h1');
    assert.equal(blocks[0].text, 'Containers and the *CERN* cloud');
  });

  it('leaves out what the entry does not have: no author, no date, no link, no text', () => {
    const doc = entryDocument({ ...ENTRY, author: '', published: '', link: '', summaryHtml: '' });
    assert.equal(doc.summaryOnly, true);
    assert.equal(
      doc.text,
      '# Containers and the \\*CERN\\* cloud\n\nPlanet RDO\n\n*The feed gives only a summary of this entry, not its full text.*\n\n---\n\n*The feed gives no text for this entry.*\n',
    );
  });

  it('says so when the feed gives only a summary, with the link to open in the browser', async () => {
    const excerptOnly = await fixtureEntry('wordpress-excerpts-rss2.xml', 'An excerpt-only feed');
    assert.equal(isSummaryOnly(excerptOnly.summaryHtml), true);
    const doc = entryDocument(excerptOnly);
    assert.equal(doc.summaryOnly, true);
    assert.ok(
      doc.text.includes(
        '*The feed gives only a summary of this entry, not its full text.* Open it in the browser: [https://stacknotes.example/2016/05/excerpt-only/](https://stacknotes.example/2016/05/excerpt-only/)',
      ),
      doc.text,
    );
    const memberOnly = await fixtureEntry('medium-rss2.xml', 'A member-only story, as the feed shows it');
    assert.equal(isSummaryOnly(memberOnly.summaryHtml), true);
  });

  it('a full text is not a summary: the content of a WordPress entry, without its share bar and caption', async () => {
    const full = await fixtureEntry('wordpress-excerpts-rss2.xml', 'Figures first, then the words');
    assert.equal(isSummaryOnly(full.summaryHtml), false);
    const body = htmlToMarkdown(full.summaryHtml, full.link);
    assert.ok(body.startsWith('[Image: A rack](https://stacknotes.example/wp-content/uploads/2016/05/rack-640x360.jpg)\n\nA figure, a caption'), body);
    assert.ok(body.includes('See [the move](https://stacknotes.example/2016/04/the-move/) for the story.'), body);
    assert.ok(!/Share this|Twitter|before the move/.test(body), body);
  });

  it('summary marks: a cut end, [\u2026] before the WordPress trailer, a Continue reading link', () => {
    assert.equal(isSummaryOnly('<p>It goes on\u2026</p>'), true);
    assert.equal(isSummaryOnly('<p>It goes on [...]</p><p>The post <a href="x">X</a> appeared first on <a href="y">Y</a>.</p>'), true);
    assert.equal(isSummaryOnly('<p>Text. <a href="https://x.example/p">Continue reading &rarr;</a></p>'), true);
    assert.equal(isSummaryOnly('<p>Text. <a class="more-link" href="https://x.example/p">(more)</a></p>'), true);
    assert.equal(isSummaryOnly('<p>A whole short post.</p><p>With two paragraphs.</p>'), false);
    assert.equal(isSummaryOnly('Plain text, complete.'), false);
  });

  it('a name for the tab: the title without what a file name cannot hold', () => {
    assert.equal(entryDocumentName(ENTRY), 'Containers and the CERN cloud.md');
    assert.equal(entryDocumentName({ ...ENTRY, title: 'a/b: c?' }), 'a b c.md');
    assert.equal(entryDocumentName({ ...ENTRY, title: '' }), 'entry.md');
  });
});

describe('roundup/reader: a passage as an excerpt', () => {
  it('undoes the markup: links show their text, escapes their character, emphasis and code marks go', () => {
    assert.equal(
      passageExcerpt('Groups at [CERN](https://blog.example/cern) use **many** `kubectl` *things*: 2016\\. was \\*big\\* \\[really\\]'),
      'Groups at CERN use many kubectl things: 2016. was *big* [really]',
    );
  });

  it('each line of the document is a paragraph; hard breaks keep lines of one paragraph; blank and rule lines go', () => {
    assert.equal(passageExcerpt('# Title\n\nFirst para.\n\n- one\n- two\n\nline\\\nbreak\n\n---\n\n> quoted\n>\n> again'), 'Title\n\nFirst para.\n\none\n\ntwo\n\nline\nbreak\n\nquoted\n\nagain');
  });

  it('code blocks are one paragraph of their lines, as written', () => {
    assert.equal(passageExcerpt('Run:\n\n```sh\necho *hi*\n  ls\n```\n\nDone.'), 'Run:\n\necho *hi*\n  ls\n\nDone.');
  });

  it('a partial selection: a cut link keeps its text, a table row its cells', () => {
    assert.equal(passageExcerpt('at [CERN](https://blog.exa'), 'at CERN');
    assert.equal(passageExcerpt('| a | b\\|c |\n| --- | --- |\n| 1 | 2 |'), 'a b|c\n\n1 2');
  });

  it('the text of an entry read back: the paragraphs of its HTML', () => {
    const html = '<h2>Why</h2><p>One &amp; <b>two</b>,<br>three.</p><ol><li>first</li><li>second <a href="/x">link</a></li></ol><p>1) starts like a list</p>';
    assert.equal(passageExcerpt(htmlToMarkdown(html, 'https://b.example/')), 'Why\n\nOne & two,\nthree.\n\nfirst\n\nsecond link\n\n1) starts like a list');
    assert.equal(passageExcerpt(''), '');
    assert.equal(passageExcerpt('\n>\n---\n'), '');
  });

  it('as the excerpt of a block: paragraphs are quote lines apart, escaped like every excerpt, not cut', () => {
    const passage = passageExcerpt('In recent years, **groups** at [CERN](https://x.example/) looked.\n\n1. identity\n- networking');
    const block = formatEntries([ENTRY], { authors: { rrocha: 'Ricardo Rocha' }, excerptMaxLength: 10 }, { excerpt: passage }).text;
    assert.equal(
      block,
      '**Containers and the \\*CERN\\* cloud** by Ricardo Rocha\n\n> In recent years, groups at CERN looked.\n>\n> identity\n>\n> networking\n\n' +
        '... read more at [https://blog.example/2016/05/containers/](https://blog.example/2016/05/containers/)',
    );
    const quotes = analyze(block).filter((b) => b.path === 'blockquote>p').map((b) => b.text);
    assert.deepEqual(quotes, ['In recent years, groups at CERN looked.', 'identity', 'networking']);
  });
});
