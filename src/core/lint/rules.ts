/**
 * Every lint rule, in one table: each part lists its rules (id, default severity, description) beside
 * the code that checks them, and this gathers the parts' tables. Settings, the README table and
 * package.json's list of rule ids are checked against it.
 */
import { FRONT_MATTER_RULES } from '../frontmatter/schema';
import { LINK_RULES } from '../links/rules';
import { BODY_RULES } from '../roundup/rules';

export const RULES = { ...FRONT_MATTER_RULES, ...BODY_RULES, ...LINK_RULES } as const;

export type RuleId = keyof typeof RULES;

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
