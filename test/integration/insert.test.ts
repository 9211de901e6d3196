import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedEntry } from '../../src/core/feeds/types';
import { formatEntries } from '../../src/core/roundup/format';
import { padForInsertion } from '../../src/core/roundup/insertion';
import { isoDay } from '../../src/core/base/utc';
import { slugify } from '../../src/core/roundup/post';
import { api, entry, feedsRead, logWith, runAccepting, until, useWorkspaceFeeds, workspaceDir } from './helpers';

const FEED = 'feeds/insert-entries.xml';
const POSTS = 'insert-test-posts';
const AUTHORS = { rbowen: 'Rich Bowen' };

/** A post written to disk in the workspace and opened in an editor with the cursor at `cursor` (an offset, or the index of a marker text). */
async function openPost(name: string, text: string, cursor: number | string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  const offset = typeof cursor === 'number' ? cursor : text.indexOf(cursor);
  assert.ok(offset >= 0, `no ${String(cursor)} in the post`);
  const at = document.positionAt(offset);
  editor.selection = new vscode.Selection(at, at);
  return editor;
}

/** What the command must have produced: the core formatter's blocks, padded the core's way, at the offset. */
function expectedAfter(text: string, offset: number, entries: FeedEntry[], template?: string): { text: string; cursor: number } {
  const blocks = formatEntries(entries, { authors: AUTHORS }, template ? { template } : {}).text;
  const edit = padForInsertion(text, offset, blocks);
  return { text: text.slice(0, edit.start) + edit.text + text.slice(edit.end), cursor: edit.blockEnd };
}

const POST = [
  '---',
  'title: RDO blogs over the last few weeks',
  'author: rbowen',
  'date: 2016-05-17 17:18:56 UTC',
  '---',
  '',
  'Here is what RDO enthusiasts have been blogging about',
  'since OpenStack Summit.',
  '',
  '* [Ivan Chavero](https://www.rdoproject.org/blog/2016/04/ivan/)',
  '* [Ihar Hrachyshka](https://www.rdoproject.org/blog/2016/04/ihar/)',
  '',
  'Additionally, there were the following:',
  '',
  '**Deploying the new OpenStack EC2 API project** by Tim Bell',
  '',
  '> OpenStack has supported a subset of the EC2 API since the start of the project.',
  '',
  '... read more at [http://tm3.org/6e](http://tm3.org/6e)',
  '',
].join('\n');

