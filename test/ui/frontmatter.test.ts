import * as assert from 'node:assert/strict';
import { useVSCode, WALKTHROUGH_CLIP } from '../harness/ui';

const POST = '2016-04-26-openstack-summit-austin-day-1.html.md';

describe('UI: front matter diagnostics and quick fixes', function () {
  const session = useVSCode();

  it('shows a squiggle under the stray colon and the problem, with its rule id, in the Problems panel', async () => {
    const vscode = session();
    await vscode.openFile(POST);
    await vscode.waitForEditorText('title: OpenStack Summit Austin: Day 1');
    await vscode.waitForVisible('.editor-group-container.active .monaco-editor .squiggly-error', 'a red squiggle in the editor');
    const row = await vscode.showProblems('fm-yaml-syntax');
    const text = (await row.textContent()) ?? '';
    assert.match(text, /A value that contains ": " must be quoted/);
    assert.match(text, /roundup\(fm-yaml-syntax\)|fm-yaml-syntax/);
    assert.match(text, /\[Ln 2, Col 8\]/);
    await vscode.screenshot('frontmatter-problems');
  });

  it('fixes it with Ctrl+. and the editor shows the quoted title', async () => {
    const vscode = session();
    // Back in the editor, on the squiggle (line 2, column 8).
    await vscode.cursorAt(2, 9);
    const fix = await vscode.quickFixMenu('Quote the value');
    await vscode.screenshot('frontmatter-quick-fix');
    await vscode.screenshot('walkthrough-fix', { clip: WALKTHROUGH_CLIP });
    // The preferred fix comes first and has the focus: Enter applies it.
    await vscode.waitForVisible(fix.and(vscode.page.locator('.focused')), 'the preferred fix to have the focus');
    await vscode.page.keyboard.press('Enter');
    const fixed = await vscode.waitForEditorText('title: "OpenStack Summit Austin: Day 1"');
    assert.match(fixed, /^---\ntitle: "OpenStack Summit Austin: Day 1"\nauthor: Gordon Tillmore\n/);
    await vscode.waitFor(async () => (await vscode.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').count()) === 0, 'the squiggle to go away');
  });
});
