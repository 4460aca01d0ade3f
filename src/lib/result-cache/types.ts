/**
 * The result cache's storage contract, as the lower layers see it: per-file facts keyed by git blob id, and
 * per-command results keyed by what they depend on. The store (src/store/result-cache.ts) implements it on
 * SQLite and PostgreSQL, so every agent of a deployment shares one cache; tests and `openchecker check` without
 * a store use the in-memory one (memory.ts).
 *
 * The cache is an optimisation and never a source of truth: a value that cannot be read back is a miss, and a
 * store failure is a miss (or a skipped write), never a failed command.
 */

/** Facts about file contents: `kind` names the analysis and its version, `key` the blob (and what else decides). */
export interface FactStore {
  /** The stored values of those keys that exist; missing keys are absent from the map. */
  getFacts(kind: string, keys: readonly string[]): Promise<Map<string, string>>;
  /** Stores (or replaces) facts. */
  putFacts(kind: string, entries: readonly (readonly [key: string, value: string])[]): Promise<void>;
}

export interface StoredCommandResult {
  /** The task whose run produced the result (the `reused_from` of tasks that reuse it). */
  readonly taskId: string;
  /** The result as JSON text. */
  readonly value: string;
  /** When it was stored, in epoch ms (results with a time to live are judged by it). */
  readonly createdAtMs: number;
}

export interface NewCommandResult {
  readonly key: string;
  readonly command: string;
  readonly version: number;
  readonly taskId: string;
  readonly value: string;
}

/** Per-command results keyed by checker name, version, configuration digest and input digest (one hash). */
export interface CommandResultStore {
  getResult(key: string): Promise<StoredCommandResult | null>;
  putResult(entry: NewCommandResult): Promise<void>;
}

/** Hits, misses and writes of one kind of entry, added to the deployment-wide totals. */
export interface CacheCounts {
  readonly kind: string;
  readonly hits: number;
  readonly misses: number;
  readonly writes: number;
}

/** Adds counts into totals kept by kind (the process's pending counts, the in-memory store's totals). */
export function addCountsTo(totals: Map<string, { hits: number; misses: number; writes: number }>, counts: readonly CacheCounts[]): void {
  for (const c of counts) {
    const total = totals.get(c.kind) ?? { hits: 0, misses: 0, writes: 0 };
    total.hits += c.hits;
    total.misses += c.misses;
    total.writes += c.writes;
    totals.set(c.kind, total);
  }
}

export interface CacheTableStats {
  readonly entries: number;
  readonly bytes: number;
}

export interface CacheStats {
  /** Per-file facts by kind. */
  readonly facts: Readonly<Record<string, CacheTableStats>>;
  /** Per-command results by command. */
  readonly results: Readonly<Record<string, CacheTableStats>>;
  /** Deployment-wide hit, miss and write totals by kind (`fact:<kind>`, `result:<command>`). */
  readonly counters: readonly CacheCounts[];
}

export interface PruneOutcome {
  readonly removedEntries: number;
  readonly removedBytes: number;
  readonly remainingBytes: number;
}

export interface ResultCacheStore extends FactStore, CommandResultStore {
  addCounts(counts: readonly CacheCounts[]): Promise<void>;
  stats(): Promise<CacheStats>;
  /**
   * Evicts least recently used entries (facts and results together) until at most `maxBytes` remain; `all`
   * empties the cache. Counters are kept.
   */
  prune(options: { maxBytes: number } | { all: true }): Promise<PruneOutcome>;
}
