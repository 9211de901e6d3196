import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { entry, feedsRead, workspaceDir } from './helpers';

const FEED = 'feeds/insert-entries.xml';
const SECTIONS = [
  { heading: 'From CERN', authors: ['Ricardo Rocha', 'Tim Bell'], template: 'link' },
  { heading: 'Not in the post', titleWords: ['packstack'] },
];

const POST = [
  '---',
  'title: RDO blogs over the last few weeks',
  'author: rbowen',
  '---',
  '',
  'Intro.',
  '',
  '## From CERN',
  '',
  '* [Deploying the new OpenStack EC2 API project](http://tm3.org/6e)',
  '',
  'Additionally, there were the following:',
  '',
  'End.',
  '',
].join('\n');

describe('roundup.sections when inserting in a real VS Code', function () {
  const config = () => vscode.workspace.getConfiguration();
  const settings: Record<string, unknown> = { 'roundup.feeds': [FEED], 'roundup.lookbackDays': 36500, 'roundup.sections': SECTIONS };

  before(async () => {
    for (const [key, value] of Object.entries(settings)) await config().update(key, value, vscode.ConfigurationTarget.Workspace);
    await feedsRead(4, 'the insert test feed to be read');
  });

  after(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty && document.uri.scheme === 'file') await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of Object.keys(settings)) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('an entry of a section the post has goes into its list; the others at the cursor; one undo step', async () => {
    const file = path.join(workspaceDir(), 'sections-test-posts', 'sections.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, POST);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    const end = editor.document.positionAt(POST.length);
    editor.selection = new vscode.Selection(end, end);
    const cern = await entry('Containers and the CERN cloud');
    const packstack = await entry('RDO & Packstack on a laptop');
    const version = editor.document.version;
    const inserted = await vscode.commands.executeCommand<boolean>('roundup.insertEntry', [cern, packstack]);
    assert.equal(inserted, true);
    const text = editor.document.getText();
    assert.ok(
      text.includes('* [Deploying the new OpenStack EC2 API project](http://tm3.org/6e)\n* [Containers and the CERN cloud](http://tm3.org/6g)\n\nAdditionally'),
      text,
    );
    assert.ok(text.includes('End.\n\n**RDO & Packstack on a laptop** by rbowen\n\n> Packstack installs RDO on one machine'), text);
    assert.ok(text.endsWith('... read more at [https://rdo.example/packstack](https://rdo.example/packstack)\n'), text);
    assert.equal(editor.document.version, version + 1, 'one edit');
    assert.equal(editor.document.offsetAt(editor.selection.active), text.length - 1, 'the cursor after the block inserted at the cursor');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), POST);
  });
});
