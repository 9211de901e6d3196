/**
 * The day a post's path gives it, as site generators date posts by their files:
 * - a file name that starts with the day: `2016-05-17-title.md` (Jekyll, Middleman, Eleventy, Hugo's
 *   `:filename`);
 * - a page bundle's folder named so: `2016-05-17-title/index.md` (Hugo's `:filename` reads the folder);
 * - folders of the year, month and day: `2016/05/17-title.md` or `2016/05/17/title.md` (Middleman's
 *   `{year}/{month}/{day}` sources).
 * Paths use `/` (a `\` is read as one too).
 */

export interface DatedPath {
  /** `YYYY-MM-DD`. */
  day: string;
  /** The folder the dated part stands in ('' = the root): where the blog keeps such posts. */
  folder: string;
}

/** A file or folder name that starts with a day. */
const DATED_NAME = /^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)/;
/** Folders of the year and month, then the day as a folder or at the start of the name. */
const DATED_FOLDERS = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})(?=[-_./])/g;
/** A bundle's own page. */
const INDEX = /^_?index\./i;

/** A month and day that can be (the day's month length is the date rule's business). */
function day(y: string, m: string, d: string): string | undefined {
  return +m >= 1 && +m <= 12 && +d >= 1 && +d <= 31 ? `${y}-${m}-${d}` : undefined;
}

/** Any year/month/day folders: told before they are looked for one by one (most paths have none). */
const ANY_DATED_FOLDERS = /(?:^|\/)\d{4}\/\d{2}\/\d{2}[-_./]/;

/** The day the path gives and the folder it stands in; undefined when it holds no day. */
export function datedPath(path: string): DatedPath | undefined {
  const p = path.includes('\\') ? path.replace(/\\/g, '/') : path;
  const cut = p.lastIndexOf('/');
  const name = p.slice(cut + 1);
  let m = DATED_NAME.exec(name);
  let folderEnd = cut;
  if (!m && cut > 0 && INDEX.test(name)) {
    // A bundle: the folder the index stands in is named by the day.
    folderEnd = p.lastIndexOf('/', cut - 1);
    m = DATED_NAME.exec(p.slice(folderEnd + 1, cut));
  }
  if (m) {
    const d = day(m[1]!, m[2]!, m[3]!);
    return d ? { day: d, folder: p.slice(0, Math.max(0, folderEnd)) } : undefined;
  }
  if (!ANY_DATED_FOLDERS.test(p)) return undefined;
  // The last year/month/day folders of the path.
  let last: RegExpExecArray | undefined;
  for (const found of p.matchAll(DATED_FOLDERS)) last = found;
  if (!last) return undefined;
  const d = day(last[1]!, last[2]!, last[3]!);
  if (!d) return undefined;
  const start = last.index + (last[0].startsWith('/') ? 1 : 0);
  return { day: d, folder: p.slice(0, Math.max(0, start - 1)) };
}

/**
 * Globs of the files {@link datedPath} dates, with the extension `extension` (`md`, or a brace list
 * `{md,markdown}`): a search gathers the candidates, {@link datedPath} has the last word.
 */
export function datedPathGlobs(extension: string): string[] {
  const day = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
  const folders = '[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]';
  return [
    `**/${day}*.${extension}`,
    `**/${day}*/index.${extension}`,
    `**/${folders}*.${extension}`,
    `**/${folders}/*.${extension}`,
  ];
}
