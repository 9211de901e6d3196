/**
 * Turns the `yaml` parser's errors into plain words and the exact place a reader would fix: one
 * explanation per error code ({@link EXPLANATIONS}); a code without one, or an explanation that
 * does not apply to the text, gets the parser's own first sentence.
 */
import { lineOf, previousLineStart, type Line } from '../base/lines';
import { yamlQuoted } from './scalar';

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
  /**
   * Replacement text for [start, end) — or for the fix's own range when it has one — when one obvious
   * repair exists.
   */
  fix?: { title: string; text: string; start?: number; end?: number };
}

export interface YamlError {
  code: string;
  message: string;
  /** Document offsets. */
  start: number;
  end: number;
}

/** What an explanation gets: the document, the error, and line helpers over the document. */
interface Context {
  text: string;
  /** Where the YAML starts. */
  contentStart: number;
  error: YamlError;
  /** The line holding an offset (without its line break). */
  lineOf(offset: number): Line;
  /** The line after `line`, undefined on the last line. */
  lineAfter(line: Line): Line | undefined;
  /** The line before `line`, undefined on the first line. */
  lineBefore(line: Line): Line | undefined;
}

type Explanation = (c: Context) => SyntaxProblem | undefined;

/**
 * `text` is the document, `error` a parser error with document offsets; `contentStart` is where the
 * YAML starts (the line after the opening fence), so that no explanation looks above it. Returns the
 * range to mark and a message in plain words.
 */
export function explainYamlError(text: string, error: YamlError, contentStart = 0): SyntaxProblem {
  const context: Context = {
    text,
    contentStart,
    error,
    lineOf: (offset) => lineOf(text, offset),
    lineAfter: (line) => (line.end >= text.length ? undefined : lineOf(text, line.next)),
    lineBefore: (line) => (line.start <= contentStart ? undefined : lineOf(text, previousLineStart(text, line.start))),
  };
  return EXPLANATIONS[error.code]?.(context) ?? parserWords(context);
}

/** The front matter is YAML but not a mapping: a list or a single value. Marks its text (trimmed). */
export function explainNotMapping(text: string, kind: 'list' | 'value', start: number, end: number): SyntaxProblem {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  let s = start;
  while (s < e && /\s/.test(text[s])) s++;
  const what = kind === 'list' ? 'a list' : 'a single value';
  return { message: `Front matter must be "key: value" lines, but this is ${what}`, start: s, end: Math.max(s, e) };
}

