import * as vscode from 'vscode';
import { fixAllEdits, fixAllSummary, type Fix, type Problem } from '../core/lint/problem';
import { offerCommands } from './messages';
import { isPost, rangeOf } from './documents';
import { SOURCE, toDiagnostic, type PostProblems } from './problems';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(SOURCE);
const FIX_ALL_TITLE = 'Fix all Roundup problems';

function toWorkspaceEdit(document: vscode.TextDocument, edits: Fix['edits']): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, rangeOf(document, e), e.newText);
  return edit;
}

/**
 * The code actions of a post's problems, every one of them (lint and link check): the quick fixes of
 * the problems at the range, and Fix all. Answers for the document as it is now, so Ctrl+. works the
 * moment an edit makes a problem, before its diagnostic is published; returns only the kinds asked for.
 */
class PostFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly problems: PostProblems) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (!isPost(document)) return [];
    const { only } = context;
    const quickFixes = !only || only.contains(vscode.CodeActionKind.QuickFix);
    // Asked for (the Source Action menu, fix-all on save), else offered next to the problems at the range.
    const fixAllAsked = only !== undefined && only.contains(FIX_ALL_KIND);
    if (!quickFixes && !fixAllAsked) return [];
    const problems = this.problems.problemsShown(document);
    const here = problems.filter((p) => rangeOf(document, p).intersection(range) !== undefined);
    const actions = quickFixes ? here.flatMap((p) => quickFixesOf(document, p, context.diagnostics)) : [];
    if (fixAllAsked || (!only && here.length > 0)) {
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

/**
 * The quick fixes of a problem, tied to its diagnostic: the workbench's when it has it (the Problems
 * panel matches its rows by it), else the one the problem is about to be published as.
 */
function quickFixesOf(
  document: vscode.TextDocument,
  problem: Problem,
  given: readonly vscode.Diagnostic[],
): vscode.CodeAction[] {
  if (problem.fixes.length === 0) return [];
  const range = rangeOf(document, problem);
  const same = (d: vscode.Diagnostic) =>
    d.source === SOURCE && d.code === problem.rule && d.message === problem.message && d.range.isEqual(range);
  const diagnostic = given.find(same) ?? toDiagnostic(document, problem);
  return problem.fixes.map((fix) => {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred === true;
    action.edit = toWorkspaceEdit(document, fix.edits);
    return action;
  });
}

const SHOW_PROBLEMS: [string, string] = ['Show Problems', 'workbench.actions.view.problems'];

/**
 * The palette command: applies the preferred fix of every problem the active post shows, as one undo
 * step, and says how many it fixed and how many remain (and whether those have a fix: a fix can bring
 * another problem to light). Resolves with those counts.
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
  const fixable = result.problems.filter((p) => p.fixes.some((f) => f.preferred)).length;
  void offerCommands(fixAllSummary(result.fixed.length, remaining, fixable), ...show);
  return { fixed: result.fixed.length, remaining };
}

export function registerCodeActions(problems: PostProblems): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new PostFixes(problems), PostFixes.metadata),
    vscode.commands.registerCommand('roundup.fixAll', () => fixAllInActiveEditor(problems)),
  );
}
