/** The formatter: entries -> markdown blocks with the settings' template (where a block goes: insertion.ts). */
import { sortOldestFirst } from '../feeds/filter';
import { UNTITLED, type FeedEntry } from '../feeds/types';
import { collapseWhitespace } from '../html/text';
import { ROUNDUP_DEFAULTS } from './defaults';
import { excerptFromHtml } from './excerpt';
import { normalizeLink } from '../markdown';
import {
  BLOCK_WITH_SHORT_LINK,
  BUILTIN_TEMPLATES,
  type ParsedTemplate,
  parseTemplate,
  renderTemplate,
  resolveTemplate,
  type TemplateValues,
} from './template';

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

/** Fills missing or unusable settings with the defaults of the `roundup.*` settings (ROUNDUP_DEFAULTS). */
export function withDefaults(settings: Partial<FormatterSettings> = {}): FormatterSettings {
  const max = settings.excerptMaxLength;
  const d = ROUNDUP_DEFAULTS;
  return {
    templates: settings.templates ?? { ...d.templates },
    defaultTemplate: settings.defaultTemplate?.trim() || d.defaultTemplate,
    authors: settings.authors ?? { ...d.authors },
    excerptMaxLength:
      typeof max === 'number' && Number.isFinite(max) && max >= 0 ? Math.floor(max) : d.excerpt.maxLength,
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
  /**
   * The excerpt of every entry instead of its summary's first paragraph (Insert as quote: the passage
   * chosen, see reader.ts passageExcerpt), as plain text, not cut to the length limit.
   */
  excerpt?: string;
}

/** The display name of a feed author according to `authors`. */
export function displayAuthor(author: string, authors: Readonly<Record<string, string>>): string {
  if (!author) return author;
  if (Object.prototype.hasOwnProperty.call(authors, author)) return authors[author];
  const lower = author.toLowerCase();
  for (const [name, display] of Object.entries(authors)) if (name.toLowerCase() === lower) return display;
  return author;
}

/**
 * The raw template values of an entry: its text fields on one line (the feed parser made them text already),
 * the author mapped, the excerpt cut.
 */
function entryValues(entry: FeedEntry, settings: FormatterSettings, excerpt?: string): TemplateValues {
  return {
    title: collapseWhitespace(entry.title) || UNTITLED,
    author: displayAuthor(collapseWhitespace(entry.author), settings.authors),
    excerpt: excerpt ?? excerptFromHtml(entry.summaryHtml, settings.excerptMaxLength),
    link: entry.link.trim(),
    feed: collapseWhitespace(entry.feed),
    published: entry.published,
  };
}

/** The parsed template for the options and settings; throws TemplateError (unknown name, invalid text). */
export function templateFor(settings: FormatterSettings, options: FormatOptions = {}): ParsedTemplate {
  const name = options.template ?? settings.defaultTemplate;
  const text = options.templateText ?? resolveTemplate(name, settings.templates);
  return parseTemplate(settings.readMoreShortLink && text === BUILTIN_TEMPLATES.block ? BLOCK_WITH_SHORT_LINK : text);
}

function describe(values: TemplateValues): string {
  const feed = values.feed ? ` (${values.feed})` : '';
  return `"${values.title}"${feed}`;
}

function formatOne(
  entry: FeedEntry,
  template: ParsedTemplate,
  settings: FormatterSettings,
  warnings: FormatWarning[],
  { shortLinks, excerpt }: FormatOptions,
): string {
  const values = entryValues(entry, settings, excerpt);
  if (shortLinks && values.link) values.shortlink = shortLinks.get(normalizeLink(values.link));
  const rendered = renderTemplate(template, values);
  if (template.placeholders.has('title') && !collapseWhitespace(entry.title)) {
    const message = `An entry of ${values.feed || 'a feed'} has no title; shown as "${UNTITLED}".`;
    warnings.push({ code: 'missing-title', entryId: entry.id, message });
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
 * Entries as blocks, oldest first (see {@link sortOldestFirst}; in the given order with `keepOrder`),
 * separated by exactly one blank line;
 * consecutive one-line list items (the `link` template) are joined by a line break instead, so they
 * form one tight list like the model post's introduction. Blocks that render empty are skipped.
 * Throws TemplateError for an unknown template name or an invalid template.
 */
export function formatEntries(
  entries: readonly FeedEntry[],
  settings: Partial<FormatterSettings> = {},
  options: FormatOptions = {},
): FormatResult {
  const full = withDefaults(settings);
  const template = templateFor(full, options);
  const warnings: FormatWarning[] = [];
  let text = '';
  let previous = '';
  for (const entry of options.keepOrder ? entries : sortOldestFirst(entries)) {
    const block = formatOne(entry, template, full, warnings, options);
    if (!block) continue;
    if (text) text += isListItemBlock(previous) && isListItemBlock(block) ? '\n' : '\n\n';
    text += block;
    previous = block;
  }
  return { text, warnings };
}
