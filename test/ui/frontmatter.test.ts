import * as assert from 'node:assert/strict';
import { useVSCode, WALKTHROUGH_CLIP } from '../harness/ui';

const POST = '2016-04-26-openstack-summit-austin-day-1.html.md';

describe('UI: front matter diagnostics and quick fixes', function () {
  const session = useVSCode();

  it('shows a squiggle under the stray colon and the problem, with its rule id, in the Problems panel', async () => {
    const vscode = session();
    await vscode.openFile(POST);
    await vscode.waitForEditorText('title: OpenStack Summit Austin: Day 1');
    await vscode.waitForVisible('.editor-group-container.active .monaco-editor .squiggly-error', 'a red squiggle in the editor');
    const row = await vscode.showProblems('fm-yaml-syntax');
    const text = (await row.textContent()) ?? '';
    assert.match(text, /A value that contains ": " must be quoted/);
    assert.match(text, /roundup\(fm-yaml-syntax\)|fm-yaml-syntax/);
    assert.match(text, /\[Ln 2, Col 8\]/);
    await vscode.screenshot('frontmatter-problems');
  });

  it('fixes it with Ctrl+. and the editor shows the quoted title', async () => {
    const vscode = session();
    // Back in the editor, on the squiggle (line 2, column 8).
    await vscode.cursorAt(2, 9);
    const fix = await vscode.quickFixMenu('Quote the value');
    await vscode.screenshot('frontmatter-quick-fix');
    await vscode.screenshot('walkthrough-fix', { clip: WALKTHROUGH_CLIP });
    // The preferred fix comes first and has the focus: Enter applies it.
    await vscode.waitForVisible(fix.and(vscode.page.locator('.focused')), 'the preferred fix to have the focus');
    await vscode.page.keyboard.press('Enter');
    const fixed = await vscode.waitForEditorText('title: "OpenStack Summit Austin: Day 1"');
    assert.match(fixed, /^---\ntitle: "OpenStack Summit Austin: Day 1"\nauthor: Gordon Tillmore\n/);
    await vscode.waitFor(async () => (await vscode.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').count()) === 0, 'the squiggle to go away');
  });
});

describe('UI: a diagnostic of the learned schema names the posts it comes from', function () {
  // A Jekyll-like blog of 24 posts that all write `category`, and one post without it.
  const day = (i: number) => `2016-05-${String(i + 1).padStart(2, '0')}`;
  const files: Record<string, string> = {
    'blog/_posts/2016-06-30-no-category.md': '---\nlayout: post\ntitle: "No category"\n---\n\nText.\n',
  };
  for (let i = 0; i < 24; i++) {
    files[`blog/_posts/${day(i)}-post-${i}.md`] = `---\nlayout: post\ntitle: "Post ${i}"\ncategory: news\n---\n\nText.\n`;
  }
  const session = useVSCode({ files });

  it('the hover of "Required field" says how many posts write the key and links the newest of them', async () => {
    const vscode = session();
    await vscode.openFile('blog/_posts/2016-06-30-no-category.md');
    await vscode.waitForEditorText('title: "No category"');
    const squiggle = vscode.page.locator('.editor-group-container.active .squiggly-error').first();
    await vscode.waitForVisible(squiggle, 'the squiggle of the missing category');
    // 26 posts: these 25, and the workspace's own dated post (a dated file is a post wherever it is).
    const hover = vscode.page.locator('.monaco-hover', { hasText: '24 of 26 posts write "category"' }).first();
    await vscode.hover(squiggle, () => hover.isVisible(), 'the hover with where the expectation comes from');
    await vscode.waitForVisible(hover.getByText('writes category: news').first(), 'the posts that write it, in the hover');
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /Required field "category" is missing \(24 of 26 posts write "category"\)/);
    assert.match(text, /2016-05-24-post-23\.md/);
    // The picture once the hover has faded in (it is drawn over the text, see-through, while it does).
    type Styled = { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { opacity: string } } } };
    const opaque = async () => (await hover.evaluate((e: Styled) => e.ownerDocument.defaultView.getComputedStyle(e).opacity)) === '1';
    await vscode.waitFor(opaque, 'the hover to have faded in');
    await vscode.screenshot('frontmatter-learned-hover');
  });
});
