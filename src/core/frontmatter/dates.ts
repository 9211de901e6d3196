/**
 * The dates real posts use: `2016-05-17`, `2016-05-17 17:18`, `2016-05-17 17:18:56`, each optionally
 * followed by a zone (`UTC`, `CEST`, `Z`, `+02:00`), and ISO 8601 `2016-05-17T17:18:56Z`.
 */
import { formatUtc, MONTH_NAMES } from '../dates';

const DATE_FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[ ]+|T)(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:[ ]*(Z|[+-]\d{2}(?::?\d{2})?)|[ ]+([A-Z]{2,5}))?$/;


/** Why a date is not acceptable, in plain words; undefined when it is a real date and time. */
export function checkDate(value: string): string | undefined {
  const m = DATE_FORM.exec(value.trim());
  if (!m) {
    return `"${value}" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC`;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `"${value}" has no month ${m[2]}: months run from 01 to 12`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `"${value}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23) return `"${value}" has no hour ${m[4]}: hours run from 00 to 23`;
    if (Number(m[5]) > 59) return `"${value}" has no minute ${m[5]}: minutes run from 00 to 59`;
    if (m[6] !== undefined && Number(m[6]) > 59) return `"${value}" has no second ${m[6]}: seconds run from 00 to 59`;
  }
  const offset = m[7] && m[7] !== 'Z' ? /^[+-](\d{2}):?(\d{2})?$/.exec(m[7]) : null;
  if (offset && (Number(offset[1]) > 14 || Number(offset[2] ?? 0) > 59)) return `"${value}" has an impossible time zone offset ${m[7]}`;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** How a post writes its dates; the fix for a missing date follows the post's siblings. */
export type DateStyle = 'YYYY-MM-DD HH:MM:SS UTC' | 'YYYY-MM-DD HH:MM:SS' | 'YYYY-MM-DD HH:MM UTC' | 'YYYY-MM-DD HH:MM' | 'YYYY-MM-DD' | 'YYYY-MM-DDTHH:MM:SSZ';

export const DEFAULT_DATE_STYLE: DateStyle = 'YYYY-MM-DD HH:MM:SS UTC';

const STYLES: [RegExp, DateStyle][] = [
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/, 'YYYY-MM-DD HH:MM:SS UTC'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'YYYY-MM-DD HH:MM:SS'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/, 'YYYY-MM-DD HH:MM UTC'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'YYYY-MM-DD HH:MM'],
  [/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'YYYY-MM-DDTHH:MM:SSZ'],
];

/** The style most of the given date values use (ties go to the newest, i.e. last, value); the default when none matches. */
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
