/**
 * The same entry twice in a post (rule `post-duplicate-link`), decided from the structure of the post:
 * - a link on a read-more line (`... read more at ...`, `Read more at ...`, the end of a roundup block) is
 *   an entry, and so is the link on the title of a linked-title block (`**[Title](url)** by Author`);
 * - a list item is an entry when it is one inline link and nothing else, in a list whose items all
 *   are (a list of entry links, as the `link` template makes); items of lists that hold anything
 *   else (release notes, prose) are not entries;
 * - links in prose, headings, quotes, tables, code are never entries.
 * A read-more entry is a duplicate of any earlier entry with the same link; a list entry is a
 * duplicate of an earlier read-more entry or of an earlier item of the same list (the same link in
 * two lists under two headings is two entries). Links are the same when their keys
 * ({@link normalizeLink}) are, fragment included.
 *
 * Only the lines that hold a link are looked at (found from the link scan, no split into lines), and
 * of those only the first characters, unless the line is a read-more line or a list item that starts
 * with its link; a list's other lines are read once for the whole list.
 */
import { keepShape } from '../base/shapes';
import {
  isReadMoreLine,
  linkedTitleBlock,
  type LinkTable,
  LinkKeys,
  type List,
  Lists,
  normalizeLink,
  readMoreBlock,
  type Removable,
  scanLinkTable,
} from '../markdown';

export interface DuplicateLink {
  /** Comparison key shared by both occurrences. */
  key: string;
  /** The second occurrence's target as written, and its offsets. */
  url: string;
  start: number;
  end: number;
  /** Offsets of the first occurrence's target. */
  firstStart: number;
  firstEnd: number;
  /**
   * What holds the second occurrence: its roundup block (title line start to read-more paragraph end) or
   * list item; null when neither is recognised.
   */
  block: { start: number; end: number } | null;
  /** True when `block` is a list item. */
  listItem: boolean;
  /**
   * What a fix deletes: the block plus its line break and one separating blank line (the one after
   * it, else the one before it); for a list item, its lines. null: no fix (no block, or removing it
   * would cut another link or a reference definition that other text may use).
   */
  removal: { start: number; end: number } | null;
}

/** The duplicates of entries in `text`, whose body starts at `from` (see the module comment). */
export function findDuplicateLinks(text: string, from = 0): DuplicateLink[] {
  return new Entries(scanLinkTable(text), from).duplicates();
}

/** An entry that repeats an earlier one: the earlier entry's link, and what holds the repetition. */
interface Repeat {
  first: number;
  /** The roundup block or list item that holds the repetition, when recognised. */
  held: Removable | undefined;
  listItem: boolean;
}

/**
 * The numbers kept per key: its first entry, its first read-more entry, the list it was last seen in and
 * its first entry there.
 */
const enum Field {
  Any,
  ReadMore,
  List,
  InList,
  /** The start of the read-more line it was last seen on: a key counts once a line. */
  OnLine,
}
const FIELDS = 5;

/** The entries of one text, seen in order: what each key was first seen as, and the list being read. */
class Entries {
  private readonly keys: LinkKeys;
  private readonly lists: Lists;
  /** The list of the last list entry, and how many lists were read. */
  private list: List | undefined;
  private listCount = 0;

  constructor(
    private readonly links: LinkTable,
    private readonly from: number,
  ) {
    this.keys = new LinkKeys(links, FIELDS);
    this.lists = new Lists(links);
  }

