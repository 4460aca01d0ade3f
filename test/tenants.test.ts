/**
 * Tenants through the HTTP API (inject, a real embedded backend): user B cannot list or read user A's task (404,
 * as for a missing one), admins can; tasks without an owner (queue messages, rows from before owners) are for
 * admins only; per-user quotas answer 429 with Retry-After. Tokens come from POST /auth, as a client gets them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/api/app.js';
import { createTokenService } from '../src/api/tokens.js';
import { loadConfig } from '../src/config/load.js';
import { silentLogger } from '../src/lib/log.js';
import { Metrics } from '../src/lib/metrics.js';
import { EmbeddedBackend } from '../src/tasks/backend.js';
import type { UserRole } from '../src/store/types.js';
import { addUser } from '../src/users/passwords.js';

const PASSWORD = 'a-long-enough-password';

interface Harness {
  app: FastifyInstance;
  backend: EmbeddedBackend;
  /** Creates a user and answers its Authorization header. */
  login(username: string, role: UserRole): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

async function harness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-tenants-'));
  const config = loadConfig({ env, cwd: dir }).config;
  const backend = new EmbeddedBackend(join(dir, 'openchecker.db'));
  const app = await buildApp({ backend, config, log: silentLogger(), metrics: new Metrics(), tokens: createTokenService('tenants-test-secret-0123456789abcdef', 30) });
  return {
    app,
    backend,
    async login(username, role) {
      await addUser(backend.store, username, PASSWORD, role);
      const response = await app.inject({ method: 'POST', url: '/auth', payload: { username, password: PASSWORD } });
      assert.equal(response.statusCode, 200, response.body);
      return { authorization: `Bearer ${String((JSON.parse(response.body) as { access_token: string }).access_token)}` };
    },
    async close() {
      await app.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const json = (response: LightMyRequestResponse): Record<string, unknown> => JSON.parse(response.body) as Record<string, unknown>;

const submission = {
  commands: ['readme-checker'],
  project_url: 'https://github.com/acme/private-thing',
  callback_url: 'https://alice.example/hook?token=s3cr3t-callback-token',
  task_metadata: { customer: 'alice-corp', internal_ref: 'A-42' },
};

async function submit(h: Harness, headers: { authorization: string }, body: Record<string, unknown> = submission): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'POST', url: '/opencheck', headers, payload: body });
}

