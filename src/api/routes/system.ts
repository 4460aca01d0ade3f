/** Health, readiness, metrics, the command list and the agent registry. */
import type { FastifyInstance } from 'fastify';
import { listCommands } from '../../checkers/metadata.js';
import { errorMessage } from '../../lib/errors.js';
import { bearerSecurity, errorResponseSchema, requireUser, type ApiDeps } from '../context.js';

export function systemRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', { schema: { summary: 'The process is alive', tags: ['operations'] } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    { schema: { summary: 'The store and the queue answer', tags: ['operations'], response: { 503: errorResponseSchema } } },
    async (_request, reply) => {
      const checks = await Promise.all([
        deps.backend.store.ping().then(() => null, (err: unknown) => `store: ${errorMessage(err)}`),
        deps.backend.queue.ping().then(() => null, (err: unknown) => `queue: ${errorMessage(err)}`),
      ]);
      const problems = checks.filter((c): c is string => c !== null);
      if (problems.length > 0) {
        return reply.status(503).send({ error: `not ready: ${problems.join('; ')}`, code: 'OC_ERR_STORE_UNAVAILABLE', details: problems });
      }
      return { status: 'ready', store: 'ok', queue: 'ok' };
    },
  );

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['operations'], hide: false } }, async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });

  app.get('/commands', { schema: { summary: 'Every command the agents can run, with what it needs', tags: ['commands'] } }, async () => ({
    commands: listCommands(),
  }));

  app.get(
    '/agents',
    { preHandler: requireUser(deps), schema: { summary: 'Registered agents and queue depth', tags: ['operations'], security: bearerSecurity } },
    async () => {
      const [agents, queue] = await Promise.all([deps.backend.store.listAgents(), deps.backend.queue.stats().catch(() => null)]);
      // Inactive: stopped, or silent for three heartbeat intervals (killed, or cut off from the database).
      const silentAfterMs = deps.config.OpenCheck.agent_heartbeat_s * 3000;
      return {
        agents: agents.map((agent) => ({
          id: agent.id,
          hostname: agent.hostname,
          pid: agent.pid,
          version: agent.version,
          concurrency: agent.concurrency,
          status: agent.status === 'running' && Date.now() - Date.parse(agent.lastHeartbeatAt) <= silentAfterMs ? 'active' : 'inactive',
          commands: agent.commands,
          started_at: agent.startedAt,
          last_heartbeat_at: agent.lastHeartbeatAt,
          current_tasks: agent.currentTasks,
        })),
        queue: queue ? { ready: queue.ready, unacked: queue.unacked, dead_letters: queue.deadLetters } : null,
      };
    },
  );
}
