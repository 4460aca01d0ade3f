/** buildApp(deps): the HTTP API as a Fastify instance, separate from listen() so tests use inject(). */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { LIMITS } from '../tasks/validation.js';
import type { ApiDeps } from './context.js';
import { installErrorHandling } from './error-handler.js';
import { installJsonBodyParser } from './json-body.js';
import { serverTimeouts } from './server-timeouts.js';
import { authRoutes } from './routes/auth.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { queueRoutes } from './routes/queue.js';
import { systemRoutes } from './routes/system.js';
import { taskRoutes } from './routes/tasks.js';
import { testRoutes } from './routes/test.js';

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger interface so the instance is a plain FastifyInstance for the route modules.
  const logger: FastifyBaseLogger = deps.log.child({ component: 'api' });
  const app = Fastify({
    loggerInstance: logger,
    // Per-request lines are written by the onResponse hook below (debug level), with the route and timing.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: LIMITS.bodyBytes,
    // Header, body and idle time limits ([API]): slow clients are cut off instead of held for ever.
    ...serverTimeouts(deps.config.API),
    // Only behind a proxy that sets X-Forwarded-For: otherwise clients could pick their address and dodge
    // the /auth rate limit.
    trustProxy: deps.config.OpenCheck.trust_proxy,
    ajv: {
      // Mistyped fields are errors, not silently converted ("1" is not a list of commands).
      customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false },
    },
  });
  app.decorateRequest('user', null);
  // Bodies are JSON only: without this, Fastify's built-in text/plain parser turns a text body into a string
  // that fails validation with a confusing 400 instead of the 415 the error handler promises.
  app.removeContentTypeParser('text/plain');
  // JSON nested deeper than MAX_JSON_DEPTH is a 400 before it is parsed (deep nesting overflowed the stack: 500).
  installJsonBodyParser(app, LIMITS.bodyBytes);
  installErrorHandling(app);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) request.log.warn({ method: request.method, url: request.url, status: reply.statusCode }, 'request failed');
    else request.log.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpenChecker API',
        version: '0.1.0',
        description: 'Submit repository checks, follow tasks and read results. Wire-compatible with the Python OpenChecker.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Also accepted as "Authorization: JWT <token>".' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  authRoutes(app, deps);
  testRoutes(app, deps);
  taskRoutes(app, deps);
  systemRoutes(app, deps);
  queueRoutes(app, deps);
  await dashboardRoutes(app);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
