/**
 * Where the posts live when `roundup.postsFolder` is empty, which posts are roundups (a draft starts at
 * the newest), and the author of a new post taken from its siblings. Paths are workspace-relative with
 * `/`; '' is the root.
 */
import { datedPath } from '../base/datedPath';
import { type FrontMatterBlock, locateFrontMatter, startsWithFrontMatter } from '../frontmatter/locate';
import { parsePostDate, readDate } from '../frontmatter/dates';
import { countEntries } from '../markdown';

/** A candidate post: its workspace-relative path and the start of its text. */
export interface PostFile {
  path: string;
  head: string;
}

export interface PostsFolderChoice {
  /** Workspace-relative folder, '' for the workspace folder itself. */
  folder: string;
  /** How many posts it holds. */
  posts: number;
}

function depth(folder: string): number {
  return folder === '' ? 0 : folder.split('/').length;
}

/**
 * The folder of the blog's posts this file is one of: a dated path (base/datedPath.ts) and a text that
 * starts with front matter (YAML, TOML or JSON). Undefined when it is not such a post.
 */
export function datedPostFolder(file: PostFile): string | undefined {
  const dated = datedPath(file.path);
  return dated && startsWithFrontMatter(file.head) ? dated.folder : undefined;
}

/**
 * The folder that holds the most dated posts (in the folder itself, in bundles or in year/month/day
 * folders under it); ties go to the shallowest, then to the first by name. Undefined when no file is a post.
 */
export function choosePostsFolder(files: Iterable<PostFile>): PostsFolderChoice | undefined {
  const counts = new Map<string, number>();
  for (const file of files) {
    const folder = datedPostFolder(file);
    if (folder === undefined) continue;
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  let best: PostsFolderChoice | undefined;
  for (const [folder, posts] of counts) {
    const better = !best || posts > best.posts || (posts === best.posts &&
      (depth(folder) < depth(best.folder) || (depth(folder) === depth(best.folder) && folder < best.folder)));
    if (better) best = { folder, posts };
  }
  return best;
}

/** A top-level `key: value` (YAML), `key = value` (TOML) or `"key": value` (JSON) line. */
const KEY_LINE = {
  yaml: (key: string) => new RegExp(`^${key}[ \\t]*:[ \\t]*(.*?)[ \\t]*\\r?$`, 'm'),
  toml: (key: string) => new RegExp(`^${key}[ \\t]*=[ \\t]*(.*?)[ \\t]*\\r?$`, 'm'),
  json: (key: string) => new RegExp(`^[ \\t]*"${key}"[ \\t]*:[ \\t]*(.*?),?[ \\t]*\\r?$`, 'm'),
};

/** The expressions of {@link KEY_LINE} made so far, by format and key. */
const keyLines = new Map<string, RegExp>();

/** The value of a top-level key in the front matter of `text`, as written (quotes removed). */
export function frontMatterValue(text: string, key: string): string | undefined {
  return frontMatterValueIn(text, locateFrontMatter(text), key);
}

/** {@link frontMatterValue} in a text whose front matter block (undefined: none) is already located. */
export function frontMatterValueIn(text: string, block: FrontMatterBlock | undefined, key: string): string | undefined {
  if (!block) return undefined;
  const content = text.slice(block.contentStart, block.contentEnd);
  const lineOf = `${block.format}:${key}`;
  let line = keyLines.get(lineOf);
  if (!line) keyLines.set(lineOf, (line = KEY_LINE[block.format](key)));
  const m = line.exec(content);
  if (!m) return undefined;
  const value = m[1].replace(/[ \t]+#.*$/, '');
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2] : value;
}

/**
 * Is the post (its front matter block located: undefined for none) a draft its site does not publish:
 * `published: false` (Jekyll, Middleman) or `draft: true` (Hugo, Zola, Astro, Eleventy blogs)?
 */
export function isUnpublished(text: string, block: FrontMatterBlock | undefined): boolean {
  const published = frontMatterValueIn(text, block, 'published');
  if (published !== undefined && /^(?:false|no|off)$/i.test(published)) return true;
  const draft = frontMatterValueIn(text, block, 'draft');
  return draft !== undefined && /^(?:true|yes|on)$/i.test(draft);
}

/**
 * Is this post a published roundup, one that may set a draft's start? Not when it is unpublished
 * ({@link isUnpublished}: `published: false`, `draft: true`).
 * It holds entry blocks in the blog's wording ({@link countEntries}): at least one block with a read-more
 * line or a quote under a linked title, or at least two entries of the other shapes (read-more lines
 * under a title that is not bold, linked titles alone, items of lists of entry links). A post with one
 * stray link, a tutorial with links in its prose, and the empty post just made by "New roundup post" are
 * not roundups.
 */
export function isRoundup(text: string): boolean {
  const block = locateFrontMatter(text);
  if (isUnpublished(text, block)) return false;
  const entries = countEntries(text, block ? (block.close?.end ?? block.contentEnd) : 0);
  if (entries.readMore + entries.quotedTitles > 0) return true;
  return entries.readMoreLines + entries.linkedTitles + entries.listItems >= 2;
}

/** A sibling post: its text and file name (for its date when the front matter has none). */
export interface SiblingPost {
  fileName: string;
  text: string;
}

/** The `author` of the most recent sibling post (by front matter date, else the file name's day) that names one. */
export function authorFromSiblings(posts: Iterable<SiblingPost>): string | undefined {
  let best: { author: string; time: number } | undefined;
  for (const post of posts) {
    const author = frontMatterValue(post.text, 'author')?.trim();
    if (!author) continue;
    const day = datedPath(post.fileName)?.day;
    const date = parsePostDate(frontMatterValue(post.text, 'date')) ?? (day ? parsePostDate(day) : undefined);
    const time = date?.getTime() ?? -Infinity;
    if (!best || time > best.time) best = { author, time };
  }
  return best?.author;
}

/** A day typed as `YYYY-MM-DD` (00:00 UTC), for "Choose a start date…"; undefined when it is not one. */
export function parseDay(text: string): Date | undefined {
  const day = text.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? readDate(day).time : undefined;
}
