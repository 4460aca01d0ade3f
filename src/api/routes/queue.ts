/**
 * GET /queue (depth, consumers, dead letters, from the broker) and the dead-letter routes: list for users,
 * requeue for admins (the same operations as `openchecker queue dlq`).
 */
import type { FastifyInstance } from 'fastify';
import { OpenCheckerError } from '../../lib/errors.js';
import { listDeadLetters, requeueDeadLetters } from '../../tasks/dead-letters.js';
import { DEAD_LETTER_QUEUE, WORK_QUEUE } from '../../queue/names.js';
import { bearerSecurity, errorResponseSchema, requireAdmin, requireUser, type ApiDeps } from '../context.js';

interface RequeueBody {
  task_ids?: string[];
  all?: boolean;
}

export function queueRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/queue',
    {
      preHandler: requireUser(deps),
      schema: { summary: 'Queue depth, consumers and dead letters', tags: ['operations'], security: bearerSecurity, response: { 503: errorResponseSchema } },
    },
    async () => {
      const stats = await deps.backend.queue.stats().catch(() => {
        throw new OpenCheckerError('OC_ERR_QUEUE_UNAVAILABLE');
      });
      return {
        backend: deps.backend.kind === 'distributed' ? 'rabbitmq' : 'embedded',
        queue: { name: WORK_QUEUE, depth: stats.ready, unacked: stats.unacked, consumers: stats.consumers ?? null },
        dead_letters: { name: DEAD_LETTER_QUEUE, depth: stats.deadLetters },
      };
    },
  );

  app.get(
    '/queue/dead-letters',
    {
      preHandler: requireAdmin(deps),
      schema: {
        summary: 'Dead-lettered messages (oldest first) with their reason',
        tags: ['operations'],
        security: bearerSecurity,
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } }, additionalProperties: false },
        response: { 503: errorResponseSchema },
      },
    },
    async (request) => {
      const { limit } = request.query as { limit: number };
      const letters = await listDeadLetters(deps.backend, limit);
      return {
        items: letters.map((letter) => ({
          task_id: letter.taskId,
          reason: letter.reason,
          dead_lettered_at: letter.deadLetteredAt,
          project_url: letter.projectUrl,
        })),
      };
    },
  );

  app.post(
    '/queue/dead-letters/requeue',
    {
      preHandler: requireAdmin(deps),
      schema: {
        summary: 'Put dead-lettered tasks back on the work queue',
        tags: ['operations'],
        security: bearerSecurity,
        body: {
          type: 'object',
          properties: {
            task_ids: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 1000 },
            all: { type: 'boolean' },
          },
          additionalProperties: false,
        },
        response: { 400: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request) => {
      const body = request.body as RequeueBody;
      if (!body.all && !body.task_ids?.length) {
        throw new OpenCheckerError('OC_ERR_API_VALIDATION', 'Invalid request: give "task_ids" (a non-empty list) or "all": true');
      }
      const moved = await requeueDeadLetters(deps.backend, body.all ? { all: true } : { taskIds: body.task_ids ?? [] });
      request.log.info({ requeued: moved.length, user: request.user?.username }, 'dead letters requeued');
      return { requeued: moved.length, task_ids: moved.map((letter) => letter.taskId) };
    },
  );
}
