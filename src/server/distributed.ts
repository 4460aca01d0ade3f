/**
 * Distributed mode: `openchecker serve` (API replicas) and `openchecker agent` (workers) as separate processes
 * sharing PostgreSQL and RabbitMQ. Both refuse to start without a PostgreSQL URL: the embedded SQLite store is
 * single-process, and two processes writing one SQLite file over a network share would corrupt it.
 */
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Agent } from '../agent/worker.js';
import { CallbackDispatcher } from '../agent/callback.js';
import { buildApp } from '../api/app.js';
import { createTokenService } from '../api/tokens.js';
import { DistributedBackend } from '../tasks/backend.js';
import { ConfigError } from '../config/load.js';
import { isRealJwtSecret, type Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import { Metrics } from '../lib/metrics.js';
import { RabbitQueue } from '../queue/rabbitmq.js';
import { openPostgres, type PostgresStore } from '../store/postgres.js';
import { withoutCredentials } from '../tasks/validation.js';
import { ensureConfiguredUser } from '../users/passwords.js';
import { bindBackendMetrics } from './metrics.js';

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
function startHousekeeping(backend: DistributedBackend, log: Logger): NodeJS.Timeout {
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

export interface ServeProcess {
  url: string;
  app: FastifyInstance;
  backend: DistributedBackend;
  stop(): Promise<void>;
}

export async function startServe(config: Config, log: Logger, options: { jwtSecret?: string } = {}): Promise<ServeProcess> {
  requireDistributedConfig(config, 'serve');
  const jwtSecret = options.jwtSecret ?? config.JWT.secret_key;
  if (!isRealJwtSecret(jwtSecret)) {
    throw new ConfigError(
      'set [JWT] secret_key (or OPENCHECKER_JWT_SECRET_KEY) to a random string of at least 16 characters, the same for every `serve` replica',
    );
  }
  const backend = await openDistributedBackend(config, log);
  const configured = await ensureConfiguredUser(backend.store, config.UserManager.default_username, config.UserManager.default_password);
  if (configured !== 'skipped' && configured !== 'unchanged') log.info({ user: config.UserManager.default_username }, `configured user ${configured}`);
  if ((await backend.store.listUsers()).length === 0) {
    log.warn('no users yet: create one with `openchecker users add <name>` (same [Database] url), or set [UserManager] default_username/password');
  }
  const metrics = new Metrics();
  bindBackendMetrics(metrics, backend);
  const app = await buildApp({ backend, config, log, metrics, tokens: createTokenService(jwtSecret, config.JWT.expires_minutes) });
  const url = await app.listen({ host: config.OpenCheck.host, port: config.OpenCheck.port });
  // Callbacks are an outbox in the database: API replicas deliver them too, so results reach clients even
  // while no agent runs (e.g. dead-lettered tasks, or retries after all agents stopped).
  const dispatcher = new CallbackDispatcher({ store: backend.store, config, log: log.child({ component: 'callback' }), metrics, owner: `serve-${process.pid}` });
  dispatcher.start();
  const housekeeping = startHousekeeping(backend, log);
  log.info({ url, database: withoutCredentials(config.Database.url), broker: withoutCredentials(amqpUrl(config)) }, 'OpenChecker API (serve) started');
  let stopping: Promise<void> | null = null;
  return {
    url,
    app,
    backend,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(housekeeping);
        await app.close();
        await dispatcher.stop();
        await backend.close();
      })()),
  };
}

export interface AgentProcess {
  agent: Agent;
  backend: DistributedBackend;
  health: Server | null;
  stop(): Promise<void>;
}

/**
 * The agent's small operations endpoint, for container probes and Prometheus: /healthz answers while the
 * process runs; /readyz when the broker is connected and the database answers; /metrics the work this process
 * did (tasks, checker and clone durations, callbacks), which no other process can report.
 */
function startHealthServer(port: number, backend: DistributedBackend, metrics: Metrics, log: Logger): Server {
  const server = createServer((request, response) => {
    const send = (status: number, body: Record<string, unknown>): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.url === '/healthz') return send(200, { status: 'ok' });
    if (request.url === '/readyz') {
      void Promise.all([backend.queue.ping(), backend.store.ping()]).then(
        () => send(200, { status: 'ready' }),
        (err: unknown) => send(503, { status: 'not ready', reason: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    if (request.url === '/metrics') {
      void metrics.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        (err: unknown) => send(500, { error: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    send(404, { error: 'not found' });
  });
  server.listen(port, () => log.info({ port }, 'agent health endpoint listening'));
  return server;
}

export async function startAgentProcess(config: Config, configDir: string, log: Logger, concurrency: number): Promise<AgentProcess> {
  requireDistributedConfig(config, 'agent');
  const backend = await openDistributedBackend(config, log);
  const metrics = new Metrics();
  const agent = new Agent({ backend, config, configDir, log, metrics, concurrency });
  await agent.start();
  const health = config.OpenCheck.agent_health_port > 0 ? startHealthServer(config.OpenCheck.agent_health_port, backend, metrics, log) : null;
  const housekeeping = startHousekeeping(backend, log);
  log.info({ agent: agent.id, concurrency, broker: withoutCredentials(amqpUrl(config)) }, 'OpenChecker agent started');
  let stopping: Promise<void> | null = null;
  return {
    agent,
    backend,
    health,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(housekeeping);
        await agent.stop(config.OpenCheck.shutdown_grace_s * 1000);
        await backend.close();
        health?.close();
      })()),
  };
}
