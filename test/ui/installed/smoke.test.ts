// The packaged extension as a user gets it: the .vsix (`npm run package`) installed with code-server's
// own --install-extension into an empty extensions folder, the workbench opened with no extension
// under development. Run by `node out/test/harness/cli.js ui --vsix FILE` (npm test does, on both
// VS Code versions), which sets ROUNDUP_VSIX.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useVSCode } from '../../harness/ui';
import { projectRoot } from '../../harness/util';

interface Manifest {
  contributes: { walkthroughs: Array<{ steps: Array<{ title: string; media: { image: string; altText: string } }> }> };
}

const BROKEN = '2016-04-26-openstack-summit-austin-day-1.html.md';
const POST = ['---', 'title: RDO blogs over the last few weeks', 'author: rbowen', 'date: 2016-05-17 17:18:56 UTC', '---', '', 'Here is what RDO enthusiasts have been blogging about.', ''].join('\n');
const BLOCK = '**RDO & Packstack on a laptop** by Rich Bowen\n\n> Packstack installs RDO on one machine\n> in one command – even a laptop.\n\n... read more at [https://rdo.example/packstack](https://rdo.example/packstack)';

describe('UI smoke of the installed .vsix', function () {
  const session = useVSCode(() => {
    const vsix = process.env.ROUNDUP_VSIX;
    if (!vsix) throw new Error('ROUNDUP_VSIX is not set: run these tests with `node out/test/harness/cli.js ui --vsix FILE`');
    return {
      vsix,
      settings: { 'roundup.feeds': ['feeds/insert-entries.xml'], 'roundup.lookbackDays': 36500, 'roundup.authors': { rbowen: 'Rich Bowen' } },
      files: { 'installed-post.md': POST },
    };
  });

  it('the extension is the installed package, of this version, and nothing else is installed', () => {
    const vscode = session();
    const { version } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
    const installed = readdirSync(vscode.run.extensionsDir).filter((n) => !n.startsWith('.') && n !== 'extensions.json');
    assert.deepEqual(installed, [`roundup.roundup-${version}`]);
    const files = readdirSync(join(vscode.run.extensionsDir, installed[0]), { recursive: true, encoding: 'utf8' });
    assert.ok(!files.some((f) => f.startsWith('src') || f.startsWith('test') || f.endsWith('.map')), files.join(', '));
  });

  it('opens a post and shows its front matter diagnostic in the editor and the Problems panel', async () => {
    const vscode = session();
    await vscode.openFile(BROKEN);
    await vscode.waitForEditorText('title: OpenStack Summit Austin: Day 1');
    await vscode.waitForVisible('.editor-group-container.active .monaco-editor .squiggly-error', 'a red squiggle in the editor');
    await vscode.showProblems('fm-yaml-syntax');
  });

  it('a click on a sidebar entry puts its block into the post', async () => {
    const vscode = session();
    await vscode.openFile('installed-post.md');
    await vscode.cursorAt(POST.split('\n').length);
    await vscode.showRoundup();
    const entry = vscode.page.locator('.sidebar .monaco-list-row', { hasText: 'RDO & Packstack on a laptop' });
    await vscode.waitForVisible(entry, 'the entry in the sidebar');
    await vscode.click(entry, async () => (await vscode.editorText()).includes(BLOCK), 'the click on the entry to insert its block');
    const text = await vscode.waitForEditorText(BLOCK);
    assert.ok(text.includes(`blogging about.\n\n${BLOCK}`), text);
    await vscode.screenshot(`installed-vsix-${vscode.spec.vscode}`);
  });

  it('the walkthrough shows the picture of every step from the package', async () => {
    const vscode = session();
    const page = await vscode.openWalkthrough('Get started with Roundup');
    const { contributes } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as Manifest;
    for (const step of contributes.walkthroughs[0].steps) {
      const alt = () => vscode.page.locator('.gettingStartedContainer .getting-started-media img').first().getAttribute('alt', { timeout: 1000 }).catch(() => null);
      await vscode.click(page.getByText(step.title, { exact: true }), async () => (await alt()) === step.media.altText, `the picture of "${step.title}"`);
      const picture = await vscode.walkthroughImage();
      assert.ok(picture.width > 0, `the picture of "${step.title}" (${step.media.image}) is broken`);
    }
    await vscode.screenshot(`installed-vsix-walkthrough-${vscode.spec.vscode}`);
  });
});
