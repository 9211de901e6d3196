/**
 * The schema a blog already declares, read from the files its tools keep: Front Matter CMS's
 * `frontmatter.json` (the content type of the posts' page folder: field names, types, `required`),
 * Astro's generated `.astro/collections/<name>.schema.json` (JSON Schema), Jekyll's `_config.yml`
 * `defaults:` and Hugo's `cascade` in a section's `_index.md` (a key given a value there is known, and not
 * required in the post; its type is left to what the posts write).
 * Callers hand in the files' texts ({@link isDeclarationPath} says which); a file that does not read is
 * left out, with the reason.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { parseBlock, type ClosedBlock } from './lint';
import { locateFrontMatter } from './locate';
import type { FieldType } from './schema';

export interface DeclaredKey {
  /** The declared type, when the declaration says one Roundup can check. */
  type?: FieldType;
  /** Declared required (true) or optional (false); undefined: said nothing. */
  required?: boolean;
  /** The file that declares it (a path relative to the blog). */
  from: string;
}

export interface Declared {
  keys: Map<string, DeclaredKey>;
  /** The files read (relative paths). */
  files: string[];
  /** Files that could not be read, with why. */
  unreadable: { file: string; reason: string }[];
}

/** Is the file at `path` (relative to the blog, with `/`) one that may declare the schema? */
export function isDeclarationPath(path: string): boolean {
  return (
    path === 'frontmatter.json' ||
    path === '_config.yml' ||
    /^(?:.*\/)?\.astro\/collections\/[^/]+\.schema\.json$/.test(path) ||
    /(?:^|\/)_index\.(?:md|markdown)$/.test(path)
  );
}

/**
 * The declared schema of the blog whose posts are in `postsFolder` ('' = the root; undefined = unknown)
 * from its declaration files. Section pages count when they are the posts folder's own or one above it.
 */
