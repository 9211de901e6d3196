import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedEntry } from '../../src/core/feeds/types';
import { SIGNATURE, startYourls } from '../unit/links/servers';
import { api, feedsRead, workspaceDir } from './helpers';

const FEED = 'feeds/insert-entries.xml';

async function openPost(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  writeFileSync(file, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
  const end = editor.document.positionAt(text.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

const HEAD = '---\ntitle: Short links\nauthor: rbowen\ndate: 2016-05-17 17:18:56 UTC\n---\n\nIntro.\n';

describe('short links in a real VS Code (a YOURLS-shaped server on 127.0.0.1)', function () {
  const config = () => vscode.workspace.getConfiguration();
  let yourls: Awaited<ReturnType<typeof startYourls>>;
  let cern: FeedEntry;
  let notes: FeedEntry;
  const keys = ['roundup.feeds', 'roundup.lookbackDays', 'roundup.shortener', 'roundup.readMoreShortLink'];

  before(async () => {
    yourls = await startYourls();
    const { feeds } = await api();
    await config().update('roundup.feeds', [FEED], vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', 36500, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.shortener', { url: `${yourls.origin}/yourls-api.php` }, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.readMoreShortLink', true, vscode.ConfigurationTarget.Workspace);
    await feedsRead(4, 'the test feed to be read');
    cern = feeds.store.allEntries().find((e) => e.title === 'Containers and the CERN cloud')!;
    notes = feeds.store.allEntries().find((e) => e.title === 'Notes without an author')!;
    assert.ok(cern && notes);
  });

  after(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty && document.uri.scheme === 'file') await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('roundup.setShortenerSignature', '');
    for (const key of keys) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await yourls.close();
  });

  it('inserting puts the short link on the read-more line; the same entry again gets the same one without asking again', async () => {
    assert.equal(await vscode.commands.executeCommand('roundup.setShortenerSignature', SIGNATURE), true);
    // The signature is in the secret storage, not in any settings file.
    assert.ok(!JSON.stringify(config().inspect('roundup.shortener')).includes(SIGNATURE));
    const editor = await openPost('short-insert.md', HEAD);
    assert.equal(await vscode.commands.executeCommand('roundup.insertEntry', cern), true);
    const short = `${yourls.origin}/1`;
    assert.ok(editor.document.getText().includes(`... read more at [${short}](${short})`), editor.document.getText());
    assert.equal(yourls.requests.length, 1);
    const requested = new URL(yourls.requests[0].slice(4), 'http://x').searchParams;
    assert.equal(requested.get('url'), cern.link);

    await vscode.commands.executeCommand('undo');
    assert.equal(await vscode.commands.executeCommand('roundup.insertEntry', cern), true);
    assert.ok(editor.document.getText().includes(`... read more at [${short}](${short})`));
    assert.equal(yourls.requests.length, 1, 'the local map answered');
  });

  it('a bad signature leaves the long link in (the insert still happens)', async () => {
    await vscode.commands.executeCommand('roundup.setShortenerSignature', 'wrong');
    const editor = await openPost('short-bad.md', HEAD);
    assert.equal(await vscode.commands.executeCommand('roundup.insertEntry', notes), true);
    assert.ok(editor.document.getText().includes(`... read more at [${notes.link}](${notes.link})`), editor.document.getText());
    assert.ok(yourls.requests.some((r) => r.includes('signature=wrong')));
  });

  it('"Shorten links in this post" replaces long entry links, leaving prose links and known short links', async () => {
    await vscode.commands.executeCommand('roundup.setShortenerSignature', SIGNATURE);
    const text = `${HEAD}\nSee [the docs](https://docs.example/x).\n\n**A** by B\n\n... read more at [https://blog.example/long](https://blog.example/long)\n\n* [Notes](${notes.link})\n`;
    const editor = await openPost('short-command.md', text);
    assert.equal(await vscode.commands.executeCommand('roundup.shortenLinks'), 2);
    const out = editor.document.getText();
    assert.ok(out.includes('See [the docs](https://docs.example/x).'));
    assert.match(out, new RegExp(`\\.\\.\\. read more at \\[${yourls.origin}/(\\d+)\\]\\(${yourls.origin}/\\1\\)`));
    assert.match(out, new RegExp(`\\* \\[Notes\\]\\(${yourls.origin}/\\d+\\)`));
    const before = yourls.requests.length;
    assert.equal(await vscode.commands.executeCommand('roundup.shortenLinks'), 0);
    assert.equal(yourls.requests.length, before, 'nothing is shortened twice');
  });
});
