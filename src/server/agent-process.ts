/** `openchecker agent`: a worker process of distributed mode, with its health and metrics endpoint. */
import { createServer, type Server } from 'node:http';
import { Agent } from '../agent/worker.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/log.js';
import { gitCacheFromConfig } from '../lib/git-cache/index.js';
import { Metrics } from '../lib/metrics.js';
import type { DistributedBackend } from '../tasks/backend.js';
import { withoutCredentials } from '../tasks/validation.js';
import { amqpUrl, openDistributedBackend, requireDistributedConfig, startHousekeeping } from './distributed.js';
import { bindGitCacheMetrics } from './metrics.js';

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
  const gitCache = gitCacheFromConfig(config);
  if (gitCache) bindGitCacheMetrics(metrics, gitCache);
  const agent = new Agent({ backend, config, configDir, log, metrics, concurrency, gitCache });
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
