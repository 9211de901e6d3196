/**
 * Parses the YAML between the fences with gray-matter, using the `yaml` package as its engine so
 * that every key and value keeps its source range. Line endings are normalised to LF before parsing
 * (gray-matter would keep a trailing `\r` on values) and every range is mapped back to offsets in
 * the original document.
 */
import matter from 'gray-matter';
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLError } from 'yaml';
import { lineEndOf, lineStartOf, nextLineStart } from '../base/lines';
import type { TextEdit } from '../lint/problem';
import type { FrontMatterBlock } from './locate';
import { OffsetMap } from './offsets';

export interface ParsedPair {
  key: string;
  /** Document offsets of the key. */
  keyStart: number;
  keyEnd: number;
  /** The value as YAML gives it (null for `key:` with nothing). */
  value: unknown;
  /** Document offsets of the value's source text (empty range right after the colon when there is none). */
  valueStart: number;
  valueEnd: number;
  /** Document offsets of the whole `key: value` entry including its line break. */
  lineStart: number;
  lineEnd: number;
  /** The YAML node of the value, for type checks that need to know how it was written (null in TOML and JSON). */
  node: Node | null;
  /** Every place the key is written, when more than one (a TOML table's headers and dotted keys), for a rename. */
  keyRanges?: { start: number; end: number }[];
  /** Document offsets of each item when the value is a list. */
  items?: { start: number; end: number }[];
  /** What removing the entry takes, when that is not its lines (a JSON member takes a comma too). */
  remove?: { start: number; end: number };
}

/** A syntax error of the block, with document offsets. */
export interface FrontMatterSyntaxError {
  code: string;
  message: string;
  start: number;
  end: number;
  /** A fix (TOML and JSON: the message is already in plain words); the edit is at the error when not given. */
  fix?: { title: string; start?: number; end?: number; text: string; edits?: TextEdit[] };
}

export interface NestedDuplicate {
  key: string;
  /** The keys above it, outermost first (`["author"]`). */
  path: string[];
  keyStart: number;
  keyEnd: number;
  /** The entry's lines (with the last line break), when it stands on lines of its own in a block mapping. */
  lines?: { start: number; end: number };
}

export interface ParsedFrontMatter {
  /** Syntax errors with document offsets; the first is the one to report, unless {@link separateErrors}. */
  errors: FrontMatterSyntaxError[];
  /** Each error is a mistake of its own (in an entry of its own), to be reported, not a consequence of the first. */
  separateErrors?: boolean;
  /** True when the block holds a mapping (or nothing at all). */
  isMapping: boolean;
  /** What the block holds when it is not a mapping. */
  kind?: 'list' | 'value';
  /** Top-level entries in source order, duplicates included. */
  pairs: ParsedPair[];
  /** Keys repeated inside a nested mapping (`author:` with `name:` twice), each second occurrence. */
  nestedDuplicates: NestedDuplicate[];
  /** The data as a site generator would see it. */
  data: Record<string, unknown>;
  /** Where a new top-level entry goes when not at the closing fence (TOML: before the first table; JSON). */
  insertAt?: number;
  /** JSON: the indentation of the members. */
  indent?: string;
}

export function parseFrontMatter(text: string, block: FrontMatterBlock): ParsedFrontMatter {
  const whole = parseYaml(text, block);
  return whole.errors.length > 0 && whole.isMapping ? (recoverEntries(text, block) ?? whole) : whole;
}

