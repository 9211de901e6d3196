import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startLinkServer, type Server } from '../unit/links/servers';
import { codeActionsWith, diagnosticsWhen, logWith, workspaceDir } from './helpers';

describe('Check links in this post, in a real VS Code (a link server on 127.0.0.1)', function () {
  let links: Server;
  const config = () => vscode.workspace.getConfiguration();

  before(async () => {
    links = await startLinkServer(5000);
    await config().update('roundup.fetch.timeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty && document.uri.scheme === 'file') await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('roundup.fetch.timeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await links.close();
  });

  it('dead, slow and looping links get post-dead-link, a redirect post-redirected-link with a fix; results are cached', async () => {
    const o = links.origin;
    const text = [
      '---', 'title: Links', 'author: rbowen', 'date: 2016-05-17 17:18:56 UTC', '---', '',
      `A [live](${o}/live) one, a [dead](${o}/dead) one, a [slow](${o}/slow) one and a [loop](${o}/loop-a).`, '',
      `... read more at [${o}/moved](${o}/moved)`, '',
    ].join('\n');
    const file = path.join(workspaceDir(), 'link-check.md');
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);

    assert.equal(await vscode.commands.executeCommand('roundup.checkLinks'), 4);
    const ours = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'roundup' && String(d.code).startsWith('post-') && d.code !== 'post-duplicate-link');
    const seen = ours().map((d) => [d.code, document.getText(d.range), d.severity]);
    assert.deepEqual(seen, [
      ['post-dead-link', `${o}/dead`, vscode.DiagnosticSeverity.Error],
      ['post-dead-link', `${o}/slow`, vscode.DiagnosticSeverity.Error],
      ['post-dead-link', `${o}/loop-a`, vscode.DiagnosticSeverity.Error],
      ['post-redirected-link', `${o}/moved`, vscode.DiagnosticSeverity.Warning],
    ]);
    assert.equal(ours()[0].message, 'Dead link: HTTP 404 Not Found');
    assert.match(ours()[1].message, /Timed out after 1 s/);

    // The log says what each link did.
    const log = await logWith(`links: ${o}/moved -> ${o}/live: 200 (redirected)`, 'the redirected link in the Roundup log');
    assert.ok(log.includes(`links: ${o}/dead: 404 dead (HTTP 404 Not Found)`), log.slice(-1500));

    // A second check within the day fetches nothing.
    const before = links.requests.length;
    assert.equal(await vscode.commands.executeCommand('roundup.checkLinks'), 4);
    assert.equal(links.requests.length, before);

    const redirect = ours()[3];
    const actions = await codeActionsWith(document.uri, redirect.range, vscode.CodeActionKind.QuickFix.value, (t) => t === `Use ${o}/live`);
    const fix = actions.find((a) => a.title === `Use ${o}/live`);
    assert.ok(fix?.edit && (await vscode.workspace.applyEdit(fix.edit)), `no "Use ${o}/live" fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(document.getText().includes(`... read more at [${o}/live](${o}/live)`), document.getText());
    // The marks stay until the next check, found again in the text: the redirect's goes with its link,
    // the others follow theirs down when a line is added above them.
    const added = new vscode.WorkspaceEdit();
    added.insert(document.uri, new vscode.Position(5, 0), 'A new first line.\n\n');
    assert.ok(await vscode.workspace.applyEdit(added));
    const marked = () => ours().map((d) => `${d.code} ${d.range.start.line} ${document.getText(d.range)}`);
    const expected = [`post-dead-link 8 ${o}/dead`, `post-dead-link 8 ${o}/slow`, `post-dead-link 8 ${o}/loop-a`];
    await diagnosticsWhen(document.uri, () => JSON.stringify(marked()) === JSON.stringify(expected), "the dead links' marks on line 8");
  });
});
