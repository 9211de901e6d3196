// The first ten minutes of a new user (issue 10), in the real workbench: what the sidebar shows
// while it loads, and the rows, descriptions and dialogs of the flows a newcomer goes through.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openVSCode, type VSCodeSession } from '../harness/ui';
import { projectRoot } from '../harness/util';

describe('UI: first minutes, feeds configured', function () {
  let vscode: VSCodeSession;

  before(async function () {
    this.timeout(180_000);
    vscode = await openVSCode({
      workspace: join(projectRoot(), 'test', 'fixtures', 'workspace'),
      // The fixture's entries are from May 2016, older than the default lookback of 30 days.
      settings: { 'roundup.feeds': ['feeds/planet-rdo.xml'] },
    });
  });

  after(async () => {
    await vscode?.close();
  });

  it('never flashes "No feeds yet" while the feeds load', async () => {
    const welcome = vscode.page.locator('.sidebar .welcome-view-content', { hasText: 'No feeds yet' });
    const feedRow = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'Planet RDO' });
    await vscode.showRoundup();
    let flashed = false;
    await vscode.waitFor(async () => {
      if (await welcome.first().isVisible()) flashed = true;
      return feedRow.first().isVisible();
    }, 'the feed row to show', { timeout: 60_000 });
    assert.equal(await welcome.first().isVisible(), false, 'the welcome shows beside the feeds');
    assert.equal(flashed, false, 'the welcome "No feeds yet" showed while the configured feeds loaded');
    await vscode.screenshot('first-minutes-loaded');
  });

  it('says how many older entries the lookback hides, and shows them on a click', async () => {
    const row = (text: string) => vscode.page.locator('.sidebar .monaco-list-row', { hasText: text });
    await vscode.waitForVisible(row('3 older entries hidden'), 'the row that counts the hidden entries');
    await vscode.waitForVisible(row('Change lookback…'), 'the Change lookback row');
    await vscode.screenshot('sidebar-lookback-hidden');
    await row('Show older entries').first().click();
    await vscode.waitForVisible(row('Containers and the CERN cloud'), 'the older entries to show');
    assert.equal(await row('3 older entries hidden').count(), 0);
    await vscode.screenshot('sidebar-lookback-shown');
  });
});

describe('UI: first minutes, inserting an entry twice', function () {
  let vscode: VSCodeSession;
  const POST = '---\ntitle: Twice\nauthor: rbowen\ndate: 2016-05-17 17:18:56 UTC\n---\n\nIntro.\n';

  before(async function () {
    this.timeout(180_000);
    vscode = await openVSCode({
      workspace: join(projectRoot(), 'test', 'fixtures', 'workspace'),
      settings: { 'roundup.feeds': ['feeds/insert-entries.xml'], 'roundup.lookbackDays': 36500 },
    });
    writeFileSync(join(vscode.workspace, 'ui-twice.md'), POST);
  });

  after(async () => {
    await vscode?.close();
  });

  it('the "already in this post" dialog defaults to the safe choice: Enter inserts nothing', async () => {
    await vscode.openFile('ui-twice.md');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await vscode.page.keyboard.press('Control+End');
    await vscode.showRoundup();
    const entry = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'RDO & Packstack on a laptop' });
    await vscode.waitForVisible(entry, 'the entry in the sidebar');
    await vscode.waitForHidden('.sidebar .monaco-progress-container.active', 'the refresh to end');
    await entry.first().click();
    const marked = vscode.page.locator('.sidebar .monaco-list-row', { hasText: /Packstack on a laptop.*in this post/ });
    const markedSoon = await marked.first().waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
    if (!markedSoon && !(await vscode.editorText()).includes('**RDO & Packstack on a laptop**')) {
      // A click that lands while the tree redraws its rows is dropped by VS Code (microsoft/vscode#173233,
      // seen here once under load): nothing was inserted, so click once more.
      await entry.first().click();
    }
    await vscode.waitForVisible(marked, 'the entry marked');
    const once = await vscode.editorText();
    assert.equal(once.split('**RDO & Packstack on a laptop**').length, 2, once);
    await entry.first().click();
    const dialog = vscode.page.locator('.monaco-dialog-box', { hasText: 'already in this post' });
    await vscode.waitForVisible(dialog, 'the "already in this post" dialog');
    await vscode.screenshot('insert-again-dialog');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForHidden('.monaco-dialog-box', 'the dialog to close');
    const after = await vscode.editorText();
    assert.equal(after.split('**RDO & Packstack on a laptop**').length, 2, `Enter inserted the entry again:\n${after}`);
  });
});

describe('UI: first minutes, adding a page that is not a feed', function () {
  let vscode: VSCodeSession;
  let server: http.Server;
  let origin = '';

  before(async function () {
    this.timeout(180_000);
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><head><title>A page</title></head><body><p>No feed here.</p></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    vscode = await openVSCode({ workspace: join(projectRoot(), 'test', 'fixtures', 'workspace') });
  });

  after(async () => {
    await vscode?.close();
    server.closeAllConnections();
    server.close();
  });

  it('names the address once, and "Try another address" keeps the text typed', async () => {
    const address = `${origin}/page.html`;
    await vscode.showRoundup();
    const welcome = vscode.page.locator('.sidebar .welcome-view-content');
    await vscode.waitForVisible(welcome.getByRole('button', { name: 'Add feed' }), 'the Add feed button');
    await welcome.getByRole('button', { name: 'Add feed' }).click();
    const input = await vscode.waitForVisible('.quick-input-widget .quick-input-box input', 'the Add feed prompt');
    await input.fill(address);
    await vscode.page.keyboard.press('Enter');
    const toast = vscode.page.locator('.notification-toast', { hasText: 'could not add' });
    await vscode.waitForVisible(toast, 'the error notification', { timeout: 30_000 });
    const text = (await toast.first().locator('.notification-list-item-message').textContent()) ?? '';
    assert.equal(text.split(address).length - 1, 1, `the address is named ${text.split(address).length - 1} times: ${text}`);
    await vscode.screenshot('add-feed-not-a-feed');
    await toast.first().getByRole('button', { name: 'Try another address' }).click();
    const again = await vscode.waitForVisible('.quick-input-widget .quick-input-box input', 'the Add feed prompt again');
    await vscode.waitFor(async () => (await again.inputValue()) === address, 'the prompt to keep the address typed');
    await vscode.screenshot('add-feed-try-again');
    await vscode.page.keyboard.press('Escape');
  });
});

