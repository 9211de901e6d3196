// Authoring past the first paragraph, as a user sees it: an entry an earlier roundup featured, an entry
// read beside the post and a passage of it quoted, a sectioned draft that leaves out what was featured
// (until asked), the blog's front matter schema shown, and an entry the feed gives only a summary of
// opened in the browser.
import * as assert from 'node:assert/strict';
import { useVSCode } from '../harness/ui';
import { startServer, type TestServer } from '../support/localServer';

const FRONT = (title: string, date: string) => ['---', `title: ${title}`, 'author: rbowen', `date: ${date} 10:00:00 UTC`, '---', ''];

// An earlier roundup of the blog: it features the Packstack entry of the feed.
const EARLIER = [
  ...FRONT('RDO blogs of early May', '2016-05-10'),
  '**RDO & Packstack on a laptop** by Rich Bowen',
  '',
  '> Packstack installs RDO on one machine',
  '',
  '... read more at [https://rdo.example/packstack](https://rdo.example/packstack)',
  '',
].join('\n');

const NEW = [...FRONT('RDO blogs of late May', '2016-05-31'), 'What RDO people wrote this month.', ''].join('\n');

describe('UI: authoring a roundup', function () {
  const session = useVSCode({
    settings: {
      'roundup.feeds': ['feeds/insert-entries.xml', 'feeds/read-entries.xml'],
      'roundup.lookbackDays': 36500,
      'roundup.posts': ['posts/*.md'],
      'roundup.authors': { rbowen: 'Rich Bowen' },
      'roundup.sections': [{ heading: 'From Stack Notes', feeds: ['Stack Notes'] }],
    },
    files: { 'posts/2016-05-10-early-may.md': EARLIER, 'posts/2016-05-31-late-may.md': NEW },
  });
  const row = (text: string | RegExp) => session().page.locator('.sidebar .monaco-list-row', { hasText: text });

  it('an entry an earlier roundup featured is marked on its row, and its tooltip names that roundup', async () => {
    const vscode = session();
    await vscode.openFile('posts/2016-05-31-late-may.md');
    await vscode.cursorAt(NEW.split('\n').length);
    await vscode.showRoundup();
    const featured = row(/RDO & Packstack on a laptop.*featured 2016-05-10/);
    await vscode.waitForVisible(featured, 'the Packstack row marked as featured on 2016-05-10');
    const tooltip = vscode.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Featured in RDO blogs of early May, 2016-05-10' });
    await vscode.hover(featured, () => tooltip.first().isVisible(), 'the tooltip of the featured row');
    await vscode.screenshot('featured-row-tooltip');
  });

  it('Read entry opens the entry beside the post; a passage selected there goes in as the quote', async () => {
    const vscode = session();
    const entry = row('TripleO upgrades, the “hard” way');
    await vscode.waitForVisible(entry, 'the TripleO entry in the sidebar');
    await entry.first().hover();
    const read = entry.first().locator('.action-label[aria-label="Read entry"]');
    const document = vscode.page.locator('.editor-group-container .monaco-editor .view-lines', { hasText: 'Upgrading a cloud in place is hard.' });
    await vscode.act('Read entry to open the entry', async () => {
      await entry.first().hover();
      await read.click();
    }, () => document.first().isVisible());
    await vscode.waitForVisible(vscode.page.locator('.editor-group-container .monaco-editor .view-lines', { hasText: '## What we ran' }),
      'the entry as markdown, its heading kept');
    await vscode.screenshot('read-entry-beside-post');

    // Select the line "Always test the rollback." and insert it as the quote.
    const line = vscode.page.locator('.editor-group-container.active .view-line', { hasText: 'Always test the rollback.' }).first();
    await vscode.act('the passage selected', async () => {
      await line.click({ clickCount: 3 });
    }, async () => (await vscode.page.locator('.editor-group-container.active .selected-text').count()) > 0);
    await vscode.runCommand('Roundup: Insert as quote');
    // Into the post, in its own group (the entry's group keeps the focus).
    const post = vscode.page.locator('.editor-group-container', { hasText: 'What RDO people wrote this month.' }).first();
    // (Monaco renders spaces as no-break spaces: \s matches both.)
    const inserted = post.locator('.view-lines', { hasText: /by\sMaria\sLopez.*>\sAlways\stest\sthe\srollback\./ });
    await vscode.waitForVisible(inserted, 'the TripleO block with the passage as its quote, in the post');
    assert.equal(await vscode.page.locator('.editor-group-container', { hasText: 'Upgrading a cloud in place is hard.' }).count(), 1,
      'the entry document is left as it was');
    await vscode.screenshot('insert-as-quote');
  });

  it('the book button of an entry in "Insert roundup entry" opens it beside the post, the list staying open', async () => {
    const vscode = session();
    await vscode.openFile('posts/2016-05-31-late-may.md');
    await vscode.startCommand('Roundup: Insert roundup entry');
    const item = vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: 'An excerpt-only entry' }).first();
    await vscode.waitForVisible(item, 'the excerpt-only entry in the list');
    const tab = vscode.page.locator('.tabs-container .tab', { hasText: 'An excerpt-only entry' });
    await vscode.act('the book button to open the entry', async () => {
      await item.hover();
      await item.locator('.action-label[aria-label="Read entry"]').click();
    }, async () => (await tab.count()) > 0);
    assert.ok(await item.isVisible(), 'the list stays open');
    await vscode.screenshot('read-entry-from-pick');
    await vscode.page.keyboard.press('Escape');
    await vscode.waitForHidden('.quick-input-widget', 'the list to close');
  });

  it('a draft from a chosen date is sectioned and leaves out the entry a roundup featured, until "Include them"', async () => {
    const vscode = session();
    // The command goes on to ask the title in a quick input of its own: the palette may give way to it
    // between two looks, so nothing waits for the palette to close (stress, 1.139.1).
    await vscode.startCommand('Roundup: Draft from new entries');
    const title = vscode.page.locator('.quick-input-widget', { hasText: 'The title of the post' }).locator('.quick-input-box input').first();
    await vscode.waitForVisible(title, 'the title of the draft asked for');
    await title.fill('Late May draft');
    await vscode.page.keyboard.press('Enter');
    // The newest roundup (May 10) features the Packstack entry, but sets the start after it.
    const first = 'Drafted 1 entry since the last roundup, 2016-05-10-early-may.md (dated 2016-05-10 10:00 UTC).';
    await vscode.waitForNotification(first, 'the message naming the roundup the draft started from');

    // From May 1, in place of the untouched draft: the May entries but the featured one.
    await vscode.clickNotificationButton(first, 'Choose a start date…', () => vscode.quickInputBox.isVisible(), 'the question for a start date');
    await vscode.quickInputBox.fill('2016-05-01');
    await vscode.page.keyboard.press('Enter');
    const leftOut = 'Drafted 5 entries since 2016-05-01 00:00 UTC (1 entry left out: featured in 1 post).';
    await vscode.waitForNotification(leftOut, 'the message saying the featured entry was left out');
    const draft = vscode.page.locator('.editor-group-container.active .view-lines');
    await vscode.waitForVisible(draft.filter({ hasText: /##\sFrom\sStack\sNotes/ }), 'the Stack Notes section in the draft');

    // (The draft is longer than the editor shows: the messages say what it holds.)
    const every = vscode.notification('Drafted 6 entries since 2016-05-01 00:00 UTC.');
    await vscode.clickNotificationButton(leftOut, 'Include them', () => every.first().isVisible(), 'the draft again, with every entry');
    assert.equal(await vscode.page.locator('.tabs-container .tab', { hasText: 'late-may-draft' }).count(), 1, 'one draft, made again in place');
    await vscode.screenshot('sectioned-draft');
  });

  it('Show front matter schema lists every key with its type, its posts and where it comes from', async () => {
    const vscode = session();
    await vscode.runCommand('Roundup: Show front matter schema');
    await vscode.waitForEditorText((t) => t.includes('title') && t.includes('author') && t.includes('date'));
    await vscode.waitForNotification(/schema/i, 'the message that offers to save the schema');
    await vscode.screenshot('front-matter-schema');
  });
});

describe('UI: an entry the feed gives only a summary of', function () {
  let server: TestServer | undefined;
  // The entry's page is on another site: the browser is asked for it, and the test answers in its
  // place (nothing leaves the machine). code-server would rewrite a 127.0.0.1 link into its own proxy.
  const LINK = 'https://short-notes.example/2016/05/summary-only/';
  const feed = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel><title>Short Notes</title><link>https://short-notes.example/</link>',
    `<item><title>A summary-only entry</title><link>${LINK}</link>`,
    '<pubDate>Mon, 16 May 2016 09:00:00 +0000</pubDate><author>ada@example.org (Ada Lovelace)</author>',
    '<description>Only the start of the entry reaches the feed [&#8230;]</description></item>',
    '</channel></rss>',
  ].join('\n');
  const session = useVSCode(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(feed);
    });
    return { settings: { 'roundup.feeds': [`${server.origin}/feed.xml`], 'roundup.lookbackDays': 36500 } };
  });

  after(() => server?.close());

  it('Read entry says the feed gives only a summary, and "Open in browser" opens the entry\'s page', async () => {
    const vscode = session();
    const asked: string[] = [];
    await vscode.browser.context.route(LINK, async (route) => {
      asked.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>A summary-only entry</title><p>The whole entry.</p>' });
    });
    await vscode.showRoundup();
    const entry = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'A summary-only entry' });
    await vscode.waitForVisible(entry, 'the entry in the sidebar');
    const message = 'The feed gives only a summary of "A summary-only entry".';
    await vscode.act('Read entry to open the entry', async () => {
      await entry.first().hover();
      await entry.first().locator('.action-label[aria-label="Read entry"]').click();
    }, () => vscode.notification(message).isVisible());
    await vscode.waitForEditorText('The feed gives only a summary of this entry');
    await vscode.screenshot('read-entry-summary-only');
    // VS Code asks before it opens a site it does not trust yet, naming the entry's address.
    const ask = vscode.page.locator('.monaco-dialog-box', { hasText: LINK });
    await vscode.clickNotificationButton(message, 'Open in browser', () => ask.isVisible(), 'VS Code to ask before opening the entry\'s page');
    await vscode.click(ask.locator('.monaco-button', { hasText: /^Open$/ }), async () => asked.includes(LINK), 'the browser to open the entry\'s page');
  });
});
