import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FeedEntry, FeedSource } from '../core/feeds/types';
import { loadFeed, refreshFeeds } from '../core/feeds/refresh';
import { expandPaths } from '../core/files';
import { extractLinkSet, isIncluded } from '../core/markdown';
import {
  type DraftStart, draftStartWords, entriesForDraft, isUndated, mergeFeedEntries, newestRoundup, type PostWithText,
} from '../core/roundup/draft';
import { dateValueOf } from '../core/roundup/siblings';
import { FeaturedIndex, leftOutWords, withoutFeatured } from '../core/roundup/featured';
import { templateFor, withDefaults, type FormatOptions } from '../core/roundup/format';
import { formatDraftSections } from '../core/roundup/sections';
import { parseDateRange } from './dateRange';
import { resolveTemplate, TemplateError } from '../core/roundup/template';
import { fetchOptionsOf, formatterSettings, type RoundupSettings } from '../core/settings';
import type { Io } from './io';

export interface DraftArgs {
  /** Feed URLs or files (relative to the working folder); none: the feeds of `roundup.feeds`. */
  feeds: string[];
  since?: string;
  until?: string;
  /** A folder of posts: the draft starts at its newest published roundup, without the entries it links to. */
  sinceLast?: string;
  /** A folder of posts: entries a roundup under it already features are left out (said on stderr). */
  featuredIn?: string;
  /** A template name (built-in or from `roundup.templates`), else a template file. */
  template?: string;
  /** Roundup's version, for the User-Agent. */
  version: string;
}

/** An error in what the user asked for: reported as a usage error (exit 2). */
export class DraftUsageError extends Error {
  override name = 'DraftUsageError';
}

/** `--template NAME|FILE`: a known template name first, else a file (relative to the working folder). */
async function templateOption(value: string | undefined, settings: RoundupSettings, io: Io): Promise<FormatOptions> {
  if (value === undefined) return {};
  try {
    resolveTemplate(value, settings.templates);
    return { template: value };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
  }
  try {
    return { templateText: await fs.readFile(path.resolve(io.cwd, value), 'utf8') };
  } catch {
    const names = ['block', 'link', ...Object.keys(settings.templates).filter((n) => n !== 'block' && n !== 'link')];
    throw new DraftUsageError(
      `--template: "${value}" is neither a template name (${names.join(', ')}) nor a readable file`,
    );
  }
}

/** The markdown files under `folder` with their text and front matter date; names relative to `cwd`. */
async function readPostsUnder(folder: string, cwd: string, option = '--since-last'): Promise<PostWithText[]> {
  const { files, missing } = await expandPaths([folder], cwd);
  if (missing.length > 0) throw new DraftUsageError(`${option}: no folder ${folder}`);
  const posts = await Promise.all(files.map(async (file) => {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    return { fileName: path.relative(cwd, file).split(path.sep).join('/'), date: dateValueOf(text), text };
  }));
  return posts;
}

/**
 * Where the draft starts, said on stderr: `--since`, else the newest published roundup under
 * `--since-last` (and its links, which the draft leaves out), else nowhere (every entry).
 */
async function startOf(
  args: DraftArgs,
  since: Date | undefined,
  io: Io,
): Promise<{ since?: Date; linked: ReadonlySet<string> }> {
  const linked = new Set<string>();
  if (since) {
    io.err(`roundup: drafting ${draftStartWords({ since })} (--since)`);
    return { since, linked };
  }
  if (args.sinceLast === undefined) return { linked };
  const newest = newestRoundup(await readPostsUnder(args.sinceLast, io.cwd));
  if (!newest) {
    io.err(`roundup: no published roundup under ${args.sinceLast}: drafting every entry`);
    return { linked };
  }
  const start: DraftStart<PostWithText> = { since: newest.date, post: newest.post };
  io.err(`roundup: drafting ${draftStartWords(start)}`);
  return { since: newest.date, linked: extractLinkSet(newest.post.text) };
}

/** `--featured-in FOLDER`: the index of its roundups (read before any fetch: a wrong folder fails fast). */
async function featuredIndexOf(
  args: DraftArgs,
  settings: RoundupSettings,
  io: Io,
): Promise<FeaturedIndex | undefined> {
  const folder = args.featuredIn;
  if (folder === undefined) return undefined;
  const index = new FeaturedIndex({ authors: settings.authors });
  for (const post of await readPostsUnder(folder, io.cwd, '--featured-in')) index.update(post.fileName, post.text);
  return index;
}

