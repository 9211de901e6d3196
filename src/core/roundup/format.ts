/**
 * The formatter: entries -> markdown blocks with the settings' template, and where a block goes
 * in a document.
 */
import { sortOldestFirst } from '../feeds/filter';
import type { FeedEntry } from '../feeds/types';
import { frontMatterEnd } from '../frontmatter/locate';
import { findRoundupBlocks, isBlank, type Line, lineIndexAt, splitLines } from './blocks';
import { collapseWhitespace } from '../html/text';
import { DEFAULT_SETTINGS } from '../settings';
import { excerptFromHtml } from './excerpt';
import { normalizeLink } from './links';
import { BLOCK_WITH_SHORT_LINK, BUILTIN_TEMPLATES, type ParsedTemplate, parseTemplate, renderTemplate, resolveTemplate, type TemplateValues } from './template';

/**
 * The formatter's settings (`roundup.templates`, `roundup.defaultTemplate`, `roundup.authors`,
 * `roundup.excerpt.maxLength`): draft.ts formatterSettings maps the `roundup.*` settings to them.
 */
export interface FormatterSettings {
  /** Named user templates; a name also used by a built-in (`block`, `link`) replaces it. */
  templates: Record<string, string>;
  /** Template used when none is named. */
  defaultTemplate: string;
  /** Feed author name -> display name (`rbowen` -> `Rich Bowen`); exact match first, then ignoring case. */
  authors: Record<string, string>;
  /** Excerpt length limit in characters; 0 means no limit. */
  excerptMaxLength: number;
  /** The built-in `block` template puts the short link on its read-more line (`roundup.readMoreShortLink`). */
  readMoreShortLink?: boolean;
}

/** Fills missing or unusable settings with the defaults of the `roundup.*` settings (DEFAULT_SETTINGS). */
export function withDefaults(settings: Partial<FormatterSettings> = {}): FormatterSettings {
  const max = settings.excerptMaxLength;
  return {
    templates: settings.templates ?? { ...DEFAULT_SETTINGS.templates },
    defaultTemplate: settings.defaultTemplate?.trim() || DEFAULT_SETTINGS.defaultTemplate,
    authors: settings.authors ?? { ...DEFAULT_SETTINGS.authors },
    excerptMaxLength: typeof max === 'number' && Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_SETTINGS.excerpt.maxLength,
    readMoreShortLink: settings.readMoreShortLink ?? false,
  };
}

export type FormatWarningCode = 'unsafe-link' | 'missing-link' | 'missing-title';

export interface FormatWarning {
  code: FormatWarningCode;
  /** `FeedEntry.id` of the entry concerned. */
  entryId: string;
  message: string;
}

export interface FormatResult {
  /** The blocks, without a leading or trailing line break. */
  text: string;
  warnings: FormatWarning[];
}

export interface FormatOptions {
  /** Name of the template to use (default: `settings.defaultTemplate`). */
  template?: string;
  /** Template text to use instead of a named one (e.g. the CLI's `--template FILE`, read by the caller). */
  templateText?: string;
  /** Keep the entries in the order given instead of oldest first (the shortlist in the order starred). */
  keepOrder?: boolean;
  /** Short links by the normalized long link (links.ts normalizeLink), for `{shortlink}`. */
  shortLinks?: ReadonlyMap<string, string>;
}

/** Title shown for an entry without one. */
export const UNTITLED = '(untitled)';

/** The display name of a feed author according to `authors`. */
export function displayAuthor(author: string, authors: Readonly<Record<string, string>>): string {
  if (!author) return author;
  if (Object.prototype.hasOwnProperty.call(authors, author)) return authors[author];
  const lower = author.toLowerCase();
  for (const [name, display] of Object.entries(authors)) if (name.toLowerCase() === lower) return display;
  return author;
}

/** The raw template values of an entry: its text fields on one line (the feed parser made them text already), the author mapped, the excerpt cut. */
export function entryValues(entry: FeedEntry, settings: FormatterSettings): TemplateValues {
  return {
    title: collapseWhitespace(entry.title) || UNTITLED,
    author: displayAuthor(collapseWhitespace(entry.author), settings.authors),
    excerpt: excerptFromHtml(entry.summaryHtml, settings.excerptMaxLength),
    link: entry.link.trim(),
    feed: collapseWhitespace(entry.feed),
    published: entry.published,
  };
}

