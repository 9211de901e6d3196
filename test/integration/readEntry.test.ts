import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatEntries } from '../../src/core/roundup/format';
import { padForInsertion } from '../../src/core/roundup/insertion';
import { entry, useWorkspaceFeeds, workspaceDir } from './helpers';

const FEED = 'feeds/read-entries.xml';
const FULL = 'TripleO upgrades, the \u201chard\u201d way';
const SUMMARY = 'An excerpt-only entry';

const POST = [
  '---',
  'title: RDO blogs over the last few weeks',
  'author: rbowen',
  'date: 2016-05-17 17:18:56 UTC',
  '---',
  '',
  'Here is what RDO enthusiasts have been blogging about.',
  '',
  'Additionally, there were the following:',
  '',
].join('\n');

async function openPost(name: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), 'read-test-posts', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, POST);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.One });
  const end = editor.document.positionAt(POST.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/** The selection of the whole lines from the one starting with `first` to the one starting with `last`. */
function linesBetween(document: vscode.TextDocument, first: string, last: string): vscode.Selection {
  const text = document.getText();
  const start = text.indexOf(`\n${first}`) + 1;
  const lastStart = text.indexOf(`\n${last}`) + 1;
  assert.ok(start > 0 && lastStart >= start, `no lines "${first}" .. "${last}" in:\n${text}`);
  const end = document.lineAt(document.positionAt(lastStart).line).range.end;
  return new vscode.Selection(document.positionAt(start), end);
}

describe('Read entry and Insert as quote in a real VS Code', function () {
  const settings: Record<string, unknown> = { 'roundup.feeds': [FEED], 'roundup.lookbackDays': 36500 };

  useWorkspaceFeeds(settings, 2, 'the read test feed to be read');

  it('Read entry opens the entry as a read-only markdown document beside the post; a selected passage goes into the post as the quote', async () => {
    const post = await openPost('read-and-quote.md');
    const upgrades = await entry(FULL);
    const reading = await vscode.commands.executeCommand<vscode.TextEditor>('roundup.readEntry', { kind: 'entry', entry: upgrades, feedUrl: FEED });
    assert.ok(reading, 'Read entry resolves with its editor');
    const document = reading.document;
    assert.equal(document.uri.scheme, 'roundup-entry');
    assert.equal(document.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document, document, 'the entry has the focus, to select in');
    assert.notEqual(reading.viewColumn, post.viewColumn, 'beside the post');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === post.document), 'the post stays in view');
    const text = document.getText();
    assert.ok(text.startsWith('# TripleO upgrades, the \u201chard\u201d way\n\nBy Maria Lopez \u00b7 Stack Notes \u00b7 10 May 2016, 09:12 UTC\n'), text);
    assert.ok(text.includes('with [the undercloud](https://stacknotes.example/2016/04/undercloud/) first.'), 'relative link resolved against the entry link');
    assert.ok(text.includes('## What we ran\n\n1. Back up the `overcloud` database\n2. Upgrade the undercloud\n   - packages \\*first\\*'), text);
    assert.ok(text.includes('[Image: The undercloud](https://stacknotes.example/wp-content/uploads/2016/05/undercloud.png)'), text);
    assert.ok(!/<\w|trackReader|!\[/.test(text), `no HTML, script or image in:\n${text}`);
    assert.ok(!text.includes('only a summary'), 'a full text');

    // Read-only: what the user types into the entry's editor is refused.
    reading.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'typed ' });
    assert.equal(document.getText(), text, 'typing changes nothing');
    assert.equal(document.isDirty, false);

    reading.selection = linesBetween(document, 'It took 2016', '> Always test');
    const inserted = await vscode.commands.executeCommand<boolean>('roundup.insertAsQuote');
    assert.equal(inserted, true);
    const excerpt = 'It took 2016 minutes & one very long night.\nNobody noticed.\n\nAlways test the rollback.';
    const block = formatEntries([upgrades], {}, { excerpt }).text;
    assert.ok(
      block.includes('\n\n> It took 2016 minutes & one very long night.\n> Nobody noticed.\n>\n> Always test the rollback.\n\n... read more at'),
      block,
    );
    const padded = padForInsertion(POST, POST.length, block);
    assert.equal(post.document.getText(), POST.slice(0, padded.start) + padded.text + POST.slice(padded.end));
    assert.equal(document.getText(), text, 'the entry document is untouched');
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString());
    assert.deepEqual(dirty, [post.document.uri.toString()], 'only the post is edited');
  });

  it('Insert as quote with nothing selected, or outside an entry document, inserts nothing', async () => {
    const post = await openPost('quote-nothing.md');
    const upgrades = await entry(FULL);
    const reading = await vscode.commands.executeCommand<vscode.TextEditor>('roundup.readEntry', upgrades);
    assert.ok(reading);
    assert.equal(await vscode.commands.executeCommand<boolean>('roundup.insertAsQuote'), false, 'no selection');
    await vscode.window.showTextDocument(post.document, post.viewColumn);
    const all = new vscode.Selection(post.document.positionAt(0), post.document.positionAt(POST.length));
    vscode.window.activeTextEditor!.selection = all;
    assert.equal(await vscode.commands.executeCommand<boolean>('roundup.insertAsQuote'), false, 'a post is not an entry document');
    assert.equal(post.document.getText(), POST);
  });

  it('an entry the feed gives only a summary of says so, with its link; reading another entry keeps to the same column', async () => {
    await openPost('read-summary.md');
    const first = await vscode.commands.executeCommand<vscode.TextEditor>('roundup.readEntry', await entry(FULL));
    const summary = await vscode.commands.executeCommand<vscode.TextEditor>('roundup.readEntry', await entry(SUMMARY));
    assert.ok(first && summary);
    assert.equal(summary.viewColumn, first.viewColumn, 'the same reading column');
    assert.ok(
      summary.document.getText().includes(
        '*The feed gives only a summary of this entry, not its full text.* Open it in the browser: [https://stacknotes.example/2016/05/excerpt-only/](https://stacknotes.example/2016/05/excerpt-only/)',
      ),
      summary.document.getText(),
    );
  });
});
