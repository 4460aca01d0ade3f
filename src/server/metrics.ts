/**
 * Binds a process's metrics to its backend: gauges read from the store and the queue at scrape time. Lives in
 * server/ because only process assembly knows both the metrics registry and the backend.
 */
import { Counter, Gauge } from 'prom-client';
import { ACQUIRE_HOWS, type GitRepoCache } from '../lib/git-cache/index.js';
import type { Metrics } from '../lib/metrics.js';
import { TASK_STATUSES } from '../store/types.js';
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
  new Gauge({
    name: 'openchecker_git_cache_bytes',
    help: 'Size of the git cache on disk, as of its last fetch or eviction.',
    registers: [metrics.registry],
    collect() {
      this.set(gitCache.bytes);
    },
  });
}
