/**
 * The shared cache of checkers (src/lib/shared-cache.ts) kept in the store, so every agent of a deployment
 * shares answers of external services; a small in-process layer in front saves the round trip for hot keys.
 * The cache is an optimisation: a store failure is a miss (or a skipped write), never a failed command.
 */
import { MemoryCache, type SharedCache } from '../lib/shared-cache.js';
import type { Store } from './types.js';

export class StoreCache implements SharedCache {
  private readonly local = new MemoryCache(5_000);

  constructor(private readonly store: Store) {}

  async get(namespace: string, key: string): Promise<string | null> {
    const hit = await this.local.get(namespace, key);
    if (hit !== null) return hit;
    try {
      return await this.store.cacheGet(namespace, key);
    } catch {
      return null;
    }
  }

  async set(namespace: string, key: string, value: string, ttlMs: number): Promise<void> {
    // The local copy lives at most a minute: entries another agent refreshes are seen soon enough.
    await this.local.set(namespace, key, value, Math.min(ttlMs, 60_000));
    await this.store.cacheSet(namespace, key, value, ttlMs).catch(() => undefined);
  }
}
