/** base/utc.ts: the short form times are shown in. */
import * as assert from 'node:assert/strict';
import { shortUtc } from '../../../src/core/base/utc';

describe('base/utc', () => {
  it('shortUtc: a time to the minute in UTC, from a Date or an ISO text; nothing for what is not a time', () => {
    assert.equal(shortUtc('2016-05-14T09:30:59.999Z'), '2016-05-14 09:30 UTC');
    assert.equal(shortUtc('2016-05-14T11:30:00+02:00'), '2016-05-14 09:30 UTC');
    assert.equal(shortUtc(new Date(Date.UTC(2026, 11, 2, 14, 5))), '2026-12-02 14:05 UTC');
    assert.equal(shortUtc(''), '');
    assert.equal(shortUtc('soon'), '');
    assert.equal(shortUtc(new Date(NaN)), '');
  });
});
