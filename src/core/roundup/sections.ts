/**
 * Sections of a roundup (`roundup.sections`): an ordered list of headed sections, each with a rule
 * (feeds, authors, words in the title) and a template. A draft puts each entry under the first section
 * that takes it, and the rest after the sections, unheaded, with the default template; an insert puts
 * an entry's block at the end of its section when the post has the section's heading (else at the
 * cursor, as without sections).
 */
import { splitLines, isBlank } from '../base/lines';
import type { FeedEntry } from '../feeds/types';
import { collapseWhitespace } from '../html/text';
import { escapeInline } from './escape';
import {
  displayAuthor,
  formatEntries,
  isListItemBlock,
  type FormatOptions,
  type FormatResult,
  type FormatterSettings,
} from './format';
import { padForInsertion, type InsertionEdit } from './insertion';

export interface Section {
  /** The heading's text, written `## heading` by drafts and looked for (any level) in posts. */
  heading: string;
  /** Feed names (as the sidebar shows them) whose entries the section takes. */
  feeds?: string[];
  /** Author names (as in the feed, or as `roundup.authors` shows them) whose entries the section takes. */
  authors?: string[];
  /** Words or phrases: an entry whose title holds one of them (whole words, any case) goes here. */
  titleWords?: string[];
  /** The template of the section's blocks (default: `roundup.defaultTemplate`). */
  template?: string;
}

const RULE_KEYS = ['feeds', 'authors', 'titleWords'] as const;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * `roundup.sections` read: items that are not a section (no heading, a rule that is not a list of
 * strings, a template that is not a name) are left out, each with a warning message.
 */
export function readSections(value: unknown, warn: (message: string) => void): Section[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warn('Setting roundup.sections should be a list of { heading, feeds, authors, titleWords, template }');
    return [];
  }
  const sections: Section[] = [];
  for (const item of value) {
    const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const heading = typeof o.heading === 'string' ? collapseWhitespace(o.heading) : '';
    const badRule = RULE_KEYS.find((k) => o[k] !== undefined && !isStringList(o[k]));
    const badTemplate = o.template !== undefined && (typeof o.template !== 'string' || !o.template.trim());
    if (!heading || badRule || badTemplate) {
      const why = !heading
        ? 'no heading'
        : badRule
          ? `"${badRule}" is not a list of strings`
          : 'its template is not a name';
      warn(`Ignoring a roundup.sections item (${why}): ${JSON.stringify(item)}`);
      continue;
    }
    const section: Section = { heading };
    for (const k of RULE_KEYS) if (isStringList(o[k])) section[k] = o[k].map((s) => s.trim()).filter(Boolean);
    if (typeof o.template === 'string') section.template = o.template.trim();
    sections.push(section);
  }
  return sections;
}

