/**
 * Real-world entries: hand-written fixtures in the published formats of WordPress,
 * Blogger, Medium, Ghost, Hugo, Jekyll (jekyll-feed), Substack and GitHub releases; the excerpt is the
 * first paragraph of text, relative URLs resolve, odd dates parse, an undated entry is kept and marked.
 * Through parseFeed here, and through `roundup draft` at the end.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Io } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { toIsoDate } from '../../../src/core/feeds/dates';
import { entryDescription, entryTooltipMarkdown } from '../../../src/core/roundup/display';
import { parseFeed } from '../../../src/core/feeds/parse';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { excerptFromHtml } from '../../../src/core/roundup/excerpt';
import { NOW } from '../helpers';
import { fixtureText, startServer, type TestServer } from './helpers';

interface Want {
  title: string;
  author: string;
  link: string;
  published: string;
  excerpt: string;
  /** URLs that must appear (resolved) in the entry's HTML. */
  urls?: string[];
}

/** Fixture file -> the address it is served from, and its entries in feed order. */
const FIXTURES: Record<string, { url: string; entries: Want[] }> = {
  'wordpress-excerpts-rss2.xml': {
    url: 'https://stacknotes.example/feed/',
    entries: [
      {
        title: 'Figures first, then the words',
        author: 'Maria Lopez',
        link: 'https://stacknotes.example/2016/05/figures-first/',
        published: '2016-05-10T09:12:44.000Z',
        excerpt: 'A figure, a caption and a share bar come before the first words of this post, which is why an excerpt must look past them. See the move for the story.',
        urls: [
          'src="https://stacknotes.example/wp-content/uploads/2016/05/rack-640x360.jpg"',
          'srcset="https://stacknotes.example/wp-content/uploads/2016/05/rack-640x360.jpg 640w, https://stacknotes.example/wp-content/uploads/2016/05/rack-300x169.jpg 300w"',
          'href="https://stacknotes.example/2016/04/the-move/"',
        ],
      },
      {
        title: 'An excerpt-only feed',
        author: 'Maria Lopez',
        link: 'https://stacknotes.example/2016/05/excerpt-only/',
        published: '2016-05-09T21:30:00.000Z',
        excerpt: 'Some sites send only the excerpt, as text, with the trailer glued on […]',
      },
    ],
  },
  'blogger-images-atom.xml': {
    url: 'https://packets.example.com/feeds/posts/default',
    entries: [
      {
        title: 'Kolla on a laptop',
        author: 'Kenji Sato',
        link: 'https://packets.example.com/2016/05/kolla-on-laptop.html',
        published: '2016-05-12T03:58:00.000Z',
        excerpt: 'Kolla runs OpenStack in containers, and a laptop is enough to try it.\nHere is how I did it.',
      },
      {
        title: 'Notes without paragraphs',
        author: 'Kenji Sato',
        link: 'https://packets.example.com/2016/05/notes.html',
        published: '2016-05-02T16:00:00.000Z',
        excerpt: 'No markup at all in this one,\nonly line breaks.',
      },
    ],
  },
  'medium-rss2.xml': {
    url: 'https://medium.com/@priya.raman/feed',
    entries: [
      {
        title: 'What we learned running Ceph for a year',
        author: 'Priya Raman',
        link: 'https://medium.com/@priya.raman/what-we-learned-running-ceph-for-a-year-7a3e9c1d2b4f?source=rss-4f1c2a9b8e3d------2',
        published: '2016-05-12T14:20:31.000Z',
        excerpt: 'A year ago we moved every volume to Ceph. This is what went well, what hurt, and what we would do again.',
      },
      {
        title: 'A member-only story, as the feed shows it',
        author: 'Priya Raman',
        link: 'https://medium.com/@priya.raman/a-member-only-story-3c2b1a0f9e8d?source=rss-4f1c2a9b8e3d------2',
        published: '2016-05-02T08:00:00.000Z',
        excerpt: 'Only the opening lines of a locked story reach the feed…',
      },
    ],
  },
  'ghost-rss2.xml': {
    url: 'https://diary.ghost.example/rss/',
    entries: [
      {
        title: 'Upgrading without downtime',
        author: 'Tomás Díaz',
        link: 'https://diary.ghost.example/upgrading-without-downtime/',
        published: '2016-05-13T07:45:10.000Z',
        // The description is the content cut short ("... and why it"): the content is used.
        excerpt: 'Rolling upgrades of the control plane, one service at a time, with the API never going dark. Here is the order we settled on and why it works for us.',
        urls: [
          'src="https://diary.ghost.example/content/images/2016/05/order.png"',
          'srcset="https://diary.ghost.example/content/images/size/w600/2016/05/order.png 600w, https://diary.ghost.example/content/images/2016/05/order.png 1200w"',
        ],
      },
    ],
  },
  'hugo-rss2.xml': {
    url: 'https://lattice.example/posts/index.xml',
    entries: [
      {
        title: 'Static sites and <meta> refreshes',
        author: '',
        link: 'https://lattice.example/posts/static-sites/',
        published: '2016-05-14T16:30:00.000Z',
        excerpt: 'Hugo writes the summary from the first words of a post. This one links to the notes relatively.',
        urls: ['src="https://lattice.example/images/lattice.svg"', 'href="https://lattice.example/posts/notes/"'],
      },
      // Hugo's zero time (year 1) is no date: the entry is kept, undated.
      { title: 'A draft that kept no date', author: '', link: 'https://lattice.example/posts/undated/', published: '', excerpt: 'Posts without a date in their front matter get the zero time.' },
      // ISO 8601 without a zone: UTC.
      { title: 'Local time, no zone', author: '', link: 'https://lattice.example/posts/local-time/', published: '2016-05-12T09:15:00.000Z', excerpt: 'A theme that prints its own date format, without a zone.' },
    ],
  },
  'jekyll-feed-atom.xml': {
    url: 'https://notes.jekyll.example/feed.xml',
    entries: [
      {
        title: 'Tunnels, bridges & VLANs',
        author: 'Aiko Tanaka',
        link: 'https://notes.jekyll.example/2016/05/15/tunnels.html',
        published: '2016-05-15T02:00:00.000Z',
        excerpt: 'Overlay networks carry tenant traffic in tunnels; see the VLAN notes first.',
        // Against the content's xml:base.
        urls: ['src="https://notes.jekyll.example/assets/overlay.png"', 'href="https://notes.jekyll.example/2016/05/15/vlans.html"'],
      },
      {
        title: 'Written with no site url',
        author: 'Aiko Tanaka',
        // Against the feed's URL: the feed gives only relative links and bases.
        link: 'https://notes.jekyll.example/2016/05/01/no-url.html',
        published: '2016-04-30T23:00:00.000Z',
        excerpt: 'A site built without its url setting writes relative links everywhere.',
        urls: ['href="https://notes.jekyll.example/2016/05/01/other.html"'],
      },
    ],
  },
  'substack-rss2.xml': {
    url: 'https://weeklycluster.substack.example/feed',
    entries: [
      {
        title: 'Issue #12: quotas, queues and quiet weeks',
        author: 'Sam Okafor',
        link: 'https://weeklycluster.substack.example/p/issue-12',
        published: '2016-05-16T12:00:05.000Z',
        excerpt: 'Hello again. This week: quotas that nobody set, queues that never drain, and a quiet week for outages.',
        urls: ['srcset="https://substackcdn.example/image/fetch/w_424,f_webp/queue.png 424w"'],
      },
    ],
  },
  // Markup written into the elements as it stands, not escaped: kept as HTML, in order.
  'markup-elements-rss2.xml': {
    url: 'https://fieldnotes.example/feed.xml',
    entries: [
      {
        title: 'Description written as markup',
        author: 'Ana Reyes',
        link: 'https://fieldnotes.example/2016/05/description-markup.html',
        published: '2016-05-16T08:30:00.000Z',
        excerpt: 'The summary is markup, not escaped text: see the earlier note & the list.',
        urls: ['<strong>markup</strong>', 'href="https://fieldnotes.example/2016/05/earlier.html"', '<li>two</li>'],
      },
      {
        title: 'Encoded content as markup',
        author: 'Ana Reyes',
        link: 'https://fieldnotes.example/2016/05/encoded-markup.html',
        published: '2016-05-15T19:05:00.000Z',
        excerpt: 'The whole post, as XHTML, with an image:',
        urls: ['src="https://fieldnotes.example/2016/05/img/stones.jpg"', '<p>And a second paragraph.</p>'],
      },
      {
        title: 'A summary element with markup',
        author: '',
        link: 'https://fieldnotes.example/2016/05/summary-markup.html',
        published: '2016-05-14T12:00:00.000Z',
        excerpt: 'Only a summary here, with child elements\nand a line break.',
      },
      {
        title: 'Markup and CDATA mixed',
        author: '',
        link: 'https://fieldnotes.example/2016/05/mixed.html',
        published: '2016-05-13T07:45:00.000Z',
        excerpt: 'Text with <raw> & unparsed bits',
        urls: ['&lt;raw&gt; &amp; unparsed'],
      },
      {
        title: 'An empty description with an attribute',
        author: '',
        link: 'https://fieldnotes.example/2016/05/empty.html',
        published: '2016-05-12T07:45:00.000Z',
        excerpt: '',
      },
    ],
  },
  'markup-constructs-atom.xml': {
    url: 'https://stonejournal.example/atom.xml',
    entries: [
      {
        title: 'Dry stone walls',
        author: 'Tomas Berg',
        link: 'https://stonejournal.example/2016/05/dry-stone-walls',
        published: '2016-05-16T09:00:00.000Z',
        excerpt: 'Stones are sorted by size first.',
        // The wrapper's prefix (xhtml:) is not HTML's: dropped from the elements it names.
        urls: ['<p>Stones are <em>sorted</em> by size first.</p>'],
      },
      {
        title: 'Unescaped HTML in a summary',
        author: 'Tomas Berg',
        link: 'https://stonejournal.example/2016/05/unescaped',
        published: '2016-05-15T08:00:00.000Z',
        excerpt: 'Markup that should have been escaped but was not.',
      },
      {
        title: 'Content elsewhere',
        author: 'Tomas Berg',
        link: 'https://stonejournal.example/2016/05/elsewhere',
        published: '2016-05-14T08:00:00.000Z',
        excerpt: 'The text of this one lives on its page.',
      },
      {
        title: 'An empty XHTML content',
        author: 'Tomas Berg',
        link: 'https://stonejournal.example/2016/05/empty',
        published: '2016-05-13T08:00:00.000Z',
        excerpt: 'Only the summary says something.',
      },
    ],
  },
  'github-releases-notes-atom.xml': {
    url: 'https://github.com/example-org/kolla-helpers/releases.atom',
    entries: [
      {
        title: 'v2.0.0: containers everywhere',
        author: 'lkarsten',
        link: 'https://github.com/example-org/kolla-helpers/releases/tag/v2.0.0',
        published: '2016-05-17T04:40:00.000Z',
        excerpt: 'The first release that deploys every service in containers. See UPGRADING.md before you upgrade.',
        // Against the entry's link.
        urls: [
          'href="https://github.com/example-org/kolla-helpers/blob/v2.0.0/UPGRADING.md"',
          'href="https://github.com/lkarsten"',
          'href="https://github.com/example-org/kolla-helpers/compare/v1.4.0...v2.0.0"',
        ],
      },
      { title: 'v1.4.0', author: 'github-actions[bot]', link: 'https://github.com/example-org/kolla-helpers/releases/tag/v1.4.0', published: '2016-04-30T12:00:00.000Z', excerpt: 'No content.' },
    ],
  },
};