  /** The links that repeat an earlier entry, in text order. */
  duplicates(): DuplicateLink[] {
    const { links, lists } = this;
    const lines = links.lines;
    const duplicates: DuplicateLink[] = [];
    // The line of the last link looked at: its start, whether it is a read-more line, the linked-title
    // block it starts (its title's link is an entry), and where the content of the list item it starts
    // begins (-1: it starts none).
    let lineStart = -1;
    let lastAt = -1;
    let readMore = false;
    let titled: Removable | undefined;
    let itemContent = -1;
    const text = lines.text;
    for (let i = links.firstFrom(this.from); i < links.count; i++) {
      if (links.isImage(i)) continue;
      const at = links.matchStart(i);
      // A new line when a line break lies between this link and the last one (looked for backwards: the
      // line start is found on the way).
      const start = lines.startOf(at, Math.max(lastAt, 0));
      if (start > lastAt) {
        lineStart = start;
        // Most lines with a link are prose: their first character rules out a read-more line.
        readMore = isReadMoreLine(lines, lineStart);
        titled = !readMore && (text.startsWith('**[', lineStart) || text.startsWith('[**', lineStart))
          ? linkedTitleBlock(lines, lineStart, this.from)
          : undefined;
        itemContent = readMore || titled ? -1 : lists.itemContent(lineStart);
      }
      lastAt = at;
      const repeat = readMore
        ? this.inBlock(i, lineStart, () => readMoreBlock(lines, lineStart, this.from))
        : titled && links.isInline(i) && (at === lineStart + 2 || at === lineStart)
          ? this.inBlock(i, lineStart, () => titled)
          : itemContent === at && links.isInline(i)
            ? this.inList(i, lineStart)
            : undefined;
      if (repeat) duplicates.push(duplicateLink(links, i, repeat));
    }
    return duplicates;
  }

  /**
   * Link i, on the read-more line or the linked title line starting at `lineStart` (`held`: the block it
   * ends or starts): the earlier entry it repeats, if any.
   */
  private inBlock(i: number, lineStart: number, held: () => Removable | undefined): Repeat | undefined {
    const keys = this.keys;
    const key = keys.of(i);
    if (key < 0 || keys.get(key, Field.OnLine) === lineStart) return undefined;
    keys.set(key, Field.OnLine, lineStart);
    const first = keys.get(key, Field.Any);
    if (keys.get(key, Field.ReadMore) < 0) keys.set(key, Field.ReadMore, i);
    this.seen(key, i);
    if (first < 0) return undefined;
    return { first, held: held(), listItem: false };
  }

  /** Link i, alone in the list item starting at `lineStart`: the earlier entry it repeats, if any. */
  private inList(i: number, lineStart: number): Repeat | undefined {
    let list = this.list;
    if (!list || lineStart < list.start || lineStart > list.end) {
      list = this.list = this.lists.around(lineStart, this.from);
      this.listCount++;
    }
    if (!list.entries) return undefined;
    const keys = this.keys;
    const key = keys.of(i);
    if (key < 0) return undefined;
    const inThisList = keys.get(key, Field.List) === this.listCount;
    let first = keys.get(key, Field.ReadMore);
    if (first < 0 && inThisList) first = keys.get(key, Field.InList);
    if (!inThisList) {
      keys.set(key, Field.List, this.listCount);
      keys.set(key, Field.InList, i);
    }
    this.seen(key, i);
    if (first < 0) return undefined;
    const held = this.lists.itemAt(list, lineStart, this.from);
    return { first, held, listItem: held !== undefined };
  }

  private seen(key: number, i: number): void {
    if (this.keys.get(key, Field.Any) < 0) this.keys.set(key, Field.Any, i);
  }
}

/** The duplicate that link i is; its fix only when removing what holds it cuts no other link. */
function duplicateLink(links: LinkTable, i: number, { first, held, listItem }: Repeat): DuplicateLink {
  const removal = held && links.cleanCut(held.removal.start, held.removal.end) ? held.removal : null;
  return {
    key: normalizeLink(links.url(i)),
    url: links.url(i),
    start: links.start(i),
    end: links.end(i),
    firstStart: links.start(first),
    firstEnd: links.end(first),
    block: held?.block ?? null,
    listItem,
    removal,
  };
}

// A walk over a post with a block, a list of entries and repeated entries keeps the shapes of what a
// walk makes (see base/shapes.ts).
const SHAPES_POST = [
  '**T** by A', '', '> q', '', '... read more at [http://a.example/1](http://a.example/1)', '',
  '**[L](http://a.example/2)** by B', '', '> q', '',
  '* [a](http://a.example/1)', '* [b](HTTP://b.example/2)', '* [b](http://b.example/2)', '',
].join('\n');
keepShape(new Entries(scanLinkTable(SHAPES_POST), 0)).duplicates();
