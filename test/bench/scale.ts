// Scale benchmark (a plain script, not a test): `npm run build && node out/test/bench/scale.js`.
// 500 feeds x 40 entries served from 127.0.0.1 (each answered after 100 ms), the sidebar's model
// attached to the store as the extension attaches it:
//  (a) the longest event-loop block during a refresh of a full cache (goal <= 50 ms);
//  (b) the refresh's wall time with the cache saved, next to the same refresh with saving off (goal <= 1.2x);
//  (c) the bytes written by the refresh, next to the size of the cache on disk (goal <= 2x);
//  (d) the first showing of the view (top-level rows and the rows of the feeds that open expanded) and
//  (e) the quick pick's opening, at 20,000 entries, each next to a plain label map of the same entries (goal <= 5x);
//      (e) times the openings after the first (the items made once per change of the entries); the first
//      opening after a change, which makes every item, is printed beside it (no goal).
// Every contender runs in a process of its own; the server runs in this one.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyResult, emptyCache, type FeedCache } from '../../src/core/feeds/cache';
import { cachedFeedLoader } from '../../src/core/feeds/refresh';
import { FeedStore } from '../../src/core/feeds/store';
import type { FeedEntry, FeedSource } from '../../src/core/feeds/types';
import { EntryPickCache } from '../../src/core/roundup/pick';
import { ViewModel, openPick, cachePersister } from './lib/scaleModel';
import { childContender, QUICK, reportChild, row, scaled, timeAlone, verdict, type Timing } from './lib/measure';

const FEEDS = scaled(500, 12);
const PER_FEED = scaled(40, 5);
const DELAY_MS = scaled(100, 5);
const RUNS = scaled(3, 1);
const DAY = 86_400_000;

function paragraph(feed: number, i: number): string {
  return `<p>Entry ${i} of feed ${feed}: notes from the week &mdash; containers, upgrades and the ` +
    `<a href="https://feed${feed}.example.org/${i}">summit</a>. Lorem ipsum dolor sit amet, consectetur ` +
    'adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim ' +
    'veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>';
}

