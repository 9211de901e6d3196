import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedEntry } from '../core/feeds/types';
import { FeaturedIndex, featuredMark, type FeaturedMark } from '../core/roundup/featured';
import { MARKDOWN_EXTENSION_NAMES } from '../core/roundup/post';
import type { Blog } from './blog';
import { readText } from './documents';
import type { Settings } from './settings';
import type { ShortLinks } from './shortLinkService';

/** How many markdown files are read for the index. */
const MAX_FILES = 20_000;
const NOT_POSTS = '{**/node_modules/**,**/.git/**,**/out/**,**/dist/**,**/_site/**,**/public/**,**/.vscode-test/**}';

/**
 * What the blog's roundups already feature (core/roundup/featured.ts): the index of the workspace's posts,
 * built once from their files on first use and then kept current file by file (a watcher: a created or
 * changed post is read again, a deleted one leaves). Read again whole when which files are posts changes.
 */
export class FeaturedPosts implements vscode.Disposable {
  readonly index: FeaturedIndex;
  private building: Promise<void> | undefined;
  /** Bumped when the index is built again: a file read begun before is dropped. */
  private generation = 0;
  private readonly changes = new vscode.EventEmitter<void>();
  /** Fires when what the index holds changed (built, or a post read again). */
  readonly onDidChange = this.changes.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    settings: Settings,
    private readonly blog: Blog,
    private readonly shortLinks: ShortLinks,
  ) {
    this.index = new FeaturedIndex({ authors: settings.value.authors });
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*.{${MARKDOWN_EXTENSION_NAMES.join(',')}}`);
    this.disposables = [
      watcher,
      watcher.onDidCreate((uri) => this.readPost(uri)),
      watcher.onDidChange((uri) => this.readPost(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      blog.onDidChange(() => this.again()),
      settings.onDidChange(() => {
        this.index.setAuthors(settings.value.authors);
        this.changes.fire();
      }),
    ];
  }

  /** Resolves once the index holds every post of the workspace (built on the first call). */
  ready(): Promise<void> {
    return (this.building ??= this.build());
  }

  /** Is the index built (it is started when not)? */
  get built(): boolean {
    if (!this.building) void this.ready();
    return this.builtNow;
  }

  private builtNow = false;

  /** The post's path in the index: workspace-relative, else its URI. */
  pathOf(uri: vscode.Uri): string {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root || uri.scheme !== root.scheme || uri.authority !== root.authority) return uri.toString();
    const relative = path.posix.relative(root.path, uri.path);
    return relative.startsWith('..') ? uri.toString() : relative;
  }

  /** The path prefix of the posts under `folder` (`posts/`; '' for the workspace folder), for a draft's scope. */
  folderPrefix(folder: vscode.Uri): string {
    const relative = this.pathOf(folder);
    return relative === '' || relative.includes(':') ? '' : `${relative}/`;
  }

  /** The mark of an entry a roundup other than `post` (the one being written) features; none till it is built. */
  mark(entry: FeedEntry, post: vscode.Uri | undefined): FeaturedMark | undefined {
    if (!this.built) return undefined;
    return featuredMark(entry, this.index, post && this.pathOf(post));
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (root) {
      await this.blog.ready();
      const glob = new vscode.RelativePattern(root, `**/*.{${MARKDOWN_EXTENSION_NAMES.join(',')}}`);
      const found = await vscode.workspace.findFiles(glob, NOT_POSTS, MAX_FILES);
      const files = found.filter((u) => this.blog.postNow(u).post);
      const texts = await Promise.all(files.map((uri) => readText(uri).catch(() => undefined)));
      if (generation !== this.generation) return;
      this.index.setShortLinks(this.shortLinks.links);
      files.forEach((uri, i) => {
        const text = texts[i];
        if (text !== undefined) this.index.update(this.pathOf(uri), text);
      });
    }
    this.builtNow = true;
    this.changes.fire();
  }

  /** A post was created or changed on disk: its entries are read again (once the index is built). */
  private async readPost(uri: vscode.Uri): Promise<void> {
    if (!this.building) return;
    await this.building;
    const generation = this.generation;
    const text = this.blog.postNow(uri).post ? await readText(uri).catch(() => undefined) : undefined;
    if (generation !== this.generation) return;
    this.index.setShortLinks(this.shortLinks.links);
    if (text === undefined) this.index.remove(this.pathOf(uri));
    else this.index.update(this.pathOf(uri), text);
    this.changes.fire();
  }

  private forget(uri: vscode.Uri): void {
    if (!this.building) return;
    this.index.remove(this.pathOf(uri));
    this.changes.fire();
  }

  /** Which files are posts changed: the index is built again (from scratch) when it was built. */
  private again(): void {
    if (!this.building) return;
    this.generation++;
    this.builtNow = false;
    for (const p of this.index.paths()) this.index.remove(p);
    this.building = this.build();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.changes.dispose();
  }
}
