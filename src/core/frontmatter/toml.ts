/**
 * TOML front matter (between `+++` lines; Hugo, Zola, Astro): smol-toml says whether the block is valid
 * TOML and reads the values; a scan of our own gives every statement's source range, which the parser
 * does not keep. A key defined twice is TOML's own error, reported as a duplicate key (and the parse goes
 * on without it, so one duplicate hides no other error).
 */
import { parse, TomlError } from 'smol-toml';
import { lineEndOf, lineStartOf, nextLineStart } from '../base/lines';
import type { FrontMatterBlock } from './locate';
import { escapedChar } from './scalar';
import { OffsetMap } from './offsets';
import type { NestedDuplicate, ParsedFrontMatter, ParsedPair, FrontMatterSyntaxError } from './parse';

interface Key {
  name: string;
  start: number;
  end: number;
}

/** A statement of the block: `key = value`, `[table]` or `[[array of tables]]`; offsets in the normalised text. */
interface Statement {
  kind: 'entry' | 'table' | 'array';
  /** The table an entry stands in (its header's keys); empty for a header and at the top. */
  table: string[];
  keys: Key[];
  start: number;
  /** The value of an entry; a header's `]` end for a header. */
  valueStart: number;
  valueEnd: number;
  /** Items of an array value. */
  items?: { start: number; end: number }[];
}

/** The statements of a TOML text; a line the scan cannot read is skipped (the parser reports it). */
function scanStatements(s: string): Statement[] {
  const out: Statement[] = [];
  let table: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      i = lineEndOf(s, i);
      continue;
    }
    const start = i;
    if (c === '[') {
      const array = s[i + 1] === '[';
      const keys = readKeys(s, i + (array ? 2 : 1));
      const close = keys && skipBlanks(s, keys.end);
      if (keys && s.startsWith(array ? ']]' : ']', close!)) {
        const end = close! + (array ? 2 : 1);
        table = keys.keys.map((k) => k.name);
        const kind = array ? 'array' : 'table';
        out.push({ kind, table: [], keys: keys.keys, start, valueStart: end, valueEnd: end });
      }
      i = nextLineStart(s, lineEndOf(s, i));
      continue;
    }
    const keys = readKeys(s, i);
    const eq = keys && skipBlanks(s, keys.end);
    if (!keys || s[eq!] !== '=') {
      i = nextLineStart(s, lineEndOf(s, i));
      continue;
    }
    const valueStart = skipBlanks(s, eq! + 1);
    const value = scanValue(s, valueStart, 0);
    out.push({ kind: 'entry', table, keys: keys.keys, start, valueStart, valueEnd: value.end, items: value.items });
    // The rest of the line: a comment, or what the parser reports.
    i = nextLineStart(s, lineEndOf(s, Math.max(value.end, valueStart)));
  }
  return out;
}

