import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { every, until } from './helpers';

const EXTENSION_ID = 'roundup.roundup';

describe('smoke: the extension in a real VS Code', () => {
  it('is installed as roundup.roundup', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const ours = vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id);
    assert.ok(extension, `${EXTENSION_ID} is not loaded; non-builtin extensions: ${ours.join(', ') || 'none'}`);
    assert.equal(extension.packageJSON.name, 'roundup');
  });

  it('activates when a markdown document is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace folder is not open');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'roundup-post.md'));
    assert.equal(document.languageId, 'markdown');
    await vscode.window.showTextDocument(document);
    // VS Code has no event for an extension's activation.
    await until(() => extension.isActive, { on: [every(50)], message: `${EXTENSION_ID} to activate after opening a markdown post` });
    assert.match(document.getText(), /^---\ntitle: RDO blogs/);
  });
});
