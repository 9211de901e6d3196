/**
 * Every `roundup.*` setting, read in one place. The extension hands in VS Code's configuration,
 * the CLI a settings.json file; both get the same validated object with the same defaults.
 */
import { DEFAULT_DATE_STYLE, type DateStyle } from './frontmatter/dates';
import { DEFAULT_SCHEMA, RULES, type FieldType, type RuleSetting } from './frontmatter/schema';

export interface RoundupSettings {
  /** `roundup.author`: the post author the fixes and new posts use. */
  author: string;
  frontMatter: {
    /** `roundup.frontMatter.required` */
    required: string[];
    /** `roundup.frontMatter.fields`: known keys and their types. */
    fields: Record<string, FieldType>;
    /** `roundup.frontMatter.rules`: rule id -> severity or off. */
    rules: Record<string, RuleSetting>;
    /** `roundup.frontMatter.dateStyle`: how the fix for a missing date writes it; `auto` follows the post's siblings. */
    dateStyle: DateStyle | 'auto';
  };
}

export const DATE_STYLES: readonly DateStyle[] = [
  'YYYY-MM-DD HH:MM:SS UTC',
  'YYYY-MM-DD HH:MM:SS',
  'YYYY-MM-DD HH:MM UTC',
  'YYYY-MM-DD HH:MM',
  'YYYY-MM-DD',
  'YYYY-MM-DDTHH:MM:SSZ',
];
const FIELD_TYPES: readonly FieldType[] = ['string', 'boolean', 'date', 'tags', 'any'];
const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

export const DEFAULT_SETTINGS: RoundupSettings = {
  author: '',
  frontMatter: {
    required: [...DEFAULT_SCHEMA.required],
    fields: { ...DEFAULT_SCHEMA.fields },
    rules: {},
    dateStyle: 'auto',
  },
};

/** A setting value that is not of the right shape: the default is used and the caller may tell the user. */
export interface SettingWarning {
  key: string;
  message: string;
}

/**
 * Reads the settings through `get(key)` (full keys such as `roundup.frontMatter.rules`; undefined = not
 * set). Values of the wrong shape fall back to the default, with a warning.
 */
export function readSettings(get: (key: string) => unknown): { settings: RoundupSettings; warnings: SettingWarning[] } {
  const warnings: SettingWarning[] = [];
  const pick = <T>(key: string, fallback: T, valid: (v: unknown) => v is T, expected: string): T => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (valid(value)) return value;
    warnings.push({ key, message: `Setting ${key} should be ${expected}; using the default` });
    return fallback;
  };
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
  const isRecordOf = <T>(ok: readonly T[]) => (v: unknown): v is Record<string, T> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => ok.includes(x as T));

  const rules = pick('roundup.frontMatter.rules', DEFAULT_SETTINGS.frontMatter.rules, isRecordOf(RULE_SETTINGS), `an object of rule ids to ${RULE_SETTINGS.join(', ')}`);
  for (const id of Object.keys(rules)) {
    if (!(id in RULES) && !(id in POST_RULE_IDS)) warnings.push({ key: 'roundup.frontMatter.rules', message: `Unknown rule "${id}" in roundup.frontMatter.rules` });
  }
  return {
    settings: {
      author: pick('roundup.author', DEFAULT_SETTINGS.author, isString, 'a string'),
      frontMatter: {
        required: pick('roundup.frontMatter.required', DEFAULT_SETTINGS.frontMatter.required, isStringList, 'a list of keys'),
        fields: pick('roundup.frontMatter.fields', DEFAULT_SETTINGS.frontMatter.fields, isRecordOf(FIELD_TYPES), `an object of keys to ${FIELD_TYPES.join(', ')}`),
        rules,
        dateStyle: pick('roundup.frontMatter.dateStyle', DEFAULT_SETTINGS.frontMatter.dateStyle, (v): v is DateStyle | 'auto' => v === 'auto' || DATE_STYLES.includes(v as DateStyle), `"auto" or one of ${DATE_STYLES.join(', ')}`),
      },
    },
    warnings,
  };
}

/** Rule ids outside front matter (the post body), so settings may name them too. */
export const POST_RULE_IDS: Record<string, true> = {};

export { DEFAULT_DATE_STYLE };
