/**
 * The window of entries the sidebar, "Insert roundup entry" and the view's badge show, and what it is in
 * words. `roundup.window` chooses it: "sinceLastRoundup" (the default: since the date of the blog's
 * newest published roundup, never further back than `roundup.lookbackDays` days), "days" (the last
 * `roundup.lookbackDays` days) or a day, `YYYY-MM-DD` (since that day, 00:00 UTC). Also the choices
 * "Change lookback…" offers and what each saves. Times are passed in; nothing here reads the clock.
 */
import { truncateAtWord } from '../base/truncate';
import { isoDay } from '../base/utc';
import { daysBefore } from '../feeds/filter';
import { parseDay } from './postsFolder';

/** `roundup.window`: since the last roundup, capped by `roundup.lookbackDays` (the default). */
export const SINCE_LAST_ROUNDUP = 'sinceLastRoundup';
/** `roundup.window`: the last `roundup.lookbackDays` days. */
const LAST_DAYS = 'days';

const DAY_FORM = /^\d{4}-\d{2}-\d{2}$/;

/** A day written `YYYY-MM-DD` that exists, as 00:00 UTC; undefined otherwise. */
function dayOf(value: string): Date | undefined {
  return DAY_FORM.test(value) ? parseDay(value) : undefined;
}

/** Is `value` a `roundup.window` value: "sinceLastRoundup", "days" or a real day written `YYYY-MM-DD`? */
export function isWindowSetting(value: unknown): value is string {
  if (value === SINCE_LAST_ROUNDUP || value === LAST_DAYS) return true;
  return typeof value === 'string' && dayOf(value) !== undefined;
}

/** What the settings' message says `roundup.window` should be. */
export const WINDOW_SETTING_EXPECTED = '"sinceLastRoundup", "days" or a day written YYYY-MM-DD (such as 2018-01-01)';

/** The blog's last roundup, as the window needs it: its title (else its file name) and its date. */
export interface WindowRoundup {
  title: string;
  date: Date;
}

/** The window of entries shown. */
export interface EntryWindow {
  /** Entries published at this time or later are shown (entries without a date always are); undefined: all. */
  since: Date | undefined;
  /** What `roundup.window` asks for. */
  choice: 'sinceLastRoundup' | 'days' | 'date';
  /** `roundup.lookbackDays`: the days of "days", the furthest back "sinceLastRoundup" goes. */
  days: number;
  /** The last roundup, for "sinceLastRoundup" (when the blog has one), whether its date or the cap set `since`. */
  roundup?: WindowRoundup;
}

/**
 * The window for `roundup.window` (`setting`) and `roundup.lookbackDays` (`lookbackDays`) at `now`:
 * since `lastRoundup`'s date, but never earlier than `lookbackDays` days before `now` (no roundup: those
 * days); the last `lookbackDays` days; or since the day `setting` names. A value that is none of these
 * counts as "sinceLastRoundup" (the settings warn of it).
 */
export function entryWindow(
  setting: string,
  lookbackDays: number,
  now: Date,
  lastRoundup: WindowRoundup | undefined,
): EntryWindow {
  const cap = daysBefore(now, lookbackDays);
  if (setting === LAST_DAYS) return { since: cap, choice: 'days', days: lookbackDays };
  const day = dayOf(setting);
  if (day) return { since: day, choice: 'date', days: lookbackDays };
  if (!lastRoundup) return { since: cap, choice: 'sinceLastRoundup', days: lookbackDays };
  const since = cap && cap.getTime() > lastRoundup.date.getTime() ? cap : lastRoundup.date;
  return { since, choice: 'sinceLastRoundup', days: lookbackDays, roundup: lastRoundup };
}

/** Did the last roundup's date set the window's start (not the cap)? */
export function startsAtRoundup(window: EntryWindow): boolean {
  return window.roundup !== undefined && window.since?.getTime() === window.roundup.date.getTime();
}

/** How long a roundup's title may be in the window's words. */
const TITLE_LENGTH = 32;

/** The roundup in words: `2018-01-10 (RDO Community Blogs…)`. */
function roundupWords(roundup: WindowRoundup): string {
  return `${isoDay(roundup.date)} (${truncateAtWord(roundup.title, TITLE_LENGTH)})`;
}

