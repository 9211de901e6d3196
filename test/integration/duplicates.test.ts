import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeActionsWith, diagnosticsWhen, workspaceDir } from './helpers';

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
    const duplicate = (d: vscode.Diagnostic) => d.code === 'post-duplicate-link';
    const [diagnostic] = (await diagnosticsWhen(document.uri, (all) => all.some(duplicate), 'a post-duplicate-link diagnostic')).filter(duplicate);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostic.range), 'http://tm3.org/6g');
    assert.equal(diagnostic.range.start.line, line);
    assert.match(diagnostic.message, /^This entry is already in the post \(line \d+\): http:\/\/tm3\.org\/6g$/);

    const actions = await codeActionsWith(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, (t) => t === 'Remove this duplicate block');
    const fix = actions.find((a) => a.title === 'Remove this duplicate block');
    assert.ok(fix?.edit, `no "Remove this duplicate block" fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.notEqual(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), `${model.trimEnd()}\n`);
    await diagnosticsWhen(document.uri, (all) => !all.some(duplicate), 'the warning to go');
  });
});