/** The parsed template for the options and settings; throws TemplateError (unknown name, invalid text). */
export function templateFor(settings: FormatterSettings, options: FormatOptions = {}): ParsedTemplate {
  const text = options.templateText ?? resolveTemplate(options.template ?? settings.defaultTemplate, settings.templates);
  return parseTemplate(settings.readMoreShortLink && text === BUILTIN_TEMPLATES.block ? BLOCK_WITH_SHORT_LINK : text);
}

function describe(values: TemplateValues): string {
  const feed = values.feed ? ` (${values.feed})` : '';
  return `"${values.title}"${feed}`;
}

function formatOne(entry: FeedEntry, template: ParsedTemplate, settings: FormatterSettings, warnings: FormatWarning[], shortLinks?: ReadonlyMap<string, string>): string {
  const values = entryValues(entry, settings);
  if (shortLinks && values.link) values.shortlink = shortLinks.get(normalizeLink(values.link));
  const rendered = renderTemplate(template, values);
  if (template.placeholders.has('title') && !collapseWhitespace(entry.title)) {
    warnings.push({ code: 'missing-title', entryId: entry.id, message: `An entry of ${values.feed || 'a feed'} has no title; shown as "${UNTITLED}".` });
  }
  if (template.placeholders.has('link') && !values.link) {
    warnings.push({ code: 'missing-link', entryId: entry.id, message: `Entry ${describe(values)} has no link.` });
  }
  for (const url of new Set(rendered.unsafeUrls)) {
    warnings.push({
      code: 'unsafe-link',
      entryId: entry.id,
      message: `Entry ${describe(values)}: "${url}" is not an http(s) link; inserted as plain text.`,
    });
  }
  return rendered.text;
}

const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])[ \t]/;

/** True for a block that is a single list-item line (the `link` template). */
export function isListItemBlock(block: string): boolean {
  return LIST_ITEM.test(block) && !block.includes('\n');
}

/**
 * Entries as blocks, oldest first (see {@link sortOldestFirst}; in the given order with `keepOrder`), separated by exactly one blank line;
 * consecutive one-line list items (the `link` template) are joined by a line break instead, so they
 * form one tight list like the model post's introduction. Blocks that render empty are skipped.
 * Throws TemplateError for an unknown template name or an invalid template.
 */
export function formatEntries(entries: readonly FeedEntry[], settings: Partial<FormatterSettings> = {}, options: FormatOptions = {}): FormatResult {
  const full = withDefaults(settings);
  const template = templateFor(full, options);
  const warnings: FormatWarning[] = [];
  let text = '';
  let previous = '';
  for (const entry of options.keepOrder ? entries : sortOldestFirst(entries)) {
    const block = formatOne(entry, template, full, warnings, options.shortLinks);
    if (!block) continue;
    if (text) text += isListItemBlock(previous) && isListItemBlock(block) ? '\n' : '\n\n';
    text += block;
    previous = block;
  }
  return { text, warnings };
}

/* ------------------------------------------------------------------------------------------------
 * Insertion
 * --------------------------------------------------------------------------------------------- */

/** One replacement in the document: replace [start, end) with text. */
export interface InsertionEdit {
  start: number;
  end: number;
  text: string;
  /** Where the block itself lies in the document after the edit. */
  blockStart: number;
  blockEnd: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Line ranges [first, last] of fenced code blocks (an unclosed fence runs to the end). */
function fences(lines: readonly Line[], from: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = from; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i].text);
    if (!open || (open[1][0] === '`' && lines[i].text.slice(open[0].length).includes('`'))) continue;
    const marker = open[1];
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j].text)) j++;
    found.push([i, Math.min(j, lines.length - 1)]);
    i = j;
  }
  return found;
}

function lineBreakOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

/**
 * Where and how to insert `blockText` so the markdown around it stays intact, for a cursor at `offset`:
 *
 * - A cursor in the front matter moves to the start of the body.
 * - The block never splits a unit: a paragraph (a run of non-blank lines), a fenced code block, a
 *   roundup block. A cursor at the start of a unit's first line (only whitespace before it on the
 *   line) inserts before the unit; anywhere else in a unit, after it. On a blank line, there.
 * - Exactly one blank line separates the block from the content before it (the front matter counts)
 *   and after it: the blank lines between them are replaced. At the start of a document without front
 *   matter nothing precedes the block; at the end, it ends with one line break.
 * - A one-line list item (the `link` template) with the cursor on a list item line goes on its own
 *   line right after that line (at its start: right before it), so the list stays one list.
 * - The document's line break style (the first one found) is used for the padding and inside the block.
 */
