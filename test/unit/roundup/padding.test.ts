import * as assert from 'node:assert/strict';
import { frontMatterEnd } from '../../../src/core/frontmatter/locate';
import { type InsertionEdit, padForInsertion } from '../../../src/core/roundup/insertion';
import { analyze } from './markdown';

const BLOCK = '**New entry** by Someone\n\n> An excerpt.\n\n... read more at [http://n.example/1](http://n.example/1)';

function apply(doc: string, edit: InsertionEdit): string {
  return doc.slice(0, edit.start) + edit.text + doc.slice(edit.end);
}

function insert(doc: string, offset: number, block = BLOCK): string {
  return apply(doc, padForInsertion(doc, offset, block));
}

/** The rendered blocks of a document's body as `path: text` strings. */
function rendered(doc: string): string[] {
  return analyze(doc.slice(frontMatterEnd(doc))).map((b) => `${b.path}: ${b.text}`);
}

const POST = [
  '---',
  'title: RDO blogs over the last few weeks',
  'author: rbowen',
  'date: 2016-05-17 17:18:56 UTC',
  '---',
  '',
  "I've been traveling a lot over the last few weeks,",
  'and have fallen behind.',
  '',
  '* [Ivan Chavero](https://www.rdoproject.org/blog/2016/04/ivan/)',
  '* [Ihar Hrachyshka](https://www.rdoproject.org/blog/2016/04/ihar/)',
  '',
  'Additionally, there were the following:',
  '',
  '**Deploying the new OpenStack EC2 API project** by Tim Bell',
  '',
  '> OpenStack has supported a subset of the EC2 API.',
  '',
  '... read more at [http://tm3.org/6e](http://tm3.org/6e)',
  '',
  '',
  '**Running Keystone Unit Tests** by Adam Young',
  '',
  '> Just because upstrem is no longer supporting Essix.',
  '',
  '... read more at [http://tm3.org/6f](http://tm3.org/6f)',
  '',
].join('\n');

const PLAIN = ['Intro line one', 'line two', '', '```', 'code', '', 'more code', '```', '', '    indented code', '', '', '', 'last paragraph'].join('\n');

const DOCUMENTS: Record<string, string> = {
  post: POST,
  plain: PLAIN,
  crlf: POST.replace(/\n/g, '\r\n'),
  blankRuns: '\n\n\nA\n\n\n\nB\n\n\n',
  empty: '',
  oneWord: 'x',
  frontMatterOnly: '---\ntitle: x\n---\n',
  frontMatterNoBreak: '---\ntitle: x\n---',
  unclosedFence: 'text\n\n~~~\ncode\n\nstill code',
  whitespaceLines: 'a\n   \n\t\nb\n  ',
};