/** Leaves out the entries a roundup of `index` features, and says how many on stderr. */
function leaveOutFeatured<T extends FeedEntry>(
  entries: T[],
  index: FeaturedIndex | undefined,
  args: DraftArgs,
  io: Io,
): T[] {
  if (!index) return entries;
  const left = withoutFeatured(entries, index);
  if (left.featured.length > 0) io.err(`roundup: ${leftOutWords(left)} under ${args.featuredIn} (--featured-in)`);
  return left.kept;
}

/**
 * `roundup draft`: fetches the feeds in parallel, keeps the entries published in [since, until]
 * (inclusive; no bound: every entry; `--since-last`: since the newest roundup of a folder, without the
 * entries it links to; `--featured-in`: without the entries any roundup of a folder features) and those
 * without a date (with a warning each), merges them in feed order, and prints their blocks oldest first
 * (undated ones last, in feed order) with the extension's formatter. A feed that was cut off before its
 * end gives its whole entries and a warning. A feed that fails is reported on stderr and makes the exit
 * code 1; the other feeds are still printed. Formatter warnings (unsafe links) go to stderr.
 */
export async function runDraft(args: DraftArgs, settings: RoundupSettings, io: Io): Promise<number> {
  let range: { since?: Date; until?: Date };
  try {
    range = parseDateRange(args.since, args.until);
  } catch (e) {
    throw new DraftUsageError((e as Error).message);
  }
  const sources: FeedSource[] = args.feeds.length
    ? args.feeds.map((url) => {
        // A feed also listed in roundup.feeds keeps its configured name and stand-in author.
        const configured = settings.feeds.find((f) => f.url === url);
        return { url, name: configured?.name, author: configured?.author };
      })
    : settings.feeds.map((f) => ({ url: f.url, name: f.name, author: f.author }));
  if (sources.length === 0)
    throw new DraftUsageError('no feeds: give feed URLs or files, or a --config whose roundup.feeds lists some');
  const format = await templateOption(args.template, settings, io);
  const formatter = formatterSettings(settings);
  try {
    templateFor(withDefaults(formatter), format); // a bad template is reported before any fetch
  } catch (e) {
    if (e instanceof TemplateError)
      throw new DraftUsageError(
        `${args.template !== undefined ? `--template ${args.template}` : `roundup.defaultTemplate`}: ${e.message}`,
      );
    throw e;
  }

  if (args.sinceLast !== undefined && range.since !== undefined)
    throw new DraftUsageError('--since and --since-last: give one start');
  const start = await startOf(args, range.since, io);
  const featured = await featuredIndexOf(args, settings, io);

  const outcomes = await refreshFeeds(sources, {
    load: (source, signal, slot) =>
      loadFeed(source, { ...fetchOptionsOf(settings, args.version, io.cwd), signal, onStalled: slot?.release }),
  });
  let failed = 0;
  const lists: FeedEntry[][] = [];
  const ranged = start.since !== undefined || range.until !== undefined;
  for (const { source, result } of outcomes) {
    if (result.kind === 'ok') {
      if (result.warning) io.err(`warning: ${source.url}: ${result.warning}`);
      lists.push(entriesForDraft(result.entries, start.since, range.until).filter((e) => !isIncluded(e, start.linked)));
    } else {
      failed++;
      io.err(`roundup: ${source.url}: ${result.kind === 'error' ? result.message : 'not fetched'}`);
    }
  }
  const entries = leaveOutFeatured(mergeFeedEntries(lists), featured, args, io);
  if (ranged) {
    for (const e of entries) {
      if (isUndated(e))
        io.err(
          `warning: Entry "${e.title}" (${e.feed}) has no date: kept, after the dated entries, in its feed's order.`,
        );
    }
  }
  // Sections sort the entries under their headings, unless one template was asked for (`--template`).
  const sections = args.template === undefined ? settings.sections : [];
  const result = formatDraftSections(entries, withDefaults(formatter), sections, format);
  for (const w of result.warnings) io.err(`warning: ${w.message}`);
  if (result.text) io.out(result.text);
  else if (failed < outcomes.length) io.err(`roundup: no entries${describeRange(args, start.since !== undefined)}`);
  return failed > 0 ? 1 : 0;
}

/** The range asked for, in the words of the options; `started`: a start was found (`--since-last`). */
function describeRange(args: DraftArgs, started: boolean): string {
  if (args.sinceLast !== undefined && started)
    return ` since the last roundup${args.until ? ` until ${args.until}` : ''}`;
  if (args.since && args.until) return ` from ${args.since} to ${args.until}`;
  if (args.since) return ` since ${args.since}`;
  if (args.until) return ` until ${args.until}`;
  return '';
}
