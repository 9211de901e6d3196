/**
 * New posts (file name, front matter) and the date range of a draft.
 * Every time is UTC; the current time is always passed in.
 */
import { publishedTime } from '../feeds/filter';
import type { FeedEntry } from '../feeds/types';
import { datedPath } from '../base/datedPath';
import { formatUtc, isoDay } from '../base/utc';
import { parsePostDate, readDate } from '../frontmatter/dates';
import { writeFrontMatter, type Entry, type Value } from '../frontmatter/write';
import { MODEL_SHAPE, type PostShape, type ShapeField } from './postShape';
import { ROUNDUP_DEFAULTS } from './defaults';

/* ------------------------------------------------------------------------------------------------
 * File names
 * --------------------------------------------------------------------------------------------- */

const TRANSLITERATE: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th',
  ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h', ŧ: 't', Ŧ: 't', ŋ: 'n', Ŋ: 'n', ſ: 's', ĸ: 'k', ŀ: 'l', Ŀ: 'l',
};

/**
 * A file-name slug: accents transliterated to ASCII (`Haïkel Guémar` -> `haikel-guemar`, `ß` -> `ss`),
 * lowercase, every run of other characters one `-` (the blog's own convention: `What's new` ->
 * `what-s-new`), no `-` at either end, at most `maxLength` characters (cut at a `-`). `post` when
 * nothing is left.
 */
export function slugify(title: string, maxLength = 80): string {
  let s = title
    .replace(/[ßæÆœŒøØđĐðÐþÞłŁıħĦŧŦŋŊſĸŀĿ]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > maxLength) {
    const cut = s.lastIndexOf('-', maxLength);
    s = (cut > 0 ? s.slice(0, cut) : s.slice(0, maxLength)).replace(/-+$/, '');
  }
  return s || 'post';
}

const FILE_NAME_PLACEHOLDERS = ['date', 'slug', 'year', 'month', 'day'];

/**
 * Problems of a file name pattern (placeholders `{date}` YYYY-MM-DD, `{slug}`, `{year}`, `{month}`, `{day}`);
 * [] when valid.
 */
export function validateFileNamePattern(pattern: string): string[] {
  const errors: string[] = [];
  for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
    if (FILE_NAME_PLACEHOLDERS.includes(m[1])) continue;
    const known = FILE_NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
    errors.push(`unknown placeholder "${m[0]}" in the file name pattern; known: ${known}`);
  }
  if (!pattern.includes('{slug}')) errors.push('the file name pattern has no {slug}');
  if (/[/\\]/.test(pattern)) errors.push('the file name pattern must not contain a path separator');
  return errors;
}

/** The file name of a new post; throws an Error when the pattern is invalid. */
export function postFileName(title: string, now: Date, pattern: string = ROUNDUP_DEFAULTS.newPostFileName): string {
  const errors = validateFileNamePattern(pattern);
  if (errors.length > 0) throw new Error(`Invalid file name pattern "${pattern}": ${errors.join('; ')}`);
  const values: Record<string, string> = {
    date: isoDay(now),
    slug: slugify(title),
    year: formatUtc(now, 'YYYY'),
    month: formatUtc(now, 'MM'),
    day: formatUtc(now, 'DD'),
  };
  return pattern.replace(/\{([^{}]*)\}/g, (_, name: string) => values[name]);
}

/**
 * The extensions of markdown files, posts among them: the CLI's folders, the editor's search for posts and
 * siblings.
 */
export const MARKDOWN_EXTENSION_NAMES: readonly string[] = ['md', 'markdown', 'mdown', 'mkd'];

/** A markdown file name: one of {@link MARKDOWN_EXTENSION_NAMES}, any case. */
export const MARKDOWN_EXTENSIONS = new RegExp(`\\.(${MARKDOWN_EXTENSION_NAMES.join('|')})$`, 'i');

/** `.md`, `.markdown`, ... with the `.html` before it that the blog's file names have. */
const POST_EXTENSION = new RegExp(`(?:\\.html)?${MARKDOWN_EXTENSIONS.source}`, 'i');

/** What a post's file name says: the `YYYY-MM-DD` it starts with, and the rest without the extension. */
function fileNameParts(fileName: string): { day?: string; stem: string } {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(POST_EXTENSION, '');
  const m = /^(\d{4}-\d{2}-\d{2})(?:[-_.]|$)/.exec(stem);
  return m ? { day: m[1], stem: stem.slice(m[0].length) } : { stem };
}

/**
 * A title from a post's file name, the reverse of {@link postFileName} as far as it goes:
 * `2016-05-17-rdo-blogs-over-the-last-weeks.html.md` -> `Rdo blogs over the last weeks`.
 */
export function titleFromFileName(fileName: string): string {
  const words = fileNameParts(fileName).stem.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : '';
}

/**
 * `name` if it is not taken, else `name` with `-2`, `-3`, ... before its extension
 * (`.html.md` counts as one extension), so a new post never overwrites a file.
 */