/** One explanation per parser error code. */
const EXPLANATIONS: Record<string, Explanation> = {
  TAB_AS_INDENT: ({ text, error, lineOf }) => {
    const line = lineOf(error.start);
    const tabs = /^[ \t]*/.exec(line.text)![0].length;
    const fix = { title: 'Replace tabs with spaces', text: spacesFor(text, line.start, lineOf) };
    const message = 'Tab used for indentation: YAML allows only spaces here';
    return { message, start: line.start, end: line.start + Math.max(1, tabs), fix };
  },
  BLOCK_AS_IMPLICIT_KEY: implicitKey,
  MULTILINE_IMPLICIT_KEY: implicitKey,
  MISSING_CHAR: (c) => {
    const { text, error, lineOf } = c;
    if (/followed by map values/.test(error.message)) {
      // `author rbowen` as the last line: the same mistake as a missing colon before another key.
      return missingColon(c, lineOf(error.start));
    }
    if (/quote/.test(error.message)) {
      const quote = findOpeningQuote(text, error.start);
      if (quote !== undefined) {
        const line = lineOf(quote);
        return {
          message: `Unterminated quoted string: the closing ${text[quote]} is missing`,
          start: quote,
          end: line.end,
        };
      }
    }
    return undefined;
  },
  UNEXPECTED_TOKEN: (c) => {
    const line = c.lineOf(c.error.start);
    if (/^[ \t]*[^\s:#][^:#]*:[ \t]+["']/.test(line.text)) return afterQuote(c, line);
    return undefined;
  },
  BAD_SCALAR_START: ({ text, error, lineOf }) => {
    // `author: @rbowen`, `tags: %x`: characters YAML reserves cannot start a plain value.
    const line = lineOf(error.start);
    const value = text
      .slice(error.start, line.end)
      .replace(/\s+#.*$/, '')
      .trimEnd();
    return {
      message: `A value cannot start with "${text[error.start]}" unless it is quoted`,
      start: error.start,
      end: error.start + Math.max(1, value.length),
      ...(value ? { fix: { title: 'Quote the value', text: yamlQuoted(value, '"') } } : {}),
    };
  },
  MULTIPLE_DOCS: (c) => ({
    message: 'Only the closing fence may start with "---": quote this value or remove the line',
    ...nonEmpty(c),
  }),
  BAD_INDENT: (c) => {
    if (/^Flow (?:sequence|map)/.test(c.error.message)) return unclosedFlow(c);
    return { message: `Bad indentation: ${lowerFirst(c.error.message)}`, ...nonEmpty(c) };
  },
  UNEXPECTED_FLOW_END: (c) => unclosedFlow(c),
  DUPLICATE_KEY: () => undefined,
};

/** The parser's own first sentence, without its positions and token names. */
function parserWords(c: Context): SyntaxProblem {
  const first = c.error.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  // `Unexpected map-value-ind token in YAML stream: ":"` names the parser's tokens: say which text instead.
  const token = /^Unexpected [\w-]+ token in YAML stream: (.*)$/.exec(first);
  return { message: token ? `Unexpected ${token[1]} here: each line should be "key: value"` : first, ...nonEmpty(c) };
}

/** `BLOCK_AS_IMPLICIT_KEY`, `MULTILINE_IMPLICIT_KEY`: what the parser took for a key spanning lines. */
function implicitKey(c: Context): SyntaxProblem {
  const { text, error, lineOf } = c;
  const first = lineOf(error.start);
  const rest = text.slice(error.start, first.end);
  const quoted = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*/.exec(rest);
  if (quoted && rest.slice(quoted[0].length).trim() !== '') {
    // `title: "Day 1" keynotes: ...`: text after the closing quote.
    return afterQuote(c, first, {
      start: error.start + quoted[0].length,
      end: first.start + first.text.trimEnd().length,
    });
  }
  if (/:(\s|$)/.test(rest) && !/^["']/.test(rest)) {
    // `title: Day 1: keynotes`: a second colon in a plain value.
    const value = rest.replace(/\s+#.*$/, '').trimEnd();
    return {
      message: 'A value that contains ": " must be quoted, e.g. title: "Day 1: the keynotes"',
      start: error.start,
      end: error.start + value.length,
      fix: { title: 'Quote the value', text: yamlQuoted(value, '"') },
    };
  }
  if (/^[ \t]*-([ \t]|$)/.test(first.text)) return listItem(c, first);
  const colon = /^[ \t]*[^\s:#][^:#]*:(\s|$)/.test(first.text);
  const next = c.lineAfter(first);
  if (colon && next) {
    // `title: a` followed by a more indented `author: b`: the second line is the mistake.
    const indent = /^[ \t]*/.exec(next.text)![0].length;
    if (indent > 0 && /^\s*-([ \t]|$)/.test(next.text) === false) {
      return {
        message: `Bad indentation: this line is indented under "${first.text.trim()}", which already has a value`,
        start: next.start,
        end: next.start + indent,
        fix: { title: 'Remove the indentation', text: '' },
      };
    }
    if (/^\s*-([ \t]|$)/.test(next.text)) return listItem(c, next);
  }
  return missingColon(c, first);
}

/**
 * A list item where the parser did not expect one: out of line with the items above it when there
 * are some, else a list item under a key that already has a value (or under no key).
 */
function listItem(c: Context, line: Line): SyntaxProblem {
  const indent = /^[ \t]*/.exec(line.text)![0].length;
  const above = c.lineBefore(line);
  if (above && /^[ \t]*-([ \t]|$)/.test(above.text)) {
    return {
      message: 'Bad indentation: this list item does not line up with the items above it',
      start: line.start,
      end: line.end,
    };
  }
  // The key it would belong to: the nearest line above that is less indented.
  let owner = above;
  while (owner && (owner.text.trim() === '' || /^[ \t]*/.exec(owner.text)![0].length > indent))
    owner = c.lineBefore(owner);
  const key = owner && /^[ \t]*([^\s:#][^:#]*):[ \t]*(\S.*)?$/.exec(owner.text);
  const message =
    key && key[2] !== undefined
      ? `A list item cannot follow "${owner!.text.trim()}", which already has a value: ` +
        `write "${key[1]}:" alone on its line, with the items under it`
      : 'A list item must stand under a key with no value, e.g. "tags:" followed by "- item" lines';
  return { message, start: line.start, end: line.end };
}

/** Text after the closing quote of a quoted value: for a double-quoted value, an inner `"` that ended it early. */
function afterQuote(c: Context, line: Line, range: { start: number; end: number } = nonEmpty(c)): SyntaxProblem {
  const m = /^([ \t]*[^\s:#][^:#]*:[ \t]+)(["'])/.exec(line.text);
  const quote = m ? m[2] : undefined;
  if (quote === '"') {
    const open = line.start + m![1].length;
    const value = line.text
      .slice(m![1].length)
      .replace(/[ \t]+#[^"]*$/, '')
      .trimEnd();
    if (value.endsWith('"') && value.length >= 2) {
      // `title: "Say "hi" now"`: the value meant is everything between the first and the last quote.
      const inner = value.slice(1, -1);
      return {
        message: 'A double-quoted value cannot hold a " as it is: write \\" inside the quotes, or use single quotes',
        start: open,
        end: open + value.length,
        fix: { title: 'Use single quotes', text: yamlQuoted(inner.replace(/\\"/g, '"'), "'") },
      };
    }
  }
  return {
    message:
      quote === "'"
        ? "Unexpected text after the value's closing quote: " +
          "inside single quotes write a quote twice (it''s), or use double quotes"
        : "Unexpected text after the value's closing quote: quote the whole value",
    ...range,
  };
}

/**
 * `author rbowen` (no colon) or `title:Hello` (no space after the colon); a line that has its colon blames
 * the next line.
 */
function missingColon(c: Context, line: Line): SyntaxProblem {
  const spaceless = /^[ \t]*[A-Za-z_][\w.-]*(?=:\S)/.exec(line.text);
  if (spaceless) {
    const colon = line.start + spaceless[0].length;
    return {
      message: `A space must follow the colon in "${line.text.trim()}"`,
      start: colon,
      end: colon + 1,
      fix: { title: 'Add a space after the colon', text: ': ' },
    };
  }
  if (/:(\s|$)/.test(line.text)) {
    // `tags:` then a line the parser could not place: that line is the one without a colon.
    for (let next = c.lineAfter(line); next; next = c.lineAfter(next)) {
      if (next.text.trim() === '' || /^\s*#/.test(next.text)) continue;
      if (!/:(\s|$)/.test(next.text) && !/^\s*-([ \t]|$)/.test(next.text)) return missingColon(c, next);
      break;
    }
    return parserWords(c);
  }
  return {
    message: `"${line.text.trim()}" is not a "key: value" line: the colon after the key is missing`,
    start: line.start,
    end: line.end,
  };
}

/** An unclosed `[` or `{`: marked at the bracket, saying which closing bracket is missing. */
function unclosedFlow(c: Context): SyntaxProblem | undefined {
  const bracket = unclosedBracket(c.text, c.contentStart, Math.max(c.error.start, c.error.end));
  if (bracket === undefined) return undefined;
  const open = c.text[bracket];
  const close = open === '[' ? ']' : '}';
  const line = c.lineOf(bracket);
  const valueEnd = line.start + line.text.replace(/[ \t]+#.*$/, '').trimEnd().length;
  return {
    message:
      `The "${open}" that starts this ${open === '[' ? 'list' : 'mapping'} is never closed: ` + `"${close}" is missing`,
    start: bracket,
    end: bracket + 1,
    // On one line the end of the value is where the bracket closes; over several lines it is not sure.
    ...(balancedAfter(line.text.slice(bracket - line.start + 1), open)
      ? { fix: { title: `Add "${close}" at the end of the value`, text: close, start: valueEnd, end: valueEnd } }
      : {}),
  };
}

/** True when the rest of the line after an unclosed bracket opens no other bracket it leaves open. */
function balancedAfter(rest: string, open: string): boolean {
  let depth = 0;
  for (const ch of rest.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '')) {
    if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0 && open !== '';
}

/**
 * The outermost `[` or `{` still open at `offset`, reading the YAML from its start (quotes and comments
 * skipped). A bracket opens a flow collection only where a value starts (after `: `, `- `, at the
 * start of a line) or inside another one; elsewhere (`title: a [draft]`) it is text.
 */
function unclosedBracket(text: string, from: number, offset: number): number | undefined {
  const stack: number[] = [];
  let quote: string | undefined;
  let last = '\n';
  for (let i = from; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t') continue;
    if ((ch === '"' || ch === "'") && (stack.length > 0 || /[:\-\n\r,[{]/.test(last))) quote = ch;
    else if (ch === '#' && /\s/.test(text[i - 1] ?? '\n')) {
      while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
    } else if ((ch === '[' || ch === '{') && (stack.length > 0 || /[:\-\n\r]/.test(last))) stack.push(i);
    else if ((ch === ']' || ch === '}') && stack.length > 0) stack.pop();
    last = ch;
  }
  return stack.length > 0 ? stack[0] : undefined;
}

function nonEmpty({ error, lineOf }: Context): { start: number; end: number } {
  if (error.end > error.start)
    return { start: error.start, end: Math.min(error.end, lineOf(error.start).end) || error.end };
  const line = lineOf(error.start);
  return line.end > line.start ? { start: line.start, end: line.end } : { start: error.start, end: error.start };
}

/** The quote that opens the string still open at `offset`: the last `"` or `'` after a `: ` or `- ` before it. */
function findOpeningQuote(text: string, offset: number): number | undefined {
  const re = /(?:^|[:\-[{,]\s*)(["'])/gm;
  let found: number | undefined;
  const head = text.slice(0, offset);
  for (let m = re.exec(head); m; m = re.exec(head)) found = m.index + m[0].length - 1;
  return found;
}

function lowerFirst(s: string): string {
  const first = s.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

type LineOf = (offset: number) => Line;

/**
 * The spaces a tab-indented line should have: the indentation of the key line above it (a sibling), or,
 * under a key that opens a block (`tags:`), that of the other indented lines of the front matter (else two
 * spaces).
 */
function spacesFor(text: string, lineStart: number, lineOf: LineOf): string {
  let above = lineStart > 0 ? lineOf(lineStart - 1) : undefined;
  while (above && above.text.trim() === '' && above.start > 0) above = lineOf(above.start - 1);
  if (!above || /^(?:---|\.\.\.)[ \t]*$/.test(above.text)) return '';
  const indent = /^[ \t]*/.exec(above.text)![0];
  if (!/:[ \t]*$/.test(above.text.replace(/[ \t]+#.*$/, ''))) return indent.replace(/\t/g, '  ');
  // A nested block: the spaces of another line indented deeper than its key, else two more.
  const fence = text.indexOf('\n---', lineStart);
  const rest = text
    .slice(lineStart, fence < 0 ? undefined : fence)
    .split(/\r?\n|\r/)
    .slice(1);
  const sibling = rest.find((l) => /^ +\S/.test(l) && /^ */.exec(l)![0].length > indent.length);
  return sibling ? /^ */.exec(sibling)![0] : `${indent.replace(/\t/g, '  ')}  `;
}
