// Issue 23, point 3: the entries shown are those since the last roundup (the sidebar, the quick pick,
// the badge), capped by roundup.lookbackDays; "Change lookback…" chooses the window in a quick pick.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoundupApi } from '../../src/extension/extension';
import type { LookbackInput } from '../../src/extension/lookback';
import type { Node } from '../../src/extension/feedsView';
import { api, feedsRead, logWith, nextEvent, until, workspaceDir } from './helpers';

const FEED = 'feeds/insert-entries.xml';
const POSTS = 'window-test-posts';
const ALL = [
  'Notes without an author',
  'Containers and the CERN cloud',
  'RDO & Packstack on a laptop',
  'Deploying the new OpenStack EC2 API project',
];

function row(tree: RoundupApi['tree'], node: Node) {
  const item = tree.getTreeItem(node);
  const label = String(typeof item.label === 'object' ? item.label.label : item.label);
  const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
  return { label, description: String(item.description ?? ''), tooltip };
}

/** The rows under the test feed, once `test` passes them (each change of the view, or of the window, asks again). */
async function feedRowsWhen(test: (rows: ReturnType<typeof row>[]) => boolean, message: string) {
  const { tree, lookback, feeds } = await api();
  const rows = async () => {
    const [feed] = await tree.getChildren();
    return feed ? (await tree.getChildren(feed)).map((n) => row(tree, n)) : [];
  };
  return until(async () => {
    const now = await rows();
    return test(now) ? now : undefined;
  }, {
    on: [tree.onDidChangeTreeData, lookback.onDidChange, (listener) => feeds.store.onDidChange(listener)],
    message,
    seen: rows,
  });
}

const labels = (rows: { label: string }[]) => rows.map((r) => r.label);

function roundup(title: string, date: string): string {
  const block = (t: string, n: number) => `**${t}** by Someone\n\n> An excerpt.\n\n... read more at [https://old.example/${n}](https://old.example/${n})`;
  return `---\ntitle: ${title}\nauthor: rbowen\ndate: ${date}\npublished: true\n---\n\nIntro.\n\n${block('Old one', 1)}\n\n${block('Old two', 2)}\n`;
}

/** Writes a roundup into the test posts folder (the file watcher tells the extension). */
function writeRoundup(name: string, title: string, date: string): string {
  const file = path.join(workspaceDir(), POSTS, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, roundup(title, date));
  return file;
}

/** Opens a new post, no roundup yet, as the post being written: the model roundup (2016-05-17) is the last one. */
async function openNewPost(): Promise<void> {
  const file = path.join(workspaceDir(), POSTS, '2016-06-01-next.html.md');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '---\ntitle: Next\nauthor: rbowen\ndate: 2016-06-01 10:00:00 UTC\n---\n\nIntro.\n');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
}

async function openModelPost(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(path.join(workspaceDir(), 'roundup-post.md'));
  return vscode.window.showTextDocument(document);
}

