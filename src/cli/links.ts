/** `roundup links FILES...`: checks every link of the posts (core/links/check.ts); exit 1 on dead links. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expandPaths, isGlob, looksBinary } from '../core/files';
import { checkLinks, shortHostsOf, linkProblems, postLinks } from '../core/links/check';
import { lineColumn, type Problem } from '../core/problem';
import { formatText, type FileResult } from '../core/report';
import type { RoundupSettings } from '../core/settings';
import type { Io } from './io';

export interface LinksArgs {
  paths: string[];
  format: 'text' | 'github';
  version: string;
}

/**
 * A problem as a GitHub Actions workflow command (an annotation on the file and line). Kept apart
 * so `roundup lint --format github` can share it: message text escaped as GitHub asks (%, CR, LF),
 * property values also `:` and `,`.
 */
export function githubAnnotation(file: string, text: string, p: Problem): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const start = lineColumn(text, p.start);
  const end = lineColumn(text, p.end);
  const level = p.severity === 'info' ? 'notice' : p.severity;
  return `::${level} file=${prop(file)},line=${start.line + 1},col=${start.column + 1},endLine=${end.line + 1},endColumn=${end.column + 1},title=${prop(p.rule)}::${data(p.message)}`;
}

export async function runLinks(args: LinksArgs, settings: RoundupSettings, io: Io): Promise<number> {
  const { files, missing } = await expandPaths(args.paths.length ? args.paths : ['.'], io.cwd);
  for (const m of missing) io.err(`${m}: cannot read: ${isGlob(m) ? 'no file matches' : 'no such file or folder'}`);
  const texts = new Map<string, string>();
  let unreadable = missing.length;
  for (const file of files) {
    try {
      const bytes = await fs.readFile(file);
      if (!looksBinary(bytes)) texts.set(file, bytes.toString('utf8'));
    } catch (e) {
      unreadable++;
      io.err(`${display(file, io.cwd)}: cannot read: ${(e as Error).message}`);
    }
  }
  const urls = [...texts.values()].flatMap((t) => postLinks(t).map((l) => l.url));
  const shortHosts = shortHostsOf(settings.shortener);
  const results = await checkLinks(urls, { version: args.version, timeoutMs: settings.fetch.timeoutSeconds * 1000, shortHosts });
  const fileResults: FileResult[] = [...texts].map(([file, text]) => ({ file: display(file, io.cwd), text, problems: linkProblems(text, results, settings.frontMatter.rules) }));
  const problems = fileResults.flatMap((r) => r.problems);
  if (args.format === 'github') {
    for (const r of fileResults) for (const p of r.problems) io.out(githubAnnotation(r.file, r.text, p));
  } else {
    for (const line of formatText(fileResults)) io.out(line);
  }
  const dead = problems.filter((p) => p.rule === 'post-dead-link').length;
  const redirected = problems.filter((p) => p.rule === 'post-redirected-link').length;
  io.out(`${results.size} ${results.size === 1 ? 'link' : 'links'} checked in ${fileResults.length} ${fileResults.length === 1 ? 'file' : 'files'}: ${dead} dead, ${redirected} redirected`);
  if (unreadable > 0) return 2;
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