describe('UI: first minutes, a page with several feeds', function () {
  let vscode: VSCodeSession;
  let server: http.Server;
  let origin = '';
  const rss = (title: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://blog.example/</link>`
    + `<item><title>${title} news</title><link>https://blog.example/${title}</link><pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`;

  before(async function () {
    this.timeout(180_000);
    server = http.createServer((req, res) => {
      const m = /^\/(posts|comments|podcast)\.xml$/.exec(req.url ?? '');
      if (m) {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(rss(m[1]));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const links = ['posts', 'comments', 'podcast']
        .map((n) => `<link rel="alternate" type="application/rss+xml" title="Feed ${n}" href="/${n}.xml">`).join('');
      res.end(`<!doctype html><html><head><title>Blog</title>${links}</head><body>Blog</body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    vscode = await openVSCode({
      workspace: join(projectRoot(), 'test', 'fixtures', 'workspace'),
      settings: { 'roundup.feeds': [`${origin}/posts.xml`] },
    });
  });

  after(async () => {
    await vscode?.close();
    server.closeAllConnections();
    server.close();
  });

  it('marks the feed already followed, adds several at once, and skips the followed one', async () => {
    const row = (text: string) => vscode.page.locator('.sidebar .monaco-list-row', { hasText: text });
    await vscode.showRoundup();
    await vscode.waitForVisible(row('posts news'), 'the followed feed');
    await vscode.runCommand('Roundup: Add feed');
    const input = await vscode.waitForVisible('.quick-input-widget .quick-input-box input', 'the Add feed prompt');
    await input.fill(`${origin}/blog.html`);
    await vscode.page.keyboard.press('Enter');
    const pickRow = (text: string | RegExp) => vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: text });
    await vscode.waitForVisible(pickRow('Feed podcast'), 'the feeds of the page', { timeout: 30_000 });
    await vscode.waitForVisible(pickRow(/Feed posts.*already followed/), 'the followed feed marked');
    await vscode.screenshot('add-feed-discovery');
    // A click on a row checks it in a multi-select list.
    await pickRow('Feed comments').first().click();
    await pickRow('Feed podcast').first().click();
    await vscode.waitForVisible(vscode.page.locator('.quick-input-widget', { hasText: '2 Selected' }), 'two feeds checked');
    await vscode.screenshot('add-feed-discovery-checked');
    await vscode.page.keyboard.press('Enter');
    // Where they go: the first choice, the user settings.
    const scope = pickRow('User settings');
    await vscode.waitForVisible(scope, 'the question where the feeds go');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForVisible(row('comments news'), 'the first new feed', { timeout: 30_000 });
    await vscode.waitForVisible(row('podcast news'), 'the second new feed', { timeout: 30_000 });
    const feeds = await vscode.page.locator('.sidebar .monaco-list-row[aria-level="1"]').count();
    assert.equal(feeds, 3, 'the followed feed was added twice');
    await vscode.screenshot('add-feed-discovery-added');
  });
});

describe('UI: first minutes, the walkthrough', function () {
  let vscode: VSCodeSession;

  before(async function () {
    this.timeout(180_000);
    vscode = await openVSCode({ workspace: join(projectRoot(), 'test', 'fixtures', 'workspace') });
  });

  after(async () => {
    await vscode?.close();
  });

  it('"Get started with Roundup" has the four steps, each with its command button and image', async () => {
    // The command opens a second list at once (the walkthroughs), so no waiting for the palette to close.
    await vscode.page.keyboard.press('F1');
    const palette = await vscode.waitForVisible('.quick-input-widget .quick-input-box input', 'the command palette');
    await palette.fill('>Welcome: Open Walkthrough');
    await vscode.waitForVisible(vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }), 'the command');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForVisible(vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Learn the Fundamentals' }), 'the walkthrough list');
    const input = vscode.page.locator('.quick-input-widget .quick-input-box input').first();
    await input.fill('Get started with Roundup');
    await vscode.waitForVisible(vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Roundup' }), 'our walkthrough');
    await vscode.page.keyboard.press('Enter');
    const page = vscode.page.locator('.gettingStartedContainer');
    for (const step of ['Add a feed', 'Open or create a post', 'Insert an entry', 'Fix a front matter problem']) {
      await vscode.waitForVisible(page.getByText(step, { exact: true }), `the step "${step}"`, { timeout: 30_000 });
    }
    await vscode.waitForVisible(page.getByRole('button', { name: 'Add feed' }), 'the Add feed button of the first step');
    await vscode.waitForVisible(page.locator('.getting-started-media img'), 'the step\'s image');
    await vscode.screenshot('walkthrough');
  });
});
