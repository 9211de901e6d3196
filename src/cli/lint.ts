import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expandPaths, isGlob, looksBinary } from '../core/files';
import { dateValueOf, lintPost } from '../core/lintPost';
import { exitCode, formatJson, formatText, summarize, summaryLine, type FileResult, type Unreadable } from '../core/report';
import type { RoundupSettings } from '../core/settings';
import type { Io } from './io';

export interface LintArgs {
  paths: string[];
  format: 'text' | 'json';
}

export async function runLint(args: LintArgs, settings: RoundupSettings, io: Io): Promise<number> {
  const { files, missing } = await expandPaths(args.paths.length ? args.paths : ['.'], io.cwd);
  const unreadable: Unreadable[] = missing.map((file) => ({ file, reason: isGlob(file) ? 'no file matches' : 'no such file or folder' }));
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      const bytes = await fs.readFile(file);
      if (looksBinary(bytes)) {
        io.err(`${display(file, io.cwd)}: skipped, not a text file`);
        continue;
      }
      texts.set(file, bytes.toString('utf8'));
    } catch (e) {
      unreadable.push({ file: display(file, io.cwd), reason: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message });
    }
  }
  const datesByFolder = new Map<string, string[]>();
  for (const [file, text] of texts) {
    const date = dateValueOf(text.slice(0, 4096));
    if (date) datesByFolder.set(path.dirname(file), [...(datesByFolder.get(path.dirname(file)) ?? []), date]);
  }
  const now = io.now();
  const results: FileResult[] = [...texts].map(([file, text]) => ({
    file: display(file, io.cwd),
    text,
    problems: lintPost(text, settings, { now, fileName: path.basename(file), siblingDates: datesByFolder.get(path.dirname(file)) }),
  }));
  const summary = summarize(results, unreadable);
  if (args.format === 'json') {
    io.out(formatJson(results, unreadable));
  } else {
    for (const line of formatText(results)) io.out(line);
    for (const u of unreadable) io.err(`${u.file}: cannot read: ${u.reason}`);
    io.out(summaryLine(summary));
  }
  return exitCode(summary);
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
