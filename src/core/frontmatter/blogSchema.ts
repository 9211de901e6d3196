/**
 * The schema a blog's posts are linted with, key by key: the user's settings (`roundup.frontMatter.fields`
 * / `required`) first, then what the blog declares (./declared.ts), then what its posts show
 * (./learn.ts); a blog with too few posts to learn from and no declaration of its own gets the model's
 * schema. Every key says where it came from, for "Show front matter schema" and `roundup schema`.
 */
import type { Declared } from './declared';
import { several, type Learned } from './learn';
import type { RelatedFile } from '../lint/problem';
import { DEFAULT_SCHEMA, type FieldType, type Schema } from './schema';
import type { BlogStyle } from './style';

export type SchemaSource = 'settings' | 'declared' | 'learned' | 'default';

export interface SchemaKey {
  key: string;
  type: FieldType;
  /** Posts that write it (0 when nothing was learned). */
  posts: number;
  required: boolean;
  source: SchemaSource;
  /** The file that declares it, for a declared key. */
  from?: string;
}

export interface BlogSchema {
  /** Posts learned from (with front matter). */
  posts: number;
  /** Enough posts to learn from. */
  learned: boolean;
  /** The files the blog declares its schema in. */
  declaredIn: string[];
  /** Every known key, required first, then by use. */
  keys: SchemaKey[];
  /** The schema the lint checks. */
  schema: Schema;
  /** How the blog's newest posts are written, when there are enough posts to learn from (new posts follow it). */
  style?: BlogStyle;
}

/** What the user set of the schema (undefined: not set). Settings always win, key by key. */
export interface SchemaSettings {
  required?: readonly string[];
  fields?: Readonly<Record<string, FieldType>>;
}

/** The schema settings the user set, from the settings' front matter part and which of its keys are set. */
export function schemaSettingsOf(frontMatter: {
  required: string[];
  fields: Record<string, FieldType>;
  set: { required: boolean; fields: boolean };
}): SchemaSettings {
  return {
    required: frontMatter.set.required ? frontMatter.required : undefined,
    fields: frontMatter.set.fields ? frontMatter.fields : undefined,
  };
}

/** Declaration files that say the whole schema (not only values given to every post). */
const WHOLE_SCHEMA = /(?:^frontmatter\.json|\.schema\.json)$/;

export function resolveSchema(
  learned: Learned | undefined,
  declared: Declared | undefined,
  settings: SchemaSettings,
): BlogSchema {
  const keys = new Map<string, SchemaKey>();
  const used = new Map((learned?.keys ?? []).map((k) => [k.key, k.posts]));
  const enough = learned?.enough === true;
  const whole = [...(declared?.keys.values() ?? [])].some((d) => WHOLE_SCHEMA.test(d.from));
  if (enough) {
    for (const k of learned!.keys) {
      if (k.slipOf) continue;
      keys.set(k.key, { key: k.key, type: k.type, posts: k.posts, required: k.required, source: 'learned' });
    }
  } else if (!whole) {
    for (const [key, type] of Object.entries(DEFAULT_SCHEMA.fields)) {
      const required = DEFAULT_SCHEMA.required.includes(key);
      keys.set(key, { key, type, posts: used.get(key) ?? 0, required, source: 'default' });
    }
  }
  for (const [key, d] of declared?.keys ?? []) {
    const before = keys.get(key);
    keys.set(key, {
      key,
      type: d.type ?? before?.type ?? 'any',
      posts: used.get(key) ?? 0,
      required: d.required ?? before?.required ?? false,
      source: 'declared',
      from: d.from,
    });
  }
  applySettings(keys, settings, used);
  const list = [...keys.values()].sort((a, b) => Number(b.required) - Number(a.required) || b.posts - a.posts);
  const declaredIn = declared?.files ?? [];
  return {
    posts: learned?.posts ?? 0,
    learned: enough,
    declaredIn,
    keys: list,
    schema: schemaOf(list, enough ? learned : undefined, declaredIn.length > 0, settings),
    ...(enough && learned!.style ? { style: learned!.style } : {}),
  };
}

