import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useVSCode, WALKTHROUGH_CLIP } from '../harness/ui';
import { startServer, type TestServer } from '../support/localServer';

/** A team blog's feed, served by the test on 127.0.0.1 until it is stopped. */
function teamFeed(): string {
  const items = [
    ['Scaling the gate with Zuul v3', 'Monty Taylor', '2016-05-16T08:00:00Z'],
    ['TripleO deep dive: the undercloud', 'Emilien Macchi', '2016-05-13T15:30:00Z'],
  ]
    .map(([title, author, date], i) => `<item><title>${title}</title><link>https://team.example/${i}</link><author>team@example.org (${author})</author><pubDate>${new Date(date).toUTCString()}</pubDate><description>&lt;p&gt;${title}.&lt;/p&gt;</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Team blog</title><link>https://team.example/</link>${items}</channel></rss>`;
}

describe('UI: the Roundup sidebar', function () {
  let server: TestServer;

  const session = useVSCode(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(teamFeed());
    });
    return { settings: { 'roundup.feeds': ['feeds/planet-rdo.xml', { url: `${server.origin}/team.xml`, name: 'Team blog' }], 'roundup.lookbackDays': 36500 } };
  });

  after(async () => {
    await server?.close();
  });

  const row = (text: string) => session().page.locator('.monaco-list-row', { hasText: text });

  it('shows the entries of a local feed file and of a feed on the web, newest first', async () => {
    const vscode = session();
    await vscode.showRoundup();
    await vscode.waitForVisible(row('Containers and the CERN cloud'), 'the local feed\'s newest entry');
    await vscode.waitForVisible(row('Scaling the gate with Zuul v3'), 'the web feed\'s newest entry');
    const labels = await vscode.page.locator('.sidebar .monaco-list-row').allTextContents();
    const planet = labels.findIndex((l) => l.includes('Planet RDO'));
    const cern = labels.findIndex((l) => l.includes('Containers and the CERN cloud'));
    const ec2 = labels.findIndex((l) => l.includes('Deploying the new OpenStack EC2 API project'));
    assert.ok(planet >= 0 && planet < cern && cern < ec2, `order of rows: ${labels.join(' | ')}`);
    assert.match(labels[cern], /\d{4}-\d\d-\d\d · Ricardo Rocha/);
    await vscode.screenshot('sidebar-feeds');
    await vscode.screenshot('walkthrough-add-feed', { clip: WALKTHROUGH_CLIP });
  });

  it('shows the cached entries again after a reload, with the feed server gone; a refresh then shows the error and keeps them', async () => {
    const vscode = session();
    await server.close();
    await vscode.page.reload();
    await vscode.waitForVisible('.monaco-workbench', 'the workbench to load again');
    await vscode.showRoundup();
    await vscode.waitForVisible(row('Scaling the gate with Zuul v3'), 'the cached entry of the stopped server\'s feed');
    await vscode.click(vscode.page.locator('.sidebar .action-label[aria-label^="Refresh feeds"]'), () => row('Connection refused').first().isVisible(), 'Refresh feeds to show the feed\'s error');
    await vscode.waitForVisible(row('Retry'), 'the Retry row');
    assert.ok(await row('Scaling the gate with Zuul v3').first().isVisible(), 'the cached entries stay');
    await vscode.screenshot('sidebar-failed-feed');
  });
});

describe('UI: feeds that moved, and a web page given as a feed', function () {
  let server: TestServer;
  let origin = '';
  const session = useVSCode(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/old.xml') {
        res.writeHead(301, { Location: '/team.xml' });
        res.end();
      } else if (req.url === '/blog/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>Team</title>'
          + '<link rel="alternate" type="application/rss+xml" title="Other blog" href="/other.xml"></head><body>Blog</body></html>');
      } else if (req.url === '/other.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(teamFeed().replace('<title>Team blog</title>', '<title>Other blog</title>'));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(teamFeed());
      }
    });
    origin = server.origin;
    // The second as a user who pasted the blog's address into the settings by hand.
    return { settings: { 'roundup.feeds': [{ url: `${origin}/old.xml`, name: 'Moved blog' }, `${origin}/blog/`], 'roundup.lookbackDays': 36500 } };
  });

  after(async () => {
    await server?.close();
  });

  const userFeeds = () =>
    (JSON.parse(readFileSync(join(session().run.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>)['roundup.feeds'];

  it('a 301 offers to update the feed\'s address, and Update URL writes the new one, keeping its name', async () => {
    const vscode = session();
    await vscode.showRoundup();
    const toast = await vscode.waitForNotification('has moved for good', 'the offer to update the moved feed');
    assert.equal(await toast.locator('.notification-list-item-message').textContent(),
      `The feed "Moved blog" has moved for good to ${origin}/team.xml.`);
    await vscode.screenshot('feed-moved-offer');
    const expected = JSON.stringify([{ url: `${origin}/team.xml`, name: 'Moved blog' }, `${origin}/blog/`]);
    await vscode.clickNotificationButton('has moved for good', 'Update URL', async () => JSON.stringify(userFeeds()) === expected, 'roundup.feeds to hold the new address');
    await vscode.waitForVisible(vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'Scaling the gate with Zuul v3' }), 'the entries');
  });

  it('a web page offers the feed it links to, and Use this feed puts it in the page\'s place', async () => {
    const vscode = session();
    const toast = await vscode.waitForNotification('is a web page, not a feed', 'the offer of the page\'s feed');
    assert.match(await toast.textContent() ?? '', new RegExp(`it links to ${origin}/other\\.xml`));
    await vscode.screenshot('feed-web-page-offer');
    const expected = JSON.stringify([{ url: `${origin}/team.xml`, name: 'Moved blog' }, `${origin}/other.xml`]);
    await vscode.clickNotificationButton('is a web page, not a feed', 'Use this feed', async () => JSON.stringify(userFeeds()) === expected, 'roundup.feeds to hold the page\'s feed');
    await vscode.waitForVisible(vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'Other blog' }), 'the feed under its own name');
    await vscode.screenshot('feed-web-page-replaced');
  });
});
