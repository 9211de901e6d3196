// The first ten minutes of a new user (issue 10), in the real workbench: what the sidebar shows
// while it loads, and the rows, descriptions and dialogs of the flows a newcomer goes through.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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
    await vscode.waitForVisible(vscode.page.locator('.sidebar .monaco-list-row', { hasText: /Packstack on a laptop.*in this post/ }), 'the entry marked');
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
