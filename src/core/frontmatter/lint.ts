/** Front matter rules: document text in, `Problem[]` with document offsets and fixes out. */
import { byPosition, severityOf, type Fix, type Problem, type RuleSetting, type TextEdit } from '../lint/problem';
import { checkDate, DEFAULT_DATE_STYLE, formatDate, type DateStyle } from './dates';
import { parseJson } from './json';
import { FENCES, locateFrontMatter, type FrontMatterBlock, type FrontMatterFormat } from './locate';
import { editDistance } from '../base/distance';
import { GENERATOR_NAMES, leadingAccepted, type Generator } from './siteGenerator';
import { lineAt, lineBreakOf, lineEndOf, lineStartOf, type LineSpan } from '../base/lines';
import { parseFrontMatter, type FrontMatterSyntaxError, type ParsedFrontMatter, type ParsedPair } from './parse';
import { yamlQuoted, yamlString } from './scalar';
import { parseToml, tomlLiteral, tomlQuoted } from './toml';
import { DEFAULT_SCHEMA, FRONT_MATTER_RULES, type FieldType, type FrontMatterRuleId, type Schema } from './schema';
import { explainNotMapping, explainYamlError } from './yamlErrors';

export interface LintOptions {
  schema?: Schema;
  /** `roundup.lint.rules`: a rule id to another severity or `off`. */
  rules?: Record<string, RuleSetting>;
  /** For the `fm-required` fix of a missing date. */
  now?: Date;
  dateStyle?: DateStyle;
  /** Values the `fm-required` fix inserts for other fields (e.g. the configured author, a title from the file name). */
  defaults?: Record<string, string>;
  /** The blog's site generator (siteGenerator.ts): what it reads as front matter after a BOM or blank lines. */
  generator?: Generator;
}

export function lintFrontMatter(text: string, options: LintOptions = {}): Problem[] {
  const block = locateFrontMatter(text);
  if (!block) {
    const missing = missingOpening(text, options.schema ?? DEFAULT_SCHEMA);
    return missing ? withSettings([missing], options.rules ?? {}) : [];
  }
  return withSettings(rawProblems(text, block, options), options.rules ?? {});
}

/** Most lines looked at for a closing fence with no opening one. */
const MAX_FIELD_LINES = 100;

/** A block with no opening fence, in each format with fences: its fence, its fields and the lines under them. */
const UNOPENED = [
  {
    fence: '---',
    close: /^---[ \t]*$/,
    // A `key: value` line (a key at column 0); an indented or list line under one, or a comment.
    field: /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t].*)?$/,
    under: /^(?:[ \t]+\S.*|[ \t]*#.*|-[ \t].*)$/,
  },
  {
    fence: '+++',
    close: /^\+\+\+[ \t]*$/,
    // `key = value`; a continued array or inline table, or a comment.
    field: /^([A-Za-z_][\w-]*)[ \t]*=[ \t]*\S.*$/,
    under: /^(?:[ \t]+\S.*|[ \t]*#.*|[\]}].*)$/,
  },
] as const;

/**
 * `fm-missing-opening`: the file starts with front matter lines and a closing `---` (or `+++` under TOML
 * lines), but no opening fence (markdown would show the lines as a heading). Only when every line up to
 * the fence is a field (or under one), and there are two fields or one the schema knows: a one-line
 * `Note: x` over a `---` rule is a heading.
 */
