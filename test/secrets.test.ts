/**
 * Secrets through the API (issue 14, "Secrets"): revoked tokens after a password change or a removal, a user
 * re-created under the same name, and the places the API shows stored URLs (task view, dead letters).
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/app.js';
import { USER_CACHE_MS } from '../src/api/context.js';
import { createTokenService } from '../src/api/tokens.js';
import { loadConfig } from '../src/config/load.js';
import { silentLogger } from '../src/lib/log.js';
import { Metrics } from '../src/lib/metrics.js';
import { EmbeddedBackend } from '../src/tasks/backend.js';
import { listDeadLetters } from '../src/tasks/dead-letters.js';
import { addUser, hashPassword } from '../src/users/passwords.js';

const SECRET = 'S3cr3tT0kenValue';

async function harness(): Promise<{ app: FastifyInstance; backend: EmbeddedBackend; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-secrets-api-'));
  const config = loadConfig({ env: {}, cwd: dir }).config;
  const backend = new EmbeddedBackend(join(dir, 'openchecker.db'));
  const tokens = createTokenService('9f2c1e7a4b8d0c3f6e5a2b1c9f2c1e7a', config.JWT.expires_minutes);
  const app = await buildApp({ backend, config, log: silentLogger(), metrics: new Metrics(), tokens });
  return {
    app,
    backend,
    close: async () => {
      await app.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/auth', payload: { username, password } });
  assert.equal(response.statusCode, 200, response.body);
  return (JSON.parse(response.body) as { access_token: string }).access_token;
}

async function status(app: FastifyInstance, token: string): Promise<{ code: number; error: string }> {
  const response = await app.inject({ method: 'GET', url: '/test', headers: { authorization: `Bearer ${token}` } });
  return { code: response.statusCode, error: response.statusCode === 200 ? '' : ((JSON.parse(response.body) as { error: string }).error ?? '') };
}

test('tokens: a password change and a removal revoke the tokens issued before, within the user cache; a re-created user does not inherit them', async (t) => {
  // A fake clock for the user cache (Date only: timers, sockets and argon2 run as usual).
  mock.timers.enable({ apis: ['Date'], now: Date.now() });
  t.after(() => mock.timers.reset());
  const h = await harness();
  try {
    await addUser(h.backend.store, 'alice', 'alice-password-1', 'user');
    await addUser(h.backend.store, 'bob', 'bob-password-1', 'user');

    // Password change of a user whose token was not used lately: refused at once.
    const idle = await login(h.app, 'alice', 'alice-password-1');
    await h.backend.store.updatePassword('alice', await hashPassword('alice-password-2'));
    assert.deepEqual(await status(h.app, idle), { code: 401, error: 'Invalid token: revoked by a password change; log in again' });

    // Used just before the change: still accepted from the 5 s cache, refused once it expires.
    const busy = await login(h.app, 'alice', 'alice-password-2');
    assert.equal((await status(h.app, busy)).code, 200);
    await h.backend.store.updatePassword('alice', await hashPassword('alice-password-3'));
    mock.timers.tick(USER_CACHE_MS + 1);
    assert.equal((await status(h.app, busy)).code, 401, 'refused within the cache window');
    assert.equal((await status(h.app, await login(h.app, 'alice', 'alice-password-3'))).code, 200, 'a new login works');

    // Removal, then a new user under the same name (and even the same password): the old token stays refused.
    const bob = await login(h.app, 'bob', 'bob-password-1');
    assert.equal((await status(h.app, bob)).code, 200);
    const oldId = (await h.backend.store.getUserByName('bob'))?.id;
    assert.ok(await h.backend.store.deleteUser('bob'));
    mock.timers.tick(USER_CACHE_MS + 1);
    assert.equal((await status(h.app, bob)).code, 401, 'a removed user\'s token is refused within the cache window');
    const again = await addUser(h.backend.store, 'bob', 'bob-password-1', 'user');
    assert.notEqual(again.id, oldId, 'sub is the random user id, not derived from the name');
    mock.timers.tick(USER_CACHE_MS + 1);
    assert.match((await status(h.app, bob)).error, /no longer exists/);
    assert.equal((await status(h.app, await login(h.app, 'bob', 'bob-password-1'))).code, 200);
  } finally {
    await h.close();
  }
});

test('the task view and the dead-letter listing never show credentials of project or callback URLs', async () => {
  const h = await harness();
  try {
    await addUser(h.backend.store, 'admin', 'admin-password-1', 'admin');
    const token = await login(h.app, 'admin', 'admin-password-1');
    const submitted = await h.app.inject({
      method: 'POST',
      url: '/opencheck',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        commands: ['readme-checker'],
        project_url: `https://gitlab.test/acme/demo.git?private_token=${SECRET}`,
        callback_url: `https://compass:${SECRET}@hooks.test/cb?access_token=${SECRET}`,
        access_token: SECRET,
      },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.ok(!submitted.body.includes(SECRET));
    const taskId = (JSON.parse(submitted.body) as { task_id: string }).task_id;
    const view = await h.app.inject({ method: 'GET', url: `/opencheck/${taskId}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(view.statusCode, 200, view.body);
    assert.ok(!view.body.includes(SECRET), view.body);
    const body = JSON.parse(view.body) as { project_url: string; callback_url: string };
    assert.equal(body.project_url, 'https://gitlab.test/acme/demo.git?private_token=***');
    assert.equal(body.callback_url, 'https://***@hooks.test/cb?access_token=***');

    // A dead letter (a message from another publisher, with git:// credentials and a reason quoting them).
    await h.backend.queue.publishRaw(JSON.stringify({ project_url: `git://user:${SECRET}@forge.test/x.git`, command_list: ['nope'], access_token: SECRET }));
    const consumer = await h.backend.queue.consume(async (delivery) => delivery.reject(`unknown command for git://user:${SECRET}@forge.test/x.git`), { concurrency: 1, consumerTag: 't' });
    for (let i = 0; i < 200 && (await h.backend.queue.stats()).deadLetters < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await consumer.stop(1000);
    const listed = await h.app.inject({ method: 'GET', url: '/queue/dead-letters', headers: { authorization: `Bearer ${token}` } });
    assert.equal(listed.statusCode, 200, listed.body);
    assert.ok(!listed.body.includes(SECRET), listed.body);
    const items = (JSON.parse(listed.body) as { items: Array<{ project_url: string | null }> }).items;
    assert.ok(items.some((item) => item.project_url === 'git://***@forge.test/x.git'), listed.body);
    // The CLI's listing is the same function.
    assert.ok(!JSON.stringify((await listDeadLetters(h.backend, 10)).map(({ body: _body, ...rest }) => rest)).includes(SECRET));
  } finally {
    await h.close();
  }
});
