import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { useVSCode } from '../harness/ui';

describe('UI smoke: VS Code with Roundup, in a browser', function () {
  const session = useVSCode();

  it('opens the model post with Ctrl+P and shows its front matter', async () => {
    const vscode = session();
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
