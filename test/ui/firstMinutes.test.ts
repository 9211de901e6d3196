// The first ten minutes of a new user, in the real workbench: what the sidebar shows
// while it loads, and the rows, descriptions and dialogs of the flows a newcomer goes through.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { useVSCode } from '../harness/ui';
import { projectRoot } from '../harness/util';
import { startServer, type TestServer } from '../support/localServer';

describe('UI: first minutes, feeds configured', function () {
  // The fixture's entries are from May 2016, older than the default lookback of 30 days.
  const session = useVSCode({ settings: { 'roundup.feeds': ['feeds/planet-rdo.xml'] } });

  it('never flashes "No feeds yet" while the feeds load', async () => {
    const vscode = session();
    const welcome = vscode.page.locator('.sidebar .welcome-view-content', { hasText: 'No feeds yet' });
    const feedRow = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'Planet RDO' });
    await vscode.showRoundup();
    let flashed = false;
    await vscode.waitFor(async () => {
      if (await welcome.first().isVisible()) flashed = true;
      return feedRow.first().isVisible();
    }, 'the feed row to show');
    assert.equal(await welcome.first().isVisible(), false, 'the welcome shows beside the feeds');
    assert.equal(flashed, false, 'the welcome "No feeds yet" showed while the configured feeds loaded');
    await vscode.screenshot('first-minutes-loaded');
  });

  it('says how many older entries the lookback hides, and shows them on a click', async () => {
    const vscode = session();
    const row = (text: string) => vscode.page.locator('.sidebar .monaco-list-row', { hasText: text });
    await vscode.waitForVisible(row('3 older entries hidden'), 'the row that counts the hidden entries');
    await vscode.waitForVisible(row('Change lookback…'), 'the Change lookback row');
    await vscode.screenshot('sidebar-lookback-hidden');
    await vscode.click(row('Show older entries'), () => row('Containers and the CERN cloud').first().isVisible(), 'the older entries to show');
    assert.equal(await row('3 older entries hidden').count(), 0);
    await vscode.screenshot('sidebar-lookback-shown');
  });
});

describe('UI: first minutes, inserting an entry twice', function () {
  const POST = '---\ntitle: Twice\nauthor: rbowen\ndate: 2016-05-17 17:18:56 UTC\n---\n\nIntro.\n';
  const session = useVSCode({ settings: { 'roundup.feeds': ['feeds/insert-entries.xml'], 'roundup.lookbackDays': 36500 }, files: { 'ui-twice.md': POST } });

  it('the "already in this post" dialog defaults to the safe choice: Enter inserts nothing', async () => {
    const vscode = session();
    await vscode.openFile('ui-twice.md');
    await vscode.cursorAt(POST.split('\n').length);
    await vscode.showRoundup();
    const entry = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'RDO & Packstack on a laptop' });
    await vscode.waitForVisible(entry, 'the entry in the sidebar');
    await vscode.waitForHidden('.sidebar .monaco-progress-container.active', 'the refresh to end');
    await vscode.click(entry, async () => (await vscode.editorText()).includes('**RDO & Packstack on a laptop**'), 'the click on the entry to insert its block');
    const marked = vscode.page.locator('.sidebar .monaco-list-row', { hasText: /Packstack on a laptop.*in this post/ });
    await vscode.waitForVisible(marked, 'the entry marked');
    const once = await vscode.editorText();
    assert.equal(once.split('**RDO & Packstack on a laptop**').length, 2, once);
    const dialog = vscode.page.locator('.monaco-dialog-box', { hasText: 'already in this post' });
    await vscode.click(entry, () => dialog.first().isVisible(), 'the "already in this post" dialog');
    await vscode.screenshot('insert-again-dialog');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForHidden('.monaco-dialog-box', 'the dialog to close');
    const after = await vscode.editorText();
    assert.equal(after.split('**RDO & Packstack on a laptop**').length, 2, `Enter inserted the entry again:\n${after}`);
  });
});

