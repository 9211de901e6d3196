// Insertion benchmark (`npm run bench`, or after `npm run build`: node out/test/bench/insert.js):
// what "Insert roundup entry" does for 500 picked entries, at the core level.
//
// 1. Format 500 entries (oldest first, the default template, the settings' authors) and insert them
//    into the model post as one edit: padForInsertion at the cursor, then the edit applied to the text.
// 2. The quick pick's 500 items with the already-included marks (one link set of the post).
// 3. The linter's post-duplicate-link rule on the post after the insertion.
import { readFileSync } from 'node:fs';
import { daysBefore } from '../../src/core/feeds/filter';
import * as path from 'node:path';
import type { FeedEntry } from '../../src/core/feeds/types';
import { formatEntries } from '../../src/core/roundup/format';
import { padForInsertion } from '../../src/core/roundup/insertion';
import { extractLinkSet, isIncluded } from '../../src/core/markdown';
import { entryPickItems } from '../../src/core/roundup/pick';
import { lintDuplicateLinks } from '../../src/core/roundup/rules';
import { formatterSettings, readSettings } from '../../src/core/settings';
import { scaled } from './lib/measure';

const ENTRIES = scaled(500, 20);
/** How many of the inserted entries are inserted again, for the duplicate rule. */
const DOUBLED = scaled(50, 5);
const RUNS = scaled(7, 1);

function median(fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function makeEntries(n: number): FeedEntry[] {
  const words = 'openstack cloud rdo packstack nova neutron keystone summit release community container deploy'.split(' ');
  const text = (seed: number, count: number) => Array.from({ length: count }, (_, i) => words[(seed * 7 + i * 5) % words.length]).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    id: `tag:bench,2016:${i}`,
    feed: `Feed ${i % 12}`,
    title: `Entry ${i}: ${text(i, 6)} &amp; *more*`,
    author: i % 10 === 0 ? '' : `author${i % 37}`,
    link: `https://blog${i % 40}.example/2016/05/entry-${i}/`,
    published: new Date(Date.UTC(2016, 4, 1) + ((i * 7919) % (30 * 24 * 60)) * 60_000).toISOString(),
    summaryHtml: `<p>${text(i, 80)} doesn&#8217;t ${text(i + 1, 60)}<br/>${text(i + 2, 30)}</p><p>${text(i + 3, 200)}</p>`,
  }));
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..', '..');
  const post = readFileSync(path.join(root, 'test', 'fixtures', 'workspace', 'roundup-post.md'), 'utf8');
  const { settings } = readSettings((key) => (key === 'roundup.authors' ? { author1: 'Author One', author2: 'Author Two' } : undefined));
  const entries = makeEntries(ENTRIES);
  // The cursor at the end of the introduction's list (inside the post, before the first block).
  const cursor = post.indexOf('Additionally, there were the following:');

  let inserted = '';
  let bytes = 0;
  const insert = median(() => {
    const { text } = formatEntries(entries, formatterSettings(settings));
    const edit = padForInsertion(post, cursor, text);
    inserted = post.slice(0, edit.start) + edit.text + post.slice(edit.end);
    bytes = edit.text.length;
  });
  console.log(`format and insert ${ENTRIES} entries as one edit into the model post: ${insert.toFixed(1)} ms (median of ${RUNS}; ${(bytes / 1024).toFixed(0)} KB inserted)`);

  const formatOnly = median(() => formatEntries(entries, formatterSettings(settings)));
  const padOnly = median(() => padForInsertion(inserted, Math.floor(inserted.length / 2), 'x'));
  console.log(`  of which formatting: ${formatOnly.toFixed(1)} ms; the padding decision on the ${(inserted.length / 1024).toFixed(0)} KB post: ${padOnly.toFixed(2)} ms`);

  let marked = 0;
  const pick = median(() => {
    const links = extractLinkSet(inserted);
    const items = entryPickItems([...entries, ...makeEntries(ENTRIES + 100).slice(ENTRIES)], {
      since: daysBefore(new Date('2016-05-31T00:00:00Z'), 365),
      isIncluded: (e) => isIncluded(e, links),
    });
    marked = items.filter((i) => i.included).length;
  });
  console.log(`quick pick items for ${ENTRIES + 100} entries with the already-included marks: ${pick.toFixed(1)} ms (${marked} marked)`);

  const doubled = inserted + '\n' + formatEntries(entries.slice(0, DOUBLED)).text + '\n';
  let found = 0;
  const lint = median(() => {
    found = lintDuplicateLinks(doubled).length;
  });
  console.log(`post-duplicate-link on the ${(doubled.length / 1024).toFixed(0)} KB post: ${lint.toFixed(1)} ms (${found} duplicates)`);

  if (marked !== ENTRIES || found !== DOUBLED) throw new Error(`bench: expected ${ENTRIES} marked and ${DOUBLED} duplicates, got ${marked} and ${found}`);
}

if (require.main === module) main();