function missingOpening(text: string, schema: Schema): Problem | undefined {
  const first = lineAt(text, 0);
  const format = first && UNOPENED.find((f) => f.field.test(text.slice(first.start, first.end)));
  if (!first || !format) return undefined;
  let fields = 0;
  let known = false;
  for (
    let line: LineSpan | undefined = first, n = 0;
    line && n < MAX_FIELD_LINES;
    line = lineAt(text, line.next), n++
  ) {
    const content = text.slice(line.start, line.end);
    if (format.close.test(content)) {
      if (fields < 2 && !known) return undefined;
      const eol = lineBreakOf(text.slice(first.start, first.next));
      const { fence } = format;
      const message =
        `Front matter has a closing "${fence}" but no opening one: add a line "${fence}" before the first field`;
      const edits = [{ start: 0, end: 0, newText: `${fence}${eol}` }];
      const add: Fix = { title: `Add the opening "${fence}"`, preferred: true, edits };
      return problem('fm-missing-opening', message, first.start, first.end, [add]);
    }
    const field = format.field.exec(content);
    if (field) {
      fields++;
      if (Object.prototype.hasOwnProperty.call(schema.fields, field[1]!)) known = true;
    } else if (!format.under.test(content)) return undefined;
    if (line.next === line.end) break;
  }
  return undefined;
}

/** A block with its closing fence. */
export type ClosedBlock = FrontMatterBlock & { close: LineSpan };

function isClosed(block: FrontMatterBlock): block is ClosedBlock {
  return block.close !== undefined;
}

/** Lines of a syntax error: the entries on them are the parser's guesses. */
type Broken = readonly { start: number; end: number }[];

/** The syntax rule of each format. */
const SYNTAX_RULE: Record<FrontMatterFormat, FrontMatterRuleId> = {
  yaml: 'fm-yaml-syntax',
  toml: 'fm-toml-syntax',
  json: 'fm-json-syntax',
};

/** The entries of a closed block, by its format. */
export function parseBlock(text: string, block: ClosedBlock): ParsedFrontMatter {
  if (block.format === 'toml') return parseToml(text, block);
  if (block.format === 'json') return parseJson(text, block);
  return parseFrontMatter(text, block);
}

function rawProblems(text: string, block: FrontMatterBlock, options: LintOptions): Problem[] {
  const { generator } = options;
  if (block.leading && !isRead(block.leading.kind, generator)) return [notAtStart(text, block, generator)];
  if (!isClosed(block)) {
    const message =
      block.format === 'json'
        ? 'The front matter\'s "{" is never closed: add the closing "}" after its last member'
        : `Front matter is never closed: add a line "${FENCES[block.format]}" after its last field`;
    return [problem('fm-unclosed', message, block.open.start, block.open.end)];
  }
  const parsed = parseBlock(text, block);
  // A list (with or without lines the parser could not place after it) or a single value: said once.
  if (!parsed.isMapping && (parsed.kind === 'list' || parsed.errors.length === 0)) {
    return [notAMapping(text, block, parsed)];
  }
  // With a syntax error, the entries that parsed are still checked, except those on the lines of an error.
  const syntax = parsed.errors.length > 0 ? syntaxErrors(text, block, parsed) : undefined;
  const problems = syntax ? [...syntax.problems] : [];
  if (!parsed.isMapping) return problems;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const style = quoteStyle(text, block, parsed);
  const entries = entryProblems(text, parsed, schema, syntax?.broken, style);
  problems.push(...entries.problems, ...nestedDuplicateProblems(parsed, syntax?.broken));
  // A missing key may be on the broken line: not reported until the syntax error is fixed.
  if (syntax) return problems;
  problems.push(...missingFields(text, block, parsed, entries, schema, { ...options, style }));
  return problems;
}

function notAMapping(text: string, block: ClosedBlock, parsed: ParsedFrontMatter): Problem {
  const kind = parsed.kind === 'list' ? 'list' : 'value';
  const { message, start, end } = explainNotMapping(text, kind, block.contentStart, block.contentEnd);
  return problem('fm-yaml-syntax', message, start, end);
}

/**
 * The syntax rule's problem for the first error (for every error when each is a mistake of its own),
 * and the lines of every error.
 */
