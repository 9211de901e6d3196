/**
 * Writing a whole front matter block in YAML (`---`), TOML (`+++`) or JSON, each value in the style it is
 * given (quotes, list style, date style): the front matter of new posts.
 */
import { formatDate, type DateStyle } from './dates';
import type { FrontMatterFormat } from './locate';
import { yamlQuoted, yamlString } from './scalar';
import type { ListStyle, Quote } from './style';
import { tomlLiteral, tomlQuoted } from './toml';

/** A value to write. */
export type Value =
  /** Text; '' leaves the key without a value in YAML (`""` in TOML and JSON). */
  | { text: string; quote?: Quote }
  | { time: Date; style: DateStyle; quoted?: boolean }
  | { boolean: boolean }
  | { items: readonly string[]; list?: ListStyle; quote?: Quote }
  /** A value as the blog writes it, copied as it is (in the block's own format). */
  | { raw: string }
  | { table: readonly Entry[] };

export type Entry = readonly [key: string, value: Value];

/** The date styles that are TOML dates as they are. */
const TOML_DATES: ReadonlySet<DateStyle> = new Set(['YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DDTHH:MM:SSZ']);

/** A YAML flow list item must not hold what ends or nests an item. */
const FLOW_SPECIAL = /[,[\]{}]/;

function yamlText(text: string, quote: Quote = 'plain'): string {
  if (quote === 'plain') return yamlString(text);
  return yamlQuoted(text, quote);
}

function yamlItem(item: string, quote: Quote | undefined): string {
  const written = yamlText(item, quote);
  return written === item && FLOW_SPECIAL.test(item) ? yamlQuoted(item) : written;
}

function yamlEntry(key: string, value: Value, indent: string): string[] {
  const head = `${indent}${key}:`;
  if ('text' in value) return [value.text === '' ? head : `${head} ${yamlText(value.text, value.quote)}`];
  if ('time' in value) {
    const date = formatDate(value.time, value.style);
    return [`${head} ${value.quoted ? yamlQuoted(date) : date}`];
  }
  if ('boolean' in value) return [`${head} ${String(value.boolean)}`];
  if ('raw' in value) return [`${head} ${value.raw}`];
  if ('table' in value) return [head, ...value.table.flatMap(([k, v]) => yamlEntry(k, v, `${indent}  `))];
  const { items, list = 'text', quote } = value;
  if (items.length === 0) return [list === 'flow' ? `${head} []` : head];
  if (list === 'block') return [head, ...items.map((item) => `${indent}  - ${yamlText(item, quote)}`)];
  if (list === 'flow') return [`${head} [${items.map((item) => yamlItem(item, quote)).join(', ')}]`];
  return [`${head} ${yamlText(items.map((item) => item.replace(/,/g, ' ')).join(', '), quote)}`];
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlQuoted(key);
}

function tomlText(text: string, quote: Quote | undefined): string {
  return quote === "'" ? tomlLiteral(text) : tomlQuoted(text);
}

function tomlValue(value: Exclude<Value, { table: readonly Entry[] }>): string {
  if ('text' in value) return tomlText(value.text, value.quote);
  if ('time' in value) {
    const date = formatDate(value.time, TOML_DATES.has(value.style) ? value.style : 'YYYY-MM-DDTHH:MM:SSZ');
    return value.quoted ? tomlQuoted(formatDate(value.time, value.style)) : date;
  }
  if ('boolean' in value) return String(value.boolean);
  if ('raw' in value) return value.raw;
  return `[${value.items.map((item) => tomlText(item, value.quote)).join(', ')}]`;
}

function jsonValue(value: Value, indent: string): string {
  if ('text' in value) return JSON.stringify(value.text);
  if ('time' in value) return JSON.stringify(formatDate(value.time, value.style));
  if ('boolean' in value) return String(value.boolean);
  if ('raw' in value) return value.raw;
  if ('items' in value) return `[${value.items.map((item) => JSON.stringify(item)).join(', ')}]`;
  return jsonObject(value.table, indent);
}

function jsonObject(entries: readonly Entry[], indent: string): string {
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  const members = entries.map(([key, value]) => `${inner}${JSON.stringify(key)}: ${jsonValue(value, inner)}`);
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/** A front matter block with its fences (or braces), ending with a line break. */
export function writeFrontMatter(format: FrontMatterFormat, entries: readonly Entry[]): string {
  if (format === 'json') return `${jsonObject(entries, '')}\n`;
  if (format === 'yaml') return ['---', ...entries.flatMap(([k, v]) => yamlEntry(k, v, '')), '---', ''].join('\n');
  // TOML: the tables after every top-level key, each under its header.
  const lines = ['+++'];
  const tables: [string, readonly Entry[]][] = [];
  for (const [key, value] of entries) {
    if ('table' in value) tables.push([key, value.table]);
    else lines.push(`${tomlKey(key)} = ${tomlValue(value)}`);
  }
  for (const [key, table] of tables) {
    lines.push('', `[${tomlKey(key)}]`);
    for (const [k, v] of table) if (!('table' in v)) lines.push(`${tomlKey(k)} = ${tomlValue(v)}`);
  }
  lines.push('+++', '');
  return lines.join('\n');
}
