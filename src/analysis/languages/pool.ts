/**
 * Bounded parallelism for many small reads: enough in flight to hide disk (or git object store) latency, few
 * enough that a large tree never holds thousands of buffers or descriptors at once.
 */

/** Calls `fn` on every item with at most `limit` calls running; stops starting new calls once `signal` aborts. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal.throwIfAborted();
      const index = next++;
      await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