function syntaxErrors(
  text: string,
  block: ClosedBlock,
  parsed: ParsedFrontMatter,
): { problems: Problem[]; broken: Broken } {
  const sorted = [...parsed.errors].sort((a, b) => a.start - b.start);
  const problems = (parsed.separateErrors ? sorted : sorted.slice(0, 1)).map((error) => {
    const { message, start, end, fix }: FrontMatterSyntaxError =
      block.format === 'yaml' ? { ...explainYamlError(text, error, block.contentStart), code: error.code } : error;
    const fixes: Fix[] = [];
    if (fix) {
      const edits = fix.edits ?? [{ start: fix.start ?? start, end: fix.end ?? end, newText: fix.text }];
      fixes.push({ title: fix.title, preferred: true, edits });
    }
    return problem(SYNTAX_RULE[block.format], message, start, end, fixes);
  });
  const broken = [...problems, ...parsed.errors].map((e) => ({
    start: lineStartOf(text, e.start),
    end: lineEndOf(text, Math.max(e.start, e.end)),
  }));
  return { problems, broken };
}

interface Entries {
  problems: Problem[];
  /** The keys present (outside broken lines). */
  seen: Set<string>;
  /** Known keys an unknown key probably meant (`authors` -> `author`). */
  meant: Map<string, ParsedPair>;
}

/** The top-level entries: duplicate keys, unknown keys, values of the wrong kind. */
function entryProblems(
  text: string,
  parsed: ParsedFrontMatter,
  schema: Schema,
  broken: Broken | undefined,
  style: Style,
): Entries {
  const entries: Entries = { problems: [], seen: new Set(), meant: new Map() };
  const present = new Set(parsed.pairs.map((p) => p.key));
  for (const pair of parsed.pairs) {
    // An entry on a broken line is the parser's guess: only the others are sure.
    if (broken && overlaps(broken, pair.lineStart, Math.max(pair.keyEnd, pair.lineEnd - 1))) continue;
    if (entries.seen.has(pair.key)) {
      const lines = { ...removal(pair), newText: '' };
      const remove = { title: `Remove the second "${pair.key}"`, edits: [lines] };
      const message = `Duplicate key "${pair.key}": site generators keep only one of them`;
      entries.problems.push(problem('fm-duplicate-key', message, pair.keyStart, pair.keyEnd, [remove]));
      continue;
    }
    entries.seen.add(pair.key);
    const type = schema.fields[pair.key];
    if (type === undefined) {
      const unknown = unknownKey(pair, schema, present, parsed.pairs);
      if (unknown.suggestion) entries.meant.set(unknown.suggestion, pair);
      // A schema learned from the blog knows its keys by use: a rare key is no mistake, a slip is.
      if (unknown.suggestion || schema.unknownKeys !== 'slips') entries.problems.push(unknown.problem);
    } else if (pair.value !== undefined || style.format === 'yaml') {
      // (A TOML or JSON value that does not read is the syntax error's.)
      entries.problems.push(...checkValue(text, pair, type, schema, parsed.pairs, style));
    }
  }
  return entries;
}

/** `fm-duplicate-key` inside nested mappings. */
function nestedDuplicateProblems(parsed: ParsedFrontMatter, broken: Broken | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const d of parsed.nestedDuplicates) {
    if (broken && overlaps(broken, d.keyStart, d.lines?.end ?? d.keyEnd)) continue;
    const where = d.path.join('.');
    const of = where ? ` of "${where}"` : '';
    const lines = d.lines && { start: d.lines.start, end: d.lines.end, newText: '' };
    const fixes = lines ? [{ title: `Remove the second "${d.key}"${of}`, edits: [lines] }] : [];
    const message = `Duplicate key "${d.key}"${where ? ` in "${where}"` : ''}: site generators keep only one of them`;
    problems.push(problem('fm-duplicate-key', message, d.keyStart, d.keyEnd, fixes));
  }
  return problems;
}

