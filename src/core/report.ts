/** Output of `roundup lint`: one line per problem, or JSON; and the exit code. */
import { lineColumns, type LineColumn } from './base/lines';
import type { Problem } from './lint/problem';

export interface FileResult {
  /** The path as the user should read it (relative to where the command ran). */
  file: string;
  text: string;
  problems: Problem[];
}

export interface Unreadable {
  file: string;
  reason: string;
}

/** Where the problems of a file start and end (0-based line and column), counted in one walk over its text. */
function placesOf(r: FileResult): (offset: number) => LineColumn {
  const places = lineColumns(r.text, r.problems.flatMap((p) => [p.start, p.end]));
  return (offset) => places.get(offset)!;
}

export function formatText(results: readonly FileResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const at = placesOf(r);
    for (const p of r.problems) {
      const { line, column } = at(p.start);
      lines.push(`${r.file}:${line + 1}:${column + 1} ${p.severity} ${p.rule} ${p.message}`);
    }
  }
  return lines;
}

export function formatJson(results: readonly FileResult[], unreadable: readonly Unreadable[]): string {
  const problems = results.flatMap((r) => {
    const at = placesOf(r);
    return r.problems.map((p) => {
      const start = at(p.start);
      const end = at(p.end);
      return {
        file: r.file,
        line: start.line + 1,
        column: start.column + 1,
        endLine: end.line + 1,
        endColumn: end.column + 1,
        severity: p.severity,
        rule: p.rule,
        message: p.message,
        fixes: p.fixes,
      };
    });
  });
  return JSON.stringify({ problems, unreadable, summary: summarize(results, unreadable) }, null, 2);
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
}

export function summarize(results: readonly FileResult[], unreadable: readonly Unreadable[]): Summary {
  const all = results.flatMap((r) => r.problems);
  const count = (s: string) => all.filter((p) => p.severity === s).length;
  return {
    files: results.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    unreadable: unreadable.length,
  };
}

export function summaryLine(s: Summary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), plural(s.infos, 'info')];
  const tail = s.unreadable ? `, ${s.unreadable} unreadable` : '';
  return `${plural(s.files, 'file')} linted: ${parts.join(', ')}${tail}`;
}

/** 2 when a file could not be read (or usage was wrong), 1 when there are errors, else 0. */
export function exitCode(s: Summary): number {
  if (s.unreadable > 0) return 2;
  return s.errors > 0 ? 1 : 0;
}

/** GitHub Actions escapes a workflow command's message (`%`, CR, LF) this way. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (file, title) also escapes `:` and `,`, which separate the properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * GitHub Actions workflow commands, one per problem, so the problems show on the pull request's lines:
 * `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message` (`notice` for infos).
 */
export function formatGithub(results: readonly FileResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const at = placesOf(r);
    for (const p of r.problems) {
      const start = at(p.start);
      const end = at(p.end);
      const props = [
        `file=${escapeGithubProperty(r.file)}`,
        `line=${start.line + 1}`,
        `col=${start.column + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.column + 1}`,
        `title=${escapeGithubProperty(p.rule)}`,
      ];
      lines.push(`::${GITHUB_COMMAND[p.severity]} ${props.join(',')}::${escapeGithubData(p.message)}`);
    }
  }
  return lines;
}
