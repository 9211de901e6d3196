/**
 * Templates for roundup blocks.
 *
 * Syntax:
 * - Placeholders: `{title}`, `{author}`, `{excerpt}`, `{link}`, `{shortlink}` (the link's short link when
 *   one is known, else the link), `{feed}`, `{date}` (YYYY-MM-DD) and
 *   `{date:FORMAT}`. FORMAT tokens (UTC): `YYYY` year, `MM` month 01-12, `MMM` Jan, `MMMM` January,
 *   `DD` day 01-31, `HH` hour 00-23, `mm` minutes, `ss` seconds; any other character is kept as is.
 * - Optional segments: `[[ ... ]]` is left out when a placeholder directly inside it is empty
 *   (`**{title}**[[ by {author}]]`). Segments nest; a segment without placeholders is always kept.
 * - `{{` and `}}` are a literal `{` and `}`. Any other `{` must start a known placeholder.
 * - After rendering, whitespace-only lines count as empty, runs of empty lines become one, and
 *   empty lines at the start and end are removed, so a dropped segment leaves no gap.
 *
 * Each value is escaped for where it lands (see escape.ts): in a link destination (`](` before it, or
 * `<{link}>`, an autolink) it must be an http(s) URL and is percent-encoded; otherwise the link around it
 * is turned into its plain text. Elsewhere it is escaped as text; at the start of a block (line start,
 * after `> `, after a list marker) the start-of-line rules apply too. A multi-line value continues
 * each line with the quote prefix it started after (`> `), or the list item's indentation.
 */
import { formatUtc } from '../base/utc';
import { publishedTime } from '../feeds/filter';
import { lineTexts } from '../base/lines';
import { encodeUrl, isSafeUrl } from '../base/urls';
import { escapeInline, escapeLineStart } from './escape';

export const PLACEHOLDERS = ['title', 'author', 'excerpt', 'link', 'shortlink', 'feed', 'date'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/** The placeholders as a template writes them: `{title}, {author}, ...`. */
function knownPlaceholders(): string {
  return PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
}

/** The built-in templates; a user template of the same name replaces one. */
export const BUILTIN_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({
  block: '**{title}**[[ by {author}]]\n\n[[> {excerpt}]]\n\n[[... read more at [{link}]({link})]]',
  link: '* [{title}]({link})',
});

/** The built-in block with its read-more line on the short link (`roundup.readMoreShortLink`). */
export const BLOCK_WITH_SHORT_LINK = BUILTIN_TEMPLATES.block.replace(
  '... read more at [{link}]({link})',
  '... read more at [{shortlink}]({shortlink})',
);

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: PlaceholderName; format: string | undefined }
  | { kind: 'optional'; children: Node[] };

export interface ParsedTemplate {
  readonly source: string;
  readonly nodes: readonly Node[];
  /** Every placeholder name the template uses. */
  readonly placeholders: ReadonlySet<PlaceholderName>;
}

/** Raw (unescaped) values for one entry. `published` is an ISO time or ''. */
export interface TemplateValues {
  title: string;
  author: string;
  excerpt: string;
  link: string;
  /** The link's short link; absent or '' = the link itself. */
  shortlink?: string;
  feed: string;
  published: string;
}

export interface RenderResult {
  text: string;
  /** Non-empty values that stood where a URL goes but are not http(s): inserted as plain text. */
  unsafeUrls: string[];
}

const PLACEHOLDER_AT = /\{([A-Za-z_][\w-]*)(?::([^{}]*))?\}/y;