/** `fm-required`: one problem per missing key, each with a fix that adds it; one for an empty block. */
function missingFields(
  text: string,
  block: ClosedBlock,
  parsed: ParsedFrontMatter,
  { seen, meant }: Entries,
  schema: Schema,
  options: LintOptions & { style: Style },
): Problem[] {
  const pairs = parsed.pairs;
  const missing = schema.required.filter((key) => !seen.has(key));
  const eol = eolOf(text, block);
  const insert = (entries: [string, string][]) => insertion(block, parsed, entries, eol);
  if (pairs.length === 0 && missing.length > 1) {
    // An empty block is one mistake, not one per field.
    const values = missing.map((key) => valueFor(key, schema.fields[key], options));
    const fix: Fix = {
      title: `Add ${listOf(missing)}`,
      preferred: !values.includes(NO_VALUE),
      edits: [insert(missing.map((key, i) => [key, values[i]!]))],
    };
    const message = `Front matter is empty: required fields ${listOf(missing)} are missing`;
    return [problem('fm-required', message, block.open.start, block.open.end, [fix])];
  }
  return missing.map((key) => {
    const value = valueFor(key, schema.fields[key], options);
    const typo = meant.get(key);
    // Not the one obvious fix when there is no value to write: "fix all" (on save, too) would turn an
    // error into an empty field that only warns.
    const add: Fix = {
      title: addTitle(block.format, key, value),
      preferred: !typo && value !== NO_VALUE,
      edits: [insert([[key, value]])],
    };
    const fixes = typo ? [renameFix(typo, key, pairs), add] : [add];
    const message =
      (typo
        ? `Required field "${key}" is missing ("${typo.key}" is probably meant)`
        : `Required field "${key}" is missing`) + because(schema, key);
    return shown(problem('fm-required', message, block.open.start, block.open.end, fixes), schema, key);
  });
}

function addTitle(format: FrontMatterFormat, key: string, value: string): string {
  return format === 'json' ? `Add ${entryText('json', key, value)}` : `Add "${entryText(format, key, value)}"`;
}

/** `key: value`, `key = value` or `"key": value`. */
function entryText(format: FrontMatterFormat, key: string, value: string): string {
  if (format === 'toml') return `${/^[A-Za-z0-9_-]+$/.test(key) ? key : tomlQuoted(key)} = ${value}`;
  if (format === 'json') return `${JSON.stringify(key)}: ${value}`;
  return `${key}: ${value}`;
}

/**
 * The edit that adds top-level entries: YAML at the closing fence, TOML before its first table (or at
 * the fence), JSON after the last member with its commas.
 */
function insertion(block: ClosedBlock, parsed: ParsedFrontMatter, entries: [string, string][], eol: string): TextEdit {
  const lines = entries.map(([key, value]) => entryText(block.format, key, value));
  if (block.format !== 'json') {
    const at = parsed.insertAt ?? block.close.start;
    return { start: at, end: at, newText: lines.map((line) => line + eol).join('') };
  }
  const at = parsed.insertAt ?? block.contentEnd - 1;
  const indent = parsed.indent ?? '  ';
  const members = lines.map((line, i) => `${parsed.pairs.length > 0 || i > 0 ? ',' : ''}${eol}${indent}${line}`);
  // Into an empty object, the closing brace goes on a line of its own.
  const close = parsed.pairs.length === 0 ? eol : '';
  return { start: at, end: at, newText: members.join('') + close };
}

/** What removing an entry takes. */
function removal(pair: ParsedPair): { start: number; end: number } {
  return pair.remove ?? { start: pair.lineStart, end: pair.lineEnd };
}

/** The block's line breaks, which the fixes write: CRLF when any line of it has one, else those of its first line. */
function eolOf(text: string, block: ClosedBlock): string {
  const blockText = text.slice(block.open.start, block.close.next);
  return blockText.includes('\r\n') ? '\r\n' : lineBreakOf(blockText);
}

function overlaps(ranges: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return ranges.some((r) => start <= r.end && r.start <= end);
}

/** `title, author and date` */
function listOf(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words.join('');
}

