/** Lint rules on a post's body: `post-duplicate-link`. */
import type { Problem } from '../problem';
import { severityOf, type RuleSetting } from '../rules';
import { frontMatterEnd } from '../frontmatter/locate';
import { lineIndexAt, splitLines } from '../base/lines';
import { findDuplicateLinks } from './links';

/**
 * `post-duplicate-link`: an entry link (a read-more line's link, or a one-link list item) that an
 * earlier entry link of the post already has; on the second link's target. The fix removes the
 * second block (or list item) with its separating blank line; it is not preferred, so "fix all"
 * never deletes a block on its own. Links inside the front matter are not looked at.
 */
export function lintDuplicateLinks(text: string, rules: Readonly<Record<string, RuleSetting>> = {}): Problem[] {
  const rule = 'post-duplicate-link';
  const severity = severityOf(rule, rules);
  if (severity === undefined) return [];
  // Only the body: a link in the front matter is no entry of the post.
  const bodyStart = frontMatterEnd(text);
  const duplicates = findDuplicateLinks(bodyStart > 0 ? text.slice(bodyStart) : text);
  if (duplicates.length === 0) return [];
  const lines = splitLines(text);
  const lineOf = (offset: number) => lineIndexAt(lines, offset) + 1;
  const at = (offset: number) => offset + bodyStart;
  return duplicates.map((body) => {
    const d = {
      ...body,
      start: at(body.start),
      end: at(body.end),
      firstStart: at(body.firstStart),
      block: body.block && { start: at(body.block.start), end: at(body.block.end) },
      removal: body.removal && { start: at(body.removal.start), end: at(body.removal.end) },
    };
    // A roundup block spans several lines; a list item (the `link` template) is one.
    const listItem = d.block !== null && !/[\r\n]/.test(text.slice(d.block.start, d.block.end));
    return {
      rule,
      severity,
      message: `This entry is already in the post (line ${lineOf(d.firstStart)}): ${d.url}`,
      start: d.start,
      end: d.end,
      fixes: d.removal
        ? [{ title: listItem ? 'Remove this duplicate list item' : 'Remove this duplicate block', edits: [{ start: d.removal.start, end: d.removal.end, newText: '' }] }]
        : [],
    };
  });
}
