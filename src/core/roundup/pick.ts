/**
 * The items of "Insert roundup entry": every entry within the lookback, newest first, with what the
 * quick pick shows (title; author · feed · date; a short excerpt) and whether the post already holds it.
 */
import { publishedTime, sortNewestFirst, withinLookback } from '../feeds/filter';
import { UNTITLED, type FeedEntry } from '../feeds/types';
import { collapseWhitespace } from '../html/text';
import { excerptFromHtml } from './excerpt';
import { displayAuthor } from './format';
import { isoDay } from '../base/utc';

export interface EntryPickItem<T extends FeedEntry = FeedEntry> {
  /** The title; `$(check) ` before it when the post already holds the entry. */
  label: string;
  /** `author · feed · date`, and `· in this post` when included. */
  description: string;
  /** The start of the excerpt. */
  detail: string;
  entry: T;
  included: boolean;
}

export interface PickOptions {
  now: Date;
  /** `roundup.lookbackDays`: older entries are left out; entries without a date are kept (last). */
  lookbackDays: number;
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
  return text.replace(/\$\(/g, '\\$(');
}

/** Quick pick items: entries within the lookback, newest first (entries without a date last, in order). */
export function entryPickItems<T extends FeedEntry>(entries: readonly T[], options: PickOptions): EntryPickItem<T>[] {
  return sortNewestFirst(withinLookback(entries, options.lookbackDays, options.now)).map((entry) => {
    const time = publishedTime(entry);
    const included = options.isIncluded(entry);
    const title = escapeIcons(collapseWhitespace(entry.title) || UNTITLED);
    const facts = [
      displayAuthor(collapseWhitespace(entry.author), options.authors ?? {}),
      collapseWhitespace(entry.feed),
      Number.isNaN(time) ? '' : isoDay(new Date(time)),
      included ? INCLUDED_SUFFIX : '',
    ].filter(Boolean);
    return {
      label: included ? `${INCLUDED_ICON} ${title}` : title,
      description: escapeIcons(facts.join(' · ')),
      detail: escapeIcons(excerptFromHtml(entry.summaryHtml, options.detailLength ?? 160).replace(/\n+/g, ' ')),
      entry,
      included,
    };
  });
}