function skipBlanks(s: string, i: number): number {
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i;
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;

/** A dotted key (`a."b c".d`) from `i`; undefined when there is none. */
function readKeys(s: string, i: number): { keys: Key[]; end: number } | undefined {
  const keys: Key[] = [];
  for (;;) {
    i = skipBlanks(s, i);
    const start = i;
    let name: string;
    if (s[i] === '"' || s[i] === "'") {
      const end = scanLineString(s, i);
      if (s[end - 1] !== s[i] || end - start < 2) return undefined;
      name = s[i] === "'" ? s.slice(start + 1, end - 1) : decodeBasic(s.slice(start, end));
      i = end;
    } else {
      BARE_KEY.lastIndex = i;
      const m = BARE_KEY.exec(s);
      if (!m) return undefined;
      name = m[0];
      i += name.length;
    }
    keys.push({ name, start, end: i });
    const after = skipBlanks(s, i);
    if (s[after] !== '.') return { keys, end: i };
    i = after + 1;
  }
}

function decodeBasic(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/** End of a one-line string starting at `i` (past its closing quote, or the line's end when it is never closed). */
function scanLineString(s: string, i: number): number {
  const quote = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\n') return j;
    if (quote === '"' && s[j] === '\\') j++;
    else if (s[j] === quote) return j + 1;
  }
  return s.length;
}

/** End of a multi-line string starting at `i` (`"""` or `'''`); the text's end when it is never closed. */
function scanMultiline(s: string, i: number): number {
  const quote = s[i];
  for (let j = i + 3; j < s.length; j++) {
    if (quote === '"' && s[j] === '\\') j++;
    else if (s.startsWith(quote.repeat(3), j)) {
      let end = j + 3;
      // Up to two quotes of the content may stand before the closing three.
      while (end < j + 5 && s[end] === quote) end++;
      return end;
    }
  }
  return s.length;
}

const DATE_TIME = /\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?/y;
const SCALAR = /[^\s#,\]}]+/y;

/** The end of the value starting at `i` (and the ranges of its items when it is an array). */
function scanValue(s: string, i: number, depth: number): { end: number; items?: { start: number; end: number }[] } {
  if (depth > 50) return { end: lineEndOf(s, i) };
  if (s.startsWith('"""', i) || s.startsWith("'''", i)) return { end: scanMultiline(s, i) };
  if (s[i] === '"' || s[i] === "'") return { end: scanLineString(s, i) };
  if (s[i] === '[') {
    const items: { start: number; end: number }[] = [];
    let j = i + 1;
    for (;;) {
      j = skipSpace(s, j);
      if (j >= s.length) return { end: s.length, items };
      if (s[j] === ']') return { end: j + 1, items };
      if (s[j] === ',') {
        j++;
        continue;
      }
      const item = scanValue(s, j, depth + 1);
      if (item.end <= j) return { end: lineEndOf(s, j), items };
      items.push({ start: j, end: item.end });
      j = item.end;
    }
  }
  if (s[i] === '{') {
    let j = i + 1;
    for (;;) {
      j = skipBlanks(s, j);
      if (s[j] === '}') return { end: j + 1 };
      if (s[j] === ',') {
        j++;
        continue;
      }
      const keys = readKeys(s, j);
      const eq = keys && skipBlanks(s, keys.end);
      if (!keys || s[eq!] !== '=') return { end: lineEndOf(s, j) };
      const value = scanValue(s, skipBlanks(s, eq! + 1), depth + 1);
      if (value.end <= j) return { end: lineEndOf(s, j) };
      j = value.end;
    }
  }
  // A date and time may hold a space (`2016-05-17 17:18:56`): tried first when the value starts with a digit.
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    DATE_TIME.lastIndex = i;
    if (DATE_TIME.test(s)) return { end: DATE_TIME.lastIndex };
  }
  SCALAR.lastIndex = i;
  return { end: SCALAR.test(s) ? SCALAR.lastIndex : i };
}

/** Past white space, line breaks and comments (inside an array). */
function skipSpace(s: string, i: number): number {
  for (;;) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#') i = lineEndOf(s, i);
    else return i;
  }
}

/** The key written twice, as smol-toml says it. */
const REDEFINED = /redefine/;

/** At most this many duplicates are taken out before the rest of the block is parsed again. */
const MAX_DUPLICATES = 20;

/**
 * The statements that are the block's top-level keys: an entry `key = value` at the top, and the first
 * header or dotted key under a key.
 */
function topLevelStatements(statements: readonly Statement[]): Statement[] {
  const grouped = new Set<string>();
  return statements.filter((st) => {
    if (st.kind === 'entry' && st.table.length > 0) return false;
    if (st.kind === 'entry' && st.keys.length === 1) return true;
    const name = st.keys[0]!.name;
    if (grouped.has(name)) return false;
    grouped.add(name);
    return true;
  });
}

