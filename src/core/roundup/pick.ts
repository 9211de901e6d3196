/**
 * The items of "Insert roundup entry": every entry within the window, newest first, with what the
 * quick pick shows (title; author · feed · date; a short excerpt) and whether the post already holds it.
 */
import { publishedTime, sortNewestFirst } from '../feeds/filter';
import { UNTITLED, type FeedEntry } from '../feeds/types';
import { collapseWhitespace } from '../html/text';
import { excerptFromHtml } from './excerpt';
import { displayAuthor } from './format';
import { isoDay } from '../base/utc';

export interface EntryPickItem<T extends FeedEntry = FeedEntry> {
  /** The title; `$(check) ` before it when the post already holds the entry. */
  readonly label: string;
  /** `author · feed · date`, and `· in this post` when included. */
  readonly description: string;
  /** The start of the excerpt. */
  readonly detail: string;
  readonly entry: T;
  readonly included: boolean;
}

export interface PickOptions {
  /** The window's start (roundup/window.ts): older entries are left out (entries without a date are kept, last). */
  since: Date | undefined;
  /** Older entries kept all the same: those of the feeds the user asked to see older entries of. */
  keepOlder?: (entry: FeedEntry) => boolean;
  /** Does the post already link to the entry? */
  isIncluded: (entry: FeedEntry) => boolean;
  /** `roundup.authors`, so the author reads as it will in the block. */
  authors?: Readonly<Record<string, string>>;
  /** Longest detail line (default 160 characters). */
  detailLength?: number;
}

/** The mark of an entry already in the post (a codicon). */
const INCLUDED_ICON = '$(check)';
const INCLUDED_SUFFIX = 'in this post';

/** Text shown literally where VS Code renders `$(name)` as an icon. */
export function escapeIcons(text: string): string {
  return text.includes('$(') ? text.replace(/\$\(/g, '\\$(') : text;
}

/**
 * Quick pick items: entries within the window (or of a feed whose older entries are shown), newest first
 * (entries without a date last, in order).
 */
export function entryPickItems<T extends FeedEntry>(entries: readonly T[], options: PickOptions): EntryPickItem<T>[] {
  return markItems(pickBases(entries, options), options);
}

/** What an item shows that depends on the entry alone (and the settings), not on the post or the time. */
interface PickBase<T extends FeedEntry> {
  entry: T;
  /** Published time (ms), NaN when none. */
  time: number;
  title: string;
  facts: string[];
  detail: string;
  /** The item of an entry the post does not hold: the same object at every opening. */
  item: EntryPickItem<T>;
}

/** Every entry's base, newest first: the costly part (the excerpt above all). */
type PickShape = Pick<PickOptions, 'authors' | 'detailLength'>;

function pickBases<T extends FeedEntry>(entries: readonly T[], options: PickShape): PickBase<T>[] {
  return sortNewestFirst(entries).map((entry) => {
    const time = publishedTime(entry);
    const facts = [
      displayAuthor(collapseWhitespace(entry.author), options.authors ?? {}),
      collapseWhitespace(entry.feed),
      Number.isNaN(time) ? '' : isoDay(new Date(time)),
    ].filter(Boolean);
    const title = escapeIcons(collapseWhitespace(entry.title) || UNTITLED);
    const detail = escapeIcons(excerptFromHtml(entry.summaryHtml, options.detailLength ?? 160).replace(/\n+/g, ' '));
    const item = { label: title, description: escapeIcons(facts.join(' · ')), detail, entry, included: false };
    return { entry, time, title, facts, detail, item };
  });
}

/** The items of the bases within the window, each marked when the post holds it. */
function markItems<T extends FeedEntry>(bases: readonly PickBase<T>[], options: PickOptions): EntryPickItem<T>[] {
  const cutoff = options.since?.getTime() ?? -Infinity;
  const items: EntryPickItem<T>[] = [];
  for (const base of bases) {
    if (base.time < cutoff && !options.keepOlder?.(base.entry)) continue;
    if (!options.isIncluded(base.entry)) {
      items.push(base.item);
      continue;
    }
    items.push({
      label: `${INCLUDED_ICON} ${base.title}`,
      description: escapeIcons([...base.facts, INCLUDED_SUFFIX].join(' · ')),
      detail: base.detail,
      entry: base.entry,
      included: true,
    });
  }
  return items;
}

/**
 * The quick pick's items kept between openings: what each entry shows is made once per change of the
 * entries (a new `version`) or of the settings that shape it; an opening only takes those within the
 * window and marks the ones the post holds. Items are shared between openings: read-only.
 */
export class EntryPickCache<T extends FeedEntry = FeedEntry> {
  private made: { version: number; shape: PickShape; bases: PickBase<T>[] } | undefined;

  /** The items for `options`; `entries` is asked for only when `version` differs from the last one. */
  items(entries: () => readonly T[], version: number, options: PickOptions): EntryPickItem<T>[] {
    let made = this.made;
    const { authors, detailLength } = options;
    const shape = made?.shape;
    const same = made?.version === version && shape?.authors === authors && shape?.detailLength === detailLength;
    if (!made || !same) {
      made = this.made = { version, shape: { authors, detailLength }, bases: pickBases(entries(), options) };
    }
    return markItems(made.bases, options);
  }
}
