/**
 * The shape of a blog's new posts: which keys their front matter has, in which order and format, and how
 * each value is written, from what Roundup knows of the blog (frontmatter/blogSchema.ts: the schema
 * learned, declared and set; frontmatter/style.ts: how its newest posts are written) and the settings.
 * A blog Roundup has learned nothing of gets the model post's front matter. And the name of a new post.
 */
import type { BlogSchema } from '../frontmatter/blogSchema';
import { DEFAULT_DATE_STYLE, type DateStyle } from '../frontmatter/dates';
import type { FrontMatterFormat } from '../frontmatter/locate';
import type { FieldType } from '../frontmatter/schema';
import type { BlogStyle, ListStyle, Quote } from '../frontmatter/style';
import { ROUNDUP_DEFAULTS } from './defaults';

/** What a key of a new post holds. */
export type Fill =
  | 'title'
  | 'author'
  | 'date'
  | 'tags'
  /** A summary the blog asks for (`description`): the title, for the writer to rewrite. */
  | 'summary'
  | 'empty'
  | { raw: string }
  | { boolean: boolean }
  | { table: readonly ShapeField[] };

export interface ShapeField {
  key: string;
  fill: Fill;
  quote?: Quote;
  /** How a list is written (an author written as a list, the tags). */
  list?: ListStyle;
  /** Tags nearly every post has (Eleventy's `post`): a new post has them too. */
  shared?: readonly string[];
}

export interface PostShape {
  format: FrontMatterFormat;
  fields: readonly ShapeField[];
  dateStyle: DateStyle;
  /** Dates in quotes (a YAML or TOML blog that writes them so). */
  dateQuoted?: boolean;
}

/** The model post's front matter: `title`, `author`, `date`, `tags`, `comments: true`, `published: false`. */
export const MODEL_SHAPE: PostShape = {
  format: 'yaml',
  dateStyle: DEFAULT_DATE_STYLE,
  fields: [
    { key: 'title', fill: 'title' },
    { key: 'author', fill: 'author' },
    { key: 'date', fill: 'date' },
    { key: 'tags', fill: 'tags', list: 'text' },
    { key: 'comments', fill: { boolean: true } },
    { key: 'published', fill: { boolean: false } },
  ],
};

const MODEL_KEYS = MODEL_SHAPE.fields.map((f) => f.key);
const SUMMARY = /^(?:description|summary|excerpt|subtitle|abstract)$/;
const DATED_NAME = /^\d{4}-\d{2}-\d{2}-/;

/** What the settings say of new posts. */
export interface ShapeSettings {
  /** `roundup.frontMatter.dateStyle`. */
  dateStyle: DateStyle | 'auto';
  /** The new post's file name: one that starts with its date may stand for the date key. */
  fileName: string;
}

/**
 * The shape of a new post of the blog: the keys the blog requires and those most of its newest posts
 * write (the model's keys the blog knows, when its posts are too few to learn from and its schema is
 * declared or set), in the order, format, quotes, lists and date style of its newest posts; a date key
 * left out when the blog dates its posts by their names and the new post's name is dated. The model's
 * shape when Roundup knows nothing of the blog. `roundup.frontMatter.dateStyle` wins over the blog's.
 */
export function newPostShape(blog: BlogSchema | undefined, settings: ShapeSettings): PostShape {
  const style = blog?.style;
  const known = blog?.keys.some((k) => k.source !== 'default') === true;
  const dateStyle = settings.dateStyle !== 'auto' ? settings.dateStyle : (style?.dateStyle ?? DEFAULT_DATE_STYLE);
  if (!blog || (!style && !known)) return { ...MODEL_SHAPE, dateStyle };
  const types = new Map(blog.keys.map((k) => [k.key, k.type]));
  const keys = new Set(blog.keys.filter((k) => k.required).map((k) => k.key));
  for (const key of style ? style.usual : MODEL_KEYS) if (types.has(key)) keys.add(key);
  if (types.has('tags')) keys.add('tags');
  const dateKey = blog.schema.dateInFileName;
  if (style?.dateByName && DATED_NAME.test(settings.fileName) && dateKey) keys.delete(dateKey);
  // Not learned: the required keys (the model's first, in its order), then the model's others.
  const required = blog.keys.filter((k) => k.required).map((k) => k.key);
  const usualOrder = style
    ? style.order
    : [...MODEL_KEYS.filter((k) => required.includes(k)), ...required, ...MODEL_KEYS];
  const place = new Map<string, number>();
  for (const key of usualOrder) if (!place.has(key)) place.set(key, place.size);
  const order = [...keys].sort((a, b) => (place.get(a) ?? place.size) - (place.get(b) ?? place.size));
  return {
    format: style?.format ?? 'yaml',
    dateStyle,
    dateQuoted: style?.dateQuoted,
    fields: order.map((key) => fieldOf(key, types.get(key) ?? 'any', style)),
  };
}

function fieldOf(key: string, type: FieldType, style: BlogStyle | undefined): ShapeField {
  const list = style?.lists[key];
  // A list's items are quoted like the key's own items; other text like the key's, else the blog's text.
  const listed = list !== undefined || key === 'tags' || key === 'authors';
  const quote = style ? (style.quotes[key] ?? (listed ? undefined : style.quotes['*'])) : undefined;
  const field = { key, quote };
  if (key === 'title') return { ...field, fill: 'title' };
  if (/^authors?$/.test(key)) {
    const asList = key === 'authors' || list === 'flow' || list === 'block';
    return { ...field, fill: 'author', ...(asList ? { list: list ?? 'flow' } : {}) };
  }
  if (type === 'date') return { ...field, fill: 'date' };
  if (key === 'tags') {
    const shared = style?.sharedItems[key];
    return { ...field, fill: 'tags', list: list ?? style?.lists['*'] ?? 'text', ...(shared ? { shared } : {}) };
  }
  // A new post is a draft until it is written.
  if (key === 'draft' && (type === 'boolean' || type === 'any')) return { ...field, fill: { boolean: true } };
  if (key === 'published' && (type === 'boolean' || type === 'any')) return { ...field, fill: { boolean: false } };
  const constant = style?.constants[key];
  if (constant !== undefined) return { ...field, fill: { raw: constant } };
  const table = style?.tables[key];
  if (table) {
    const fields = table.filter((k) => k === 'tags' || /^authors?$/.test(k)).map((k) => fieldOf(k, 'tags', style));
    return { ...field, fill: { table: fields } };
  }
  if (type === 'boolean') return { ...field, fill: { boolean: key === 'comments' } };
  if (SUMMARY.test(key)) return { ...field, fill: 'summary' };
  return { ...field, fill: 'empty' };
}

/**
 * The file name pattern of new posts: `roundup.newPost.fileName` when set, else the blog's way when
 * learned (`{date}-{slug}.md` for a blog whose newest posts are named by their dates, `{slug}.md` for one
 * whose are not, with their extension), else the default.
 */
export function newPostFileNamePattern(blog: BlogSchema | undefined, setting: string | undefined): string {
  if (setting !== undefined) return setting;
  const style = blog?.style;
  if (!style) return ROUNDUP_DEFAULTS.newPostFileName;
  return `${style.datedNames ? '{date}-' : ''}{slug}${style.extension || '.md'}`;
}