/** Does the generator read a block after what leads it as front matter? Never after text. */
function isRead(kind: 'bom' | 'blank' | 'text', generator: Generator | undefined): boolean {
  return kind !== 'text' && leadingAccepted(generator)[kind];
}

function notAtStart(text: string, block: FrontMatterBlock, generator: Generator | undefined): Problem {
  const leading = block.leading!;
  const what = { bom: 'byte order mark', blank: 'blank lines', text: 'text' }[leading.kind];
  const fixes: Fix[] =
    leading.kind === 'text'
      ? [
          {
            title: 'Move the front matter to the top of the file',
            edits: [
              // Without a BOM on its fence line: at the top it would be a BOM before the front matter.
              {
                start: 0,
                end: 0,
                newText:
                  text.slice(block.open.start, block.close!.next).replace(/^\uFEFF/, '') +
                  (block.close!.next === block.close!.end ? '\n' : ''),
              },
              { start: block.open.start, end: block.close!.next, newText: '' },
            ],
          },
        ]
      : [
          {
            title: `Remove the ${what} before the front matter`,
            preferred: true,
            edits: [{ start: 0, end: leading.end, newText: '' }],
          },
        ];
  const ignores = generator ? `${GENERATOR_NAMES[generator]} ignores` : 'site generators ignore';
  return problem(
    'fm-not-at-start',
    `Front matter must start on the first line: ${ignores} it after ` +
      `${leading.kind === 'bom' ? 'a ' : ''}${what}`,
    block.open.start,
    block.open.end,
    fixes,
  );
}

/** Renames the key everywhere it stands (a second `authors:` would otherwise become the unknown key). */
function renameFix(pair: ParsedPair, to: string, pairs: readonly ParsedPair[]): Fix {
  const same = pairs.filter((p) => p.key === pair.key);
  return {
    title: `Rename "${pair.key}" to "${to}"`,
    preferred: true,
    edits: same
      .flatMap((p) => p.keyRanges ?? [{ start: p.keyStart, end: p.keyEnd }])
      .map((r) => ({ ...r, newText: to })),
  };
}

function unknownKey(
  pair: ParsedPair,
  schema: Schema,
  present: ReadonlySet<string>,
  pairs: readonly ParsedPair[],
): { problem: Problem; suggestion?: string } {
  const suggestion = Object.keys(schema.fields)
    .map((known) => ({ known, distance: editDistance(pair.key.toLowerCase(), known.toLowerCase()) }))
    .filter((c) => c.distance <= 2 && !present.has(c.known))
    .sort((a, b) => a.distance - b.distance)[0]?.known;
  const message = suggestion ? `Unknown key "${pair.key}": did you mean "${suggestion}"?` : `Unknown key "${pair.key}"`;
  const fixes = suggestion ? [renameFix(pair, suggestion, pairs)] : [];
  return { problem: problem('fm-unknown-key', message, pair.keyStart, pair.keyEnd, fixes), suggestion };
}

/** The value of a known key, by its type: `fm-empty`, `fm-type`, `fm-date`. */
function checkValue(
  text: string,
  pair: ParsedPair,
  type: FieldType,
  schema: Schema,
  pairs: readonly ParsedPair[],
  style: Style,
): Problem[] {
  if (isEmptyValue(pair.value)) return schema.emptyAllowed?.includes(pair.key) ? [] : [emptyValue(pair, schema, pairs)];
  const found = valueProblems(text, pair, type, style);
  const why = because(schema, pair.key);
  if (!why) return found;
  return found.map((p) => (p.rule === 'fm-type' ? shown({ ...p, message: p.message + why }, schema, pair.key) : p));
}

function valueProblems(text: string, pair: ParsedPair, type: FieldType, style: Style): Problem[] {
  switch (type) {
    case 'string':
      return checkString(text, pair, style);
    case 'boolean':
      return checkBoolean(text, pair);
    case 'tags':
      return checkTags(text, pair);
    case 'date':
      return checkDateValue(text, pair, style);
    case 'any':
      return [];
  }
}

