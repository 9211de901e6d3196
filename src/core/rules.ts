/**
 * Every lint rule, in one place: the front matter rules (`fm-*`, from the front matter module) and
 * the rules on the rest of a post (`post-*`), each with its default severity. Settings, the README
 * table and package.json's list of rule ids are checked against this.
 */
import { FRONT_MATTER_RULES } from './frontmatter/schema';
import type { Severity } from './problem';

const POST_RULES = {
  'post-duplicate-link': {
    severity: 'warning',
    description: 'The same entry link twice in a post; reported on the second, with a fix that removes its block.',
  },
  'post-dead-link': {
    severity: 'error',
    description:
      'A link that "Check links in this post" (or `roundup links`) found dead: 4xx/5xx, DNS failure, timeout, ' +
      'redirect loop.',
  },
  'post-redirected-link': {
    severity: 'warning',
    description: 'A link that redirects elsewhere (short links excepted); the fix puts the final URL in.',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export const RULES = { ...FRONT_MATTER_RULES, ...POST_RULES } as const;

export type RuleId = keyof typeof RULES;

/** Per-rule override from `roundup.frontMatter.rules`: another severity, or off. */
export type RuleSetting = Severity | 'off';

/** The severity a rule reports with under `roundup.frontMatter.rules`; undefined when it is off. */
export function severityOf(rule: RuleId, settings: Readonly<Record<string, RuleSetting>>): Severity | undefined {
  const setting = Object.prototype.hasOwnProperty.call(settings, rule) ? settings[rule] : undefined;
  return setting === 'off' ? undefined : (setting ?? RULES[rule].severity);
}

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
