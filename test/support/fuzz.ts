/**
 * The linter's fuzzer: real posts mutated by a seeded generator (lines cut, duplicated and swapped;
 * tabs, quotes, colons, brackets, BOMs, CRs and random characters inserted), each linted with every
 * fix applied, checking what must hold for any text:
 * - the linter never throws;
 * - every problem's range and every fix's edits lie inside the document;
 * - a fix applied leaves a document with fewer problems of its rule (`fm-yaml-syntax` reports only
 *   the first error: there the error fixed is gone, and the next one may show);
 * - the time per post (reported: the slowest post and the 99th percentile).
 * Used by the unit suite (a small count) and by `npm run fuzz` (test/support/fuzzMain.ts, the full count).
 * The corpus's YAML posts are also fuzzed as TOML and JSON posts ({@link inFormats}).
 */
import { stringify } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { parsePostDate } from '../../src/core/frontmatter/dates';
import { lintPost } from '../../src/core/lint/lintPost';
import { applyEdits, type Problem } from '../../src/core/lint/problem';
import type { RoundupSettings } from '../../src/core/settings';
import { int, pick, seeded, type Random } from './random';

const NOW = new Date(Date.UTC(2020, 0, 2, 3, 4, 5));

const INSERTS = [
  '\t', '"', "'", ':', ': ', '[', ']', '{', '}', '(', ')', '\ufeff', '\r', '\r\n', '#', '- ', '---', '...',
  '*', '**', '> ', '`', '\\', '&', '%', '@',
  // TOML and JSON
  '=', ' = ', '+++', ',', '"""', "'''", '[extra]', 'null', '.'];
const RANDOM_CHARS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ud83d\ude00', '\ud800', '\udfff', 'é', 'ß', 'Ω', '…', '\u200b', '|', '<', '>', '!', '=', '~', '?', ',', ' ', '\n', 'x', '0', '9'];

function splitKeep(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Where a mutation lands: mostly in the first lines (the front matter), else anywhere. */
function place(random: Random, lines: number): number {
  return random() < 0.6 ? int(random, Math.min(lines, 12)) : int(random, lines);
}

/** One mutation of a text. */
export function mutateOnce(random: Random, text: string): string {
  const lines = splitKeep(text);
  const n = Math.max(1, lines.length);
  const r = int(random, 12);
  switch (r) {
    case 0: // cut a line
      lines.splice(place(random, n), 1);
      return lines.join('');
    case 1: { // duplicate a line
      const i = place(random, n);
      lines.splice(i, 0, lines[i] ?? '\n');
      return lines.join('');
    }
    case 2: { // swap two lines
      const i = place(random, n);
      const j = place(random, n);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('');
    }
    case 3: { // duplicate a run of lines (a block, a list item: duplicate entries)
      const i = int(random, n);
      const len = 1 + int(random, 8);
      const run = lines.slice(i, i + len);
      lines.splice(int(random, n + 1), 0, ...run);
      return lines.join('');
    }
    case 4: // line endings: all CRLF or all CR
      return random() < 0.5 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r?\n/g, '\r');
    case 5: // a BOM at the start
      return '\ufeff' + text;
    case 6: { // random characters
      const at = int(random, text.length + 1);
      let s = '';
      for (let k = 1 + int(random, 6); k > 0; k--) s += pick(random, RANDOM_CHARS);
      return text.slice(0, at) + s + text.slice(at);
    }
    case 7: { // cut a piece
      const at = int(random, text.length + 1);
      return text.slice(0, at) + text.slice(at + int(random, 40));
    }
    default: { // insert something YAML or markdown minds, at a line start or inside a line
      const i = place(random, n);
      const line = lines[i] ?? '';
      const at = random() < 0.4 ? 0 : int(random, line.length + 1);
      lines[i] = line.slice(0, at) + pick(random, INSERTS) + line.slice(at);
      return lines.join('');
    }
  }
}

/** A post mutated 1 to 4 times. */
export function mutate(random: Random, post: string): string {
  let text = post;
  for (let k = 1 + int(random, 4); k > 0; k--) text = mutateOnce(random, text);
  return text;
}

export interface FuzzFailure {
  index: number;
  what: string;
  text: string;
}

export interface FuzzResult {
  count: number;
  problems: number;
  fixesApplied: number;
  totalMs: number;
  /** Lint time of one post (without its fixes), the slowest as measured in the run (a first call, a GC pause or a busy machine count too). */
  slowest: { index: number; ms: number; text: string };
  /** The 10 slowest posts of the run, timed again (median of 5 lints each): the slowest of those. */
  slowestRetimed: { index: number; ms: number; text: string };
  p99Ms: number;
  failures: FuzzFailure[];
}

/** The syntax rules report only the first error: a fix must take it away, and the next one may show. */
const SYNTAX_RULES: ReadonlySet<string> = new Set(['fm-yaml-syntax', 'fm-toml-syntax', 'fm-json-syntax']);