/** An entry of feed `feed`: recent (within the default lookback), titles alike within a feed, as blogs write them. */
function entryOf(feed: number, i: number, now: number): FeedEntry {
  return {
    id: `https://feed${feed}.example.org/?p=${i}`,
    feed: `Feed ${feed}`,
    title: `OpenStack weekly notes from the community, part ${i} of the series`,
    author: `Author ${(feed + i) % 37}`,
    link: `https://feed${feed}.example.org/${i}/`,
    published: new Date(now - (i * 12 + feed % 12) * 3_600_000).toISOString(),
    summaryHtml: paragraph(feed, i).repeat(5),
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function rssOf(feed: number, now: number): string {
  let items = '';
  for (let i = 0; i < PER_FEED; i++) {
    const e = entryOf(feed, i, now);
    items += `<item><title>${escapeXml(e.title)}</title><link>${e.link}</link><guid isPermaLink="false">${e.id}</guid>` +
      `<pubDate>${new Date(e.published).toUTCString()}</pubDate><dc:creator>${e.author}</dc:creator>` +
      `<description>${escapeXml(e.summaryHtml)}</description></item>\n`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<channel><title>Feed ${feed}</title><link>https://feed${feed}.example.org/</link>\n${items}</channel></rss>`;
}

/** Bytes this process has handed to write(2) so far (Linux), else NaN. */
function bytesWritten(): number {
  try {
    const match = /^wchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    total += s.isDirectory() ? folderBytes(path) : s.size;
  }
  return total;
}

/**
 * Measures how long the event loop is held: a timer asked every 5 ms notes how late it fires; `stop`
 * gives the longest wait beyond the 5 ms (perf_hooks' histogram also counts its own start-up).
 */
function blockProbe(): { stop: () => number } {
  let max = 0;
  let expected = performance.now() + 5;
  let timer = setTimeout(function tick() {
    const now = performance.now();
    max = Math.max(max, now - expected);
    expected = now + 5;
    timer = setTimeout(tick, 5);
  }, 5);
  return {
    stop: () => {
      clearTimeout(timer);
      return max;
    },
  };
}

interface RefreshFigures {
  wallMs: number;
  maxBlockMs: number;
  written: number;
  cacheBytes: number;
  ok: number;
}

/** In a child: two refreshes of every feed (the first fills the cache), figures of the second. */
async function childRefresh(origin: string, saving: boolean): Promise<RefreshFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-scale-'));
  try {
    const sources: FeedSource[] = Array.from({ length: FEEDS }, (_, i) => ({ url: `${origin}/${i}` }));
    const persister = cachePersister(dir);
    const store: FeedStore = new FeedStore(undefined, {
      load: (source, signal, slot) => cachedFeedLoader({ version: 'bench' }, () => store.cache)(source, signal, slot),
      persist: saving ? persister : async () => undefined,
      now: () => new Date(),
    });
    store.setSources(sources);
    new ViewModel(store).attach();
    await store.refresh();
    await store.flushed();
    const before = bytesWritten();
    const probe = blockProbe();
    const start = performance.now();
    const outcomes = await store.refresh();
    await store.flushed();
    const wallMs = performance.now() - start;
    const maxBlockMs = probe.stop();
    const written = bytesWritten() - before;
    return {
      wallMs,
      maxBlockMs,
      written,
      cacheBytes: folderBytes(dir),
      ok: outcomes.filter((o) => o.result.kind === 'ok').length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A cache of FEEDS x PER_FEED entries, made in memory (no network), and its store. */
function filledStore(): { store: FeedStore; entries: FeedEntry[] } {
  const now = Date.now();
  let cache: FeedCache = emptyCache();
  const sources: FeedSource[] = [];
  for (let f = 0; f < FEEDS; f++) {
    const url = `https://feed${f}.example.org/feed`;
    sources.push({ url });
    const entries = Array.from({ length: PER_FEED }, (_, i) => entryOf(f, i, now));
    cache = applyResult(cache, url, { kind: 'ok', entries, title: `Feed ${f}` }, { now: new Date(now) });
  }
  const store = new FeedStore(cache, { load: async () => ({ kind: 'cancelled' }), persist: async () => undefined, now: () => new Date() });
  store.setSources(sources);
  return { store, entries: store.allEntries() };
}

function childRows(name: string): Timing {
  const { store, entries } = filledStore();
  const model = new ViewModel(store);
  switch (name) {
    case 'first-show':
      return timeAlone(() => model.firstShow(), { samples: 7, warmupMs: 300 });
    case 'pick':
      // Later openings: the items were made at the first.
      openPick(store);
      return timeAlone(() => openPick(store), { samples: 21, warmupMs: 1000 });
    case 'pick-first':
      // The first opening after the entries changed: every item made.
      return timeAlone(() => openPick(store, new EntryPickCache()), { samples: 7, warmupMs: 300 });
    default:
      return timeAlone(() => entries.map((e) => ({ label: e.title })), { samples: 7, warmupMs: 300 });
  }
}

/** Runs this script as a child for one contender; resolves with the last line it prints, parsed. */
function runChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', __filename, '--bench-child', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench child ${args.join(' ')} failed (${code}):\n${err}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
    });
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function spread(values: number[], digits = 0): string {
  return `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
}

async function startFeedServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const now = Date.now() - DAY;
  const bodies = Array.from({ length: FEEDS }, (_, f) => rssOf(f, now));
  const server = http.createServer((req, res) => {
    const body = bodies[Number((req.url ?? '/0').slice(1))] ?? '';
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
      res.end(body);
    }, DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function benchRefresh(): Promise<void> {
  const server = await startFeedServer();
  const saved: RefreshFigures[] = [];
  const unsaved: RefreshFigures[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // Alternated, so that load on the machine hits both alike.
      saved.push(await runChild<RefreshFigures>(['refresh', server.origin, 'save']));
      unsaved.push(await runChild<RefreshFigures>(['refresh', server.origin, 'nosave']));
    }
  } finally {
    await server.close();
  }
  const block = median(saved.map((r) => r.maxBlockMs));
  const wall = median(saved.map((r) => r.wallMs));
  const wallOff = median(unsaved.map((r) => r.wallMs));
  const written = median(saved.map((r) => r.written));
  const size = median(saved.map((r) => r.cacheBytes));
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`  ok feeds: ${Math.min(...saved.map((r) => r.ok))}/${FEEDS}; median of ${RUNS} runs each (spread in brackets)`);
  console.log(`  (a) longest event-loop block  ${block.toFixed(0).padStart(6)} ms  (${spread(saved.map((r) => r.maxBlockMs))})  ` +
    `saving off: ${median(unsaved.map((r) => r.maxBlockMs)).toFixed(0)} ms   goal <= 50 ms: ${block <= 50 ? 'met' : 'MISSED'}`);
  console.log(`  (b) refresh wall, saving on   ${wall.toFixed(0).padStart(6)} ms  (${spread(saved.map((r) => r.wallMs))})  ` +
    `saving off ${wallOff.toFixed(0)} ms (${spread(unsaved.map((r) => r.wallMs))})   ratio ${verdict(wall / wallOff, 1.2)}`);
  console.log(`  (c) bytes written             ${mb(written).padStart(9)}     cache on disk ${mb(size)}   ratio ${verdict(written / size, 2)}`);
}

async function benchRows(): Promise<void> {
  const labels = await runChild<Timing>(['rows', 'labels']);
  const first = await runChild<Timing>(['rows', 'first-show']);
  const pick = await runChild<Timing>(['rows', 'pick']);
  const pickFirst = await runChild<Timing>(['rows', 'pick-first']);
  console.log(row('plain label map of every entry', labels));
  console.log(row('(d) first showing of the view', first));
  console.log(`      ratio to the label map ${verdict(first.median / labels.median, 5)}`);
  console.log(row('(e) quick pick opening', pick));
  console.log(`      ratio to the label map ${verdict(pick.median / labels.median, 5)}`);
  console.log(row('    first opening after the entries changed', pickFirst));
  console.log(`      ratio to the label map ${(pickFirst.median / labels.median).toFixed(1)}x (every item made: its excerpt above all)`);
}

export async function main(): Promise<void> {
  console.log(`Scale benchmark (node ${process.version}): ${FEEDS} feeds x ${PER_FEED} entries${QUICK ? ' (quick)' : ''}`);
  console.log(`Refresh of a full cache, each feed answered after ${DELAY_MS} ms by a server on 127.0.0.1, the view's model attached:`);
  await benchRefresh();
  console.log(`Rows at ${(FEEDS * PER_FEED).toLocaleString('en-US')} entries (median per call, each in its own process):`);
  await benchRows();
}

async function child(kind: string): Promise<void> {
  const args = process.argv.slice(process.argv.indexOf('--bench-child') + 2);
  if (kind === 'refresh') {
    const figures = await childRefresh(args[0], args[1] === 'save');
    process.stdout.write(JSON.stringify(figures) + '\n');
    process.exit(0); // keep-alive sockets would hold the process
  }
  reportChild(childRows(args[0]));
}

if (require.main === module) {
  const kind = childContender();
  (kind ? child(kind) : main()).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
