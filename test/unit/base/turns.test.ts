/** base/turns.ts: long work cut into pieces lets timers run between them. */
import * as assert from 'node:assert/strict';
import { nextTurn } from '../../../src/core/base/turns';

/** Holds the event loop for `ms` milliseconds (a piece of long work). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // held
  }
}

describe('base/turns', () => {
  it('callers waiting at once get a turn each, in order, and a timer due meanwhile runs between them', async () => {
    const order: string[] = [];
    const piece = async (name: string) => {
      await nextTurn();
      order.push(name);
      if (name === 'a') {
        setTimeout(() => order.push('timer'), 0);
        busy(5); // the timer is due before the next turn
      }
    };
    await Promise.all([piece('a'), piece('b'), piece('c')]);
    assert.deepEqual(order, ['a', 'timer', 'b', 'c']);
  });

  it('a turn asked for after the others had theirs comes too', async () => {
    await Promise.all([nextTurn(), nextTurn()]);
    let done = false;
    await nextTurn().then(() => (done = true));
    assert.equal(done, true);
  });
});
