/**
 * The result cache a process works with: the shared store behind it, the settings that decide reuse, and the
 * hit, miss and write counts it reports (to the process's metrics at once, to the store's deployment-wide
 * totals when `flushCounts` runs, once per task). One per process; every task of the process shares it.
 */
import { buildDigest } from '../code-digest.js';
import { addCountsTo, type CacheCounts, type PruneOutcome, type ResultCacheStore } from './types.js';

export type CacheOutcome = 'hit' | 'miss' | 'write' | 'corrupt';

export interface ResultCacheOptions {
  /** Reuse whole command results (false: per-file facts only). */
  readonly reuseResults: boolean;
  /** How long a command result that depended on an online answer (osv-scanner without offline_dir) is reused, in ms. */
  readonly onlineTtlMs: number;
  /** Called for every count, for the process's metrics. */
  readonly onCount?: (kind: string, outcome: CacheOutcome, n: number) => void;
  /** The size limit ([Cache] max_mb): `pruneIfDue` evicts least recently used entries beyond it. */
  readonly maxBytes?: number;
  /** At most one eviction pass per this many ms per process (default 5 minutes). */
  readonly pruneEveryMs?: number;
  /** Told about an eviction pass's outcome or failure (for the log). */
  readonly onPruned?: (outcome: PruneOutcome | Error) => void;
}

export class ResultCache {
  private readonly pending = new Map<string, { hits: number; misses: number; writes: number }>();
  private lastPrune = 0;
  private pruning: Promise<void> | null = null;

  constructor(
    readonly store: ResultCacheStore,
    readonly options: ResultCacheOptions,
  ) {
    // Every command result's key holds the build digest (~50 ms to compute, once per process): computed when the
    // process sets its cache up, not in its first task.
    if (options.reuseResults) buildDigest();
  }

  /** Counts lookups and writes of one kind (`fact:<kind>` or `result:<command>`). A corrupt entry counts as a miss too. */
  count(kind: string, outcome: CacheOutcome, n = 1): void {
    if (n <= 0) return;
    this.options.onCount?.(kind, outcome, n);
    let entry = this.pending.get(kind);
    if (!entry) {
      entry = { hits: 0, misses: 0, writes: 0 };
      this.pending.set(kind, entry);
    }
    if (outcome === 'hit') entry.hits += n;
    else if (outcome === 'write') entry.writes += n;
    else entry.misses += n;
  }

  /**
   * Keeps the cache within its size limit: at most one eviction pass per interval, in the background (a task
   * never waits for it). Agents call it after each task; with several agents each runs its own passes.
   */
  pruneIfDue(): void {
    const maxBytes = this.options.maxBytes;
    if (maxBytes === undefined || this.pruning || Date.now() - this.lastPrune < (this.options.pruneEveryMs ?? 300_000)) return;
    this.lastPrune = Date.now();
    this.pruning = this.store
      .prune({ maxBytes })
      .then(
        (outcome) => this.options.onPruned?.(outcome),
        (err: unknown) => this.options.onPruned?.(err instanceof Error ? err : new Error(String(err))),
      )
      .finally(() => {
        this.pruning = null;
      });
  }

  /** Waits for an eviction pass in progress (shutdown, tests). */
  async settled(): Promise<void> {
    await this.pruning;
  }

  /** Adds the counts gathered since the last flush to the store's totals; a store failure keeps them for next time. */
  async flushCounts(): Promise<void> {
    if (this.pending.size === 0) return;
    const counts: CacheCounts[] = [...this.pending].map(([kind, c]) => ({ kind, ...c }));
    this.pending.clear();
    try {
      await this.store.addCounts(counts);
    } catch {
      // Kept for the next flush.
      addCountsTo(this.pending, counts);
    }
  }
}
