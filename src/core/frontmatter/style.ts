/**
 * How a blog writes its front matter, for new posts: the format, the order of the keys, the date style,
 * the quotes and lists, values nearly every post shares (`layout: post`), tables (Zola's `[taxonomies]`)
 * and how posts are named. Each post gives its {@link PostStyle} (read with its keys by ./learn.ts);
 * {@link learnStyle} sums up those of the newest posts: a blog's conventions change over the years, and a
 * new post is written the way the blog writes its posts now.
 */
import { inferDateStyle, readDate, type DateStyle } from './dates';
import type { FrontMatterFormat } from './locate';

/** How a string value is written: plain (YAML only), in single or in double quotes. */
export type Quote = 'plain' | "'" | '"';

/** How a YAML list is written: `[a, b]`, one `- a` a line, or `a, b` (text the generator splits). */
export type ListStyle = 'flow' | 'block' | 'text';

/** What one post shows of its front matter's style. */
export interface PostStyle {
  format: FrontMatterFormat;
  /** The top-level keys in the order written. */
  order: readonly string[];
  /** Each top-level key's value as written on its line ('' when it stands on the lines below: a block list). */
  raw: ReadonlyMap<string, string>;
  /** The items of the list values, by key. */
  items: ReadonlyMap<string, readonly string[]>;
  /** The keys of a table or mapping value (TOML `[taxonomies]`), by key. */
  tables: ReadonlyMap<string, readonly string[]>;
  /** The file name's extension (`.md`, `.html.md`). */
  extension: string;
  /** The day the file name starts with (`YYYY-MM-DD-...`). */
  day?: string;
}

/** How many of the newest posts a blog's current style is learned from. */
export const RECENT_POSTS = 20;

/** "Nearly every post" (as ./learn.ts counts it). */
const NEARLY = 0.9;

/** The style of a blog's new posts, learned from its newest posts. */
export interface BlogStyle {
  format: FrontMatterFormat;
  /** Keys in the order the posts write them (by their usual place). */
  order: string[];
  /** Keys more than half the newest posts write. */
  usual: string[];
  dateStyle: DateStyle;
  /** Whether dates are written in quotes (TOML and YAML; JSON always quotes). */
  dateQuoted: boolean;
  /** The quotes of the strings, by key, and of the blog as a whole (`*`). */
  quotes: Readonly<Record<string, Quote>>;
  /** How the lists are written, by key, and of the blog as a whole (`*`): YAML only. */
  lists: Readonly<Record<string, ListStyle>>;
  /** Values (as written) more than half the newest posts that write the key share (`layout: post`). */
  constants: Readonly<Record<string, string>>;
  /** List items nearly every newest post's list has (Eleventy's `post` tag), by key. */
  sharedItems: Readonly<Record<string, string[]>>;
  /** The keys of the tables most posts write, by key. */
  tables: Readonly<Record<string, string[]>>;
  /** The newest posts are named `YYYY-MM-DD-...`. */
  datedNames: boolean;
  /** Posts named with their date mostly leave the date key out: the name stands for it. */
  dateByName: boolean;
  /** The extension most of the newest posts' names have. */
  extension: string;
}

/** A post's style with what its file name says. */
export interface NamedStyle {
  style: PostStyle;
  datedName: boolean;
}

/** The most frequent of `values` (the first seen among equals); undefined for none. */
function most<T>(values: Iterable<T>): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
}

function unquoted(raw: string): string {
  return /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
}

