/**
 * What Roundup knows of a blog's front matter: the keys of each post (read once from the head of its
 * file, and again only when that file changes) and the files that declare a schema; from them the
 * blog's schema (frontmatter/blogSchema.ts), with the user's settings winning key by key. One policy
 * for the editor (extension/blog.ts follows the files) and `roundup lint` / `roundup schema`.
 * Paths are relative to the blog's root, with `/`.
 */
import { resolveSchema, type BlogSchema, type SchemaSettings } from './frontmatter/blogSchema';
import { isDeclarationPath, readDeclared, type Declared } from './frontmatter/declared';
import { PostKeysIndex } from './frontmatter/learn';
import { isPostPath, type PostsRule } from './posts';

/** Declaration files at fixed places of a blog (besides `.astro/collections/*.schema.json` and `_index.md` pages). */
export const DECLARATION_FILES = ['frontmatter.json', '_config.yml'] as const;
/** Where Astro writes its collections' JSON Schemas. */
export const ASTRO_COLLECTIONS_FOLDER = '.astro/collections';

export class BlogKnowledge {
  private readonly posts = new PostKeysIndex();
  private readonly declarations = new Map<string, string>();
  private declared: Declared | undefined;
  private cached: { key: string; schema: BlogSchema } | undefined;

  constructor(private rule: PostsRule) {}

  /** Which files are posts changed: the posts are read again by the caller ({@link clear} first). */
  setRule(rule: PostsRule): void {
    this.rule = rule;
    this.clear();
  }

  clear(): void {
    this.posts.clear();
    this.declarations.clear();
    this.changed();
  }

  /** Is the file one Roundup learns from (a post) or reads a declaration from? */
  wants(path: string): boolean {
    return isDeclarationPath(path) || isPostPath(path, this.rule);
  }

  /** Was the file read: a post with front matter, or a declaration file? */
  knows(path: string): boolean {
    return this.posts.has(path) || this.declarations.has(path);
  }

  /** The file's text (the head of a post is enough) was read, first or again. */
  setFile(path: string, text: string): void {
    if (isDeclarationPath(path)) this.declarations.set(path, text);
    else if (isPostPath(path, this.rule)) this.posts.set(path, text);
    else return;
    this.changed();
  }

  deleteFile(path: string): void {
    this.posts.delete(path);
    this.declarations.delete(path);
    this.changed();
  }

  /** The schema of the blog with the settings the user set (cached until a file or the settings change). */
  schema(settings: SchemaSettings): BlogSchema {
    const key = JSON.stringify(settings);
    if (this.cached?.key === key) return this.cached.schema;
    this.declared ??= readDeclared(
      [...this.declarations].map(([path, text]) => ({ path, text })),
      this.rule.globs.length > 0 ? undefined : this.rule.folder,
    );
    const schema = resolveSchema(this.posts.learn(), this.declared, settings);
    this.cached = { key, schema };
    return schema;
  }

  /** Declaration files that could not be read, with why (for the log and the CLI's warnings). */
  unreadable(): Declared['unreadable'] {
    return this.declared?.unreadable ?? [];
  }

  private changed(): void {
    this.declared = undefined;
    this.cached = undefined;
  }
}
