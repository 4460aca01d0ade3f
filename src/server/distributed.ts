/**
 * Distributed mode: `openchecker serve` (API replicas, serve.ts) and `openchecker agent` (workers,
 * agent-process.ts) as separate processes sharing PostgreSQL and RabbitMQ; this module holds what both need.
 * Both refuse to start without a PostgreSQL URL: the embedded SQLite store is single-process, and two processes
 * writing one SQLite file over a network share would corrupt it. The API and the agents live in separate
 * modules so that `serve` never loads the agent's code (the clone and run pipeline, the checkers' runner).
 */
import type { Config } from '../config/schema.js';
import { ConfigError } from '../config/load.js';
import type { Logger } from '../lib/log.js';
import { RabbitQueue } from '../queue/rabbitmq.js';
import { openPostgres, type PostgresStore } from '../store/postgres.js';
import { DistributedBackend } from '../tasks/backend.js';
import { withoutCredentials } from '../tasks/validation.js';

/** The broker URL: `[RabbitMQ] url` when set, else built from host, port, username and password as upstream. */
export function amqpUrl(config: Config): string {
  const rabbit = config.RabbitMQ;
  if (rabbit.url) return rabbit.url;
  const auth = rabbit.username ? `${encodeURIComponent(rabbit.username)}:${encodeURIComponent(rabbit.password)}@` : '';
  return `amqp://${auth}${rabbit.host}:${rabbit.port}`;
}

/** Fails with a message that says what to set when distributed mode is not configured. */
export function requireDistributedConfig(config: Config, command: string): void {
  if (!config.Database.url) {
    throw new ConfigError(
      `\`openchecker ${command}\` needs PostgreSQL: set [Database] url (or OPENCHECKER_DATABASE_URL) to postgres://user:password@host:5432/database. ` +
        'The embedded SQLite store is single-process; on one machine use `openchecker up`.',
    );
  }
}

/** Opens PostgreSQL, retrying while it is not up yet (processes often start before their database). */
export async function openStoreWithRetry(config: Config, log: Logger, waitMs: number): Promise<PostgresStore> {
  const deadline = Date.now() + waitMs;
  let delay = 500;
  for (;;) {
    try {
      return await openPostgres({
        url: config.Database.url,
        maxConnections: config.Database.max_connections,
        statementTimeoutMs: config.Database.statement_timeout_s * 1000,
      });
    } catch (err) {
      if (Date.now() + delay > deadline) {
        throw new Error(`cannot reach PostgreSQL at ${withoutCredentials(config.Database.url)}: ${err instanceof Error ? err.message : String(err)}`);
      }
      log.warn({ err: err instanceof Error ? err.message : String(err), retryInMs: delay }, 'PostgreSQL not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

export async function openDistributedBackend(config: Config, log: Logger, options: { storeWaitMs?: number } = {}): Promise<DistributedBackend> {
  const store = await openStoreWithRetry(config, log, options.storeWaitMs ?? 60_000);
  // The broker connects in the background and reconnects by itself: the API answers 503 meanwhile and agents
  // start consuming once it is there.
  const queue = RabbitQueue.start({
    url: amqpUrl(config),
    heartbeatS: config.RabbitMQ.heartbeat_interval_s,
    log: log.child({ component: 'rabbitmq' }),
  });
  return new DistributedBackend(store, queue);
}

/** Housekeeping any process may do: expired cache entries out, long-gone agents out of the registry. */
export function startHousekeeping(backend: DistributedBackend, log: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    void (async () => {
      try {
        await backend.store.cachePurgeExpired();
        await backend.store.pruneAgents(7 * 24 * 3600 * 1000);
      } catch (err) {
        log.warn({ err }, 'housekeeping failed');
      }
    })();
  }, 10 * 60 * 1000);
  timer.unref();
  return timer;
}
