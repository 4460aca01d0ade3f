/**
 * The result cache of a process, from its configuration ([Cache]) and its store: null when caching is off.
 * Counts go to the process's metrics (`openchecker_result_cache_total`) and, per task, to the store's
 * deployment-wide totals (`openchecker cache stats`).
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../lib/metrics.js';
import { ResultCache } from '../lib/result-cache/cache.js';
import type { ResultCacheStore } from '../lib/result-cache/types.js';

export function resultCacheFromConfig(store: ResultCacheStore, config: Config, metrics?: Metrics, log?: Logger): ResultCache | null {
  if (!config.Cache.enabled) return null;
  return new ResultCache(store, {
    reuseResults: config.Cache.reuse_results,
    onlineTtlMs: config.Cache.osv_ttl_s * 1000,
    maxBytes: config.Cache.max_mb * 1024 * 1024,
    onPruned: (outcome) => {
      if (outcome instanceof Error) log?.warn({ err: outcome.message }, 'result cache eviction failed');
      else if (outcome.removedEntries > 0) log?.info(outcome, 'result cache: evicted least recently used entries beyond [Cache] max_mb');
    },
    // The kind without its code digest (`fact:licenses`, `result:scancode`): one series per analysis or command.
    onCount: metrics ? (kind, outcome, n) => metrics.resultCache.inc({ kind: kind.split(':').slice(0, 2).join(':'), outcome }, n) : undefined,
  });
}
