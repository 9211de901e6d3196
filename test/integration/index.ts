// The integration suite's entry, run inside the VS Code extension host (by either runner):
// mocha with the BDD interface (describe/it) over every compiled *.test.js in this folder.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { onResults, resultLine } from '../harness/results';

/** The compiled test files under `dir`, sorted so runs are repeatable. */
export function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(dir, name));
}

/** Every file and folder under `dir`, relative to it. */
function listed(dir: string): Set<string> {
  return new Set(readdirSync(dir, { recursive: true, encoding: 'utf8' }));
}

/**
 * After each top-level suite, the files and folders it left in the workspace are removed (its own
 * `after` hooks have run): a suite never learns from another's posts (a roundup dated like the model
 * post would move the window of entries, twenty posts would teach the blog's style).
 */
function removeLeftovers(suites: readonly Mocha.Suite[], workspace: string): void {
  const fixture = listed(workspace);
  for (const suite of suites) {
    suite.afterAll('remove the files the suite left in the workspace', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const left = [...listed(workspace)].filter((p) => !fixture.has(p)).sort();
      // A folder first (sorted, it comes before its files): its files go with it.
      const gone: string[] = [];
      for (const p of left) {
        if (gone.some((g) => p.startsWith(`${g}/`))) continue;
        rmSync(join(workspace, p), { recursive: true, force: true });
        gone.push(p);
      }
    });
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // Beyond the waits' safety net (helpers.ts), so that a wait says what it awaited.
    timeout: 120_000,
    // A filter for one test or group while working on it (env of the runner's process).
    grep: process.env.ROUNDUP_GREP || undefined,
    rootHooks: {
      // The suites write posts in many folders of one workspace, each test its own: every markdown file
      // is a post for them (the user's setting), checked against the model's schema (set, so that the
      // posts the suites write never teach another one). posts.test.ts clears the posts setting in the
      // workspace to test which files are posts when nothing is set; schema.test.ts the schema settings.
      beforeAll: async () => {
        const config = vscode.workspace.getConfiguration();
        await config.update('roundup.posts', ['**/*'], vscode.ConfigurationTarget.Global);
        await config.update('roundup.frontMatter.required', ['title', 'author', 'date'], vscode.ConfigurationTarget.Global);
        const fields = { title: 'string', author: 'string', date: 'date', tags: 'tags', comments: 'boolean', published: 'boolean' };
        await config.update('roundup.frontMatter.fields', fields, vscode.ConfigurationTarget.Global);
      },
    },
  });
  const files = testFiles(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files under ${__dirname}: build first`));
  for (const file of files) mocha.addFile(file);
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return new Promise((resolve, reject) => {
    // Loaded first, so that each top-level suite gets its cleanup (run() does not load them again).
    mocha.loadFilesAsync().then(() => {
      if (workspace) removeLeftovers(mocha.suite.suites, workspace);
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      // Each result also as a marked line: the harness keeps them, and screenshots a failure at once.
      onResults(runner, (result) => console.log(resultLine(result)));
    }).catch(reject);
  });
}
