/**
 * The vulnerability source a rescan matches against, as osv-scanner would use it: the offline database when
 * `[OSV] offline_dir` (or an override) names one, else the OSV API client with the store's shared cache.
 */
import { resolve } from 'node:path';
import { OsvApiClient, QUERY_NAMESPACE } from '../analysis/osv/client.js';
import { offlineDatabase } from '../analysis/osv/offline.js';
import type { VulnerabilitySource } from '../analysis/osv/types.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import type { SharedCache } from '../lib/shared-cache.js';

export interface RescanSourceOptions {
  /** Overrides `[OSV] offline_dir` (empty: the API). */
  readonly offlineDir?: string;
  /**
   * API only: ask again for every package instead of reusing the per-package answers cached within
   * `[OSV] cache_ttl_s` (the new answers are cached for the next task). Records per id@modified are still reused.
   */
  readonly fresh?: boolean;
}

/** Reads no cached per-package answer (writes them as usual): answers are asked again, records still reused. */
class FreshQueries implements SharedCache {
  constructor(private readonly inner: SharedCache) {}
  get(namespace: string, key: string): Promise<string | null> {
    return namespace === QUERY_NAMESPACE ? Promise.resolve(null) : this.inner.get(namespace, key);
  }
  set(namespace: string, key: string, value: string, ttlMs: number): Promise<void> {
    return this.inner.set(namespace, key, value, ttlMs);
  }
}

export async function openRescanSource(
  config: Config,
  cache: SharedCache,
  options: RescanSourceOptions,
  signal: AbortSignal,
  log?: Logger,
): Promise<{ source: VulnerabilitySource; label: string }> {
  const dir = (options.offlineDir ?? config.OSV.offline_dir).trim();
  if (dir !== '') {
    const db = await offlineDatabase(resolve(dir), signal, log);
    return { source: db, label: `offline:${resolve(dir)} (${db.size} records)` };
  }
  const source = new OsvApiClient({
    apiUrl: config.OSV.api_url,
    timeoutMs: config.OSV.timeout_s * 1000,
    concurrency: config.OSV.concurrency,
    cache: options.fresh ? new FreshQueries(cache) : cache,
    cacheTtlMs: config.OSV.cache_ttl_s * 1000,
    log,
  });
  return { source, label: `api:${config.OSV.api_url}${options.fresh ? ' (fresh)' : ''}` };
}
