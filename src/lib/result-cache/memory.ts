/**
 * The result cache's store in process memory: for `openchecker check --cache memory`, tests and benchmarks. Same
 * semantics as the SQL store (src/store/result-cache.ts), eviction included.
 */
import { addCountsTo, type CacheCounts, type CacheStats, type CacheTableStats, type NewCommandResult, type PruneOutcome, type ResultCacheStore, type StoredCommandResult } from './types.js';

interface Entry {
  readonly group: string;
  readonly value: string;
  usedAt: number;
}

export class MemoryResultCacheStore implements ResultCacheStore {
  private readonly facts = new Map<string, Entry>();
  private readonly results = new Map<string, Entry & { taskId: string; createdAtMs: number }>();
  private readonly counters = new Map<string, { hits: number; misses: number; writes: number }>();

  getFacts(kind: string, keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const now = Date.now();
    for (const key of keys) {
      const entry = this.facts.get(`${kind}\u0000${key}`);
      if (entry) {
        entry.usedAt = now;
        found.set(key, entry.value);
      }
    }
    return Promise.resolve(found);
  }

  putFacts(kind: string, entries: readonly (readonly [string, string])[]): Promise<void> {
    const now = Date.now();
    for (const [key, value] of entries) this.facts.set(`${kind}\u0000${key}`, { group: kind, value, usedAt: now });
    return Promise.resolve();
  }

  getResult(key: string): Promise<StoredCommandResult | null> {
    const entry = this.results.get(key);
    if (!entry) return Promise.resolve(null);
    entry.usedAt = Date.now();
    return Promise.resolve({ taskId: entry.taskId, value: entry.value, createdAtMs: entry.createdAtMs });
  }

  putResult(entry: NewCommandResult): Promise<void> {
    const now = Date.now();
    this.results.set(entry.key, { group: entry.command, value: entry.value, usedAt: now, taskId: entry.taskId, createdAtMs: now });
    return Promise.resolve();
  }

  addCounts(counts: readonly CacheCounts[]): Promise<void> {
    addCountsTo(this.counters, counts);
    return Promise.resolve();
  }

  stats(): Promise<CacheStats> {
    return Promise.resolve({
      facts: groupStats(this.facts.values()),
      results: groupStats(this.results.values()),
      counters: [...this.counters].map(([kind, c]) => ({ kind, ...c })).sort((a, b) => (a.kind < b.kind ? -1 : 1)),
    });
  }

  prune(options: { maxBytes: number } | { all: true }): Promise<PruneOutcome> {
    const all = [...[...this.facts].map(([id, e]) => ({ id, e, table: this.facts })), ...[...this.results].map(([id, e]) => ({ id, e, table: this.results }))];
    let total = all.reduce((sum, { id, e }) => sum + entryBytes(id, e), 0);
    const limit = 'all' in options ? 0 : options.maxBytes;
    let removedEntries = 0;
    let removedBytes = 0;
    for (const { id, e, table } of all.sort((a, b) => a.e.usedAt - b.e.usedAt)) {
      if (total <= limit) break;
      table.delete(id);
      const bytes = entryBytes(id, e);
      total -= bytes;
      removedBytes += bytes;
      removedEntries++;
    }
    return Promise.resolve({ removedEntries, removedBytes, remainingBytes: total });
  }
}

function entryBytes(id: string, entry: Entry): number {
  return id.length + entry.value.length;
}

function groupStats(entries: Iterable<Entry>): Record<string, CacheTableStats> {
  const stats: Record<string, { entries: number; bytes: number }> = {};
  for (const entry of entries) {
    const group = (stats[entry.group] ??= { entries: 0, bytes: 0 });
    group.entries++;
    group.bytes += entry.value.length;
  }
  return stats;
}