function wordPattern(words: readonly string[]): RegExp | undefined {
  const parts = words.map((w) => collapseWhitespace(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  if (parts.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

const same = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * Does the section take the entry? When its feed is one of `feeds`, its author one of `authors` (the
 * feed's name or the displayed one), or its title holds one of `titleWords`; a section with no rule
 * takes every entry.
 */
export function sectionTakes(
  section: Section,
  entry: FeedEntry,
  authors: Readonly<Record<string, string>> = {},
): boolean {
  const { feeds = [], authors: names = [], titleWords = [] } = section;
  if (feeds.length === 0 && names.length === 0 && titleWords.length === 0) return true;
  const feed = collapseWhitespace(entry.feed);
  if (feeds.some((f) => same(f, feed))) return true;
  const author = collapseWhitespace(entry.author);
  const shown = displayAuthor(author, authors);
  if (author && names.some((n) => same(n, author) || same(n, shown))) return true;
  return wordPattern(titleWords)?.test(collapseWhitespace(entry.title)) ?? false;
}

/** Index of the first section that takes the entry, or -1. */
export function sectionIndexOf(
  sections: readonly Section[],
  entry: FeedEntry,
  authors: Readonly<Record<string, string>> = {},
): number {
  return sections.findIndex((s) => sectionTakes(s, entry, authors));
}

/** The entries grouped by section (in the sections' order), and those no section takes. */
function groupBySection<T extends FeedEntry>(
  entries: readonly T[],
  sections: readonly Section[],
  authors: Readonly<Record<string, string>>,
): { groups: T[][]; rest: T[] } {
  const groups = sections.map((): T[] => []);
  const rest: T[] = [];
  for (const entry of entries) {
    const i = sectionIndexOf(sections, entry, authors);
    (i < 0 ? rest : groups[i]).push(entry);
  }
  return { groups, rest };
}

/** The heading line a draft writes for a section. */
export function sectionHeading(section: Section): string {
  return `## ${escapeInline(section.heading)}`;
}

/**
 * A draft's blocks by section: each section that takes entries, as its heading and its blocks (in its
 * template), in the sections' order; then the entries no section takes, unheaded, with the options'
 * template. Without sections, {@link formatEntries}. Throws TemplateError as it does.
 */
export function formatDraftSections(
  entries: readonly FeedEntry[],
  settings: FormatterSettings,
  sections: readonly Section[],
  options: FormatOptions = {},
): FormatResult {
  if (sections.length === 0) return formatEntries(entries, settings, options);
  const { groups, rest } = groupBySection(entries, sections, settings.authors);
  const parts: string[] = [];
  const warnings: FormatResult['warnings'] = [];
  groups.forEach((group, i) => {
    if (group.length === 0) return;
    const template = sections[i].template ?? options.template;
    const result = formatEntries(group, settings, { ...options, ...(template ? { template } : {}) });
    warnings.push(...result.warnings);
    if (result.text) parts.push(`${sectionHeading(sections[i])}\n\n${result.text}`);
  });
  if (rest.length > 0) {
    const result = formatEntries(rest, settings, options);
    warnings.push(...result.warnings);
    if (result.text) parts.push(result.text);
  }
  return { text: parts.join('\n\n'), warnings };
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** A heading's text as a reader sees it: escapes undone, whitespace collapsed. */
function headingText(raw: string): string {
  return collapseWhitespace(raw.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/;

/** The last line of the first list in lines [from, to): its items and their indented lines. -1: no list. */
function firstListEnd(lines: readonly { text: string }[], from: number, to: number): number {
  let end = -1;
  for (let i = from; i < to; i++) {
    const line = lines[i].text;
    if (LIST_ITEM.test(line)) end = i;
    else if (end >= 0 && !(/^[ \t]+\S/.test(line) && !isBlank(line))) {
      // A blank line ends the list unless an item follows.
      if (isBlank(line) && i + 1 < to && LIST_ITEM.test(lines[i + 1].text)) continue;
      break;
    }
  }
  return end;
}

/**
 * Where a block of the section goes in the post: the end of the last non-blank line under the post's
 * heading of that text (any level, any case), before the next heading of the same or a higher level;
 * the end of the heading's line when the section is empty. With `listItem` (a block of the `link`
 * form), the end of the section's first list, when it has one: a series list followed by other text
 * (the model post's interviews, then "Additionally, ...") grows in place. Undefined when the post has
 * no such heading.
 */
export function sectionEnd(text: string, section: Section, listItem = false): number | undefined {
  const lines = splitLines(text);
  const wanted = collapseWhitespace(section.heading);
  let level = 0;
  let start = -1;
  let last = -1;
  let stop = lines.length;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    if (/^ {0,3}(?:```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : ATX_HEADING.exec(line);
    if (level > 0 && heading && heading[1].length <= level) {
      stop = i;
      break;
    }
    if (level === 0) {
      if (heading && same(headingText(heading[2] ?? ''), wanted)) {
        level = heading[1].length;
        start = last = i;
      }
      continue;
    }
    if (!isBlank(line)) last = i;
  }
  if (level === 0) return undefined;
  const list = listItem ? firstListEnd(lines, start + 1, stop) : -1;
  return lines[list >= 0 ? list : last].end;
}

/**
 * Inserting entries into a post with sections: each group of entries whose section heading the post
 * has goes at the end of that section (in the section's template); the others go at the cursor, as one
 * group. The groups come back as the edits of {@link padForInsertion}, in document order; when two would
 * touch, every entry goes at the cursor instead. `cursorEdit`: index of the cursor's edit, if any.
 */
export function sectionInsertions(
  text: string,
  cursor: number,
  entries: readonly FeedEntry[],
  settings: FormatterSettings,
  sections: readonly Section[],
  options: FormatOptions = {},
): { edits: InsertionEdit[]; cursorEdit: number; warnings: FormatResult['warnings'] } {
  const { groups, rest } = groupBySection(entries, sections, settings.authors);
  const atCursor = [...rest];
  const warnings: FormatResult['warnings'] = [];
  const format = (group: readonly FeedEntry[], template?: string): string => {
    const result = formatEntries(group, settings, { ...options, ...(template ? { template } : {}) });
    warnings.push(...result.warnings);
    return result.text;
  };
  const edit = (offset: number, group: readonly FeedEntry[], template?: string): InsertionEdit =>
    padForInsertion(text, offset, format(group, template));
  const edits: InsertionEdit[] = [];
  groups.forEach((group, i) => {
    if (group.length === 0) return;
    const template = sections[i].template ?? options.template;
    const warned = warnings.length;
    const blocks = format(group, template);
    const offset = sectionEnd(text, sections[i], isListItemBlock(blocks.split('\n')[0] ?? ''));
    if (offset !== undefined) edits.push(padForInsertion(text, offset, blocks));
    else {
      // Formatted again at the cursor: its warnings then.
      warnings.length = warned;
      atCursor.push(...group);
    }
  });
  const cursorGroup = entries.filter((e) => atCursor.includes(e));
  const cursorEdit = cursorGroup.length > 0 ? edit(cursor, cursorGroup, options.template) : undefined;
  const all = [...edits, ...(cursorEdit ? [cursorEdit] : [])].sort((a, b) => a.start - b.start);
  if (all.some((e, k) => k > 0 && e.start <= all[k - 1].end)) {
    warnings.length = 0;
    return { edits: [edit(cursor, entries, options.template)], cursorEdit: 0, warnings };
  }
  return { edits: all, cursorEdit: cursorEdit ? all.indexOf(cursorEdit) : -1, warnings };
}