export function readDeclared(
  files: readonly { path: string; text: string }[],
  postsFolder: string | undefined,
): Declared {
  const declared: Declared = { keys: new Map(), files: [], unreadable: [] };
  const ordered = [...files].filter((f) => isDeclarationPath(f.path)).sort((a, b) => rank(a.path) - rank(b.path));
  const collections = ordered.filter((f) => f.path.endsWith('.schema.json')).map((f) => f.path);
  const collection = collections.find((f) => f.endsWith(`/${postsFolder?.split('/').pop()}.schema.json`)) ??
    (collections.length === 1 ? collections[0] : undefined);
  for (const { path, text } of ordered) {
    const before = declared.keys.size;
    try {
      if (path === 'frontmatter.json') frontMatterCms(parseJson(text), path, postsFolder, declared);
      else if (path.endsWith('.schema.json')) {
        if (path !== collection) continue;
        astroCollection(parseJson(text), path, declared);
      }
      else if (path === '_config.yml') jekyllDefaults(parseYaml(text) as unknown, path, postsFolder, declared);
      else if (appliesTo(path, postsFolder)) hugoCascade(text, path, declared);
      else continue;
    } catch (e) {
      declared.unreadable.push({ file: path, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
      continue;
    }
    if (declared.keys.size > before || !path.endsWith('.md')) declared.files.push(path);
  }
  return declared;
}

/** The more specific declaration wins: a content type or collection over defaults given to every post. */
function rank(path: string): number {
  if (path === 'frontmatter.json' || path.endsWith('.schema.json')) return 1;
  return 0;
}

function parseJson(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new Error('not valid JSON');
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function set(declared: Declared, key: string, value: Omit<DeclaredKey, 'from'>, from: string): void {
  const before = declared.keys.get(key);
  declared.keys.set(key, {
    type: value.type ?? before?.type,
    required: value.required ?? before?.required,
    from,
  });
}

/** Front Matter CMS field types that Roundup's types can check. */
const CMS_TYPES: Record<string, FieldType> = {
  string: 'string',
  datetime: 'date',
  boolean: 'boolean',
  tags: 'tags',
  categories: 'tags',
  image: 'string',
  slug: 'string',
};

/**
 * The content type of the posts: the first that the page folder of the posts (`contentTypes` of the
 * `frontMatter.content.pageFolders` entry whose path is the posts folder or the nearest one above it)
 * allows; else the one named `default`, else the first. Its fields.
 */
function frontMatterCms(config: unknown, from: string, postsFolder: string | undefined, declared: Declared): void {
  if (!isObject(config)) throw new Error('not a JSON object');
  const types = config['frontMatter.taxonomy.contentTypes'];
  if (!Array.isArray(types)) return;
  const named = (name: unknown) => types.find((t) => isObject(t) && t.name === name);
  const allowed = pageFolderOf(config['frontMatter.content.pageFolders'], postsFolder)?.contentTypes;
  const folderType = Array.isArray(allowed) ? allowed.map(named).find(Boolean) : undefined;
  const type = folderType ?? named('default') ?? types[0];
  if (!isObject(type) || !Array.isArray(type.fields)) return;
  for (const field of type.fields) {
    if (!isObject(field) || typeof field.name !== 'string') continue;
    if (field.type === 'divider' || field.type === 'heading') continue;
    const required = typeof field.required === 'boolean' ? field.required : false;
    set(declared, field.name, { type: CMS_TYPES[String(field.type)] ?? 'any', required }, from);
  }
}

/** The page folder (`[[workspace]]/content/posts`) that is the posts folder, or the nearest one above it. */
function pageFolderOf(folders: unknown, postsFolder: string | undefined): Record<string, unknown> | undefined {
  if (!Array.isArray(folders) || postsFolder === undefined) return undefined;
  let best: { folder: Record<string, unknown>; length: number } | undefined;
  for (const folder of folders) {
    if (!isObject(folder) || typeof folder.path !== 'string') continue;
    const path = folder.path.replace(/^\[\[workspace\]\]\/?/, '').replace(/^\.?\/+|\/+$/g, '');
    const holds = path === '' || postsFolder === path || postsFolder.startsWith(`${path}/`);
    if (holds && (!best || path.length > best.length)) best = { folder, length: path.length };
  }
  return best?.folder;
}

/** An Astro collection's JSON Schema: the one named like the posts folder's last part, or the only one. */
function astroCollection(schema: unknown, from: string, declared: Declared): void {
  if (!isObject(schema)) throw new Error('not a JSON object');
  let root: unknown = schema;
  const ref = typeof schema.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(schema.$ref) : null;
  if (ref && isObject(schema.definitions)) root = schema.definitions[ref[1]!];
  if (!isObject(root) || !isObject(root.properties)) return;
  const required = new Set(Array.isArray(root.required) ? root.required.filter((k) => typeof k === 'string') : []);
  for (const [key, property] of Object.entries(root.properties)) {
    if (key.startsWith('$')) continue;
    set(declared, key, { type: jsonSchemaType(property), required: required.has(key) }, from);
  }
}

function jsonSchemaType(property: unknown): FieldType {
  if (!isObject(property)) return 'any';
  const options = Array.isArray(property.anyOf) ? property.anyOf.filter(isObject) : [property];
  if (options.some((o) => o.format === 'date-time' || o.format === 'date')) return 'date';
  if (options.length !== 1) return 'any';
  const { type, items } = options[0]!;
  if (type === 'string') return 'string';
  if (type === 'boolean') return 'boolean';
  if (type === 'array' && isObject(items) && items.type === 'string') return 'tags';
  return 'any';
}

/** `defaults:` whose scope takes in the posts: its values are given to every post, so no post must write them. */
function jekyllDefaults(config: unknown, from: string, postsFolder: string | undefined, declared: Declared): void {
  if (!isObject(config) || !Array.isArray(config.defaults)) return;
  for (const item of config.defaults) {
    if (!isObject(item) || !isObject(item.values)) continue;
    const scope = isObject(item.scope) ? item.scope : {};
    const type = scope.type;
    const scopePath = typeof scope.path === 'string' ? scope.path.replace(/^\/+|\/+$/g, '') : '';
    const postsType = type === undefined || type === 'posts';
    const inPath = scopePath === '' || postsFolder === undefined || `${postsFolder}/`.startsWith(`${scopePath}/`);
    if (!postsType || !inPath) continue;
    for (const key of Object.keys(item.values)) set(declared, key, { required: false }, from);
  }
}

/** Is a section page's `_index.md` the posts folder's own, or one above it? */
function appliesTo(path: string, postsFolder: string | undefined): boolean {
  if (postsFolder === undefined) return false;
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  return folder === '' || postsFolder === folder || postsFolder.startsWith(`${folder}/`);
}

/** Hugo's `cascade`: a mapping (or a list of them, each with a `_target`/`target`) given to the pages below. */
function hugoCascade(text: string, from: string, declared: Declared): void {
  const block = locateFrontMatter(text);
  if (!block?.close || block.leading) return;
  const cascade = parseBlock(text, block as ClosedBlock).pairs.find((p) => p.key === 'cascade')?.value;
  const tables = Array.isArray(cascade) ? cascade : [cascade];
  for (const table of tables) {
    if (!isObject(table)) continue;
    const params = isObject(table.params) ? table.params : {};
    for (const key of Object.keys({ ...table, ...params })) {
      if (key === '_target' || key === 'target' || key === 'params') continue;
      set(declared, key, { required: false }, from);
    }
  }
}
