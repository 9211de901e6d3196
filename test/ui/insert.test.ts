import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useVSCode, WALKTHROUGH_CLIP } from '../harness/ui';

const POST = [
  '---',
  'title: RDO blogs over the last few weeks',
  'author: rbowen',
  'date: 2016-05-17 17:18:56 UTC',
  '---',
  '',
  'Here is what RDO enthusiasts have been blogging about since OpenStack Summit.',
  '',
].join('\n');

const PACKSTACK = '**RDO & Packstack on a laptop** by Rich Bowen';
const NOTES = '**Notes without an author**';
const CERN = '**Containers and the CERN cloud** by Ricardo Rocha';

describe('UI: inserting entries into a post', function () {
  const session = useVSCode({
    settings: { 'roundup.feeds': ['feeds/insert-entries.xml'], 'roundup.authors': { rbowen: 'Rich Bowen' } },
    files: {
      'ui-click.md': POST,
      'ui-pick.md': POST,
      // A window a user would choose for these May 2016 entries: the walkthrough's picture shows its words.
      '.vscode/settings.json': '{ "roundup.window": "2016-05-01" }\n',
    },
  });

  const quickInput = () => session().page.locator('.quick-input-widget');
  const pickRow = (text: string) => quickInput().locator('.quick-input-list .monaco-list-row', { hasText: text });

  /** Opens a post (one of the `files` above) with the cursor at its end. */
  async function openPost(name: string): Promise<void> {
    await session().openFile(name);
    await session().cursorAt(POST.split('\n').length);
  }

  it('a click on a sidebar entry puts its block into the post at the cursor', async () => {
    const vscode = session();
    await openPost('ui-click.md');
    await vscode.showRoundup();
    await vscode.waitForVisible(vscode.page.locator('.sidebar .monaco-list-row', { hasText: /RDO blogs\s*4 entries/ }), 'the feed to be read');
    await vscode.waitForHidden('.sidebar .monaco-progress-container.active', 'the refresh to end');
    const entry = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'RDO & Packstack on a laptop' });
    await vscode.waitForVisible(entry, 'the entry in the sidebar');
    await vscode.click(entry, async () => (await vscode.editorText()).includes(PACKSTACK), 'the click on the entry to insert its block');
    const text = await vscode.waitForEditorText(PACKSTACK);
    assert.ok(text.includes(`since OpenStack Summit.\n\n${PACKSTACK}\n\n> Packstack installs RDO on one machine\n> in one command – even a laptop.\n\n... read more at [https://rdo.example/packstack](https://rdo.example/packstack)`), text);
    // The entry is now marked as in the post.
    await vscode.waitForVisible(vscode.page.locator('.sidebar .monaco-list-row', { hasText: /RDO & Packstack on a laptop.*in this post/ }), 'the entry marked as in this post');
    await vscode.screenshot('insert-click-sidebar');
    await vscode.screenshot('walkthrough-open-post', { clip: WALKTHROUGH_CLIP });
    await vscode.page.keyboard.press('Control+S');
  });

  it('"Insert roundup entry" from the palette, by keyboard: search, check two entries, Enter inserts both oldest first', async () => {
    const vscode = session();
    await openPost('ui-pick.md');
    await vscode.startCommand('Roundup: Insert roundup entry');
    await vscode.waitForVisible(quickInput().locator('.quick-input-title', { hasText: 'Insert roundup entries' }), 'the entries to pick from');
    await vscode.waitForVisible(pickRow('Notes without an author'), 'the newest entry');
    await vscode.screenshot('insert-pick-open');

    // The search looks at authors too (the description): "ricardo" leaves the CERN entry only.
    const rows = quickInput().locator('.quick-input-list .monaco-list-row');
    await vscode.page.keyboard.type('ricardo');
    await vscode.waitFor(async () => (await rows.count()) === 1 && (await pickRow('Containers and the CERN cloud').count()) === 1, 'the search by author to leave the CERN entry');
    await vscode.screenshot('insert-pick-search');
    await vscode.page.keyboard.press('Control+A');
    await vscode.page.keyboard.press('Backspace');
    await vscode.waitFor(async () => (await rows.count()) === 4, 'every entry back');

    // Newest first: Notes, CERN, Packstack, EC2. Into the list, check Notes with Space; down to
    // CERN, check it too.
    const selected = (n: number) => vscode.waitForVisible(quickInput().locator('.quick-input-count', { hasText: `${n} Selected` }), `${n} entries checked`);
    await vscode.page.keyboard.press('ArrowDown');
    await vscode.page.keyboard.press('Tab');
    await vscode.page.keyboard.press('Space');
    await selected(1);
    await vscode.page.keyboard.press('ArrowDown');
    await vscode.page.keyboard.press('Space');
    await selected(2);
    await vscode.screenshot('insert-pick-checked');
    await vscode.screenshot('walkthrough-insert', { clip: { ...WALKTHROUGH_CLIP, x: 340 } }); // the quick pick
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForHidden('.quick-input-widget', 'the pick to close');
    const text = await vscode.waitForEditorText((t) => t.includes(CERN) && t.includes(NOTES));
    assert.ok(text.indexOf(CERN) < text.indexOf(NOTES), 'oldest first');
    assert.ok(!text.includes(PACKSTACK), 'only the two checked entries');
    await vscode.screenshot('insert-pick-inserted');
    await vscode.page.keyboard.press('Control+S');
    await vscode.waitFor(() => readFileSync(join(vscode.workspace, 'ui-pick.md'), 'utf8').includes(NOTES), 'the post to be saved');
  });

  it('the list marks the entries the post already holds', async () => {
    const vscode = session();
    // ui-pick.md (active) now holds the CERN and Notes entries: the sidebar marks them too.
    for (const title of ['Containers and the CERN cloud', 'Notes without an author']) {
      await vscode.waitForVisible(vscode.page.locator('.sidebar .monaco-list-row', { hasText: new RegExp(`${title}.*in this post`) }), `"${title}" marked in the sidebar`);
    }
    const title = quickInput().locator('.quick-input-title', { hasText: 'Insert roundup entries' });
    await vscode.press('Control+Alt+R', () => title.first().isVisible(), 'the entries, opened with Ctrl+Alt+R');
    for (const title of ['Containers and the CERN cloud', 'Notes without an author']) {
      await vscode.waitForVisible(pickRow(title).locator('.monaco-icon-label .codicon-check'), `the check mark on "${title}"`);
      assert.match((await pickRow(title).first().textContent()) ?? '', /in this post/);
    }
    for (const title of ['RDO & Packstack on a laptop', 'Deploying the new OpenStack EC2 API project']) {
      assert.equal(await pickRow(title).locator('.monaco-icon-label .codicon-check').count(), 0, `no mark on "${title}"`);
    }
    await vscode.screenshot('insert-pick-marks');
    await vscode.page.keyboard.press('Escape');
    await vscode.waitForHidden('.quick-input-widget', 'the list to close');
  });

  it('with no post open, a click offers a new post, and the entry lands in it', async () => {
    const vscode = session();
    await vscode.runCommand('View: Close All Editors');
    await vscode.waitForHidden('.editor-group-container .tabs-container .tab', 'every editor to close');
    // With the posts closed the sidebar marks nothing (and is drawn anew).
    await vscode.waitFor(async () => (await vscode.page.locator('.sidebar .monaco-list-row', { hasText: /in this post/ }).count()) === 0, 'the marks to go with the posts');
    const entry = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'Deploying the new OpenStack EC2 API project' });
    const noPost = 'Open a markdown post to insert entries into';
    await vscode.click(entry, () => vscode.notification(noPost).isVisible(), 'the message that no post is open');
    await vscode.screenshot('insert-no-post');
    const input = quickInput().locator('.quick-input-box input');
    await vscode.clickNotificationButton(noPost, 'New roundup post', () => input.first().isVisible(), 'the title of the new post asked for');
    assert.match(await input.inputValue(), /^Blog roundup, [A-Z][a-z]+ \d{1,2}, \d{4}$/, 'a dated title is offered');
    await input.fill('EC2 & friends: week 20');
    await vscode.page.keyboard.press('Enter');
    const text = await vscode.waitForEditorText('**Deploying the new OpenStack EC2 API project** by Tim Bell');
    assert.match(text, /^---\ntitle: 'EC2 & friends: week 20'\nauthor: rbowen\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\ntags: blogs\ncomments: true\npublished: false\n---\n\n\*\*Deploying/);
    const tab = await vscode.page.locator('.tabs-container .tab.active').first().getAttribute('aria-label');
    assert.match(tab ?? '', /\d{4}-\d\d-\d\d-ec2-friends-week-20\.html\.md/);
    await vscode.screenshot('insert-new-post');
  });
});
