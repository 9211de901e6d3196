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
