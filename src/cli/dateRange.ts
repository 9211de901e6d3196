// The `--since` and `--until` options of `roundup draft`: command-line words, read with the post date
// forms of the front matter.
import { readDate } from '../core/frontmatter/dates';

/**
 * Parses a `--since` / `--until` value: a post date form ({@link readDate}), any case; throws an
 * Error naming the option and the accepted forms.
 */
export function parseDateOption(value: string, option: string): Date {
  const date = readDate(value.toUpperCase()).time;
  if (!date) {
    const forms = 'YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (UTC unless followed by Z or an offset such as +02:00)';
    throw new Error(`${option}: "${value}" is not a valid date; use ${forms}`);
  }
  return date;
}

/** Parses both bounds of a range (either may be absent); throws when one is invalid or since is after until. */
export function parseDateRange(since?: string, until?: string): { since?: Date; until?: Date } {
  const range = {
    since: since === undefined ? undefined : parseDateOption(since, '--since'),
    until: until === undefined ? undefined : parseDateOption(until, '--until'),
  };
  if (range.since && range.until && range.since.getTime() > range.until.getTime()) {
    throw new Error(`--since (${since}) is after --until (${until})`);
  }
  return range;
}
