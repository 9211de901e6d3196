import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandPaths, isGlob, looksBinary, readHeadSync } from '../core/files';
import { fixPost, lintPost, type PostContext } from '../core/lint/lintPost';
import { schemaSettingsOf } from '../core/frontmatter/blogSchema';
import type { Schema } from '../core/frontmatter/schema';
import { isPostPath } from '../core/posts';
import {
  exitCode,
  formatGithub,
  formatJson,
  formatText,
  summarize,
  summaryLine,
  type FileResult,
  type Unreadable,
} from '../core/report';
import { FeaturedIndex } from '../core/roundup/featured';
import { readFolderDates, siblingDates, type FolderDates } from '../core/roundup/siblings';
import type { RoundupSettings } from '../core/settings';
import { displayPath as display, type Io } from './io';
import { generatorOf, postsRuleOf, readBlog } from './schema';

export interface LintArgs {
  paths: string[];
  format: 'text' | 'json' | 'github';
  /** Write the preferred fixes into the files. */
  fix?: boolean;
}

export async function runLint(args: LintArgs, settings: RoundupSettings, io: Io): Promise<number> {
  const { files, missing } = await expandPaths(args.paths.length ? args.paths : ['.'], io.cwd);
  const unreadable: Unreadable[] = missing.map((file) => ({
    file,
    reason: isGlob(file) ? 'no file matches' : 'no such file or folder',
  }));
  const texts = new Map<string, string>();
  /** Files whose bytes are not exactly their UTF-8 text: --fix leaves them alone, so no byte is lost. */
  const notRoundTrip = new Set<string>();
  for (const file of files) {
    try {
      const bytes = readFileSync(file); // sync: a short lint never starts the thread pool
      if (looksBinary(bytes)) {
        io.err(`${display(file, io.cwd)}: skipped, not a text file`);
        continue;
      }
      const text = bytes.toString('utf8');
      texts.set(file, text);
      if (!Buffer.from(text, 'utf8').equals(bytes)) notRoundTrip.add(file);
    } catch (e) {
      unreadable.push({
        file: display(file, io.cwd),
        reason: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message,
      });
    }
  }
  const folders = await datesOfFolders(texts.keys());
  const isPost = postsAmong(args.paths, texts, settings, io.cwd);
  const schema = await blogSchema(settings, texts, io);
  const featured = featuredAmong(texts, isPost, settings, io.cwd);
  const generator = generatorOf(io.cwd);
  const now = io.now();
  let unwritable = 0;
  const results: FileResult[] = [];
  // What --fix did goes beside the output: on stdout for text, on stderr where stdout is for machines.
  const report = args.format === 'text' ? io.out : io.err;
  for (const [file, original] of texts) {
    const shown = display(file, io.cwd);
    const context: PostContext = {
      now,
      fileName: path.basename(file),
      path: path.relative(io.cwd, file).split(path.sep).join('/'),
      siblingDates: siblingDates(folders.get(path.dirname(file)) ?? [], path.basename(file)),
      syntaxOnly: !isPost(file),
      schema,
      generator,
      featured: { index: featured, self: shown },
    };
    if (!args.fix) {
      results.push({ file: shown, text: original, problems: lintPost(original, settings, context) });
      continue;
    }
    const { text, fixed, problems } = fixPost(original, settings, context);
    if (text !== original && notRoundTrip.has(file)) {
      report(`${shown}: not fixed: the file is not valid UTF-8`);
      results.push({ file: shown, text: original, problems: lintPost(original, settings, context) });
      continue;
    }
    if (text !== original) {
      try {
        await fs.writeFile(file, text, 'utf8');
        const rules = [...new Set(fixed.map((p) => p.rule))];
        report(`${shown}: fixed ${fixed.length} problem${fixed.length === 1 ? '' : 's'} (${rules.join(', ')})`);
      } catch (e) {
        io.err(`${shown}: cannot write the fixes: ${(e as Error).message}`);
        unwritable++;
        results.push({ file: shown, text: original, problems: lintPost(original, settings, context) });
        continue;
      }
    }
    results.push({ file: shown, text, problems });
  }
  const summary = summarize(results, unreadable);
  if (args.format === 'json') {
    io.out(formatJson(results, unreadable));
  } else {
    for (const line of args.format === 'github' ? formatGithub(results) : formatText(results)) io.out(line);
    for (const u of unreadable) io.err(`${u.file}: cannot read: ${u.reason}`);
    io.out(summaryLine(summary));
  }
  return unwritable > 0 ? 2 : exitCode(summary);
}

/** The roundups among the posts linted, for `post-featured-before` (by their paths as shown). */
function featuredAmong(
  texts: ReadonlyMap<string, string>,
  isPost: (file: string) => boolean,
  settings: RoundupSettings,
  cwd: string,
): FeaturedIndex {
  const index = new FeaturedIndex({ authors: settings.authors });
  for (const [file, text] of texts) if (isPost(file)) index.update(display(file, cwd), text);
  return index;
}

/**
 * Which of the files are posts (core/posts.ts), the current folder standing for the editor's workspace:
 * a file named on the command line is a post; files found in folders or by globs are posts by
 * `roundup.posts`, else by the posts folder (`roundup.postsFolder`, or the one their names and
 * folders show). A file outside the current folder is a post, as in the editor.
 */
function postsAmong(
  args: readonly string[],
  texts: ReadonlyMap<string, string>,
  settings: RoundupSettings,
  cwd: string,
): (file: string) => boolean {
  const named = new Set(args.filter((arg) => !isGlob(arg)).map((arg) => path.resolve(cwd, arg)));
  const relative = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const rule = postsRuleOf([...texts].map(([file, text]) => ({ path: relative(file), head: text })), settings, cwd);
  return (file) => {
    const shown = relative(file);
    return named.has(file) || shown.startsWith('..') || path.isAbsolute(shown) || isPostPath(shown, rule);
  };
}

/**
 * The dates of the folders of `files` that their posts' siblings are taken from, read as the editor
 * reads them ({@link readFolderDates}), before any fix is written.
 */
async function datesOfFolders(files: Iterable<string>): Promise<Map<string, FolderDates>> {
  const byFolder = new Map<string, FolderDates>();
  for (const folder of new Set([...files].map((file) => path.dirname(file)))) {
    let names: string[];
    try {
      names = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      names = [];
    }
    byFolder.set(folder, await readFolderDates(names, (name) => readHeadSync(path.join(folder, name))));
  }
  return byFolder;
}

/**
 * The schema of the blog in the current folder: learned from its posts and read from what it declares
 * (core/blog.ts), the settings winning key by key; none when the settings say the whole schema.
 */
async function blogSchema(
  settings: RoundupSettings,
  texts: ReadonlyMap<string, string>,
  io: Io,
): Promise<Schema | undefined> {
  const { set } = settings.frontMatter;
  if (set.required && set.fields) return undefined;
  const blog = await readBlog(io.cwd, settings, texts);
  const schema = blog.schema(schemaSettingsOf(settings.frontMatter)).schema;
  for (const u of blog.unreadable()) io.err(`warning: ${u.file}: not read: ${u.reason}`);
  return schema;
}
