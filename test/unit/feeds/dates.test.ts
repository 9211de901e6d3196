import * as assert from 'assert/strict';
import { parseFeedDate, toIsoDate } from '../../../src/core/feeds/dates';

describe('feeds/dates', () => {
  const cases: [string, string][] = [
    ['Tue, 21 Jun 2016 14:03:11 +0000', '2016-06-21T14:03:11.000Z'],
    ['Tue, 21 Jun 2016 14:03:11 GMT', '2016-06-21T14:03:11.000Z'],
    ['21 Jun 2016 14:03 EDT', '2016-06-21T18:03:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 CEST', '2024-01-05T08:00:00.000Z'],
    ['Mon, 5 Jan 24 10:00:00 -0500', '2024-01-05T15:00:00.000Z'],
    ['Lun, 05 Jan 2024 10:00:00 +0100', '2024-01-05T09:00:00.000Z'],
    ['2016-06-22T07:26:31.722+02:00', '2016-06-22T05:26:31.722Z'],
    ['2016-06-22T07:26:31Z', '2016-06-22T07:26:31.000Z'],
    ['2016-06-22 07:26:31', '2016-06-22T07:26:31.000Z'],
    ['2016-06-19', '2016-06-19T00:00:00.000Z'],
    ['  2016-06-19T10:00:00Z\n', '2016-06-19T10:00:00.000Z'],
    ['not-a-date', ''],
    ['never', ''],
    ['1', ''],
    ['2016-02-31', ''],
    ['2016-13-01T00:00:00Z', ''],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected || 'no date'}`, () => {
      assert.equal(toIsoDate(input), expected);
    });
  }

  it('returns NaN for non-strings', () => {
    assert.ok(Number.isNaN(parseFeedDate(undefined)));
  });
});
