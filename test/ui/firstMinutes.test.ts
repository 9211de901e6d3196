// The first ten minutes of a new user (issue 10), in the real workbench: what the sidebar shows
// while it loads, and the rows, descriptions and dialogs of the flows a newcomer goes through.
import * as assert from 'node:assert/strict';
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