/** A line that starts a top-level entry: a key (plain or quoted) and its colon, at the first column. */
const TOP_LEVEL_KEY = /^(?:[^\s#\-?:'"[\]{},&*!|>%@`][^:\r\n]*?|"[^"\r\n]*"|'[^'\r\n]*')[ \t]*:(?:[ \t]|$)/;

/**
 * With a syntax error, the parser's reading of every line after it is a guess (an unterminated quote
 * swallows the lines below it; a stray colon ends the mapping). Each top-level entry is read on its own
 * instead: the entries that read are sure and get checked; each entry that does not is its own syntax
 * error, said at its first error. Undefined when that tells nothing more (one entry, or every entry
 * reads alone and the error is between them).
 */
function recoverEntries(text: string, block: FrontMatterBlock): ParsedFrontMatter | undefined {
  const starts: number[] = [];
  for (let at = block.contentStart; at < block.contentEnd; ) {
    const end = Math.min(lineEndOf(text, at), block.contentEnd);
    if (TOP_LEVEL_KEY.test(text.slice(at, end))) starts.push(at);
    at = nextLineStart(text, end);
  }
  if (starts.length < 2) return undefined;
  starts[0] = block.contentStart;
  const recovered: ParsedFrontMatter = {
    errors: [], separateErrors: true, isMapping: true, pairs: [], nestedDuplicates: [], data: {},
  };
  starts.forEach((start, i) => {
    const entry = parseYaml(text, { ...block, contentStart: start, contentEnd: starts[i + 1] ?? block.contentEnd });
    if (entry.errors.length > 0 || !entry.isMapping) {
      const first = [...entry.errors].sort((a, b) => a.start - b.start)[0];
      if (first) recovered.errors.push(first);
      return;
    }
    recovered.pairs.push(...entry.pairs);
    recovered.nestedDuplicates.push(...entry.nestedDuplicates);
    Object.assign(recovered.data, entry.data);
  });
  return recovered.errors.length > 0 ? recovered : undefined;
}

function parseYaml(text: string, block: Pick<FrontMatterBlock, 'contentStart' | 'contentEnd'>): ParsedFrontMatter {
  const map = new OffsetMap(text.slice(block.contentStart, block.contentEnd), block.contentStart);
  const yamlText = map.normalized;
  const read = readWithGrayMatter(yamlText);
  // gray-matter skips its engine when the block is empty or only comments as it sees it, and it ends the
  // block at any line starting with `---` (`----`, `--- x`): parse what we located ourselves then.
  if (!read.doc && yamlText.replace(/^\s*#.*$/gm, '').trim() === '') {
    return { errors: [], isMapping: true, pairs: [], nestedDuplicates: [], data: {} };
  }
  const doc = read.doc ?? parseDocument(yamlText, YAML_OPTIONS);
  const at = (offset: number) => map.toDocument(Math.max(0, Math.min(yamlText.length, offset)));
  const source: Source = { yaml: yamlText, at };
  const errors = doc.errors.map((e: YAMLError) => ({
    code: e.code,
    message: e.message,
    start: at(e.pos[0]),
    end: at(e.pos[1]),
  }));
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    const kind = isSeq(contents) ? 'list' : 'value';
    return { errors, isMapping: false, kind, pairs: [], nestedDuplicates: [], data: {} };
  }
  const pairs = topLevelPairs(contents ? (contents.items as Pair[]) : [], doc, source);
  const nestedDuplicates: NestedDuplicate[] = [];
  for (const pair of pairs) findNestedDuplicates(pair.node, [pair.key], source, nestedDuplicates);
  return { errors, isMapping: true, pairs, nestedDuplicates, data: read.data };
}

/** The normalised YAML text, and document offsets of offsets in it. */
interface Source {
  yaml: string;
  at: (offset: number) => number;
}

/**
 * The data as gray-matter (what site generators use) reads the block, with the `yaml` document it
 * parsed on the way (undefined when gray-matter did not call its engine).
 */
function readWithGrayMatter(yamlText: string): { doc: Document.Parsed | undefined; data: Record<string, unknown> } {
  let doc: Document.Parsed | undefined;
  // Passing options also keeps gray-matter from caching: its cache would answer a second look at the
  // same broken text with the first result and no engine call.
  const file = matter(`---\n${yamlText}---\n`, {
    language: 'yaml',
    engines: {
      yaml: (input: string): object => {
        // gray-matter hands over the text after `---` (it starts with that line's break) up to the
        // closing fence; parse exactly the block we located so offsets stay exact.
        if (input.slice(1) !== yamlText.slice(0, input.length - 1)) {
          throw new Error('gray-matter split the front matter unexpectedly');
        }
        doc = parseDocument(yamlText, YAML_OPTIONS);
        return asObject(safeToJS(doc));
      },
    },
  });
  const data = file.data && typeof file.data === 'object' ? (file.data as Record<string, unknown>) : {};
  return { doc, data };
}

/** The top-level entries with a plain key, in source order, duplicates included. */
function topLevelPairs(items: readonly Pair[], doc: Document.Parsed, { yaml, at }: Source): ParsedPair[] {
  const pairs: ParsedPair[] = [];
  for (const item of items) {
    const keyNode = item.key as Node | null;
    if (!keyNode || !isScalar(keyNode) || !keyNode.range) continue;
    const valueNode = (item.value as Node | null) ?? null;
    const [keyStart, keyEnd] = keyNode.range;
    const valueRange = valueNode?.range ?? [keyEnd + 1, keyEnd + 1, keyEnd + 1];
    const lineEnd = lineEndAfter(yaml, Math.max(valueRange[1], keyEnd));
    // A block value's range runs over its last line break: mark the text only.
    const valueEnd = trimmedEnd(yaml, valueRange[0], valueRange[1]);
    const items = isSeq(valueNode)
      ? valueNode.items.map((item) => {
          const range = (item as Node | null)?.range ?? [valueRange[0], valueRange[0]];
          return { start: at(range[0]), end: at(trimmedEnd(yaml, range[0], range[1])) };
        })
      : undefined;
    pairs.push({
      key: String(keyNode.value),
      keyStart: at(keyStart),
      keyEnd: at(keyEnd),
      value: valueNode ? safeToJS(valueNode, doc) : null,
      valueStart: at(valueRange[0]),
      valueEnd: at(valueEnd),
      lineStart: at(lineStartOf(yaml, keyStart)),
      lineEnd: at(lineEnd),
      node: valueNode,
      items,
    });
  }
  return pairs;
}

/** Adds to `found` every key repeated in a mapping under `node` (at most 50 levels down). */
function findNestedDuplicates(
  node: unknown,
  path: string[],
  source: Source,
  found: NestedDuplicate[],
  depth = 0,
): void {
  if (depth > 50) return;
  if (isSeq(node)) {
    for (const item of node.items) findNestedDuplicates(item, path, source, found, depth + 1);
    return;
  }
  if (!isMap(node)) return;
  const seen = new Set<string>();
  for (const item of node.items as Pair[]) {
    const keyNode = item.key as Node | null;
    if (!keyNode || !isScalar(keyNode) || !keyNode.range) continue;
    const key = String(keyNode.value);
    if (seen.has(key)) found.push(nestedDuplicate(key, path, keyNode.range, item.value as Node | null, source));
    seen.add(key);
    findNestedDuplicates(item.value, [...path, key], source, found, depth + 1);
  }
}

/** The second `key` under `path`, with its lines when it stands on lines of its own. */
function nestedDuplicate(
  key: string,
  path: string[],
  [keyStart, keyEnd]: readonly number[],
  value: Node | null,
  { yaml, at }: Source,
): NestedDuplicate {
  const lineStart = lineStartOf(yaml, keyStart);
  const valueEnd = value?.range?.[1] ?? keyEnd;
  // Only an entry on lines of its own (not `{a: 1, a: 2}`) can be removed by its lines.
  const own = /^[ \t]*$/.test(yaml.slice(lineStart, keyStart));
  const lineEnd = lineEndAfter(yaml, Math.max(valueEnd, keyEnd));
  const after = yaml.slice(trimmedEnd(yaml, keyEnd, valueEnd), lineEnd);
  const duplicate: NestedDuplicate = { key, path, keyStart: at(keyStart), keyEnd: at(keyEnd) };
  if (own && /^[ \t]*(?:#.*)?\n?$/.test(after)) duplicate.lines = { start: at(lineStart), end: at(lineEnd) };
  return duplicate;
}

/** `logLevel: 'error'`: the parser's warnings (collection keys) would go to the process's stderr. */
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, logLevel: 'error' } as const;

function safeToJS(node: Node | Document.Parsed, doc?: Document.Parsed): unknown {
  try {
    return doc ? (node as Node).toJS(doc) : (node as Document.Parsed).toJS();
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): object {
  return value !== null && typeof value === 'object' ? value : {};
}

/**
 * `end` moved back over YAML white space (space, tab, line breaks; not a BOM or a no-break space, which
 * belong to the value).
 */
function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /[ \t\r\n]/.test(text[end - 1])) end--;
  return end;
}

/** Where the line holding the character before `end` ends, past its line break: a range ending at `end` is on it. */
function lineEndAfter(text: string, end: number): number {
  return nextLineStart(text, lineEndOf(text, Math.max(0, end - 1)));
}
