/** `roundup links FILES...`: checks every link of the posts (core/links/check.ts); exit 1 on dead links. */
import { promises as fs } from 'node:fs';
import { expandPaths, isGlob, looksBinary } from '../core/files';
import { checkLinks, shortHostsOf, linkProblems, postLinks } from '../core/links/check';
import { formatGithub, formatText, type FileResult } from '../core/report';
import type { RoundupSettings } from '../core/settings';
import { displayPath as display, type Io } from './io';

export interface LinksArgs {
  paths: string[];
  format: 'text' | 'github';
  version: string;
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
  const timeoutMs = settings.fetch.timeoutSeconds * 1000;
  const results = await checkLinks(urls, { version: args.version, timeoutMs, shortHosts });
  const fileResults: FileResult[] = [...texts].map(([file, text]) => ({
    file: display(file, io.cwd),
    text,
    problems: linkProblems(text, results, settings.lint.rules),
  }));
  const problems = fileResults.flatMap((r) => r.problems);
  for (const line of args.format === 'github' ? formatGithub(fileResults) : formatText(fileResults)) io.out(line);
  const dead = problems.filter((p) => p.rule === 'post-dead-link').length;
  const redirected = problems.filter((p) => p.rule === 'post-redirected-link').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.out(
    `${plural(results.size, 'link')} checked in ${plural(fileResults.length, 'file')}: ` +
      `${dead} dead, ${redirected} redirected`,
  );
  if (unreadable > 0) return 2;
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
