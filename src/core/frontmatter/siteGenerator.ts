/**
 * Which site generator builds the blog, told by the configuration file at its root, and what that
 * generator reads as front matter when something stands before it. Each generator's own reader:
 * - Hugo skips a byte order mark and whitespace before the front matter (its page lexer);
 * - Zola drops a byte order mark when it reads a file and lets whitespace stand before the `+++`;
 * - Astro lets a byte order mark or blank lines stand before the fence;
 * - Jekyll reads files as `bom|utf-8` (the mark is dropped) and wants the fence at the very start;
 * - Eleventy (gray-matter) drops the mark and wants the fence at the very start.
 * Middleman and a blog whose generator is not known get no such leeway.
 */

export type Generator = 'hugo' | 'zola' | 'jekyll' | 'eleventy' | 'astro' | 'middleman';

/** The generator's name as its users write it. */
export const GENERATOR_NAMES: Record<Generator, string> = {
  hugo: 'Hugo',
  zola: 'Zola',
  jekyll: 'Jekyll',
  eleventy: 'Eleventy',
  astro: 'Astro',
  middleman: 'Middleman',
};

/** What may stand before the front matter with the generator still reading it as front matter. */
export interface LeadingAccepted {
  bom: boolean;
  blank: boolean;
}

const ACCEPTED: Record<Generator, LeadingAccepted> = {
  hugo: { bom: true, blank: true },
  zola: { bom: true, blank: true },
  astro: { bom: true, blank: true },
  jekyll: { bom: true, blank: false },
  eleventy: { bom: true, blank: false },
  middleman: { bom: false, blank: false },
};

const NOTHING: LeadingAccepted = { bom: false, blank: false };

export function leadingAccepted(generator: Generator | undefined): LeadingAccepted {
  return generator ? ACCEPTED[generator] : NOTHING;
}

/** The configuration files that name one generator each, by generator (the first found wins, in this order). */
const CONFIG_FILES: readonly [Generator, RegExp][] = [
  ['hugo', /^hugo\.(?:toml|ya?ml|json)$/],
  ['astro', /^astro\.config\.(?:[mc]?js|[mc]?ts)$/],
  ['eleventy', /^(?:\.eleventy|eleventy\.config)\.(?:[mc]?js|[mc]?ts)$/],
  ['jekyll', /^_config\.(?:ya?ml|toml)$/],
  ['middleman', /^config\.rb$/],
  // Hugo's older names; Zola's config.toml is told apart by its keys (see detectGenerator).
  ['hugo', /^config\.(?:ya?ml|json)$/],
];

/** The file a blog's root may hold for Hugo (its older name) or for Zola: read to tell them apart. */
export const SHARED_CONFIG = 'config.toml';

/** A glob of the names of every file {@link CONFIG_FILES} and {@link SHARED_CONFIG} know (and a few more). */
export const CONFIG_GLOB = '{hugo.*,astro.config.*,.eleventy.*,eleventy.config.*,_config.*,config.*}';

/**
 * The generator of the blog whose root holds the files `rootNames`; `readShared` gives the text of
 * {@link SHARED_CONFIG} (undefined when it cannot be read). Undefined when no configuration file tells.
 */
export function detectGenerator(
  rootNames: readonly string[],
  readShared: () => string | undefined,
): Generator | undefined {
  for (const [generator, name] of CONFIG_FILES) if (rootNames.some((n) => name.test(n))) return generator;
  if (!rootNames.includes(SHARED_CONFIG)) return undefined;
  const text = readShared() ?? '';
  // Zola's keys are snake_case (`base_url`, `compile_sass`); Hugo's are camelCase (`baseURL`, any case).
  if (/^[ \t]*(?:base_url|compile_sass|build_search_index|generate_feeds?)[ \t]*=/m.test(text)) return 'zola';
  if (/^[ \t]*(?:baseurl|languagecode|theme|paginate)[ \t]*=/im.test(text)) return 'hugo';
  return undefined;
}
