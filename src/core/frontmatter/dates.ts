/**
 * The dates real posts use: `2016-05-17`, `2016-05-17 17:18`, `2016-05-17 17:18:56`, each optionally
 * followed by a zone (`UTC`, `CEST`, `Z`, `+02:00`), and ISO 8601 `2016-05-17T17:18:56Z`. One reader
 * for them all: the `fm-date` rule, the date of the newest post a draft starts at, and the CLI's
 * `--since` / `--until`. (Feed dates are read apart, leniently: feeds/dates.ts.)
 */
import { formatUtc, MONTH_NAMES, ZONE_OFFSETS } from '../base/utc';

const DATE_FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[ ]+|T)(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:[ ]*(Z|[+-]\d{2}(?::?\d{2})?)|[ ]+([A-Z]{2,5}))?$/;

/** A date value read: the time it stands for, or why it is not acceptable. */
export interface ReadDate {
  /**
   * The time, when known: a value without a zone is UTC; a zone name must be a known one
   * ({@link ZONE_OFFSETS}), else the value is acceptable but its time unknown.
   */
  time?: Date;
  /** Why the value is not a real date and time in a form site generators read, in plain words. */
  problem?: string;
}

/** Reads a date value in one of the forms above. */
export function readDate(value: string): ReadDate {
  const m = DATE_FORM.exec(value.trim());
  if (!m) {
    return {
      problem: `"${value}" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC`,
    };
  }
  const [, y, mo, d, h, mi, s, fraction, offset, zoneName] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12) return { problem: `"${value}" has no month ${mo}: months run from 01 to 12` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { problem: `"${value}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days` };
  }
  if (h !== undefined) {
    if (Number(h) > 23) return { problem: `"${value}" has no hour ${h}: hours run from 00 to 23` };
    if (Number(mi) > 59) return { problem: `"${value}" has no minute ${mi}: minutes run from 00 to 59` };
    if (s !== undefined && Number(s) > 59) {
      return { problem: `"${value}" has no second ${s}: seconds run from 00 to 59` };
    }
  }
  let minutesEast = 0;
  if (offset && offset !== 'Z') {
    const [, sign, hours, minutes = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset)!;
    if (Number(hours) > 14 || Number(minutes) > 59) {
      return { problem: `"${value}" has an impossible time zone offset ${offset}` };
    }
    minutesEast = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  } else if (zoneName) {
    if (!Object.prototype.hasOwnProperty.call(ZONE_OFFSETS, zoneName)) return {};
    minutesEast = ZONE_OFFSETS[zoneName];
  }
  const time = new Date(0);
  time.setUTCFullYear(year, month - 1, day);
  time.setUTCHours(Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Math.floor(Number(`0.${fraction ?? '0'}`) * 1000));
  return { time: new Date(time.getTime() - minutesEast * 60_000) };
}

/** Why a date value is not acceptable, in plain words; undefined when it is a real date and time. */
export function checkDate(value: string): string | undefined {
  return readDate(value).problem;
}

/** The time of a post's `date:` value (a string, or a Date when a YAML parser made one); undefined when unknown. */
export function parsePostDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string') return readDate(value).time;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** How a post writes its dates; the fix for a missing date follows the post's siblings. */
export type DateStyle =
  | 'YYYY-MM-DD HH:MM:SS UTC'
  | 'YYYY-MM-DD HH:MM:SS'
  | 'YYYY-MM-DD HH:MM UTC'
  | 'YYYY-MM-DD HH:MM'
  | 'YYYY-MM-DD'
  | 'YYYY-MM-DDTHH:MM:SSZ';

export const DEFAULT_DATE_STYLE: DateStyle = 'YYYY-MM-DD HH:MM:SS UTC';

const STYLES: [RegExp, DateStyle][] = [
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/, 'YYYY-MM-DD HH:MM:SS UTC'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'YYYY-MM-DD HH:MM:SS'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/, 'YYYY-MM-DD HH:MM UTC'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'YYYY-MM-DD HH:MM'],
  [/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'YYYY-MM-DDTHH:MM:SSZ'],
];

/**
 * The style most of the given date values use (ties go to the newest, i.e. last, value); the default when
 * none matches.
 */
export function inferDateStyle(dates: readonly string[]): DateStyle {
  const counts = new Map<DateStyle, number>();
  let best: DateStyle | undefined;
  for (const d of dates) {
    const style = STYLES.find(([re]) => re.test(d.trim()))?.[1];
    if (!style) continue;
    const n = (counts.get(style) ?? 0) + 1;
    counts.set(style, n);
    if (!best || n >= (counts.get(best) ?? 0)) best = style;
  }
  return best ?? DEFAULT_DATE_STYLE;
}

/** Every date style, in the order the setting lists them. */
export const DATE_STYLES: readonly DateStyle[] = [
  'YYYY-MM-DD HH:MM:SS UTC',
  'YYYY-MM-DD HH:MM:SS',
  'YYYY-MM-DD HH:MM UTC',
  'YYYY-MM-DD HH:MM',
  'YYYY-MM-DD',
  'YYYY-MM-DDTHH:MM:SSZ',
];

/** The {@link formatUtc} format of each style. */
const STYLE_FORMATS: Record<DateStyle, string> = {
  'YYYY-MM-DD HH:MM:SS UTC': 'YYYY-MM-DD HH:mm:ss UTC',
  'YYYY-MM-DD HH:MM:SS': 'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DD HH:MM UTC': 'YYYY-MM-DD HH:mm UTC',
  'YYYY-MM-DD HH:MM': 'YYYY-MM-DD HH:mm',
  'YYYY-MM-DD': 'YYYY-MM-DD',
  'YYYY-MM-DDTHH:MM:SSZ': 'YYYY-MM-DDTHH:mm:ssZ',
};

/** Formats a time in UTC in the given style. */
export function formatDate(time: Date, style: DateStyle): string {
  return formatUtc(time, STYLE_FORMATS[style]);
}
