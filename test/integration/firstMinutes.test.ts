// Issue 10, "the first ten minutes": the dead ends a new user meets, in the real extension host.
import * as assert from 'node:assert/strict';
import { unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoundupApi } from '../../src/extension/extension';
import type { Node } from '../../src/extension/feedsView';
import { api, codeActionsWith, diagnosticsWhen, liveWatcher, nextEvent, roundupDiagnostics, runAccepting, sidebarSignals, until } from './helpers';

function row(tree: RoundupApi['tree'], node: Node) {
  const item = tree.getTreeItem(node);
  const label = String(typeof item.label === 'object' ? item.label.label : item.label);
  return { label, description: String(item.description ?? ''), command: item.command, node };
}

async function feedRows() {
  const { tree } = await api();
  return Promise.all(
    (await tree.getChildren()).map(async (node) => ({
      ...row(tree, node),
      children: (await tree.getChildren(node)).map((c) => row(tree, c)),
    })),
  );
}

describe('first minutes: the lookback limit is no dead end', () => {
  const config = () => vscode.workspace.getConfiguration();

  before(async () => {
    // The fixture's entries are from May 2016: all older than the default 30 days.
    await config().update('roundup.lookbackDays', 30, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.feeds', ['feeds/planet-rdo.xml'], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('says how many older entries are hidden, and offers to show them or change the lookback', async () => {
    const on = await sidebarSignals();
    const feeds = await until(async () => {
      const rows = await feedRows();
      return rows.length === 1 && rows[0].label === 'Planet RDO' && rows[0].children.length > 1 ? rows : undefined;
    }, { on, message: 'the Planet RDO feed to be fetched', seen: feedRows });
    const children = feeds[0].children;
    assert.deepEqual(children.map((c) => [c.label, c.description]), [
      ['No entries from the last 30 days', '3 older entries hidden'],
      ['Show older entries', '3 older entries'],
      ['Change lookback…', 'now from the last 30 days'],
    ]);
    assert.equal(children[1].command?.command, 'roundup.showOlderEntries');
    assert.equal(children[2].command?.command, 'roundup.changeLookback');
    await vscode.commands.executeCommand(children[1].command!.command, ...(children[1].command!.arguments ?? []));
    const shown = await until(async () => {
      const rows = await feedRows();
      return rows[0].children.length === 3 && rows[0].children[0].label !== 'No entries from the last 30 days' ? rows : undefined;
    }, { on, message: 'the older entries to show', seen: feedRows });
    assert.deepEqual(shown[0].children.map((c) => c.label), [
      'Containers and the CERN cloud',
      'Running Keystone Unit Tests against older Versions of RDO Etc',
      'Deploying the new OpenStack EC2 API project',
    ]);
    assert.equal(shown[0].description, '3 entries');
  });
});

describe('first minutes: posts where posts live, drafts not blocked, authors filled in', () => {
  const config = () => vscode.workspace.getConfiguration();
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const BLOG = 'first-minutes-blog';
  const POSTS = `${BLOG}/content/posts`;
  const created: vscode.Uri[] = [];

  async function write(relative: string, text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), ...relative.split('/')), Buffer.from(text));
  }

  const published = (day: string, body: string) =>
    `---\ntitle: Roundup of ${day}\nauthor: Rich Bowen\ndate: ${day} 10:00:00 UTC\ntags: blogs\n---\n\n${body}`;

  before(async () => {
    await config().update('roundup.lookbackDays', 36500, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.feeds', ['feeds/planet-rdo.xml'], vscode.ConfigurationTarget.Workspace);
    // No roundup.postsFolder, no roundup.author: the posts are three levels down, as in Hugo.
    await write(`${POSTS}/2016-04-20-roundup.html.md`, published('2016-04-20', '... read more at [x](http://x.example/1)\n'));
    await write(`${POSTS}/2016-05-04-roundup.html.md`, published('2016-05-04',
      '**Deploying the new OpenStack EC2 API project** by Someone\n\n> Quote\n\n'
      + '... read more at [http://tm3.org/6e](http://tm3.org/6e)\n'));
    await write(`${POSTS}/2016-05-08-notes.html.md`, published('2016-05-08', 'Notes\n').replace('tags:', 'published: false\ntags:'));
    await write(`${BLOG}/2016-01-01-readme.md`, '# Not a post\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), BLOG), { recursive: true });
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('New roundup post goes into the folder that holds the most posts, with the author of the newest sibling', async () => {
    const uri = await runAccepting<vscode.Uri>('roundup.newPost');
    assert.ok(uri, 'no post was created');
    created.push(uri);
    assert.equal(path.posix.dirname(path.posix.relative(root().path, uri.path)), POSTS);
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(text, /\nauthor: Rich Bowen\n/);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal((tab?.input as vscode.TabInputText | undefined)?.uri.toString(), uri.toString());
    assert.equal(tab?.isPreview, false, 'the new post opened as a preview tab');
  });

  it('Draft from new entries starts at the newest published roundup, not the empty or unpublished posts', async () => {
    assert.equal(created.length, 1, 'the post of the test before is there');
    const uri = await runAccepting<vscode.Uri>('roundup.draft');
    assert.ok(uri, 'the draft was blocked');
    assert.equal(path.posix.dirname(path.posix.relative(root().path, uri.path)), POSTS);
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(text, /\nauthor: Rich Bowen\n/);
    assert.ok(text.includes('**Running Keystone Unit Tests against older Versions of RDO Etc**'), text);
    assert.ok(text.includes('**Containers and the CERN cloud**'), text);
    assert.ok(!text.includes('**Deploying the new OpenStack EC2 API project**'), 'an entry from before the start');
    // The cursor waits on the empty line for an introduction, between the front matter and the entries.
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    const line = editor!.selection.active.line;
    assert.equal(editor!.document.lineAt(line - 1).text, '', `line ${line}`);
    assert.equal(editor!.document.lineAt(line).text, '');
    assert.equal(editor!.document.lineAt(line + 1).text, '');
    assert.match(editor!.document.lineAt(line + 2).text, /^\*\*/);
  });
});

describe('first minutes: tab indentation has a fix, Fix all says what it did', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers "Replace tabs with spaces", and Fix all counts what it fixed and what remains', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'posts', 'tabbed.md');
    const text = '---\ntitle: Tabs\n\tauthor: me\ndate: 2016-05-17\ntags:\n\t- a\n---\n\nBody.\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The provider answers for the document as it is: no wait for its diagnostics.
    await codeActionsWith(uri, new vscode.Range(2, 0, 2, 1), vscode.CodeActionKind.QuickFix.value, (t) => t === 'Replace tabs with spaces');
    // Each tab-indented entry is an error of its own, both shown: Fix all fixes both in one pass.
    const result = await vscode.commands.executeCommand<{ fixed: number; remaining: number }>('roundup.fixAll');
    assert.equal(editor.document.getText(), '---\ntitle: Tabs\nauthor: me\ndate: 2016-05-17\ntags:\n  - a\n---\n\nBody.\n');
    assert.deepEqual(result, { fixed: 2, remaining: 0 });
    // One undo step takes both back.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), text);
  });
});

