// Small helpers shared by the harness: project paths, logging, running commands, waiting.
import { spawn, type SpawnOptions } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The project root: the nearest folder above this file whose package.json is Roundup's. */
export function projectRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'roundup') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no Roundup package.json above ${from}`);
    dir = parent;
  }
}

/** Where code-server, node 24 and install logs are cached (gitignored). */
export function cacheDir(): string {
  return join(projectRoot(), '.vscode-test');
}

/** Where tests leave what a person may want to look at (screenshots, server logs). */
export function outputDir(...parts: string[]): string {
  const dir = join(projectRoot(), '.test-output', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function log(tag: string, message: string): void {
  process.stdout.write(`[${tag}] ${message}\n`);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Output of the command is appended here instead of the terminal. */
  logFile: string;
}

/** Runs a command to completion, its output into a log file; throws with the log's tail on failure. */
export function runLogged(command: string, args: string[], options: RunOptions): Promise<void> {
  appendFileSync(options.logFile, `\n$ (cd ${options.cwd} && ${command} ${args.join(' ')})\n`);
  return new Promise((resolvePromise, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    const child = spawn(command, args, spawnOptions);
    const append = (chunk: Buffer) => appendFileSync(options.logFile, chunk);
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolvePromise();
      const text = readFileSync(options.logFile, 'utf8');
      reject(
        new Error(
          `${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${options.cwd}\n` +
            `--- last lines of ${options.logFile} ---\n${tail(text, 40)}`,
        ),
      );
    });
  });
}

export class TimeoutError extends Error {}

/**
 * Polls `condition` until it returns a truthy value, then resolves with that value.
 * Rejects with `message` (and the last error the condition threw, if any) after `timeout` ms.
 * This is the harness's only way to wait: never a fixed sleep.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeout: number; message: string; interval?: number },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + options.timeout;
  const interval = options.interval ?? 100;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new TimeoutError(`Timed out after ${seconds(options.timeout)}: ${options.message}${cause}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Rejects with a clear message if `promise` does not settle within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const text = typeof message === 'string' ? message : message();
      reject(new TimeoutError(`Timed out after ${seconds(ms)}: ${text}`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
