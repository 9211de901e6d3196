import * as assert from 'node:assert/strict';
import { readSettings } from '../../src/core/settings';

describe('numeric settings stay in a range that timers and fetches can take', () => {
  const read = (values: Record<string, unknown>) => readSettings((key) => values[key]);

  it('falls back to the default, with a warning, outside the range', () => {
    // Past 2^31 ms a Node timer fires after 1 ms: a huge interval would refresh without pause.
    const { settings, warnings } = read({ 'roundup.refreshIntervalMinutes': 50_000, 'roundup.fetch.timeoutSeconds': 3_000_000, 'roundup.lookbackDays': 0 });
    assert.equal(settings.refreshIntervalMinutes, 60);
    assert.equal(settings.fetch.timeoutSeconds, 20);
    assert.equal(settings.lookbackDays, 30);
    assert.deepEqual(warnings.map((w) => w.key), ['roundup.refreshIntervalMinutes', 'roundup.lookbackDays', 'roundup.fetch.timeoutSeconds']);
    assert.match(warnings[0].message, /from 0 \(only by hand\) to 10080 \(a week\)/);
  });

  it('takes the values at the ends of the range', () => {
    const { settings, warnings } = read({ 'roundup.refreshIntervalMinutes': 10080, 'roundup.fetch.timeoutSeconds': 600, 'roundup.lookbackDays': 36500 });
    assert.deepEqual([settings.refreshIntervalMinutes, settings.fetch.timeoutSeconds, settings.lookbackDays, warnings.length], [10080, 600, 36500, 0]);
  });
});
