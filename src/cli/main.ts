/** `roundup`: argument parsing for the commands that share the extension's core. */
import { promises as fs, writeSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { lineColumn } from '../core/base/lines';
import { readSettings, type RoundupSettings } from '../core/settings';
import type { Io } from './io';
import { runLint } from './lint';
import { runSchema } from './schema';

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
      --since-last FOLDER             only entries since the newest published roundup of the posts
                                      under FOLDER, without those it links to (said on stderr)
      --featured-in FOLDER            leave out the entries a roundup under FOLDER already features
                                      (by link or by title and author; how many said on stderr)
      --template NAME|FILE            a template name (block, link, roundup.templates) or a template file
      --config FILE                   a settings.json: templates, authors, excerpt length, fetch limits,
                                      and roundup.feeds when no feed is given
  links [files, folders or globs...]  check every link of the posts (HEAD, then GET; redirects followed)
      --format text|github            output format (default: text; github: workflow annotations)
      --config FILE                   a settings.json: fetch limits, roundup.shortener, rule severities
  schema [folder]                     print the front matter schema the blog in the folder is linted
                                      with, as JSON: each key's type, posts using it, required, source
      --config FILE                   a settings.json: roundup.frontMatter.*, roundup.posts(Folder)

Options:
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 no errors, 1 errors found (lint), a feed failed (draft) or dead links (links),
2 usage error or unreadable file.`;

class UsageError extends Error {}

const VALUE = { type: 'string' } as const;
const FLAG = { type: 'boolean' } as const;
const HELP = { type: 'boolean', short: 'h' } as const;

/** The options of each command: `--name value`, `--name=value`, or a flag. */
const OPTIONS = {
  lint: { format: VALUE, config: VALUE, fix: FLAG, help: HELP },
  draft: {
    since: VALUE, until: VALUE, 'since-last': VALUE, 'featured-in': VALUE, template: VALUE, config: VALUE, help: HELP,
  },
  links: { format: VALUE, config: VALUE, help: HELP },
  schema: { config: VALUE, help: HELP },
} satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof OPTIONS;
/** The options given: a string for those with a value, true for flags. */
type Values<C extends Command> = {
  [K in keyof (typeof OPTIONS)[C]]?: (typeof OPTIONS)[C][K] extends typeof VALUE ? string : boolean;
};

/**
 * The positional arguments and options of a command's arguments (node's `parseArgs`), with usage
 * errors in plain words: an unknown option, a value given to a flag, an option without its value.
 */
function parseCommandArgs<C extends Command>(
  command: C,
  argv: readonly string[],
): { positional: string[]; options: Values<C> } {
  const options: ParseArgsConfig['options'] = OPTIONS[command];
  // Not strict: the options are checked below, for messages in plain words.
  const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const { values, positionals, tokens } = parsed;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const type = options[token.name]?.type;
    if (type === undefined) throw new UsageError(`Unknown option ${token.rawName}`);
    if (type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    if (type === 'string' && !token.value) throw new UsageError(`${token.rawName} needs a value`);
  }
  return { positional: positionals, options: values as Values<C> };
}

/** The words of a JSON parse error: `ValueExpected` -> `value expected`. */
function parseErrorWords(error: ParseError): string {
  return printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The settings of a settings.json in VS Code's format (JSON with comments and trailing commas); none: the defaults. */
async function loadSettings(file: string | undefined, io: Io): Promise<RoundupSettings> {
  let values: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = await fs.readFile(path.resolve(io.cwd, file), 'utf8');
    } catch {
      throw new UsageError(`Cannot read the settings file ${file}`);
    }
    const errors: ParseError[] = [];
    const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
    if (errors.length > 0) {
      const { line, column } = lineColumn(text, errors[0].offset);
      const where = `line ${line + 1}, column ${column + 1}`;
      throw new UsageError(`The settings file ${file} is not valid JSON: ${parseErrorWords(errors[0])} at ${where}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new UsageError(`The settings file ${file} is not a JSON object of settings`);
    values = parsed as Record<string, unknown>;
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
      const { positional, options } = parseCommandArgs('lint', rest);
      if (options.help) {
        io.out(USAGE);
        return 0;
      }
      const format = options.format ?? 'text';
      if (format !== 'text' && format !== 'json' && format !== 'github')
        throw new UsageError(`--format must be text, json or github, not ${format}`);
      const settings = await loadSettings(options.config, io);
      return await runLint({ paths: positional, format, fix: options.fix === true }, settings, io);
    }
    if (command === 'draft') {
      const { positional, options } = parseCommandArgs('draft', rest);
      if (options.help) {
        io.out(USAGE);
        return 0;
      }
      const settings = await loadSettings(options.config, io);
      const version = typeof ROUNDUP_VERSION === 'string' ? ROUNDUP_VERSION : 'dev';
      // Loaded only here: `roundup lint` never loads the feed code (the bundle keeps it in its own file).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runDraft } = require('./draft') as typeof import('./draft');
      return await runDraft(
        {
          feeds: positional,
          since: options.since,
          until: options.until,
          sinceLast: options['since-last'],
          featuredIn: options['featured-in'],
          template: options.template,
          version,
        },
        settings,
        io,
      );
    }
    if (command === 'links') {
      const { positional, options } = parseCommandArgs('links', rest);
      if (options.help) return (io.out(USAGE), 0);
      const format = options.format ?? 'text';
      if (format !== 'text' && format !== 'github')
        throw new UsageError(`--format must be text or github, not ${format}`);
      const version = typeof ROUNDUP_VERSION === 'string' ? ROUNDUP_VERSION : 'dev';
      // Loaded only here, like draft: the link checker's HTTP client is its own file in the bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runLinks } = require('./links') as typeof import('./links');
      return await runLinks(
        { paths: positional, format, version },
        await loadSettings(options.config, io),
        io,
      );
    }
    if (command === 'schema') {
      const { positional, options } = parseCommandArgs('schema', rest);
      if (options.help) return (io.out(USAGE), 0);
      if (positional.length > 1) throw new UsageError('schema takes one folder');
      return await runSchema(positional[0], await loadSettings(options.config, io), io);
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
