/**
 * What the blog's posts already feature: an index of the entries of its roundups, built once from the
 * posts' texts and kept current post by post ({@link FeaturedIndex.update}, {@link FeaturedIndex.remove}).
 *
 * An entry is found by its link: the key of `post-duplicate-link` ({@link normalizeLink}) after tracking
 * parameters are dropped ({@link withoutTracking}: `utm_*`, `fbclid`, `gclid`, ...), a short link counting
 * as its target when the short link map knows it; or by its block's bold title and author, for blogs whose
 * read-more links are short links the map does not know. Only roundups count ({@link isRoundup}: entry
 * blocks in the blog's wording, not `published: false`).
 */
import { isoDay } from '../base/utc';
import { isSafeUrl } from '../base/urls';
import type { FeedEntry } from '../feeds/types';
import { collapseWhitespace } from '../html/text';
import { findTextEntries, normalizeLink, type TextEntry } from '../markdown';
import { bodyStart, type FrontMatterBlock, locateFrontMatter } from '../frontmatter/locate';
import { displayAuthor } from './format';
import { postDate } from './post';
import { frontMatterValueIn, isRoundup, isUnpublished } from './postsFolder';

/** The names of query parameters that only say where a reader came from. */
const TRACKING_NAMES =
  'utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok';
const TRACKING = new RegExp(`^(?:${TRACKING_NAMES})$`, 'i');
/** Where a tracking parameter may start: such a name after `?`, `&` or `&amp;`. */
const MAY_TRACK = new RegExp(`[?&](?:amp;)?(?:${TRACKING_NAMES})`, 'i');

/** The link without its tracking parameters (`?utm_source=feed&id=3` -> `?id=3`); the fragment stays. */
export function withoutTracking(url: string): string {
  const q = url.indexOf('?');
  // Most links have no tracking parameter: told in one scan, the query is not split.
  if (q < 0 || !MAY_TRACK.test(url)) return url;
  const hash = url.indexOf('#', q);
  const end = hash < 0 ? url.length : hash;
  const params = url.slice(q + 1, end).split(/&(?:amp;)?/);
  const kept = params.filter((p) => {
    const eq = p.indexOf('=');
    return !TRACKING.test(eq < 0 ? p : p.slice(0, eq));
  });
  if (kept.length === params.length) return url;
  return url.slice(0, q) + (kept.length > 0 ? `?${kept.join('&')}` : '') + url.slice(end);
}

/** The key an entry's link is found by: {@link normalizeLink} of the link without its tracking parameters. */
export function featuredKey(url: string): string {
  return normalizeLink(withoutTracking(url));
}

/** The key of a title and author: the words as read, in lower case. */
function titleKey(title: string, author: string): string {
  return `${collapseWhitespace(title).toLowerCase()}\u0000${collapseWhitespace(author).toLowerCase()}`;
}

/**
 * Does the post count, holding `entries`: a roundup ({@link isRoundup}) with entries. Two entries or more make
 * a roundup ({@link isRoundup} asks no more), so only whether it is published is read then; one entry, the
 * whole of it.
 */
function isIndexed(text: string, block: FrontMatterBlock | undefined, entries: readonly TextEntry[]): boolean {
  if (entries.length === 0) return false;
  if (entries.length === 1) return isRoundup(text);
  return !isUnpublished(text, block);
}

/** How many entries' keys are kept since the last turnover (a planet of 500 feeds shows some 20,000 entries). */
const KEPT_KEYS = 25_000;

/** A roundup of the blog that features entries. */
export interface FeaturedPost {
  /** Its path as the caller named it (workspace-relative, or relative to the CLI's folder). */
  path: string;
  /** Its front matter `title`, else its file name. */
  title: string;
  /** Its front matter date, else its file name's day. */
  date: Date | undefined;
}

interface Indexed {
  post: FeaturedPost;
  links: string[];
  titles: string[];
}

/**
 * The keys an entry is looked up by, made once per entry (kept by its link: the entry objects a cache load
 * or a refresh makes again find them), the fields they are made from, and its last answer: the index's
 * generation and the path left out it was found with.
 */
interface EntryKeys {
  id: string;
  title: string;
  author: string;
  links: string[];
  titles: string[];
  generation: number;
  exclude: string | undefined;
  within: string | undefined;
  post: FeaturedPost | undefined;
}

export interface FeaturedOptions {
  /** `roundup.authors`: an entry's author as its block names it. */
  authors?: Readonly<Record<string, string>>;
  /** Short links by the normalized long link (the map the shortener keeps). */
  shortLinks?: ReadonlyMap<string, string>;
}

/** Adds `post` to the list under `key`. */
function add(map: Map<string, FeaturedPost[]>, key: string, post: FeaturedPost): void {
  const list = map.get(key);
  if (!list) map.set(key, [post]);
  else if (!list.includes(post)) list.push(post);
}

function drop(map: Map<string, FeaturedPost[]>, key: string, post: FeaturedPost): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(post);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}

/** The posts a lookup looks at: not `exclude` (the post being written), and only those under `within` when given. */
interface Scope {
  exclude: string | undefined;
  within: string | undefined;
  /** Only posts dated before this time (ms) count; undefined: any date, or none. */
  before?: number;
}

