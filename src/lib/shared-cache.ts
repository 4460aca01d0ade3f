/**
 * A cache shared across tasks (and, backed by the store, across agents): answers of external services that
 * many repositories ask again (OSV per package@version, registry metadata, platform ETags). Values are strings
 * (callers serialise JSON) with a time to live; a miss is `null`. Checkers get one through `ctx.cache`.
 */
export interface SharedCache {
  get(namespace: string, key: string): Promise<string | null>;
  set(namespace: string, key: string, value: string, ttlMs: number): Promise<void>;
}

/**
 * The in-process implementation, bounded by entry count (oldest inserted evicted first): the default for
 * `openchecker check` and tests, and the fallback when no store is at hand.
 */
export class MemoryCache implements SharedCache {
  private readonly entries = new Map<string, { value: string; expires: number }>();

  constructor(private readonly maxEntries = 50_000) {}

  get(namespace: string, key: string): Promise<string | null> {
    const id = `${namespace}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) return Promise.resolve(null);
    if (entry.expires <= Date.now()) {
      this.entries.delete(id);
      return Promise.resolve(null);
    }
    return Promise.resolve(entry.value);
  }

  set(namespace: string, key: string, value: string, ttlMs: number): Promise<void> {
    const id = `${namespace}\u0000${key}`;
    this.entries.delete(id);
    this.entries.set(id, { value, expires: Date.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return Promise.resolve();
  }
}
