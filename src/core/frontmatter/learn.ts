/**
 * A schema learned from a blog's posts: which keys they write, in how many posts, with values of which
 * kind, and whether their dates are in their file names. Each post is read once into its {@link PostKeys}
 * (the head of the file is enough); {@link learnSchema} sums them up. A YAML block is read by a light
 * scan of its top-level lines (a broken block still teaches its keys); TOML and JSON by their parsers.
 */
import { datedPath } from '../base/datedPath';
import { editDistance } from '../base/distance';
import { parseBlock, type ClosedBlock } from './lint';
import { locateFrontMatter } from './locate';
import { DEFAULT_SCHEMA, type FieldType } from './schema';
import { learnStyle, newestFirst, RECENT_POSTS, type BlogStyle, type PostStyle } from './style';

/** What a value is written as: the ground of a key's learned type. */
export type ValueKind = 'empty' | 'text' | 'dateText' | 'date' | 'boolean' | 'list' | 'other';

/** The keys of one post's front matter (the first of a duplicate), and whether its path is dated (base/datedPath). */
export interface PostKeys {
  /** Its path (relative to the blog), as given. */
  path: string;
  datedName: boolean;
  keys: ReadonlyMap<string, ValueKind>;
  /** How the post writes them, for new posts (./style.ts). */
  style: PostStyle;
}

/** Fewer posts than this teach nothing: a new blog gets the model's schema. */
export const MIN_POSTS = 20;
/** "Nearly every post": one broken post must not teach that a key is optional. */
export const NEARLY = 0.9;

