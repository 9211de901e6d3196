import * as path from 'node:path';
import * as vscode from 'vscode';
import { dateValueOf, lintPost, type PostContext } from '../core/lint';
import type { Problem } from '../core/problem';
import { isMarkdownFileName, readHead } from './documents';
import type { Settings } from './settings';

/** The `source` of Roundup's diagnostics, and the last part of its fix-all code action kind. */
export const SOURCE = 'roundup';

/** How many sibling posts are read to learn how the blog writes its dates. */
const MAX_SIBLINGS = 40;
/** Sibling dates are read again after this long: code actions are asked for on every cursor move. */
const SIBLINGS_MS = 30_000;

interface Published {
  version: number;
  problems: Problem[];
  /** Linted with the siblings' dates (or the post has no folder): the fixes are the final ones. */
  complete: boolean;
}

interface Siblings {
  at: number;
  dates: Promise<string[]>;
  /** The dates once read. */
  value?: string[];
}

/**
 * The problems of the posts: linted with what the fixes need (the file name, the siblings' date
 * style, read in the background so typing never waits for other files), and the problems the
 * published diagnostics came from, per document version, for the code actions to take their fixes from.
 */
export class PostProblems implements vscode.Disposable {
  private readonly published = new Map<string, Published>();
  private readonly siblings = new Map<string, Siblings>();

  constructor(private readonly settings: Settings) {}

  /**
   * Lints the document now, with the siblings' dates if they have been read; `complete` is false
   * when they have not (call {@link siblingsRead} and lint again).
   */
  lintNow(document: vscode.TextDocument): { problems: Problem[]; complete: boolean } {
    const context: PostContext = { now: new Date() };
    let complete = true;
    if (document.uri.scheme !== 'untitled') {
      context.fileName = path.posix.basename(document.uri.path);
      const siblings = this.siblingsOf(document.uri);
      context.siblingDates = siblings.value;
      complete = siblings.value !== undefined;
    }
    return { problems: lintPost(document.getText(), this.settings.value, context), complete };
  }

  /** Resolves once the dates of the document's siblings have been read. */
  async siblingsRead(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'untitled') await this.siblingsOf(document.uri).dates;
  }

  /** Keeps the problems the diagnostics of this version of the document were made from. */
  publish(document: vscode.TextDocument, problems: Problem[], complete: boolean): void {
    this.published.set(document.uri.toString(), { version: document.version, problems, complete });
  }

  forget(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
  }

  /**
   * The problems of the document as it is: those published for its version, else (another version,
   * or published before the siblings were read) linted now with the siblings' dates.
   */
  async problemsOf(document: vscode.TextDocument): Promise<Problem[]> {
    const published = this.published.get(document.uri.toString());
    if (published && published.version === document.version && published.complete) return published.problems;
    await this.siblingsRead(document);
    return this.lintNow(document).problems;
  }

  private siblingsOf(uri: vscode.Uri): Siblings {
    const folder = vscode.Uri.joinPath(uri, '..');
    const key = folder.toString();
    const cached = this.siblings.get(key);
    if (cached && Date.now() - cached.at < SIBLINGS_MS) return cached;
    const siblings: Siblings = { at: Date.now(), dates: readSiblingDates(folder, path.posix.basename(uri.path)) };
    void siblings.dates.then((dates) => (siblings.value = dates));
    this.siblings.set(key, siblings);
    return siblings;
  }

  dispose(): void {
    this.published.clear();
    this.siblings.clear();
  }
}

async function readSiblingDates(folder: vscode.Uri, self: string): Promise<string[]> {
  try {
    const names = (await vscode.workspace.fs.readDirectory(folder))
      .filter(([name, type]) => type === vscode.FileType.File && isMarkdownFileName(name) && name !== self)
      .map(([name]) => name)
      .sort()
      .slice(-MAX_SIBLINGS);
    const dates = await Promise.all(names.map(async (name) => dateValueOf(await readHead(vscode.Uri.joinPath(folder, name)))));
    return dates.filter((d): d is string => d !== undefined);
  } catch {
    return [];
  }
}
