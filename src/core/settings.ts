/**
 * Every `roundup.*` setting, read in one place. The extension hands in VS Code's configuration,
 * the CLI a settings.json file; both get the same validated object with the same defaults.
 * Each part owns its defaults (feeds/defaults.ts, roundup/defaults.ts, frontmatter/schema.ts); this
 * file puts them together and is imported by no part.
 */
import { FEED_DEFAULTS } from './feeds/defaults';
import type { FetchOptions } from './feeds/fetch';
import { feedSourceOf, type FeedSource } from './feeds/types';
import { DATE_STYLES, type DateStyle } from './frontmatter/dates';
import { DEFAULT_SCHEMA, FIELD_TYPES, type FieldType } from './frontmatter/schema';
import { ROUNDUP_DEFAULTS } from './roundup/defaults';
import type { FormatterSettings } from './roundup/format';
import type { RuleSetting } from './lint/problem';
import { isRuleId } from './lint/rules';
import { readSections, type Section } from './roundup/sections';
import { SHORTLIST_ORDERS, type ShortlistOrder } from './roundup/shortlist';
import { isWindowSetting, WINDOW_SETTING_EXPECTED } from './roundup/window';

export interface RoundupSettings {
  /** `roundup.author`: the post author the fixes and new posts use. */
  author: string;
  /** `roundup.feeds`: a URL (or a workspace-relative file), with an optional name and stand-in author. */
  feeds: FeedSource[];
  /** `roundup.refreshIntervalMinutes`: 0 = only by hand. */
  refreshIntervalMinutes: number;
  /** `roundup.lookbackDays`: older entries are hidden (the days of `roundup.window` "days", else its furthest back). */
  lookbackDays: number;
  /** `roundup.window`: "sinceLastRoundup", "days" or a day (YYYY-MM-DD); see roundup/window.ts. */
  window: string;
  fetch: {
    /** `roundup.fetch.timeoutSeconds` */
    timeoutSeconds: number;
    /** `roundup.fetch.connectTimeoutSeconds` */
    connectTimeoutSeconds: number;
    /** `roundup.fetch.maxBytes` */
    maxBytes: number;
  };
  excerpt: {
    /** `roundup.excerpt.maxLength` */
    maxLength: number;
  };
  /** `roundup.templates`: name -> template text. */
  templates: Record<string, string>;
  /** `roundup.defaultTemplate` */
  defaultTemplate: string;
  /** `roundup.authors`: feed author name -> display name. */
  authors: Record<string, string>;
  /** `roundup.postsFolder`: workspace-relative folder of the posts; '' = the first workspace folder. */
  postsFolder: string;
  /** `roundup.posts`: globs of the files that are posts (relative to the workspace); [] = Roundup decides. */
  posts: string[];
  /** `roundup.newPost.fileName`: pattern of new post file names;
   * undefined when not set (the blog's way, else the default). */
  newPostFileName: string | undefined;
  /** `roundup.newPost.tags`: tags of a new post. */
  newPostTags: string;
  /** `roundup.shortener`: a YOURLS-compatible API; undefined = off. Its signature is never a setting. */
  shortener: { url: string } | undefined;
  /** `roundup.readMoreShortLink`: the built-in block's read-more line uses `{shortlink}`. */
  readMoreShortLink: boolean;
  /** `roundup.shortlist.order`: the order the shortlist is inserted and drafted in. */
  shortlistOrder: ShortlistOrder;
  /** `roundup.sections`: headed sections of a roundup, each taking entries by feed, author or title words. */
  sections: Section[];
  lint: {
    /** `roundup.lint.rules` (else the deprecated `roundup.frontMatter.rules`): rule id -> severity or off. */
    rules: Record<string, RuleSetting>;
  };
  frontMatter: {
    /** `roundup.frontMatter.required` */
    required: string[];
    /** `roundup.frontMatter.fields`: known keys and their types. */
    fields: Record<string, FieldType>;
    /**
     * `roundup.frontMatter.dateStyle`: how the fix for a missing date writes it; `auto` follows the
     * post's siblings.
     */
    dateStyle: DateStyle | 'auto';
    /** Which of `required` and `fields` the user set: the rest is learned from the blog (frontmatter/blogSchema.ts). */
    set: { required: boolean; fields: boolean };
  };
}

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

