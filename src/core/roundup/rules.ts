/** Lint rules on a post's body: `post-duplicate-link`, `post-featured-before`. */
import { lineColumns } from '../base/lines';
import { frontMatterEnd } from '../frontmatter/locate';
import { byPosition, severityOf, type Problem, type RuleInfo, type RuleSetting } from '../lint/problem';
import { findDuplicateLinks } from './duplicates';
import { featuredIn, type FeaturedIndex } from './featured';
import { postDate } from './post';
import { frontMatterValue } from './postsFolder';
import { findTextEntries } from '../markdown';

/** The rules on a post's body, checked here; ../lint/rules.ts gathers every part's rules. */
export const BODY_RULES = {
  'post-duplicate-link': {
    severity: 'warning',
    description: 'The same entry link twice in a post; reported on the second, with a fix that removes its block.',
  },
  'post-featured-before': {
    severity: 'info',
    description: 'An entry that an earlier roundup of the blog already features (by link, or title and author).',
  },
} as const satisfies Record<string, RuleInfo>;

/** The blog's roundups, for `post-featured-before`: the index, and the post's own path in it (which never counts). */
export interface FeaturedContext {
  index: FeaturedIndex;
  self?: string;
}

/** Every rule of {@link BODY_RULES} on a post's text: what `lintPost` runs on the body. */
export function lintBody(
  text: string,
  rules: Readonly<Record<string, RuleSetting>> = {},
  featured?: FeaturedContext,
): Problem[] {
  const duplicates = lintDuplicateLinks(text, rules);
  if (!featured) return duplicates;
  const before = lintFeaturedBefore(text, featured, rules);
  return before.length === 0 ? duplicates : [...duplicates, ...before].sort(byPosition);
}

/**
 * `post-featured-before`: an entry of the post (a read-more line's link, a linked title's, a list item of entry
 * links: ../markdown/entryList.ts) that another roundup of the blog already features (one dated before the
 * post, when the post has a date: a later roundup featuring it again is that one's problem); on its link.
 * No fix: the writer decides whether it belongs in this post too.
 */
function lintFeaturedBefore(
  text: string,
  featured: FeaturedContext,
  rules: Readonly<Record<string, RuleSetting>> = {},
): Problem[] {
  const rule = 'post-featured-before';
  const severity = severityOf(BODY_RULES, rule, rules);
  if (severity === undefined || featured.index.size === 0) return [];
  const problems: Problem[] = [];
  const self = featured.self ?? '';
  const date = postDate({ fileName: self.slice(self.lastIndexOf('/') + 1), date: frontMatterValue(text, 'date') });
  for (const entry of findTextEntries(text, frontMatterEnd(text))) {
    const post = featured.index.findTextEntry(entry, featured.self, date);
    if (!post) continue;
    const message = `Featured before in ${featuredIn(post)} (${post.path})`;
    problems.push({ rule, severity, message, start: entry.start, end: entry.end, fixes: [] });
  }
  return problems;
}

/**
 * `post-duplicate-link`: an entry that an earlier entry of the post already has (what counts as an
 * entry: ./duplicates.ts); on the second link's target. The fix removes the second
 * block (or list item) with its separating blank line; it is not preferred, so "fix all" never
 * deletes a block on its own. Links inside the front matter are not looked at.
 *
 * The text is not split into lines: only the lines that hold a link are looked at, found from one
 * link scan of the text.
 */
export function lintDuplicateLinks(text: string, rules: Readonly<Record<string, RuleSetting>> = {}): Problem[] {
  const rule = 'post-duplicate-link';
  const severity = severityOf(BODY_RULES, rule, rules);
  if (severity === undefined) return [];
  // Only the body: a link in the front matter is no entry of the post.
  const duplicates = findDuplicateLinks(text, frontMatterEnd(text));
  if (duplicates.length === 0) return [];
  const places = lineColumns(text, duplicates.map((d) => d.firstStart));
  return duplicates.map((d) => ({
    rule,
    severity,
    message: `This entry is already in the post (line ${places.get(d.firstStart)!.line + 1}): ${d.url}`,
    start: d.start,
    end: d.end,
    fixes: d.removal
      ? [
          {
            title: d.listItem ? 'Remove this duplicate list item' : 'Remove this duplicate block',
            edits: [{ start: d.removal.start, end: d.removal.end, newText: '' }],
          },
        ]
      : [],
  }));
}
