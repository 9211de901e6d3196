/** Lints a post: its front matter and its body (`post-*` rules); shared by the extension and the CLI. */
import { datedPath } from '../base/datedPath';
import { DEFAULT_DATE_STYLE, inferDateStyle, type DateStyle } from '../frontmatter/dates';
import { lintFrontMatter } from '../frontmatter/lint';
import type { FieldType, Schema } from '../frontmatter/schema';
import type { Generator } from '../frontmatter/siteGenerator';
import { titleFromFileName } from '../roundup/post';
import { type FeaturedContext, lintBody } from '../roundup/rules';
import { applyEdits, byPosition, fixAllEdits, type Problem, type RuleSetting } from './problem';

/** What the lint of a post reads of the `roundup.*` settings (core/settings.ts's `RoundupSettings` has it). */
export interface LintSettings {
  author: string;
  lint: { rules: Record<string, RuleSetting> };
  frontMatter: {
    required: string[];
    fields: Record<string, FieldType>;
    dateStyle: DateStyle | 'auto';
  };
}

export interface PostContext {
  /** The post's file name (without folders), for a title suggestion. */
  fileName?: string;
  /** The post's path relative to the blog: a dated path (base/datedPath.ts) stands for the date key. */
  path?: string;
  /** Date values of the post's siblings (other posts in its folder), so a missing date is written their way. */
  siblingDates?: readonly string[];
  now: Date;
  /** A page that is not a post (core/posts.ts): the front matter's syntax rules only, no schema rule, no body rule. */
  syntaxOnly?: boolean;
  /** The blog's roundups and the post's path among them, for `post-featured-before` (none: the rule is not run). */
  featured?: FeaturedContext;
  /** The blog's schema (frontmatter/blogSchema.ts); none: the settings' `required` and `fields`. */
  schema?: Schema;
  /** The blog's site generator (frontmatter/siteGenerator.ts), when its configuration file tells. */
  generator?: Generator;
}

/** The schema of this post: a dated path stands for the date key when that is the blog's way. */
function schemaOf(settings: LintSettings, context: PostContext): Schema {
  const schema = context.schema ?? { required: settings.frontMatter.required, fields: settings.frontMatter.fields };
  const dated = schema.dateInFileName;
  const path = context.path ?? context.fileName;
  if (!dated || !path || !datedPath(path)) return schema;
  return { ...schema, required: schema.required.filter((key) => key !== dated) };
}

/** The rules a page gets: a broken block is broken wherever it is. */
const SYNTAX_RULES: ReadonlySet<string> = new Set([
  'fm-unclosed',
  'fm-yaml-syntax',
  'fm-toml-syntax',
  'fm-json-syntax',
  'fm-duplicate-key',
]);

export function lintPost(text: string, settings: LintSettings, context: PostContext): Problem[] {
  const fm = settings.frontMatter;
  const inferred = context.siblingDates ? inferDateStyle(context.siblingDates) : DEFAULT_DATE_STYLE;
  const style = fm.dateStyle !== 'auto' ? fm.dateStyle : inferred;
  const defaults: Record<string, string> = {};
  if (settings.author) defaults.author = settings.author;
  const title = context.fileName ? titleFromFileName(context.fileName) : '';
  if (title) defaults.title = title;
  const problems = lintFrontMatter(text, {
    schema: schemaOf(settings, context),
    rules: settings.lint.rules,
    now: context.now,
    dateStyle: style,
    defaults,
    generator: context.generator,
  });
  if (context.syntaxOnly) return problems.filter((p) => SYNTAX_RULES.has(p.rule));
  const body = lintBody(text, settings.lint.rules, context.featured);
  // By position, as the front matter rules come (a stable sort keeps their order among equals).
  return body.length === 0 ? problems : [...problems, ...body].sort(byPosition);
}

export interface FixResult {
  /** The text with the preferred fixes applied (the same string when nothing was fixed). */
  text: string;
  /** The problems whose preferred fix was applied, in the order they were fixed. */
  fixed: Problem[];
  /** What is left after fixing. */
  problems: Problem[];
}

/**
 * Applies the preferred fix of each problem (`roundup lint --fix`, the extension's fix all), again
 * on the new text while a pass still fixes something (fixes that overlap wait for the next pass), at
 * most `maxPasses` times. Line endings stay as they are (the fixes write the block's own), and a byte
 * order mark stays: a fix that would remove it is left for a person to decide.
 */
export function fixPost(text: string, settings: LintSettings, context: PostContext, maxPasses = 5): FixResult {
  const fixed: Problem[] = [];
  let problems = lintPost(text, settings, context);
  for (let pass = 0; pass < maxPasses; pass++) {
    const bom = text.startsWith('\uFEFF');
    const fixable = problems.filter((p) => {
      const fix = p.fixes.find((f) => f.preferred);
      return fix && !(bom && fix.edits.some((e) => e.start === 0 && e.end > 0 && !e.newText.startsWith('\uFEFF')));
    });
    const edits = fixAllEdits(fixable);
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    // The problems fixed are those whose preferred fix's edits were all taken.
    fixed.push(...fixable.filter((p) => p.fixes.find((f) => f.preferred)!.edits.every((e) => edits.includes(e))));
    text = next;
    problems = lintPost(text, settings, context);
  }
  return { text, fixed, problems };
}
