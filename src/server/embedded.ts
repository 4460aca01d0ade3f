/**
 * `openchecker up`: the API, the embedded queue and store and N agents in one process, with graceful
 * shutdown (HTTP closes first, running tasks finish or are handed back, then the database closes).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../agent/worker.js';
import { buildApp } from '../api/app.js';
import { createTokenService } from '../api/tokens.js';
import { EmbeddedBackend, embeddedDatabasePath } from '../tasks/backend.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import { gitCacheFromConfig } from '../lib/git-cache/index.js';
import { Metrics } from '../lib/metrics.js';
import { addUser, ensureConfiguredUser, generatePassword } from '../users/passwords.js';
import { embeddedJwtSecret } from './secrets.js';
import { bindBackendMetrics, bindGitCacheMetrics } from './metrics.js';
import { startConfiguredRetention } from './retention.js';

export interface EmbeddedServer {
  url: string;
  backend: EmbeddedBackend;
  app: FastifyInstance;
  agents: Agent[];
  /** Set when `up` created the first admin user: shown once, never stored in clear. */
  initialAdmin: { username: string; password: string } | null;
  stop(): Promise<void>;
}

export async function startEmbedded(config: Config, configDir: string, log: Logger): Promise<EmbeddedServer> {
  const dataDir = resolve(config.OpenCheck.data_dir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { secret, generated } = embeddedJwtSecret(config.JWT.secret_key, dataDir);
  if (generated) log.info({ dataDir }, 'generated a JWT secret and kept it in the data directory');

  const backend = new EmbeddedBackend(embeddedDatabasePath(dataDir));
  const recovered = backend.queue.recoverOrphanedLeases();
  if (recovered > 0) log.info({ recovered }, 'tasks interrupted by the last shutdown are queued again');

  const configured = await ensureConfiguredUser(backend.store, config.UserManager.default_username, config.UserManager.default_password);
  if (configured !== 'skipped' && configured !== 'unchanged') log.info({ user: config.UserManager.default_username }, `configured user ${configured}`);
  let initialAdmin: EmbeddedServer['initialAdmin'] = null;
  if ((await backend.store.listUsers()).length === 0) {
    const password = generatePassword();
    await addUser(backend.store, 'admin', password, 'admin');
    initialAdmin = { username: 'admin', password };
  }

  const metrics = new Metrics();
  bindBackendMetrics(metrics, backend);
  const app = await buildApp({ backend, config, log, metrics, tokens: createTokenService(secret, config.JWT.expires_minutes) });
  const address = await app.listen({ host: config.OpenCheck.host, port: config.OpenCheck.port });

  // The agents' code (the clone and run pipeline) loads once the API answers: tasks accepted meanwhile wait
  // in the queue, as they would for a busy agent.
  const { Agent } = await import('../agent/worker.js');
  // One git cache for all the agents of the process.
  const gitCache = gitCacheFromConfig(config);
  if (gitCache) bindGitCacheMetrics(metrics, gitCache);
  const agents = Array.from(
    { length: config.OpenCheck.agents },
    (_, index) => new Agent({ backend, config, configDir, log, metrics, concurrency: 1, agentId: `embedded-${process.pid}-${index + 1}`, gitCache }),
  );
  await Promise.all(agents.map((agent) => agent.start()));
  const retention = startConfiguredRetention(backend.store, config, log);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      log.info('shutting down: no new requests, running tasks get the grace period');
      await app.close();
      await retention?.stop();
      await Promise.all(agents.map((agent) => agent.stop(config.OpenCheck.shutdown_grace_s * 1000)));
      await backend.close();
      log.info('shut down cleanly');
    })();
    return stopping;
  };
  return { url: address, backend, app, agents, initialAdmin, stop };
}
