import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, workspaceDir } from './helpers';

describe('post-duplicate-link in VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a repeated block gets a warning on its link; the quick fix removes the block, and the warning goes', async () => {
    const model = readFileSync(path.join(workspaceDir(), 'roundup-post.md'), 'utf8');
    const cern = /\*\*Containers and the CERN cloud\*\*[\s\S]*?\.\.\. read more at \[http:\/\/tm3\.org\/6g\]\(http:\/\/tm3\.org\/6g\)/.exec(model)?.[0];
    assert.ok(cern, 'the model post has the CERN block');
    const text = `${model.trimEnd()}\n\n${cern}\n`;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document);

    const line = document.lineCount - 2; // the last read-more line (0-based), before the final empty line
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'roundup' && d.code === 'post-duplicate-link'),
      { message: 'a post-duplicate-link diagnostic' },
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostic.range), 'http://tm3.org/6g');
    assert.equal(diagnostic.range.start.line, line);
    assert.match(diagnostic.message, /^This entry is already in the post \(line \d+\): http:\/\/tm3\.org\/6g$/);

    // The workbench learns of the diagnostic a moment after the extension host: ask until it offers the fix.
    let titles: string[] = [];
    const fix = await waitFor(
      async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        titles = actions.map((a) => a.title);
        return actions.find((a) => a.title === 'Remove this duplicate block');
      },
      { message: 'the "Remove this duplicate block" quick fix' },
    ).catch((e: Error) => {
      throw new Error(`${e.message}; offered: ${JSON.stringify(titles)}`);
    });
    assert.ok(fix.edit);
    assert.notEqual(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), `${model.trimEnd()}\n`);
    await waitFor(() => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'post-duplicate-link'), { message: 'the warning to go' });
  });
});
