/** Turns the `yaml` parser's errors into plain words and the exact place a reader would fix. */
import { yamlQuoted } from './scalar';

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
  /** Replacement text for [start, end) when one obvious repair exists. */
  fix?: { title: string; text: string };
}

/**
 * `text` is the document, `error` a parser error with document offsets. Returns the range to mark
 * and a message in plain words.
 */
export function explainYamlError(text: string, error: { code: string; message: string; start: number; end: number }): SyntaxProblem {
  const { code } = error;
  const lineOf = (offset: number) => {
    const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    return { start, end, text: text.slice(start, end) };
  };
  switch (code) {
    case 'TAB_AS_INDENT': {
      const line = lineOf(error.start);
      const tabs = /^[ \t]*/.exec(line.text)![0].length;
      const fix = { title: 'Replace tabs with spaces', text: spacesFor(text, line.start, lineOf) };
      return { message: 'Tab used for indentation: YAML allows only spaces here', start: line.start, end: line.start + Math.max(1, tabs), fix };
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const first = lineOf(error.start);
      const rest = text.slice(error.start, first.end);
      const quoted = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*/.exec(rest);
      if (quoted && rest.slice(quoted[0].length).trim() !== '') {
        // `title: "Day 1" keynotes: ...`: text after the closing quote.
        return { message: AFTER_QUOTE, start: error.start + quoted[0].length, end: first.start + first.text.trimEnd().length };
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
      if (/^[ \t]*-([ \t]|$)/.test(first.text)) {
        return { message: 'Bad indentation: this list item does not line up with the items above it', start: first.start, end: first.end };
      }
      const colon = /^[ \t]*[^\s:#][^:#]*:(\s|$)/.test(first.text);
      if (colon && first.end < text.length) {
        // `title: a` followed by a more indented `author: b`: the second line is the mistake.
        const next = lineOf(first.end + (text[first.end] === '\r' && text[first.end + 1] === '\n' ? 2 : 1));
        const indent = /^[ \t]*/.exec(next.text)![0].length;
        if (indent > 0) {
          return {
            message: `Bad indentation: this line is indented under "${first.text.trim()}", which already has a value`,
            start: next.start,
            end: next.start + indent,
            fix: { title: 'Remove the indentation', text: '' },
          };
        }
      }
      return missingColon(first);
    }
    case 'MISSING_CHAR':
      if (/followed by map values/.test(error.message)) {
        // `author rbowen` as the last line: the same mistake as a missing colon before another key.
        return missingColon(lineOf(error.start));
      }
      if (/quote/.test(error.message)) {
        const quote = findOpeningQuote(text, error.start);
        if (quote !== undefined) {
          const line = lineOf(quote);
          return { message: `Unterminated quoted string: the closing ${text[quote]} is missing`, start: quote, end: line.end };
        }
      }
      break;
    case 'UNEXPECTED_TOKEN': {
      const line = lineOf(error.start);
      if (/^[ \t]*[^\s:#][^:#]*:[ \t]+["']/.test(line.text)) {
        return { message: AFTER_QUOTE, ...nonEmpty(error, lineOf) };
      }
      break;
    }
    case 'BAD_SCALAR_START': {
      // `author: @rbowen`, `tags: %x`: characters YAML reserves cannot start a plain value.
      const line = lineOf(error.start);
      const value = text.slice(error.start, line.end).replace(/\s+#.*$/, '').trimEnd();
      return {
        message: `A value cannot start with "${text[error.start]}" unless it is quoted`,
        start: error.start,
        end: error.start + Math.max(1, value.length),
        ...(value ? { fix: { title: 'Quote the value', text: yamlQuoted(value, '"') } } : {}),
      };
    }
    case 'MULTIPLE_DOCS':
      return { message: 'Only the closing fence may start with "---": quote this value or remove the line', ...nonEmpty(error, lineOf) };
    case 'BAD_INDENT':
      return { message: `Bad indentation: ${lowerFirst(error.message)}`, ...nonEmpty(error, lineOf) };
    case 'DUPLICATE_KEY':
      break;
  }
  const first = error.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  // `Unexpected map-value-ind token in YAML stream: ":"` names the parser's tokens: say which text instead.
  const token = /^Unexpected [\w-]+ token in YAML stream: (.*)$/.exec(first);
  return { message: token ? `Unexpected ${token[1]} here: each line should be "key: value"` : first, ...nonEmpty(error, lineOf) };
}

const AFTER_QUOTE = "Unexpected text after the value's closing quote: inside single quotes write a quote twice (it''s), or use double quotes";

/** `author rbowen` (no colon) or `title:Hello` (no space after the colon). */
function missingColon(line: { start: number; end: number; text: string }): SyntaxProblem {
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
  return { message: `"${line.text.trim()}" is not a "key: value" line: the colon after the key is missing`, start: line.start, end: line.end };
}

function nonEmpty(error: { start: number; end: number }, lineOf: (o: number) => { start: number; end: number }): { start: number; end: number } {
  if (error.end > error.start) return { start: error.start, end: Math.min(error.end, lineOf(error.start).end) || error.end };
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

type LineOf = (offset: number) => { start: number; end: number; text: string };

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
  const rest = text.slice(lineStart, fence < 0 ? undefined : fence).split(/\r?\n|\r/).slice(1);
  const sibling = rest.find((l) => /^ +\S/.test(l) && /^ */.exec(l)![0].length > indent.length);
  return sibling ? /^ */.exec(sibling)![0] : `${indent.replace(/\t/g, '  ')}  `;
}
