/**
 * Finds the front matter block of a post, in the three formats site generators read: YAML (line 1 is
 * `---`, closed by a line `---` or `...`), TOML (Hugo, Zola, Astro: between lines `+++`) and JSON (Hugo:
 * a JSON object at the very top of the file). Works on the original text (LF, CRLF or lone CR line
 * endings); reads only as far as the block.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { lineAt, lineStartOf, type LineSpan } from '../base/lines';

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const TOML_FENCE = /^\+\+\+[ \t]*$/;

export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** The fence line of each format's block (JSON has braces instead). */
export const FENCES: Record<FrontMatterFormat, string> = { yaml: '---', toml: '+++', json: '}' };

export interface FrontMatterBlock {
  format: FrontMatterFormat;
  /** The opening fence line. */
  open: LineSpan;
  /** The closing fence line; undefined when the block is never closed. */
  close?: LineSpan;
  /**
   * Offsets of the text between the fences (from the line after the opening fence to the closing fence
   * line); for JSON, of the object from its `{` to just past its `}`.
   */
  contentStart: number;
  contentEnd: number;
  /** What precedes the opening fence when it is not on line 1 (BOM, blank lines or text). */
  leading?: { end: number; kind: 'bom' | 'blank' | 'text' };
}

/** How many lines of leading text may stand before a misplaced block and still be recognised as one. */
const MAX_LEADING_LINES = 5;
/** A misplaced block must look like front matter: `key: value` lines only (comments and blank lines allowed). */
const KEY_LINE = /^(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?|[ \t]*#.*|[ \t]*|[ \t]+\S.*)$/;

export function locateFrontMatter(text: string): FrontMatterBlock | undefined {
  const first = lineAt(text, 0);
  if (!first) return undefined;
  const line = text.slice(first.start, first.end);
  if (OPEN.test(line)) return closeDirectly(text, first, CLOSE_ANYWHERE, 'yaml');
  if (TOML_FENCE.test(line)) return closeToml(text, first);
  if (JSON_START.test(text)) return closeJson(text, 0, first);
  return locateMisplaced(text);
}

/** A closing fence line anywhere after a line break: one regular expression scan instead of a walk line by line. */
const CLOSE_ANYWHERE = /(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=[\r\n]|$)/g;
const TOML_CLOSE_ANYWHERE = /(?<=[\r\n])\+\+\+[ \t]*(?=[\r\n]|$)/g;

/** On line 1 every line up to the fence belongs to the block: find the fence directly. */
function closeDirectly(text: string, open: LineSpan, fence: RegExp, format: FrontMatterFormat): FrontMatterBlock {
  // (An unclosed fence over a big file of short lines would otherwise cost a walk over millions of lines.)
  fence.lastIndex = open.next;
  const found = fence.exec(text);
  const close = found ? lineAt(text, found.index) : undefined;
  if (close) return { format, open, close, contentStart: open.next, contentEnd: close.start };
  return { format, open, contentStart: open.next, contentEnd: text.length };
}

function closeToml(text: string, open: LineSpan): FrontMatterBlock {
  return closeDirectly(text, open, TOML_CLOSE_ANYWHERE, 'toml');
}

/**
 * Does a text (the head of a file is enough) start with front matter: a line `---` or `+++` (after a
 * byte order mark, too), or a JSON object? What finds posts by their start uses this one test.
 */
export function startsWithFrontMatter(head: string): boolean {
  return /^(?:\uFEFF?(?:---|\+\+\+)[ \t]*(?:\r\n?|\n)|\{\s*["}])/.test(head);
}

/** Hugo's JSON front matter: an object at the very top (`{` then a key or `}`, so that `{{< x >}}` is not one). */
const JSON_START = /^\{\s*["}]/;

/** Hugo's test at an offset: the object after a byte order mark or blank lines. */
const JSON_AT = /\{\s*["}]/y;

/**
 * The object whose `{` is at `at` on `line`, closed by the brace that JSON tokens say (braces in
 * strings do not count); none: never closed.
 */
function closeJson(text: string, at: number, line: LineSpan): FrontMatterBlock {
  // The opening "fence" is the brace.
  const brace = { start: at, end: at + 1, next: line.next };
  const scanner = createScanner(text, false);
  scanner.setPosition(at);
  // The brackets open, innermost last; a closing one that does not match the innermost is left out.
  const open: SyntaxKind[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) open.push(kind);
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      const opener = kind === SyntaxKind.CloseBraceToken ? SyntaxKind.OpenBraceToken : SyntaxKind.OpenBracketToken;
      if (open[open.length - 1] !== opener) continue;
      open.pop();
      if (open.length > 0) continue;
      const end = scanner.getTokenOffset() + 1;
      const close = lineAt(text, lineStartOf(text, end - 1))!;
      return { format: 'json', open: brace, close, contentStart: at, contentEnd: end };
    }
  }
  return { format: 'json', open: brace, contentStart: at, contentEnd: text.length };
}

/** What a misplaced block of each format looks like: its fences, its lines, and its first line. */
interface Misplaced {
  format: 'yaml' | 'toml';
  open: RegExp;
  close: RegExp;
  line: RegExp;
  first: RegExp;
}

const MISPLACED: Record<'yaml' | 'toml', Misplaced> = {
  yaml: { format: 'yaml', open: OPEN, close: CLOSE, line: KEY_LINE, first: /^[A-Za-z_][\w-]*[ \t]*:/ },
  toml: {
    format: 'toml',
    open: TOML_FENCE,
    close: TOML_FENCE,
    // `key = value`, `[table]`, a comment, a blank or continued line.
    line: /^(?:[A-Za-z0-9_"'-][^=]*=.*|\[.*|[ \t]*#.*|[ \t]*|[ \t]+\S.*|[\]}].*)$/,
    first: /^[A-Za-z0-9_-]+[ \t]*=/,
  },
};

function closeMisplaced(text: string, open: LineSpan, kind: Misplaced): FrontMatterBlock | undefined {
  for (let line = lineAt(text, open.next); line; line = lineAt(text, line.next)) {
    const content = text.slice(line.start, line.end);
    if (kind.close.test(content)) {
      return { format: kind.format, open, close: line, contentStart: open.next, contentEnd: line.start };
    }
    if (!kind.line.test(content)) return undefined;
  }
  return undefined;
}

/**
 * A block that a site generator would ignore: after a BOM, after blank lines, or after a few lines of text.
 * Only a fenced block made of `key: value` lines with a key on its first line counts, so that a
 * markdown rule (`---`) under a paragraph is not mistaken for front matter.
 */
function locateMisplaced(text: string): FrontMatterBlock | undefined {
  let line = lineAt(text, 0);
  for (let n = 0; line && n <= MAX_LEADING_LINES; n++, line = lineAt(text, line.next)) {
    const content = text.slice(line.start, line.end).replace(/^\uFEFF/, '');
    const json = misplacedJson(text, line);
    if (json !== null) return json;
    const kind = OPEN.test(content) ? MISPLACED.yaml : TOML_FENCE.test(content) ? MISPLACED.toml : undefined;
    if (!kind) continue;
    const block = closeMisplaced(text, line, kind);
    const firstKey = block && lineAt(text, block.contentStart);
    if (!block || !firstKey) return undefined;
    if (!kind.first.test(text.slice(firstKey.start, firstKey.end))) return undefined;
    const before = text.slice(0, line.start + (line.start === 0 ? 1 : 0));
    const leading = before.replace(/^\uFEFF/, '').trim() !== '' ? 'text' : before === '\uFEFF' ? 'bom' : 'blank';
    // The opening fence starts after a BOM on its line (whatever stands in front of it).
    const open = text.charCodeAt(line.start) === 0xfeff ? { ...line, start: line.start + 1 } : line;
    return { ...block, open, leading: { end: open.start, kind: leading } };
  }
  return undefined;
}

/**
 * A JSON object after a byte order mark or blank lines only (what Hugo, the one generator that reads
 * JSON front matter, still reads as one), closed; undefined when it is not closed (no block), null when
 * `line` does not start one. After text it is never front matter: that is body.
 */
function misplacedJson(text: string, line: LineSpan): FrontMatterBlock | undefined | null {
  const at = line.start + (text.charCodeAt(line.start) === 0xfeff ? 1 : 0);
  JSON_AT.lastIndex = at;
  if (!JSON_AT.test(text)) return null;
  const before = text.slice(0, at);
  if (before.replace(/^\uFEFF/, '').trim() !== '') return null;
  const block = closeJson(text, at, line);
  if (!block.close) return undefined;
  return { ...block, leading: { end: at, kind: before === '\uFEFF' ? 'bom' : 'blank' } };
}

/**
 * Offset just past the front matter (after the closing `---`, `...` or `+++` line, or the line of JSON's
 * closing `}`, and its line break): where
 * the body of a post starts for the body rules and for inserting entries. 0 when there is no front
 * matter, it is never closed, or it stands after blank lines or text (site generators take it as body).
 */
export function frontMatterEnd(text: string): number {
  return bodyStart(locateFrontMatter(text));
}

/** {@link frontMatterEnd} of a text whose front matter block (undefined: none) is already located. */
export function bodyStart(block: FrontMatterBlock | undefined): number {
  if (!block?.close || (block.leading && block.leading.kind !== 'bom')) return 0;
  return block.close.next;
}
