import * as path from 'node:path';
import * as vscode from 'vscode';
import { ASTRO_COLLECTIONS_FOLDER, BlogKnowledge, DECLARATION_FILES } from '../core/blog';
import { schemaSettingsOf, type BlogSchema } from '../core/frontmatter/blogSchema';
import { CONFIG_GLOB, detectGenerator, SHARED_CONFIG, type Generator } from '../core/frontmatter/siteGenerator';
import type { Schema } from '../core/frontmatter/schema';
import { detectPostsFolder, isPostPath, type PostsRule } from '../core/posts';
import { isDeclarationPath } from '../core/frontmatter/declared';
import { MARKDOWN_EXTENSION_NAMES } from '../core/roundup/post';
import { POST_HEAD_LENGTH } from '../core/roundup/siblings';
import { findDatedFiles, findPosts, readHead, readText } from './documents';
import type { Settings } from './settings';

/** How many markdown files are looked at to find the posts folder. */
const MAX_FILES = 5000;

/** Folders that never hold the posts, for the search of posts named without a date. */
const NOT_POSTS = '{**/node_modules/**,**/.git/**,**/out/**,**/dist/**,**/_site/**,**/public/**,**/.vscode-test/**}';

/** The files that may declare the schema, besides the markdown section pages. */
const DECLARATIONS = `{${[...DECLARATION_FILES, `${ASTRO_COLLECTIONS_FOLDER}/*.schema.json`].join(',')}}`;

/**
 * Which files of the workspace are posts (core/posts.ts): `roundup.posts`, else the posts folder, set
 * or found in the workspace's files once and again when a markdown file is created or deleted or the
 * settings change. Files outside the first workspace folder, and unsaved ones, are posts.
 * And the blog's front matter schema (core/blog.ts): the head of each post and the declaration files
 * read once with the rule, then each file again only when it changes on disk.
 */
export class Blog implements vscode.Disposable {
  private rule: PostsRule | undefined;
  private reading: Promise<PostsRule> | undefined;
  /** Bumped when what the rule is made from changes: a read begun before is read again. */
  private generation = 0;
  private readonly changes = new vscode.EventEmitter<void>();
  /** Fires when the rule changed: which files are posts may be different. */
  readonly onDidChange = this.changes.event;
  private readonly disposables: vscode.Disposable[];
  private knowledge: BlogKnowledge | undefined;
  private generator: Generator | undefined;

  /** The settings the rule was read with, to tell a change of them from one of other settings. */
  private readWith = '';

