import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { datedPathGlobs } from '../core/base/datedPath';
import type { LineSpan } from '../core/base/lines';
import { MARKDOWN_EXTENSION_NAMES } from '../core/roundup/post';
import { POST_HEAD_LENGTH } from '../core/roundup/siblings';

/**
 * Documents and files as Roundup sees them, for every contribution: what is a post, a post's head,
 * the posts of a folder, and offsets as ranges.
 */

/**
 * Where posts live: files on disk (local or remote), new unsaved posts, virtual workspaces. Not diff
 * sides, notebook cells, chat blocks, output.
 */
const POST_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/** Is the document a post Roundup lints, marks entries for and inserts into? */
export function isPost(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && POST_SCHEMES.has(document.uri.scheme);
}

/** The range of `[start, end)` offsets in the document. */
export function rangeOf(document: vscode.TextDocument, span: Pick<LineSpan, 'start' | 'end'>): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

/** The first {@link POST_HEAD_LENGTH} bytes of a post: enough for its front matter, without reading the whole file. */
export async function readHead(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'file') {
    const handle = await fs.open(uri.fsPath, 'r');
    try {
      const buffer = Buffer.alloc(POST_HEAD_LENGTH);
      const { bytesRead } = await handle.read(buffer, 0, POST_HEAD_LENGTH, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  }
  return Buffer.from((await vscode.workspace.fs.readFile(uri)).subarray(0, POST_HEAD_LENGTH)).toString('utf8');
}

/** The whole text of a file, as UTF-8. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** The markdown files under `folder` (not in node_modules), at most `max`. */
export function findPosts(folder: vscode.Uri, max: number): Thenable<vscode.Uri[]> {
  const glob = `**/*.{${MARKDOWN_EXTENSION_NAMES.join(',')}}`;
  return vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', max);
}

/** Folders that never hold the posts: packages, version control, build output. */
const NOT_POSTS = `{${['node_modules', '.git', 'out', 'dist', 'build', '_site', 'public', '.vscode-test']
  .map((name) => `**/${name}/**`).join(',')}}`;

/**
 * The markdown files anywhere below `root` whose path may be dated like a post's (core/base/datedPath.ts:
 * the name, a bundle's folder, year/month/day folders; it has the last word), not in {@link NOT_POSTS},
 * at most `max`.
 */
export async function findDatedFiles(root: vscode.Uri, max: number): Promise<vscode.Uri[]> {
  const globs = datedPathGlobs(`{${MARKDOWN_EXTENSION_NAMES.join(',')}}`);
  const found = await Promise.all(globs.map((glob) =>
    vscode.workspace.findFiles(new vscode.RelativePattern(root, glob), NOT_POSTS, max)));
  const unique = new Map(found.flat().map((uri) => [uri.toString(), uri]));
  return [...unique.values()].slice(0, max);
}
