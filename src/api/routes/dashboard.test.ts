import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandling } from '../error-handler.js';
import { dashboardRoutes } from './dashboard.js';

/** An app with the API's error handling, two API-like routes and the dashboard served from `root`. */
async function appWith(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorHandling(app);
  app.get('/tasks', async () => ({ tasks: [] }));
  app.get('/tasks/:task_id', async () => ({ task_id: 'x' }));
  await dashboardRoutes(app, root);
  return app;
}

test('serves the built dashboard at / with its security headers; API routes and JSON 404s are untouched', async () => {
  const root = await mkdtemp(join(tmpdir(), 'oc-dashboard-assets-'));
  try {
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>OpenChecker</title>');
    await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(root, '.secret'), 'hidden');
    const app = await appWith(root);

    const page = await app.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.match(page.body, /<title>OpenChecker<\/title>/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(page.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.match(page.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');

    const script = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(script.statusCode, 200);
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');

    assert.deepEqual((await app.inject({ method: 'GET', url: '/tasks' })).json(), { tasks: [] });
    assert.deepEqual((await app.inject({ method: 'GET', url: '/tasks/abc' })).json(), { task_id: 'x' });
    for (const url of ['/nope', '/assets/missing.js', '/.secret', '/assets/../../etc/passwd']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json<{ code: string }>().code, 'OC_ERR_API_NOT_FOUND', url);
    }
    await app.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('without built assets, / explains how to build them and the API still answers', async () => {
  const root = await mkdtemp(join(tmpdir(), 'oc-dashboard-missing-'));
  try {
    const app = await appWith(join(root, 'public'));
    const page = await app.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /dashboard has not been built\. Run `npm run build`/);
    assert.equal((await app.inject({ method: 'GET', url: '/tasks' })).statusCode, 200);
    await app.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
