// Helpers for integration tests: wait for a condition, never for a fixed time.

/**
 * Polls `condition` until it returns a truthy value (which is returned), or fails after
 * `timeout` ms with `message` and the last value or error seen.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeout?: number; message: string; interval?: number },
): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 10_000;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? `last error: ${last.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${options.message} (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 50));
  }
}