describe('Change lookback… saves the window chosen in a quick pick', () => {
  const config = () => vscode.workspace.getConfiguration();
  const target = vscode.ConfigurationTarget.Workspace;
  const saved = () => [config().inspect('roundup.window')?.workspaceValue, config().inspect('roundup.lookbackDays')?.workspaceValue];

  before(async () => {
    await config().update('roundup.feeds', [FEED], target);
    await config().update('roundup.window', undefined, target);
    await config().update('roundup.lookbackDays', undefined, target);
    await feedsRead(4, 'the test feed to be read');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('roundup.feeds', undefined, target);
    await config().update('roundup.lookbackDays', undefined, target);
    await config().update('roundup.window', 'days', target);
    rmSync(path.join(workspaceDir(), POSTS), { recursive: true, force: true });
  });

  /** Runs Change lookback… and resolves with its first quick input (the choices) and the command's end. */
  async function start(): Promise<{ pick: Extract<LookbackInput, { items: unknown }>; done: Thenable<boolean> }> {
    const { lookback } = await api();
    const shown = nextEvent(lookback.onDidShowInput, 'the choices of Change lookback…');
    const done = vscode.commands.executeCommand<boolean>('roundup.changeLookback');
    const input = await shown;
    assert.ok('items' in input, 'a quick pick first');
    return { pick: input, done };
  }

  /** Moves down the list as the arrow key does, until `label` is the active choice, and accepts it. */
  async function choose(pick: Extract<LookbackInput, { items: unknown }>, label: string): Promise<void> {
    for (let i = 0; i < pick.items.length && pick.activeItems[0]?.label !== label; i++) {
      const moved = nextEvent(pick.onDidChangeActive, `the next choice to be active (looking for ${label})`);
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await moved;
    }
    assert.equal(pick.activeItems[0]?.label, label);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }

  it('offers since the last roundup (its day and title), 7, 30 or 90 days and a date, the current one marked and active', async () => {
    await openNewPost();
    const { pick, done } = await start();
    // The default cap of 30 days: the model roundup (2016-05-17) is older.
    assert.deepEqual(pick.items.map((i) => [i.label, i.description]), [
      ['Since the last roundup (2016-05-17, RDO blogs over the last few…)', 'current · older than 30 days: the last 30 days'],
      ['Last 7 days', ''],
      ['Last 30 days', ''],
      ['Last 90 days', ''],
      ['Since a date…', ''],
    ]);
    assert.equal(pick.activeItems[0]?.label, pick.items[0].label, 'the current choice is the active one');
    assert.match(pick.placeholder ?? '', /^Entries shown now: from the last 30 days \(the last roundup, 2016-05-17, is older\)$/);
    pick.hide();
    assert.equal(await done, false, 'dismissed: nothing saved');
    assert.deepEqual(saved(), [undefined, undefined]);
  });

  it('saves each kind of choice to the workspace settings, and the sidebar follows', async () => {
    const { tree } = await api();
    let run = await start();
    await choose(run.pick, 'Last 7 days');
    assert.equal(await run.done, true);
    assert.deepEqual(saved(), ['days', 7]);
    const [feed] = await tree.getChildren();
    await until(async () => {
      const rows = (await tree.getChildren(feed)).map((n) => row(tree, n));
      return rows[0]?.label === 'No entries from the last 7 days';
    }, { on: [tree.onDidChangeTreeData], message: 'the sidebar to show the last 7 days' });

    run = await start();
    assert.equal(run.pick.activeItems[0]?.label, 'Last 7 days');
    assert.match(run.pick.activeItems[0]?.description ?? '', /current/);
    await choose(run.pick, 'Last 90 days');
    assert.equal(await run.done, true);
    assert.deepEqual(saved(), ['days', 90]);

    run = await start();
    const { lookback } = await api();
    const boxShown = nextEvent(lookback.onDidShowInput, 'the box that asks for a day');
    await choose(run.pick, 'Since a date…');
    const box = await boxShown;
    assert.ok(!('items' in box), 'an input box');
    box.value = '2099-01-01';
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await until(() => box.validationMessage, { on: [box.onDidChangeValue, box.onDidAccept], message: 'a day in the future to be refused' });
    assert.match(String(box.validationMessage), /^A day not in the future/);
    box.value = '2016-05-08';
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await run.done, true);
    assert.deepEqual(saved(), ['2016-05-08', 90]);
    await until(async () => {
      const rows = (await tree.getChildren(feed)).map((n) => row(tree, n));
      return rows.length === 2;
    }, { on: [tree.onDidChangeTreeData], message: 'the sidebar to show the entries since 2016-05-08' });

    run = await start();
    assert.equal(run.pick.activeItems[0]?.label, 'Since a date…');
    assert.equal(run.pick.activeItems[0]?.description, 'current · now 2016-05-08');
    const first = run.pick.items[0].label;
    // Back up to the first choice: the list wraps, so going down from the last reaches it.
    await choose(run.pick, first);
    assert.equal(await run.done, true);
    assert.deepEqual(saved(), ['sinceLastRoundup', 90]);
  });
});

