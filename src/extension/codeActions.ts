import * as path from 'node:path';
import * as vscode from 'vscode';
import { dateValueOf, lintPost, type PostContext } from '../core/lint';
import { fixAllEdits, type Fix, type Problem } from '../core/problem';
import { MARKDOWN_EXTENSIONS } from '../core/files';
import { isPost, SOURCE, toRange } from './diagnostics';
import { readHead } from './posts';
import type { Settings } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(SOURCE);
const FIX_ALL_TITLE = 'Fix all Roundup front matter problems';

/** How many sibling posts are read to learn how the blog writes its dates. */
const MAX_SIBLINGS = 40;

/**
 * Lints a document again with what only the fixes need (the file name, the siblings' date style),
 * so that typing never pays for reading other files.
 */
export class PostFixer {
  /** Sibling dates per folder, read at most every 30 s: code actions are asked for on every cursor move. */
  private readonly siblings = new Map<string, { at: number; dates: Promise<string[]> }>();

  constructor(private readonly settings: Settings) {}

  async problems(document: vscode.TextDocument): Promise<Problem[]> {
    const context: PostContext = { now: new Date() };
    if (document.uri.scheme !== 'untitled') {
      context.fileName = path.posix.basename(document.uri.path);
      context.siblingDates = await this.siblingDates(document.uri);
    }
    return lintPost(document.getText(), this.settings.value, context);
  }

  private siblingDates(uri: vscode.Uri): Promise<string[]> {
    const folder = vscode.Uri.joinPath(uri, '..');
    const cached = this.siblings.get(folder.toString());
    if (cached && Date.now() - cached.at < 30_000) return cached.dates;
    const dates = readSiblingDates(folder, path.posix.basename(uri.path));
    this.siblings.set(folder.toString(), { at: Date.now(), dates });
    return dates;
  }
}

async function readSiblingDates(folder: vscode.Uri, self: string): Promise<string[]> {
  try {
    const names = (await vscode.workspace.fs.readDirectory(folder))
      .filter(([name, type]) => type === vscode.FileType.File && MARKDOWN_EXTENSIONS.test(name) && name !== self)
      .map(([name]) => name)
      .sort()
      .slice(-MAX_SIBLINGS);
    const dates = await Promise.all(
      names.map(async (name) => dateValueOf(await readHead(vscode.Uri.joinPath(folder, name)))),
    );
    return dates.filter((d): d is string => d !== undefined);
  } catch {
    return [];
  }
}

function toWorkspaceEdit(document: vscode.TextDocument, edits: Fix['edits']): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, toRange(document, e), e.newText);
  return edit;
}

export class FrontMatterActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly fixer: PostFixer) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (!isPost(document)) return [];
    const ours = context.diagnostics.filter((d) => d.source === SOURCE);
    // Asked for explicitly (Source Action menu, fix-all on save), or offered next to our quick fixes.
    const explicit = context.only !== undefined && context.only.value !== '' && (FIX_ALL_KIND.intersects(context.only) || vscode.CodeActionKind.Source.contains(context.only));
    const wantsFixAll = explicit || ours.length > 0;
    if (ours.length === 0 && !wantsFixAll) return [];
    const problems = await this.fixer.problems(document);
    const actions: vscode.CodeAction[] = [];

    if (!context.only || context.only.intersects(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of ours) {
        const problem = problems.find((p) => p.rule === diagnostic.code && p.message === diagnostic.message && toRange(document, p).isEqual(diagnostic.range));
        for (const fix of problem?.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred === true;
          action.edit = toWorkspaceEdit(document, fix.edits);
          actions.push(action);
        }
      }
    }
    if (wantsFixAll) {
      const edits = fixAllEdits(problems);
      if (edits.length > 0) {
        const action = new vscode.CodeAction(FIX_ALL_TITLE, FIX_ALL_KIND);
        action.edit = toWorkspaceEdit(document, edits);
        actions.push(action);
      }
    }
    return actions;
  }
}

/** The palette command: applies every preferred fix of the active post, as one undo step. */
export async function fixAllInActiveEditor(fixer: PostFixer): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isPost(editor.document)) {
    void vscode.window.showInformationMessage('Open a markdown post to fix its front matter.');
    return;
  }
  const edits = fixAllEdits(await fixer.problems(editor.document));
  if (edits.length === 0) {
    void vscode.window.showInformationMessage('Roundup found nothing to fix automatically in this post.');
    return;
  }
  await vscode.workspace.applyEdit(toWorkspaceEdit(editor.document, edits));
}

export function registerCodeActions(settings: Settings): vscode.Disposable {
  const fixer = new PostFixer(settings);
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new FrontMatterActions(fixer), FrontMatterActions.metadata),
    vscode.commands.registerCommand('roundup.fixAll', () => fixAllInActiveEditor(fixer)),
  );
}
