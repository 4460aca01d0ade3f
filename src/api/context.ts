/** What the routes need, passed to buildApp: nothing is reached through globals. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Backend } from '../tasks/backend.js';
import type { Config } from '../config/schema.js';
import { OpenCheckerError } from '../lib/errors.js';
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

/**
 * How long a looked-up user is reused. Every authenticated request used to cost a database round trip before
 * any work; a busy client sends hundreds a second with one token. The price: a user deleted, whose password
 * changed (its token generation with it) or whose role changed with the `users` command keeps its access for up
 * to this long, then every token issued before is refused.
 */
export const USER_CACHE_MS = 5000;
const USER_CACHE_MAX = 10_000;

type CachedUser = { user: UserRecord | null; expires: number };
const userCaches = new WeakMap<ApiDeps, Map<string, CachedUser>>();

async function findUser(deps: ApiDeps, userId: string): Promise<UserRecord | null> {
  let cache = userCaches.get(deps);
  if (!cache) userCaches.set(deps, (cache = new Map<string, CachedUser>()));
  const now = Date.now();
  const hit = cache.get(userId);
  if (hit && hit.expires > now) return hit.user;
  const user = await deps.backend.store.getUserById(userId);
  if (cache.size >= USER_CACHE_MAX) cache.clear();
  cache.set(userId, { user, expires: now + USER_CACHE_MS });
  return user;
}

/** preHandler for protected routes: a valid token of an existing user, else 401. */
export function requireUser(deps: ApiDeps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = await deps.tokens.verify(request.headers.authorization);
    const user = await findUser(deps, token.userId);
    if (!user) throw new OpenCheckerError('OC_ERR_AUTH_INVALID_TOKEN', 'Invalid token: the user no longer exists');
    // A password change increments the generation: every token issued before it is revoked.
    if (user.tokenGeneration !== token.generation) throw new OpenCheckerError('OC_ERR_AUTH_INVALID_TOKEN', 'Invalid token: revoked by a password change; log in again');
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