/** The newer of `best` and the newest post of `list` in `scope`. */
function newest(list: readonly FeaturedPost[] | undefined, scope: Scope, best?: FeaturedPost) {
  if (!list) return best;
  for (const post of list) {
    if (post.path === scope.exclude || (scope.within && !post.path.startsWith(scope.within))) continue;
    if (scope.before !== undefined && !(post.date && post.date.getTime() < scope.before)) continue;
    if (!best || (post.date?.getTime() ?? -Infinity) > (best.date?.getTime() ?? -Infinity)) best = post;
  }
  return best;
}

/** The entries featured by a blog's roundups, by link key and by title and author (see the module comment). */
export class FeaturedIndex {
  private readonly posts = new Map<string, Indexed>();
  private readonly byLink = new Map<string, FeaturedPost[]>();
  private readonly byTitle = new Map<string, FeaturedPost[]>();
  /** Short link key -> target key, and target key -> short link key. */
  private readonly targetOf = new Map<string, string>();
  private readonly shortOf = new Map<string, string>();
  private authors: Readonly<Record<string, string>>;
  /** Keys by entry link: those used since the last turnover, and those of before (see {@link keysFor}). */
  private entryKeys = new Map<string, EntryKeys>();
  private olderKeys = new Map<string, EntryKeys>();
  /** Bumped by every change of what an entry is found in: answers kept for an older one are found again. */
  private generation = 0;

  constructor(options: FeaturedOptions = {}) {
    this.authors = options.authors ?? {};
    if (options.shortLinks) this.setShortLinks(options.shortLinks);
  }

  /** How many roundups the index holds. */
  get size(): number {
    return this.posts.size;
  }

  /** The short link map (normalized long link -> short link): a short link counts as its target. */
  setShortLinks(links: ReadonlyMap<string, string>): void {
    this.generation++;
    this.targetOf.clear();
    this.shortOf.clear();
    for (const [long, short] of links) {
      const longKey = featuredKey(long);
      const shortKey = featuredKey(short);
      this.targetOf.set(shortKey, longKey);
      this.shortOf.set(longKey, shortKey);
    }
  }

  /** `roundup.authors`, so an entry's author reads as its block names it. */
  setAuthors(authors: Readonly<Record<string, string>>): void {
    if (JSON.stringify(authors) === JSON.stringify(this.authors)) return;
    this.authors = authors;
    this.entryKeys.clear();
    this.olderKeys.clear();
  }

  /**
   * The post at `path` is now `text`: its entries replace those it had (none when it is no roundup).
   * True when it is a roundup.
   */
  update(path: string, text: string): boolean {
    this.remove(path);
    this.generation++;
    // The front matter is located once, for the body's start and the values read.
    const block = locateFrontMatter(text);
    const entries = findTextEntries(text, bodyStart(block));
    if (!isIndexed(text, block, entries)) return false;
    const title = frontMatterValueIn(text, block, 'title')?.trim() || path.slice(path.lastIndexOf('/') + 1);
    const date = postDate({ fileName: path, date: frontMatterValueIn(text, block, 'date') });
    const post: FeaturedPost = { path, title, date };
    const indexed: Indexed = { post, links: [], titles: [] };
    for (const entry of entries) {
      const key = featuredKey(entry.url);
      indexed.links.push(key);
      add(this.byLink, key, post);
      if (entry.kind !== 'list' && entry.title) {
        const t = titleKey(entry.title, entry.author);
        indexed.titles.push(t);
        add(this.byTitle, t, post);
      }
    }
    this.posts.set(path, indexed);
    return true;
  }

  /** The paths of the roundups the index holds. */
  paths(): string[] {
    return [...this.posts.keys()];
  }

  /**
   * The newest roundup with a date (not `exclude`, the post being written; none dated after `notAfter`,
   * not out yet); the first among equals. Undefined when there is none.
   */
  newestRoundup(exclude?: string, notAfter?: Date): (FeaturedPost & { date: Date }) | undefined {
    let best: (FeaturedPost & { date: Date }) | undefined;
    for (const { post } of this.posts.values()) {
      const date = post.date;
      if (!date || post.path === exclude || (notAfter && date.getTime() > notAfter.getTime())) continue;
      if (!best || date.getTime() > best.date.getTime()) best = { ...post, date };
    }
    return best;
  }

  /** The post at `path` is gone. */
  remove(path: string): void {
    const old = this.posts.get(path);
    if (!old) return;
    this.generation++;
    this.posts.delete(path);
    for (const key of old.links) drop(this.byLink, key, old.post);
    for (const key of old.titles) drop(this.byTitle, key, old.post);
  }

  /** The newest roundup (not `exclude`, the path of the post being written) that features the feed entry. */
  find(entry: FeedEntry, exclude?: string, within?: string): FeaturedPost | undefined {
    const keys = this.keysFor(entry);
    if (keys.generation === this.generation && keys.exclude === exclude && keys.within === within) return keys.post;
    const scope: Scope = { exclude, within };
    let best: FeaturedPost | undefined;
    for (const key of keys.links) best = this.byLinkKey(key, scope, best);
    for (const key of keys.titles) best = newest(this.byTitle.get(key), scope, best);
    keys.generation = this.generation;
    keys.exclude = exclude;
    keys.within = within;
    keys.post = best;
    return best;
  }

