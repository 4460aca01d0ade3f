/** `openchecker serve`: the HTTP API of distributed mode (any number of replicas), with callback delivery. */
import type { FastifyInstance } from 'fastify';
import { CallbackDispatcher } from '../agent/callback.js';
import { buildApp } from '../api/app.js';
import { createTokenService } from '../api/tokens.js';
import { isRealJwtSecret, type Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import { Metrics } from '../lib/metrics.js';
import type { DistributedBackend } from '../tasks/backend.js';
import { withoutCredentials } from '../tasks/validation.js';
import { ensureConfiguredUser } from '../users/passwords.js';
import { amqpUrl, openDistributedBackend, requireDistributedConfig, startHousekeeping } from './distributed.js';
import { bindBackendMetrics } from './metrics.js';
import { assertStrongJwtSecret } from './secrets.js';
import { startConfiguredRetention } from './retention.js';

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
    // Says what is wrong (empty, short or predictable), never quoting the secret.
    assertStrongJwtSecret(jwtSecret, '[JWT] secret_key (or OPENCHECKER_JWT_SECRET_KEY), the same for every `serve` replica,');
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
  const retention = startConfiguredRetention(backend.store, config, log);
  log.info({ url, database: withoutCredentials(config.Database.url), broker: withoutCredentials(amqpUrl(config)) }, 'OpenChecker API (serve) started');
  let stopping: Promise<void> | null = null;
  return {
    url,
    app,
    backend,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(housekeeping);
        await retention?.stop();
        await app.close();
        await dispatcher.stop();
        await backend.close();
      })()),
  };
}
