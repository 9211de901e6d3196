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

  it('finds blocks in other wordings: Read more at, ... More at, Continue reading, [Read more](url)', () => {
    const text = [
      '**Tempest results, explained**, by Chandan Kumar',
      '',
      '> Tempest is the integration test suite of OpenStack.',
      '',
      'Read more at [https://blog.example/tempest](https://blog.example/tempest)',
      '',
      '**Four ways to connect a docker container to a local network,** by Lars Kellogg-Stedman',
      '',
      '> This article discusses four ways to make a Docker container appear on a local',
      'network.',
      '',
      '... More at [tm3.org/blog1](http://tm3.org/blog1)',
      '',
      '**Rust 1.80 is out** by The Release Team',
      '',
      '> The Rust team is happy to announce a new version.',
      '',
      '[Continue reading \u2192](https://blog.example/rust-1-80)',
      '',
      '**A short one**',
      '',
      '[Read more](https://blog.example/short)',
    ].join('\n');
    const blocks = findRoundupBlocks(text);
    assert.deepEqual(blocks.map((b) => [b.firstLine, b.lastLine, b.readMore]), [[0, 4, true], [6, 11, true], [13, 17, true], [19, 21, true]]);
  });

  it('finds linked-title blocks: a link on the bold title, its author, an optional quote', () => {
    const text = [
      'This week on the planet:',
      '',
      '**[Containers and the CERN cloud](https://blog.example/cern)** by Ricardo Rocha',
      '',
      '> In recent years, different groups at CERN started looking at using containers.',
      '',
      '[**Keystone tests**](https://blog.example/keystone), by Adam Young',
      '',
      '**[RDO Mitaka released](https://blog.example/mitaka)**',
      'by Rich Bowen',
      '',
      '> The RDO community is pleased to announce',
      'the release.',
      '',
      '> A second paragraph.',
      '',
      'That is all for this week.',
    ].join('\n');
    const blocks = findRoundupBlocks(text);
    assert.deepEqual(blocks.map((b) => [b.firstLine, b.lastLine, b.readMore]), [[2, 4, false], [6, 6, false], [8, 14, false]]);
    assert.equal(text.slice(blocks[1].start, blocks[1].end), '[**Keystone tests**](https://blog.example/keystone), by Adam Young');
  });

  it('a linked title followed by a read-more line is a read-more block', () => {
    const text = '**[Title](https://a.example/t)** by A\n\n> q\n\nRead more at [https://a.example/t](https://a.example/t)\n';
    assert.deepEqual(findRoundupBlocks(text).map((b) => [b.firstLine, b.lastLine, b.readMore]), [[0, 4, true]]);
  });

  it('takes no bold link in prose for a block', () => {
    for (const line of [
      '**[Register now](https://summit.example)** for the summit in Austin.',
      'See **[the docs](https://docs.example)** by the way',
      '**Note**: read [the docs](https://docs.example).',
    ])
      assert.deepEqual(findRoundupBlocks(`Intro\n\n${line}\n\n> quoted\n`), [], line);
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