export function uniqueFileName(name: string, taken: ReadonlySet<string> | ((candidate: string) => boolean)): string {
  const has = typeof taken === 'function' ? taken : (n: string) => taken.has(n);
  if (!has(name)) return name;
  const m = /^(.*?)((?:\.[A-Za-z0-9]{1,8}){0,2})$/.exec(name);
  const stem = m ? m[1] : name;
  const ext = m ? m[2] : '';
  for (let k = 2; ; k++) {
    const candidate = `${stem}-${k}${ext}`;
    if (!has(candidate)) return candidate;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Front matter
 * --------------------------------------------------------------------------------------------- */

export interface NewPost {
  title: string;
  /** `roundup.author`; '' leaves the key without a value for the writer to fill in. */
  author: string;
  /**
   * Tags (a list, or a comma-separated string like `roundup.newPost.tags`), written as the blog does: `tags:
   * blogs, openstack`.
   */
  tags: readonly string[] | string;
  /** The current time (injected). */
  now: Date;
}

/**
 * Front matter of a new post in the shape given (./postShape.ts: the blog's format, keys, order and
 * styles), ending with a line break. The model's shape by default, keys in the model post's order:
 *
 *     ---
 *     title: 'Roundup: week 20'
 *     author: rbowen
 *     date: 2016-05-17 17:18:56 UTC
 *     tags: blogs, openstack
 *     comments: true
 *     published: false
 *     ---
 *
 * An empty title, author or tag list leaves the key without a value (the linter points at it).
 */
export function newPostFrontMatter(post: NewPost, shape: PostShape = MODEL_SHAPE): string {
  const list = typeof post.tags === 'string' ? post.tags.split(',') : post.tags;
  const tags = list.map((t) => t.trim()).filter((t) => t !== '');
  const entry = (field: ShapeField): Entry => [field.key, valueOf(field, post, tags, shape)];
  return writeFrontMatter(shape.format, shape.fields.map(entry));
}

function valueOf(field: ShapeField, post: NewPost, tags: readonly string[], shape: PostShape): Value {
  const { fill, quote, list } = field;
  switch (fill) {
    case 'title':
    case 'summary':
      return { text: post.title.trim(), quote };
    case 'author': {
      const author = post.author.trim();
      return list ? { items: author ? [author] : [], list, quote } : { text: author, quote };
    }
    case 'date':
      return { time: post.now, style: shape.dateStyle, quoted: shape.dateQuoted };
    case 'tags':
      return { items: [...new Set([...(field.shared ?? []), ...tags])], list, quote };
    case 'empty':
      return { text: '' };
    default:
      if ('table' in fill) return { table: fill.table.map((f) => [f.key, valueOf(f, post, tags, shape)] as const) };
      return fill;
  }
}

/** A whole new post: front matter, a blank line, the body (e.g. drafted blocks), a final line break. */
export function newPostText(post: NewPost, body = '', shape?: PostShape): string {
  const text = body.replace(/^\s*\n/, '').replace(/\s+$/, '');
  return newPostFrontMatter(post, shape) + '\n' + (text ? text + '\n' : '');
}

/* ------------------------------------------------------------------------------------------------
 * Dates and ranges
 * --------------------------------------------------------------------------------------------- */

export interface PostInfo {
  /** The file's name (`2016-05-17-rdo-blogs.html.md`) or its path (a dated bundle or folders give the day too). */
  fileName: string;
  /** The front matter's `date` value, if read. */
  date?: unknown;
}

/**
 * The date of a post: its front matter date when it reads, else the day its path gives (00:00 UTC;
 * base/datedPath.ts).
 */
export function postDate(post: PostInfo): Date | undefined {
  const date = parsePostDate(post.date);
  if (date) return date;
  const day = datedPath(post.fileName)?.day;
  return day ? readDate(day).time : undefined;
}

/**
 * The newest post and its date ({@link postDate}), for "draft since the last post"; the first one
 * among equals; undefined when no post has a date.
 */
export function newestPost<T extends PostInfo>(posts: Iterable<T>): { post: T; date: Date } | undefined {
  let newest: { post: T; date: Date } | undefined;
  for (const post of posts) {
    const date = postDate(post);
    if (date && (!newest || date.getTime() > newest.date.getTime())) newest = { post, date };
  }
  return newest;
}

/**
 * Entries published in [since, until] (both inclusive, either optional), compared in UTC, in their
 * order. With no bound every entry is kept; with a bound, entries without a valid date are left out.
 */
export function entriesInRange<T extends FeedEntry>(entries: readonly T[], since?: Date, until?: Date): T[] {
  if (!since && !until) return [...entries];
  return entries.filter((entry) => {
    const time = publishedTime(entry);
    if (Number.isNaN(time)) return false;
    if (since && time < since.getTime()) return false;
    if (until && time > until.getTime()) return false;
    return true;
  });
}
