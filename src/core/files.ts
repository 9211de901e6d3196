/** Turns the CLI's files, folders and globs into the list of posts to read; reads the start of a post. */
import { closeSync, openSync, readdirSync, readSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { MARKDOWN_EXTENSIONS } from './roundup/post';
import { POST_HEAD_LENGTH } from './roundup/siblings';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test']);

export interface Expanded {
  files: string[];
  /** Arguments that named nothing: a missing file, or a glob without matches. */
  missing: string[];
}

/** Is `arg` a glob (has `*`, `?` or `[`)? */
export function isGlob(arg: string): boolean {
  return /[*?[]/.test(arg);
}

/** A glob (`*`, `**`, `?`, `[...]`, `/` separators) as a regular expression over relative paths with `/`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Files named directly, markdown files under folders (recursively), and files matching globs; sorted,
 * no duplicates. Synchronous inside (for the CLI, where nothing else runs meanwhile): a short lint
 * then never starts libuv's thread pool.
 */
export async function expandPaths(args: readonly string[], cwd: string): Promise<Expanded> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const arg of args) {
    if (isGlob(arg)) {
      const normalized = arg.split(path.sep).join('/');
      const parts = normalized.split('/');
      const firstGlob = parts.findIndex(isGlob);
      const base = path.resolve(cwd, parts.slice(0, firstGlob).join('/') || '.');
      const re = globToRegExp(parts.slice(firstGlob).join('/'));
      const relativePath = (f: string) => path.relative(base, f).split(path.sep).join('/');
      const found = walk(base, () => true).filter((f) => re.test(relativePath(f)));
      if (found.length === 0) missing.push(arg);
      found.forEach((f) => files.add(f));
      continue;
    }
    const full = path.resolve(cwd, arg);
    const stat = statOrUndefined(full);
    if (!stat) missing.push(arg);
    else if (stat.isDirectory()) walk(full, (f) => MARKDOWN_EXTENSIONS.test(f)).forEach((f) => files.add(f));
    else files.add(full);
  }
  return { files: [...files].sort(), missing };
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    entries = [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...walk(full, keep));
    } else if (e.isFile() && keep(full)) out.push(full);
  }
  return out;
}

/** True for content that is not text (a NUL byte in its first 8 KB), like git's check. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** The start of a file ({@link POST_HEAD_LENGTH} bytes) as UTF-8 text, read synchronously like {@link expandPaths}. */
export function readHeadSync(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(POST_HEAD_LENGTH);
    return buffer.subarray(0, readSync(fd, buffer, 0, POST_HEAD_LENGTH, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
