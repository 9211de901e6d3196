/**
 * JSON front matter as Hugo reads it: an object at the very top of the file. jsonc-parser gives every
 * member's range; the JSON is strict (no comments, no trailing commas), as Go's reader wants it.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineEndOf, lineStartOf, nextLineStart } from '../base/lines';
import type { FrontMatterBlock } from './locate';
import { OffsetMap } from './offsets';
import type { FrontMatterSyntaxError, NestedDuplicate, ParsedFrontMatter, ParsedPair } from './parse';

export function parseJson(text: string, block: FrontMatterBlock): ParsedFrontMatter {
  const map = new OffsetMap(text.slice(block.contentStart, block.contentEnd), block.contentStart);
  const s = map.normalized;
  const at = (offset: number) => map.toDocument(Math.max(0, Math.min(s.length, offset)));
  const parseErrors: ParseError[] = [];
  const root = parseTree(s, parseErrors, { disallowComments: true, allowTrailingComma: false });
  const errors = parseErrors.map((e) => explainJsonError(s, e, at));
  if (!root || root.type !== 'object') return { errors, isMapping: true, pairs: [], nestedDuplicates: [], data: {} };
  const members = (root.children ?? []).filter((m) => m.children?.[0]?.type === 'string');
  const pairs = members.map((member, i) => pairOf(s, member, members[i - 1], members[i + 1], at));
  const nestedDuplicates: NestedDuplicate[] = [];
  for (const member of members) {
    findNestedDuplicates(member.children?.[1], [String(member.children![0]!.value)], s, at, nestedDuplicates, 0);
  }
  const data = (getNodeValue(root) ?? {}) as Record<string, unknown>;
  // New members go after the last one (or just inside the brace), indented like the first.
  const last = members[members.length - 1];
  const insertAt = at(last ? last.offset + last.length : root.offset + 1);
  const first = members[0];
  const indent = first ? /^[ \t]*/.exec(s.slice(lineStartOf(s, first.offset)))![0] : '  ';
  return { errors, isMapping: true, pairs, nestedDuplicates, data, insertAt, indent: indent || '  ' };
}

function pairOf(
  s: string,
  member: Node,
  before: Node | undefined,
  after: Node | undefined,
  at: (offset: number) => number,
): ParsedPair {
  const [keyNode, valueNode] = member.children!;
  const keyStart = keyNode!.offset;
  const keyEnd = keyStart + keyNode!.length;
  const valueStart = valueNode ? valueNode.offset : keyEnd;
  const valueEnd = valueNode ? valueNode.offset + valueNode.length : keyEnd;
  const lineStart = lineStartOf(s, keyStart);
  const lineEnd = nextLineStart(s, lineEndOf(s, Math.max(valueEnd - 1, keyStart)));
  // Removing a member takes its comma: the one after it, or for the last member the one before it.
  const ownLine = (node: Node) => lineStartOf(s, node.offset) !== lineStart;
  const remove = after
    ? ownLine(after)
      ? { start: lineStart, end: lineStartOf(s, after.offset) }
      : { start: member.offset, end: after.offset }
    : before
      ? { start: before.offset + before.length, end: valueEnd }
      : { start: member.offset, end: valueEnd };
  return {
    key: String(keyNode!.value),
    keyStart: at(keyStart),
    keyEnd: at(keyEnd),
    value: valueNode ? getNodeValue(valueNode) : undefined,
    valueStart: at(valueStart),
    valueEnd: at(valueEnd),
    lineStart: at(lineStart),
    lineEnd: at(lineEnd),
    node: null,
    items:
      valueNode?.type === 'array'
        ? (valueNode.children ?? []).map((item) => ({ start: at(item.offset), end: at(item.offset + item.length) }))
        : undefined,
    remove: { start: at(remove.start), end: at(remove.end) },
  };
}

function findNestedDuplicates(
  node: Node | undefined,
  path: string[],
  s: string,
  at: (offset: number) => number,
  found: NestedDuplicate[],
  depth: number,
): void {
  if (!node || depth > 50) return;
  if (node.type === 'array') {
    for (const item of node.children ?? []) findNestedDuplicates(item, path, s, at, found, depth + 1);
    return;
  }
  if (node.type !== 'object') return;
  const seen = new Set<string>();
  for (const member of node.children ?? []) {
    const key = member.children?.[0];
    if (key?.type !== 'string') continue;
    const name = String(key.value);
    if (seen.has(name)) found.push({ key: name, path, keyStart: at(key.offset), keyEnd: at(key.offset + key.length) });
    seen.add(name);
    findNestedDuplicates(member.children?.[1], [...path, name], s, at, found, depth + 1);
  }
}