export const DEFAULT_SETTINGS: RoundupSettings = {
  author: ROUNDUP_DEFAULTS.author,
  feeds: [],
  refreshIntervalMinutes: FEED_DEFAULTS.refreshIntervalMinutes,
  lookbackDays: FEED_DEFAULTS.lookbackDays,
  window: ROUNDUP_DEFAULTS.window,
  fetch: { ...FEED_DEFAULTS.fetch },
  excerpt: { ...ROUNDUP_DEFAULTS.excerpt },
  templates: { ...ROUNDUP_DEFAULTS.templates },
  defaultTemplate: ROUNDUP_DEFAULTS.defaultTemplate,
  authors: { ...ROUNDUP_DEFAULTS.authors },
  postsFolder: ROUNDUP_DEFAULTS.postsFolder,
  posts: [],
  newPostFileName: undefined,
  newPostTags: ROUNDUP_DEFAULTS.newPostTags,
  shortener: undefined,
  readMoreShortLink: ROUNDUP_DEFAULTS.readMoreShortLink,
  shortlistOrder: ROUNDUP_DEFAULTS.shortlistOrder,
  sections: [],
  lint: { rules: {} },
  frontMatter: {
    required: [...DEFAULT_SCHEMA.required],
    fields: { ...DEFAULT_SCHEMA.fields },
    dateStyle: 'auto',
    set: { required: false, fields: false },
  },
};

/**
 * How feeds are fetched: Roundup's version for the User-Agent, the `roundup.fetch.*` limits, the folder of
 * relative feed files.
 */
export function fetchOptionsOf(
  settings: Pick<RoundupSettings, 'fetch'>,
  version: string,
  baseDir: string | undefined,
): FetchOptions {
  return {
    version,
    timeoutMs: settings.fetch.timeoutSeconds * 1000,
    connectTimeoutMs: settings.fetch.connectTimeoutSeconds * 1000,
    maxBytes: settings.fetch.maxBytes,
    baseDir,
  };
}

/** The formatter's settings out of the `roundup.*` settings: the one place that maps them. */
export function formatterSettings(
  settings: Pick<RoundupSettings, 'templates' | 'defaultTemplate' | 'authors' | 'excerpt'> &
    Partial<Pick<RoundupSettings, 'readMoreShortLink'>>,
): FormatterSettings {
  return {
    readMoreShortLink: settings.readMoreShortLink ?? false,
    templates: settings.templates,
    defaultTemplate: settings.defaultTemplate,
    authors: settings.authors,
    excerptMaxLength: settings.excerpt.maxLength,
  };
}

/** A setting value that is not of the right shape: the default is used and the caller may tell the user. */
export interface SettingWarning {
  key: string;
  message: string;
}

/** Reads one setting: its value when set and of the right shape, else the fallback (with a warning when set). */
type Picker = <T>(key: string, fallback: T, valid: (v: unknown) => v is T, expected: string) => T;

/** A {@link Picker} over `get`, adding its warnings to `warnings`. */
function picker(get: (key: string) => unknown, warnings: SettingWarning[]): Picker {
  return (key, fallback, valid, expected) => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (valid(value)) return value;
    warnings.push({ key, message: `Setting ${key} should be ${expected}; using the default` });
    return fallback;
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isStringRecord = (v: unknown): v is Record<string, string> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isString);
const between =
  (min: number, max: number) =>
  (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const atLeast = (min: number) => between(min, Number.MAX_SAFE_INTEGER);
const isRecordOf =
  <T>(ok: readonly T[]) =>
  (v: unknown): v is Record<string, T> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => ok.includes(x as T));

/**
 * Reads the settings through `get(key)` (full keys such as `roundup.lint.rules`; undefined = not
 * set). Values of the wrong shape fall back to the default, with a warning.
 */
export function readSettings(get: (key: string) => unknown): { settings: RoundupSettings; warnings: SettingWarning[] } {
  const warnings: SettingWarning[] = [];
  const pick = picker(get, warnings);
  const d = DEFAULT_SETTINGS;
  return {
    settings: {
      author: pick('roundup.author', d.author, isString, 'a string'),
      feeds: readFeeds(get('roundup.feeds'), warnings),
      ...readFeedSettings(pick),
      ...readWritingSettings(pick, get, warnings),
      lint: { rules: readRules(pick, get, warnings) },
      frontMatter: readFrontMatterSettings(pick, get),
    },
    warnings,
  };
}

