import * as assert from 'node:assert/strict';
import { findDuplicateLinks } from '../../../src/core/roundup/duplicates';

const BLOCK_A = '**Deploying EC2** by Tim Bell\n\n> OpenStack has supported a subset of the EC2 API.\n\n... read more at [http://tm3.org/6e](http://tm3.org/6e)';
const BLOCK_B = '**Keystone tests** by Adam Young\n\n> Just because.\n\n... read more at [http://tm3.org/6f](http://tm3.org/6f)';

describe('roundup/duplicates: findDuplicateLinks', () => {
  it('reports the second block with the same read-more link, and what to remove', () => {
    const dup = BLOCK_A.replace('Deploying EC2', 'Deploying EC2 again');
    const text = `Intro\n\n${BLOCK_A}\n\n${BLOCK_B}\n\n${dup}\n\nOutro\n`;
    const found = findDuplicateLinks(text);
    assert.equal(found.length, 1);
    const d = found[0];
    assert.equal(d.url, 'http://tm3.org/6e');
    assert.equal(text.slice(d.start, d.end), 'http://tm3.org/6e');
    assert.ok(d.start > text.indexOf(dup));
    assert.equal(d.firstStart, text.indexOf('(http://tm3.org/6e)') + 1);
    assert.equal(text.slice(d.block!.start, d.block!.end), dup);
    const fixed = text.slice(0, d.removal!.start) + text.slice(d.removal!.end);
    assert.equal(fixed, `Intro\n\n${BLOCK_A}\n\n${BLOCK_B}\n\nOutro\n`);
  });

  it('in the blog\'s other wordings: a second "Read more at" block, a second linked title with its quote', () => {
    const readMoreAt = BLOCK_B.replace('... read more at', 'Read more at');
    const text = `${readMoreAt}\n\n${BLOCK_A}\n\n${readMoreAt.replace('Keystone tests', 'Keystone, again')}\n`;
    const [d, ...rest] = findDuplicateLinks(text);
    assert.deepEqual(rest, []);
    assert.equal(text.slice(d.block!.start, d.block!.end), readMoreAt.replace('Keystone tests', 'Keystone, again'));
    assert.equal(text.slice(0, d.removal!.start) + text.slice(d.removal!.end), `${readMoreAt}\n\n${BLOCK_A}\n`);

    const linked = '**[Containers and the CERN cloud](https://cern.example/c)** by Ricardo Rocha\n\n> In recent years.';
    const again = '[**CERN containers**](https://cern.example/c), by R. Rocha\n\n> In recent years, again.';
    const digest = `Intro\n\n${linked}\n\n${BLOCK_B}\n\n${again}\n\nOutro\n`;
    const found = findDuplicateLinks(digest);
    assert.equal(found.length, 1);
    assert.equal(digest.slice(found[0].block!.start, found[0].block!.end), again);
    assert.equal(digest.slice(0, found[0].removal!.start) + digest.slice(found[0].removal!.end),
      `Intro\n\n${linked}\n\n${BLOCK_B}\n\nOutro\n`);
  });

  it('a linked title that a read-more line with the same link ends is one entry, not two', () => {
    const text = '**[T](https://a.example/t)** by A\n\n> q\n\nRead more at [https://a.example/t](https://a.example/t)\n';
    assert.deepEqual(findDuplicateLinks(text), []);
    const twice = `${text}\n${text}`;
    const found = findDuplicateLinks(twice);
    assert.equal(found.length, 1, 'the second block, by its read-more link');
    assert.ok(found[0].start > twice.lastIndexOf('Read more at'));
    assert.equal(findDuplicateLinks('**[Register](https://a.example/r)** for the summit.\n\nSee [it](https://a.example/r).\n').length, 0,
      'a bold link in prose is no entry');
  });

  it('removes the blank line before a duplicate block at the end of the post', () => {
    for (const end of ['\n', '', '\n\n']) {
      const text = `${BLOCK_A}\n\n${BLOCK_A}${end}`;
      const [d] = findDuplicateLinks(text);
      const fixed = text.slice(0, d.removal!.start) + text.slice(d.removal!.end);
      assert.equal(fixed, end === '\n\n' ? `${BLOCK_A}\n\n` : `${BLOCK_A}${end === '' ? '' : '\n'}`, JSON.stringify(end));
    }
  });

  it('matches links that differ only by normalization', () => {
    const second = BLOCK_B.replace(/http:\/\/tm3\.org\/6f/g, 'https://tm3.org/6e/');
    const found = findDuplicateLinks(`${BLOCK_A}\n\n${second}\n`);
    assert.equal(found.length, 1);
    assert.equal(found[0].url, 'https://tm3.org/6e/');
  });

  it('reports every later occurrence against the first', () => {
    const text = [BLOCK_A, BLOCK_A, BLOCK_A].join('\n\n') + '\n';
    const found = findDuplicateLinks(text);
    assert.equal(found.length, 2);
    assert.ok(found.every((d) => d.firstStart === found[0].firstStart));
    assert.ok(found[0].start < found[1].start);
  });

  it('treats one-link list items as entry links, removing the line', () => {
    const text = `* [EC2](http://tm3.org/6e)\n* [Other](http://o.example)\n\n${BLOCK_A}\n`;
    const [d] = findDuplicateLinks(text);
    assert.ok(d);
    assert.equal(text.slice(d.block!.start, d.block!.end), BLOCK_A);
    const listFirst = `${BLOCK_A}\n\n* [Other](http://o.example)\n* [EC2](http://tm3.org/6e)\n`;
    const [l] = findDuplicateLinks(listFirst);
    assert.equal(listFirst.slice(l.removal!.start, l.removal!.end), '* [EC2](http://tm3.org/6e)\n');
  });

  it('ignores links in prose and the link text of the read-more line', () => {
    const text = `See [EC2](http://tm3.org/6e) and http://tm3.org/6e.\n\n${BLOCK_A}\n\nAgain http://tm3.org/6e and [it](http://tm3.org/6e).\n`;
    assert.deepEqual(findDuplicateLinks(text), []);
  });

  it('a duplicate read-more line outside a recognizable block has no fix', () => {
    const text = `${BLOCK_A}\n\nSome prose.\n\n... read more at http://tm3.org/6e\n`;
    const [d] = findDuplicateLinks(text);
    assert.equal(d.url, 'http://tm3.org/6e');
    assert.equal(d.block, null);
    assert.equal(d.removal, null);
  });
});