  /**
   * The newest roundup (not `exclude`; dated before `before` when given) that features an entry of a post:
   * by its link, else its title and author.
   */
  findTextEntry(entry: TextEntry, exclude?: string, before?: Date): FeaturedPost | undefined {
    const scope: Scope = { exclude, within: undefined, before: before?.getTime() };
    const best = this.byLinkKey(featuredKey(entry.url), scope);
    if (best || entry.kind === 'list' || !entry.title) return best;
    return newest(this.byTitle.get(titleKey(entry.title, entry.author)), scope);
  }

  /** The newest post under a link key, its short link's or its target's. */
  private byLinkKey(key: string, scope: Scope, best?: FeaturedPost): FeaturedPost | undefined {
    best = newest(this.byLink.get(key), scope, best);
    if (this.shortOf.size === 0) return best;
    const other = this.shortOf.get(key) ?? this.targetOf.get(key);
    return other === undefined ? best : newest(this.byLink.get(other), scope, best);
  }

  /**
   * The entry's keys, kept by its link. At most {@link KEPT_KEYS} entries' keys are kept since the last
   * turnover; then those become the older ones (looked up and kept again when used), the ones before go.
   */
  private keysFor(entry: FeedEntry): EntryKeys {
    let keys = this.entryKeys.get(entry.link);
    if (!keys) {
      keys = this.olderKeys.get(entry.link);
      if (keys) this.keep(entry.link, keys);
    }
    if (keys && keys.id === entry.id && keys.title === entry.title && keys.author === entry.author) return keys;
    keys = this.keysOf(entry);
    this.keep(entry.link, keys);
    return keys;
  }

  private keep(link: string, keys: EntryKeys): void {
    if (this.entryKeys.size >= KEPT_KEYS) {
      this.olderKeys = this.entryKeys;
      this.entryKeys = new Map();
    }
    this.entryKeys.set(link, keys);
  }

  private keysOf(entry: FeedEntry): EntryKeys {
    const links: string[] = [];
    if (entry.link.trim()) links.push(featuredKey(entry.link));
    if (entry.id !== entry.link && isSafeUrl(entry.id)) links.push(featuredKey(entry.id));
    const titles: string[] = [];
    const title = entry.title.trim();
    if (title) {
      const author = entry.author.trim();
      titles.push(titleKey(title, author));
      const shown = displayAuthor(author, this.authors);
      if (shown !== author) titles.push(titleKey(title, shown));
    }
    const { id, title: written, author } = entry;
    const answer = { generation: -1, exclude: undefined, within: undefined, post: undefined };
    return { id, title: written, author, links, titles, ...answer };
  }
}

/** The post in words: `RDO blogs over the last few weeks, 2016-05-17`. */
export function featuredIn(post: FeaturedPost): string {
  return post.date ? `${post.title}, ${isoDay(post.date)}` : post.title;
}

/** What the sidebar and the quick pick add to an entry an earlier roundup features. */
export interface FeaturedMark {
  /** Appended to the row's description: ` · featured 2016-05-17`. */
  description: string;
  /** A line of the tooltip: `Featured in RDO blogs over the last few weeks, 2016-05-17`. */
  tooltip: string;
  post: FeaturedPost;
}

/** The mark of an entry that a roundup of the blog (not `exclude`, the post being written) already features. */
export function featuredMark(entry: FeedEntry, index: FeaturedIndex, exclude?: string): FeaturedMark | undefined {
  const post = index.find(entry, exclude);
  if (!post) return undefined;
  const when = post.date ? ` ${isoDay(post.date)}` : '';
  return { description: ` · featured${when}`, tooltip: `Featured in ${featuredIn(post)}`, post };
}

/**
 * The entries a draft keeps and those it leaves out because a roundup (not `exclude`; under the path prefix
 * `within` when given: the draft's posts folder) already features them, with how many posts feature those.
 */
export function withoutFeatured<T extends FeedEntry>(
  entries: readonly T[],
  index: FeaturedIndex,
  exclude?: string,
  within?: string,
): { kept: T[]; featured: T[]; posts: number } {
  const kept: T[] = [];
  const featured: T[] = [];
  const posts = new Set<string>();
  for (const entry of entries) {
    const post = index.find(entry, exclude, within);
    if (post) {
      featured.push(entry);
      posts.add(post.path);
    } else kept.push(entry);
  }
  return { kept, featured, posts: posts.size };
}

/** `15 entries left out: featured in 1 post` (what the draft says of the entries it left out). */
export function leftOutWords(left: { featured: readonly unknown[]; posts: number }): string {
  const n = left.featured.length;
  const entries = n === 1 ? '1 entry' : `${n} entries`;
  return `${entries} left out: featured in ${left.posts === 1 ? '1 post' : `${left.posts} posts`}`;
}
