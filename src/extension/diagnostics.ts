import * as vscode from 'vscode';
import { lintPost } from '../core/lint';
import type { Problem, Severity } from '../core/problem';
import type { Settings } from './settings';

export const SOURCE = 'roundup';
const DEBOUNCE_MS = 300;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Where posts live: files on disk (local or remote), new unsaved posts, virtual workspaces. Not diff sides, notebook cells, chat blocks, output. */
const POST_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export function isPost(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && POST_SCHEMES.has(document.uri.scheme);
}

export function toRange(document: vscode.TextDocument, problem: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end));
}

export function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(document, problem), problem.message, SEVERITY[problem.severity]);
  d.source = SOURCE;
  d.code = problem.rule;
  return d;
}

/**
 * Front matter diagnostics for markdown documents: on open, on change (debounced), cleared on close.
 * Linting is synchronous and reads the document's current text when the timer fires, so what is
 * published always belongs to the version the document has then; a pending lint of a closed document
 * is cancelled.
 */
export function registerDiagnostics(settings: Settings, log: vscode.OutputChannel): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const timers = new Map<string, NodeJS.Timeout>();

  const lintNow = (document: vscode.TextDocument) => {
    if (document.isClosed) return;
    let problems: Problem[];
    try {
      problems = lintPost(document.getText(), settings.value, { now: new Date() });
    } catch (e) {
      log.appendLine(`[lint] ${document.uri.fsPath}: ${e instanceof Error ? e.stack : String(e)}`);
      problems = [];
    }
    collection.set(document.uri, problems.map((p) => toDiagnostic(document, p)));
  };

  const schedule = (document: vscode.TextDocument, delay: number) => {
    if (!isPost(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      lintNow(document);
    }, delay));
  };

  const forget = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    collection.delete(document.uri);
  };

  const relintAll = () => vscode.workspace.textDocuments.forEach((d) => (isPost(d) ? schedule(d, 0) : forget(d)));

  relintAll();
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) schedule(e.document, DEBOUNCE_MS);
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    settings.onDidChange(relintAll),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
