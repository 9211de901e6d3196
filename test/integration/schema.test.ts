// "Roundup: Show front matter schema" on a Jekyll-like blog with no schema settings: the schema learned
// from its posts, shown as a read-only markdown table, used by the diagnostics, and pinned by
// "Save front matter schema to settings".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnosticsWhen, nextEvent } from './helpers';

const BLOG = 'learned-blog';
const POSTS = 24;
const POST = (i: number) =>
  `---\nlayout: post\ntitle: "Post ${i}"\ncategory: news\ntags:${i % 6 === 0 ? '' : ' [rdo]'}\n---\n\nText.\n`;
const day = (i: number) => `2016-05-${String(i + 1).padStart(2, '0')}`;

describe('the front matter schema learned from the blog', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const uriOf = (relative: string) => vscode.Uri.joinPath(root(), BLOG, ...relative.split('/'));
  const config = () => vscode.workspace.getConfiguration();
  const SETTINGS = ['roundup.frontMatter.required', 'roundup.frontMatter.fields'];
  let saved: unknown[];

  before(async () => {
    for (let i = 0; i < POSTS; i++) {
      await vscode.workspace.fs.writeFile(uriOf(`_posts/${day(i)}-post-${i}.md`), Buffer.from(POST(i)));
    }
    saved = SETTINGS.map((key) => config().inspect(key)?.globalValue);
    await api();
    await config().update('roundup.posts', [`${BLOG}/_posts/**`], vscode.ConfigurationTarget.Workspace);
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [i, key] of SETTINGS.entries()) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
      await config().update(key, saved[i], vscode.ConfigurationTarget.Global);
    }
    await config().update('roundup.posts', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(uriOf(''), { recursive: true });
  });

  it('shows every key with its type, posts, required and source, and a slip is reported with the posts it comes from', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('roundup.showSchema');
    assert.equal(document.uri.scheme, 'roundup-schema');
    assert.equal(document.languageId, 'markdown');
    const text = document.getText();
    assert.match(text, new RegExp(`Learned from ${POSTS} posts\\.`));
    assert.match(text, new RegExp(`\\| \`category\` \\| string \\| ${POSTS} of ${POSTS} \\| yes \\| learned \\|`));
    assert.match(text, new RegExp(`\\| \`tags\` \\| tags \\| ${POSTS} of ${POSTS} \\| yes \\| learned \\|`));

    const slip = uriOf(`_posts/2016-06-30-slip.md`);
    await vscode.workspace.fs.writeFile(slip, Buffer.from('---\nlayout: post\ntitle: "Slip"\ncatgory: news\ntags:\n---\n'));
    const shown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(slip));
    // The message says which posts the expectation comes from: 24 of 25, the new post counted too. It is
    // counted when it opens, whether or not the file watcher reports it (VS Code 1.100.3 may leave a folder
    // made with its files at once unwatched: in the whole suite it missed every file of learned-blog/_posts).
    const expected = new RegExp(`^Required field "category" is missing \\("catgory" is probably meant\\) \\(${POSTS} of ${POSTS + 1} posts write "category"\\)$`);
    const diagnostics = await diagnosticsWhen(shown.document.uri, (d) => d.some((x) => expected.test(x.message)), String(expected));
    const messages = diagnostics.map((d) => `${String(d.code)} ${d.message}`);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0]!, /^fm-required /);
    // Its hover names the newest posts that write the key, each a link to the post.
    const related = diagnostics[0]!.relatedInformation?.map((r) => [r.location.uri.toString(), r.message]);
    assert.deepEqual(related, [23, 22, 21].map((i) => [uriOf(`_posts/${day(i)}-post-${i}.md`).toString(), 'writes category: news']));
    assert.equal(messages[1], 'fm-unknown-key Unknown key "catgory": did you mean "category"?');
    assert.ok(!messages.some((m) => m.startsWith('fm-empty')), 'an empty tags: several posts have is the blog\'s way');
  });

  it('Save to settings pins the schema in the workspace settings', async () => {
    const changed = nextEvent(vscode.workspace.onDidChangeConfiguration, 'the schema settings written', (e) => e.affectsConfiguration('roundup.frontMatter.required'));
    assert.equal(await vscode.commands.executeCommand<boolean>('roundup.saveSchema'), true);
    await changed;
    assert.deepEqual(config().inspect<string[]>('roundup.frontMatter.required')?.workspaceValue?.slice().sort(), ['category', 'layout', 'tags', 'title']);
    assert.equal(config().inspect<Record<string, string>>('roundup.frontMatter.fields')?.workspaceValue?.category, 'string');
  });
});
