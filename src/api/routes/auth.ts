/** POST /auth: HTTP Basic or a JSON body of username and password → an access token (contract §1). */
import type { FastifyInstance } from 'fastify';
import { OpenCheckerError } from '../../lib/errors.js';
import { verifyPassword } from '../../users/passwords.js';
import { errorResponseSchema, type ApiDeps } from '../context.js';

function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { username: decoded, password: '' };
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function bodyCredentials(body: unknown): { username: string; password: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { username, password } = body as Record<string, unknown>;
  return typeof username === 'string' && typeof password === 'string' ? { username, password } : null;
}

export function authRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post(
    '/auth',
    {
      config: { rateLimit: { max: deps.config.OpenCheck.auth_rate_limit_per_minute, timeWindow: '1 minute' } },
      // HTTP Basic clients (curl -u, requests' auth=) send no body at all; the body schema must not turn that
      // into a 400: an absent body is an empty one, so the route answers 200 or 401 as the contract says.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        summary: 'Exchange credentials (HTTP Basic or JSON) for an access token',
        tags: ['auth'],
        body: {
          type: 'object',
          properties: { username: { type: 'string', maxLength: 256 }, password: { type: 'string', maxLength: 1024 } },
        },
        response: {
          200: {
            type: 'object',
            properties: { access_token: { type: 'string' }, token_type: { type: 'string' } },
            required: ['access_token', 'token_type'],
          },
          401: errorResponseSchema,
        },
      },
    },
    async (request) => {
      // Basic is tried first; when present it decides (no fallback to the body), as upstream.
      const credentials = basicCredentials(request.headers.authorization) ?? bodyCredentials(request.body);
      if (!credentials || !credentials.username || !credentials.password) {
        throw new OpenCheckerError('OC_ERR_AUTH_MISSING_CREDENTIALS');
      }
      const user = await deps.backend.store.getUserByName(credentials.username);
      if (!(await verifyPassword(user, credentials.password)) || !user) {
        throw new OpenCheckerError('OC_ERR_AUTH_INVALID_CREDENTIALS');
      }
      return { access_token: await deps.tokens.issue(user.id, user.tokenGeneration), token_type: 'Bearer' };
    },
  );
}
