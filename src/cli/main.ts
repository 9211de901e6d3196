/** `roundup`: argument parsing for the commands that share the extension's core. */
import { promises as fs, writeSync } from 'node:fs';
import * as path from 'node:path';
import { readSettings, type RoundupSettings } from '../core/settings';
import type { Io } from './io';
import { runLinks } from './links';
import { runLint } from './lint';

declare const ROUNDUP_VERSION: string;

const USAGE = `Usage: roundup <command> [options]

Commands:
  lint [files, folders or globs...]   check the front matter of posts (default: the current folder)
      --format text|json|github       output format (default: text); github: workflow commands that
                                      GitHub Actions shows on the pull request's lines
      --fix                           write the preferred fixes into the files, print what changed;
                                      the exit code is by what remains
      --config FILE                   a settings.json with roundup.* settings (VS Code's format)
  draft [feed URLs or files...]       print the roundup blocks of the feeds' entries, oldest first
      --since DATE                    only entries published at DATE or later (YYYY-MM-DD[THH:MM[:SS]], UTC)
      --until DATE                    only entries published at DATE or earlier (inclusive)
      --template NAME|FILE            a template name (block, link, roundup.templates) or a template file
      --config FILE                   a settings.json: templates, authors, excerpt length, fetch limits,
                                      and roundup.feeds when no feed is given
  links [files, folders or globs...]  check every link of the posts (HEAD, then GET; redirects followed)
      --format text|github            output format (default: text; github: workflow annotations)
      --config FILE                   a settings.json: fetch limits, roundup.shortener, rule severities

Options:
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 no errors, 1 errors found (lint), a feed failed (draft) or dead links (links),
2 usage error or unreadable file.`;

class UsageError extends Error {}

/** Splits `argv` into positional arguments and `--name value` / `--name=value` options. */
function parseArgs(
  argv: readonly string[],
  valued: readonly string[],
  flags: readonly string[] = [],
): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '-h' && flags.includes('help')) {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (flags.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
    } else if (valued.includes(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else {
      throw new UsageError(`Unknown option --${name}`);
    }
  }
  return { positional, options };
}

async function loadSettings(file: string | undefined, io: Io): Promise<RoundupSettings> {
  let values: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = await fs.readFile(path.resolve(io.cwd, file), 'utf8');
    } catch {
      throw new UsageError(`Cannot read the settings file ${file}`);
    }
    try {
      // VS Code's settings.json allows comments and trailing commas.
      values = JSON.parse(
        text
          .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, s: string | undefined) => s ?? '')
          .replace(/,(\s*[}\]])/g, '$1'),
      );
    } catch (e) {
      throw new UsageError(`The settings file ${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const { settings, warnings } = readSettings((key) => values[key]);
  for (const w of warnings) io.err(`warning: ${w.message}`);
  return settings;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      // No command is a usage error: the usage goes to stderr, like the other usage errors.
      io.err(USAGE);
      return 2;
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      io.out(typeof ROUNDUP_VERSION === 'string' ? ROUNDUP_VERSION : 'dev');
      return 0;
    }
    if (command === 'lint') {
      const { positional, options } = parseArgs(rest, ['format', 'config'], ['help', 'fix']);
      if (options.help) {
        io.out(USAGE);
        return 0;
      }
      const format = options.format ?? 'text';
      if (format !== 'text' && format !== 'json' && format !== 'github')
        throw new UsageError(`--format must be text, json or github, not ${String(format)}`);
      const settings = await loadSettings(options.config as string | undefined, io);
      return await runLint({ paths: positional, format, fix: options.fix === true }, settings, io);
    }
    if (command === 'draft') {
      const { positional, options } = parseArgs(rest, ['since', 'until', 'template', 'config'], ['help']);
      if (options.help) {
        io.out(USAGE);
        return 0;
      }
      const settings = await loadSettings(options.config as string | undefined, io);
      const version = typeof ROUNDUP_VERSION === 'string' ? ROUNDUP_VERSION : 'dev';
      // Loaded only here: `roundup lint` never loads the feed code (the bundle keeps it in its own file).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runDraft } = require('./draft') as typeof import('./draft');
      return await runDraft(
        {
          feeds: positional,
          since: options.since as string | undefined,
          until: options.until as string | undefined,
          template: options.template as string | undefined,
          version,
        },
        settings,
        io,
      );
    }
    if (command === 'links') {
      const { positional, options } = parseArgs(rest, ['format', 'config'], ['help']);
      if (options.help) return (io.out(USAGE), 0);
      const format = options.format ?? 'text';
      if (format !== 'text' && format !== 'github')
        throw new UsageError(`--format must be text or github, not ${String(format)}`);
      const version = typeof ROUNDUP_VERSION === 'string' ? ROUNDUP_VERSION : 'dev';
      return await runLinks(
        { paths: positional, format, version },
        await loadSettings(options.config as string | undefined, io),
        io,
      );
    }
    throw new UsageError(`Unknown command "${command}"`);
  } catch (e) {
    // The draft command's errors come from its own bundle: known by name, not by class.
    if (e instanceof UsageError || (e instanceof Error && e.name === 'DraftUsageError')) {
      io.err(`roundup: ${e.message}`);
      io.err('Run "roundup --help" for usage.');
      return 2;
    }
    throw e;
  }
}

/**
 * Writes lines straight to a file descriptor (1, 2): no stream to set up at start, and every line is
 * out before the next one is made. When the reader goes away (`roundup lint | head` closes the pipe
 * early) the command ends quietly, with its usual exit code: EPIPE is no error of ours.
 */
function fdWriter(fd: number): (line: string) => void {
  let closed = false;
  let pause: Int32Array | undefined;
  return (line) => {
    let bytes = Buffer.from(line + '\n', 'utf8');
    while (!closed && bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') closed = true;
        // A non-blocking pipe that is full: wait a millisecond for the reader, then write on.
        else if (code === 'EAGAIN') Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
        else throw e;
      }
    }
  };
}

if (require.main === module) {
  const io: Io = {
    cwd: process.cwd(),
    out: fdWriter(1),
    err: fdWriter(2),
    now: () => new Date(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.err(`roundup: unexpected error: ${e instanceof Error ? e.stack : String(e)}`);
      process.exitCode = 2;
    },
  );
}
