/**
 * Values kept for the life of the process so that V8 keeps their hidden classes.
 *
 * A value made for one text and dropped after (a link table, a table of keys) is an instance of a class
 * whose hidden class V8 frees at a full garbage collection when no instance of it is alive; the
 * optimised code of every function that read such values goes with it, and the next text is read by
 * cold code (several times slower on a long post) until the functions are optimised again. One value
 * of each such class, made at load by the code that makes the others and never read, keeps the class.
 * It holds no state any caller sees: nothing is shared or reused through it.
 */
const kept: unknown[] = [];

/** Keeps `value` for the life of the process (see the module comment) and returns it. */
export function keepShape<T>(value: T): T {
  kept.push(value);
  return value;
}
