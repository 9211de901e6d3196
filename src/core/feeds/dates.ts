// Feed dates: RFC 822 (RSS) and RFC 3339 / ISO 8601 (Atom, dc:date), to an ISO string in UTC.
// Parsed here rather than with `Date.parse` alone, whose treatment of dates without a zone depends on
// the machine's time zone and which knows few zone names. Kept apart from the reading of a post's
// `date:` (frontmatter/dates.ts) on purpose: feeds need RFC 822 and leniency, posts need strictness.

import { MONTH_NAMES, ZONE_OFFSETS } from '../base/utc';

/** `jan` -> 0 ... `dec` -> 11. */
const MONTHS: Record<string, number> = Object.fromEntries(
  MONTH_NAMES.map((name, i) => [name.slice(0, 3).toLowerCase(), i]),
);

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** ISO 8601 basic format: `20240101T100000Z`, `20240101T1000+0100`, `20240101`. */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * RFC 822 / 2822 and what feeds make of it: a day name or none, a month name in full or cut, a
 * two-digit year, no seconds, and a zone as a name (`EST`, `CEST`, a military letter), an offset
 * (`+0200`, `+02:00`, `+02`), a name with an offset (`GMT+0200`, `UTC-5`), a POSIX zone (`EST5EDT`),
 * or a name and an offset together (`+0000 GMT`), followed by a comment in parentheses or not.
 */
const RFC822 =
  /^(?:[A-Za-z\u00c0-\u024f.]+,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z.]*[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?)?\s*((?:(?:GMT|UTC|UT)\s*)?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?(?:\d[A-Za-z]{3,4})?(?:\s+(?:GMT|UTC|UT))?(?:\s*\(.*\))?$/i;

/** A zone name, `GMT+0200`, `+02:00`, `+02`, `-5`: its offset from UTC in minutes; undefined when unknown. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0; // No zone: taken as UTC, the same on every machine.
  const upper = zone.toUpperCase().replace(/^(?:GMT|UTC|UT)\s*(?=[+-])/, '');
  const named = ZONE_OFFSETS[upper];
  if (named !== undefined) return named;
  // RFC 2822: a military letter zone other than Z carries no reliable offset; read as UTC.
  if (/^[A-IK-Y]$/.test(upper)) return 0;
  const short = /^([+-])(\d{1,2})$/.exec(upper);
  if (short) return (short[1] === '-' ? -1 : 1) * Number(short[2]) * 60;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(upper);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: number,
): number {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return NaN;
  // Date.UTC reads years 0-99 as 1900-1999: the year is set apart (Hugo's zero time is year 1).
  const d = new Date(Date.UTC(2000, month, day, hour, minute, Math.min(second, 59), ms));
  d.setUTCFullYear(year, month, day);
  // Reject day overflow such as 31 February.
  if (d.getUTCDate() !== day) return NaN;
  return d.getTime() - offset * 60_000;
}

/** Milliseconds since the epoch, or NaN when the text is not a date we can read. */
export function parseFeedDate(text: string | undefined | null): number {
  if (typeof text !== 'string') return NaN;
  const s = text.trim();
  if (!s) return NaN;

  let m = ISO.exec(s);
  if (m) {
    const offset = offsetMinutes(m[8]);
    if (offset === undefined) return NaN;
    const ms = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
    return build(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, offset);
  }

  m = ISO_BASIC.exec(s);
  if (m) {
    const offset = offsetMinutes(m[8]);
    if (offset === undefined) return NaN;
    const ms = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
    return build(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, offset);
  }

  m = RFC822.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    if (month === undefined) return NaN;
    let year = +m[3];
    if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
    const offset = offsetMinutes(m[7]);
    if (offset === undefined) return NaN;
    return build(year, month, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, offset);
  }

  // Anything else ("January 5, 2024 10:00 GMT"): only when it names a year, so that "1" or "soon"
  // are not read as dates. Without a zone it is taken as UTC, not the machine's time zone.
  if (!/\b\d{4}\b/.test(s)) return NaN;
  if (!/(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT)\b|\b[A-Z]{3,5}\b)\s*(?:\(.*\))?$/.test(s)) {
    const utc = Date.parse(`${s} UTC`);
    if (Number.isFinite(utc)) return utc;
  }
  return Date.parse(s);
}

/** ISO 8601 string in UTC, or '' when the text is not a date we can read. */
export function toIsoDate(text: string | undefined | null): string {
  const t = parseFeedDate(text);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  const year = d.getUTCFullYear();
  if (year < 1900 || year > 9999) return '';
  return d.toISOString();
}
