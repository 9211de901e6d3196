import { useVSCode } from '../harness/ui';

describe('UI: the Roundup sidebar with no feeds yet', function () {
  const session = useVSCode();

  it('welcomes with Add feed, Import OPML and a link to the setting; Add feed asks for an address', async () => {
    const vscode = session();
    await vscode.showRoundup();
    const welcome = vscode.page.locator('.sidebar .welcome-view-content');
    await vscode.waitForVisible(welcome.getByText('No feeds yet.'), 'the welcome text');
    await vscode.waitForVisible(welcome.getByRole('button', { name: 'Add feed' }), 'the Add feed button');
    await vscode.waitForVisible(welcome.getByRole('button', { name: 'Import OPML' }), 'the Import OPML button');
    await vscode.waitForVisible(welcome.locator('a', { hasText: 'roundup.feeds setting' }), 'the link to the setting');
    await vscode.screenshot('sidebar-welcome');
    const prompt = vscode.page.locator('.quick-input-widget', { hasText: 'The address of an RSS, Atom or JSON feed' });
    await vscode.click(welcome.getByRole('button', { name: 'Add feed' }), () => prompt.first().isVisible(), 'the Add feed prompt');
    await vscode.screenshot('sidebar-add-feed');
    await vscode.page.keyboard.press('Escape');
  });
});
