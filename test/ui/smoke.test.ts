import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openVSCode, type VSCodeSession } from '../harness/ui';

describe('UI smoke: VS Code with Roundup, in a browser', function () {
  let vscode: VSCodeSession;

  before(async function () {
    this.timeout(180_000); // a cold install of code-server may happen here
    vscode = await openVSCode();
  });

  after(async () => {
    await vscode?.close();
  });

  it('opens the model post with Ctrl+P and shows its front matter', async () => {
    await vscode.openFile('roundup-post.md');
    const text = await vscode.waitForEditorText('title: RDO blogs over the last few weeks');
    assert.match(text, /^---\ntitle: RDO blogs over the last few weeks\nauthor: rbowen\n/);
    // A line the editor wraps on screen comes back whole.
    assert.ok(
      text.includes("\nI've been traveling a lot over the last few weeks, and have fallen behind on the blog post updates. Here's what"),
      `wrapped line not joined:\n${text.split('\n').slice(8, 12).join('\n')}`,
    );
    const shot = await vscode.screenshot('smoke-post-open');
    assert.ok(existsSync(shot), `no screenshot at ${shot}`);
  });
});