// After the quick pick's suite: "Show older entries" lasts the session.
describe('the window since the last roundup', () => {
  const config = () => vscode.workspace.getConfiguration();
  const target = vscode.ConfigurationTarget.Workspace;

  before(async () => {
    await config().update('roundup.feeds', [FEED], target);
    await config().update('roundup.lookbackDays', 36500, target);
    // The fixture workspace looks back by days; the default is since the last roundup.
    await config().update('roundup.window', undefined, target);
    await feedsRead(4, 'the test feed to be read');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await config().update('roundup.feeds', undefined, target);
    await config().update('roundup.lookbackDays', undefined, target);
    await config().update('roundup.window', 'days', target);
    rmSync(path.join(workspaceDir(), POSTS), { recursive: true, force: true });
  });

  it('the sidebar shows the entries since the last roundup, says so, and follows roundups saved and the cap', async () => {
    await openNewPost();
    // The workspace's model roundup (2016-05-17) is newer than every entry (May 2016).
    const hidden = await feedRowsWhen((rows) => rows[0]?.label === 'No entries since the last roundup', 'the window since the model roundup');
    assert.deepEqual(hidden.map((r) => [r.label, r.description]), [
      ['No entries since the last roundup', '4 older entries hidden'],
      ['Show older entries', '4 older entries'],
      ['Change lookback…', 'now since the last roundup, 2016-05-17 (RDO blogs over the last few…)'],
    ]);
    assert.match(hidden[0].tooltip, /^Entries shown: since the last roundup, 2016-05-17 \(RDO blogs over the last few…\)\. Older entries are hidden\.$/);

    // Writing that roundup: it is never its own last roundup. With none other, the cap (36500 days): all.
    await openModelPost();
    assert.deepEqual(labels(await feedRowsWhen((rows) => rows.length === 4, 'every entry, the model post being written')), ALL);

    // A roundup saved in the posts folder moves the window to its date.
    writeRoundup('2016-05-06-roundup.html.md', 'Roundup of May 6', '2016-05-06 10:00:00 UTC');
    assert.deepEqual(labels(await feedRowsWhen((rows) => rows.length === 2, 'the window since the roundup of May 6')), ALL.slice(0, 2));
    writeRoundup('2016-05-10-roundup.html.md', 'Roundup of May 10', '2016-05-10 10:00:00 UTC');
    assert.deepEqual(labels(await feedRowsWhen((rows) => rows.length === 1 && rows[0].label === ALL[0], 'the window since the roundup of May 10')), ALL.slice(0, 1));

    // The cap: never further back than roundup.lookbackDays (the entries are years old).
    await config().update('roundup.lookbackDays', 7, target);
    const capped = await feedRowsWhen((rows) => rows[0]?.label === 'No entries from the last 7 days', 'the 7 days cap');
    assert.equal(capped[2].description, 'now from the last 7 days (the last roundup, 2016-05-10, is older)');
    await config().update('roundup.lookbackDays', 36500, target);
    await feedRowsWhen((rows) => rows.length === 1, 'the window back since May 10');
  });

  it('the palette offers the entries of the window, says which in its title and, when none is, offers Show older entries', async () => {
    const { onDidShowEntryPick, feeds } = await api();
    const editor = await openModelPost();
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(0));

    // Nothing since May 12: the message says so, counting the older entries.
    await config().update('roundup.window', '2016-05-12', target);
    const empty = vscode.commands.executeCommand<boolean>('roundup.insert');
    await logWith('insert: No entries since 2016-05-12: 4 older entries are hidden.', 'the message that nothing is in the window');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await empty, false);
    await config().update('roundup.window', undefined, target);

    // Since the roundup of May 10 (the model post is the one being written): one entry.
    const shown = nextEvent(onDidShowEntryPick, 'the quick pick of entries');
    const first = vscode.commands.executeCommand<boolean>('roundup.insert');
    const pick = await shown;
    assert.deepEqual(pick.items.map((i) => i.label), ALL.slice(0, 1));
    assert.equal(pick.title, 'Insert roundup entries since the last roundup, 2016-05-10 (Roundup of May 10)');
    pick.hide();
    assert.equal(await first, false);

    // "Show older entries" of the feed (the sidebar's row): the palette shows them too.
    const url = feeds.store.feeds()[0].source.url;
    await vscode.commands.executeCommand('roundup.showOlderEntries', url);
    const again = nextEvent(onDidShowEntryPick, 'the quick pick of entries, older ones too');
    const second = vscode.commands.executeCommand<boolean>('roundup.insert');
    const older = await again;
    assert.deepEqual(older.items.map((i) => i.label.replace('$(check) ', '')), ALL, 'the model post links to two of them: checked');
    older.hide();
    assert.equal(await second, false);
    assert.deepEqual(labels(await feedRowsWhen((rows) => rows.length === 4, 'the sidebar to show the older entries too')), ALL);
  });
});
