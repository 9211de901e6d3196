/**
 * The blog's own roundups, on real posts (the model blog's corpus) and on fixtures of other wordings:
 * which posts are roundups, and where a draft starts (the newest published roundup, not the newest post
 * with a link).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { draftStart, draftStartWords, newestRoundup, type PostWithText } from '../../../src/core/roundup/draft';
import { newestPost } from '../../../src/core/roundup/post';
import { isRoundup } from '../../../src/core/roundup/postsFolder';
import { dateValueOf } from '../../../src/core/roundup/siblings';
import { fixturePath, sharedPath } from '../helpers';

/** The posts of a folder, as the editor and `roundup draft --since-last` read them. */
function readFolder(dir: string): PostWithText[] {
  return readdirSync(dir).sort().map((fileName) => {
    const text = readFileSync(path.join(dir, fileName), 'utf8');
    return { fileName, date: dateValueOf(text), text };
  });
}

const NOW = new Date('2018-02-01T00:00:00Z');

describe('the blog\'s own roundups', () => {
  it('the model blog: every roundup of the corpus counts, in each of its wordings, and no other post', () => {
    const posts = readFolder(sharedPath('corpus', 'rdo-blog'));
    assert.equal(posts.length, 143);
    const roundups = posts.filter((p) => isRoundup(p.text)).map((p) => p.fileName);
    // The blog names its roundups so: "blog-roundup" (2014 to 2015).
    assert.deepEqual(roundups, posts.map((p) => p.fileName).filter((n) => /blog-roundup/.test(n)));
    assert.equal(roundups.length, 53);
    for (const wording of [
      '2014-08-18-blog-roundup.html.md', // ... More at, excerpts quoted
      '2014-09-15-blog-roundup.html.md', // ... More at, excerpts not quoted
      '2014-12-15-blog-roundup.html.md', // titles not bold, ... Read more at a bare URL
      '2015-12-14-rdo-blog-roundup-week-of-december-14.html.md', // ... read more at [url](url)
    ])
      assert.ok(roundups.includes(wording), wording);
    // The newest post is an announcement with links; the draft starts at the last roundup.
    assert.equal(newestPost(posts)?.post.fileName, '2015-12-15-rdo-community-day-fosdem-schedule-announced.html.md');
    const start = draftStart(posts, NOW, 30);
    assert.equal(start.post?.fileName, '2015-12-14-rdo-blog-roundup-week-of-december-14.html.md');
    assert.equal(draftStartWords(start),
      'since the last roundup, 2015-12-14-rdo-blog-roundup-week-of-december-14.html.md (dated 2015-12-14 15:53 UTC)');
  });

  it('"Read more at", the later wording: the last roundup before a tutorial of 2018-01-22 is of 2018-01-10', () => {
    const later = readFolder(fixturePath('roundups', 'read-more-at'));
    const posts = [...readFolder(sharedPath('corpus', 'rdo-blog')), ...later];
    // The tutorial and the announcement hold links, the newest draft is not published.
    assert.equal(newestPost(posts)?.post.fileName, '2018-01-29-recent-blog-posts-draft.html.md');
    for (const name of ['2018-01-15-rdo-community-day-at-fosdem.html.md', '2018-01-22-CICD-workflow-with-zuul.html.md',
      '2018-01-29-recent-blog-posts-draft.html.md'])
      assert.equal(isRoundup(later.find((p) => p.fileName === name)!.text), false, name);
    const start = draftStart(posts, NOW, 30);
    assert.equal(start.post?.fileName, '2018-01-10-recent-blog-posts.html.md');
    assert.equal(start.since.toISOString(), '2018-01-10T15:38:22.000Z');
    assert.equal(draftStartWords(start),
      'since the last roundup, 2018-01-10-recent-blog-posts.html.md (dated 2018-01-10 15:38 UTC)');
  });

  it('"Continue reading": the roundup counts, release notes with a "Continue reading" line do not', () => {
    const posts = readFolder(fixturePath('roundups', 'continue-reading'));
    assert.deepEqual(posts.filter((p) => isRoundup(p.text)).map((p) => p.fileName),
      ['2024-03-04-this-week-in-the-ecosystem.md']);
    assert.equal(newestRoundup(posts)?.date.toISOString(), '2024-03-04T00:00:00.000Z');
  });

  it('a link on the bold title: digests count (one entry with its quote too), a bold link in prose does not', () => {
    const posts = readFolder(fixturePath('roundups', 'linked-titles'));
    assert.deepEqual(posts.filter((p) => isRoundup(p.text)).map((p) => p.fileName),
      ['2023-11-20-planet-digest.md', '2023-11-27-one-post-to-read.md']);
    const withoutLast = posts.filter((p) => p.fileName !== '2023-11-27-one-post-to-read.md');
    assert.equal(newestPost(withoutLast)?.post.fileName, '2023-11-24-meetup-in-lyon.md');
    assert.equal(newestRoundup(withoutLast)?.post.fileName, '2023-11-20-planet-digest.md');
    assert.equal(newestRoundup(withoutLast)?.date.toISOString(), '2023-11-20T17:00:00.000Z');
  });
});
