// Featured before benchmark (a plain script, not a test): `npm run build && node out/test/bench/featured.js`.
//
// A blog of 2,000 posts written to a temporary folder: the 143 real posts of ../shared/corpus/rdo-blog
// again and again, each copy's links made its own (a query parameter), dated days apart.
//  (a) building the featured index from the files (read every file, then FeaturedIndex.update) against
//      reading the same files alone (goal <= 1.5x);
//  (b) marking 20,000 feed entries (a third featured by link, a third by title and author behind another
//      link, a third new) with FeaturedIndex.find against a plain Set.has of each entry's link (goal <= 3x):
//      the first marking of entry objects made again with fresh strings (a cache load, a refresh: against
//      Set.has on fresh strings too), and marking them again (as the sidebar redraws); beside them, the
//      marking of entries the index has never seen (their keys made), with no goal.
// Each contender runs in a child process of its own, warmed up, median of samples; nothing here fails a build.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FeedEntry } from '../../src/core/feeds/types';
import { findTextEntries } from '../../src/core/markdown';
import { FeaturedIndex } from '../../src/core/roundup/featured';
import { sharedPath } from '../unit/helpers';
import { childContender, measureApart, QUICK, reportChild, row, scaled, timeAlone, verdict, type Timing } from './lib/measure';

const POSTS = scaled(2000, 40);
const ENTRIES = scaled(20_000, 300);
const BUILD_GOAL = 1.5;
const MARK_GOAL = 3;
const DAY = 86_400_000;

