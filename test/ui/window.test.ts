// Issue 23, point 3, in the real workbench: the sidebar shows the entries since the last roundup and
// says so; "Change lookback…" offers the windows in a quick pick and the sidebar follows the choice.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useVSCode } from '../harness/ui';

describe('UI: the window since the last roundup', function () {
  const session = useVSCode({
    settings: { 'roundup.feeds': ['feeds/insert-entries.xml'], 'roundup.lookbackDays': 36500 },
    // The fixture workspace looks back by days; here the default, since the last roundup (2016-05-17).
    files: { '.vscode/settings.json': '{}\n' },
  });

  const row = (text: string) => session().page.locator('.sidebar .monaco-list-row', { hasText: text });
  const choice = (text: string) => session().page.locator('.quick-input-widget .monaco-list-row', { hasText: text });

  it('says the window in words, and Change lookback… offers the choices, the current one marked', async () => {
    const vscode = session();
    await vscode.showRoundup();
    await vscode.waitForVisible(row('No entries since the last roundup'), 'the row that says the window hides every entry');
    await vscode.waitForVisible(row('now since the last roundup, 2016-05-17'), 'the Change lookback row naming the roundup');
    await vscode.screenshot('sidebar-window-since-last-roundup');
    await vscode.click(row('Change lookback…'), () => choice('Last 90 days').first().isVisible(), 'the choices to show');
    await vscode.waitForVisible(choice('Since the last roundup (2016-05-17'), 'the choice since the last roundup');
    assert.equal(await choice('current').count(), 1, 'one choice is marked current');
    await vscode.screenshot('change-lookback-pick');
  });

  it('a date typed is saved to the workspace settings, and the sidebar shows the entries since then', async () => {
    const vscode = session();
    await vscode.click(choice('Since a date…'), () => vscode.page.locator('.quick-input-widget', { hasText: 'Entries published on this day' }).first().isVisible(), 'the box that asks for a day');
    const input = vscode.page.locator('.quick-input-widget .quick-input-box input').first();
    await input.fill('2099-01-01');
    await vscode.waitForVisible(vscode.page.locator('.quick-input-widget', { hasText: 'A day not in the future' }), 'a future day refused');
    await vscode.screenshot('change-lookback-future-day');
    await input.fill('2016-05-08');
    await vscode.press('Enter', () => row('Containers and the CERN cloud').first().isVisible(), 'the entries since 2016-05-08 to show');
    await vscode.waitForVisible(row('Notes without an author'), 'the newest entry');
    assert.equal(await row('RDO & Packstack on a laptop').count(), 0, 'an entry of May 5 stays hidden');
    const saved = readFileSync(join(vscode.workspace, '.vscode', 'settings.json'), 'utf8');
    assert.match(saved, /"roundup\.window": "2016-05-08"/);
    await vscode.screenshot('sidebar-window-since-a-date');
  });
});