/** What each error of jsonc-parser means, in plain words. */
const PLAIN: Record<string, string> = {
  InvalidSymbol: 'Not a JSON value: text must be in double quotes, true, false and null are lower case',
  InvalidNumberFormat: 'Not a JSON number',
  PropertyNameExpected: 'A key in double quotes is expected here (JSON allows no comma after the last member)',
  ValueExpected: 'A value is expected here (JSON allows no comma after the last item)',
  ColonExpected: 'A colon is missing between the key and its value',
  CommaExpected: 'A comma is missing before this member',
  CloseBraceExpected: 'The closing } is missing',
  CloseBracketExpected: 'The closing ] of the list is missing',
  EndOfFileExpected: 'Text after the end of the JSON front matter',
  InvalidCommentToken: 'JSON front matter allows no comments',
  UnexpectedEndOfComment: 'JSON front matter allows no comments',
  UnexpectedEndOfString: 'The string is never closed: add a " at the end of the value',
  UnexpectedEndOfNumber: 'The number is cut off',
  InvalidUnicode: 'A \\u escape needs four hexadecimal digits',
  InvalidEscapeCharacter: 'An unknown escape in a string: write \\\\ for a backslash',
  InvalidCharacter: 'A character a JSON string cannot hold as it is (a tab or a control character): escape it',
};

function explainJsonError(s: string, e: ParseError, at: (offset: number) => number): FrontMatterSyntaxError {
  const code = printParseErrorCode(e.error);
  let start = e.offset;
  let end = e.offset + Math.max(1, e.length);
  const error: FrontMatterSyntaxError = { code, message: PLAIN[code] ?? `JSON syntax error: ${code}`, start, end };
  if (code === 'UnexpectedEndOfString') {
    // The cause is the opening quote; the fix closes the string at the end of its line.
    const lineEnd = lineEndOf(s, e.offset);
    const text = s.slice(e.offset, lineEnd).replace(/[ \t]+$/, '');
    const trailing = /,$/.test(text) ? 1 : 0;
    end = e.offset + 1;
    const closeAt = e.offset + text.length - trailing;
    error.fix = { title: 'Add the closing "', start: at(closeAt), end: at(closeAt), text: '"' };
  } else if (code === 'CommaExpected' || code === 'CloseBraceExpected') {
    // Said where the comma belongs: after the value before it.
    let before = e.offset;
    while (before > 0 && /\s/.test(s[before - 1]!)) before--;
    if (before < e.offset && code === 'CommaExpected') {
      error.fix = { title: 'Add the comma', start: at(before), end: at(before), text: ',' };
      start = Math.max(0, before - 1);
      end = before;
    }
  } else if (code === 'InvalidSymbol') {
    // Bare text as a value (after a colon) runs to the comma at the line's end: `"author": Jane Doe,`.
    let before = e.offset;
    while (before > 0 && /[ \t]/.test(s[before - 1]!)) before--;
    const isValue = s[before - 1] === ':';
    const rest = s.slice(e.offset, lineEndOf(s, e.offset)).replace(/[ \t]*,?[ \t]*$/, '');
    const word = isValue && !rest.slice(0, -1).includes('"') ? rest : (/^[^\s,}\]"]+/.exec(rest)?.[0] ?? '');
    end = e.offset + Math.max(1, word.length);
    if (isValue && word.length > 1 && word.endsWith('"')) {
      // Only the opening quote is missing.
      error.message = 'The string has no opening quote: add a " before the value';
      error.fix = { title: 'Add the opening "', start: at(e.offset), end: at(e.offset), text: '"' };
    } else if (isValue && /^(?:true|false|null)$/i.test(word)) {
      const text = word.toLowerCase();
      error.fix = { title: `Change to ${text}`, start: at(e.offset), end: at(end), text };
    } else if (isValue && /^[A-Za-z]/.test(word) && !/["{}[\]]/.test(word)) {
      error.fix = { title: 'Quote the value', start: at(e.offset), end: at(end), text: JSON.stringify(word) };
    }
  }
  return { ...error, start: at(start), end: at(Math.max(end, start)) };
}
