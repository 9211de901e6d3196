// Feeds benchmark (a plain script, not a test): `npm run build && node out/test/bench/feeds.js`.
//  (a) refresh of 50 feeds from a local server (127.0.0.1) that answers each after 300 ms: wall time
//      next to the ideal for the concurrency, ceil(50 / c) * 300 ms (goal: within 1.3x);
//  (a2) the same with 5 feeds that never answer, placed first, spread and last: time until the 45 good
//      ones are in, next to the ideal ceil(45 / c) * 300 ms (goal: within 1.3x in every order);
//  (b) 5,000-entry RSS and Atom feeds: entries per second for our pipeline (charset decoding, parse,
//      normalize) next to a bare fast-xml-parser parse of the same bytes.

import * as http from 'http';
import type { AddressInfo } from 'net';
import { XMLParser } from 'fast-xml-parser';
import { decodeBody } from '../../src/core/feeds/charset';
import { parseFeed } from '../../src/core/feeds/parse';
import { DEFAULT_CONCURRENCY, loadFeed, refreshFeeds } from '../../src/core/feeds/refresh';
import { scaled } from './lib/measure';

const FEEDS = scaled(50, 12);
const DELAY_MS = scaled(300, 20);
const ENTRIES = scaled(5000, 50);

function smallFeed(n: number): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${n}</title>` +
    `<link>https://feed${n}.example.org/</link><item><title>Post of feed ${n}</title>` +
    `<link>https://feed${n}.example.org/post</link><pubDate>Tue, 05 Mar 2024 09:00:00 +0000</pubDate></item></channel></rss>`;
}