export function parseToml(text: string, block: FrontMatterBlock): ParsedFrontMatter {
  const map = new OffsetMap(text.slice(block.contentStart, block.contentEnd), block.contentStart);
  const s = map.normalized;
  const at = (offset: number) => map.toDocument(Math.max(0, Math.min(s.length, offset)));
  const statements = scanStatements(s);
  const lineRange = (st: Statement) => ({
    start: lineStartOf(s, st.start),
    end: nextLineStart(s, lineEndOf(s, st.valueEnd)),
  });

  const topLevel = topLevelStatements(statements);
  const isTopLevel = new Set(topLevel);

  // Parse, taking out each statement that redefines a key or does not read, until the block parses.
  let rest = s;
  const errors: FrontMatterSyntaxError[] = [];
  const nestedDuplicates: NestedDuplicate[] = [];
  let data: Record<string, unknown> = {};
  // Whether the whole block parsed as written: then each top-level value is the parser's, read once.
  let whole = false;
  for (let n = 0; n <= MAX_DUPLICATES; n++) {
    try {
      data = parse(rest) as Record<string, unknown>;
      whole = n === 0;
      break;
    } catch (e) {
      const offset = errorOffset(rest, e);
      const st = statements.find((x) => x.start <= offset && offset <= Math.max(x.valueEnd, x.start + 1));
      if (!(e instanceof TomlError) || !REDEFINED.test(e.message) || !st || n === MAX_DUPLICATES) {
        errors.push(explainTomlError(s, e, offset, at));
        // The statement that does not read is taken out too: the others are read, each error said.
        if (!(e instanceof TomlError) || !st || n === MAX_DUPLICATES) break;
        rest = blankOut(rest, lineStartOf(rest, st.start), lineEndOf(rest, Math.max(st.valueEnd, offset)));
        continue;
      }
      const inside = readKeys(rest, offset);
      if (offset > st.valueStart && inside) {
        // A key twice inside an inline table (`author = { name = "a", name = "b" }`): said on the second.
        const key = inside.keys[inside.keys.length - 1]!;
        const path = [...st.table, ...st.keys.map((k) => k.name), ...inside.keys.slice(0, -1).map((k) => k.name)];
        nestedDuplicates.push({ key: key.name, path, keyStart: at(key.start), keyEnd: at(key.end) });
      } else if (!isTopLevel.has(st)) {
        const key = st.keys[st.keys.length - 1]!;
        const path = [...st.table, ...st.keys.slice(0, -1).map((k) => k.name)];
        const lines = lineRange(st);
        nestedDuplicates.push({
          key: key.name,
          path,
          keyStart: at(key.start),
          keyEnd: at(key.end),
          lines: { start: at(lines.start), end: at(lines.end) },
        });
      }
      rest = blankOut(rest, st.start, st.kind === 'entry' ? st.valueEnd : lineEndOf(rest, st.start));
    }
  }
  const pairs = topLevel.map((st) => {
    const pair = pairOf(s, st, statements, at, lineRange(st), whole ? data : undefined);
    if (st.kind !== 'entry' || st.keys.length > 1) {
      // A renamed table renames every header and dotted key under it.
      const name = st.keys[0]!.name;
      const under = statements.filter((x) => x.keys[0]!.name === name &&
        (x.kind !== 'entry' || (x.table.length === 0 && x.keys.length > 1)));
      pair.keyRanges = under.map((x) => ({ start: at(x.keys[0]!.start), end: at(x.keys[0]!.end) }));
    }
    return pair;
  });

  // New top-level keys go before the first table: after its header they would belong to the table.
  const header = statements.findIndex((st) => st.kind !== 'entry');
  const last = header > 0 ? statements[header - 1] : undefined;
  const before = last ? nextLineStart(s, lineEndOf(s, last.valueEnd)) : lineStartOf(s, statements[header]?.start ?? 0);
  const insertAt = header < 0 ? undefined : at(before);
  const separateErrors = errors.length > 1 || undefined;
  return { errors, separateErrors, isMapping: true, pairs, nestedDuplicates, data, insertAt };
}

/** The text with `[start, end)` turned to spaces (line breaks kept, so offsets and lines stay). */
function blankOut(s: string, start: number, end: number): string {
  return s.slice(0, start) + s.slice(start, end).replace(/[^\n]/g, ' ') + s.slice(end);
}

function pairOf(
  s: string,
  st: Statement,
  statements: readonly Statement[],
  at: (offset: number) => number,
  lines: { start: number; end: number },
  data: Record<string, unknown> | undefined,
): ParsedPair {
  const key = st.keys[0]!;
  // The whole block's values, when it parsed as written; else the statement (or table) read alone.
  const read = (statement: string) => (data ? data[key.name] : readValue(statement, key.name));
  let value: unknown;
  let valueStart = st.valueStart;
  let valueEnd = st.valueEnd;
  let lineEnd = lines.end;
  if (st.kind === 'entry' && st.keys.length === 1) {
    value = read(s.slice(st.start, st.valueEnd));
  } else {
    // A table: its header and entries up to the next header, read as one document.
    const next = statements.find((x) => x.start > st.start && x.kind !== 'entry');
    const end = st.kind === 'entry' ? st.valueEnd : next ? lineStartOf(s, next.start) : s.length;
    valueStart = st.kind === 'entry' ? st.valueStart : st.start;
    valueEnd = end;
    while (valueEnd > valueStart && /\s/.test(s[valueEnd - 1]!)) valueEnd--;
    lineEnd = st.kind === 'entry' ? lines.end : end;
    value = read(s.slice(st.start, end));
  }
  return {
    key: key.name,
    keyStart: at(key.start),
    keyEnd: at(key.end),
    value,
    valueStart: at(valueStart),
    valueEnd: at(valueEnd),
    lineStart: at(lines.start),
    lineEnd: at(lineEnd),
    node: null,
    items: st.items?.map((item) => ({ start: at(item.start), end: at(item.end) })),
  };
}

