import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, diagnosticsWhen, feedsRead, nextEvent, runAccepting, workspaceDir } from './helpers';

const FEED = 'feeds/insert-entries.xml';
const POSTS = 'featured-test-posts';

function block(title: string, author: string, link: string): string {
  return `**${title}** by ${author}\n\n> An excerpt.\n\n... read more at [${link}](${link})`;
}

function roundup(title: string, date: string, ...blocks: string[]): string {
  return `---\ntitle: ${title}\nauthor: rbowen\ndate: ${date}\npublished: true\n---\n\nIntro.\n\n${blocks.join('\n\n')}\n`;
}

/** Resolves once the featured index holds the post at `relative` (a workspace path), waiting on its changes. */
async function indexed(relative: string): Promise<void> {
  const { featured } = await api();
  await featured.ready();
  while (!featured.index.paths().includes(relative)) {
    await nextEvent(featured.onDidChange, `the featured index to read ${relative}`);
  }
}

describe('featured before in VS Code', () => {
  const config = () => vscode.workspace.getConfiguration();
  const dir = path.join(workspaceDir(), POSTS);

  before(async () => {
    mkdirSync(dir, { recursive: true });
    await config().update('roundup.feeds', [FEED], vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.lookbackDays', 36500, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.postsFolder', POSTS, vscode.ConfigurationTarget.Workspace);
    await config().update('roundup.author', 'rbowen', vscode.ConfigurationTarget.Workspace);
    await feedsRead(4, 'the test feed to be read');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['roundup.feeds', 'roundup.lookbackDays', 'roundup.postsFolder', 'roundup.author'])
      await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  it('post-featured-before: an info on the link of a block an earlier roundup features; its own blocks do not count', async () => {
    // The workspace's model post (2016-05-17) features the CERN entry.
    const name = `${POSTS}/2016-06-01-next-roundup.html.md`;
    writeFileSync(path.join(workspaceDir(), name), roundup('Next', '2016-06-01 10:00:00 UTC',
      block('Containers and the CERN cloud', 'Ricardo Rocha', 'http://tm3.org/6g'),
      block('Something new', 'Someone', 'https://new.example/1')));
    await indexed(name);
    const document = await vscode.workspace.openTextDocument(path.join(workspaceDir(), name));
    await vscode.window.showTextDocument(document);
    const featured = (d: vscode.Diagnostic) => d.code === 'post-featured-before';
    const found = await diagnosticsWhen(document.uri, (all) => all.some(featured), 'a post-featured-before diagnostic');
    const mine = found.filter(featured);
    assert.equal(mine.length, 1, JSON.stringify(mine.map((d) => d.message)));
    assert.equal(mine[0].severity, vscode.DiagnosticSeverity.Information);
    assert.equal(document.getText(mine[0].range), 'http://tm3.org/6g');
    assert.match(mine[0].message, /^Featured before in RDO blogs over the last few weeks, 2016-05-17 \(roundup-post\.md\)$/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(path.join(workspaceDir(), name));
  });

  it('Draft from new entries leaves out what an earlier roundup of the posts folder features (by title and author)', async () => {
    // The newest roundup (May 1) sets the start; an older one (April 20) features CERN, by title and author.
    writeFileSync(path.join(dir, '2016-05-01-start.html.md'), roundup('Start', '2016-05-01 00:00:00 UTC',
      block('Old news', 'A', 'https://old.example/1'), block('Older news', 'B', 'https://old.example/2')));
    const older = `${POSTS}/2016-04-20-earlier.html.md`;
    writeFileSync(path.join(workspaceDir(), older), roundup('Earlier', '2016-04-20 00:00:00 UTC',
      block('Containers and the CERN cloud', 'Ricardo Rocha', 'http://sho.rt/cern'), block('Other', 'C', 'https://old.example/3')));
    await indexed(older);
    const { featured } = await api();
    assert.ok(featured.index.size >= 2);
    const uri = await runAccepting<vscode.Uri>('roundup.draft');
    assert.ok(uri, 'no post was created');
    const text = readFileSync(uri.fsPath, 'utf8');
    assert.ok(!text.includes('**Containers and the CERN cloud**'), text);
    assert.ok(text.includes('**RDO & Packstack on a laptop**'), text);
    assert.ok(text.includes('**Deploying the new OpenStack EC2 API project**'), text);
    rmSync(uri.fsPath);
  });
});
