import { openVSCode, type VSCodeSession } from '../harness/ui';

describe('UI: the Roundup sidebar with no feeds yet', function () {
  let vscode: VSCodeSession;

  before(async function () {
    this.timeout(180_000);
    vscode = await openVSCode();
  });

  after(async () => {
    await vscode?.close();
  });

  it('welcomes with Add feed, Import OPML and a link to the setting; Add feed asks for an address', async () => {
    await vscode.showRoundup();
    const welcome = vscode.page.locator('.sidebar .welcome-view-content');
    await vscode.waitForVisible(welcome.getByText('No feeds yet.'), 'the welcome text');
    await vscode.waitForVisible(welcome.getByRole('button', { name: 'Add feed' }), 'the Add feed button');
    await vscode.waitForVisible(welcome.getByRole('button', { name: 'Import OPML' }), 'the Import OPML button');
    await vscode.waitForVisible(welcome.locator('a', { hasText: 'roundup.feeds setting' }), 'the link to the setting');
    await vscode.screenshot('sidebar-welcome');
    await welcome.getByRole('button', { name: 'Add feed' }).click();
    await vscode.waitForVisible(vscode.page.locator('.quick-input-widget', { hasText: 'The address of an RSS, Atom or JSON feed' }), 'the Add feed prompt');
    await vscode.screenshot('sidebar-add-feed');
    await vscode.page.keyboard.press('Escape');
  });
});