function lastDays(days: number): string {
  if (!Number.isFinite(days) || days <= 0) return 'from any time';
  return `from the last ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The window in words, to follow "No entries" or "entries": `since the last roundup, 2018-01-10 (RDO
 * Community Blogs…)`, `from the last 30 days (the last roundup, 2017-10-01, is older)`, `from the last 30
 * days (no roundup yet)`, `from the last 7 days`, `since 2018-01-01`.
 */
export function windowWords(window: EntryWindow): string {
  if (window.choice === 'date') return window.since ? `since ${isoDay(window.since)}` : lastDays(0);
  if (window.choice === 'days') return lastDays(window.days);
  if (!window.roundup) return `${lastDays(window.days)} (no roundup yet)`;
  if (startsAtRoundup(window)) return `since the last roundup, ${roundupWords(window.roundup)}`;
  return `${lastDays(window.days)} (the last roundup, ${isoDay(window.roundup.date)}, is older)`;
}

/** The window in a few words, for a row: `since the last roundup`, `from the last 30 days`, `since 2018-01-01`. */
export function windowShortWords(window: EntryWindow): string {
  if (startsAtRoundup(window)) return 'since the last roundup';
  if (window.choice === 'date') return windowWords(window);
  return lastDays(window.days);
}

/** What a choice of "Change lookback…" saves: `roundup.window`, and `roundup.lookbackDays` for a number of days. */
export interface WindowSave {
  window: string;
  lookbackDays?: number;
}

/** One choice of "Change lookback…". */
export interface WindowChoice {
  label: string;
  /** `current` for the current choice, and what else to know of it (the cap, the day chosen). */
  description: string;
  /** The current choice. */
  current: boolean;
  /** What choosing it saves; 'askDay': a day is asked for first. */
  save: WindowSave | 'askDay';
}

/** The numbers of days offered. */
const OFFERED_DAYS = [7, 30, 90];

function withCurrent(notes: string[], current: boolean): string {
  return [...(current ? ['current'] : []), ...notes].join(' · ');
}

/**
 * The choices of "Change lookback…" for the current settings: since the last roundup (its day and
 * title), the last 7, 30 or 90 days (and the current number when it is another), since a day; the
 * current one marked.
 */
export function windowChoices(
  setting: string,
  lookbackDays: number,
  now: Date,
  lastRoundup: WindowRoundup | undefined,
): WindowChoice[] {
  const window = entryWindow(setting, lookbackDays, now, lastRoundup);
  const sinceRoundup = entryWindow(SINCE_LAST_ROUNDUP, lookbackDays, now, lastRoundup);
  const roundupNote = !lastRoundup
    ? `no roundup yet: ${lastDays(lookbackDays).replace(/^from /, '')}`
    : startsAtRoundup(sinceRoundup)
      ? `at most ${lookbackDays} ${lookbackDays === 1 ? 'day' : 'days'} back`
      : `older than ${lookbackDays} ${lookbackDays === 1 ? 'day' : 'days'}: ${lastDays(lookbackDays).replace(/^from /, '')}`;
  const choices: WindowChoice[] = [{
    label: lastRoundup
      ? `Since the last roundup (${isoDay(lastRoundup.date)}, ${truncateAtWord(lastRoundup.title, TITLE_LENGTH)})`
      : 'Since the last roundup',
    description: withCurrent([roundupNote], window.choice === 'sinceLastRoundup'),
    current: window.choice === 'sinceLastRoundup',
    save: { window: SINCE_LAST_ROUNDUP },
  }];
  const days = [...OFFERED_DAYS];
  if (window.choice === 'days' && !days.includes(lookbackDays)) days.push(lookbackDays);
  for (const n of days.sort((a, b) => a - b)) {
    const current = window.choice === 'days' && n === lookbackDays;
    choices.push({
      label: `Last ${n} ${n === 1 ? 'day' : 'days'}`,
      description: withCurrent([], current),
      current,
      save: { window: LAST_DAYS, lookbackDays: n },
    });
  }
  const onDay = window.choice === 'date' && window.since ? [`now ${isoDay(window.since)}`] : [];
  choices.push({
    label: 'Since a date…',
    description: withCurrent(onDay, window.choice === 'date'),
    current: window.choice === 'date',
    save: 'askDay',
  });
  return choices;
}

/** Why `text` is not a day to show entries since (YYYY-MM-DD, not after `now`'s day); undefined when it is. */
export function dayChoiceProblem(text: string, now: Date): string | undefined {
  const day = dayOf(text.trim());
  if (!day) return 'A day written YYYY-MM-DD, such as 2018-01-01';
  if (day.getTime() > now.getTime()) return `A day not in the future (today is ${isoDay(now)})`;
  return undefined;
}
