import * as assert from 'node:assert/strict';
import { frontMatterEnd } from '../../../src/core/frontmatter/locate';
import { splitLines } from '../../../src/core/base/lines';
import { findRoundupBlocks } from '../../../src/core/markdown';

const BLOCK_A = '**Deploying EC2** by Tim Bell\n\n> OpenStack has supported a subset of the EC2 API.\n\n... read more at [http://tm3.org/6e](http://tm3.org/6e)';
const BLOCK_B = '**Keystone tests** by Adam Young\n\n> Just because.\n\n... read more at [http://tm3.org/6f](http://tm3.org/6f)';

describe('markdown: roundup blocks', () => {
  it('finds roundup blocks from the title line to the read-more line', () => {
    const text = `Intro\n\n${BLOCK_A}\n\n\n${BLOCK_B}\n`;
    const blocks = findRoundupBlocks(text);
    assert.equal(blocks.length, 2);
    assert.equal(text.slice(blocks[0].start, blocks[0].end), BLOCK_A);
    assert.equal(text.slice(blocks[1].start, blocks[1].end), BLOCK_B);
  });

  it('accepts the variants of the blog: title on two lines, lazy quote lines, bare read-more URL, no excerpt', () => {
    const text = [
      '**Survey: OpenStack users value portability**',
      'by Gordon Haff ',
      '',
      '> 75 percent of the respondents',
      'continued lazily.',
      '',
      '> second quote paragraph',
      '',
      '... Read more at http://tm3.org/r',
      '',
      '**No excerpt** by X',
      '',
      '\u2026 read more at [http://tm3.org/s](http://tm3.org/s)',
    ].join('\n');
    assert.equal(findRoundupBlocks(text).length, 2);
  });

  it('does not take prose between a bold line and a read-more line for a block', () => {
    const text = '**Note**: something\n\nA paragraph of prose.\n\n> quote\n\n... read more at http://x.example';
    assert.deepEqual(findRoundupBlocks(text), []);
    assert.deepEqual(findRoundupBlocks('Title, by X\n\n> q\n\n... read more at http://x.example'), []);
  });

  it('splits lines with offsets and finds the end of the front matter', () => {
    assert.deepEqual(splitLines('a\r\nb\nc').map((l) => [l.start, l.end, l.next, l.text]), [[0, 1, 3, 'a'], [3, 4, 5, 'b'], [5, 6, 6, 'c']]);
    assert.equal(frontMatterEnd('---\na: 1\n---\nbody'), 13);
    assert.equal(frontMatterEnd('---\r\na: 1\r\n...\r\nbody'), 16);
    assert.equal(frontMatterEnd('---\na: 1\n---'), 12);
    assert.equal(frontMatterEnd('---\na: 1\nno end'), 0);
    assert.equal(frontMatterEnd('text\n---\n'), 0);
    assert.equal(frontMatterEnd('\ufeff---\na: 1\n---\nbody'), 14, 'after a byte order mark');
    assert.equal(frontMatterEnd('text\n---\na: 1\n---\nbody'), 0, 'after text: body');
  });
});