function emptyValue(pair: ParsedPair, schema: Schema, pairs: readonly ParsedPair[]): Problem {
  const { key } = pair;
  // Every empty occurrence goes: a second empty `tags:` would otherwise take the first one's place.
  const empties = pairs.filter((p) => p.key === key && isEmptyValue(p.value));
  const fixes: Fix[] = schema.required.includes(key)
    ? []
    : [
        {
          title: `Remove the empty "${key}"`,
          edits: empties.map((p) => ({ ...removal(p), newText: '' })),
        },
      ];
  return problem('fm-empty', `"${key}" has no value`, pair.keyStart, pair.keyEnd, fixes);
}

/** `fm-type` on the value: it should be `expected`. */
function wrongType(text: string, pair: ParsedPair, expected: string, fixes: Fix[] = []): Problem[] {
  const { value } = pair;
  // Quote the value when it is short and on one line; a list or a mapping is named by its kind only.
  // Invisible characters are the likely mistake when a value looks right: name them.
  const shown = text
    .slice(pair.valueStart, pair.valueEnd)
    .replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
  // `version: 3.0` is the number 3 to a site generator: say what a reader would see.
  const reads =
    (typeof value === 'number' || typeof value === 'boolean') && String(value) !== shown
      ? `, which reads as ${String(value)}`
      : '';
  const what = /[\r\n]/.test(shown) || shown.length > 40 ? describe(value) : `${describe(value)} ${shown}${reads}`;
  const message = `"${pair.key}" should be ${expected}, not ${what}`;
  return [problem('fm-type', message, pair.valueStart, pair.valueEnd, fixes)];
}

/** Where the schema's expectation of the key comes from, when it says: `: 141 of 143 posts write "author"`. */
function because(schema: Schema, key: string): string {
  const evidence = schema.evidence?.[key];
  return evidence ? ` (${evidence})` : '';
}

/** The problem with the files that show the schema's expectation of the key (posts that write it, a declaration). */
function shown(found: Problem, schema: Schema, key: string): Problem {
  const related = schema.related?.[key];
  return related && related.length > 0 ? { ...found, related } : found;
}

function checkString(text: string, pair: ParsedPair, style: Style): Problem[] {
  const { value } = pair;
  if (typeof value === 'string') return [];
  if (typeof value !== 'number' && typeof value !== 'boolean') return wrongType(text, pair, 'text');
  const source = text.slice(pair.valueStart, pair.valueEnd);
  const quoted =
    style.format === 'toml'
      ? quoteToml(source, style.quote)
      : style.format === 'json'
        ? JSON.stringify(source)
        : yamlQuoted(source, '"');
  const edit = { start: pair.valueStart, end: pair.valueEnd, newText: quoted };
  return wrongType(text, pair, 'text', [{ title: `Quote the value: "${source}"`, preferred: true, edits: [edit] }]);
}

const TRUE_WORDS = new Set(['yes', 'y', 'on', 'true', '1']);
const FALSE_WORDS = new Set(['no', 'n', 'off', 'false', '0']);

function checkBoolean(text: string, pair: ParsedPair): Problem[] {
  if (typeof pair.value === 'boolean') return [];
  // (A TOML table has no prototype: no String() of it.)
  const { value } = pair;
  const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  const fixed = TRUE_WORDS.has(word) ? 'true' : FALSE_WORDS.has(word) ? 'false' : undefined;
  if (!fixed) return wrongType(text, pair, 'true or false');
  const edit = { start: pair.valueStart, end: pair.valueEnd, newText: fixed };
  return wrongType(text, pair, 'true or false', [{ title: `Change to ${fixed}`, preferred: true, edits: [edit] }]);
}

