import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedEntry } from '../../src/core/feeds/types';
import { formatEntries } from '../../src/core/roundup/format';
import type { RoundupApi } from '../../src/extension/extension';
import type { Node } from '../../src/extension/feedsView';
import { api, feedsRead, runAccepting, until, workspaceDir } from './helpers';

const FEED = 'feeds/insert-entries.xml';
const POSTS = 'shortlist-test-posts';
const AUTHORS = { rbowen: 'Rich Bowen' };

function label(tree: RoundupApi['tree'], node: Node): string {
  const item = tree.getTreeItem(node);
  return String(typeof item.label === 'object' ? item.label.label : item.label);
}

describe('the shortlist in a real VS Code', function () {
  const config = () => vscode.workspace.getConfiguration();
  const settings: Record<string, unknown> = {
    'roundup.feeds': [FEED],
    'roundup.lookbackDays': 36500,
    'roundup.authors': AUTHORS,
    'roundup.author': 'rbowen',
    'roundup.postsFolder': POSTS,
  };
  let cern: FeedEntry;
  let notes: FeedEntry;
  let packstack: FeedEntry;

  before(async () => {
    const { feeds } = await api();
    for (const [key, value] of Object.entries(settings)) await config().update(key, value, vscode.ConfigurationTarget.Workspace);
    await feedsRead(4, 'the test feed to be read');
    const find = (title: string) => {
      const e = feeds.store.allEntries().find((x) => x.title === title);
      assert.ok(e, `no entry ${title}`);
      return e;
    };
    cern = find('Containers and the CERN cloud');
    notes = find('Notes without an author');
    packstack = find('RDO & Packstack on a laptop');
  });

  after(async () => {
    const { shortlist } = await api();
    await shortlist.remove(shortlist.entries.map((i) => i.entry));
    for (const document of vscode.workspace.textDocuments) if (document.isDirty && document.uri.scheme === 'file') await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of [...Object.keys(settings), 'roundup.shortlist.order']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('starring from a row puts the entry in a Shortlist group at the top, persisted in the workspace state; unstarring takes it out', async () => {
    const { tree, shortlist } = await api();
    const feedUrl = FEED;
    // Newest first in the feed, starred in another order: the group keeps the order starred.
    await vscode.commands.executeCommand('roundup.star', { kind: 'entry', entry: notes, feedUrl });
    await vscode.commands.executeCommand('roundup.star', { kind: 'entry', entry: packstack, feedUrl });
    await vscode.commands.executeCommand('roundup.star', { kind: 'entry', entry: cern, feedUrl });
    const roots = await tree.getChildren();
    assert.equal(roots[0].kind, 'shortlist');
    assert.equal(label(tree, roots[0]), 'Shortlist');
    assert.equal(tree.getTreeItem(roots[0]).description, '3 entries');
    const rows = await tree.getChildren(roots[0]);
    assert.deepEqual(rows.map((n) => label(tree, n)), [notes.title, packstack.title, cern.title]);
    assert.equal(tree.getParent(rows[0]), roots[0]);
    // The same entry under its feed: starred, with the unstar action.
    const feedRows = await tree.getChildren(roots[1]);
    const cernRow = feedRows.find((n) => n.kind === 'entry' && n.entry.title === cern.title);
    assert.ok(cernRow);
    assert.match(String(tree.getTreeItem(cernRow).contextValue), /^roundup\.entry.*\.starred$/);
    assert.match(String(tree.getTreeItem(cernRow).description), /shortlisted/);
    assert.deepEqual(shortlist.entries.map((i) => i.entry.title), [notes.title, packstack.title, cern.title]);

    await vscode.commands.executeCommand('roundup.unstar', cernRow);
    assert.deepEqual(shortlist.entries.map((i) => i.entry.title), [notes.title, packstack.title]);
    assert.equal(tree.getTreeItem((await tree.getChildren())[0]).description, '2 entries');
  });

  it('Insert shortlist inserts in the order starred (oldest first by the setting); linked entries leave only when asked to', async () => {
    const { shortlist, included } = await api();
    const text = '---\ntitle: Shortlisted\nauthor: rbowen\ndate: 2016-05-17 17:18:56 UTC\n---\n\nIntro.\n';
    const file = path.join(workspaceDir(), 'shortlist-insert.md');
    writeFileSync(file, text);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
    editor.selection = new vscode.Selection(editor.document.positionAt(text.length), editor.document.positionAt(text.length));
    assert.equal(await vscode.commands.executeCommand('roundup.insertShortlist'), true);
    const starred = formatEntries([notes, packstack], { authors: AUTHORS }, { keepOrder: true }).text;
    assert.equal(editor.document.getText(), `${text}\n${starred}\n`);
    // Asked, not done: both are still on the shortlist.
    await until(() => included.has(notes) && included.has(packstack), { on: [included.onDidChange], message: 'the post to link to both' });
    assert.equal(shortlist.entries.length, 2);

    await vscode.commands.executeCommand('undo');
    await config().update('roundup.shortlist.order', 'oldest', vscode.ConfigurationTarget.Workspace);
    assert.equal(await vscode.commands.executeCommand('roundup.insertShortlist'), true);
    const oldest = formatEntries([notes, packstack], { authors: AUTHORS }).text;
    assert.notEqual(oldest, starred);
    assert.equal(editor.document.getText(), `${text}\n${oldest}\n`);

    await until(() => included.has(notes), { on: [included.onDidChange], message: 'the post to link to the entries' });
    assert.equal(await vscode.commands.executeCommand('roundup.pruneShortlist'), 2);
    assert.equal(shortlist.entries.length, 0);
  });

  it('Draft from shortlist: a new post with the shortlisted entries', async () => {
    const { shortlist } = await api();
    await config().update('roundup.shortlist.order', undefined, vscode.ConfigurationTarget.Workspace);
    await shortlist.add([cern, notes]);
    mkdirSync(path.join(workspaceDir(), POSTS), { recursive: true });
    const uri = await runAccepting<vscode.Uri | undefined>('roundup.draftFromShortlist');
    assert.ok(uri, 'no post was created');
    const body = formatEntries([cern, notes], { authors: AUTHORS }, { keepOrder: true }).text;
    assert.ok(readFileSync(uri.fsPath, 'utf8').endsWith(`\n\n\n\n${body}\n`));
  });
});
