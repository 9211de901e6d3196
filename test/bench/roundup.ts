// Benchmarks of the roundup core. Run after `npm run build`:  node out/test/bench/roundup.js
//
// 1. Format 500 entries into one text (and the padding of that text for one insertion).
// 2. A generated 5 MB post with 500 entry blocks: the link set in one pass, then isIncluded for 500
//    entries (half of them in the post), against a naive per-entry `text.includes(link)` scan of the whole post.
import type { FeedEntry } from '../../src/core/feeds/types';
import { formatEntries } from '../../src/core/roundup/format';
import { padForInsertion } from '../../src/core/roundup/insertion';
import { extractLinkSet, isIncluded } from '../../src/core/markdown';
import { findDuplicateLinks } from '../../src/core/roundup/duplicates';
import { scaled } from './lib/measure';

const ENTRIES = scaled(500, 20);
const POST_BYTES = scaled(5 * 1024 * 1024, 64 * 1024);

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median time in ms of `runs` runs of fn (after one warm-up run). */
function time<T>(fn: () => T, runs = 5): { ms: number; result: T } {
  let result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const WORDS = 'openstack cloud rdo packstack nova neutron keystone summit release community container deploy network storage the of and to in a is'.split(' ');

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return out.join(' ') + '.';
}

function makeEntries(n: number): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    entries.push({
      id: `tag:bench,2016:${i}`,
      feed: `Feed ${i % 12}`,
      title: `Entry ${i}: ${sentence(i, 6)} &amp; *more*`,
      author: i % 10 === 0 ? '' : `author${i % 37}`,
      link: `https://blog${i % 40}.example/2016/05/entry-${i}/`,
      published: `2016-05-${day}T${String(i % 24).padStart(2, '0')}:00:00.000Z`,
      summaryHtml:
        `<div><p>${sentence(i, 40)} doesn&#8217;t ${sentence(i + 1, 60)}<br/>${sentence(i + 2, 30)} &hellip;</p>` +
        `<p>${sentence(i + 3, 200)}</p><script>var x = "<p>";</script><p>${sentence(i + 4, 100)}</p></div>`,
    });
  }
  return entries;
}

function makePost(entries: FeedEntry[], bytes: number): string {
  const blocks = formatEntries(entries, { authors: { author1: 'Author One' } }).text.split('\n\n**');
  const filler = `${sentence(3, 120)} ${sentence(5, 120)}\n\n`;
  const perBlock = Math.max(0, Math.ceil((bytes - blocks.join('\n\n**').length) / blocks.length / filler.length));
  const parts: string[] = ['---\ntitle: Bench\nauthor: bench\ndate: 2016-05-17 17:18:56 UTC\n---\n\n'];
  blocks.forEach((b, i) => {
    parts.push((i === 0 ? '' : '**') + b + '\n\n');
    for (let k = 0; k < perBlock; k++) parts.push(filler);
  });
  return parts.join('');
}

export function runRoundupBench(log: (line: string) => void = (l) => process.stdout.write(l + '\n')): Record<string, number> {
  const entries = makeEntries(ENTRIES);

  const format = time(() => formatEntries(entries, { authors: { author1: 'Author One' } }));
  log(`format ${ENTRIES} entries into one text: ${format.ms.toFixed(1)} ms (${(format.result.text.length / 1024).toFixed(0)} KB, ${format.result.warnings.length} warnings)`);

  const doc = makePost(entries.slice(0, 50), 64 * 1024);
  const pad = time(() => padForInsertion(doc, Math.floor(doc.length / 2), format.result.text));
  log(`padding for one insertion of that text into a 64 KB post: ${pad.ms.toFixed(2)} ms`);

  // The post holds 500 entries; of the 500 entries looked up, half are in it.
  const more = makeEntries(ENTRIES + ENTRIES / 2);
  const inPost = more.slice(0, ENTRIES);
  const queried = more.slice(ENTRIES / 2);
  const post = makePost(inPost, POST_BYTES);
  const links = post.split('](http').length - 1;
  log(`post: ${(post.length / 1024 / 1024).toFixed(2)} MB, ${inPost.length} blocks, ${links} markdown links`);

  const extract = time(() => extractLinkSet(post));
  const set = extract.result;
  const lookup = time(() => queried.filter((e) => isIncluded(e, set)).length, 20);
  const ours = extract.ms + lookup.ms;
  log(`link set in one pass: ${extract.ms.toFixed(1)} ms (${set.size} links); isIncluded x ${ENTRIES}: ${lookup.ms.toFixed(3)} ms -> ${lookup.result} included`);

  const naive = time(() => queried.filter((e) => post.includes(e.link)).length, 3);
  log(`naive text.includes(link) per entry: ${naive.ms.toFixed(1)} ms -> ${naive.result} included`);
  log(`naive / one-pass: ${(naive.ms / ours).toFixed(1)}x`);

  const dups = time(() => findDuplicateLinks(post), 3);
  log(`findDuplicateLinks on the 5 MB post: ${dups.ms.toFixed(1)} ms (${dups.result.length} duplicates)`);

  if (lookup.result !== ENTRIES / 2 || naive.result !== ENTRIES / 2) throw new Error('bench: included counts disagree');
  return { formatMs: format.ms, padMs: pad.ms, extractMs: extract.ms, lookupMs: lookup.ms, naiveMs: naive.ms, duplicatesMs: dups.ms };
}

if (typeof require !== 'undefined' && require.main === module) runRoundupBench();
