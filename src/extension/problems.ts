import * as path from 'node:path';
import * as vscode from 'vscode';
import { linkProblems, type LinkResult } from '../core/links/check';
import { fixPost, lintPost, type FixResult, type PostContext } from '../core/lint/lintPost';
import { byPosition, differingPart, type Problem, type Severity, type TextEdit } from '../core/lint/problem';
import { readFolderDates, siblingDates, type FolderDates } from '../core/roundup/siblings';
import type { Blog } from './blog';
import type { FeaturedPosts } from './featured';
import { rangeOf, readHead } from './documents';
import type { Settings } from './settings';

/** The `source` of Roundup's diagnostics, and the last part of its fix-all code action kind. */
export const SOURCE = 'roundup';

/** Sibling dates are read again after this long: code actions are asked for on every cursor move. */
const SIBLINGS_MS = 30_000;

interface Linted {
  version: number;
  problems: Problem[];
  /**
   * Linted knowing whether the file is a post or a page and with the siblings' dates (or the post has
   * no folder): the problems and fixes are the final ones.
   */
  complete: boolean;
}

/** What one {@link PostProblems.update} did: published the problems of a version, or skipped a deleted post. */
export interface LintUpdate {
  uri: vscode.Uri;
  version: number;
  skipped?: 'deleted';
  /** Linted knowing all it needs (see {@link Linted.complete}); else a lint follows once it does. */
  complete?: boolean;
}

interface Siblings {
  at: number;
  dates: Promise<FolderDates>;
  /** The dates once read. */
  value?: FolderDates;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(rangeOf(document, problem), problem.message, SEVERITY[problem.severity]);
  d.source = SOURCE;
  d.code = problem.rule;
  // The files the expectation comes from (paths relative to the blog: the first workspace folder).
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (root && problem.related) {
    d.relatedInformation = problem.related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.joinPath(root, ...r.path.split('/')), new vscode.Position(0, 0)),
      r.message,
    ));
  }
  return d;
}

/** Would the two lists of problems show as the same diagnostics? */
function sameDiagnostics(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i];
    const sameText = p.rule === q.rule && p.message === q.message && p.severity === q.severity;
    return sameText && p.start === q.start && p.end === q.end;
  });
}

/**
 * The problems of the posts and their diagnostics, in one collection: the lint's, linted with what the
 * fixes need (the file name, the siblings' date style, read in the background so typing never waits
 * for other files), and those of the post's last link check. Published and kept per document version,
 * so that the code actions take their fixes from the very problems the diagnostics were made from.
 */
