/**
 * Retention: the API process (`up`, each `serve` replica) periodically removes the results of tasks finished
 * more than `[Retention] results_days` ago, and deletes tasks finished more than `tasks_days` ago. Only finished
 * tasks whose callback is not still being delivered are touched.
 *
 * Several `serve` replicas may purge at once: each batch is one statement that picks its rows with SKIP LOCKED
 * (PostgreSQL) and only rows not purged yet, so replicas share the work and nothing is purged twice; no lock
 * needs holding between batches. Batches are small and yield to the event loop between them, so a large first
 * purge after an upgrade does not stall the API.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import type { Store } from '../store/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export interface RetentionSettings {
  /** Days after which a finished task's results are removed; 0: kept for ever. */
  resultsDays: number;
  /** Days after which a finished task is deleted; 0: kept for ever. */
  tasksDays: number;
}

export function retentionSettings(config: Config): RetentionSettings {
  return { resultsDays: config.Retention.results_days, tasksDays: config.Retention.tasks_days };
}

export interface PurgeCounts {
  results: number;
  tasks: number;
}

type PurgeStore = Pick<Store, 'purgeResults' | 'purgeTasks'>;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function drain(purge: (limit: number) => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await purge(batch);
    total += n;
    if (n < batch) return total;
    await yieldToEventLoop();
  }
}

/** One purge as of `now` (injected, so tests run it on a fake clock). Whole tasks first: their results go with them. */
export async function purgeExpired(store: PurgeStore, settings: RetentionSettings, now: Date, batch = BATCH): Promise<PurgeCounts> {
  const cutoff = (days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();
  const tasks = settings.tasksDays > 0 ? await drain((limit) => store.purgeTasks(cutoff(settings.tasksDays), limit), batch) : 0;
  const results = settings.resultsDays > 0 ? await drain((limit) => store.purgeResults(cutoff(settings.resultsDays), limit), batch) : 0;
  return { results, tasks };
}

export interface RetentionJob {
  /** Runs one purge now (also what the timer calls); a purge already running is awaited, not doubled. */
  runOnce(): Promise<PurgeCounts>;
  /** Stops the timer and waits for a purge in progress. */
  stop(): Promise<void>;
}

/**
 * Purges once shortly after start-up and then every `intervalMs`. Returns null when nothing is ever purged
 * (both periods 0).
 */
export function startRetention(
  store: PurgeStore,
  settings: RetentionSettings,
  log: Logger,
  options: { intervalMs: number; now?: () => Date; firstRunMs?: number },
): RetentionJob | null {
  if (settings.resultsDays === 0 && settings.tasksDays === 0) return null;
  const now = options.now ?? ((): Date => new Date());
  let running: Promise<PurgeCounts> | null = null;
  let stopped = false;
  const runOnce = (): Promise<PurgeCounts> => {
    running ??= purgeExpired(store, settings, now())
      .then((counts) => {
        if (counts.results > 0 || counts.tasks > 0) log.info({ ...counts, ...settings }, 'retention: purged expired tasks and results');
        return counts;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = (): void => {
    if (stopped) return;
    runOnce().catch((err: unknown) => log.warn({ err }, 'retention purge failed; retrying at the next interval'));
  };
  // The first run waits a little so that start-up (and its readiness probe) is not slowed by a large purge.
  const first = setTimeout(tick, options.firstRunMs ?? 60_000);
  const timer = setInterval(tick, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** The job as `up` and `serve` run it, from the config. */
export function startConfiguredRetention(store: PurgeStore, config: Config, log: Logger): RetentionJob | null {
  return startRetention(store, retentionSettings(config), log.child({ component: 'retention' }), { intervalMs: config.Retention.interval_minutes * 60_000 });
}
