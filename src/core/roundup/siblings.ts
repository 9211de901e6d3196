/**
 * A post's siblings: the other posts of its folder, whose dates say how the blog writes a date (the
 * style of the fix for a missing one). One policy for the editor and `roundup lint`, so that Fix all
 * and `roundup lint --fix` write the same date into the same post: the folder's last
 * {@link MAX_SIBLINGS} markdown files by name (newest last, as dated names sort), never the post
 * itself, each read only as far as its first {@link POST_HEAD_LENGTH} bytes.
 */
import { MARKDOWN_EXTENSIONS } from './post';

/** How much of the start of a post is read for its front matter (bytes; at least as many characters). */
export const POST_HEAD_LENGTH = 4096;

/** How many sibling posts are read to learn how the blog writes its dates. */
export const MAX_SIBLINGS = 40;

/** The top-level date of YAML front matter (`date: ...`). */
const YAML_DATE =
  /^---[ \t]*(?:\r\n?|\n)(?:(?!---|\.\.\.)[^\r\n]*(?:\r\n?|\n))*?date:[ \t]*['"]?([^'"\r\n]+?)['"]?[ \t]*(?:\r\n?|\n)/;
/** The top-level date of TOML front matter (`date = ...`, before any `[table]`). */
const TOML_DATE = new RegExp(
  String.raw`^\+\+\+[ \t]*(?:\r\n?|\n)(?:(?!\+\+\+|\[)[^\r\n]*(?:\r\n?|\n))*?` +
    String.raw`date[ \t]*=[ \t]*['"]?([^'"\r\n#]+?)['"]?[ \t]*(?:#[^\r\n]*)?(?:\r\n?|\n)`,
);
/** The date of JSON front matter (`"date": "..."`). */
const JSON_DATE = /^\{[^]*?"date"[ \t]*:[ \t]*"([^"\r\n]*)"/;

/**
 * The `date` value at the top of a post's front matter, YAML, TOML or JSON (only the first lines are
 * read), for `inferDateStyle`.
 */
export function dateValueOf(head: string): string | undefined {
  // Only the first block (no `m` flag: a later fence is not an opening fence); LF, CRLF or lone CR line breaks.
  const m = YAML_DATE.exec(head) ?? TOML_DATE.exec(head) ?? JSON_DATE.exec(head);
  return m ? m[1] : undefined;
}

/** The `date:` values of the files a folder's posts take their siblings from, by file name. */
export type FolderDates = ReadonlyArray<{ name: string; date: string | undefined }>;

/**
 * The dates of the folder's files that may be a post's siblings: of `fileNames` (the files of one
 * folder), the last {@link MAX_SIBLINGS} + 1 markdown files by name (one more: a post is not its own
 * sibling). `readHead` gives the start of a file ({@link POST_HEAD_LENGTH} bytes are enough); a file
 * it cannot read has no date.
 */
export async function readFolderDates(
  fileNames: Iterable<string>,
  readHead: (name: string) => string | Promise<string>,
): Promise<FolderDates> {
  const names = [...fileNames].filter((name) => MARKDOWN_EXTENSIONS.test(name)).sort().slice(-(MAX_SIBLINGS + 1));
  const dateOf = async (name: string) => {
    try {
      return dateValueOf(await readHead(name));
    } catch {
      return undefined;
    }
  };
  return Promise.all(names.map(async (name) => ({ name, date: await dateOf(name) })));
}

/**
 * The dates of a post's siblings: the last {@link MAX_SIBLINGS} files of its folder but the post itself, those
 * with a date.
 */
export function siblingDates(folder: FolderDates, postFileName: string): string[] {
  return folder
    .filter((f) => f.name !== postFileName)
    .slice(-MAX_SIBLINGS)
    .map((f) => f.date)
    .filter((d): d is string => d !== undefined);
}