export class PostProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly published = new Map<string, Linted>();
  /**
   * The results of each post's last link check, kept until its next check: its link problems are found
   * again in the text at every lint, so they follow edits and go with the link.
   */
  private readonly linkResults = new Map<string, ReadonlyMap<string, LinkResult>>();
  private readonly siblings = new Map<string, Siblings>();
  /** Open documents whose file was deleted outside the editor: not linted until edited or written again. */
  private readonly deleted = new Set<string>();
  private readonly updates = new vscode.EventEmitter<LintUpdate>();
  /** Fires after each lint of a document (published, or skipped): what tests of the diagnostics wait on. */
  readonly onDidUpdate = this.updates.event;

  constructor(
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    private readonly blog: Blog,
    private readonly featured?: FeaturedPosts,
  ) {}

  /**
   * Lints the document as it is now and publishes its diagnostics. Linted before the siblings' dates
   * were read, it is linted again once they are (if the document has not changed meanwhile).
   */
  update(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    if (this.deleted.has(document.uri.toString())) {
      this.updates.fire({ uri: document.uri, version: document.version, skipped: 'deleted' });
      return;
    }
    const { version, problems, complete } = this.lint(document);
    const before = this.published.get(document.uri.toString());
    this.published.set(document.uri.toString(), { version, problems, complete });
    // The lint again once the siblings are read changes fixes, rarely diagnostics: publish only a change,
    // so the workbench does not drop a light bulb or quick fix menu it is computing.
    const same = before?.version === version && sameDiagnostics(before.problems, problems);
    if (!same) this.collection.set(document.uri, problems.map((p) => toDiagnostic(document, p)));
    this.updates.fire({ uri: document.uri, version, complete });
    if (!complete) {
      void this.siblingsRead(document).then(() => {
        const stillIncomplete = this.published.get(document.uri.toString())?.complete === false;
        if (!document.isClosed && document.version === version && stillIncomplete) {
          this.update(document);
        }
      });
    }
  }

  /**
   * The results of a link check of the document: its link problems are published with the lint's at
   * once, and again at every lint until the next check of the post. Returns the link problems.
   */
  linksChecked(document: vscode.TextDocument, results: ReadonlyMap<string, LinkResult>): Problem[] {
    this.linkResults.set(document.uri.toString(), results);
    this.update(document);
    return linkProblems(document.getText(), results, this.settings.value.lint.rules);
  }

  /** The document's problems as it is now: the lint's, and those of its last link check, in document order. */
  private lint(document: vscode.TextDocument): Linted {
    const { context, complete } = this.contextOf(document);
    const text = document.getText();
    const settings = this.settings.value;
    let problems: Problem[];
    try {
      const started = performance.now();
      problems = lintPost(text, settings, context);
      const ms = (performance.now() - started).toFixed(1);
      this.log.trace(`lint: ${document.uri.fsPath} v${document.version}: ${problems.length} problems in ${ms} ms`);
      const links = this.linkResults.get(document.uri.toString());
      if (links) problems = [...problems, ...linkProblems(text, links, settings.lint.rules)].sort(byPosition);
    } catch (e) {
      this.log.error(`lint: ${document.uri.fsPath}: ${e instanceof Error ? e.stack : String(e)}`);
      problems = [];
    }
    return { version: document.version, problems, complete };
  }

  /**
   * What the document's text becomes with the preferred fix of every problem it shows applied (one pass
   * of {@link fixPost}: a fix that brings another problem to light leaves it to be seen first), with the
   * siblings' date style; and the one edit that makes it.
   */
  async fixAll(document: vscode.TextDocument): Promise<FixResult & { edit: TextEdit }> {
    await this.siblingsRead(document);
    const text = document.getText();
    const result = fixPost(text, this.settings.value, this.contextOf(document).context, 1);
    return { ...result, edit: differingPart(text, result.text) };
  }

  /**
   * What the lint of a document needs to know beside its text: complete once the blog's posts folder
   * is known (till then, a page's rules only: nothing shows that may be wrong) and the siblings' dates
   * are read.
   */
  private contextOf(document: vscode.TextDocument): { context: PostContext; complete: boolean } {
    const context: PostContext = { now: new Date() };
    if (document.uri.scheme === 'untitled') return { context, complete: true };
    const { post, known } = this.blog.postNow(document.uri);
    context.syntaxOnly = !post;
    context.schema = this.blog.schemaNow();
    context.generator = this.blog.generatorNow();
    context.fileName = path.posix.basename(document.uri.path);
    context.path = this.blog.pathOf(document.uri);
    const siblings = this.siblingsOf(document.uri).value;
    context.siblingDates = siblings && siblingDates(siblings, context.fileName);
    // The blog's roundups, for post-featured-before: the post itself never counts.
    const featured = this.featured;
    if (featured?.built) context.featured = { index: featured.index, self: featured.pathOf(document.uri) };
    return { context, complete: siblings !== undefined && known && (!featured || featured.built) };
  }

  /** Clears the document's diagnostics and problems, those of its last link check too. */
  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.published.delete(uri.toString());
    this.linkResults.delete(uri.toString());
    this.deleted.delete(uri.toString());
  }

  /**
   * The document's file was deleted outside the editor (a terminal, git): its problems are cleared and
   * it is not linted again (a settings change, Fix all) until {@link restored}, though its tab is open.
   */
  deletedOnDisk(uri: vscode.Uri): void {
    this.forget(uri);
    this.deleted.add(uri.toString());
  }

  /** The document was edited, or its file written again: it is linted as before. True if it was marked deleted. */
  restored(uri: vscode.Uri): boolean {
    return this.deleted.delete(uri.toString());
  }

  /**
   * The problems of the document as it is now, for its code actions, at once: the published ones when they
   * are of its version (as the editor shows them, even linted before the siblings' dates were read), else
   * (an edit the diagnostics have not caught up with: they wait for a pause in typing) a lint of it now,
   * not published. Never waits for the blog to be read: Ctrl+. answers at once, as the editor shows.
   */
  problemsShown(document: vscode.TextDocument): Problem[] {
    const published = this.published.get(document.uri.toString());
    if (published?.version === document.version) return published.problems;
    const gone = document.isClosed || this.deleted.has(document.uri.toString());
    return gone ? [] : this.lint(document).problems;
  }

  /** Resolves once all a complete lint of the document needs is known ({@link contextOf}). */
  private async siblingsRead(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme === 'untitled') return;
    await Promise.all([this.siblingsOf(document.uri).dates, this.blog.ready(), this.featured?.ready()]);
  }

  private siblingsOf(uri: vscode.Uri): Siblings {
    const folder = vscode.Uri.joinPath(uri, '..');
    const key = folder.toString();
    const cached = this.siblings.get(key);
    if (cached && Date.now() - cached.at < SIBLINGS_MS) return cached;
    const siblings: Siblings = { at: Date.now(), dates: datesOfFolder(folder) };
    void siblings.dates.then((dates) => (siblings.value = dates));
    this.siblings.set(key, siblings);
    return siblings;
  }

  dispose(): void {
    this.updates.dispose();
    this.collection.dispose();
    this.published.clear();
    this.linkResults.clear();
    this.siblings.clear();
  }
}

/** The dates of the files a folder's posts take their siblings from ({@link readFolderDates}, as `roundup lint`). */
async function datesOfFolder(folder: vscode.Uri): Promise<FolderDates> {
  try {
    const files = (await vscode.workspace.fs.readDirectory(folder)).filter(([, type]) => type === vscode.FileType.File);
    return await readFolderDates(files.map(([name]) => name), (name) => readHead(vscode.Uri.joinPath(folder, name)));
  } catch {
    return [];
  }
}
