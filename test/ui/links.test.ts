import * as assert from 'node:assert/strict';
import { useVSCode } from '../harness/ui';
import { startLinkServer, type Server } from '../unit/links/servers';

describe('UI: the shortlist and link health', function () {
  let links: Server;
  const session = useVSCode(async () => {
    links = await startLinkServer(2000);
    const o = links.origin;
    const post = [
      '---', 'title: RDO blogs over the last few weeks', 'author: rbowen', 'date: 2016-05-17 17:18:56 UTC', '---', '',
      'Here is what RDO enthusiasts have been blogging about.', '',
      '**Containers and the CERN cloud** by Ricardo Rocha', '',
      '> In recent years, different groups at CERN started looking at using containers.', '',
      `... read more at [${o}/dead](${o}/dead)`, '',
      '**Deploying the new OpenStack EC2 API project** by Tim Bell', '',
      '> OpenStack has supported a subset of the EC2 API since the start of the project.', '',
      `... read more at [${o}/live](${o}/live)`, '',
    ].join('\n');
    return {
      settings: { 'roundup.feeds': ['feeds/insert-entries.xml'], 'roundup.lookbackDays': 36500, 'roundup.authors': { rbowen: 'Rich Bowen' } },
      files: { 'ui-links.md': post },
    };
  });

  after(async () => {
    await links?.close();
  });

  const row = (text: string | RegExp) => session().page.locator('.sidebar .monaco-list-row', { hasText: text });

  /**
   * Stars the entry row with `title` until `group` shows. The star shows on hover; a starred row offers
   * "Remove from shortlist" instead, so a click given again (see VSCodeSession.act) never unstars.
   */
  async function star(title: string, group: RegExp, what: string): Promise<void> {
    const entry = row(title).first();
    const add = entry.locator('.action-label[aria-label="Add to shortlist"]');
    await session().act(what, async () => {
      await entry.hover();
      if (await add.isVisible()) await add.click();
    }, () => row(group).first().isVisible());
  }

  it('the star on a row puts the entry in the Shortlist group at the top of the view', async () => {
    const vscode = session();
    await vscode.showRoundup();
    await vscode.waitForVisible(row('RDO & Packstack on a laptop').first(), 'the entry in the sidebar');
    await star('RDO & Packstack on a laptop', /Shortlist\s*1 entry/, 'the Shortlist group');
    await star('Containers and the CERN cloud', /Shortlist\s*2 entries/, 'the second starred entry');
    const labels = await vscode.page.locator('.sidebar .monaco-list-row').allTextContents();
    assert.match(labels[0], /^Shortlist/, labels.join(' | '));
    assert.match(labels[1], /RDO & Packstack on a laptop/, labels.join(' | '));
    await vscode.page.mouse.move(0, 0);
    await vscode.screenshot('sidebar-shortlist');
  });

  it('"Check links in this post" marks the dead link in the editor', async () => {
    const vscode = session();
    await vscode.openFile('ui-links.md');
    await vscode.runCommand('Roundup: Check links in this post');
    const squiggle = vscode.page.locator('.editor-group-container.active .squiggly-error').first();
    await vscode.waitForVisible(squiggle, 'the dead link\'s squiggle');
    const hover = vscode.page.locator('.monaco-hover', { hasText: 'Dead link: HTTP 404 Not Found' }).first();
    await vscode.hover(squiggle, () => hover.isVisible(), 'the hover with the reason');
    await vscode.screenshot('post-dead-link');
  });
});
