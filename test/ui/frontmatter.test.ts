import * as assert from 'node:assert/strict';
import { openVSCode, WALKTHROUGH_CLIP, type VSCodeSession } from '../harness/ui';

const POST = '2016-04-26-openstack-summit-austin-day-1.html.md';

describe('UI: front matter diagnostics and quick fixes', function () {
  let vscode: VSCodeSession;

  before(async function () {
    this.timeout(180_000);
    vscode = await openVSCode();
  });

  after(async () => {
    await vscode?.close();
  });

  it('shows a squiggle under the stray colon and the problem, with its rule id, in the Problems panel', async () => {
    await vscode.openFile(POST);
    await vscode.waitForEditorText('title: OpenStack Summit Austin: Day 1');
    await vscode.waitForVisible('.editor-group-container.active .monaco-editor .squiggly-error', 'a red squiggle in the editor');
    await vscode.page.keyboard.press('Control+Shift+M');
    const row = vscode.page.locator('.markers-panel .monaco-list-row', { hasText: 'fm-yaml-syntax' });
    await vscode.waitForVisible(row, 'the fm-yaml-syntax problem in the Problems panel');
    const text = (await row.first().textContent()) ?? '';
    assert.match(text, /A value that contains ": " must be quoted/);
    assert.match(text, /roundup\(fm-yaml-syntax\)|fm-yaml-syntax/);
    assert.match(text, /\[Ln 2, Col 8\]/);
    await vscode.screenshot('frontmatter-problems');
  });

  it('fixes it with Ctrl+. and the editor shows the quoted title', async () => {
    // Back in the editor, on the squiggle (line 2, column 8).
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await vscode.page.keyboard.press('Control+Home');
    await vscode.page.keyboard.press('ArrowDown');
    for (let i = 0; i < 8; i++) await vscode.page.keyboard.press('ArrowRight');
    await vscode.page.keyboard.press('Control+.');
    const fix = vscode.page.locator('.action-widget .monaco-list-row', { hasText: 'Quote the value' });
    await vscode.waitForVisible(fix, 'the "Quote the value" quick fix in the menu');
    await vscode.screenshot('frontmatter-quick-fix');
    await vscode.screenshot('walkthrough-fix', { clip: WALKTHROUGH_CLIP });
    // The preferred fix comes first and has the focus: Enter applies it.
    await vscode.waitForVisible(vscode.page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Quote the value' }), 'the quick fix to have the focus');
    await vscode.page.keyboard.press('Enter');
    const fixed = await vscode.waitForEditorText('title: "OpenStack Summit Austin: Day 1"');
    assert.match(fixed, /^---\ntitle: "OpenStack Summit Austin: Day 1"\nauthor: Gordon Tillmore\n/);
    await vscode.waitFor(async () => (await vscode.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').count()) === 0, 'the squiggle to go away');
  });
});
