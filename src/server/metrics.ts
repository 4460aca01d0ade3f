/**
 * Binds a process's metrics to its backend: gauges read from the store and the queue at scrape time. Lives in
 * server/ because only process assembly knows both the metrics registry and the backend.
 */
import { Counter, Gauge } from 'prom-client';
import { ACQUIRE_HOWS, type GitRepoCache } from '../lib/git-cache/index.js';
import type { Metrics } from '../lib/metrics.js';
import type { CacheStats, CacheTableStats } from '../lib/result-cache/types.js';
import { TASK_STATUSES, type Store } from '../store/types.js';
import type { Backend } from '../tasks/backend.js';

/** Adds gauges read from the store and queue at scrape time. */
export function bindBackendMetrics(metrics: Metrics, backend: Backend): void {
  new Gauge({
    name: 'openchecker_tasks',
    help: 'Tasks in the store by status.',
    labelNames: ['status'] as const,
    registers: [metrics.registry],
    async collect() {
      const counts = await backend.store.countTasksByStatus();
      for (const status of TASK_STATUSES) this.set({ status }, counts[status]);
    },
  });
  new Gauge({
    name: 'openchecker_queue_messages',
    help: 'Queue depth: ready, unacked and dead-lettered messages.',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    async collect() {
      const stats = await backend.queue.stats();
      this.set({ state: 'ready' }, stats.ready);
      if (stats.unacked !== null) this.set({ state: 'unacked' }, stats.unacked);
      this.set({ state: 'dead_letters' }, stats.deadLetters);
    },
  });
  bindResultCacheMetrics(metrics, backend.store);
}

/**
 * The result cache in the store, as the whole deployment sees it: its size by table and kind, and the hit, miss
 * and write totals every agent has added (this process's own counts are `openchecker_result_cache_total`). Read
 * at most once a minute: the sizes are sums over the tables.
 */
export function bindResultCacheMetrics(metrics: Metrics, store: Pick<Store, 'resultCache'>): void {
  let snapshot: { at: number; stats: Promise<CacheStats> } | null = null;
  const stats = (): Promise<CacheStats> => {
    if (!snapshot || Date.now() - snapshot.at > 60_000) snapshot = { at: Date.now(), stats: store.resultCache.stats() };
    return snapshot.stats;
  };
  const tableGauge = (name: string, help: string, measure: keyof CacheTableStats): void => {
    new Gauge({
      name,
      help,
      labelNames: ['table', 'kind'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const current = await stats();
        // The facts of one analysis under older code digests add up under its name.
        for (const [kind, s] of Object.entries(current.facts)) this.inc({ table: 'facts', kind: `fact:${kind.split(':')[0] ?? kind}` }, s[measure]);
        for (const [command, s] of Object.entries(current.results)) this.inc({ table: 'results', kind: `result:${command}` }, s[measure]);
      },
    });
  };
  tableGauge('openchecker_result_cache_bytes', 'Size of the result cache in the store, by table (facts, results) and kind (fact:<analysis> or result:<command>).', 'bytes');
  tableGauge('openchecker_result_cache_entries', 'Entries of the result cache in the store, by table and kind.', 'entries');
  new Gauge({
    name: 'openchecker_result_cache_deployment_total',
    help: 'Hits, misses and writes of the result cache added up over every agent of the deployment (the store\'s counters), by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      for (const c of (await stats()).counters) {
        const kind = c.kind.split(':').slice(0, 2).join(':');
        this.inc({ kind, outcome: 'hit' }, c.hits);
        this.inc({ kind, outcome: 'miss' }, c.misses);
        this.inc({ kind, outcome: 'write' }, c.writes);
      }
    },
  });
}

/** The git cache of this process's agents: how each task got its repository, and the cache's size. */
export function bindGitCacheMetrics(metrics: Metrics, gitCache: GitRepoCache): void {
  const acquires = new Counter({
    name: 'openchecker_git_cache_acquires_total',
    help: 'Repositories obtained through the git cache, by how: clone (new), fetch, reused (no fetch), mirror (the commit held under another URL).',
    labelNames: ['how'] as const,
    registers: [metrics.registry],
  });
  for (const how of ACQUIRE_HOWS) acquires.inc({ how }, 0);
  gitCache.onAcquire((how) => acquires.inc({ how }));
  // Measured once at start (what earlier runs left); later fetches and evictions keep it current.
  void gitCache.stats().catch(() => undefined);
  new Gauge({
    name: 'openchecker_git_cache_bytes',
    help: 'Size of the git cache on disk, as of its last fetch or eviction.',
    registers: [metrics.registry],
    collect() {
      this.set(gitCache.bytes);
    },
  });
}