describe('UI: first minutes, adding a page that is not a feed', function () {
  let server: TestServer;
  const session = useVSCode(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><head><title>A page</title></head><body><p>No feed here.</p></body></html>');
    });
    return {};
  });

  after(async () => {
    await server?.close();
  });

  it('names the address once, and "Try another address" keeps the text typed', async () => {
    const vscode = session();
    const address = `${server.origin}/page.html`;
    await vscode.showRoundup();
    const welcome = vscode.page.locator('.sidebar .welcome-view-content');
    await vscode.waitForVisible(welcome.getByRole('button', { name: 'Add feed' }), 'the Add feed button');
    const input = vscode.quickInputBox;
    await vscode.click(welcome.getByRole('button', { name: 'Add feed' }), () => input.isVisible(), 'the Add feed prompt');
    await input.fill(address);
    await vscode.page.keyboard.press('Enter');
    const toast = await vscode.waitForNotification('could not add', 'the error notification');
    const text = (await toast.locator('.notification-list-item-message').textContent()) ?? '';
    assert.equal(text.split(address).length - 1, 1, `the address is named ${text.split(address).length - 1} times: ${text}`);
    await vscode.screenshot('add-feed-not-a-feed');
    await vscode.clickNotificationButton('could not add', 'Try another address', () => input.isVisible(), 'the Add feed prompt again');
    await vscode.waitFor(async () => (await input.inputValue()) === address, 'the prompt to keep the address typed');
    await vscode.screenshot('add-feed-try-again');
    await vscode.page.keyboard.press('Escape');
  });
});