  constructor(private readonly settings: Settings) {
    const markdown = `**/*.{${MARKDOWN_EXTENSION_NAMES.join(',')}}`;
    const watcher = vscode.workspace.createFileSystemWatcher(markdown);
    const declarations = vscode.workspace.createFileSystemWatcher(DECLARATIONS);
    // A site generator's configuration file at the root: the generator is read again.
    const root = vscode.workspace.workspaceFolders?.[0];
    const pattern = root && new vscode.RelativePattern(root, CONFIG_GLOB);
    const configs = pattern ? [vscode.workspace.createFileSystemWatcher(pattern)] : [];
    const changed = () => void this.configChanged();
    const configEvents = configs.flatMap((w) => [w.onDidCreate, w.onDidChange, w.onDidDelete].map((on) => on(changed)));
    this.disposables = [
      watcher,
      declarations,
      ...configs,
      ...configEvents,
      watcher.onDidCreate(() => this.again()),
      watcher.onDidDelete(() => this.again()),
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      declarations.onDidCreate((uri) => this.fileChanged(uri)),
      declarations.onDidChange((uri) => this.fileChanged(uri)),
      declarations.onDidDelete((uri) => this.fileChanged(uri)),
      settings.onDidChange(() => {
        if (this.settingsKey() !== this.readWith) this.again();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.again()),
      vscode.workspace.onDidOpenTextDocument((document) => this.documentSeen(document, false)),
      vscode.workspace.onDidSaveTextDocument((document) => this.documentSeen(document, true)),
    ];
  }

  /**
   * Is the file a post, as far as Roundup knows now? `known` is false until the workspace's posts
   * folder is found (a page till then), and while it is read again after a change (the answer of the
   * last reading till then): {@link ready} resolves when it is known.
   */
  postNow(uri: vscode.Uri): { post: boolean; known: boolean } {
    const relative = this.pathOf(uri);
    if (relative === undefined) return { post: true, known: true };
    if (!this.rule) void this.ready();
    const known = this.rule !== undefined && !this.reading;
    return { post: this.rule !== undefined && isPostPath(relative, this.rule), known };
  }

  /** Resolves once which files are posts is known. */
  async ready(): Promise<void> {
    if (this.rule && !this.reading) return;
    await (this.reading ??= this.read());
  }

  /**
   * The schema the posts are linted with now (the settings win key by key); undefined while the blog is
   * first read, or when the settings say the whole schema.
   */
  schemaNow(): Schema | undefined {
    const { set } = this.settings.value.frontMatter;
    if (set.required && set.fields) return undefined;
    return this.knowledge?.schema(schemaSettingsOf(this.settings.value.frontMatter)).schema;
  }

  /** The blog's site generator, once the blog is read, when its configuration file tells. */
  generatorNow(): Generator | undefined {
    return this.generator;
  }

  /**
   * The posts folder found or set (relative to the workspace, '' for its root), once the blog is read;
   * undefined when `roundup.posts` globs say which files are posts, or no folder shows.
   */
  async postsFolder(): Promise<string | undefined> {
    await this.ready();
    return this.rule && this.rule.globs.length === 0 ? this.rule.folder : undefined;
  }

  /** The blog's schema with where each key comes from, once the blog is read ("Show front matter schema"). */
  async schema(): Promise<BlogSchema | undefined> {
    await this.ready();
    return this.knowledge?.schema(schemaSettingsOf(this.settings.value.frontMatter));
  }

  /** A post or a declaration file changed on disk: read it again, and say so when the schema changed. */
  private fileChanged(uri: vscode.Uri): void {
    const relative = this.pathOf(uri);
    if (relative === undefined) return;
    // While the blog is read, the file may have been read before this change (a new file, read empty
    // before its text was written): the reading starts again.
    if (this.reading) {
      if (this.knowledge?.wants(relative) !== false) this.again();
      return;
    }
    const knowledge = this.knowledge;
    if (!knowledge || !knowledge.wants(relative)) return;
    const before = JSON.stringify(this.schemaNow());
    // A post's head holds its front matter; a declaration file is read whole.
    const read = /\.(?:json|ya?ml)$/.test(relative) ? readText : readHead;
    void read(uri).then(
      (text) => knowledge.setFile(relative, text),
      () => knowledge.deleteFile(relative),
    ).then(() => {
      if (knowledge === this.knowledge && JSON.stringify(this.schemaNow()) !== before) this.changes.fire();
    });
  }

  /** The path of the file relative to the first workspace folder; undefined outside it or unsaved. */
  pathOf(uri: vscode.Uri): string | undefined {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root || uri.scheme !== root.scheme || uri.authority !== root.authority) return undefined;
    const relative = path.posix.relative(root.path, uri.path);
    return relative.startsWith('..') || path.posix.isAbsolute(relative) ? undefined : relative;
  }

  private settingsKey(): string {
    return JSON.stringify([this.settings.value.posts, this.settings.value.postsFolder]);
  }

  private async read(): Promise<PostsRule> {
    const generation = this.generation;
    this.readWith = this.settingsKey();
    // A workspace Roundup cannot search is linted as one that shows no posts folder: every file a post.
    const [rule, generator] = await Promise.all([
      this.readRule().catch((): PostsRule => ({ globs: [], folder: undefined })),
      this.readGenerator().catch(() => undefined),
    ]);
    const knowledge = await this.readKnowledge(rule).catch(() => undefined);
    if (generation !== this.generation) return this.read();
    const before = JSON.stringify(this.schemaNow());
    this.knowledge = knowledge;
    const changed =
      JSON.stringify(rule) !== JSON.stringify(this.rule) ||
      JSON.stringify(this.schemaNow()) !== before ||
      generator !== this.generator;
    this.rule = rule;
    this.generator = generator;
    this.reading = undefined;
    if (changed) this.changes.fire();
    return rule;
  }