/** Writes the blog into `dir` (when empty) and returns its files. */
function writeBlog(dir: string): string[] {
  const corpus = sharedPath('corpus', 'rdo-blog');
  const names = readdirSync(corpus).filter((n) => n.endsWith('.md')).sort();
  const texts = names.map((n) => readFileSync(path.join(corpus, n), 'utf8'));
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const copy = Math.floor(i / names.length);
    // Every seventh post of the corpus in turn (7 and 143 share no factor: each copy holds all of them).
    const n = (i * 7) % names.length;
    const day = new Date(Date.UTC(2013, 0, 1) + i * DAY).toISOString().slice(0, 10);
    const text = copy === 0 ? texts[n]
      : texts[n].replace(/\bhttps?:\/\/[^\s)\]<>"]+/g, (u) => `${u}${u.includes('?') ? '&' : '?'}copy=${copy}`);
    const file = path.join(dir, `${day}-${names[n].slice(11)}`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

function readAll(files: readonly string[]): string[] {
  return files.map((f) => readFileSync(f, 'utf8'));
}

function build(files: readonly string[]): FeaturedIndex {
  const index = new FeaturedIndex();
  for (const file of files) index.update(path.basename(file), readFileSync(file, 'utf8'));
  return index;
}

/** 20,000 entries: by link, by title and author under another link, and new ones, in turn. */
function entriesOf(files: readonly string[]): FeedEntry[] {
  const featured = readAll(files).flatMap((t) => findTextEntries(t)).filter((e) => e.kind !== 'list' && e.title);
  const entries: FeedEntry[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const e = featured[i % featured.length];
    const link = i % 3 === 0 ? e.url : `https://new.example/${i}/${i % 3 === 1 ? 'moved' : 'post'}`;
    const title = i % 3 === 2 ? `A new entry ${i}` : e.title;
    entries.push({ id: link, feed: 'Planet', title, author: e.author, link, published: '2016-05-17T00:00:00Z', summaryHtml: '' });
  }
  return entries;
}

function child(name: string, dir: string): void {
  const files = readdirSync(dir).sort().map((n) => path.join(dir, n));
  if (name === 'read') return reportChild(timeAlone(() => readAll(files), { warmupMs: 1500, samples: 11, sampleMs: 1 }));
  if (name === 'build') return reportChild(timeAlone(() => build(files), { warmupMs: 1500, samples: 11, sampleMs: 1 }));
  const entries = entriesOf(files);
  const index = build(files);
  if (name === 'setHas') {
    const links = new Set(readAll(files).flatMap((t) => findTextEntries(t)).map((e) => e.url));
    return reportChild(timeAlone(() => entries.filter((e) => links.has(e.link)).length));
  }
  if (name === 'setHasFresh') {
    // The same on fresh strings each sample (their hashes not yet made), as the first marking gets them.
    const links = new Set(readAll(files).flatMap((t) => findTextEntries(t)).map((e) => e.url));
    return reportChild(timeFresh(entries, (copy) => copy.filter((e) => links.has(e.link)).length));
  }
  if (name === 'markAgain') return reportChild(timeAlone(() => entries.filter((e) => index.find(e)).length));
  if (name === 'markNew') {
    // Entries no index has seen: each sample marks with an index of its own, built before the clock starts.
    const indexes = Array.from({ length: (QUICK ? 3 : 21) + 5 }, () => build(files));
    let next = 0;
    return reportChild(timeFresh(entries, (copy) => {
      const fresh = indexes[next++]!;
      return copy.filter((e) => fresh.find(e)).length;
    }));
  }
  reportChild(timeFresh(entries, (copy) => copy.filter((e) => index.find(e)).length));
}

/**
 * Times `mark` on fresh entry objects with fresh strings each sample, as a cache load or a refresh makes
 * them (copied before the clock starts); the first 5 samples warm up.
 */
function timeFresh(entries: readonly FeedEntry[], mark: (copy: FeedEntry[]) => number): Timing {
  const samples = QUICK ? 3 : 21;
  const copies = Array.from({ length: samples + 5 }, () => JSON.parse(JSON.stringify(entries)) as FeedEntry[]);
  const times: number[] = [];
  let marked = 0;
  for (const copy of copies) {
    const t = performance.now();
    marked += mark(copy);
    times.push((performance.now() - t) * 1000);
  }
  if (marked === 0) throw new Error('no entry marked');
  const timed = times.slice(5).sort((a, b) => a - b);
  return { median: timed[timed.length >> 1], min: timed[0], max: timed[timed.length - 1], calls: timed.length };
}

function main(): void {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'roundup-featured-bench-')), 'posts');
  try {
    const files = writeBlog(dir);
    const index = build(files);
    const entries = entriesOf(files);
    const marked = entries.filter((e) => index.find(e)).length;
    const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
    console.log(`Featured before (node ${process.version}; each contender in its own process, warm-up, median of samples)`);
    console.log(`\n a blog of ${files.length} posts (${(bytes / 1024 / 1024).toFixed(1)} MB), ${index.size} of them roundups`);
    const t: Record<string, Timing> = {};
    for (const name of ['read', 'build']) {
      t[name] = measureApart(`${__filename}`, `${name}:${dir}`);
      console.log(row(name === 'read' ? 'read the files' : 'build the index (read + index)', t[name]));
    }
    console.log(`  build / read:                       ${verdict(t.build.median / t.read.median, BUILD_GOAL)}`);
    console.log(`\n ${entries.length} entries marked, ${marked} featured`);
    for (const name of ['setHas', 'setHasFresh', 'markFirst', 'markAgain', 'markNew']) {
      t[name] = measureApart(`${__filename}`, `${name}:${dir}`);
      const label = {
        setHas: 'plain Set.has of each link',
        setHasFresh: 'the same, fresh strings',
        markFirst: 'mark, first time (fresh strings)',
        markAgain: 'mark again',
        markNew: 'mark entries never seen (keys made)',
      }[name]!;
      console.log(row(label, t[name]));
    }
    console.log(`  mark first time / Set.has (fresh):  ${verdict(t.markFirst.median / t.setHasFresh.median, MARK_GOAL)}`);
    console.log(`  mark again / Set.has:               ${verdict(t.markAgain.median / t.setHas.median, MARK_GOAL)}`);
    console.log(`  never seen / Set.has (fresh):       ${(t.markNew.median / t.setHasFresh.median).toFixed(1)}x ` +
      '(each entry\'s keys made once: new entries of a refresh)');
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

const spec = childContender();
if (spec) {
  const at = spec.indexOf(':');
  child(spec.slice(0, at), spec.slice(at + 1));
} else main();