const RULES_KEY = 'roundup.lint.rules';
/** The old name of `roundup.lint.rules`, from when the rules were only the front matter's. */
const DEPRECATED_RULES_KEY = 'roundup.frontMatter.rules';

/**
 * `roundup.lint.rules`, else the deprecated `roundup.frontMatter.rules` when only that one is set (setting
 * the old one is worth a warning either way). Unknown rule ids are kept, with a warning.
 */
function readRules(
  pick: Picker,
  get: (key: string) => unknown,
  warnings: SettingWarning[],
): Record<string, RuleSetting> {
  const isSet = (key: string) => get(key) !== undefined && get(key) !== null;
  let key = RULES_KEY;
  if (isSet(DEPRECATED_RULES_KEY)) {
    const current = isSet(RULES_KEY);
    const message = current
      ? `Setting ${DEPRECATED_RULES_KEY} is deprecated and ignored, as ${RULES_KEY} is set: remove it`
      : `Setting ${DEPRECATED_RULES_KEY} is deprecated: rename it to ${RULES_KEY}`;
    warnings.push({ key: DEPRECATED_RULES_KEY, message });
    if (!current) key = DEPRECATED_RULES_KEY;
  }
  const expected = `an object of rule ids to ${RULE_SETTINGS.join(', ')}`;
  const rules = pick(key, DEFAULT_SETTINGS.lint.rules, isRecordOf(RULE_SETTINGS), expected);
  for (const id of Object.keys(rules)) {
    if (!isRuleId(id)) warnings.push({ key, message: `Unknown rule "${id}" in ${key}` });
  }
  return rules;
}

/** When feeds are refreshed, how far back their entries are shown, and the limits of a fetch. */
function readFeedSettings(
  pick: Picker,
): Pick<RoundupSettings, 'refreshIntervalMinutes' | 'lookbackDays' | 'window' | 'fetch'> {
  const d = DEFAULT_SETTINGS;
  return {
    refreshIntervalMinutes: pick(
      'roundup.refreshIntervalMinutes',
      d.refreshIntervalMinutes,
      between(0, 10080),
      'a number of minutes from 0 (only by hand) to 10080 (a week)',
    ),
    lookbackDays: pick('roundup.lookbackDays', d.lookbackDays, between(1, 36500), 'a number of days from 1 to 36500'),
    window: pick('roundup.window', d.window, isWindowSetting, WINDOW_SETTING_EXPECTED),
    fetch: {
      timeoutSeconds: pick(
        'roundup.fetch.timeoutSeconds',
        d.fetch.timeoutSeconds,
        between(1, 600),
        'a number of seconds from 1 to 600',
      ),
      connectTimeoutSeconds: pick(
        'roundup.fetch.connectTimeoutSeconds',
        d.fetch.connectTimeoutSeconds,
        between(1, 120),
        'a number of seconds from 1 to 120',
      ),
      maxBytes: pick('roundup.fetch.maxBytes', d.fetch.maxBytes, atLeast(1024), 'a number of bytes, at least 1024'),
    },
  };
}

/**
 * How entries are written into posts (excerpts, templates, authors' names, short links, the shortlist's
 * order) and where new posts go.
 */
function readWritingSettings(
  pick: Picker,
  get: (key: string) => unknown,
  warnings: SettingWarning[],
): Omit<
  RoundupSettings,
  'author' | 'feeds' | 'refreshIntervalMinutes' | 'lookbackDays' | 'window' | 'fetch' | 'lint' | 'frontMatter'