describe('UI: first minutes, a page with several feeds', function () {
  let server: TestServer;
  let origin = '';
  const rss = (title: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://blog.example/</link>`
    + `<item><title>${title} news</title><link>https://blog.example/${title}</link><pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`;

  const session = useVSCode(async () => {
    server = await startServer((req, res) => {
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
    origin = server.origin;
    return { settings: { 'roundup.feeds': [`${origin}/posts.xml`] } };
  });

  after(async () => {
    await server?.close();
  });

  it('marks the feed already followed, adds several at once, and skips the followed one', async () => {
    const vscode = session();
    const row = (text: string) => vscode.page.locator('.sidebar .monaco-list-row', { hasText: text });
    await vscode.showRoundup();
    await vscode.waitForVisible(row('posts news'), 'the followed feed');
    await vscode.startCommand('Roundup: Add feed');
    const input = vscode.quickInputBox;
    await vscode.waitForVisible(vscode.page.locator('.quick-input-widget', { hasText: 'The address of an RSS, Atom or JSON feed' }), 'the Add feed prompt');
    await input.fill(`${origin}/blog.html`);
    await vscode.page.keyboard.press('Enter');
    const pickRow = (text: string | RegExp) => vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: text });
    await vscode.waitForVisible(pickRow('Feed podcast'), 'the feeds of the page');
    await vscode.waitForVisible(pickRow(/Feed posts.*already followed/), 'the followed feed marked');
    await vscode.screenshot('add-feed-discovery');
    // A click on a row checks it in a multi-select list (a click is given again only while its row is unchecked).
    const checked = (text: string) => pickRow(text).locator('.monaco-custom-toggle.checked, input[type=checkbox]:checked');
    await vscode.click(pickRow('Feed comments'), async () => (await checked('Feed comments').count()) > 0, 'the comments feed checked');
    await vscode.click(pickRow('Feed podcast'), async () => (await checked('Feed podcast').count()) > 0, 'the podcast feed checked');
    await vscode.waitForVisible(vscode.page.locator('.quick-input-widget', { hasText: '2 Selected' }), 'two feeds checked');
    await vscode.screenshot('add-feed-discovery-checked');
    await vscode.page.keyboard.press('Enter');
    // Where they go: the first choice, the user settings.
    const scope = pickRow('User settings');
    await vscode.waitForVisible(scope, 'the question where the feeds go');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForVisible(row('comments news'), 'the first new feed');
    await vscode.waitForVisible(row('podcast news'), 'the second new feed');
    const feeds = await vscode.page.locator('.sidebar .monaco-list-row[aria-level="1"]').count();
    assert.equal(feeds, 3, 'the followed feed was added twice');
    await vscode.screenshot('add-feed-discovery-added');
  });
});

describe('UI: first minutes, the walkthrough', function () {
  const session = useVSCode();

  it('"Get started with Roundup" has the four steps, each with its command button and image', async () => {
    const vscode = session();
    const page = await vscode.openWalkthrough('Get started with Roundup');
    for (const step of ['Add a feed', 'Open or create a post', 'Insert an entry', 'Fix a front matter problem']) {
      await vscode.waitForVisible(page.getByText(step, { exact: true }), `the step "${step}"`);
    }
    await vscode.waitForVisible(page.getByRole('button', { name: 'Add feed' }), 'the Add feed button of the first step');
    const picture = await vscode.walkthroughImage();
    assert.equal(picture.alt, 'The Roundup sidebar with two feeds and their entries');
    assert.ok(picture.width > 0, 'the picture of the step is broken');
    await vscode.screenshot('walkthrough');
  });
});

/**
 * A published roundup without an author (so a new post's author is asked for), dated `day`: a blog's
 * newest ones after every entry of the feed leave the draft nothing new until another start is chosen.
 */
const roundup = (day: string) =>
  `---\ntitle: Roundup of ${day}\ndate: ${day} 10:00:00 UTC\ntags: blogs\n---\n\n`
  + `**Older news** by Someone\n\n> Quote\n\n... read more at [http://x.example/${day}](http://x.example/${day})\n`;

/** A Hugo-like blog in a new temporary folder: its posts (two roundups) in content/posts. Returns the folder. */
function hugoBlog(): string {
  const blog = mkdtempSync(join(tmpdir(), 'roundup-ui-blog-'));
  mkdirSync(join(blog, 'content', 'posts'), { recursive: true });
  writeFileSync(join(blog, 'README.md'), '# A Hugo blog\n');
  writeFileSync(join(blog, 'content', 'posts', '2016-04-20-roundup.html.md'), roundup('2016-04-20'));
  writeFileSync(join(blog, 'content', 'posts', '2016-06-01-roundup.html.md'), roundup('2016-06-01'));
  return blog;
}

describe('UI: first minutes, a blog whose posts live in content/posts', function () {
  let server: TestServer;
  let origin = '';
  let blog = '';
  const prompt = (text: string) => session().page.locator('.quick-input-widget', { hasText: text });
  const userSettings = () => readFileSync(join(session().run.userDataDir, 'User', 'settings.json'), 'utf8');
  const workspaceSettings = () => readFileSync(join(session().workspace, '.vscode', 'settings.json'), 'utf8');

  /** Runs a command by its palette label, and returns the input box of the question it goes on to ask. */
  async function startCommand(label: string, asks: string): Promise<Locator> {
    await session().startCommand(label);
    await session().waitForVisible(prompt(asks), `${label} to ask "${asks}"`);
    return prompt(asks).locator('.quick-input-box input').first();
  }

  const session = useVSCode(async () => {
    const feed = readFileSync(join(projectRoot(), 'test', 'fixtures', 'workspace', 'feeds', 'planet-rdo.xml'));
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(feed);
    });
    origin = server.origin;
    blog = hugoBlog();
    // The default lookback of 30 days: every entry of the feed (May 2016) is older.
    return { workspace: blog };
  });

  after(async () => {
    await server?.close();
    if (blog) rmSync(blog, { recursive: true, force: true });
  });

  it('Add feed counts the entries as the view shows them, older ones hidden', async () => {
    const vscode = session();
    await vscode.showRoundup();
    const input = await startCommand('Roundup: Add feed', 'The address of an RSS, Atom or JSON feed');
    await input.fill(`${origin}/planet.xml`);
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForVisible(vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: 'User settings' }), 'where the feed goes');
    await vscode.page.keyboard.press('Enter');
    const added = await vscode.waitForNotification('Added Planet RDO', 'the message that the feed was added');
    assert.equal(await added.locator('.notification-list-item-message').textContent(),
      'Added Planet RDO (no entries from the last 30 days, 3 older hidden).');
    const row = (text: string) => vscode.page.locator('.sidebar .monaco-list-row', { hasText: text });
    await vscode.waitForVisible(row('3 older entries hidden'), 'the row that counts the hidden entries, as the message did');
    await vscode.screenshot('add-feed-counted');
    await vscode.runCommand('Notifications: Clear All Notifications');
  });

  it('New roundup post goes into content/posts, asks the author once, and saves both choices on request', async () => {
    const vscode = session();
    const title = await startCommand('Roundup: New roundup post', 'The title of the post');
    await title.fill('Roundup of the week');
    await vscode.page.keyboard.press('Enter');
    const author = prompt('Your name as the post\'s author').locator('.quick-input-box input').first();
    await vscode.waitForVisible(author, 'the question for the author (no post names one)');
    await author.fill('Ada Lovelace');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForEditorText('author: Ada Lovelace');
    const tab = await vscode.page.locator('.tabs-container .tab.active').first().getAttribute('aria-label');
    assert.match(tab ?? '', /roundup-of-the-week\.html\.md/);
    const folder = await vscode.waitForNotification('New post in content/posts/', 'the message where the post went');
    assert.match(await folder.textContent() ?? '', /the folder that holds the most posts \(2\)/);
    const askAuthor = 'Use "Ada Lovelace" as the author of every new post?';
    await vscode.waitForNotification(askAuthor, 'the offer to save the author');
    await vscode.screenshot('new-post-folder-and-author');
    const folderSaved = async () => {
      try {
        return JSON.parse(workspaceSettings())['roundup.postsFolder'] === 'content/posts';
      } catch {
        return false;
      }
    };
    await vscode.clickNotificationButton('New post in content/posts/', 'Always use this folder', folderSaved, 'roundup.postsFolder to be saved in the workspace settings');
    const authorSaved = async () => JSON.parse(userSettings())['roundup.author'] === 'Ada Lovelace';
    await vscode.clickNotificationButton(askAuthor, 'Save as roundup.author', authorSaved, 'roundup.author to be saved in the user settings');
  });

  it('Draft from new entries names the post and date it started from, and drafts from a chosen start date', async () => {
    const vscode = session();
    await vscode.runCommand('Roundup: Draft from new entries');
    // Not the empty, unpublished post just made: the newest published roundup sets the start.
    const noneNew = 'No new entries since the last roundup, 2016-06-01-roundup.html.md (dated 2016-06-01 10:00 UTC).';
    await vscode.waitForNotification(noneNew, 'the message that names the start');
    await vscode.screenshot('draft-no-new-entries');
    await vscode.clickNotificationButton(noneNew, 'Choose a start date…', () => prompt('Entries published on this day').first().isVisible(), 'the question for a start date');
    // (The prompt's text gives way to the validation message: the input box by itself from here.)
    const day = vscode.page.locator('.quick-input-widget .quick-input-box input').first();
    await day.fill('May 5');
    await vscode.waitForVisible(prompt('A day as YYYY-MM-DD'), 'a day in another form refused');
    await day.fill('2016-05-05');
    await vscode.page.keyboard.press('Enter');
    const title = prompt('The title of the post').locator('.quick-input-box input').first();
    await vscode.waitForVisible(title, 'the title of the draft asked for');
    // Headed by the command that asks, not "New roundup post".
    const heading = vscode.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Draft from new entries' });
    await vscode.waitForVisible(heading, 'the title\'s question headed "Draft from new entries"');
    await title.fill('Drafted from May 5');
    await vscode.page.keyboard.press('Enter');
    const text = await vscode.waitForEditorText('**Running Keystone Unit Tests against older Versions of RDO Etc**');
    assert.ok(!text.includes('**Deploying the new OpenStack EC2 API project**'), `an entry from before May 5:\n${text}`);
    assert.match(text, /author: Ada Lovelace/, 'the saved author');
    // The saved folder: no more word about where the post went.
    assert.equal(await vscode.notification('New post in content/posts/').count(), 0);
    assert.ok(existsSync(join(vscode.workspace, 'content', 'posts')), 'the posts folder');
    assert.ok(readdirSync(join(vscode.workspace, 'content', 'posts')).some((n) => n.endsWith('drafted-from-may-5.html.md')));
    // The draft says where it started, and drafts again from another day in place of itself.
    const drafted = 'Drafted 2 entries since 2016-05-05 00:00 UTC.';
    await vscode.waitForNotification(drafted, 'the message that names the start of the draft');
    await vscode.screenshot('draft-from-chosen-start');
    await vscode.clickNotificationButton(drafted, 'Choose a start date…', () => prompt('Entries published on this day').first().isVisible(), 'the question for another start date');
    await day.fill('2016-05-06');
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForNotification('Drafted 1 entry since 2016-05-06 00:00 UTC.', 'the message of the draft made again');
    // Without the entry of May 5, in the same editor.
    await vscode.waitForEditorText((t) => t.includes('**Containers and the CERN cloud**') && !t.includes('**Running Keystone'));
    assert.equal(readdirSync(join(vscode.workspace, 'content', 'posts')).filter((n) => n.includes('drafted-from-may-5')).length, 1,
      'the draft made again in place, not in another post');
  });

  it('Fix all says how many it fixed and how many remain, and shows the Problems on request', async () => {
    const vscode = session();
    writeFileSync(join(vscode.workspace, 'content', 'posts', '2016-06-02-tabs.html.md'),
      '---\ntitle: Tabs\n\tauthor: me\ndate: someday\ntags:\n\t- a\n---\n\nBody.\n');
    await vscode.openFile('content/posts/2016-06-02-tabs.html.md');
    await vscode.runCommand('Roundup: Fix all problems');
    // Two tabs (each an error of its own, both shown), and a date with no automatic fix.
    const fixedMessage = 'Fixed 2 problems; 1 remains (no automatic fix).';
    await vscode.waitForNotification(fixedMessage, 'the message that counts the fixes');
    await vscode.waitForEditorText('\nauthor: me\ndate: someday\ntags:\n  - a\n');
    await vscode.screenshot('fix-all-counted');
    const left = vscode.page.locator('.markers-panel .monaco-list-row', { hasText: '"someday" is not a date' });
    await vscode.clickNotificationButton(fixedMessage, 'Show Problems', () => left.first().isVisible(), 'the Problems view with the problem left');
    assert.equal(await vscode.page.locator('.markers-panel .monaco-list-row', { hasText: 'Tab used for indentation' }).count(), 0);
    await vscode.screenshot('fix-all-show-problems');
  });
});

