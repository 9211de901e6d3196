// New posts in the blog's shape: on a Hugo blog (TOML front matter, posts named without dates, the
// fixture test/fixtures/formats/hugo-cascade copied into the workspace), "New roundup post" writes a
// TOML post in the posts' key order and date style, named like them, that gets no diagnostic.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { projectRoot } from '../harness/util';
import { api, nextEvent, roundupDiagnostics, runAccepting } from './helpers';

const BLOG = 'hugo-new-post';
const POSTS = `${BLOG}/content/posts`;
const FIXTURE = path.join(projectRoot(), 'test', 'fixtures', 'formats', 'hugo-cascade');

/** The fixture's files, relative to it, with `/`. */
function filesOf(folder: string, prefix = ''): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesOf(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

describe('new posts in the shape of the blog: a Hugo blog in TOML', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const uriOf = (relative: string) => vscode.Uri.joinPath(root(), ...relative.split('/'));
  const config = () => vscode.workspace.getConfiguration();
  const SETTINGS: Record<string, unknown> = {
    'roundup.posts': [`${POSTS}/**`],
    'roundup.postsFolder': POSTS,
    'roundup.author': 'Rich Bowen',
  };
  // The suite pins the model's schema (index.ts): cleared here, so that the schema is the blog's.
  const PINNED = ['roundup.frontMatter.required', 'roundup.frontMatter.fields'];
  let pinned: unknown[];

  before(async () => {
    for (const file of filesOf(FIXTURE)) {
      await vscode.workspace.fs.writeFile(uriOf(`${BLOG}/${file}`), readFileSync(path.join(FIXTURE, ...file.split('/'))));
    }
    await api();
    pinned = PINNED.map((key) => config().inspect(key)?.globalValue);
    for (const key of PINNED) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    for (const [key, value] of Object.entries(SETTINGS)) await config().update(key, value, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of Object.keys(SETTINGS)) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    for (const [i, key] of PINNED.entries()) await config().update(key, pinned[i], vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(uriOf(BLOG), { recursive: true });
  });

  it('"New roundup post" writes TOML in the posts\' order and date style, named without a date, with no diagnostic', async () => {
    const { problems } = await api();
    const inPosts = (uri: vscode.Uri) => uri.path.includes(`/${POSTS}/`);
    const linted = nextEvent(problems.onDidUpdate, 'a complete lint of the new post', (u) => inPosts(u.uri) && u.complete === true);
    const uri = await runAccepting<vscode.Uri>('roundup.newPost');
    assert.ok(uri && inPosts(uri), `the new post is in ${POSTS}: ${uri?.path}`);
    const name = path.posix.basename(uri.path);
    assert.match(name, /^blog-roundup-[a-z]+-\d+-\d{4}\.md$/, 'named like the posts: a slug, no date, .md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(
      text,
      /^\+\+\+\ntitle = 'Blog roundup, \w+ \d+, \d{4}'\ndate = \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\ndraft = true\ntags = \['blogs'\]\n\+\+\+\n\n$/,
      text,
    );
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(document, 'the new post is open');
    await linted;
    const now = problems.problemsShown(document);
    assert.deepEqual(now.map((p) => `${p.rule} ${p.message}`), []);
    assert.deepEqual(roundupDiagnostics(uri).map((d) => `${String(d.code)} ${d.message}`), []);
  });
});
