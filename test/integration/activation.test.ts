// Activation loads the linter and the sidebar's cache, never the feed engine (fetch, parsers): that
// bundle (dist/feedEngine.js) is required on the first refresh. Runs first (files sort by name),
// before any test refreshes a feed.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { every, until } from './helpers';

const EXTENSION_ID = 'roundup.roundup';

function loadedFromExtension(root: string): string[] {
  return Object.keys(require.cache).filter((file) => file.startsWith(root + path.sep)).map((file) => path.relative(root, file));
}

describe('activation loads no feed code', function () {
  // The post opened here would mark entries "in this post" in the sidebar tests that follow.
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('after activation, the module list of the extension holds extension.js and not feedEngine.js', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace folder is not open');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'roundup-post.md')));
    // VS Code has no event for an extension's activation.
    await until(() => extension.isActive, { on: [every(50)], message: `${EXTENSION_ID} to activate (onLanguage:markdown)` });
    const modules = loadedFromExtension(extension.extensionPath);
    assert.ok(modules.includes(path.join('dist', 'extension.js')), `modules loaded: ${modules.join(', ')}`);
    assert.ok(!modules.some((m) => /feedEngine|rss-parser|xml2js|sax/.test(m)), `feed code loaded at activation: ${modules.join(', ')}`);
  });

  it('the feed engine is its own file, loaded on first use (here: an OPML import of an empty list)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(existsSync(path.join(extension.extensionPath, 'dist', 'feedEngine.js')), 'dist/feedEngine.js is missing');
    const dir = mkdtempSync(path.join(tmpdir(), 'roundup-opml-'));
    try {
      const opml = path.join(dir, 'empty.opml');
      writeFileSync(opml, '<?xml version="1.0"?><opml version="2.0"><head><title>none</title></head><body></body></opml>');
      await vscode.commands.executeCommand('roundup.importOpml', vscode.Uri.file(opml), 'workspace');
      const modules = loadedFromExtension(extension.extensionPath);
      assert.ok(modules.includes(path.join('dist', 'feedEngine.js')), `modules loaded: ${modules.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
