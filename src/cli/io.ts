import * as path from 'node:path';

/** What the commands need from the process, passed in so tests can run them in-process. */
export interface Io {
  cwd: string;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

/** A file as the commands print it: relative to `cwd` (with `/`) when below it, else as given. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
