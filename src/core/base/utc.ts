/**
 * Writing times, always in UTC: the one formatter behind template `{date:FORMAT}` placeholders,
 * the date styles of front matter, new post file names and front matter, draft titles, and the
 * dates the sidebar and quick pick show. And what reading them shares: month and zone names.
 *
 * Reading dates is done in two places that differ on purpose: frontmatter/dates.ts reads the forms
 * a post's `date:` takes (and the CLI's `--since`/`--until`), strictly, with a reason for every
 * rejection; feeds/dates.ts reads what feeds write (RFC 822 with zone names, RFC 3339 and looser
 * ISO forms), leniently, to an ISO string or nothing.
 */

export const MONTH_NAMES: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Time zone names seen in feeds and posts, as minutes east of UTC. */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 60, WEST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660,
  ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
};

const DATE_TOKEN = /YYYY|MMMM|MMM|MM|DD|HH|mm|ss/g;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats a time in UTC. Tokens: `YYYY` year, `MMMM` January, `MMM` Jan, `MM` month 01-12, `DD` day
 * 01-31, `HH` hour 00-23, `mm` minutes, `ss` seconds; any other character is kept as is.
 */
export function formatUtc(date: Date, format: string): string {
  return format.replace(DATE_TOKEN, (token) => {
    switch (token) {
      case 'YYYY':
        return pad(date.getUTCFullYear(), 4);
      case 'MMMM':
        return MONTH_NAMES[date.getUTCMonth()];
      case 'MMM':
        return MONTH_NAMES[date.getUTCMonth()].slice(0, 3);
      case 'MM':
        return pad(date.getUTCMonth() + 1);
      case 'DD':
        return pad(date.getUTCDate());
      case 'HH':
        return pad(date.getUTCHours());
      case 'mm':
        return pad(date.getUTCMinutes());
      default:
        return pad(date.getUTCSeconds());
    }
  });
}

/**
 * A time to the minute in UTC, `2016-05-17 17:18 UTC`, as the sidebar, tooltips and messages show it;
 * '' for a text that is not a time.
 */
export function shortUtc(time: Date | string): string {
  const t = typeof time === 'string' ? Date.parse(time) : time.getTime();
  return Number.isFinite(t) ? formatUtc(new Date(t), 'YYYY-MM-DD HH:mm UTC') : '';
}

/** `YYYY-MM-DD` of a time in UTC. */
export function isoDay(date: Date): string {
  return formatUtc(date, 'YYYY-MM-DD');
}
