import type { RelatedFile, RuleInfo } from '../lint/problem';

export type FieldType = 'string' | 'boolean' | 'date' | 'tags' | 'any';

/** Every field type, in the order the setting lists them. */
export const FIELD_TYPES: readonly FieldType[] = ['string', 'boolean', 'date', 'tags', 'any'];

/** The front matter a post should have; comes from the `roundup.frontMatter.*` settings. */
export interface Schema {
  /** Keys that must be present. */
  required: string[];
  /** Every known key and its type; any other key is reported by `fm-unknown-key` (see {@link unknownKeys}). */
  fields: Record<string, FieldType>;
  /** Keys whose empty value is the blog's way (several of its posts have one): no `fm-empty`. */
  emptyAllowed?: readonly string[];
  /** `all` (the default): every unknown key is reported; `slips`: only one that looks like a slip for a known key. */
  unknownKeys?: 'all' | 'slips';
  /** The required key a dated file name stands for (`2016-05-17-title.md` needs no `date`). */
  dateInFileName?: string;
  /** Where a key's expectation comes from, said in the messages: `141 of 143 posts write "author"`. */
  evidence?: Readonly<Record<string, string>>;
  /** The files that show it, by key: the newest posts that write the key, or the file that declares it. */
  related?: Readonly<Record<string, readonly RelatedFile[]>>;
}

/** The model post's fields. */
export const DEFAULT_SCHEMA: Schema = {
  required: ['title', 'author', 'date'],
  fields: { title: 'string', author: 'string', date: 'date', tags: 'tags', comments: 'boolean', published: 'boolean' },
};

/** The front matter rules (`fm-*`), checked by ./lint.ts; ../lint/rules.ts gathers every part's rules. */
export const FRONT_MATTER_RULES = {
  'fm-unclosed': {
    severity: 'error',
    description: 'An opening `---` or `+++` with no closing fence, or a JSON `{` never closed.',
  },
  'fm-missing-opening': {
    severity: 'error',
    description: 'Front matter lines and a closing `---` (or TOML lines and `+++`), no opening fence; the fix adds it.',
  },
  'fm-not-at-start': {
    severity: 'warning',
    description: 'Front matter after a BOM, blank lines or text, where the blog\'s site generator ignores it.',
  },
  'fm-yaml-syntax': {
    severity: 'error',
    description: 'A YAML syntax error (tab indentation, bad indentation, unterminated quote, stray colon ...).',
  },
  'fm-toml-syntax': {
    severity: 'error',
    description: 'A TOML syntax error (unterminated string, bare text value, two entries on a line ...).',
  },
  'fm-json-syntax': {
    severity: 'error',
    description: 'A JSON syntax error (missing comma, unterminated string, trailing comma, comment ...).',
  },
  'fm-duplicate-key': { severity: 'error', description: 'The same key twice; reported on the second.' },
  'fm-required': { severity: 'error', description: 'A required field is missing; the fix inserts it.' },
  'fm-empty': { severity: 'warning', description: 'A known field with no value.' },
  'fm-type': {
    severity: 'warning',
    description: 'A known field of the wrong type (`published: yes` instead of `true`).',
  },
  'fm-date': { severity: 'error', description: 'A date that is not a real calendar date and time.' },
  'fm-unknown-key': { severity: 'info', description: 'A key the schema does not know, with a "did you mean" fix.' },
} as const satisfies Record<string, RuleInfo>;

export type FrontMatterRuleId = keyof typeof FRONT_MATTER_RULES;
