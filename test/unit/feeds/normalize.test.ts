import * as assert from 'assert/strict';
import { authorName, fallbackTitle } from '../../../src/core/feeds/normalize';

describe('feeds/normalize: authors and fallback titles', () => {
  it('reads author names from RSS author fields', () => {
    assert.equal(authorName('jane@example.com (Jane Doe)'), 'Jane Doe');
    assert.equal(authorName('Jane Doe <jane@example.com>'), 'Jane Doe');
    assert.equal(authorName('noreply@blogger.com'), '');
    assert.equal(authorName('jane@example.com'), 'jane@example.com');
    assert.equal(authorName('  Jane   Doe '), 'Jane Doe');
  });

  it('cuts fallback titles at a word boundary', () => {
    assert.equal(fallbackTitle('<p>Short &amp; sweet</p>'), 'Short & sweet');
    assert.equal(fallbackTitle(''), '(untitled)');
    assert.equal(fallbackTitle('<script>x()</script><p>  </p>'), '(untitled)');
    const long = fallbackTitle('<p>' + 'word '.repeat(30) + '</p>');
    assert.ok(long.endsWith('word…') && long.length <= 61, long);
    assert.equal(fallbackTitle('<p>A supercalifragilisticexpialidociousandevenlongerwordthatgoesonforever ok</p>'), 'A supercalifragilisticexpialidociousandevenlongerwordthatgoe…');
  });
});
