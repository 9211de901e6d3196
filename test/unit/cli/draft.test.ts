/** `roundup draft` in-process against real HTTP servers on 127.0.0.1 and feed files; and once as the built command. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as http from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Io } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { startServer, type TestServer } from '../feeds/helpers';
import { NOW, projectRoot } from '../helpers';

interface Item {
  title: string;
  link: string;
  /** ISO time, or '' for no date. */
  date: string;
  author?: string;
  html?: string;
}

function rss(title: string, items: Item[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.link}#guid</guid>` +
        (i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : '') +
        (i.author ? `<dc:creator>${i.author}</dc:creator>` : '') +
        `<description><![CDATA[${i.html ?? `<p>About ${i.title}.</p>`}]]></description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${title}</title><link>https://x.example/</link>${body}</channel></rss>`;
}

function atom(title: string, items: Item[]): string {
  const body = items
    .map((i) => `<entry><title>${i.title}</title><link href="${i.link}"/><id>${i.link}</id><updated>${i.date}</updated>${i.author ? `<author><name>${i.author}</name></author>` : ''}<summary type="html">${(i.html ?? `<p>About ${i.title}.</p>`).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</summary></entry>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title><id>urn:x</id><updated>2016-05-17T00:00:00Z</updated>${body}</feed>`;
}

const PLANET: Item[] = [
  { title: 'Containers and the CERN cloud', link: 'http://tm3.org/6g', date: '2016-05-09T07:43:00Z', author: 'Ricardo Rocha' },
  { title: 'Running Keystone Unit Tests', link: 'http://tm3.org/6f', date: '2016-05-05T02:11:38Z', author: 'Adam Young', html: '<p>Just because upstrem doesn&#8217;t <b>run</b> it.</p><p>More.</p>' },
  { title: 'Deploying the EC2 API', link: 'http://tm3.org/6e', date: '2016-05-03T18:21:00Z', author: 'tbell' },
];
const TEAM: Item[] = [
  { title: 'Team news, same time as Keystone', link: 'https://team.example/1', date: '2016-05-05T02:11:38Z', author: 'rbowen' },
  { title: 'Team news at midnight', link: 'https://team.example/2', date: '2016-05-07T00:00:00Z' },
  { title: 'Team news, undated', link: 'https://team.example/3', date: '' },
];

function block(title: string, author: string | undefined, excerpt: string, link: string): string {
  return `**${title}**${author ? ` by ${author}` : ''}\n\n> ${excerpt}\n\n... read more at [${link}](${link})`;
}

const B = {
  ec2: block('Deploying the EC2 API', 'tbell', 'About Deploying the EC2 API.', 'http://tm3.org/6e'),
  keystone: block('Running Keystone Unit Tests', 'Adam Young', 'Just because upstrem doesn\u2019t run it.', 'http://tm3.org/6f'),
  cern: block('Containers and the CERN cloud', 'Ricardo Rocha', 'About Containers and the CERN cloud.', 'http://tm3.org/6g'),
  team1: block('Team news, same time as Keystone', 'rbowen', 'About Team news, same time as Keystone.', 'https://team.example/1'),
  team2: block('Team news at midnight', undefined, 'About Team news at midnight.', 'https://team.example/2'),
  team3: block('Team news, undated', undefined, 'About Team news, undated.', 'https://team.example/3'),
};

interface Run {
  code: number;
  out: string;
  err: string[];
}

describe('roundup draft', function () {
  this.timeout(20_000);
  let server: TestServer;
  let dir: string;
  const requests: string[] = [];

  before(async () => {
    server = await startServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      requests.push(req.url ?? '');
      if (req.url === '/planet.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
        res.end(rss('Planet RDO', PLANET));
      } else if (req.url === '/team.atom') {
        res.writeHead(200, { 'Content-Type': 'application/atom+xml' });
        res.end(atom('Team', TEAM));
      } else if (req.url === '/planet.json') {
        res.writeHead(200, { 'Content-Type': 'application/feed+json' });
        res.end(JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'Planet RDO',
          items: PLANET.map((i) => ({ id: `${i.link}#guid`, url: i.link, title: i.title, date_published: i.date, authors: [{ name: i.author }], content_html: i.html ?? `<p>About ${i.title}.</p>` })),
        }));
      } else if (req.url === '/broken.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end('<html><body>not a feed</body></html>');
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('no such feed');
      }
    });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-draft-'));
    requests.length = 0;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW };
    const code = await main(['draft', ...argv], io);
    return { code, out: out.length ? out.join('\n') + '\n' : '', err };
  }

  it('prints every entry of every feed, merged oldest first; equal times keep the feed order; undated last', async () => {
    const r = await run(`${server.origin}/planet.xml`, `${server.origin}/team.atom`);
    assert.deepEqual(r.err, []);
    assert.equal(r.code, 0);
    assert.equal(r.out, [B.ec2, B.keystone, B.team1, B.team2, B.cern, B.team3].join('\n\n') + '\n');
    // The other order of the feeds: the tie goes the other way.
    const swapped = await run(`${server.origin}/team.atom`, `${server.origin}/planet.xml`);
    assert.equal(swapped.out, [B.ec2, B.team1, B.keystone, B.team2, B.cern, B.team3].join('\n\n') + '\n');
  });

  it('drafts from a JSON Feed exactly as from the same entries in RSS', async () => {
    const r = await run(`${server.origin}/planet.json`);
    assert.deepEqual(r.err, []);
    assert.equal(r.code, 0);
    assert.equal(r.out, [B.ec2, B.keystone, B.cern].join('\n\n') + '\n');
  });

  it('reads feed files relative to the working folder, and file: URLs', async () => {
    writeFileSync(path.join(dir, 'planet.xml'), rss('Planet RDO', PLANET));
    const r = await run('planet.xml', `file://${path.join(dir, 'planet.xml')}`.replace(/\\/g, '/'));
    assert.equal(r.code, 0);
    assert.equal(r.out, [B.ec2, B.keystone, B.cern].join('\n\n') + '\n', 'the same entries twice are printed once');
  });

  it('--since and --until are inclusive, a date alone is 00:00 UTC, and an undated entry is kept in any range with a warning', async () => {
    const feeds = [`${server.origin}/planet.xml`, `${server.origin}/team.atom`];
    const undated = 'warning: Entry "Team news, undated" (Team) has no date: kept, after the dated entries, in its feed\'s order.';
    const exact = await run(...feeds, '--since', '2016-05-05T02:11:38Z', '--until', '2016-05-07');
    assert.equal(exact.out, [B.keystone, B.team1, B.team2, B.team3].join('\n\n') + '\n');
    assert.deepEqual(exact.err, ['roundup: drafting since 2016-05-05 02:11 UTC (--since)', undated]);
    const after = await run(...feeds, '--since=2016-05-05T02:11:39');
    assert.equal(after.out, [B.team2, B.cern, B.team3].join('\n\n') + '\n');
    const before = await run(...feeds, '--until', '2016-05-06');
    assert.equal(before.out, [B.ec2, B.keystone, B.team1, B.team3].join('\n\n') + '\n');
    const zone = await run(...feeds, '--since', '2016-05-09T09:43+02:00');
    assert.equal(zone.out, [B.cern, B.team3].join('\n\n') + '\n');
    const none = await run(`${server.origin}/planet.xml`, '--since', '2017-01-01');
    const from2017 = 'roundup: drafting since 2017-01-01 00:00 UTC (--since)';
    assert.deepEqual(none, { code: 0, out: '', err: [from2017, 'roundup: no entries since 2017-01-01'] });
    const onlyUndated = await run(...feeds, '--since', '2017-01-01');
    assert.deepEqual(onlyUndated, { code: 0, out: B.team3 + '\n', err: [from2017, undated] });
  });

  it('--since-last FOLDER: since the newest published roundup under FOLDER, without the entries it links to', async () => {
    const posts = path.join(dir, 'content', 'posts');
    mkdirSync(posts, { recursive: true });
    // The last roundup, in the wording "Read more at", dated by its front matter; it already holds Keystone.
    writeFileSync(path.join(posts, '2016-05-04-roundup.md'), '---\ntitle: Roundup\ndate: 2016-05-05 02:00:00 UTC\n---\n\n'
      + '**Running Keystone Unit Tests** by Adam Young\n\n> Just because.\n\nRead more at [http://tm3.org/6f](http://tm3.org/6f)\n');
    // Newer posts that are no roundup: a tutorial with links, a roundup not published yet.
    writeFileSync(path.join(posts, '2016-05-08-tutorial.md'), '---\ntitle: Tutorial\n---\n\nSee [the docs](https://docs.example) first.\n');
    writeFileSync(path.join(posts, '2016-05-09-next.md'), '---\ntitle: Next\npublished: false\n---\n\n'
      + '**Next** by A\n\n> q\n\n... read more at [https://a.example/n](https://a.example/n)\n');
    const feeds = [`${server.origin}/planet.xml`, `${server.origin}/team.atom`];
    const undated = 'warning: Entry "Team news, undated" (Team) has no date: kept, after the dated entries, in its feed\'s order.';
    const r = await run(...feeds, '--since-last', 'content/posts');
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal(r.out, [B.team1, B.team2, B.cern, B.team3].join('\n\n') + '\n');
    assert.deepEqual(r.err, [
      'roundup: drafting since the last roundup, content/posts/2016-05-04-roundup.md (dated 2016-05-05 02:00 UTC)',
      undated,
    ]);
    rmSync(path.join(posts, '2016-05-04-roundup.md'));
    const none = await run(`${server.origin}/planet.xml`, '--since-last', 'content/posts');
    assert.deepEqual(none.err, ['roundup: no published roundup under content/posts: drafting every entry']);
    assert.equal(none.out, [B.ec2, B.keystone, B.cern].join('\n\n') + '\n');
  });

  it('--featured-in FOLDER: leaves out the entries a roundup under FOLDER features (by link or title and author), says how many', async () => {
    const posts = path.join(dir, 'posts');
    mkdirSync(path.join(posts, '2016'), { recursive: true });
    // CERN by its link (tracking parameters and https aside), Keystone by title and author behind a short link.
    writeFileSync(path.join(posts, '2016', '2016-05-10-roundup.md'), '---\ntitle: May roundup\ndate: 2016-05-10\n---\n\n'
      + block('Containers and the CERN cloud', 'Ricardo Rocha', 'x', 'https://tm3.org/6g?utm_source=planet') + '\n\n'
      + block('Running Keystone Unit Tests', 'Adam Young', 'y', 'http://sho.rt/ab') + '\n');
    // A draft not published yet and a tutorial feature nothing.
    writeFileSync(path.join(posts, '2016-05-12-next.md'), '---\ntitle: Next\npublished: false\n---\n\n' + B.ec2 + '\n');
    writeFileSync(path.join(posts, '2016-05-13-tutorial.md'), '---\ntitle: T\n---\n\nSee [the EC2 API](http://tm3.org/6e).\n');
    const r = await run(`${server.origin}/planet.xml`, '--featured-in', 'posts');
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal(r.out, B.ec2 + '\n');
    assert.deepEqual(r.err, ['roundup: 2 entries left out: featured in 1 post under posts (--featured-in)']);
    const none = await run(`${server.origin}/team.atom`, '--featured-in', 'posts', '--since', '2016-05-01');
    assert.ok(!none.err.some((l) => l.includes('left out')), none.err.join('\n'));
    const missing = await run(`${server.origin}/planet.xml`, '--featured-in', 'nowhere');
    assert.equal(missing.code, 2);
    assert.match(missing.err[0], /--featured-in: no folder nowhere/);
  });

  it('a feed that fails is reported on stderr with exit 1; the others are still printed', async () => {
    const r = await run(`${server.origin}/missing.xml`, `${server.origin}/planet.xml`, 'nope.xml', `${server.origin}/broken.xml`);
    assert.equal(r.code, 1);
    assert.equal(r.out, [B.ec2, B.keystone, B.cern].join('\n\n') + '\n');
    assert.equal(r.err.length, 3, r.err.join('\n'));
    assert.match(r.err[0], new RegExp(`^roundup: ${server.origin}/missing\\.xml: .*404`));
    assert.match(r.err[1], /^roundup: nope\.xml: File not found: /);
    assert.match(r.err[2], new RegExp(`^roundup: ${server.origin}/broken\\.xml: .+`));
    const all = await run(`${server.origin}/missing.xml`);
    assert.equal(all.code, 1);
    assert.equal(all.out, '');
    assert.equal(all.err.length, 1);
  });

  it('--template NAME: a built-in or a roundup.templates name from --config', async () => {
    const link = await run(`${server.origin}/planet.xml`, '--template', 'link');
    assert.equal(link.out, '* [Deploying the EC2 API](http://tm3.org/6e)\n* [Running Keystone Unit Tests](http://tm3.org/6f)\n* [Containers and the CERN cloud](http://tm3.org/6g)\n');
    writeFileSync(
      path.join(dir, 'settings.json'),
      `{
        // VS Code's settings.json format
        "roundup.templates": { "short": "- {title} ({author}, {date:MMM DD})" },
        "roundup.authors": { "tbell": "Tim Bell" },
      }`,
    );
    const named = await run(`${server.origin}/planet.xml`, '--config', 'settings.json', '--template', 'short', '--until', '2016-05-04');
    assert.equal(named.out, '- Deploying the EC2 API (Tim Bell, May 03)\n');
    const authors = await run(`${server.origin}/planet.xml`, '--config', 'settings.json', '--until', '2016-05-04');
    assert.equal(authors.out, B.ec2.replace('by tbell', 'by Tim Bell') + '\n', 'roundup.authors applies to the default template too');
  });

  it('--template FILE: a template file relative to the working folder', async () => {
    writeFileSync(path.join(dir, 'mine.txt'), '### {title}\n\n[[{author} wrote: ]]{excerpt}\n');
    const r = await run(`${server.origin}/planet.xml`, '--template', 'mine.txt', '--since', '2016-05-09');
    assert.equal(r.code, 0);
    assert.equal(r.out, '### Containers and the CERN cloud\n\nRicardo Rocha wrote: About Containers and the CERN cloud.\n');
  });

  it('roundup.defaultTemplate and roundup.feeds from --config, with no feed on the command line', async () => {
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ 'roundup.defaultTemplate': 'link', 'roundup.feeds': [{ url: `${server.origin}/team.atom`, name: 'Team' }, `${server.origin}/planet.xml`] }),
    );
    const r = await run('--config', 'settings.json', '--until', '2016-05-05T02:11:38Z');
    assert.equal(r.out, '* [Deploying the EC2 API](http://tm3.org/6e)\n* [Team news, same time as Keystone](https://team.example/1)\n* [Running Keystone Unit Tests](http://tm3.org/6f)\n* [Team news, undated](https://team.example/3)\n');
  });

  it('roundup.sections from --config: each section headed, in its template; the rest after; --template writes no sections', async () => {
    const sections = [{ heading: 'Team', feeds: ['Team'], template: 'link' }, { heading: 'Keystone', titleWords: ['keystone'] }];
    writeFileSync(path.join(dir, 'sections.json'), JSON.stringify({ 'roundup.sections': sections }));
    const feeds = [`${server.origin}/team.atom`, `${server.origin}/planet.xml`];
    const r = await run(...feeds, '--config', 'sections.json', '--until', '2016-05-05T02:11:38Z');
    assert.equal(r.code, 0, r.err.join('\n'));
    const headings = r.out.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, ['## Team', '## Keystone']);
    assert.ok(r.out.startsWith('## Team\n\n* [Team news, same time as Keystone](https://team.example/1)\n* [Team news, undated](https://team.example/3)\n\n## Keystone\n\n**Running Keystone Unit Tests**'), r.out);
    assert.ok(/\n\n\*\*Deploying the EC2 API\*\*/.test(r.out.slice(r.out.indexOf('## Keystone'))), 'the rest after the sections');
    const plain = await run(...feeds, '--config', 'sections.json', '--until', '2016-05-05T02:11:38Z', '--template', 'link');
    assert.ok(!plain.out.includes('## '), plain.out);
  });

  it('usage errors exit 2 before any fetch: no feeds, bad dates, since after until, unknown template, invalid template file', async () => {
    writeFileSync(path.join(dir, 'bad.txt'), '{title} {nope}');
    const cases: [string[], RegExp][] = [
      [[], /no feeds/],
      [[`${server.origin}/planet.xml`, '--since', '17/05/2016'], /--since: "17\/05\/2016" is not a valid date/],
      [[`${server.origin}/planet.xml`, '--until', '2016-02-30'], /--until: "2016-02-30" is not a valid date/],
      [[`${server.origin}/planet.xml`, '--since', '2016-05-10', '--until', '2016-05-01'], /--since \(2016-05-10\) is after --until \(2016-05-01\)/],
      [[`${server.origin}/planet.xml`, '--template', 'fancy'], /--template: "fancy" is neither a template name \(block, link\) nor a readable file/],
      [[`${server.origin}/planet.xml`, '--template', 'bad.txt'], /--template bad\.txt: Invalid template: unknown placeholder "\{nope\}"/],
      [[`${server.origin}/planet.xml`, '--since'], /--since needs a value/],
      [[`${server.origin}/planet.xml`, '--since-last', 'nowhere'], /--since-last: no folder nowhere/],
      [[`${server.origin}/planet.xml`, '--since-last', '.', '--since', '2016-05-01'], /--since and --since-last: give one start/],
      [[`${server.origin}/planet.xml`, '--format', 'json'], /Unknown option --format/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err[0], message, args.join(' '));
    }
    assert.deepEqual(requests, [], 'nothing was fetched');
  });

  it('formatter warnings go to stderr (an entry without a link), the block is still printed', async () => {
    // A feed parser drops links that are not http(s) (javascript:, relative without a base): the entry has no link.
    writeFileSync(path.join(dir, 'odd.xml'), rss('Odd', [{ title: 'Scripted', link: 'javascript:alert(1)', date: '2016-05-01T00:00:00Z' }]));
    const r = await run('odd.xml');
    assert.equal(r.code, 0);
    assert.equal(r.out, '**Scripted**\n\n> About Scripted.\n');
    assert.deepEqual(r.err, ['warning: Entry "Scripted" (Odd) has no link.']);
  });

  it('--help prints the usage with the draft command', async () => {
    const r = await run('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /draft \[feed URLs or files\.\.\.\]/);
    assert.match(r.out, /--since DATE/);
  });

  it('the built command prints the same blocks (node dist/cli.js draft)', () => {
    const bin = path.join(projectRoot(), 'dist', 'cli.js');
    assert.ok(existsSync(bin), 'dist/cli.js is missing: run "npm run build" first');
    writeFileSync(path.join(dir, 'planet.xml'), rss('Planet RDO', PLANET));
    const r = spawnSync(process.execPath, [bin, 'draft', 'planet.xml', 'nope.xml', '--since', '2016-05-04'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.stdout, [B.keystone, B.cern].join('\n\n') + '\n');
    assert.match(r.stderr, /^roundup: drafting since 2016-05-04 00:00 UTC \(--since\)\nroundup: nope\.xml: File not found: .*\n$/);
    assert.equal(r.status, 1);
  });
});