async function benchRefresh(concurrency: number): Promise<{ wall: number; ideal: number; ok: number }> {
  const server = http.createServer((req, res) => {
    const n = Number((req.url ?? '/0').slice(1));
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
      res.end(smallFeed(n));
    }, DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sources = Array.from({ length: FEEDS }, (_, i) => ({ url: `${origin}/${i}` }));
  try {
    const start = performance.now();
    const outcomes = await refreshFeeds(sources, {
      concurrency,
      load: (source, signal) => loadFeed(source, { version: 'bench', signal }),
    });
    const wall = performance.now() - start;
    return {
      wall,
      ideal: Math.ceil(FEEDS / concurrency) * DELAY_MS,
      ok: outcomes.filter((o) => o.result.kind === 'ok').length,
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const HUNG = scaled(5, 2);

/** Where the hung feeds sit among the FEEDS: first, spread evenly, or last. */
function hungIndices(order: 'first' | 'spread' | 'last'): Set<number> {
  const all = Array.from({ length: HUNG }, (_, k) =>
    order === 'first' ? k : order === 'last' ? FEEDS - HUNG + k : Math.floor((k * FEEDS) / HUNG));
  return new Set(all);
}

/**
 * 50 feeds, 45 answered after 300 ms and 5 that accept the connection and never answer. The figure
 * is the time until every good feed is in, next to the ideal for the concurrency (the good feeds
 * alone): ceil(45 / c) * 300 ms. The refresh itself then waits for the hung ones to time out.
 */
async function benchHung(order: 'first' | 'spread' | 'last', concurrency: number): Promise<{ good: number; ideal: number; ok: number }> {
  const hung = hungIndices(order);
  const server = http.createServer((req, res) => {
    const n = Number((req.url ?? '/0').slice(1));
    if (hung.has(n)) return; // never answers; closed with the server
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
      res.end(smallFeed(n));
    }, DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sources = Array.from({ length: FEEDS }, (_, i) => ({ url: `${origin}/${i}` }));
  const goodCount = FEEDS - HUNG;
  let ok = 0;
  const allGood = new Promise<number>((resolve) => {
    const start = performance.now();
    void refreshFeeds(sources, {
      concurrency,
      load: (source, signal, slot) => loadFeed(source, { version: 'bench', signal, timeoutMs: scaled(20_000, 500), onStalled: slot?.release }),
      onResult: (_source, result) => {
        if (result.kind === 'ok' && ++ok === goodCount) resolve(performance.now() - start);
      },
    }).then(() => resolve(Number.NaN));
  });
  try {
    const good = await allGood;
    return { good, ideal: Math.ceil(goodCount / concurrency) * DELAY_MS, ok };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function paragraph(i: number): string {
  return `&lt;p&gt;Entry ${i}: notes from the week &amp;mdash; containers, upgrades and the &lt;a href="https://example.org/${i}"&gt;summit&lt;/a&gt;. ` +
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.&lt;/p&gt;';
}

function dateOf(i: number): Date {
  return new Date(Date.UTC(2024, 0, 1) - i * 3_600_000);
}

function bigRss(): string {
  let items = '';
  for (let i = 0; i < ENTRIES; i++) {
    items += `<item><title>Post number ${i} &amp; friends</title><link>https://blog.example.org/${i}/</link>` +
      `<guid isPermaLink="false">https://blog.example.org/?p=${i}</guid><pubDate>${dateOf(i).toUTCString()}</pubDate>` +
      `<dc:creator><![CDATA[Author ${i % 37}]]></dc:creator><description>${paragraph(i)}</description></item>\n`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<channel><title>Big RSS</title><link>https://blog.example.org/</link><description>bench</description>\n${items}</channel></rss>`;
}

function bigAtom(): string {
  let entries = '';
  for (let i = 0; i < ENTRIES; i++) {
    entries += `<entry><id>tag:example.org,2024:${i}</id><title type="html">Post number ${i} &amp;amp; friends</title>` +
      `<link rel="alternate" type="text/html" href="/posts/${i}.html"/><link rel="replies" href="/posts/${i}/comments"/>` +
      `<published>${dateOf(i).toISOString()}</published><updated>${dateOf(i).toISOString()}</updated>` +
      `<author><name>Author ${i % 37}</name></author><content type="html">${paragraph(i)}</content></entry>\n`;
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/">` +
    `<title>Big Atom</title><id>urn:bench</id><updated>2024-01-01T00:00:00Z</updated><author><name>Feed Author</name></author>\n${entries}</feed>`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median times of `a` and `b` over `runs` runs, alternating them so that load on the machine hits both alike. */
async function timePair(runs: number, a: () => Promise<unknown>, b: () => unknown): Promise<[number, number]> {
  await a(); // warm-up
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await a();
    ta.push(performance.now() - start);
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  return [median(ta), median(tb)];
}

const RUNS = scaled(7, 1);

async function benchParse(label: string, xml: string): Promise<void> {
  const bytes = Buffer.from(xml, 'utf8');
  let count = 0;
  const fxp = new XMLParser({ ignoreAttributes: false });
  const [ours, bare] = await timePair(
    RUNS,
    async () => {
      const feed = await parseFeed(decodeBody(bytes, 'application/xml; charset=utf-8').text, { url: 'https://blog.example.org/feed' });
      count = feed.entries.length;
    },
    () => fxp.parse(bytes),
  );
  if (count !== ENTRIES) throw new Error(`${label}: expected ${ENTRIES} entries, got ${count}`);
  const oursRate = ENTRIES / (ours / 1000);
  const bareRate = ENTRIES / (bare / 1000);
  console.log(
    `  ${label.padEnd(5)} ${(bytes.length / 1024 / 1024).toFixed(1).padStart(4)} MB  ` +
      `ours ${Math.round(oursRate).toLocaleString('en-US').padStart(7)} entries/s (${ours.toFixed(0).padStart(4)} ms)   ` +
      `fast-xml-parser ${Math.round(bareRate).toLocaleString('en-US').padStart(7)} entries/s (${bare.toFixed(0).padStart(4)} ms)   ` +
      `ratio fxp/ours ${(bareRate / oursRate).toFixed(2)} (ours takes ${(ours / bare).toFixed(2)}x the time)`,
  );
}

export async function main(): Promise<void> {
  console.log(`Feeds benchmark (node ${process.version})`);
  console.log(`(a) refresh of ${FEEDS} feeds, each answered after ${DELAY_MS} ms by a server on 127.0.0.1`);
  for (const c of [DEFAULT_CONCURRENCY, 10]) {
    const r = await benchRefresh(c);
    const ratio = r.wall / r.ideal;
    console.log(
      `  concurrency ${String(c).padStart(2)}${c === DEFAULT_CONCURRENCY ? ' (default)' : '          '}  ` +
        `wall ${r.wall.toFixed(0).padStart(5)} ms   ideal ${String(r.ideal).padStart(5)} ms   ratio ${ratio.toFixed(3)}x ` +
        `(goal <= 1.3x: ${ratio <= 1.3 ? 'met' : 'NOT met'})   ${r.ok}/${FEEDS} ok`,
    );
  }
  console.log(`(a2) ${FEEDS} feeds at ${DELAY_MS} ms, ${HUNG} of them never answer: time until the ${FEEDS - HUNG} good ones are in`);
  for (const order of ['first', 'spread', 'last'] as const) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await benchHung(order, DEFAULT_CONCURRENCY));
    const good = median(runs.map((r) => r.good));
    const { ideal } = runs[0];
    const ratio = good / ideal;
    console.log(
      `  hung ${order.padEnd(6)}  good feeds in ${good.toFixed(0).padStart(5)} ms (median of 3, ${Math.min(...runs.map((r) => r.good)).toFixed(0)}-${Math.max(...runs.map((r) => r.good)).toFixed(0)})   ideal ${String(ideal).padStart(5)} ms   ` +
        `ratio ${ratio.toFixed(3)}x (goal <= 1.3x: ${ratio <= 1.3 ? 'met' : 'NOT met'})   ${Math.min(...runs.map((r) => r.ok))}/${FEEDS - HUNG} ok`,
    );
  }
  console.log(`(b) parse ${ENTRIES.toLocaleString('en-US')}-entry feeds: our decode+parse+normalize vs bare fast-xml-parser (median of ${RUNS}, runs alternated)`);
  await benchParse('RSS', bigRss());
  await benchParse('Atom', bigAtom());
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