> {
  const d = DEFAULT_SETTINGS;
  return {
    excerpt: {
      maxLength: pick(
        'roundup.excerpt.maxLength',
        d.excerpt.maxLength,
        atLeast(20),
        'a number of characters, at least 20',
      ),
    },
    templates: pick('roundup.templates', d.templates, isStringRecord, 'an object of template names to template text'),
    defaultTemplate: pick('roundup.defaultTemplate', d.defaultTemplate, isString, 'a template name'),
    authors: pick('roundup.authors', d.authors, isStringRecord, 'an object of feed author names to display names'),
    postsFolder: pick('roundup.postsFolder', d.postsFolder, isString, 'a folder path'),
    posts: pick('roundup.posts', d.posts, isStringList, 'a list of globs'),
    newPostFileName: pick<string | undefined>(
      'roundup.newPost.fileName', d.newPostFileName, isString, 'a file name pattern'),
    newPostTags: pick('roundup.newPost.tags', d.newPostTags, isString, 'a comma-separated list of tags'),
    shortener: readShortener(get('roundup.shortener'), warnings),
    readMoreShortLink: pick(
      'roundup.readMoreShortLink',
      d.readMoreShortLink,
      (v): v is boolean => typeof v === 'boolean',
      'true or false',
    ),
    shortlistOrder: pick(
      'roundup.shortlist.order',
      d.shortlistOrder,
      (v): v is ShortlistOrder => SHORTLIST_ORDERS.includes(v as ShortlistOrder),
      `one of ${SHORTLIST_ORDERS.join(', ')}`,
    ),
    sections: readSections(get('roundup.sections'), (message) => warnings.push({ key: 'roundup.sections', message })),
  };
}

/** The front matter's schema (required keys, known keys and their types) and the style of a missing date. */
function readFrontMatterSettings(pick: Picker, get: (key: string) => unknown): RoundupSettings['frontMatter'] {
  const d = DEFAULT_SETTINGS;
  const fieldTypes = isRecordOf(FIELD_TYPES);
  return {
    set: {
      required: isStringList(get('roundup.frontMatter.required')),
      fields: fieldTypes(get('roundup.frontMatter.fields')),
    },
    required: pick('roundup.frontMatter.required', d.frontMatter.required, isStringList, 'a list of keys'),
    fields: pick(
      'roundup.frontMatter.fields',
      d.frontMatter.fields,
      fieldTypes,
      `an object of keys to ${FIELD_TYPES.join(', ')}`,
    ),
    dateStyle: pick(
      'roundup.frontMatter.dateStyle',
      d.frontMatter.dateStyle,
      (v): v is DateStyle | 'auto' => v === 'auto' || DATE_STYLES.includes(v as DateStyle),
      `"auto" or one of ${DATE_STYLES.join(', ')}`,
    ),
  };
}

/**
 * `roundup.shortener`: `{ "url": "https://.../yourls-api.php" }`, or null (off). A `signature` here is
 * ignored, with a warning.
 */
function readShortener(value: unknown, warnings: SettingWarning[]): { url: string } | undefined {
  if (value === undefined || value === null) return undefined;
  const url = value && typeof value === 'object' ? (value as { url?: unknown }).url : undefined;
  if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/i.test(url.trim())) {
    const message =
      'Setting roundup.shortener should be { "url": "https://.../yourls-api.php" } or null; the shortener is off';
    warnings.push({ key: 'roundup.shortener', message });
    return undefined;
  }
  if (Object.prototype.hasOwnProperty.call(value, 'signature')) {
    const message =
      'The shortener signature is not read from settings files: remove it there and use ' +
      '"Roundup: Set shortener signature" (kept in VS Code\'s secret storage)';
    warnings.push({ key: 'roundup.shortener', message });
  }
  return { url: url.trim() };
}

/**
 * `roundup.feeds` items: a URL string or `{ url, name?, author? }`; bad items are dropped with a warning,
 * duplicates too.
 */
function readFeeds(value: unknown, warnings: SettingWarning[]): FeedSource[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    const message = 'Setting roundup.feeds should be a list of URLs or { url, name, author } objects';
    warnings.push({ key: 'roundup.feeds', message });
    return [];
  }
  const feeds: FeedSource[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    const feed = feedSourceOf(item);
    if (!feed) {
      const message = `Ignoring a roundup.feeds item that has no URL: ${JSON.stringify(item)}`;
      warnings.push({ key: 'roundup.feeds', message });
      continue;
    }
    if (seen.has(feed.url)) continue;
    seen.add(feed.url);
    feeds.push(feed);
  }
  return feeds;
}
