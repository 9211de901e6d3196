// Posts and pages on a blog with no Roundup settings: a Middleman-like site whose posts live in
// source/blog with its documentation pages beside them. (The suite's other tests write posts in many
// folders of one workspace, so index.ts lets every file be a post; these tests clear that setting.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnosticsWhen, nextEvent, roundupDiagnostics } from './helpers';

const SITE = 'posts-and-pages';
const POST = (day: string) => `---\ntitle: Post of ${day}\nauthor: rbowen\ndate: ${day} 10:00:00 UTC\n---\n\nBody.\n`;
// A documentation page: `authors:` (a list), no date; valid for the site, wrong for the posts' schema.
const PAGE = '---\ntitle: Install\nauthors:\n  - rbowen\n  - apevec\n---\n\n# Install\n';

describe('posts and pages: schema rules for posts, syntax rules for every file', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const uriOf = (relative: string) => vscode.Uri.joinPath(root(), SITE, ...relative.split('/'));
  const config = () => vscode.workspace.getConfiguration();

  before(async () => {
    for (const day of ['2016-05-01', '2016-05-08', '2016-05-15', '2016-05-22']) {
      await vscode.workspace.fs.writeFile(uriOf(`source/blog/${day}-post.html.md`), Buffer.from(POST(day)));
    }
    await config().update('roundup.posts', [], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('roundup.posts', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(uriOf(''), { recursive: true });
  });

  /**
   * Writes a new file, opens it and returns its diagnostics once it is linted knowing whether it is a
   * post (a file already open would not be linted again: each test writes its own).
   */
  async function linted(relative: string, text: string): Promise<{ document: vscode.TextDocument; codes: string[] }> {
    const uri = uriOf(relative);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const { problems } = await api();
    const complete = nextEvent(problems.onDidUpdate, `a complete lint of ${relative}`, (u) => u.uri.toString() === uri.toString() && u.complete === true);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await complete;
    return { document, codes: roundupDiagnostics(uri).map((d) => String(d.code)) };
  }

  it('a documentation page beside the posts gets no schema problem, and Fix all leaves it as it is', async () => {
    const { document, codes } = await linted('source/documentation/install.html.md', PAGE);
    assert.deepEqual(codes, []);
    const result = await vscode.commands.executeCommand<{ fixed: number; remaining: number }>('roundup.fixAll');
    assert.deepEqual(result, { fixed: 0, remaining: 0 });
    assert.equal(document.getText(), PAGE, 'Fix all changed a page');
  });

  it('a broken block is broken on a page too: its syntax error, and nothing of the schema', async () => {
    const { codes } = await linted('source/documentation/broken.html.md', '---\ntitle: "Install\nauthors: rbowen\n---\n');
    assert.deepEqual(codes, ['fm-yaml-syntax']);
  });

  it('a post of the posts folder gets every rule: the same front matter is three problems there', async () => {
    const { codes } = await linted('source/blog/2016-05-29-install.html.md', PAGE);
    assert.deepEqual(codes.sort(), ['fm-required', 'fm-required', 'fm-unknown-key']);
  });

  it('roundup.posts decides when set: the page becomes a post', async () => {
    const { codes } = await linted('source/documentation/setup.html.md', PAGE);
    assert.deepEqual(codes, []);
    const uri = uriOf('source/documentation/setup.html.md');
    await config().update('roundup.posts', [`${SITE}/source/documentation/*.md`], vscode.ConfigurationTarget.Workspace);
    // Not the next lint of the page: one already under way (its editor shown) may come first, as a page.
    const expected = JSON.stringify(['fm-required', 'fm-required', 'fm-unknown-key']);
    await diagnosticsWhen(uri, (d) => JSON.stringify(d.map((x) => String(x.code)).sort()) === expected, `the page linted as a post: ${expected}`);
    await config().update('roundup.posts', [], vscode.ConfigurationTarget.Workspace);
  });
});
