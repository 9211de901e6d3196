/**
 * An entry's HTML as markdown to read (Read entry, see reader.ts): nothing of it stays HTML, and no
 * image is fetched.
 *
 * - Paragraphs and other blocks are separated by one blank line; `<br>` is a hard line break (a line
 *   ending in `\`). Headings become `#` lines, lists `-` / `1.` items (nested ones indented under their
 *   item), blockquotes `> ` lines, `<pre>` a fenced code block (its language from a `language-*` class),
 *   `<hr>` a `---` line, tables GFM tables (the first row the header).
 * - Inline: `**strong**`, `*emphasis*`, `~~deleted~~`, code spans, links `[text](url)` with relative
 *   URLs resolved against the entry's link (html/urls.ts). Only http(s) URLs become links; others leave
 *   their text.
 * - An image becomes a link to it, `[Image: alt](src)` (never `![...]`, which a preview would load);
 *   without an http(s) source, its alt text. `iframe`, `video`, `audio` and `embed` become a link to
 *   their source. Scripts, styles and the like are dropped (html/tree.ts); so are share bars, captions,
 *   "read more" links and feed flare (by class or id, as for excerpts: excerpt.ts).
 * - Text is escaped as every excerpt is (escape.ts), so the markdown shows the text as written.
 */
import { encodeUrl, isSafeUrl } from '../base/urls';
import { type HtmlElement, type HtmlNode, parseHtmlTree, textContent } from '../html/tree';
import { resolveHtmlUrls } from '../html/urls';
import { escapeInline, escapeLineStart } from './escape';
import { NOT_TEXT_CLASS } from './excerpt';

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LISTS = new Set(['ul', 'ol', 'menu']);
const CODE = new Set(['code', 'kbd', 'samp', 'tt']);
const STRONG = new Set(['strong', 'b']);
const EMPHASIS = new Set(['em', 'i', 'cite', 'dfn', 'var']);
const DELETED = new Set(['del', 's', 'strike']);
const MEDIA: Record<string, string> = {
  iframe: 'Embedded content',
  video: 'Video',
  audio: 'Audio',
  embed: 'Embedded content',
};
/** Elements that start blocks: everything else is inline. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'tfoot', 'thead', 'tr', 'ul',
]);

const BLOCK_OR_BR = new RegExp(`<(?:br|${[...BLOCKS].join('|')})\\b`, 'i');

/** A block: its lines, without the blank lines around it. */
type Block = string[];

const SPACES = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u00ad\ufeff\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

function isNotText(node: HtmlElement): boolean {
  return NOT_TEXT_CLASS.test(node.attrs.class ?? '') || NOT_TEXT_CLASS.test(node.attrs.id ?? '');
}

function isBlock(node: HtmlNode): boolean {
  return typeof node !== 'string' && BLOCKS.has(node.name);
}