function checkTags(text: string, pair: ParsedPair): Problem[] {
  const { value } = pair;
  if (typeof value === 'string') return [];
  if (!Array.isArray(value)) return wrongType(text, pair, 'a comma-separated list or a list of words');
  const bad = value.findIndex((t) => typeof t !== 'string');
  if (bad === -1) return [];
  // Point at the first item that is not a word.
  const { start, end } = pair.items?.[bad] ?? { start: pair.valueStart, end: pair.valueEnd };
  const message = `"${pair.key}" should be a list of words, but item ${bad + 1} is ${describe(value[bad])}`;
  return [problem('fm-type', message, start, end)];
}

function checkDateValue(text: string, pair: ParsedPair, style: Style): Problem[] {
  const { value } = pair;
  const source = text.slice(pair.valueStart, pair.valueEnd);
  const dateProblem = (message: string) => [problem('fm-date', message, pair.valueStart, pair.valueEnd)];
  // A TOML date is read as written (the parser takes February 30 for March 1): check what the post says.
  if (value instanceof Date && style.format === 'toml') {
    const why = checkDate(source);
    return why ? dateProblem(why.replace('like 2016-05-17 17:18:56 UTC', 'like 2016-05-17T17:18:56Z')) : [];
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? dateProblem(`"${source}" is not a real date`) : [];
  if (typeof value !== 'string') return dateProblem(`"${source}" is not a date; write it like 2016-05-17 17:18:56 UTC`);
  const why = checkDate(value);
  return why ? dateProblem(why) : [];
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function describe(value: unknown): string {
  if (value === undefined) return 'an alias that cannot be read';
  if (value === null) return 'empty';
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'the text';
  return `the ${typeof value}`;
}

/** The date styles that are TOML dates as they are. */
const TOML_DATE_STYLES: ReadonlySet<DateStyle> = new Set(['YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DDTHH:MM:SSZ']);

/** How the fixes write: the block's format and, in TOML, the quotes most of its strings use. */
interface Style {
  format: FrontMatterFormat;
  quote: "'" | '"';
}

function quoteStyle(text: string, block: ClosedBlock, parsed: ParsedFrontMatter): Style {
  let single = 0;
  let double = 0;
  for (const pair of parsed.pairs) {
    const first = text[pair.valueStart];
    if (first === "'") single++;
    else if (first === '"') double++;
  }
  return { format: block.format, quote: single > double ? "'" : '"' };
}

function quoteToml(value: string, quote: "'" | '"'): string {
  return quote === "'" ? tomlLiteral(value) : tomlQuoted(value);
}

/** What the fix writes for a missing text field nobody gave a value for. */
const NO_VALUE = '""';

function valueFor(key: string, type: FieldType | undefined, options: LintOptions & { style: Style }): string {
  const { format, quote } = options.style;
  const given = options.defaults?.[key];
  if (given !== undefined && given !== '') {
    return format === 'toml' ? quoteToml(given, quote) : format === 'json' ? JSON.stringify(given) : yamlString(given);
  }
  switch (type) {
    case 'date': {
      const style = options.dateStyle ?? DEFAULT_DATE_STYLE;
      if (format === 'yaml') return formatDate(options.now ?? new Date(), style);
      // TOML writes a date bare, in a form TOML has (no zone name); JSON as a string of the same form.
      const date = formatDate(options.now ?? new Date(), TOML_DATE_STYLES.has(style) ? style : 'YYYY-MM-DDTHH:MM:SSZ');
      return format === 'toml' ? date : JSON.stringify(date);
    }
    case 'boolean':
      return 'false';
    default:
      return NO_VALUE;
  }
}

function problem(rule: FrontMatterRuleId, message: string, start: number, end: number, fixes: Fix[] = []): Problem {
  return { rule, severity: FRONT_MATTER_RULES[rule].severity, message, start, end, fixes };
}

function withSettings(problems: Problem[], rules: Record<string, RuleSetting>): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    const severity = severityOf(FRONT_MATTER_RULES, p.rule as FrontMatterRuleId, rules);
    if (severity === undefined) continue;
    out.push(severity === p.severity ? p : { ...p, severity });
  }
  return out.sort(byPosition);
}