describe('inserting entries in a real VS Code', function () {
  const config = () => vscode.workspace.getConfiguration();
  const settings: Record<string, unknown> = {
    'roundup.feeds': [FEED],
    'roundup.lookbackDays': 36500,
    'roundup.authors': AUTHORS,
    'roundup.author': 'rbowen',
    'roundup.postsFolder': POSTS,
  };

  useWorkspaceFeeds(settings, 4, 'the test feed to be read');

  it('a click on an entry inserts its block after the paragraph at the cursor, one edit, the cursor after the block; undo restores the post byte for byte', async () => {
    const editor = await openPost('insert-click.md', POST, 'blogging about');
    const packstack = await entry('RDO & Packstack on a laptop');
    const offset = POST.indexOf('blogging about');
    const expected = expectedAfter(POST, offset, [packstack]);
    // The block, literally: the mapped author, <br> as a second quote line, entities decoded.
    assert.ok(
      expected.text.includes(
        'since OpenStack Summit.\n\n**RDO & Packstack on a laptop** by Rich Bowen\n\n> Packstack installs RDO on one machine\n> in one command \u2013 even a laptop.\n\n... read more at [https://rdo.example/packstack](https://rdo.example/packstack)\n\n* [Ivan Chavero]',
      ),
      expected.text,
    );
    const versionBefore = editor.document.version;
    // What the tree passes on a click: the entry.
    const inserted = await vscode.commands.executeCommand<boolean>('roundup.insertEntry', packstack);
    assert.equal(inserted, true);
    assert.equal(editor.document.getText(), expected.text);
    assert.equal(editor.document.version, versionBefore + 1, 'one edit');
    assert.equal(editor.document.offsetAt(editor.selection.active), expected.cursor, 'the cursor ends after the block');
    assert.ok(editor.selection.isEmpty);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), POST, 'one undo restores the post');
  });

  it('a tree node works as the argument too; the cursor at the start of a block inserts before it; CRLF posts get CRLF', async () => {
    const crlf = POST.replace(/\n/g, '\r\n');
    const editor = await openPost('insert-crlf.md', crlf, '**Deploying');
    const notes = await entry('Notes without an author');
    const offset = crlf.indexOf('**Deploying');
    const expected = expectedAfter(crlf, offset, [notes]);
    assert.ok(expected.text.includes('following:\r\n\r\n**Notes without an author**\r\n\r\n> 1\\. starts like a list, but is a sentence.\r\n\r\n... read more at [https://rdo.example/notes](https://rdo.example/notes)\r\n\r\n**Deploying'), JSON.stringify(expected.text));
    const inserted = await vscode.commands.executeCommand<boolean>('roundup.insertEntry', { kind: 'entry', entry: notes, feedUrl: FEED });
    assert.equal(inserted, true);
    assert.equal(editor.document.getText(), expected.text);
    assert.equal(editor.document.offsetAt(editor.selection.active), expected.cursor);
  });

  it('the marks follow the post: an inserted entry is included, and no longer after undo', async () => {
    const { included, tree } = await api();
    const editor = await openPost('insert-marks.md', POST, POST.length);
    const cern = await entry('Containers and the CERN cloud');
    const ec2 = await entry('Deploying the new OpenStack EC2 API project');
    const on = [included.onDidChange];
    await until(() => included.post === editor.document && included.has(ec2) && !included.has(cern), { on, message: 'the post to be tracked: EC2 (in the post) marked, CERN not' });
    const node = { kind: 'entry' as const, entry: cern, feedUrl: FEED };
    assert.equal(tree.getTreeItem(node).contextValue, 'roundup.entry');

    assert.equal(await vscode.commands.executeCommand('roundup.insertEntry', cern), true);
    await until(() => included.has(cern), { on, message: 'the inserted entry to be marked as included' });
    assert.equal(tree.getTreeItem(node).contextValue, 'roundup.entry.included');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), POST, 'the undo restores the post');
    await until(() => !included.has(cern), { on, message: 'the mark to go with the undo' });
    assert.equal(tree.getTreeItem(node).contextValue, 'roundup.entry');
  });

  it('roundup.insert with entries inserts them oldest first as one edit; as link, on a list line, into the list', async () => {
    const editor = await openPost('insert-many.md', POST, POST.length);
    const notes = await entry('Notes without an author');
    const packstack = await entry('RDO & Packstack on a laptop');
    const expected = expectedAfter(POST, POST.length, [notes, packstack]);
    assert.ok(expected.text.indexOf('**RDO & Packstack') < expected.text.indexOf('**Notes without'), 'oldest first');
    const version = editor.document.version;
    assert.equal(await vscode.commands.executeCommand('roundup.insert', [notes, packstack]), true);
    assert.equal(editor.document.getText(), expected.text);
    assert.equal(editor.document.version, version + 1, 'one edit');

    const list = await openPost('insert-link.md', POST, '* [Ihar');
    const atList = POST.indexOf('* [Ihar') + 3;
    list.selection = new vscode.Selection(list.document.positionAt(atList), list.document.positionAt(atList));
    assert.equal(await vscode.commands.executeCommand('roundup.insertAsLink', { kind: 'entry', entry: notes, feedUrl: FEED }), true);
    assert.ok(
      list.document.getText().includes('* [Ihar Hrachyshka](https://www.rdoproject.org/blog/2016/04/ihar/)\n* [Notes without an author](https://rdo.example/notes)\n\nAdditionally'),
      list.document.getText(),
    );
  });

  it('the context menu with several entries selected inserts all of them', async () => {
    const editor = await openPost('insert-selected.md', POST, POST.length);
    const nodes = [await entry('Notes without an author'), await entry('RDO & Packstack on a laptop')].map((e) => ({ kind: 'entry', entry: e, feedUrl: FEED }));
    const expected = expectedAfter(POST, POST.length, nodes.map((n) => n.entry), 'link');
    assert.equal(await vscode.commands.executeCommand('roundup.insertAsLink', nodes[1], nodes), true);
    assert.equal(editor.document.getText(), expected.text);
    assert.ok(expected.text.endsWith('\n* [RDO & Packstack on a laptop](https://rdo.example/packstack)\n* [Notes without an author](https://rdo.example/notes)\n'));
  });

  it('"Insert roundup entry" opens the entries, Enter inserts the highlighted one (the newest)', async () => {
    const editor = await openPost('insert-pick.md', POST, POST.length);
    const inserted = await runAccepting<boolean>('roundup.insert');
    assert.equal(inserted, true);
    assert.equal(editor.document.getText(), expectedAfter(POST, POST.length, [await entry('Notes without an author')]).text);
  });

  it('Copy as Markdown puts the default template\'s block on the clipboard and edits nothing', async () => {
    const editor = await openPost('insert-copy.md', POST, 0);
    await vscode.commands.executeCommand('roundup.copyAsMarkdown', { kind: 'entry', entry: await entry('Containers and the CERN cloud'), feedUrl: FEED });
    assert.equal(
      await vscode.env.clipboard.readText(),
      '**Containers and the CERN cloud** by Ricardo Rocha\n\n> In recent years, different groups at CERN started looking at using containers for different purposes.\n\n... read more at [http://tm3.org/6g](http://tm3.org/6g)',
    );
    assert.equal(editor.document.getText(), POST);
    assert.equal(editor.document.isDirty, false);
  });

  it('inserting an entry already in the post asks first (a modal), and edits nothing without a yes', async () => {
    const editor = await openPost('insert-again.md', POST, POST.length);
    const ec2 = await entry('Deploying the new OpenStack EC2 API project');
    // Extension tests cannot answer a modal dialog: VS Code refuses to show it, and the question is the error.
    const outcome = await vscode.commands.executeCommand('roundup.insertEntry', ec2).then(
      (value) => `resolved ${String(value)}`,
      (error: unknown) => `rejected ${error instanceof Error ? error.message : String(error)}`,
    );
    assert.match(outcome, /already in this post/);
    assert.equal(editor.document.getText(), POST);
  });

  it('New roundup post: front matter from the settings, the cursor in the body, never over an existing file', async () => {
    const dir = path.join(workspaceDir(), POSTS);
    const now = new Date();
    const title = `Blog roundup, ${now.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${now.getUTCDate()}, ${now.getUTCFullYear()}`;
    const name = `${isoDay(now)}-${slugify(title)}.html.md`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), 'someone else\'s post\n');

    const first = await runAccepting<vscode.Uri>('roundup.newPost');
    const second = await runAccepting<vscode.Uri>('roundup.newPost');
    assert.equal(readFileSync(path.join(dir, name), 'utf8'), 'someone else\'s post\n', 'the existing file is untouched');
    assert.equal(path.basename(first.fsPath), name.replace('.html.md', '-2.html.md'));
    assert.equal(path.basename(second.fsPath), name.replace('.html.md', '-3.html.md'));
    const text = readFileSync(second.fsPath, 'utf8');
    assert.match(text, new RegExp(`^---\\ntitle: ${title}\\nauthor: rbowen\\ndate: ${isoDay(now)} \\d\\d:\\d\\d:\\d\\d UTC\\ntags: blogs\\ncomments: true\\npublished: false\\n---\\n\\n$`));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, second.fsPath);
    assert.equal(editor.document.offsetAt(editor.selection.active), text.length, 'the cursor in the body');
  });

  it('Draft from new entries: the entries since the newest roundup, minus those it holds, oldest first, in a new post', async () => {
    const dir = path.join(workspaceDir(), POSTS);
    // Only these posts: the new posts of the other test are dated today.
    if (existsSync(dir)) for (const f of readdirSync(dir)) rmSync(path.join(dir, f));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '2016-04-01-older.html.md'), '---\ntitle: Older\ndate: 2016-04-01 10:00:00 UTC\n---\n');
    // Newest roundup (a list of entry links): 2016-05-05 by its front matter; it already links to the
    // Packstack entry of that day.
    writeFileSync(path.join(dir, 'weekly.md'), '---\ntitle: Weekly\ndate: 2016-05-05 09:00:00 UTC\n---\n\n'
      + '* [Packstack](https://rdo.example/packstack)\n* [The RDO docs](https://rdo.example/docs)\n');
    // Newer, and no roundup: a tutorial with links in its prose and a bold link (taken for the last
    // roundup, it would leave out the entry of May 9).
    writeFileSync(path.join(dir, '2016-05-10-zuul-tutorial.html.md'), '---\ntitle: Zuul\ndate: 2016-05-10 08:00:00 UTC\n---\n\n'
      + '**[Read the Zuul docs](https://zuul.example/docs)** first.\n\nSee [the quick start](https://zuul.example/start).\n');
    const uri = await runAccepting<vscode.Uri>('roundup.draft');
    assert.ok(uri, 'no post was created');
    const text = readFileSync(uri.fsPath, 'utf8');
    const blocks = formatEntries([await entry('Containers and the CERN cloud'), await entry('Notes without an author')], { authors: AUTHORS }).text;
    assert.match(text, /^---\ntitle: Blog roundup, .+\nauthor: rbowen\ndate: .+ UTC\ntags: blogs\ncomments: true\npublished: false\n---\n\n\n\n/);
    assert.ok(text.endsWith(`\n\n\n\n${blocks}\n`), text);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, uri.fsPath);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '', 'the cursor on the empty line for the introduction');
    assert.equal(editor.document.lineAt(editor.selection.active.line + 2).text, '**Containers and the CERN cloud** by Ricardo Rocha');
    // The log says where the draft started and what it holds.
    await logWith('draft: 2 entries since the last roundup, weekly.md (dated 2016-05-05 09:00 UTC), none of the 2 it links to, for ',
      'the draft in the Roundup log');
  });

  it('Draft from new entries keeps an entry without a date, after the dated ones (its age is unknown, not old)', async () => {
    const undated = 'feeds/undated.xml';
    writeFileSync(path.join(workspaceDir(), ...undated.split('/')), '<?xml version="1.0"?><rss version="2.0"><channel><title>No dates</title>'
      + '<link>https://nodates.example/</link><item><title>Undated notes</title><link>https://nodates.example/notes</link>'
      + '<description>&lt;p&gt;Notes of no particular day.&lt;/p&gt;</description></item></channel></rss>');
    try {
      await config().update('roundup.feeds', [FEED, undated], vscode.ConfigurationTarget.Workspace);
      await feedsRead(5, 'the undated feed to be read');
      const uri = await runAccepting<vscode.Uri>('roundup.draft');
      assert.ok(uri, 'no post was created');
      const text = readFileSync(uri.fsPath, 'utf8');
      const entries = [await entry('Containers and the CERN cloud'), await entry('Notes without an author'), await entry('Undated notes')];
      assert.ok(text.endsWith(`\n\n\n\n${formatEntries(entries, { authors: AUTHORS }).text}\n`), text);
    } finally {
      await config().update('roundup.feeds', [FEED], vscode.ConfigurationTarget.Workspace);
      rmSync(path.join(workspaceDir(), ...undated.split('/')));
    }
  });
});
