/**
 * The web dashboard (dashboard/, built by `npm run build` into dist/dashboard/public) served at "/". Only the
 * files that exist when the server starts get routes (no wildcard), so every API route keeps precedence and an
 * unknown path still gets the API's JSON 404. The dashboard talks to the server through the public API only.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRoot } from '../../lib/paths.js';

export function dashboardRoot(): string {
  return join(packageRoot(), 'dist', 'dashboard', 'public');
}

/**
 * The page loads only its own scripts and styles and talks only to this server. Bar widths and language
 * colours are set through the CSSOM (element.style), which style-src does not restrict, so no inline styles
 * need allowing.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): void {
  void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
}

export async function dashboardRoutes(app: FastifyInstance, root = dashboardRoot()): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      app.log.warn({ root }, 'dashboard assets not built');
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The OpenChecker dashboard has not been built. Run `npm run build` (npm ci runs it too) and restart the server. The API works without it: see /docs.\n');
    });
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    schemaHide: true,
    dotfiles: 'ignore',
    // File names under assets/ carry a content hash: cache them for good; always revalidate the page itself.
    cacheControl: false,
    setHeaders(reply, path) {
      const hashed = relative(root, path).startsWith(`assets${sep}`);
      void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      securityHeaders(reply);
    },
  });
}