function seen(e: FeedEntry): Want {
  return { title: e.title, author: e.author, link: e.link, published: e.published, excerpt: excerptFromHtml(e.summaryHtml) };
}

describe('feeds: real-world entries (WordPress, Blogger, Medium, Ghost, Hugo, Jekyll, Substack, GitHub releases)', () => {
  for (const [file, { url, entries }] of Object.entries(FIXTURES)) {
    it(`${file}: titles, authors, links, dates, the excerpt as the first paragraph of text, URLs resolved`, async () => {
      const feed = await parseFeed(fixtureText(file), { url });
      assert.deepEqual(feed.entries.map(seen), entries.map(({ urls: _urls, ...rest }) => rest));
      entries.forEach((want, i) => {
        for (const u of want.urls ?? []) assert.ok(feed.entries[i].summaryHtml.includes(u), `${want.title}: ${u} in ${feed.entries[i].summaryHtml}`);
      });
    });
  }

  it('an undated entry is kept in its place and marked "no date" in the sidebar and tooltip', async () => {
    const feed = await parseFeed(fixtureText('hugo-rss2.xml'), { url: FIXTURES['hugo-rss2.xml'].url });
    assert.deepEqual(feed.entries.map((e) => e.title), ['Static sites and <meta> refreshes', 'A draft that kept no date', 'Local time, no zone']);
    const undated = feed.entries[1];
    assert.equal(entryDescription(undated, NOW), 'no date');
    assert.match(entryTooltipMarkdown(undated), /^\*\*A draft that kept no date\*\*\n\nno date · in Posts on Lattice Lab\n/);
  });

  it('relative URLs resolve against xml:base first, then the entry link, then the feed URL', async () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/root/"><title>Bases</title><id>urn:b</id><updated>2016-05-01T00:00:00Z</updated>
<entry><id>urn:b:1</id><title>Feed base</title><link href="https://elsewhere.example/1"/><updated>2016-05-01T00:00:00Z</updated><content type="html">&lt;a href="a.html"&gt;a&lt;/a&gt;</content></entry>
<entry xml:base="https://entry.example/dir/"><id>urn:b:2</id><title>Entry base</title><updated>2016-05-01T00:00:00Z</updated><content type="html" xml:base="sub/">&lt;img src="i.png"&gt;</content></entry>
</feed>`;
    const feed = await parseFeed(xml, { url: 'https://feeds.example/atom.xml' });
    assert.equal(feed.entries[0].summaryHtml, '<a href="https://base.example/root/a.html">a</a>');
    assert.equal(feed.entries[1].summaryHtml, '<img src="https://entry.example/dir/sub/i.png">');
    const relativeBase = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>x</title><link href="https://elsewhere.example/post"/>' +
        '<content type="html" xml:base="/docs/">&lt;img src="i.png"&gt;</content></entry></feed>',
      { url: 'https://feeds.example/atom.xml' },
    );
    assert.equal(relativeBase.entries[0].summaryHtml, '<img src="https://feeds.example/docs/i.png">', "a relative xml:base is relative to the document, not the entry's link");
    const rss = `<rss version="2.0"><channel><title>R</title>
<item><title>Entry link</title><link>https://blog.example/2016/05/post/</link><description>&lt;a href="../other/"&gt;o&lt;/a&gt;</description></item>
<item><title>No link</title><description>&lt;img src="/img/x.png"&gt; &lt;a href="#note"&gt;n&lt;/a&gt; &lt;a href="mailto:me@x.example"&gt;m&lt;/a&gt;</description></item>
</channel></rss>`;
    const r = await parseFeed(rss, { url: 'https://feeds.example/rss' }, { documentUrl: 'https://cdn.example/feeds/rss.xml' });
    assert.equal(r.entries[0].summaryHtml, '<a href="https://blog.example/2016/05/other/">o</a>');
    assert.equal(r.entries[1].summaryHtml, '<img src="https://cdn.example/img/x.png"> <a href="#note">n</a> <a href="mailto:me@x.example">m</a>');
  });
});

describe('feeds/dates: odd zones, no zone, Dublin Core', () => {
  const cases: [string, string][] = [
    ['Mon, 01 Jan 2024 10:00:00 GMT+0200', '2024-01-01T08:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 UTC+2', '2024-01-01T08:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 UTC-05:00', '2024-01-01T15:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 +05', '2024-01-01T05:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 PST8PDT', '2024-01-01T18:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 EST5EDT', '2024-01-01T15:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 +0000 GMT', '2024-01-01T10:00:00.000Z'],
    ['Mon, 01 Jan 2024 10:00:00 A', '2024-01-01T10:00:00.000Z'],
    ['Mon, 01 Jan 2024 10.00.00 GMT', '2024-01-01T10:00:00.000Z'],
    ['Mon,01 Jan 2024 10:00:00 GMT', '2024-01-01T10:00:00.000Z'],
    ['20240101T100000Z', '2024-01-01T10:00:00.000Z'],
    ['20240101T1000+0100', '2024-01-01T09:00:00.000Z'],
    ['2024-01-01T10:00:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T10:00', '2024-01-01T10:00:00.000Z'],
    ['Mon, 01 Jan 0001 00:00:00 +0000', ''],
    ['0001-01-01T00:00:00Z', ''],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected || 'no date'}`, () => {
      assert.equal(toIsoDate(input), expected);
    });
  }

  it('a date without a zone reads the same in every machine time zone', () => {
    const saved = process.env.TZ;
    try {
      const read = (tz: string) => {
        process.env.TZ = tz;
        return ['2016/05/12 09:15:00', 'May 12, 2016 09:15', '2016-05-12T09:15:00'].map(toIsoDate);
      };
      const utc = read('UTC');
      assert.deepEqual(utc, ['2016-05-12T09:15:00.000Z', '2016-05-12T09:15:00.000Z', '2016-05-12T09:15:00.000Z']);
      assert.deepEqual(read('America/New_York'), utc);
      assert.deepEqual(read('Asia/Kolkata'), utc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('dc:date with an offset, in an RSS 2.0 item', async () => {
    const feed = await parseFeed(
      '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><item><title>a</title><dc:date>2016-05-12T09:15:00-07:00</dc:date></item></channel></rss>',
      { url: 'https://x.example/f' },
    );
    assert.equal(feed.entries[0].published, '2016-05-12T16:15:00.000Z');
  });
});

describe('roundup draft: real-world entries', function () {
  this.timeout(20_000);
  let server: TestServer;
  let dir: string;

  before(async () => {
    server = await startServer((req, res) => {
      const file = (req.url ?? '').slice(1);
      if (!(file in FIXTURES)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('no such feed');
        return;
      }
      res.writeHead(200, { 'Content-Type': file.includes('atom') ? 'application/atom+xml' : 'application/rss+xml' });
      res.end(fixtureText(file));
    });
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-draft-real-'));
    writeFileSync(path.join(dir, 'line.txt'), '{title} | {author} | {date} | {excerpt}');
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drafts every fixture: the excerpts are the first paragraphs of text; the undated Hugo entry is kept with a warning', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
    const urls = Object.keys(FIXTURES).map((f) => `${server.origin}/${f}`);
    const code = await main(['draft', ...urls, '--since', '2016-05-09', '--template', 'line.txt'], io);
    assert.equal(code, 0, err.join('\n'));
    const all = Object.values(FIXTURES).flatMap((f) => f.entries);
    const dated = all.filter((e) => e.published >= '2016-05-09').sort((a, b) => a.published.localeCompare(b.published));
    const undated = all.filter((e) => !e.published);
    // The formatter escapes markdown: `[`, `]` and `<` of these texts.
    const md = (t: string) => t.replace(/[[\]<]/g, (c) => `\\${c}`);
    const lines = [...dated, ...undated].map((e) => `${md(e.title)} | ${e.author} | ${e.published.slice(0, 10)} | ${md(e.excerpt)}`);
    assert.deepEqual(out.join('\n').split('\n').filter(Boolean), lines.join('\n').split('\n'));
    assert.deepEqual(err, ['roundup: drafting since 2016-05-09 00:00 UTC (--since)', 'warning: Entry "A draft that kept no date" (Posts on Lattice Lab) has no date: kept, after the dated entries, in its feed\'s order.']);
  });
});