describe('UI: first minutes, passing by the offer of the posts folder', function () {
  const blog = hugoBlog();
  const session = useVSCode({ workspace: blog, settings: { 'roundup.author': 'Ada Lovelace' } });

  after(() => rmSync(blog, { recursive: true, force: true }));

  /** New roundup post titled `title`, and waits for its editor. */
  async function newPost(title: string): Promise<void> {
    const vscode = session();
    await vscode.startCommand('Roundup: New roundup post');
    const input = vscode.page.locator('.quick-input-widget', { hasText: 'The title of the post' }).locator('.quick-input-box input').first();
    await vscode.waitForVisible(input, 'the question for the title');
    await input.fill(title);
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForEditorText(`title: ${title}`);
  }

  it('"Always use this folder" is offered once: a user who passed it by is not asked again on the next post', async () => {
    const vscode = session();
    const offer = 'New post in content/posts/';
    await vscode.showRoundup();
    await newPost('First of the week');
    await vscode.waitForNotification(offer, 'the offer to always use the folder');
    // Passed by: the user closes it without an answer.
    await vscode.runCommand('Notifications: Clear All Notifications');
    await vscode.waitForHidden(vscode.notification(offer), 'the offer to close');
    await newPost('Second of the week');
    // Fix all speaks after the post is made: the offer, had it come again, would show before its message.
    await vscode.runCommand('Roundup: Fix all problems');
    await vscode.waitForNotification('Roundup found nothing to fix automatically in this post.', 'the message of Fix all');
    assert.equal(await vscode.notification(offer).count(), 0, 'the offer of the folder came again');
    assert.equal(readdirSync(join(vscode.workspace, 'content', 'posts')).filter((n) => n.includes('-of-the-week')).length, 2, 'the two new posts');
  });
});
