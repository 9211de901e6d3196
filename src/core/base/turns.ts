/**
 * Turns of the event loop for long work cut into pieces (a large feed parsed chunk by chunk), so that
 * timers and I/O (the editor's, other extensions') run between the pieces. Callers waiting at the same
 * time get one turn each, in order: a setImmediate of their own each would run back to back in one
 * turn (Node runs every immediate queued before the turn began), holding the loop as long as before.
 */
const waiting: Array<() => void> = [];

/** Resolves at the start of a turn of the event loop of its own (see the top of this file). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (waiting.push(resolve) === 1) setImmediate(giveTurn);
  });
}

function giveTurn(): void {
  const resolve = waiting.shift()!;
  // Queued during this turn: runs in the next one, after its timers and I/O.
  if (waiting.length > 0) setImmediate(giveTurn);
  resolve();
}