/** The value of `key` in a statement read alone; undefined when it does not parse. */
function readValue(statement: string, key: string): unknown {
  try {
    return (parse(statement) as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Where a TomlError points, as an offset in `s` (line and column count from 1). */
function errorOffset(s: string, e: unknown): number {
  if (!(e instanceof TomlError)) return 0;
  let offset = 0;
  for (let line = 1; line < e.line; line++) offset = nextLineStart(s, lineEndOf(s, offset));
  return Math.min(s.length, offset + Math.max(0, e.column - 1));
}

/** A TOML error in plain words, at the place of its cause. */
function explainTomlError(
  s: string,
  e: unknown,
  offset: number,
  at: (offset: number) => number,
): FrontMatterSyntaxError {
  const raw = e instanceof Error ? e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '') : String(e);
  const lineStart = lineStartOf(s, offset);
  const lineEnd = lineEndOf(s, offset);
  const line = s.slice(lineStart, lineEnd);
  type Fix = FrontMatterSyntaxError['fix'];
  const where = (start: number, end: number, message: string, fix?: Fix): FrontMatterSyntaxError => ({
    code: raw,
    message,
    start: at(start),
    end: at(Math.max(end, start)),
    ...(fix ? { fix: { ...fix, start: mapped(fix.start), end: mapped(fix.end) } } : {}),
  });
  const mapped = (offset: number | undefined) => (offset === undefined ? undefined : at(offset));
  const entry = /^([^=#"']*=[ \t]*)(.*)$/.exec(line);
  const valueAt = entry ? lineStart + entry[1]!.length : offset;
  const quote = entry?.[2]![0];
  // A control character inside a string (the parser points at it; a line break is the unterminated case).
  const bad = s.charCodeAt(offset);
  if (/control characters/.test(raw) && offset < lineEnd && !Number.isNaN(bad)) {
    const code = `U+${bad.toString(16).toUpperCase().padStart(4, '0')}`;
    const message = `A string cannot hold the control character ${code} as it is: remove it`;
    // Every control character of the line goes (a second one would be the same error again).
    const edits = [...line.matchAll(CONTROL)].map((m) => ({
      start: at(lineStart + m.index),
      end: at(lineStart + m.index + 1),
      newText: '',
    }));
    return { ...where(offset, offset + 1, message), fix: { title: 'Remove the control characters', text: '', edits } };
  }
  // An unterminated string: the parser stops at the line's end; the cause is the opening quote.
  if (/control characters are not allowed in strings|unfinished string/.test(raw) && (quote === '"' || quote === "'")) {
    const open = valueAt;
    const end = lineStart + line.replace(/[ \t]+$/, '').length;
    // A multi-line string (`"""` or `'''`) is closed by three quotes.
    const delimiter = s.startsWith(quote.repeat(3), open) ? quote.repeat(3) : quote;
    const message = `The string opened with ${delimiter} is never closed: add ${delimiter} at the end of the value`;
    return where(open, open + delimiter.length, message, {
      title: `Add the closing ${delimiter}`,
      start: end,
      end,
      text: delimiter,
    });
  }
  if (/invalid value/.test(raw) && entry) {
    const start = valueAt;
    const value = entry[2]!.replace(/[ \t]+(?:#.*)?$/, '');
    const bare = /^[^"'[{]/.test(value);
    return where(
      start,
      start + value.length,
      bare
        ? `${value} is not a TOML value: text must be in quotes, true and false are lower case`
        : `${value} is not a TOML value`,
      bare ? { title: 'Quote the value', start, end: start + value.length, text: tomlQuoted(value) } : undefined,
    );
  }
  const plain: [RegExp, string][] = [
    [/end-of-line/, 'Only one key = value may stand on a line: start a new line after the value'],
    [/unfinished array/, 'The list opened with [ is never closed: add the closing ]'],
    [/comma or end of structure/, 'A comma or the closing bracket is missing after this item'],
    [/unfinished table/, 'The inline table opened with { is never closed: add the closing }'],
    [/cannot find end of key|unexpected end of key/, 'A key must be followed by = and a value'],
    [/illegal character in key|illegal empty bare key/, 'A key of letters, digits, - and _ only; put others in quotes'],
    [/date/, 'Not a TOML date: write it like 2016-05-17 or 2016-05-17T17:18:56Z'],
    [/escape/, 'An unknown escape in a "string": write \\\\ for a backslash, or use a \'literal string\''],
    [/table array/, 'The [[ of this header is never closed: add ]]'],
  ];
  const said = plain.find(([re]) => re.test(raw))?.[1] ?? `TOML syntax error: ${raw}`;
  if (/comma or end of structure/.test(raw)) {
    // The parser stops at the next item; what is missing belongs after the item before it.
    let before = offset;
    while (before > 0 && /\s/.test(s[before - 1]!)) before--;
    return where(Math.max(0, before - 1), before, said);
  }
  const end = offset < lineEnd ? offset + 1 : offset;
  return where(offset < lineEnd ? offset : Math.max(lineStart, offset - 1), end, said);
}

/** The characters a TOML string cannot hold as they are (a tab it can). */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** A string as a TOML basic string (`"..."`, with escapes). */
export function tomlQuoted(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, escapedChar)}"`;
}

/** A string as a TOML literal string (`'...'`) when it can be one, else a basic string. */
export function tomlLiteral(value: string): string {
  return /['\u0000-\u0008\u000a-\u001f\u007f]/.test(value) ? tomlQuoted(value) : `'${value}'`;
}
