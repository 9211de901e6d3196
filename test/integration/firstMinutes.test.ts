// Issue 10, "the first ten minutes": the dead ends a new user meets, in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoundupApi } from '../../src/extension/extension';
import type { Node } from '../../src/extension/feedsView';
import { waitFor } from './helpers';

async function api(): Promise<RoundupApi> {
  const extension = vscode.extensions.getExtension<RoundupApi>('roundup.roundup');
  assert.ok(extension, 'the extension is not loaded');
  return extension.activate();
}

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
    const feeds = await waitFor(async () => {
      const rows = await feedRows();
      return rows.length === 1 && rows[0].label === 'Planet RDO' && rows[0].children.length > 1 ? rows : undefined;
    }, { message: 'the Planet RDO feed to be fetched', timeout: 20_000 });
    const children = feeds[0].children;
    assert.deepEqual(children.map((c) => [c.label, c.description]), [
      ['No entries in the last 30 days', '3 older entries hidden'],
      ['Show older entries', '3 older entries'],
      ['Change lookback…', 'now 30 days'],
    ]);
    assert.equal(children[1].command?.command, 'roundup.showOlderEntries');
    assert.equal(children[2].command?.command, 'roundup.changeLookback');
    await vscode.commands.executeCommand(children[1].command!.command, ...(children[1].command!.arguments ?? []));
    const shown = await waitFor(async () => {
      const rows = await feedRows();
      return rows[0].children.length === 3 && rows[0].children[0].label !== 'No entries in the last 30 days' ? rows : undefined;
    }, { message: 'the older entries to show' });
    assert.deepEqual(shown[0].children.map((c) => c.label), [
      'Containers and the CERN cloud',
      'Running Keystone Unit Tests against older Versions of RDO Etc',
      'Deploying the new OpenStack EC2 API project',
    ]);
    assert.equal(shown[0].description, '3 entries');
  });
});
