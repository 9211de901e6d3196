import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ASTRO_COLLECTIONS_FOLDER, BlogKnowledge, DECLARATION_FILES } from '../core/blog';
import { expandPaths, readHeadSync } from '../core/files';
import { schemaSettingsOf, type BlogSchema } from '../core/frontmatter/blogSchema';
import { detectGenerator, SHARED_CONFIG, type Generator } from '../core/frontmatter/siteGenerator';
import { detectPostsFolder, type PostsRule } from '../core/posts';
import type { RoundupSettings } from '../core/settings';
import type { Io } from './io';

const slashed = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/** Which files under `root` are posts: `roundup.posts`, else the posts folder set or shown by the files. */
export function postsRuleOf(
  files: readonly { path: string; head: string }[],
  settings: RoundupSettings,
  root: string,
): PostsRule {
  const configured = settings.postsFolder.trim();
  return {
    globs: settings.posts,
    folder: configured ? slashed(root, path.resolve(root, configured)) : detectPostsFolder(files),
  };
}

/** The site generator the configuration file at `root` names (frontmatter/siteGenerator.ts). */
export function generatorOf(root: string): Generator | undefined {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return undefined;
  }
  return detectGenerator(names, () => {
    try {
      return readFileSync(path.join(root, SHARED_CONFIG), 'utf8');
    } catch {
      return undefined;
    }
  });
}

/**
 * What `root` holds of a blog (posts' heads, declaration files) to learn its schema from; `known` texts
 * (full paths) are not read again. Unreadable files are left out.
 */
export async function readBlog(
  root: string,
  settings: RoundupSettings,
  known?: ReadonlyMap<string, string>,
): Promise<BlogKnowledge> {
  const { files } = await expandPaths(['.'], root);
  const heads: { path: string; head: string }[] = [];
  for (const file of files) {
    try {
      heads.push({ path: slashed(root, file), head: known?.get(file) ?? readHeadSync(file) });
    } catch {
      // A file that cannot be read teaches nothing (the lint says so when it is linted).
    }
  }
  const blog = new BlogKnowledge(postsRuleOf(heads, settings, root));
  for (const { path: file, head } of heads) blog.setFile(file, head);
  const collections = path.join(root, ...ASTRO_COLLECTIONS_FOLDER.split('/'));
  const astro = existsSync(collections) ? readdirSync(collections).filter((n) => n.endsWith('.schema.json')) : [];
  const declarations = [...DECLARATION_FILES, ...astro.map((name) => `${ASTRO_COLLECTIONS_FOLDER}/${name}`)];
  for (const name of declarations) {
    try {
      blog.setFile(name, readFileSync(path.join(root, ...name.split('/')), 'utf8'));
    } catch {
      // Not there: nothing declared.
    }
  }
  return blog;
}

/** The blog's schema as `roundup schema` prints it. */
function schemaJson(schema: BlogSchema): string {
  const keys = Object.fromEntries(
    schema.keys.map((k) => [
      k.key,
      { type: k.type, posts: k.posts, required: k.required, source: k.source, ...(k.from ? { from: k.from } : {}) },
    ]),
  );
  const out = { posts: schema.posts, learned: schema.learned, declaredIn: schema.declaredIn, keys };
  return JSON.stringify(out, null, 2);
}

/** `roundup schema [FOLDER]`: the schema Roundup lints the blog in FOLDER with, as JSON. */
export async function runSchema(folder: string | undefined, settings: RoundupSettings, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, folder ?? '.');
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isFolder) {
    io.err(`roundup: ${folder}: no such folder`);
    return 2;
  }
  const blog = await readBlog(root, settings);
  const schema = blog.schema(schemaSettingsOf(settings.frontMatter));
  for (const u of blog.unreadable()) io.err(`warning: ${u.file}: not read: ${u.reason}`);
  io.out(schemaJson(schema));
  return 0;
}
