import * as vscode from 'vscode';
import type { Problem, Severity } from '../core/problem';
import { isPost, rangeOf } from './documents';
import { SOURCE, type PostProblems } from './problems';

const DEBOUNCE_MS = 300;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(rangeOf(document, problem), problem.message, SEVERITY[problem.severity]);
  d.source = SOURCE;
  d.code = problem.rule;
  return d;
}

/**
 * Front matter diagnostics for markdown documents: on open, on change (debounced), cleared on close.
 * Linting is synchronous and reads the document's current text when the timer fires, so what is
 * published always belongs to the version the document has then; a pending lint of a closed document
 * is cancelled. The problems behind the diagnostics are kept with them (PostProblems.publish) for the
 * code actions; a lint done before the siblings' dates were read is done again once they are.
 */
export function registerDiagnostics(problems: PostProblems, onSettings: vscode.Event<void>, log: vscode.OutputChannel): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const timers = new Map<string, NodeJS.Timeout>();

  const lintNow = (document: vscode.TextDocument) => {
    if (document.isClosed) return;
    let found: Problem[];
    let complete = true;
    try {
      ({ problems: found, complete } = problems.lintNow(document));
    } catch (e) {
      log.appendLine(`[lint] ${document.uri.fsPath}: ${e instanceof Error ? e.stack : String(e)}`);
      found = [];
    }
    collection.set(document.uri, found.map((p) => toDiagnostic(document, p)));
    problems.publish(document, found, complete);
    if (!complete) {
      const version = document.version;
      void problems.siblingsRead(document).then(() => {
        if (!document.isClosed && document.version === version && !timers.has(document.uri.toString())) lintNow(document);
      });
    }
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
    problems.forget(document.uri);
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
    onSettings(relintAll),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