describe('roundup/padForInsertion', () => {
  for (const [name, doc] of Object.entries(DOCUMENTS)) {
    it(`keeps the markdown around the block intact at every offset of "${name}"`, () => {
      const eol = doc.includes('\r\n') ? '\r\n' : '\n';
      const block = BLOCK.replace(/\n/g, eol);
      const before = rendered(doc);
      const inserted = rendered(block);
      const body = frontMatterEnd(doc);
      for (let offset = 0; offset <= doc.length; offset++) {
        const edit = padForInsertion(doc, offset, BLOCK);
        const out = apply(doc, edit);
        const where = `${name} @${offset}: ${JSON.stringify(out)}`;
        // Only blank lines and line breaks are replaced.
        assert.match(doc.slice(edit.start, edit.end), /^\s*$/, where);
        // Nothing of the front matter but the line break after it.
        assert.match(doc.slice(edit.start, Math.max(edit.start, body)), /^\s*$/, where);
        // The block is there, with the document's line breaks.
        assert.equal(out.slice(edit.blockStart, edit.blockEnd), block, where);
        // Exactly one blank line before it (or the start of the document), and after it (or one final line break).
        const head = out.slice(0, edit.blockStart);
        const tail = out.slice(edit.blockEnd);
        if (head !== '') {
          assert.ok(head.endsWith(eol + eol), where);
          assert.ok(!/(?:\r?\n[ \t]*){3}$/.test(head), where);
        }
        if (tail === eol) continue;
        assert.ok(tail.startsWith(eol + eol), where);
        assert.match(tail.slice(2 * eol.length), /^[^\r\n]*\S/, where);
        // Everything else renders as before, with the block's own blocks added.
        const after = rendered(out);
        const k = after.findIndex((_, i) => inserted.every((x, j) => after[i + j] === x));
        assert.ok(k >= 0, where);
        assert.deepEqual([...after.slice(0, k), ...after.slice(k + inserted.length)], before, where);
      }
    });
  }

  it('inserts at a blank line between paragraphs', () => {
    const doc = 'A\n\nB\n';
    assert.equal(insert(doc, 2), `A\n\n${BLOCK}\n\nB\n`);
  });

  it('inserts before a paragraph when the cursor is at its start, after it otherwise', () => {
    const doc = 'A\n\nB line 1\nB line 2\n\nC';
    assert.equal(insert(doc, 3), `A\n\n${BLOCK}\n\nB line 1\nB line 2\n\nC`);
    for (const offset of [4, 8, 12, 20]) assert.equal(insert(doc, offset), `A\n\nB line 1\nB line 2\n\n${BLOCK}\n\nC`, String(offset));
  });

  it('appends at the end with one final line break', () => {
    assert.equal(insert('A', 1), `A\n\n${BLOCK}\n`);
    assert.equal(insert('A\n', 2), `A\n\n${BLOCK}\n`);
    assert.equal(insert('A\n\n\n\n', 5), `A\n\n${BLOCK}\n`);
  });

  it('inserts into an empty document as the whole text', () => {
    assert.equal(insert('', 0), `${BLOCK}\n`);
    assert.equal(insert('\n\n', 1), `${BLOCK}\n`);
  });

  it('replaces a run of blank lines by one blank line on each side', () => {
    assert.equal(insert('A\n\n\n\n\nB', 4), `A\n\n${BLOCK}\n\nB`);
  });

  it('moves a cursor in the front matter to the start of the body', () => {
    const doc = '---\ntitle: x\n---\nBody\n';
    for (const offset of [0, 5, 14, 17]) assert.equal(insert(doc, offset), `---\ntitle: x\n---\n\n${BLOCK}\n\nBody\n`, String(offset));
    assert.equal(insert('---\ntitle: x\n---\n', 2), `---\ntitle: x\n---\n\n${BLOCK}\n`);
    assert.equal(insert('---\ntitle: x\n---', 2), `---\ntitle: x\n---\n\n${BLOCK}\n`);
    assert.equal(insert('---\ntitle: x\n---\n\n\nBody', 18), `---\ntitle: x\n---\n\n${BLOCK}\n\nBody`);
  });

  it('never splits a roundup block: inside one, the new block goes after it', () => {
    const existing = '**Old** by X\n\n> Old excerpt.\n\n... read more at [http://o.example](http://o.example)';
    const doc = `Intro\n\n${existing}\n\nOutro\n`;
    const start = doc.indexOf('**Old');
    for (let offset = start + 1; offset <= start + existing.length; offset++) {
      assert.equal(insert(doc, offset), `Intro\n\n${existing}\n\n${BLOCK}\n\nOutro\n`, String(offset));
    }
    assert.equal(insert(doc, start), `Intro\n\n${BLOCK}\n\n${existing}\n\nOutro\n`);
  });

  it('never splits a block in the blog\'s other wordings: Read more at, Continue reading, a linked title with its quote', () => {
    for (const existing of [
      '**Old** by X\n\n> Old excerpt.\n\nRead more at [http://o.example](http://o.example)',
      '**Old** by X\n\n> Old excerpt.\n\n[Continue reading \u2192](http://o.example)',
      '**Old** by X\n\nAn excerpt of older posts,\nnot quoted.\n\n... More at [o.example](http://o.example)',
      '**[Old](http://o.example)** by X\n\n> Old excerpt.\n\n> A second paragraph.',
    ]) {
      const doc = `Intro\n\n${existing}\n\nOutro\n`;
      const start = doc.indexOf('**');
      for (let offset = start + 1; offset <= start + existing.length; offset++)
        assert.equal(insert(doc, offset), `Intro\n\n${existing}\n\n${BLOCK}\n\nOutro\n`, `${existing} at ${offset}`);
    }
  });

  it('never splits a fenced code block, even at a blank line inside it', () => {
    const doc = 'A\n\n```\nx\n\ny\n```\n\nB';
    const blank = doc.indexOf('\n\ny') + 1;
    assert.equal(insert(doc, blank), `A\n\n\`\`\`\nx\n\ny\n\`\`\`\n\n${BLOCK}\n\nB`);
  });

  it('keeps CRLF line breaks', () => {
    const doc = 'A\r\n\r\nB\r\n';
    const out = insert(doc, 3);
    assert.equal(out, `A\r\n\r\n${BLOCK.replace(/\n/g, '\r\n')}\r\n\r\nB\r\n`);
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  });

  it('puts a one-line list item into the list at the cursor line', () => {
    const doc = 'Intro:\n\n* [A](http://a)\n* [B](http://b)\n\nEnd';
    const item = '* [N](http://n)';
    assert.equal(insert(doc, doc.indexOf('[A]'), item), 'Intro:\n\n* [A](http://a)\n* [N](http://n)\n* [B](http://b)\n\nEnd');
    assert.equal(insert(doc, doc.indexOf('* [B]'), item), 'Intro:\n\n* [A](http://a)\n* [N](http://n)\n* [B](http://b)\n\nEnd');
    assert.equal(insert(doc, doc.indexOf('End'), item), `Intro:\n\n* [A](http://a)\n* [B](http://b)\n\n${item}\n\nEnd`);
    assert.deepEqual(rendered(insert(doc, doc.indexOf('[B]'), item)).filter((b) => b.startsWith('ul')).length, 3);
    const fenced = 'A\n\n```\n* not a list\n```\n';
    assert.equal(insert(fenced, fenced.indexOf('* not'), item), `A\n\n\`\`\`\n* not a list\n\`\`\`\n\n${item}\n`);
  });

  it('reports where the block lands and trims blank lines around the block text', () => {
    const doc = 'A\n\nB';
    const edit = padForInsertion(doc, 1, `\n\n${BLOCK}\n\n`);
    assert.deepEqual({ start: edit.start, end: edit.end }, { start: 1, end: 3 });
    assert.equal(apply(doc, edit).slice(edit.blockStart, edit.blockEnd), BLOCK);
    assert.equal(edit.blockStart, 3);
  });

  it('does nothing for an empty block and clamps the offset', () => {
    assert.deepEqual(padForInsertion('abc', 2, '  \n'), { start: 2, end: 2, text: '', blockStart: 2, blockEnd: 2 });
    assert.equal(insert('A', 99), `A\n\n${BLOCK}\n`);
    assert.equal(insert('A', -5), `${BLOCK}\n\nA`);
  });
});