/** The quotes of a value, or of the first item of a list written `[...]`. */
function quoteOf(raw: string): Quote | undefined {
  const first = raw.startsWith('[') ? raw.slice(1).trimStart() : raw;
  if (first === '' || /^[[{\]]/.test(first)) return undefined;
  return first[0] === "'" ? "'" : first[0] === '"' ? '"' : 'plain';
}

function listStyleOf(raw: string, items: readonly string[] | undefined): ListStyle | undefined {
  if (raw.startsWith('[')) return 'flow';
  if (raw === '' && items && items.length > 0) return 'block';
  // A single word says nothing: a list of one, or text.
  if (raw.includes(',') && !/^["']/.test(raw)) return 'text';
  return undefined;
}

/**
 * When a post was written, for telling the newest: its date value, else the day its name starts with.
 * `dateKey` is the key of the blog's dates.
 */
function timeOf(style: PostStyle, dateKey: string | undefined): number | undefined {
  const raw = dateKey ? style.raw.get(dateKey) : undefined;
  const time = raw ? readDate(unquoted(raw)).time : undefined;
  if (time) return time.getTime();
  return style.day ? readDate(style.day).time?.getTime() : undefined;
}

/**
 * The posts newest first, `dateKey` being the blog's date key: by their dates, else the days of their
 * names, the undated ones last; in the order given when too few (under {@link RECENT_POSTS}) are dated.
 */
export function newestFirst<T extends NamedStyle>(posts: readonly T[], dateKey: string | undefined): T[] {
  const timed = posts.map((post) => ({ post, time: timeOf(post.style, dateKey) }));
  const dated = timed.filter((t) => t.time !== undefined);
  const byTime = (a: { time?: number }, b: { time?: number }) => (b.time ?? 0) - (a.time ?? 0);
  if (dated.length < Math.min(RECENT_POSTS, posts.length)) return timed.sort(byTime).map((t) => t.post);
  return [...dated.sort(byTime), ...timed.filter((t) => t.time === undefined)].map((t) => t.post);
}

/**
 * The style of the blog's newest posts: `recent` are they, newest first ({@link newestFirst}, the first
 * {@link RECENT_POSTS}), `dateKey` being the blog's date key. Undefined for no post.
 */
export function learnStyle(recent: readonly NamedStyle[], dateKey: string | undefined): BlogStyle | undefined {
  if (recent.length === 0) return undefined;
  const format = most(recent.map((p) => p.style.format))!;
  const same = recent.filter((p) => p.style.format === format);
  const styles = same.map((p) => p.style);

  // Each key's usual place: its mean position, from 0 (first) to 1 (last), in the posts that write it.
  const places = new Map<string, number[]>();
  for (const s of styles) {
    s.order.forEach((key, i) => {
      const list = places.get(key) ?? [];
      list.push(s.order.length > 1 ? i / (s.order.length - 1) : 0);
      places.set(key, list);
    });
  }
  const mean = (key: string) => places.get(key)!.reduce((a, b) => a + b, 0) / places.get(key)!.length;
  const order = [...places.keys()].sort((a, b) => mean(a) - mean(b));
  const usual = order.filter((key) => places.get(key)!.length * 2 > styles.length);

  const dateTexts = dateKey ? styles.map((s) => s.raw.get(dateKey)).filter((r): r is string => !!r) : [];
  const dateStyle = inferDateStyle(dateTexts.map(unquoted));
  const dateQuoted = dateTexts.filter((r) => /^["']/.test(r)).length * 2 > dateTexts.length;

  const quotes: Record<string, Quote> = {};
  const lists: Record<string, ListStyle> = {};
  const constants: Record<string, string> = {};
  const sharedItems: Record<string, string[]> = {};
  const tables: Record<string, string[]> = {};
  const allQuotes: Quote[] = [];
  const allLists: ListStyle[] = [];
  for (const key of order) {
    const having = styles.filter((s) => s.raw.has(key));
    const raws = having.map((s) => s.raw.get(key)!);
    const keyQuotes = raws.map(quoteOf).filter((q): q is Quote => q !== undefined);
    allQuotes.push(...keyQuotes);
    const quote = most(keyQuotes);
    if (quote) quotes[key] = quote;
    const keyLists = having
      .map((s) => listStyleOf(s.raw.get(key)!, s.items.get(key)))
      .filter((l): l is ListStyle => !!l);
    allLists.push(...keyLists);
    const list = most(keyLists);
    if (list) lists[key] = list;
    const value = most(raws.filter((r) => r !== ''));
    if (value !== undefined && raws.filter((r) => r === value).length * 2 > having.length && having.length > 1) {
      constants[key] = value;
    }
    const itemLists = having.map((s) => s.items.get(key)).filter((l): l is readonly string[] => !!l);
    if (itemLists.length * 2 > having.length) {
      const shared = [...new Set(itemLists.flat())]
        .filter((item) => itemLists.filter((l) => l.includes(item)).length >= NEARLY * having.length);
      if (shared.length > 0) sharedItems[key] = shared;
    }
    const tableKeys = having.map((s) => s.tables.get(key)).filter((t): t is readonly string[] => !!t);
    if (tableKeys.length * 2 > having.length) {
      tables[key] = [...new Set(tableKeys.flat())]
        .filter((k) => tableKeys.filter((t) => t.includes(k)).length * 2 > tableKeys.length);
    }
  }
  // (In TOML and JSON every string is quoted: what is plain there is no string.)
  const textQuotes = allQuotes.filter((q) => format === 'yaml' || q !== 'plain');
  quotes['*'] = most(textQuotes) ?? (format === 'yaml' ? 'plain' : '"');
  lists['*'] = most(allLists) ?? 'text';

  const datedNames = recent.filter((p) => p.datedName).length * 2 > recent.length;
  const named = same.filter((p) => p.datedName);
  const leaveOut = named.filter((p) => dateKey !== undefined && !p.style.raw.has(dateKey)).length;
  const dateByName = !!dateKey && named.length > 0 && leaveOut * 2 > named.length;
  const extension = most(recent.map((p) => p.style.extension)) ?? '.md';
  return {
    format, order, usual, dateStyle, dateQuoted, quotes, lists, constants, sharedItems, tables,
    datedNames, dateByName, extension,
  };
}