export function padForInsertion(documentText: string, offset: number, blockText: string): InsertionEdit {
  const doc = documentText;
  const eol = lineBreakOf(doc);
  const block = blockText.replace(/^(?:[ \t]*(?:\r\n|\n|\r))+|(?:(?:\r\n|\n|\r)[ \t]*)+$/g, '').replace(/\r\n|\n|\r/g, eol);
  let at = Math.max(0, Math.min(doc.length, Math.floor(offset)));
  if (block.trim() === '') return { start: at, end: at, text: '', blockStart: at, blockEnd: at };

  const bodyStart = frontMatterEnd(doc);
  const lines = splitLines(doc);
  const hasFrontMatter = bodyStart > 0;
  // First line of the body: the line starting at bodyStart (or the last line when the front matter closes at EOF without a break).
  let firstBody = lineIndexAt(lines, bodyStart);
  if (hasFrontMatter && lines[firstBody].start < bodyStart) firstBody = lines.length; // front matter ends the document
  if (at < bodyStart) at = bodyStart;
  const L = lineIndexAt(lines, at);

  const edit = (start: number, end: number, before: string, after: string): InsertionEdit => {
    const text = before + block + after;
    return { start, end, text, blockStart: start + before.length, blockEnd: start + before.length + block.length };
  };

  const fenceRanges = L >= firstBody && L < lines.length ? fences(lines, firstBody) : [];
  const inFence = fenceRanges.some(([a, b]) => a <= L && L <= b);

  // A link list item into a list.
  if (isListItemBlock(block) && !inFence && L >= firstBody && L < lines.length && /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(lines[L].text)) {
    const line = lines[L];
    if (doc.slice(line.start, at).trim() === '') return edit(line.start, line.start, '', eol);
    return edit(line.end, line.end, eol, '');
  }

  // Units around the cursor line.
  let first = L;
  let last = L;
  let onBlank = L >= lines.length || L < firstBody || isBlank(lines[L].text);
  if (L >= firstBody && L < lines.length) {
    const blocks = findRoundupBlocks(doc, lines).map((b): [number, number] => [b.firstLine, b.lastLine]);
    const units = [...blocks, ...fenceRanges];
    let changed = true;
    while (changed) {
      changed = false;
      for (const [a, b] of units) {
        if (a <= last && b >= first && (a < first || b > last)) {
          first = Math.min(first, a);
          last = Math.max(last, b);
          changed = true;
        }
      }
      if (first !== last || !onBlank) {
        while (first - 1 >= firstBody && !isBlank(lines[first - 1].text)) {
          first--;
          changed = true;
        }
        while (last + 1 < lines.length && !isBlank(lines[last + 1].text)) {
          last++;
          changed = true;
        }
      }
      if (first !== L || last !== L) onBlank = false;
    }
  }

  let prev: number; // index of the last content line before the block, or -1
  let next: number; // index of the first content line after the block, or lines.length
  const contentBefore = (from: number): number => {
    let k = from;
    while (k >= firstBody && isBlank(lines[k].text)) k--;
    if (k >= firstBody) return k;
    return hasFrontMatter ? firstBody - 1 : -1;
  };
  const contentAfter = (from: number): number => {
    let k = from;
    while (k < lines.length && isBlank(lines[k].text)) k++;
    return k;
  };
  if (firstBody >= lines.length) {
    // The front matter ends the document without a line break.
    prev = lines.length - 1;
    next = lines.length;
  } else if (onBlank) {
    prev = contentBefore(L);
    next = contentAfter(L);
  } else if (L === first && doc.slice(lines[L].start, at).trim() === '') {
    prev = contentBefore(first - 1);
    next = first;
  } else {
    prev = last;
    next = contentAfter(last + 1);
  }

  const start = prev >= 0 ? Math.min(lines[prev].end, doc.length) : 0;
  const end = next < lines.length ? lines[next].start : doc.length;
  return edit(start, end, prev >= 0 ? eol + eol : '', next < lines.length ? eol + eol : eol);
}
