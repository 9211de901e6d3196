// What the sidebar and the quick pick show of an entry: relative dates, the "author · 3 days ago" line,
// and the tooltip's markdown. Times come in as arguments.

import { shortUtc } from '../base/utc';
import { encodeUrl, isSafeUrl } from '../base/urls';
import { escapeInline, quoteLines } from './escape';
import { excerptFromHtml } from './excerpt';
import type { FeedEntry } from '../feeds/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", "3 weeks ago", "in 2 hours"; from
 * eight weeks away, the date (`2016-02-10`, UTC): "3 months" or "10 years ago" on every entry of an older
 * feed tells less. '' for no date.
 */
export function relativeTime(iso: string, now: Date): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return '';
  const diff = now.getTime() - t;
  const ahead = diff < 0;
  const d = Math.abs(diff);
  const say = (n: number, unit: string) => {
    const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
    return ahead ? `in ${text}` : `${text} ago`;
  };
  if (d < MINUTE) return 'just now';
  if (d < HOUR) return say(Math.floor(d / MINUTE), 'minute');
  if (d < DAY) return say(Math.floor(d / HOUR), 'hour');
  if (d < 2 * DAY && !ahead) return 'yesterday';
  if (d < 14 * DAY) return say(Math.floor(d / DAY), 'day');
  if (d < 56 * DAY) return say(Math.floor(d / (7 * DAY)), 'week');
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * `3 days ago · author`: the short part first, for a narrow sidebar; an unknown author is left out, an
 * entry without a (readable) date says `no date`.
 */
export function entryDescription(entry: FeedEntry, now: Date): string {
  return [relativeTime(entry.published, now) || NO_DATE, entry.author].filter(Boolean).join(' · ');
}

/** Longest label the sidebar shows whole at its default width. */
const LABEL_ROOM = 34;

/**
 * Labels for entries of one feed that a narrow sidebar cuts alike: a title longer than {@link LABEL_ROOM}
 * that shares its start with another title keeps its distinguishing end in reach
 * (`OpenStack Summit Austin: Day 1` and `… Day 2` become `OpenStack Summit… Day 1`); others stay whole.
 */
export function distinguishingLabels(titles: readonly string[], room = LABEL_ROOM): string[] {
  const shared = longestSharedStarts(titles);
  return titles.map((title, i) => {
    if (title.length <= room) return title;
    // Only when the cut would fall inside the shared start, hiding what tells them apart.
    if (shared[i] < room - 10 || shared[i] >= title.length) return title;
    let end = shared[i];
    while (end > 0 && title[end - 1] === ' ') end--;
    const wordStart = title.lastIndexOf(' ', end - 1) + 1;
    const rest = title.slice(wordStart);
    const tailRoom = Math.floor(room / 2);
    const cut = rest.slice(0, tailRoom);
    const tail = rest.length <= tailRoom ? rest : `${cut.replace(/\s+\S*$/, '') || cut}…`;
    const head = title.slice(0, room - tail.length - 2).replace(/[\s:,-]+$/, '');
    return `${head}… ${tail}`;
  });
}

function commonStart(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

/**
 * For each title, the longest start it shares with any other title. In sorted order the title sharing
 * the longest start with a title is one of its two neighbours, so a sort and one pass do (not every pair).
 */
function longestSharedStarts(titles: readonly string[]): number[] {
  const byTitle = (a: number, b: number) => (titles[a] < titles[b] ? -1 : titles[a] > titles[b] ? 1 : a - b);
  const order = titles.map((_, i) => i).sort(byTitle);
  const shared = new Array<number>(titles.length).fill(0);
  for (let k = 1; k < order.length; k++) {
    const n = commonStart(titles[order[k - 1]], titles[order[k]]);
    shared[order[k - 1]] = Math.max(shared[order[k - 1]], n);
    shared[order[k]] = Math.max(shared[order[k]], n);
  }
  return shared;
}

/** What the sidebar and the tooltip show for an entry without a date. */
const NO_DATE = 'no date';

/** Markdown for an entry's tooltip: bold title, author, date, feed, and the excerpt quoted. */
export function entryTooltipMarkdown(entry: FeedEntry, excerptLength = 400): string {
  const lines = [`**${escapeInline(entry.title)}**`, ''];
  const facts = [
    entry.author && `by ${escapeInline(entry.author)}`,
    shortUtc(entry.published) || NO_DATE,
    entry.feed && `in ${escapeInline(entry.feed)}`,
  ].filter(Boolean);
  if (facts.length) lines.push(facts.join(' · '), '');
  const excerpt = excerptFromHtml(entry.summaryHtml, excerptLength);
  if (excerpt) lines.push(quoteLines(excerpt), '');
  if (entry.link && isSafeUrl(entry.link)) lines.push(`[${escapeInline(entry.link)}](${encodeUrl(entry.link)})`);
  return lines.join('\n').trimEnd();
}