function parseNodes(source: string): { nodes: Node[]; errors: string[]; placeholders: Set<PlaceholderName> } {
  const errors: string[] = [];
  const placeholders = new Set<PlaceholderName>();
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let text = '';
  const flush = (): void => {
    if (text) stack[stack.length - 1].push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const two = source.slice(i, i + 2);
    if (two === '{{' || two === '}}') {
      text += c;
      i += 2;
    } else if (two === '[[') {
      flush();
      const segment: Node = { kind: 'optional', children: [] };
      stack[stack.length - 1].push(segment);
      stack.push(segment.children);
      i += 2;
    } else if (two === ']]' && stack.length > 1) {
      flush();
      stack.pop();
      i += 2;
    } else if (c === '{') {
      PLACEHOLDER_AT.lastIndex = i;
      const m = PLACEHOLDER_AT.exec(source);
      if (!m) {
        const end = source.indexOf('}', i);
        errors.push(
          end < 0 || source.slice(i + 1, end).includes('{')
            ? `"{" at offset ${i} starts no placeholder; write "{{" for a literal brace`
            : `unknown placeholder "${source.slice(i, end + 1)}"; known: ${knownPlaceholders()}`,
        );
        text += c;
        i += 1;
        continue;
      }
      const [whole, name, format] = m;
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        errors.push(`unknown placeholder "${whole}"; known: ${knownPlaceholders()}, {date:FORMAT}`);
      } else if (format !== undefined && name !== 'date') {
        errors.push(`placeholder "${whole}" takes no format (only {date:FORMAT} does)`);
      } else if (format !== undefined && format.trim() === '') {
        errors.push(`placeholder "${whole}" has an empty format`);
      } else {
        flush();
        placeholders.add(name as PlaceholderName);
        stack[stack.length - 1].push({ kind: 'field', name: name as PlaceholderName, format });
      }
      i += whole.length;
    } else {
      text += c;
      i += 1;
    }
  }
  flush();
  if (stack.length > 1) errors.push(`"[[" without a closing "]]"`);
  return { nodes: root, errors, placeholders };
}

/** Problems of a template text, each a message naming the culprit; [] when it is valid. */
export function validateTemplate(source: string): string[] {
  return parseNodes(source).errors;
}

/** Parses a template; throws a {@link TemplateError} listing every problem. */
export function parseTemplate(source: string): ParsedTemplate {
  const { nodes, errors, placeholders } = parseNodes(source);
  if (errors.length > 0) throw new TemplateError(`Invalid template: ${errors.join('; ')}`);
  return { source, nodes, placeholders };
}

/** Names of all templates: built-ins first, then the user's, without duplicates. */
export function templateNames(userTemplates: Readonly<Record<string, string>> = {}): string[] {
  return [...new Set([...Object.keys(BUILTIN_TEMPLATES), ...Object.keys(userTemplates)])];
}

/**
 * The text of a named template: the user's templates first, then the built-ins.
 * Throws a {@link TemplateError} naming the known templates when there is no such template.
 */
export function resolveTemplate(name: string, userTemplates: Readonly<Record<string, string>> = {}): string {
  const own = Object.prototype.hasOwnProperty.call(userTemplates, name) ? userTemplates[name] : undefined;
  if (typeof own === 'string') return own;
  if (Object.prototype.hasOwnProperty.call(BUILTIN_TEMPLATES, name)) return BUILTIN_TEMPLATES[name];
  throw new TemplateError(`Unknown template "${name}". Known templates: ${templateNames(userTemplates).join(', ')}.`);
}

function rawValue(node: { name: PlaceholderName; format: string | undefined }, values: TemplateValues): string {
  if (node.name === 'shortlink') return values.shortlink || values.link;
  if (node.name !== 'date') return values[node.name] ?? '';
  const time = publishedTime(values);
  if (Number.isNaN(time)) return '';
  return formatUtc(new Date(time), node.format ?? 'YYYY-MM-DD');
}

/** A line prefix after which a value starts a block: quote markers, list markers, indentation. */
const BLOCK_START_PREFIX = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*$/;
const QUOTE_PREFIX = /^(?:[ \t]*>[ \t]?)+$/;

/** Index of the unescaped `[` that opens the link text ending just before `end` (exclusive), or -1. */
function openingBracket(out: string, end: number): number {
  let depth = 0;
  for (let k = end - 1; k >= 0; k--) {
    const c = out[k];
    if (c !== '[' && c !== ']') continue;
    let slashes = 0;
    for (let b = k - 1; b >= 0 && out[b] === '\\'; b--) slashes++;
    if (slashes % 2 === 1) continue;
    if (c === ']') depth++;
    else if (depth === 0) return k;
    else depth--;
  }
  return -1;
}

