/** What the routes need, passed to buildApp: nothing is reached through globals. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Backend } from '../backend.js';
import type { Config } from '../config/schema.js';
import { OpenCheckerError } from '../errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../lib/metrics.js';
import type { UserRecord } from '../store/types.js';
import type { TokenService } from './tokens.js';

export interface ApiDeps {
  backend: Backend;
  config: Config;
  log: Logger;
  metrics: Metrics;
  tokens: TokenService;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
  }
}

/** preHandler for protected routes: a valid token of an existing user, else 401. */
export function requireUser(deps: ApiDeps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const userId = await deps.tokens.verify(request.headers.authorization);
    const user = await deps.backend.store.getUserById(userId);
    if (!user) throw new OpenCheckerError('OC_ERR_AUTH_INVALID_TOKEN', 'Invalid token: the user no longer exists');
    request.user = user;
  };
}

export function requireAdmin(deps: ApiDeps) {
  const authenticate = requireUser(deps);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticate(request, reply);
    if (request.user?.role !== 'admin') throw new OpenCheckerError('OC_ERR_AUTH_FORBIDDEN');
  };
}

export const errorResponseSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    code: { type: 'string' },
    details: { type: 'array', items: {} },
  },
  required: ['error'],
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];
