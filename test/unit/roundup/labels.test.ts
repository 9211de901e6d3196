import * as assert from 'node:assert/strict';
import { distinguishingLabels, entryDescription } from '../../../src/core/roundup/display';

describe('roundup/display: rows that fit a narrow sidebar', () => {
  it('puts the relative date first and the author second', () => {
    const entry = { id: 'x', feed: 'F', title: 'T', author: 'Rich Bowen', link: '', published: '2016-05-15T10:00:00Z', summaryHtml: '' };
    assert.equal(entryDescription(entry, new Date('2016-05-17T10:00:00Z')), '2 days ago · Rich Bowen');
    assert.equal(entryDescription({ ...entry, author: '' }, new Date('2016-05-17T10:00:00Z')), '2 days ago');
  });

  it('keeps the distinguishing end of titles that share a long start in reach', () => {
    const titles = [
      'OpenStack Summit Austin: Day 1 keynotes and the marketplace',
      'OpenStack Summit Austin: Day 2 design sessions',
      'OpenStack Summit Austin: Day 3',
      'A short title',
      'Running Keystone Unit Tests against older Versions of RDO Etc',
    ];
    const labels = distinguishingLabels(titles);
    assert.equal(new Set(labels.map((l) => l.slice(0, 34))).size, 5, labels.join(' | '));
    assert.ok(labels.every((l) => l.length <= 34 || titles.includes(l)), labels.join(' | '));
    assert.match(labels[0], /… Day 1/);
    assert.match(labels[1], /… Day 2/);
    assert.equal(labels[2], 'OpenStack Summit Austin: Day 3');
    assert.equal(labels[3], 'A short title');
    assert.equal(labels[4], titles[4], 'a long title that shares nothing stays whole');
  });
});

describe('roundup/display: distinguishingLabels over many titles', () => {
  /** Every pair compared: what the labels must come to, however they are found. */
  function longestSharedByPairs(titles: readonly string[]): number[] {
    return titles.map((t, i) => {
      let best = 0;
      titles.forEach((o, j) => {
        if (i === j) return;
        let k = 0;
        while (k < t.length && k < o.length && t[k] === o[k]) k++;
        best = Math.max(best, k);
      });
      return best;
    });
  }

  it('labels 1,000 titles of a series as comparing every pair would', () => {
    const words = ['Day', 'Part', 'notes', 'keynote', 'summit', 'release', 'RDO', 'Ocata', 'Pike'];
    const titles = Array.from({ length: 1000 }, (_, i) => {
      const series = ['OpenStack Summit Austin: ', 'RDO community blogs, week ', 'Running Keystone tests against '][i % 3];
      return `${series}${words[(i * 7) % words.length]} ${Math.floor(i / 3) % 40} ${words[(i * 5) % words.length]}${i % 11 === 0 ? '' : ` ${i}`}`;
    });
    titles.push(titles[10], 'x'.repeat(60));
    const labels = distinguishingLabels(titles);
    const shared = longestSharedByPairs(titles);
    labels.forEach((label, i) => {
      const title = titles[i];
      const cut = title.length > 34 && shared[i] >= 24 && shared[i] < title.length;
      if (!cut) assert.equal(label, title, `#${i} stays whole`);
      else assert.ok(label.includes('… ') && label !== title, `#${i} cut: ${label}`);
    });
    assert.equal(labels[titles.length - 2], titles[10], 'a title given twice shares all of itself: whole');
    assert.equal(labels[1], distinguishingLabels([titles[1], ...titles.filter((_, j) => j !== 1)])[0], 'the order of the titles does not matter');
  });
});
