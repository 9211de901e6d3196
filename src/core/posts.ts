/**
 * Which markdown files of a blog are posts. Posts get every lint rule and every fix; other files with
 * front matter (documentation pages, a section's `index.md` or `_index.md`) are pages: a broken block
 * is broken wherever it is, so they get the syntax rules only, never a schema rule or a schema fix.
 * One policy for the editor and `roundup lint`. Paths are relative to the blog's root, with `/`.
 */
import { datedPath } from './base/datedPath';
import { globToRegExp } from './files';
import { choosePostsFolder, type PostFile } from './roundup/postsFolder';

export interface PostsRule {
  /** `roundup.posts`: globs of the posts; when given, they alone decide. */
  globs: readonly string[];
  /** The posts folder, set or detected ('' = the root); undefined when the blog shows none. */
  folder: string | undefined;
}

/** A section's own page: Hugo's and Zola's `_index.md`, and an `index.md`. */
const SECTION_NAME = /^_?index\./i;

/** Folder names generators and themes give their posts, for a blog whose post names hold no date. */
const POSTS_FOLDER_NAMES = new Set(['_posts', 'posts', 'post', 'blog', 'articles']);

function folderOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

/**
 * Is the file at `path` a post? With `roundup.posts` globs, when one matches. Else: `_index.md` never;
 * a file whose path is dated like a post's (base/datedPath.ts) always; when no posts folder is known,
 * every file (a blog Roundup cannot read is linted as before); else a file of the posts folder or its
 * subfolders, but not the folder's own `index.md` (a post bundle's `index.md`, one folder down, is a post).
 */
export function isPostPath(path: string, rule: PostsRule): boolean {
  if (rule.globs.length > 0) return rule.globs.some((glob) => globToRegExp(glob.replace(/^\.\//, '')).test(path));
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.startsWith('_index.')) return false;
  if (datedPath(path)) return true;
  if (rule.folder === undefined) return true;
  const inside = rule.folder === '' || path.startsWith(`${rule.folder}/`);
  if (!inside) return false;
  return !SECTION_NAME.test(name) || folderOf(path) !== rule.folder;
}

/**
 * The posts folder of a blog whose settings name none: the folder with the most dated posts (see
 * {@link choosePostsFolder}); else, for posts named without a date (Hugo's `content/posts/`, Astro's
 * `src/content/blog/`), the folder named like a posts folder that holds the most markdown files;
 * undefined when there is neither. `files` are the blog's markdown files, with the start of their text.
 */
export function detectPostsFolder(files: readonly PostFile[]): string | undefined {
  const dated = choosePostsFolder(files);
  if (dated) return dated.folder;
  const counts = new Map<string, number>();
  for (const { path } of files) {
    const folders = folderOf(path).split('/');
    let at = folders.length - 1;
    while (at >= 0 && !POSTS_FOLDER_NAMES.has(folders[at]!.toLowerCase())) at--;
    if (at < 0) continue;
    const folder = folders.slice(0, at + 1).join('/');
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return best?.[0];
}
