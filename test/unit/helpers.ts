/** Small helpers shared by the unit tests: exact ranges as `L:C-L:C rule`, fixes applied to text, the project's folders. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintFrontMatter, type LintOptions } from '../../src/core/frontmatter/lint';
import { lineColumn } from '../../src/core/base/lines';
import { applyEdits, type Fix, type Problem } from '../../src/core/lint/problem';

/** A fixed clock for the `fm-required` date fix. */
export const NOW = new Date(Date.UTC(2020, 0, 2, 3, 4, 5));

export function lint(text: string, options: LintOptions = {}): Problem[] {
  return lintFrontMatter(text, { now: NOW, ...options });
}

/** `2:8-2:23 fm-yaml-syntax`: 1-based line and column of the start and end of a problem. */
export function span(text: string, p: { start: number; end: number; rule?: string }): string {
  const a = lineColumn(text, p.start);
  const b = lineColumn(text, p.end);
  return `${a.line + 1}:${a.column + 1}-${b.line + 1}:${b.column + 1}${p.rule ? ` ${p.rule}` : ''}`;
}

export function spans(text: string, problems: readonly Problem[]): string[] {
  return problems.map((p) => span(text, p));
}

/** The text after applying one fix (by title, or the only / preferred one). */
export function applyFix(text: string, problem: Problem, title?: string): string {
  const fix: Fix | undefined = title
    ? problem.fixes.find((f) => f.title === title)
    : problem.fixes.length === 1 ? problem.fixes[0] : problem.fixes.find((f) => f.preferred);
  if (!fix) throw new Error(`No fix${title ? ` "${title}"` : ''} on ${problem.rule}: ${JSON.stringify(problem.fixes.map((f) => f.title))}`);
  return applyEdits(text, fix.edits);
}

/** The one problem a text has; fails with the list when there are more or none. */
export function only(problems: readonly Problem[]): Problem {
  if (problems.length !== 1) throw new Error(`Expected one problem, got ${problems.length}: ${JSON.stringify(problems.map((p) => `${p.rule} ${p.message}`))}`);
  return problems[0];
}

/** The project folder (the one with Roundup's package.json), from the compiled or the source test file. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'roundup') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No Roundup package.json above ${from}`);
  }
}

/** A file or folder in the shared folder next to the project (`../shared/...`); fails clearly when it is missing. */
export function sharedPath(...parts: string[]): string {
  // ROUNDUP_SHARED names the shared folder when the project is checked out elsewhere (a worktree).
  const p = path.join(process.env.ROUNDUP_SHARED || path.join(projectRoot(), '..', 'shared'), ...parts);
  if (!existsSync(p)) throw new Error(`${path.join('..', 'shared', ...parts)} is missing next to the project (looked for ${p}); the corpus tests need it`);
  return p;
}

export function fixturePath(...parts: string[]): string {
  return path.join(projectRoot(), 'test', 'fixtures', ...parts);
}

/** The model post (../shared/examples/roundup-post.md), the one copy the tests read. */
export const MODEL_POST_PATH = fixturePath('workspace', 'roundup-post.md');

export function modelPost(): string {
  return readFileSync(MODEL_POST_PATH, 'utf8');
}

/** Front matter lines between fences with LF endings. */
export function post(...lines: string[]): string {
  return ['---', ...lines, '---', '', 'Body.', ''].join('\n');
}
