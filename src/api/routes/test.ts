/** GET/POST /test: smoke-test routes of the contract. */
import type { FastifyInstance } from 'fastify';
import { bearerSecurity, requireUser, type ApiDeps } from '../context.js';

export function testRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const preHandler = requireUser(deps);
  app.get(
    '/test',
    {
      preHandler,
      schema: {
        summary: 'Who am I: the caller user id and name',
        tags: ['smoke test'],
        security: bearerSecurity,
        response: { 200: { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' } } } },
      },
    },
    async (request) => ({ id: request.user?.id, username: request.user?.username }),
  );
  app.post(
    '/test',
    {
      preHandler,
      schema: {
        summary: 'Echo a message',
        tags: ['smoke test'],
        security: bearerSecurity,
        body: { type: 'object', required: ['message'], properties: { message: {} } },
        response: { 200: { type: 'string' } },
      },
    },
    async (request, reply) => {
      const { message } = request.body as { message: unknown };
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      // Upstream answers a JSON string, not an object.
      return reply.type('application/json').send(JSON.stringify(`Message received: ${text}, test pass!`));
    },
  );
}