/** A code span around `text`: a backtick run longer than any inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** `**x**` around the text, with its spaces outside the markers (`** x **` would not be strong). */
function wrap(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  if (!m || !m[2]) return text;
  return `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

function link(text: string, url: string): string {
  const label = text.trim() || escapeInline(url.trim());
  return isSafeUrl(url) ? `[${label}](${encodeUrl(url)})` : label;
}

/** The inline markdown of nodes; `\n` stands for a hard line break. `inLink`: no nested links. */
function inline(nodes: readonly HtmlNode[], inLink = false): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeInline(node.replace(INVISIBLE, '').replace(SPACES, ' '));
      continue;
    }
    if (!isNotText(node)) out += inlineElement(node, inLink);
  }
  return out;
}

function inlineElement(node: HtmlElement, inLink: boolean): string {
  const { name, attrs } = node;
  if (name === 'br') return '\n';
  if (name === 'img') {
    const alt = escapeInline((attrs.alt ?? '').replace(SPACES, ' ').trim());
    if (inLink || !isSafeUrl(attrs.src ?? '')) return alt;
    return link(alt ? `Image: ${alt}` : 'Image', attrs.src);
  }
  if (name in MEDIA) {
    const src = attrs.src ?? textContent(node).trim();
    return inLink || !isSafeUrl(src) ? '' : link(MEDIA[name], src);
  }
  if (CODE.has(name)) {
    const text = textContent(node).replace(SPACES, ' ');
    return text.trim() ? codeSpan(text) : text;
  }
  const inner = inline(node.children, inLink || name === 'a');
  if (name === 'a') return inLink || !attrs.href ? inner : link(inner, attrs.href);
  if (STRONG.has(name)) return wrap(inner, '**');
  if (EMPHASIS.has(name)) return wrap(inner, '*');
  if (DELETED.has(name)) return wrap(inner, '~~');
  if (name === 'td' || name === 'th') return ` ${inner} `;
  return BLOCKS.has(name) ? `\n${inner}\n` : inner;
}

/** Inline markdown as a paragraph: one line per hard break, each escaped at its start, ending in `\` but the last. */
function paragraph(markdown: string): Block {
  const lines = markdown
    .split('\n')
    .map((line) => escapeLineStart(line.trim()))
    .filter((line) => line !== '');
  return lines.map((line, i) => (i < lines.length - 1 ? line + '\\' : line));
}

/** The blocks of a container: runs of inline nodes are paragraphs, block children their own blocks. */
function blocksOf(nodes: readonly HtmlNode[]): Block[] {
  const blocks: Block[] = [];
  let run: HtmlNode[] = [];
  const flush = (): void => {
    const lines = paragraph(inline(run));
    if (lines.length > 0) blocks.push(lines);
    run = [];
  };
  for (const node of nodes) {
    if (!isBlock(node)) {
      run.push(node);
      continue;
    }
    flush();
    if (!isNotText(node as HtmlElement)) blocks.push(...blockOf(node as HtmlElement));
  }
  flush();
  return blocks;
}

function blockOf(node: HtmlElement): Block[] {
  const { name } = node;
  if (HEADINGS.has(name)) {
    const text = inline(node.children).replace(/\s+/g, ' ').trim().replace(/#+$/, (hashes) => '\\' + hashes);
    return text ? [['#'.repeat(Number(name[1])) + ' ' + text]] : [];
  }
  if (LISTS.has(name)) return listBlocks(node);
  if (name === 'blockquote') return quoteBlocks(node);
  if (name === 'pre') return [codeBlock(node)];
  if (name === 'hr') return [['---']];
  if (name === 'table') return tableBlocks(node);
  return blocksOf(node.children);
}

/** Blocks joined into lines, one blank line between blocks. */
function joinBlocks(blocks: readonly Block[], blank = ''): string[] {
  const lines: string[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) lines.push(blank);
    lines.push(...block);
  });
  return lines;
}

/** A block made by {@link listBlocks} (a paragraph never starts so: its `-` or `1.` would be escaped). */
function isListBlock(block: Block): boolean {
  return /^(?:- |\d+\. )/.test(block[0] ?? '');
}

function listBlocks(list: HtmlElement): Block[] {
  const ordered = list.name === 'ol';
  let number = Math.max(0, Number.parseInt(list.attrs.start ?? '1', 10) || 1);
  const items: Block[][] = [];
  let loose: HtmlNode[] = [];
  const flushLoose = (): void => {
    if (loose.some((n) => typeof n !== 'string' || n.trim())) items.push(blocksOf(loose));
    loose = [];
  };
  for (const child of list.children) {
    if (typeof child !== 'string' && child.name === 'li') {
      flushLoose();
      items.push(blocksOf(child.children));
    } else {
      loose.push(child);
    }
  }
  flushLoose();
  // A tight list: no item holds more than one block besides its nested lists.
  const tight = items.every((blocks) => blocks.filter((b) => !isListBlock(b)).length <= 1);
  const lines: string[] = [];
  for (const blocks of items) {
    const marker = ordered ? `${number++}. ` : '- ';
    const indent = ' '.repeat(marker.length);
    if (!tight && lines.length > 0) lines.push('');
    const body = tight ? blocks.flat() : joinBlocks(blocks);
    if (body.length === 0) body.push('');
    body.forEach((line, i) => lines.push(i === 0 ? (marker + line).trimEnd() : line ? indent + line : ''));
  }
  return lines.length > 0 ? [lines] : [];
}

function quoteBlocks(quote: HtmlElement): Block[] {
  const lines = joinBlocks(blocksOf(quote.children));
  return lines.length > 0 ? [lines.map((line) => (line ? '> ' + line : '>'))] : [];
}

function codeBlock(pre: HtmlElement): Block {
  const text = textContent(pre).replace(/\r\n?/g, '\n').replace(/^\n/, '').replace(/\s+$/, '');
  const longest = Math.max(0, ...(text.match(/^`{3,}/gm) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const codeChild = pre.children.find((c): c is HtmlElement => typeof c !== 'string' && c.name === 'code');
  const classes = `${pre.attrs.class ?? ''} ${codeChild?.attrs.class ?? ''}`;
  const language = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(classes)?.[1] ?? '';
  return [fence + language, ...(text ? text.split('\n') : []), fence];
}

/** The rows of a table (in its thead, tbody, tfoot or directly in it), each its cells' inline markdown. */
function tableRows(node: HtmlElement, rows: string[][] = []): string[][] {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'tr') {
      const cells = child.children.filter(
        (c): c is HtmlElement => typeof c !== 'string' && (c.name === 'td' || c.name === 'th'),
      );
      rows.push(cells.map((cell) => inline(cell.children).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')));
    } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      tableRows(child, rows);
    }
  }
  return rows;
}

function tableBlocks(table: HtmlElement): Block[] {
  const caption = table.children.find((c): c is HtmlElement => typeof c !== 'string' && c.name === 'caption');
  const blocks = caption ? blocksOf(caption.children) : [];
  const rows = tableRows(table).filter((row) => row.length > 0);
  if (rows.length === 0) return blocks;
  const width = Math.max(...rows.map((row) => row.length));
  const line = (cells: string[]): string =>
    '| ' + Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ') + ' |';
  blocks.push([line(rows[0]), line(Array.from({ length: width }, () => '---')), ...rows.slice(1).map(line)]);
  return blocks;
}

/**
 * The markdown of an entry's HTML: relative URLs resolved against `base` (the entry's link), blocks
 * separated by one blank line, no line break at either end. '' when the HTML has no text.
 */
export function htmlToMarkdown(html: string, base?: string): string {
  if (!html.trim()) return '';
  // Plain text (no block element, no `<br>`): its blank lines are paragraph breaks.
  const source = BLOCK_OR_BR.test(html) ? html : html.split(/\r?\n[ \t\r\f\v]*\n/).map((part) => `<p>${part}</p>`).join('');
  const tree = parseHtmlTree(resolveHtmlUrls(source, base));
  return joinBlocks(blocksOf(tree.children)).join('\n');
}