describe('first minutes: an unnamed feed is named once', () => {
  const config = () => vscode.workspace.getConfiguration();
  after(async () => {
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('its tooltip gives the address once, with the error', async () => {
    await config().update('roundup.feeds', ['feeds/missing-feed.xml'], vscode.ConfigurationTarget.Workspace);
    const { tree } = await api();
    const tooltip = await until(async () => {
      const [node] = await tree.getChildren();
      const item = node && tree.getTreeItem(node);
      const value = item && item.contextValue === 'roundup.feed.failed' ? (item.tooltip as vscode.MarkdownString).value : '';
      return value.includes('missing-feed.xml') ? value : undefined;
    }, { on: await sidebarSignals(), message: 'the missing feed to fail', seen: feedRows });
    assert.equal(tooltip.split('feeds/missing-feed.xml').length - 1, 2, `named once, plus once in the error: ${tooltip}`);
  });
});

describe('first minutes: a filter shows its text and keeps failing feeds in sight', () => {
  const config = () => vscode.workspace.getConfiguration();
  after(async () => {
    (await api()).tree.setFilter('');
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('shows "filter: keystone" beside the title, and the failing feed with its error', async () => {
    await config().update('roundup.lookbackDays', 36500, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.feeds', ['feeds/planet-rdo.xml', 'feeds/missing-feed.xml'], vscode.ConfigurationTarget.Workspace);
    const { tree } = await api();
    await until(async () => {
      const rows = await feedRows();
      return rows.length === 2 && rows[0].children.length === 3 && !rows[1].description.includes('refreshing');
    }, { on: await sidebarSignals(), message: 'both feeds to be read', seen: feedRows });
    tree.setFilter('keystone');
    assert.equal(tree.description, 'filter: keystone');
    const rows = await feedRows();
    assert.deepEqual(rows.map((r) => r.label), ['Planet RDO', 'feeds/missing-feed.xml']);
    assert.deepEqual(rows[0].children.map((c) => c.label), ['Running Keystone Unit Tests against older Versions of RDO Etc']);
    tree.setFilter('');
    assert.equal(tree.description, undefined);
  });
});

describe('first minutes: rows that tell entries apart at the default width', () => {
  const config = () => vscode.workspace.getConfiguration();
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const FEED = 'feeds/summit-days.xml';

  after(async () => {
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), ...FEED.split('/')));
  });

  it('keeps the end of titles with a shared start in reach, date first and author second, a failed feed\'s error beside it', async () => {
    const days = ['Day 1: keynotes and the marketplace', 'Day 2: design sessions on Nova', 'Day 3: the closing party'];
    const items = days.map((d, i) => `<item><title>OpenStack Summit Austin: ${d}</title><link>https://summit.example/${i}</link>`
      + `<author>rich@example.org (Rich Bowen)</author><pubDate>${new Date(Date.UTC(2016, 3, 25 + i)).toUTCString()}</pubDate></item>`).join('');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), ...FEED.split('/')), Buffer.from(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Summit blog</title><link>https://summit.example/</link>${items}</channel></rss>`));
    await config().update('roundup.lookbackDays', 36500, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.feeds', [FEED, 'feeds/missing-feed.xml'], vscode.ConfigurationTarget.Workspace);
    const rows = await until(async () => {
      const r = await feedRows();
      return r.length === 2 && r[0].children.length === 3 && r[1].description && !r[1].description.includes('refreshing') ? r : undefined;
    }, { on: await sidebarSignals(), message: 'the summit feed to be read', seen: feedRows });
    const labels = rows[0].children.map((c) => c.label);
    // What a default-width sidebar shows of each: distinct.
    assert.equal(new Set(labels.map((l) => l.slice(0, 34))).size, 3, labels.join(' | '));
    assert.match(labels[0], /Day 3/);
    assert.match(rows[0].children[0].description, /^\d{4}-\d\d-\d\d · Rich Bowen$/);
    assert.notEqual(rows[1].description, '', 'the failed feed shows its error beside it');
    assert.ok(!/entries|refreshing/.test(rows[1].description), rows[1].description);
  });
});

describe('first minutes: a post deleted outside the editor', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('loses its Problems entries at once, though its tab is still open, and has them again when its file is written again or it is edited', async () => {
    const { problems } = await api();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'posts', 'deleted-soon.md');
    const text = '---\ntitle: Soon gone\n---\n\nBody.\n';
    const ours = () => roundupDiagnostics(uri);
    const problemsShown = (message: string) => diagnosticsWhen(uri, (d) => d.length > 0, message);
    const problemsGone = (message: string) => diagnosticsWhen(uri, (d) => d.length === 0, message);
    // VS Code's file watcher folds a creation and a deletion it sees close together into nothing, and a
    // deletion followed by a creation into a change: each step waits until the watcher has told the last one.
    const watcher = await liveWatcher(folder, 'posts', 'deleted-soon.md');
    const told = (event: vscode.Event<vscode.Uri>, what: string) => nextEvent(event, `the file watcher to report the post ${what}`, (u) => u.toString() === uri.toString());
    try {
      let watched = told(watcher.onDidCreate, 'created');
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
      await watched;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await problemsShown('the post to have problems');
      // As from a terminal: not through VS Code.
      watched = told(watcher.onDidDelete, 'deleted');
      unlinkSync(uri.fsPath);
      await watched;
      await problemsGone('the problems of the deleted post to go');
      // Asking for the post's problems (Fix all) does not bring them back while the tab stays open...
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(1, 0, 1, 5), 'source.fixAll');
      assert.equal(ours().length, 0, 'no problems after Fix all was asked for');
      // ...nor does the lint of every open post after a settings change: wait for it to reach this post.
      const skipped = nextEvent(problems.onDidUpdate, 'the lint after the settings change to skip the deleted post', (u) => u.uri.toString() === uri.toString() && u.skipped === 'deleted');
      const config = vscode.workspace.getConfiguration('roundup');
      await config.update('frontMatter.required', ['title', 'date'], vscode.ConfigurationTarget.Workspace);
      try {
        await skipped;
        assert.equal(ours().length, 0, 'no problems after the settings changed');
      } finally {
        await config.update('frontMatter.required', undefined, vscode.ConfigurationTarget.Workspace);
      }
      // Written again as it was (git checkout, a terminal): the text does not change, the watcher tells.
      watched = told(watcher.onDidCreate, 'written again');
      writeFileSync(uri.fsPath, text);
      await watched;
      await problemsShown('the post written again to have problems');
      // Deleted again, then edited in its tab: linted again.
      watched = told(watcher.onDidDelete, 'deleted again');
      unlinkSync(uri.fsPath);
      await watched;
      await problemsGone('the problems to go again');
      const editor = vscode.window.activeTextEditor!;
      await editor.edit((e) => e.insert(new vscode.Position(4, 0), 'More.\n'));
      await problemsShown('the edited post to have problems');
      await editor.document.save(); // not left dirty for the close below
      await vscode.workspace.fs.delete(uri); // the suites after this one see the folder as it was
    } finally {
      watcher.dispose();
    }
  });
});
