// The feed cache on disk: a folder with one file per feed (`<hash of the URL>.json`, holding the URL and
// the feed), each written through a temporary file renamed over it. A save writes only the feeds that
// changed, each a small JSON text, so a refresh of hundreds of feeds never stringifies the whole cache
// at once; a process killed mid-save leaves each feed's file old or new, never broken. A file that
// does not read is set aside (renamed `.broken`) and named in the warning; the other feeds load.
// The cache of earlier versions, one file for every feed, is moved into the folder when it is read.

import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  CACHE_VERSION, emptyCache, readCacheFile, readFeed, writeAtomically,
  type CachedFeed, type FeedCache, type LoadedCache,
} from './cache';

const FEED_FILE = /^[0-9a-f]{32}\.json$/;

/** The name of the file that holds the feed at `url`. */
export function feedFileName(url: string): string {
  return `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`;
}

/** What a feed's file holds. */
function feedFileText(url: string, cache: FeedCache): string {
  return JSON.stringify({ version: CACHE_VERSION, url, feed: cache.feeds[url] });
}

export interface LoadedCacheFolder extends LoadedCache {
  /** Files that did not read, set aside as `<name>.broken` (their names, as renamed). */
  setAside: string[];
}

type FileRead = { url: string; feed: CachedFeed; dropped: number } | { problem: string };

async function readFeedFile(file: string): Promise<FileRead> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { problem: e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message };
  }
  const o = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (o.version !== CACHE_VERSION) {
    return { problem: `version ${JSON.stringify(o.version)}, expected ${CACHE_VERSION}` };
  }
  const { feed, dropped } = readFeed(o.feed);
  if (typeof o.url !== 'string' || !feed) return { problem: 'not a cached feed' };
  return { url: o.url, feed, dropped };
}

/** Renames a file that does not read to `<file>.broken`, so it is kept for a look but never read again. */
async function setAside(file: string): Promise<string> {
  const to = `${file}.broken`;
  await rename(file, to).catch(() => unlink(file).catch(() => undefined));
  return to;
}

/**
 * Reads the cache folder `dir` (missing: an empty cache). Never throws. Temporary files left by a
 * process killed mid-save are removed. `legacyFile`, the single cache file of earlier versions, is read
 * first when it exists, the folder's files winning over it, and is then moved into the folder.
 */
export async function readCacheFolder(dir: string, legacyFile?: string): Promise<LoadedCacheFolder> {
  const cache = emptyCache();
  const problems: string[] = [];
  const aside: string[] = [];
  const legacy = legacyFile ? await readLegacy(legacyFile, problems, aside) : undefined;
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`folder not read: ${(e as Error).message}`);
  }
  for (const name of names) {
    const file = join(dir, name);
    if (name.endsWith('.tmp')) await unlink(file).catch(() => undefined);
    if (!FEED_FILE.test(name)) continue;
    const read = await readFeedFile(file);
    if ('problem' in read) {
      aside.push(await setAside(file));
      problems.push(`${name} set aside: ${read.problem}`);
      continue;
    }
    if (read.dropped) problems.push(`${read.dropped} unreadable entries of ${read.url}`);
    cache.feeds[read.url] = read.feed;
  }
  if (legacy && legacyFile) await migrate(dir, legacyFile, legacy, cache, problems);
  const result: LoadedCacheFolder = { cache, setAside: aside.map((f) => basename(f)) };
  if (problems.length) result.warning = `Feed cache: ${problems.join('; ')}`;
  return result;
}

async function readLegacy(file: string, problems: string[], aside: string[]): Promise<FeedCache | undefined> {
  const loaded = await readCacheFile(file);
  if (loaded.broken) {
    aside.push(await setAside(file));
    problems.push(`${loaded.warning ?? 'the old cache file does not read'}; set aside`);
    return undefined;
  }
  if (loaded.warning) problems.push(loaded.warning);
  return Object.keys(loaded.cache.feeds).length > 0 ? loaded.cache : undefined;
}

/**
 * Moves the old single file's feeds into the folder: those the folder lacks are written, then the old
 * file is removed. Killed before the end, the old file is still there and the move starts again.
 */
async function migrate(
  dir: string, legacyFile: string, legacy: FeedCache, cache: FeedCache, problems: string[],
): Promise<void> {
  const missing = Object.keys(legacy.feeds).filter((url) => !cache.feeds[url]);
  for (const url of missing) cache.feeds[url] = legacy.feeds[url];
  try {
    await writeCacheFeeds(dir, cache, missing);
    await unlink(legacyFile).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  } catch (e) {
    problems.push(`the old cache file not moved to the folder: ${(e as Error).message}`);
  }
}

/**
 * Saves the feeds at `urls` of `cache` in `dir` (created when missing), one file each; a URL the cache no
 * longer holds has its file removed. Resolves with the bytes written. Rejects on I/O errors (feeds
 * written before the error stay written).
 */
export async function writeCacheFeeds(dir: string, cache: FeedCache, urls: Iterable<string>): Promise<number> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const url of urls) {
    const file = join(dir, feedFileName(url));
    if (!cache.feeds[url]) {
      await unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      continue;
    }
    const text = feedFileText(url, cache);
    await writeAtomically(file, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