async function listIds(h: Harness, headers: { authorization: string }, query = ''): Promise<{ ids: string[]; scope: unknown }> {
  const response = await h.app.inject({ method: 'GET', url: `/tasks${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  const body = json(response) as { tasks: { task_id: string }[]; scope: unknown };
  return { ids: body.tasks.map((t) => t.task_id), scope: body.scope };
}

test('user B cannot list or read user A\'s task: 404 as for a missing id; the owner and admins can', async () => {
  const h = await harness();
  try {
    const alice = await h.login('alice', 'user');
    const bob = await h.login('bob', 'user');
    const root = await h.login('root', 'admin');
    const accepted = await submit(h, alice);
    assert.equal(accepted.statusCode, 200, accepted.body);
    const taskId = json(accepted).task_id as string;
    const bobsTask = json(await submit(h, bob, { commands: ['readme-checker'], project_url: 'https://github.com/bob/thing' })).task_id as string;

    // The attack: bob reads alice's task by id, through both routes, and looks for it in every listing.
    for (const url of [`/opencheck/${taskId}`, `/tasks/${taskId}`]) {
      const stolen = await h.app.inject({ method: 'GET', url, headers: bob });
      assert.equal(stolen.statusCode, 404, `${url}: ${stolen.body}`);
      for (const secret of ['s3cr3t-callback-token', 'alice-corp', 'private-thing', 'readme-checker']) {
        assert.equal(stolen.body.includes(secret), false, `${url} leaks ${secret}`);
      }
      // Indistinguishable from an id that does not exist.
      const missingId = '00000000-0000-4000-8000-000000000000';
      const missing = await h.app.inject({ method: 'GET', url: url.replace(taskId, missingId), headers: bob });
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(json(stolen), { ...json(missing), error: (json(missing).error as string).replace(missingId, taskId) });
    }
    assert.deepEqual(await listIds(h, bob), { ids: [bobsTask], scope: 'own' });
    assert.deepEqual((await listIds(h, bob, `?repository=${encodeURIComponent(submission.project_url)}`)).ids, []);
    assert.deepEqual((await listIds(h, bob, '?status=queued')).ids, [bobsTask]);

    // The owner reads it; so does an admin, who lists everyone's tasks with their submitter.
    for (const headers of [alice, root]) {
      const own = await h.app.inject({ method: 'GET', url: `/opencheck/${taskId}`, headers });
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(json(own).submitted_by, 'alice');
      assert.deepEqual(json(own).task_metadata, submission.task_metadata);
    }
    assert.deepEqual(await listIds(h, alice), { ids: [taskId], scope: 'own' });
    assert.deepEqual(await listIds(h, root), { ids: [bobsTask, taskId], scope: 'all' });
    const adminPage = json(await h.app.inject({ method: 'GET', url: '/tasks', headers: root })) as { tasks: { submitted_by: string | null }[] };
    assert.deepEqual(adminPage.tasks.map((t) => t.submitted_by), ['bob', 'alice']);
  } finally {
    await h.close();
  }
});

test('tasks without an owner (queue messages from the Python main, rows from before migration 6) are for admins only', async () => {
  const h = await harness();
  try {
    const alice = await h.login('alice', 'user');
    const root = await h.login('root', 'admin');
    const base = { projectUrl: 'https://github.com/acme/x', commandList: ['readme-checker'], taskMetadata: {}, commitHash: null, callbackUrl: null };
    // What the agent writes for an upstream message, and what an old row reads as: no owner.
    await h.backend.store.createTask({ ...base, taskId: 'from-queue', submittedBy: null });
    await h.backend.store.createTask({ ...base, taskId: 'legacy-row', submittedBy: 'alice' });
    for (const id of ['from-queue', 'legacy-row']) {
      assert.equal((await h.app.inject({ method: 'GET', url: `/tasks/${id}`, headers: alice })).statusCode, 404, id);
      assert.equal((await h.app.inject({ method: 'GET', url: `/tasks/${id}`, headers: root })).statusCode, 200, id);
    }
    assert.deepEqual((await listIds(h, alice)).ids, []);
    assert.deepEqual((await listIds(h, root)).ids, ['legacy-row', 'from-queue']);
  } finally {
    await h.close();
  }
});

test('submissions per minute: the next one is 429 with Retry-After and a coded error; other users and admins are not affected', async () => {
  const h = await harness({ OPENCHECKER_QUOTAS_SUBMISSIONS_PER_MINUTE: '3', OPENCHECKER_QUOTAS_MAX_QUEUED_TASKS: '0' });
  try {
    const alice = await h.login('alice', 'user');
    const bob = await h.login('bob', 'user');
    const root = await h.login('root', 'admin');
    for (let i = 0; i < 3; i++) assert.equal((await submit(h, alice)).statusCode, 200);
    const refused = await submit(h, alice);
    assert.equal(refused.statusCode, 429, refused.body);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${String(refused.headers['retry-after'])}`);
    const body = json(refused);
    assert.equal(body.code, 'OC_ERR_API_QUOTA_EXCEEDED');
    assert.match(body.error as string, /3 submissions per minute/);
    assert.equal((await listIds(h, alice)).ids.length, 3, 'the refused task was not stored');

    assert.equal((await submit(h, bob)).statusCode, 200, 'a quota per user');
    for (let i = 0; i < 5; i++) assert.equal((await submit(h, root)).statusCode, 200, 'admins are not limited by default');
  } finally {
    await h.close();
  }
});

test('a burst of concurrent submissions cannot slip past the per-minute quota', async () => {
  const h = await harness({ OPENCHECKER_QUOTAS_SUBMISSIONS_PER_MINUTE: '5', OPENCHECKER_QUOTAS_MAX_QUEUED_TASKS: '0' });
  try {
    const alice = await h.login('alice', 'user');
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => submit(h, alice)))).map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 200).length, 5, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 429).length, 15);
    assert.equal((await listIds(h, alice)).ids.length, 5);
  } finally {
    await h.close();
  }
});

test('queued tasks per user: 429 with a clear message until one finishes; apply_to_admins limits admins too', async () => {
  const h = await harness({ OPENCHECKER_QUOTAS_SUBMISSIONS_PER_MINUTE: '0', OPENCHECKER_QUOTAS_MAX_QUEUED_TASKS: '2', OPENCHECKER_QUOTAS_APPLY_TO_ADMINS: 'true' });
  try {
    const alice = await h.login('alice', 'user');
    const root = await h.login('root', 'admin');
    const first = json(await submit(h, alice)).task_id as string;
    assert.equal((await submit(h, alice)).statusCode, 200);
    const refused = await submit(h, alice);
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(json(refused).code, 'OC_ERR_API_QUOTA_QUEUED');
    assert.match(json(refused).error as string, /queued or running/);
    assert.ok(Number(refused.headers['retry-after']) > 0);

    await h.backend.store.startTask(first, 'agent');
    assert.equal((await submit(h, alice)).statusCode, 429, 'running still counts');
    await h.backend.store.finishTask(first, { status: 'succeeded', scanResults: {}, error: null });
    assert.equal((await submit(h, alice)).statusCode, 200, 'a finished task frees a place');

    assert.equal((await submit(h, root)).statusCode, 200);
    assert.equal((await submit(h, root)).statusCode, 200);
    assert.equal((await submit(h, root)).statusCode, 429, 'apply_to_admins = true');
  } finally {
    await h.close();
  }
});