function applySettings(
  keys: Map<string, SchemaKey>,
  settings: SchemaSettings,
  used: ReadonlyMap<string, number>,
): void {
  const { fields, required } = settings;
  if (fields && required) keys.clear();
  for (const [key, type] of Object.entries(fields ?? {})) {
    const before = keys.get(key);
    keys.set(key, { key, type, posts: used.get(key) ?? 0, required: before?.required ?? false, source: 'settings' });
  }
  if (!required) return;
  for (const k of keys.values()) {
    const want = required.includes(k.key);
    if (want !== k.required) keys.set(k.key, { ...k, required: want, source: 'settings', from: undefined });
  }
  for (const key of required) {
    if (keys.has(key)) continue;
    keys.set(key, { key, type: 'any', posts: used.get(key) ?? 0, required: true, source: 'settings' });
  }
}

function schemaOf(
  keys: readonly SchemaKey[],
  learned: Learned | undefined,
  declared: boolean,
  settings: SchemaSettings,
): Schema {
  const fields: Record<string, FieldType> = {};
  for (const k of keys) fields[k.key] = k.type;
  const required = keys.filter((k) => k.required).map((k) => k.key);
  const whollySet = settings.fields !== undefined && settings.required !== undefined;
  if (whollySet || (!learned && !declared)) return { required, fields };
  const evidence: Record<string, string> = {};
  const related: Record<string, RelatedFile[]> = {};
  const examples = new Map(learned?.keys.map((k) => [k.key, k.examples]));
  for (const k of keys) {
    // (A key too few posts write to tell its type has the model's: its posts are no evidence.)
    if (k.source === 'learned' && k.posts >= several(learned!.posts)) {
      evidence[k.key] = `${k.posts} of ${learned!.posts} posts write "${k.key}"`;
      related[k.key] = (examples.get(k.key) ?? []).map(({ path, value }) => ({
        path,
        message: value ? `writes ${k.key}: ${value}` : `writes ${k.key}`,
      }));
    } else if (k.source === 'declared' && k.from) {
      evidence[k.key] = `declared in ${k.from}`;
      related[k.key] = [{ path: k.from, message: `declares "${k.key}"` }];
    }
  }
  const schema: Schema = { required, fields, unknownKeys: 'slips', evidence, related };
  if (learned) {
    const many = several(learned.posts);
    schema.emptyAllowed = learned.keys.filter((k) => k.empty >= many).map((k) => k.key);
    const dated = learned.dateInFileName;
    if (dated && required.includes(dated)) {
      schema.dateInFileName = dated;
      if (evidence[dated]) evidence[dated] += ` and ${learned.datedByName} more are dated by their file names`;
    }
  }
  return schema;
}

const SOURCE_WORDS: Record<SchemaSource, string> = {
  settings: 'settings',
  declared: 'declared',
  learned: 'learned',
  default: "the model's default",
};

/** The schema as a markdown document: where it comes from, and a table of every key. */
export function schemaMarkdown(blog: BlogSchema): string {
  const lines = ['# Front matter schema', ''];
  if (blog.learned) lines.push(`Learned from ${blog.posts} posts.`);
  else lines.push(`${blog.posts} posts with front matter: too few to learn from; the model's schema applies.`);
  if (blog.declaredIn.length > 0) lines.push('', `Declared in ${blog.declaredIn.map((f) => `\`${f}\``).join(', ')}.`);
  lines.push('', '| Key | Type | Posts | Required | From |', '| --- | --- | --- | --- | --- |');
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  for (const k of blog.keys) {
    const from = k.from ? `${SOURCE_WORDS[k.source]} (\`${cell(k.from)}\`)` : SOURCE_WORDS[k.source];
    const posts = blog.posts > 0 ? `${k.posts} of ${blog.posts}` : '';
    lines.push(`| \`${cell(k.key)}\` | ${k.type} | ${posts} | ${k.required ? 'yes' : 'no'} | ${from} |`);
  }
  lines.push('', 'Settings win key by key: `roundup.frontMatter.fields` and `roundup.frontMatter.required`.', '');
  return lines.join('\n');
}

/** The schema as the two settings that pin it ("Save to settings"). */
export function schemaAsSettings(blog: BlogSchema): { fields: Record<string, FieldType>; required: string[] } {
  return { fields: { ...blog.schema.fields }, required: [...blog.schema.required] };
}