/**
 * The posts with YAML front matter written again as TOML (between `+++`, the date an offset date-time)
 * and as JSON (an object at the top, the date an ISO string), as Hugo writes them; a post whose YAML
 * does not read is left out.
 */
export function inFormats(posts: readonly string[]): { toml: string[]; json: string[] } {
  const toml: string[] = [];
  const json: string[] = [];
  for (const post of posts) {
    const m = /^---\r?\n([^]*?)\r?\n---\r?\n/.exec(post);
    if (!m) continue;
    let data: Record<string, unknown>;
    try {
      data = parseYaml(m[1]) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
    const body = post.slice(m[0].length);
    const date = parsePostDate(data.date);
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined));
    try {
      toml.push(`+++\n${stringify(date ? { ...clean, date } : clean)}\n+++\n${body}`);
    } catch {
      continue;
    }
    const iso = date?.toISOString().replace('.000Z', 'Z');
    json.push(`${JSON.stringify(iso ? { ...clean, date: iso } : clean, null, 2)}\n${body}`);
  }
  return { toml, json };
}

function inside(text: string, start: number, end: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length;
}

/** The invariants on one post; returns what broke (empty when all hold) and the lint time. */
export function checkPost(text: string, settings: RoundupSettings): { broken: string[]; ms: number; problems: number; fixes: number } {
  const broken: string[] = [];
  const lint = (t: string): Problem[] => lintPost(t, settings, { now: NOW, fileName: '2016-05-17-post.html.md' });
  let problems: Problem[];
  const t0 = performance.now();
  try {
    problems = lint(text);
  } catch (e) {
    return { broken: [`threw: ${(e as Error).stack ?? e}`], ms: performance.now() - t0, problems: 0, fixes: 0 };
  }
  const ms = performance.now() - t0;
  let fixes = 0;
  for (const p of problems) {
    if (!inside(text, p.start, p.end)) broken.push(`${p.rule} range [${p.start}, ${p.end}) outside the document (${text.length})`);
    for (const fix of p.fixes) {
      if (fix.edits.some((e) => !inside(text, e.start, e.end))) {
        broken.push(`${p.rule} fix "${fix.title}" edits outside the document`);
        continue;
      }
      let fixed: string;
      let after: Problem[];
      try {
        fixed = applyEdits(text, fix.edits);
        after = lint(fixed);
      } catch (e) {
        broken.push(`${p.rule} fix "${fix.title}" threw: ${(e as Error).message}`);
        continue;
      }
      fixes++;
      const before = problems.filter((q) => q.rule === p.rule);
      const same = after.filter((q) => q.rule === p.rule);
      if (SYNTAX_RULES.has(p.rule)) {
        const line = (t: string, o: number) => t.slice(0, o).split(/\r\n|\r|\n/).length;
        if (same.some((q) => q.message === p.message && line(fixed, q.start) === line(text, p.start))) {
          broken.push(`${p.rule} fix "${fix.title}" leaves the same error`);
        }
      } else if (same.length >= before.length) {
        broken.push(`${p.rule} fix "${fix.title}" leaves ${same.length} problems of the rule (before: ${before.length}): ${same.map((q) => q.message).join(' | ')}`);
      }
    }
  }
  return { broken, ms, problems: problems.length, fixes };
}

/** Mutates `count` posts from `corpus` (seeded) and checks each. */
export function runFuzz(corpus: readonly string[], count: number, seed: number, settings: RoundupSettings, onProgress?: (done: number) => void): FuzzResult {
  const random = seeded(seed);
  const times: number[] = [];
  const failures: FuzzFailure[] = [];
  let slowest = { index: -1, ms: -1, text: '' };
  const top: Array<{ index: number; ms: number; text: string }> = [];
  let problems = 0;
  let fixesApplied = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const text = mutate(random, corpus[int(random, corpus.length)]);
    const r = checkPost(text, settings);
    times.push(r.ms);
    problems += r.problems;
    fixesApplied += r.fixes;
    if (r.ms > slowest.ms) slowest = { index: i, ms: r.ms, text };
    if (top.length < 10 || r.ms > top[top.length - 1].ms) {
      top.push({ index: i, ms: r.ms, text });
      top.sort((a, b) => b.ms - a.ms);
      top.length = Math.min(top.length, 10);
    }
    for (const what of r.broken) if (failures.length < 50) failures.push({ index: i, what, text });
    if (onProgress && (i + 1) % 10000 === 0) onProgress(i + 1);
  }
  const totalMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  let slowestRetimed = { index: -1, ms: -1, text: '' };
  for (const t of top) {
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const s = performance.now();
      lintPost(t.text, settings, { now: NOW, fileName: '2016-05-17-post.html.md' });
      runs.push(performance.now() - s);
    }
    const ms = runs.sort((a, b) => a - b)[2];
    if (ms > slowestRetimed.ms) slowestRetimed = { index: t.index, ms, text: t.text };
  }
  return { count, problems, fixesApplied, totalMs, slowest, slowestRetimed, p99Ms: times[Math.floor(times.length * 0.99)] ?? 0, failures };
}
