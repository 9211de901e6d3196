import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { readCacheFolder } from '../../src/core/feeds/cacheFiles';
import type { RoundupApi } from '../../src/extension/extension';
import type { Node } from '../../src/extension/feedsView';
import { api, logWith, sidebarSignals, until } from './helpers';

function rss(title: string, items: { title: string; link: string; date: string }[]): string {
  const body = items
    .map((i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>&lt;p&gt;About ${i.title}.&lt;/p&gt;</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://team.example/</link>${body}</channel></rss>`;
}

/** What a row of the Feeds view shows: label, description, icon and context value. */
function row(tree: RoundupApi['tree'], node: Node) {
  const item = tree.getTreeItem(node);
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
  return { label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? ''), icon, context: item.contextValue ?? '', item };
}

describe('the Roundup sidebar in VS Code', () => {
  let server: http.Server;
  let origin = '';
  let teamItems = [
    { title: 'Team news one', link: 'https://team.example/1', date: '2016-05-10T10:00:00Z' },
    { title: 'Team news two', link: 'https://team.example/2', date: '2016-05-12T10:00:00Z' },
  ];
  let brokenStatus = 500;
  const config = () => vscode.workspace.getConfiguration();

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/team.xml') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(rss('Team blog', teamItems));
      } else if (req.url === '/flaky.xml' && brokenStatus === 200) {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(rss('Flaky blog', [{ title: 'Back again', link: 'https://flaky.example/1', date: '2016-05-11T10:00:00Z' }]));
      } else {
        res.writeHead(brokenStatus === 200 ? 404 : brokenStatus, { 'Content-Type': 'text/plain' });
        res.end('no');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await config().update('roundup.lookbackDays', 36500, vscode.ConfigurationTarget.Workspace);
    await config().update(
      'roundup.feeds',
      ['feeds/planet-rdo.xml', { url: `${origin}/team.xml`, name: 'Our team' }, `${origin}/flaky.xml`],
      vscode.ConfigurationTarget.Workspace,
    );
  });

  after(async () => {
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', undefined, vscode.ConfigurationTarget.Workspace);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function feedRows() {
    const { tree } = await api();
    return Promise.all(
      (await tree.getChildren()).map(async (node) => ({ ...row(tree, node), children: (await tree.getChildren(node)).map((c) => ({ ...row(tree, c), node: c })), node })),
    );
  }

  it('lists the feeds, then their entries newest first, with author and date', async () => {
    await until(async () => (await feedRows()).every((f) => !f.description.includes('refreshing') && f.children.length > 0), {
      on: await sidebarSignals(),
      message: 'every feed to be fetched',
      seen: async () => (await feedRows()).map((f) => `${f.label}: ${f.description}`),
    });
    const feeds = await feedRows();
    assert.deepEqual(feeds.map((f) => [f.label, f.icon]), [['Planet RDO', 'rss'], ['Our team', 'rss'], [`${origin}/flaky.xml`, 'warning']]);
    assert.deepEqual(feeds[0].children.map((c) => c.label), ['Containers and the CERN cloud', 'Running Keystone Unit Tests against older Versions of RDO Etc', 'Deploying the new OpenStack EC2 API project']);
    // The workspace's model post features this entry: marked once the index of its roundups is built.
    assert.match(feeds[0].children[0].description, /^\d{4}-\d\d-\d\d · Ricardo Rocha(?: · featured 2016-05-17)?$/);
    assert.equal(feeds[0].description, '3 entries');
    // The tooltip waits for a hover: VS Code asks resolveTreeItem for it.
    const first = feeds[0].children[0];
    assert.equal(first.item.tooltip, undefined);
    const { tree } = await api();
    const resolved = tree.resolveTreeItem(first.item, first.node);
    const tooltip = resolved?.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /\*\*Containers and the CERN cloud\*\*[\s\S]*by Ricardo Rocha · 2016-05-09 07:43 UTC · in Planet RDO[\s\S]*> In recent years/);
    assert.deepEqual(feeds[0].children[0].item.command?.command, 'roundup.insertEntry');
  });

  it('shows a failed feed with a warning, its error in plain words and a Retry row that works', async () => {
    let flaky = (await feedRows())[2];
    assert.equal(flaky.context, 'roundup.feed.failed');
    assert.equal(flaky.description, 'HTTP 500 Internal Server Error');
    assert.deepEqual([flaky.children[0].label, flaky.children[0].description], ['Retry', '']);
    brokenStatus = 200;
    const retry = flaky.children[0].item.command!;
    assert.equal(retry.command, 'roundup.refreshFeed');
    // A click selects the row, then runs its command, which reads the selection.
    await vscode.commands.executeCommand(retry.command, flaky.children[0].node);
    flaky = (await feedRows())[2];
    assert.deepEqual([flaky.label, flaky.icon, flaky.description], ['Flaky blog', 'rss', '1 entry']);
    assert.deepEqual(flaky.children.map((c) => c.label), ['Back again']);
  });

  it('a failing refresh keeps the cached entries; Refresh brings new ones; the cache file holds them', async () => {
    brokenStatus = 503;
    await vscode.commands.executeCommand('roundup.refresh');
    const flaky = (await feedRows())[2];
    assert.equal(flaky.description, 'HTTP 503 Service Unavailable: the server is unavailable for now');
    assert.deepEqual(flaky.children.map((c) => c.label), ['Retry', 'Back again']);
    assert.equal(flaky.children[0].description, 'the entries below are from the last successful refresh');

    teamItems = [...teamItems, { title: 'Team news three', link: 'https://team.example/3', date: '2016-05-14T10:00:00Z' }];
    await vscode.commands.executeCommand('roundup.refresh');
    const team = (await feedRows())[1];
    assert.deepEqual(team.children.map((c) => c.label), ['Team news three', 'Team news two', 'Team news one']);

    const { feeds } = await api();
    await feeds.store.flushed();
    const { cache: saved, warning } = await readCacheFolder(feeds.cacheFolder);
    assert.equal(warning, undefined);
    assert.deepEqual(saved.feeds[`${origin}/team.xml`].entries.map((e: { title: string }) => e.title), ['Team news three', 'Team news two', 'Team news one']);
    assert.equal(saved.feeds[`${origin}/flaky.xml`].error, 'HTTP 503 Service Unavailable: the server is unavailable for now');
    assert.equal(saved.feeds[`${origin}/flaky.xml`].entries.length, 1);
  });

  it('the Roundup log: each fetch with its status, size, entries and time; a failed feed with its error', async () => {
    const url = (name: string) => `${origin}/${name}`.replace(/[.]/g, '\\.');
    const log = await logWith(`${origin}/flaky.xml: HTTP 503`, 'the failed feed in the Roundup log');
    assert.match(log, new RegExp(`\\[info\\] feeds: ${url('team.xml')}: 200, \\d+ bytes, 3 entries in \\d+ ms`));
    assert.match(log, new RegExp(`\\[warning\\] feeds: ${url('flaky.xml')}: HTTP 503 Service Unavailable`));
  });

  it('a feed over roundup.fetch.maxBytes: the entries whole within it, "incomplete", a link to raise the limit', async () => {
    const { feeds } = await api();
    const many = Array.from({ length: 40 }, (_, i) => ({
      title: `Entry number ${i + 1} of a long feed`, link: `https://big.example/${i + 1}`, date: `2016-04-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
    }));
    const big = rss('Big blog', many);
    const bigServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(big);
    });
    await new Promise<void>((resolve) => bigServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(bigServer.address() as AddressInfo).port}/big.xml`;
    const before = config().inspect<unknown[]>('roundup.feeds')?.workspaceValue ?? [];
    try {
      await config().update('roundup.fetch.maxBytes', Math.floor(big.length / 2), vscode.ConfigurationTarget.Workspace);
      await config().update('roundup.feeds', [...before, url], vscode.ConfigurationTarget.Workspace);
      const bigRow = async () => (await feedRows()).find((f) => f.label === 'Big blog');
      const found = await until(async () => ((await bigRow())?.description.includes('incomplete') ? bigRow() : undefined), {
        on: [(listener) => feeds.store.onDidChange(listener)],
        message: 'the big feed read, cut at the limit',
        seen: async () => (await feedRows()).map((f) => `${f.label}: ${f.description}`),
      });
      const kept = found.children.length;
      assert.ok(kept > 0 && kept < many.length, `${kept} entries kept of ${many.length}`);
      assert.equal(found.description, `${kept} entries · incomplete`);
      const text = (found.item.tooltip as vscode.MarkdownString).value;
      assert.match(text, /roundup\.fetch\.maxBytes/);
      assert.match(text, /\[Raise the limit\]\(command:workbench\.action\.openSettings\?/);
    } finally {
      await config().update('roundup.feeds', before, vscode.ConfigurationTarget.Workspace);
      await config().update('roundup.fetch.maxBytes', undefined, vscode.ConfigurationTarget.Workspace);
      bigServer.closeAllConnections();
      await new Promise((resolve) => bigServer.close(resolve));
    }
  });

  it('marks the entries the active post already links to, following edits', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const uri = vscode.Uri.joinPath(folder.uri, 'posts', 'marks.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('---\ntitle: Marks\n---\n\n... read more at [http://tm3.org/6g](http://tm3.org/6g)\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const marks = async () => (await feedRows())[0].children.map((c) => c.context);
    const on = await sidebarSignals();
    await until(async () => (await marks())[0] === 'roundup.entry.included', { on, message: 'the CERN entry to be marked as included' });
    assert.deepEqual(await marks(), ['roundup.entry.included', 'roundup.entry', 'roundup.entry']);
    assert.match((await feedRows())[0].children[0].description, / · in this post(?: · featured \d{4}-\d\d-\d\d)?$/);
    await editor.edit((b) => b.insert(new vscode.Position(5, 0), '\nSee also http://tm3.org/6e\n'));
    await until(async () => (await marks())[2] === 'roundup.entry.included', { on, message: 'the EC2 entry to be marked after the edit' });
    await editor.edit((b) => b.delete(new vscode.Range(4, 0, 5, 0)));
    await until(async () => (await marks())[0] === 'roundup.entry', { on, message: 'the CERN mark to go when its link is deleted' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('counts the entries not seen yet on the view\'s badge, until the view is shown', async () => {
    const { tree } = await api();
    const on = [...(await sidebarSignals()), tree.onDidChangeVisibility];
    const badge = () => tree.badge;
    // The view has not been visible in this window: every entry is new.
    await until(() => tree.badge?.value === 7, { on, message: 'the badge to count 7 entries', seen: badge });
    assert.equal(tree.badge?.tooltip, '7 new entries');
    await vscode.commands.executeCommand('workbench.view.extension.roundup');
    await until(() => tree.visible && tree.badge === undefined, { on, message: 'the badge to go when the view is shown', seen: badge });
    await vscode.commands.executeCommand('workbench.view.explorer');
    await until(() => !tree.visible, { on, message: 'the view to be hidden behind the Explorer' });
    teamItems = [...teamItems, { title: 'Team news four', link: 'https://team.example/4', date: '2016-05-15T10:00:00Z' }];
    await vscode.commands.executeCommand('roundup.refresh');
    await until(() => tree.badge?.value === 1, { on, message: 'the badge to count the one new entry', seen: badge });
  });

  it('filters entries by words of their title, author or feed', async () => {
    const { tree } = await api();
    tree.setFilter('keystone');
    try {
      const feeds = await feedRows();
      // The flaky feed fails (503): it stays in sight with its error, whatever the filter.
      assert.deepEqual(feeds.map((f) => f.label), ['Planet RDO', 'Flaky blog']);
      assert.deepEqual(feeds[0].children.map((c) => c.label), ['Running Keystone Unit Tests against older Versions of RDO Etc']);
    } finally {
      tree.setFilter('');
    }
    assert.equal((await feedRows()).length, 3);
  });

  it('opens the first five feeds expanded and the others collapsed, so hundreds of feeds show at once', async () => {
    const { tree } = await api();
    const before = config().inspect<unknown[]>('roundup.feeds')?.workspaceValue ?? [];
    const extra = Array.from({ length: 4 }, (_, i) => `${origin}/extra-${i}.xml`);
    try {
      await config().update('roundup.feeds', [...before, ...extra], vscode.ConfigurationTarget.Workspace);
      const nodes = await until(async () => {
        const listed = await tree.getChildren();
        return listed.length === 7 ? listed : undefined;
      }, { on: await sidebarSignals(), message: 'the 7 feeds listed', seen: async () => (await tree.getChildren()).length });
      const { Expanded, Collapsed } = vscode.TreeItemCollapsibleState;
      assert.deepEqual(nodes.map((n) => tree.getTreeItem(n).collapsibleState), [Expanded, Expanded, Expanded, Expanded, Expanded, Collapsed, Collapsed]);
    } finally {
      await config().update('roundup.feeds', before, vscode.ConfigurationTarget.Workspace);
    }
  });
});
