/**
 * The link rules' table alone, apart from the checker (`check.ts`) and its network code: the lint room
 * gathers every part's rules at start, and `roundup lint` must not load http, tls or the feed code for it.
 */
import type { RuleInfo } from '../lint/problem';

/** The rules on a post's links, checked by `linkProblems` in check.ts; ../lint/rules.ts gathers every part's rules. */
export const LINK_RULES = {
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
} as const satisfies Record<string, RuleInfo>;