  private async readRule(): Promise<PostsRule> {
    const { posts: globs, postsFolder } = this.settings.value;
    if (globs.length > 0) return { globs, folder: undefined };
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) return { globs, folder: undefined };
    const relative = (uri: vscode.Uri) => path.posix.relative(root.path, uri.path);
    const configured = postsFolder.trim();
    if (configured) {
      const parts = configured.split(/[\\/]+/);
      const folder = path.isAbsolute(configured) ? vscode.Uri.file(configured) : vscode.Uri.joinPath(root, ...parts);
      return { globs, folder: relative(folder) };
    }
    const dated = await findDatedFiles(root, MAX_FILES);
    const withHead = async (uri: vscode.Uri) => ({ path: relative(uri), head: await readHead(uri).catch(() => '') });
    const files = await Promise.all(dated.map(withHead));
    let folder = detectPostsFolder(files);
    if (folder === undefined) {
      const glob = `**/{_posts,posts,post,blog,articles}/**/*.{${MARKDOWN_EXTENSION_NAMES.join(',')}}`;
      const named = await vscode.workspace.findFiles(new vscode.RelativePattern(root, glob), NOT_POSTS, MAX_FILES);
      folder = detectPostsFolder(named.map((uri) => ({ path: relative(uri), head: '' })));
    }
    return { globs, folder };
  }

  /** The site generator the configuration file at the workspace's root names (frontmatter/siteGenerator.ts). */
  private async readGenerator(): Promise<Generator | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) return undefined;
    const names = (await vscode.workspace.fs.readDirectory(root)).map(([name]) => name);
    const shared = names.includes(SHARED_CONFIG)
      ? await readText(vscode.Uri.joinPath(root, SHARED_CONFIG)).catch(() => undefined)
      : undefined;
    return detectGenerator(names, () => shared);
  }

  /** The heads of the posts and the declaration files of the workspace, for its schema. */
  private async readKnowledge(rule: PostsRule): Promise<BlogKnowledge | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) return undefined;
    const knowledge = new BlogKnowledge(rule);
    const relative = (uri: vscode.Uri) => path.posix.relative(root.path, uri.path);
    const markdown = (await findPosts(root, MAX_FILES)).filter((uri) => knowledge.wants(relative(uri)));
    const declared = await vscode.workspace.findFiles(new vscode.RelativePattern(root, DECLARATIONS), NOT_POSTS, 50);
    await Promise.all([
      ...markdown.map(async (uri) => knowledge.setFile(relative(uri), await readHead(uri).catch(() => ''))),
      ...declared.map(async (uri) => knowledge.setFile(relative(uri), await readText(uri).catch(() => ''))),
    ]);
    return knowledge;
  }

  /** A configuration file at the root was made, changed or deleted: the generator is read again. */
  private async configChanged(): Promise<void> {
    if (this.reading) return this.again();
    const generator = await this.readGenerator().catch(() => undefined);
    if (this.reading || generator === this.generator) return;
    this.generator = generator;
    this.changes.fire();
  }

  /**
   * A document was opened or saved. A post the blog does not know yet is learned from its text, and a
   * saved one is read again: the file watcher may have missed its creation or change (VS Code may leave a
   * folder made at once with its files unwatched), and the post the user works on must count.
   */
  private documentSeen(document: vscode.TextDocument, saved: boolean): void {
    const relative = this.pathOf(document.uri);
    const knowledge = this.knowledge;
    if (relative === undefined || !knowledge || !knowledge.wants(relative)) return;
    if (!saved && knowledge.knows(relative)) return;
    // A reading under way may have searched the folders before the file was there: it reads again.
    if (this.reading) return this.again();
    const before = JSON.stringify(this.schemaNow());
    const text = document.getText();
    knowledge.setFile(relative, isDeclarationPath(relative) ? text : text.slice(0, POST_HEAD_LENGTH));
    if (JSON.stringify(this.schemaNow()) !== before) this.changes.fire();
  }

  /** What the rule is made from changed: read it again (the old one serves meanwhile). */
  private again(): void {
    this.generation++;
    if (!this.reading) this.reading = this.read();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.changes.dispose();
  }
}
