/**
 * Bounded parallelism for many small reads: enough in flight to hide disk latency, few enough that a 50k-file
 * tree never holds thousands of open descriptors at once.
 */

/**
 * Calls `fn` on every item with at most `limit` calls running, and returns the results in input order.
 * Stops starting new calls once `signal` is aborted and rejects with its reason.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal.throwIfAborted();
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