function isEmpty(value: string): boolean {
  return value.trim() === '';
}

type FieldNode = Extract<Node, { kind: 'field' }>;

/** The output of one rendering, written node by node, each value escaped for where it lands. */
class Renderer {
  out = '';
  readonly unsafeUrls: string[] = [];
  /** A character the template will write next that belongs to a link we turned into text. */
  private skipNext = '';

  constructor(private readonly values: TemplateValues) {}

  /** Writes the nodes: literal text, fields, optional segments. */
  nodes(nodes: readonly Node[]): void {
    for (const node of nodes) {
      if (node.kind === 'text') this.text(node.text);
      else if (node.kind === 'field') this.field(node);
      else this.optional(node.children);
    }
  }

  private text(text: string): void {
    this.out += this.skipNext && text.startsWith(this.skipNext) ? text.slice(1) : text;
    this.skipNext = '';
  }

  /** An optional segment `[[ ... ]]`: written only when each of its own fields has a value. */
  private optional(children: readonly Node[]): void {
    const direct = children.filter((c): c is FieldNode => c.kind === 'field');
    if (direct.every((f) => !isEmpty(rawValue(f, this.values)))) this.nodes(children);
  }

  private field(node: FieldNode): void {
    this.skipNext = '';
    let value = rawValue(node, this.values);
    const inLink = this.out.endsWith('](') || this.out.endsWith('<');
    if ((node.name === 'link' || node.name === 'shortlink') && isSafeUrl(value) && !inLink) value = encodeUrl(value);
    // Link destination `](` + value + `)`, or autolink `<{link}>`.
    const destination = this.out.endsWith('](');
    const isUrl = node.name === 'link' || node.name === 'shortlink';
    const autolink = !destination && isUrl && this.out.endsWith('<') && !this.out.endsWith('\\<');
    if (destination || autolink) this.link(value, destination);
    else this.value(value);
  }

  /** A URL where a link's destination goes: encoded when safe; else the link becomes its text. */
  private link(value: string, destination: boolean): void {
    if (isSafeUrl(value)) {
      this.out += encodeUrl(value);
      return;
    }
    if (!isEmpty(value)) this.unsafeUrls.push(value);
    if (destination) {
      const open = openingBracket(this.out, this.out.length - 2);
      const label = this.out.slice(open + 1, this.out.length - 2);
      this.out = open < 0 ? this.out.slice(0, -2) : this.out.slice(0, open) + label;
      this.skipNext = ')';
    } else {
      this.out = this.out.slice(0, -1);
      this.skipNext = '>';
      this.value(value);
    }
  }

  /**
   * A value as text: escaped; at the start of a block, its first line escaped as a block start; its
   * other lines continue the quote or the list item it is in.
   */
  private value(value: string): void {
    const line = this.out.slice(this.out.lastIndexOf('\n') + 1);
    const atBlockStart = BLOCK_START_PREFIX.test(line);
    const inQuote = QUOTE_PREFIX.test(line);
    const continuation = inQuote ? line : atBlockStart ? ' '.repeat(line.length) : '';
    lineTexts(value).forEach((raw, k) => {
      let escaped = escapeInline(raw.trim());
      if (k === 0) {
        this.out += atBlockStart ? escapeLineStart(escaped) : escaped;
        return;
      }
      escaped = escapeLineStart(escaped);
      if (escaped === '') {
        if (inQuote) this.out += '\n' + continuation.trimEnd();
        return;
      }
      this.out += '\n' + continuation + escaped;
    });
  }
}

/** Renders a template for one entry, escaping every value for its context. */
export function renderTemplate(template: ParsedTemplate | string, values: TemplateValues): RenderResult {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  const renderer = new Renderer(values);
  renderer.nodes(parsed.nodes);
  return { text: normalizeBlankLines(renderer.out), unsafeUrls: renderer.unsafeUrls };
}

/** Whitespace-only lines become empty, runs of empty lines become one, none at the start or end. */
export function normalizeBlankLines(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const blank = line.trim() === '';
    if (blank && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(blank ? '' : line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}
