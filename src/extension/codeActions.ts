import * as vscode from 'vscode';
import { fixAllEdits, fixAllSummary, type Fix } from '../core/lint/problem';
import { offerCommands } from './messages';
import { isPost, rangeOf } from './documents';
import { SOURCE, type PostProblems } from './problems';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(SOURCE);
const FIX_ALL_TITLE = 'Fix all Roundup problems';

function toWorkspaceEdit(document: vscode.TextDocument, edits: Fix['edits']): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, rangeOf(document, e), e.newText);
  return edit;
}

class PostFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly problems: PostProblems) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (!isPost(document)) return [];
    const ours = context.diagnostics.filter((d) => d.source === SOURCE);
    // Asked for explicitly (Source Action menu, fix-all on save), or offered next to our quick fixes.
    const only = context.only;
    const asksFixAll = (kind: vscode.CodeActionKind) =>
      FIX_ALL_KIND.intersects(kind) || vscode.CodeActionKind.Source.contains(kind);
    const explicit = only !== undefined && only.value !== '' && asksFixAll(only);
    const wantsFixAll = explicit || ours.length > 0;
    if (ours.length === 0 && !wantsFixAll) return [];
    // The problems the diagnostics were made from (this version of the document), not a new lint.
    const problems = await this.problems.problemsOf(document);
    const actions: vscode.CodeAction[] = [];

    if (!context.only || context.only.intersects(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of ours) {
        const problem = this.problems.problemOf(document, diagnostic, problems);
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

const SHOW_PROBLEMS: [string, string] = ['Show Problems', 'workbench.actions.view.problems'];

/**
 * The palette command: applies every preferred fix of the active post, again on the fixed text while a
 * pass still fixes something, as one undo step, and says how many it fixed and how many remain. Resolves
 * with those counts.
 */
async function fixAllInActiveEditor(problems: PostProblems): Promise<{ fixed: number; remaining: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isPost(editor.document)) {
    void vscode.window.showInformationMessage('Open a markdown post to fix its problems.');
    return undefined;
  }
  const document = editor.document;
  const result = await problems.fixAll(document);
  const remaining = result.problems.length;
  const show = remaining ? [SHOW_PROBLEMS] : [];
  if (result.fixed.length === 0) {
    const left = remaining ? ` ${remaining} ${remaining === 1 ? 'problem needs' : 'problems need'} a hand.` : '';
    void offerCommands(`Roundup found nothing to fix automatically in this post.${left}`, ...show);
    return { fixed: 0, remaining };
  }
  await vscode.workspace.applyEdit(toWorkspaceEdit(document, [result.edit]));
  void offerCommands(fixAllSummary(result.fixed.length, remaining), ...show);
  return { fixed: result.fixed.length, remaining };
}

export function registerCodeActions(problems: PostProblems): vscode.Disposable {
  const provider = new PostFixes(problems);
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, PostFixes.metadata),
    vscode.commands.registerCommand('roundup.fixAll', () => fixAllInActiveEditor(problems)),
  );
}