/** A post's extension: `.md`, with the `.html` before it that Middleman's names have. */
const EXTENSION = /(?:\.html)?\.[A-Za-z]+$/;
/** How much of a value is kept as written, for the style: enough for any value worth copying. */
const MAX_RAW = 200;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:[ ]*(?:Z|[+-]\d{2}(?::?\d{2})?)|[ ]+[A-Z]{2,5})?$/;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|\.inf|\.nan)$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
/** A top-level `key: value` line of YAML. */
const YAML_KEY = /^([A-Za-z_$@][^:#\s]*|"[^"\n]+"|'[^'\n]+')[ \t]*:(?:[ \t]+(.*))?$/;

/**
 * The keys of the front matter of the post at `path` (relative to the blog; its file name will do);
 * undefined when the file has no closed block at its start.
 */
export function postKeys(path: string, head: string): PostKeys | undefined {
  const block = locateFrontMatter(head);
  if (!block || block.leading || !block.close) return undefined;
  const keys = new Map<string, ValueKind>();
  const day = datedPath(path)?.day;
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  const style: Style = {
    format: block.format, order: [], raw: new Map(), items: new Map(), tables: new Map(),
    extension: EXTENSION.exec(fileName)?.[0] ?? '', day,
  };
  if (block.format === 'yaml') scanYaml(head.slice(block.contentStart, block.contentEnd), keys, style);
  else {
    for (const pair of parseBlock(head, block as ClosedBlock).pairs) {
      if (keys.has(pair.key)) continue;
      keys.set(pair.key, kindOfValue(pair.value));
      style.order.push(pair.key);
      const { value } = pair;
      if (Array.isArray(value)) style.items.set(pair.key, value.filter((v): v is string => typeof v === 'string'));
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
        style.tables.set(pair.key, Object.keys(value));
        style.raw.set(pair.key, '');
      } else style.raw.set(pair.key, head.slice(pair.valueStart, pair.valueEnd).slice(0, MAX_RAW));
    }
  }
  return { path, datedName: day !== undefined, keys, style };
}

/** A {@link PostStyle} being read. */
type Style = PostStyle & {
  order: string[];
  raw: Map<string, string>;
  items: Map<string, string[]>;
  tables: Map<string, string[]>;
};

function scanYaml(yaml: string, keys: Map<string, ValueKind>, style: Style): void {
  const lines = yaml.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = YAML_KEY.exec(lines[i]!);
    if (!m) continue;
    const key = /^["']/.test(m[1]!) ? m[1]!.slice(1, -1) : m[1]!;
    if (keys.has(key)) continue;
    const raw = (m[2] ?? '').trim();
    let kind = kindOfYaml(raw);
    style.order.push(key);
    style.raw.set(key, (/^["']/.test(raw) ? raw : raw.replace(/[ \t]+#.*$/, '')).slice(0, MAX_RAW));
    if (kind === 'empty') {
      // A block list or mapping on the lines below.
      const below = lines.slice(i + 1);
      const end = below.findIndex((line) => !/^(?:\s+\S|\s*- |\s*(?:#.*)?$)/.test(line));
      const block = (end < 0 ? below : below.slice(0, end)).filter((line) => !/^\s*(?:#.*)?$/.test(line));
      if (block.length > 0 && /^\s*- /.test(block[0]!)) {
        kind = 'list';
        style.items.set(key, block.map((line) => /^\s*- (.*)$/.exec(line)?.[1]?.trim()).filter((v): v is string => !!v).map(unquote));
      } else if (block.length > 0) {
        kind = 'other';
        const indent = /^\s*/.exec(block[0]!)![0].length;
        const child = new RegExp(`^\\s{${indent}}([A-Za-z_][^:#\\s]*)\\s*:`);
        style.tables.set(key, block.map((line) => child.exec(line)?.[1]).filter((k): k is string => !!k));
      }
    } else if (kind === 'list') {
      style.items.set(key, raw.replace(/^\[|\]$/g, '').split(',').map((v) => unquote(v.trim())).filter(Boolean));
    } else if (kind === 'text') {
      style.items.set(key, unquote(raw).split(',').map((v) => v.trim()).filter(Boolean));
    }
    keys.set(key, kind);
  }
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

function kindOfYaml(raw: string): ValueKind {
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  if (quoted) return quoted[2] === '' ? 'empty' : DATE_LIKE.test(quoted[2]!) ? 'dateText' : 'text';
  const value = raw.replace(/[ \t]+#.*$/, '');
  if (value === '' || value === '~' || value === 'null' || value === '[]') return 'empty';
  if (value.startsWith('[')) return 'list';
  if (value.startsWith('{') || value.startsWith('&') || value.startsWith('*')) return 'other';
  if (BOOLEAN.test(value)) return 'boolean';
  if (DATE_LIKE.test(value)) return 'dateText';
  if (NUMBER.test(value)) return 'other';
  return 'text';
}

function kindOfValue(value: unknown): ValueKind {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'string') return DATE_LIKE.test(value.trim()) ? 'dateText' : 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'empty' : value.every((v) => typeof v === 'string') ? 'list' : 'other';
  }
  return 'other';
}

/** The kinds of value each type accepts (as the lint's checks do). */
const ACCEPTS: Record<Exclude<FieldType, 'any'>, readonly ValueKind[]> = {
  date: ['date', 'dateText'],
  boolean: ['boolean'],
  string: ['text', 'dateText'],
  tags: ['text', 'dateText', 'list'],
};

/** The order a key's type is chosen in: the narrowest that (nearly) every value fits. */
const NARROWEST_FIRST = ['date', 'boolean', 'string', 'tags'] as const;

export interface LearnedKey {
  key: string;
  /** Posts that write the key (with a value or empty). */
  posts: number;
  /** Posts that write it with no value. */
  empty: number;
  type: FieldType;
  /** (Nearly) every post writes it; for the date in the file names, counting the posts dated by their names. */
  required: boolean;
  /** A key a few posts write where many more write this one: a slip (`authors` for `author`), not the blog's key. */
  slipOf?: string;
  /** The newest posts that write it (up to {@link EXAMPLES}), with the value as written (cut). */
  examples: KeyExample[];
}

/** A post that writes a key, and the value it writes (as written, up to 200 characters; '' for a block below). */
export interface KeyExample {
  path: string;
  value: string;
}

/** How many posts a key names as its examples. */
const EXAMPLES = 3;

export interface Learned {
  /** The posts learned from (files with front matter). */
  posts: number;
  /** Enough posts to learn from ({@link MIN_POSTS}). */
  enough: boolean;
  /** The keys, most used first; slips included (with `slipOf`). */
  keys: LearnedKey[];
  /** The date key that posts named `YYYY-MM-DD-...` leave out (several do): the name stands for it. */
  dateInFileName?: string;
  /** Posts that leave out the {@link dateInFileName} key, dated by their names. */
  datedByName: number;
  /** How the newest posts write their front matter (./style.ts); undefined for no post. */
  style?: BlogStyle;
}

/** "Several posts": at least 2, and 2% of a large blog. */
export function several(posts: number): number {
  return Math.max(2, Math.ceil(posts * 0.02));
}

/** Sums up the posts' keys into a schema (see the file's comment). */
export function learnSchema(posts: Iterable<PostKeys>): Learned {
  let total = 0;
  const counts = new Map<string, { posts: number; kinds: Map<ValueKind, number> }>();
  const all: PostKeys[] = [];
  for (const post of posts) {
    total++;
    all.push(post);
    for (const [key, kind] of post.keys) {
      let count = counts.get(key);
      if (!count) counts.set(key, (count = { posts: 0, kinds: new Map() }));
      count.posts++;
      count.kinds.set(kind, (count.kinds.get(kind) ?? 0) + 1);
    }
  }
  const keys: LearnedKey[] = [...counts].map(([key, { posts: used, kinds }]) => ({
    key,
    posts: used,
    empty: kinds.get('empty') ?? 0,
    type: typeOf(key, kinds, used >= several(total)),
    required: false,
    examples: [] as KeyExample[],
  }));
  keys.sort((a, b) => b.posts - a.posts || (a.key < b.key ? -1 : 1));
  markSlips(keys);
  const dateKey = keys.find((k) => k.type === 'date' && !k.slipOf);
  const datedByName = dateKey ? all.filter((p) => p.datedName && !p.keys.has(dateKey.key)).length : 0;
  const dateInFileName = dateKey && datedByName >= several(total) ? dateKey.key : undefined;
  for (const k of keys) {
    const having = k.posts + (k.key === dateInFileName ? datedByName : 0);
    k.required = !k.slipOf && total > 0 && having >= NEARLY * total;
  }
  const newest = newestFirst(all, dateKey?.key);
  const byKey = new Map(keys.map((k) => [k.key, k.examples]));
  for (const post of newest) {
    for (const key of post.keys.keys()) {
      const examples = byKey.get(key)!;
      if (examples.length < EXAMPLES) examples.push({ path: post.path, value: post.style.raw.get(key) ?? '' });
    }
  }
  const style = learnStyle(newest.slice(0, RECENT_POSTS), dateKey?.key);
  return { posts: total, enough: total >= MIN_POSTS, keys, dateInFileName, datedByName, style };
}

/**
 * The narrowest type (nearly) every value fits; the model's type of a key it knows, when the values fit
 * it or too few posts write the key to tell (`published: yes` in one post is the model's slip, not a type).
 */
function typeOf(key: string, kinds: ReadonlyMap<ValueKind, number>, enough: boolean): FieldType {
  let written = 0;
  for (const [kind, n] of kinds) if (kind !== 'empty') written += n;
  if (written === 0) return 'any';
  const fit = (type: Exclude<FieldType, 'any'>) =>
    ACCEPTS[type].reduce((sum, kind) => sum + (kinds.get(kind) ?? 0), 0) >= NEARLY * written;
  const known = Object.prototype.hasOwnProperty.call(DEFAULT_SCHEMA.fields, key);
  const model = known ? DEFAULT_SCHEMA.fields[key] : undefined;
  if (model === 'any' || (model && (!enough || fit(model)))) return model;
  if (!enough) return 'any';
  return NARROWEST_FIRST.find(fit) ?? 'any';
}

/** A key that few posts write, a letter or two from one ten times as used, is a slip for it. */
function markSlips(keys: LearnedKey[]): void {
  for (const k of keys) {
    const of = keys.find(
      (other) =>
        other !== k &&
        !other.slipOf &&
        other.posts >= 10 * k.posts &&
        editDistance(k.key.toLowerCase(), other.key.toLowerCase()) <= 2,
    );
    if (of) k.slipOf = of.key;
  }
}

/** The posts' keys by path, kept as files come, change and go: the schema is summed up again only after a change. */
export class PostKeysIndex {
  private readonly posts = new Map<string, PostKeys>();
  private learned: Learned | undefined;

  /** Reads (again) the head of the post at `path`; a file without front matter is no post to learn from. */
  set(path: string, head: string): void {
    const keys = postKeys(path, head);
    if (keys) this.posts.set(path, keys);
    else this.posts.delete(path);
    this.learned = undefined;
  }

  delete(path: string): void {
    if (this.posts.delete(path)) this.learned = undefined;
  }

  clear(): void {
    this.posts.clear();
    this.learned = undefined;
  }

  get size(): number {
    return this.posts.size;
  }

  /** Was the post at `path` read (with front matter)? */
  has(path: string): boolean {
    return this.posts.has(path);
  }

  learn(): Learned {
    return (this.learned ??= learnSchema(this.posts.values()));
  }
}
