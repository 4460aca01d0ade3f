/**
 * The HTTP API through Fastify's inject(): a real EmbeddedBackend (SQLite in a temp folder), real tokens and
 * password hashes. Only the "queue unreachable" case injects a fault, with a Backend whose submit rejects.
 */
import { randomUUID } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SignJWT } from 'jose';
import { buildApp } from '../src/api/app.js';
import { USER_CACHE_MS } from '../src/api/context.js';
import { createTokenService, type TokenService } from '../src/api/tokens.js';
import { EmbeddedBackend, type Backend } from '../src/tasks/backend.js';
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { silentLogger } from '../src/lib/log.js';
import { Metrics } from '../src/lib/metrics.js';
import type { TaskMessage } from '../src/queue/types.js';
import type { NewTask, TaskRecord } from '../src/store/types.js';
import { addUser } from '../src/users/passwords.js';
import { bindBackendMetrics } from '../src/server/metrics.js';

const SECRET = 'api-test-secret-0123456789abcdef';
const USER = { username: 'alice', password: 'correct-horse-battery' };

interface Harness {
  app: FastifyInstance;
  backend: Backend;
  embedded: EmbeddedBackend;
  config: Config;
  tokens: TokenService;
  dir: string;
  close(): Promise<void>;
}

async function harness(env: Record<string, string> = {}, wrap?: (backend: EmbeddedBackend) => Backend): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-api-'));
  const config = loadConfig({ env, cwd: dir }).config;
  const embedded = new EmbeddedBackend(join(dir, 'openchecker.db'));
  const backend = wrap ? wrap(embedded) : embedded;
  const metrics = new Metrics();
  bindBackendMetrics(metrics, backend);
  const tokens = createTokenService(SECRET, config.JWT.expires_minutes);
  const app = await buildApp({ backend, config, log: silentLogger(), metrics, tokens });
  return {
    app,
    backend,
    embedded,
    config,
    tokens,
    dir,
    close: async () => {
      await app.close();
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A user's id: random, no longer derived from the name (a user re-created under the same name is another user). */
async function idOf(harness: Harness, username: string): Promise<string> {
  const user = await harness.embedded.store.getUserByName(username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

const basic = (username: string, password: string): string => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function json(response: LightMyRequestResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

function assertErrorBody(response: LightMyRequestResponse, status: number, label: string): Record<string, unknown> {
  assert.equal(response.statusCode, status, `${label}: ${response.body}`);
  assert.match(String(response.headers['content-type']), /application\/json/, label);
  const body = json(response);
  assert.equal(typeof body.error, 'string', label);
  assert.ok((body.error as string).length > 0, label);
  assert.ok(Array.isArray(body.details), `${label}: details`);
  return body;
}

let h: Harness;
let token: string;
let auth: { authorization: string };

before(async () => {
  h = await harness();
  await addUser(h.embedded.store, USER.username, USER.password, 'admin');
  const response = await h.app.inject({ method: 'POST', url: '/auth', payload: USER });
  token = (json(response).access_token as string) ?? '';
  auth = { authorization: `Bearer ${token}` };
});

after(async () => {
  await h.close();
});

// ---- /auth ----

test('POST /auth with HTTP Basic or a JSON body answers a bearer token', async () => {
  for (const request of [
    { headers: { authorization: basic(USER.username, USER.password) } },
    { payload: USER },
    { payload: { ...USER, extra: 'ignored' } },
  ]) {
    const response = await h.app.inject({ method: 'POST', url: '/auth', ...request });
    assert.equal(response.statusCode, 200, response.body);
    const body = json(response);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal((await h.tokens.verify(`Bearer ${body.access_token as string}`)).userId, await idOf(h, USER.username));
  }
});

test('POST /auth: wrong credentials → 401 Invalid credentials; none → 401 Missing credentials', async () => {
  const invalid = [
    { payload: { username: USER.username, password: 'wrong-password' } },
    { payload: { username: 'nobody', password: USER.password } },
    { headers: { authorization: basic(USER.username, 'wrong-password') } },
    // Basic present decides, even with right credentials in the body.
    { headers: { authorization: basic(USER.username, 'wrong-password') }, payload: USER },
  ];
  for (const request of invalid) {
    const response = await h.app.inject({ method: 'POST', url: '/auth', ...request });
    assert.equal(response.statusCode, 401, JSON.stringify(request));
    assert.equal(json(response).error, 'Invalid credentials');
  }
  const missing = [
    {},
    { payload: {} },
    { payload: { username: '', password: '' } },
    { payload: { username: USER.username, password: '' } },
    { payload: { username: '', password: USER.password } },
    { headers: { authorization: basic('', '') } },
  ];
  for (const request of missing) {
    const response = await h.app.inject({ method: 'POST', url: '/auth', ...request });
    assert.equal(response.statusCode, 401, `${JSON.stringify(request)}: ${response.body}`);
    assert.equal(json(response).error, 'Missing credentials');
  }
});

test('POST /auth is rate limited per client', async () => {
  const limited = await harness({ OPENCHECKER_OPENCHECK_AUTH_RATE_LIMIT_PER_MINUTE: '2' });
  try {
    const statuses: number[] = [];
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 3; i++) {
      last = await limited.app.inject({ method: 'POST', url: '/auth', payload: { username: 'x', password: 'y' } });
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses, [401, 401, 429]);
    assert.ok(last);
    const body = json(last);
    assert.equal(typeof body.error, 'string');
    assert.match(body.error as string, /too many/i);
    // Another client address has its own budget.
    const other = await limited.app.inject({ method: 'POST', url: '/auth', payload: { username: 'x', password: 'y' }, remoteAddress: '10.0.0.9' });
    assert.equal(other.statusCode, 401);
  } finally {
    await limited.close();
  }
});

// ---- /test and tokens ----

const taskCount = async (): Promise<number> => Object.values(await h.embedded.store.countTasksByStatus()).reduce((a, b) => a + b, 0);

test('GET /test accepts the Bearer and JWT schemes and answers the caller', async () => {
  for (const scheme of ['Bearer', 'JWT', 'bearer']) {
    const response = await h.app.inject({ method: 'GET', url: '/test', headers: { authorization: `${scheme} ${token}` } });
    assert.equal(response.statusCode, 200, `${scheme}: ${response.body}`);
    assert.deepEqual(json(response), { id: await idOf(h, USER.username), username: USER.username });
  }
});

test('a deleted user\'s token is refused: at once when unused, within USER_CACHE_MS when it was just used', async () => {
  for (const name of ['bob', 'carol']) await addUser(h.embedded.store, name, 'a-long-password-here', 'user');
  const tokenOf = async (username: string): Promise<string> =>
    json(await h.app.inject({ method: 'POST', url: '/auth', payload: { username, password: 'a-long-password-here' } })).access_token as string;
  const call = (bearer: string) => h.app.inject({ method: 'GET', url: '/test', headers: { authorization: `Bearer ${bearer}` } });

  const bob = await tokenOf('bob');
  assert.ok(await h.embedded.store.deleteUser('bob'));
  assert.match(assertErrorBody(await call(bob), 401, 'deleted before use').error as string, /no longer exists/);

  // A user looked up a moment ago is reused for USER_CACHE_MS (one database round trip saved per request).
  const carol = await tokenOf('carol');
  assert.equal((await call(carol)).statusCode, 200);
  assert.ok(await h.embedded.store.deleteUser('carol'));
  await new Promise((resolve) => setTimeout(resolve, USER_CACHE_MS + 100));
  assertErrorBody(await call(carol), 401, 'deleted after use, once the cache expired');
});

test('POST /test echoes the message as a JSON string', async () => {
  const response = await h.app.inject({ method: 'POST', url: '/test', headers: auth, payload: { message: 'hi' } });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /application\/json/);
  assert.equal(JSON.parse(response.body), 'Message received: hi, test pass!');
  const missing = await h.app.inject({ method: 'POST', url: '/test', headers: auth, payload: {} });
  assertErrorBody(missing, 400, 'POST /test without message');
});

test('missing, garbage, forged, expired and otherwise invalid tokens → 401, never 500', async () => {
  const tasksBefore = await taskCount();
  const now = Math.floor(Date.now() / 1000);
  const key = new TextEncoder().encode(SECRET);
  const sub = await idOf(h, USER.username);
  const expired = await new SignJWT({ type: 'access', fresh: false })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(now - 7200)
    .setNotBefore(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(key);
  const refresh = await new SignJWT({ type: 'refresh' }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime(now + 600).sign(key);
  const noSubject = await new SignJWT({ type: 'access' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now + 600).sign(key);
  const forged = await createTokenService('some-other-secret-0123456789abcdef', 30).issue(sub);
  const ghost = await h.tokens.issue(randomUUID());
  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
    JSON.stringify({ sub, type: 'access', exp: now + 600 }),
  ).toString('base64url')}.`;
  const cases: [string, Record<string, string>][] = [
    ['no header', {}],
    ['empty header', { authorization: '' }],
    ['scheme only', { authorization: 'Bearer' }],
    ['garbage', { authorization: 'Bearer not-a-jwt' }],
    ['garbage JWT scheme', { authorization: 'JWT a.b.c' }],
    ['Basic scheme', { authorization: basic(USER.username, USER.password) }],
    ['token without scheme', { authorization: token }],
    ['forged', { authorization: `Bearer ${forged}` }],
    ['expired', { authorization: `Bearer ${expired}` }],
    ['refresh token', { authorization: `Bearer ${refresh}` }],
    ['no subject', { authorization: `Bearer ${noSubject}` }],
    ['unknown user', { authorization: `Bearer ${ghost}` }],
    ['alg none', { authorization: `Bearer ${unsigned}` }],
    ['tampered', { authorization: `Bearer ${token.slice(0, -2)}xx` }],
  ];
  for (const [label, headers] of cases) {
    for (const [method, url] of [['GET', '/test'], ['POST', '/opencheck'], ['GET', '/tasks'], ['GET', '/opencheck/x']] as const) {
      const response = await h.app.inject({ method, url, headers, ...(method === 'POST' ? { payload: { commands: ['readme-checker'], project_url: 'https://github.com/a/b' } } : {}) });
      assert.equal(response.statusCode, 401, `${label} ${method} ${url}: ${response.body}`);
      assert.equal(typeof json(response).error, 'string');
    }
  }
  const expiredResponse = await h.app.inject({ method: 'GET', url: '/test', headers: { authorization: `JWT ${expired}` } });
  assert.match(json(expiredResponse).error as string, /expired/i);
  assert.equal(await taskCount(), tasksBefore, 'no unauthenticated request created a task');
});

// ---- POST /opencheck ----

const validBody = {
  commands: ['readme-checker', 'osv-scanner'],
  project_url: 'https://github.com/acme/demo.git',
  callback_url: 'https://compass.example/api/callback',
  task_metadata: { version_number: 'None', opencheck_id: 42, nested: { a: [1, null] } },
  access_token: 'ghp_caller_secret_token_value',
};

test('POST /opencheck queues the task: 200 {message, task_id}, no "error" and no access_token in the body', async () => {
  const response = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { authorization: `JWT ${token}` }, payload: validBody });
  assert.equal(response.statusCode, 200, response.body);
  const body = json(response);
  assert.deepEqual(Object.keys(body).sort(), ['message', 'task_id']);
  assert.equal(typeof body.message, 'string');
  assert.match(body.task_id as string, /^[0-9a-f-]{36}$/);
  assert.equal(/error/i.test(response.body), false, 'OSS Compass reads "error" anywhere as a failure');
  assert.equal(response.body.includes(validBody.access_token), false);

  const taskId = body.task_id as string;
  const task = (await h.embedded.store.getTask(taskId)) as TaskRecord;
  assert.equal(task.status, 'queued');
  assert.deepEqual(task.commandList, validBody.commands);
  assert.equal(task.projectUrl, validBody.project_url);
  assert.deepEqual(task.taskMetadata, validBody.task_metadata);
  assert.equal(task.callbackUrl, validBody.callback_url);
  assert.equal(task.submittedBy, USER.username);
  const rows = h.embedded.store.sqlite.prepare('SELECT queue, body FROM queue_messages WHERE task_id = ?').all(taskId) as { queue: string; body: string }[];
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.queue, 'opencheck');
  const message = JSON.parse(rows[0]?.body ?? '{}') as TaskMessage;
  assert.deepEqual(message, {
    command_list: validBody.commands,
    project_url: validBody.project_url,
    commit_hash: null,
    access_token: validBody.access_token,
    callback_url: validBody.callback_url,
    task_metadata: validBody.task_metadata,
    task_id: taskId,
  });

  // Without a callback URL the message points at the task route; still no "error".
  const minimal = await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: { commands: ['eol-checker'], project_url: 'git@github.com:acme/demo.git' } });
  assert.equal(minimal.statusCode, 200, minimal.body);
  assert.equal(/error/i.test(minimal.body), false);
  assert.ok((json(minimal).message as string).includes(json(minimal).task_id as string));
  const withCommit = await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: { ...validBody, commit_hash: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', callback_url: null } });
  assert.equal(withCommit.statusCode, 200, withCommit.body);
});

test('POST /opencheck: every bad input is a 4xx with {"error", "details"}', async () => {
  const { commands, project_url } = validBody;
  const cases: [string, unknown, number, RegExp?][] = [
    ['missing commands', { project_url }, 400, /commands is required/],
    ['missing project_url', { commands }, 400, /project_url is required/],
    ['empty commands', { commands: [], project_url }, 400],
    ['commands is a string', { commands: 'x', project_url }, 400, /commands/],
    ['commands holds a number', { commands: [1], project_url }, 400, /commands/],
    ['project_url is a number', { commands, project_url: 5 }, 400, /project_url/],
    ['task_metadata is a list', { commands, project_url, task_metadata: [] }, 400, /task_metadata/],
    ['task_metadata is a string', { commands, project_url, task_metadata: 'x' }, 400, /task_metadata/],
    ['callback_url is a number', { commands, project_url, callback_url: 5 }, 400, /callback_url/],
    ['unknown command', { commands: ['readme-checker', 'rm-rf'], project_url }, 400, /unknown commands: rm-rf; valid commands are: .*osv-scanner/],
    ['ftp project_url', { commands, project_url: 'ftp://example.com/repo' }, 400, /ftp/],
    ['file project_url', { commands, project_url: 'file:///etc' }, 400, /allow_local_repos/],
    ['local path', { commands, project_url: '/srv/repos/demo' }, 400, /allow_local_repos/],
    ['option-like project_url', { commands, project_url: '--upload-pack=touch /tmp/x' }, 400, /must not start with "-"/],
    ['javascript project_url', { commands, project_url: 'javascript:alert(1)' }, 400, /not supported/],
    ['commit_hash option', { commands, project_url, commit_hash: '-x' }, 400, /commit_hash must not start with "-"/],
    ['version_number option', { commands, project_url, task_metadata: { version_number: '--upload-pack=x' } }, 400, /version_number must not start with "-"/],
    ['version_number an object', { commands, project_url, task_metadata: { version_number: { tag: 'v1' } } }, 400, /version_number must be a string/],
    ['callback_url ftp', { commands, project_url, callback_url: 'ftp://x' }, 400, /callback_url must be an http/],
    ['access_token option', { commands, project_url, access_token: '-x' }, 400, /access_token/],
    ['task_metadata over 64 KiB', { commands, project_url, task_metadata: { blob: 'x'.repeat(65 * 1024) } }, 413, /task_metadata is larger than 64 KiB/],
    ['body is a list', [1, 2], 400],
  ];
  for (const [label, payload, status, message] of cases) {
    const response = await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: payload as Record<string, unknown> });
    const body = assertErrorBody(response, status, label);
    if (message) assert.match(body.error as string, message, label);
  }

  // Several problems are reported together.
  const many = await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: { commands: ['nope'], project_url: 'ftp://x/y', commit_hash: '-x' } });
  const manyBody = assertErrorBody(many, 400, 'several problems');
  assert.equal((manyBody.details as unknown[]).length, 3);

  const huge = await h.app.inject({
    method: 'POST',
    url: '/opencheck',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: JSON.stringify({ commands, project_url, task_metadata: { blob: 'x'.repeat(1024 * 1024 + 10) } }),
  });
  assertErrorBody(huge, 413, 'body over 1 MiB');

  const malformed = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"commands": [' });
  assert.match(assertErrorBody(malformed, 400, 'malformed JSON').error as string, /not valid JSON/);

  const empty = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { ...auth, 'content-type': 'application/json' }, payload: '' });
  assertErrorBody(empty, 400, 'empty JSON body');

  const text = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { ...auth, 'content-type': 'text/plain' }, payload: 'commands=readme-checker' });
  assertErrorBody(text, 415, 'text/plain');

  // None of these created a task with a bad URL.
  const page = await h.embedded.store.listTasks({ limit: 100 });
  assert.equal(page.tasks.some((t) => t.projectUrl.startsWith('ftp:') || t.projectUrl.startsWith('-')), false);
});

test('POST /opencheck accepts local paths when allow_local_repos is set', async () => {
  const local = await harness({ OPENCHECKER_OPENCHECK_ALLOW_LOCAL_REPOS: 'true' });
  try {
    await addUser(local.embedded.store, 'bob', 'bob-password-123', 'user');
    const localToken = await local.tokens.issue(await idOf(local, 'bob'));
    for (const project_url of ['/srv/repos/demo', 'file:///srv/repos/demo']) {
      const response = await local.app.inject({ method: 'POST', url: '/opencheck', headers: { authorization: `Bearer ${localToken}` }, payload: { commands: ['readme-checker'], project_url } });
      assert.equal(response.statusCode, 200, response.body);
    }
    const option = await local.app.inject({ method: 'POST', url: '/opencheck', headers: { authorization: `Bearer ${localToken}` }, payload: { commands: ['readme-checker'], project_url: '-x' } });
    assertErrorBody(option, 400, 'option-like path');
  } finally {
    await local.close();
  }
});

test('an unreachable queue → 503, and the task is not reported accepted', async () => {
  const failing = await harness({}, (embedded) => ({
    kind: 'failing',
    store: embedded.store,
    queue: embedded.queue,
    submit: async (_task: NewTask, _message: TaskMessage): Promise<TaskRecord> => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5672');
    },
    close: () => embedded.close(),
  }));
  try {
    await addUser(failing.embedded.store, 'carol', 'carol-password-123', 'user');
    const failingToken = await failing.tokens.issue(await idOf(failing, 'carol'));
    const response = await failing.app.inject({ method: 'POST', url: '/opencheck', headers: { authorization: `Bearer ${failingToken}` }, payload: validBody });
    const body = assertErrorBody(response, 503, 'queue down');
    assert.equal(body.task_id, undefined);
    assert.equal(response.body.includes('ECONNREFUSED'), false, 'internal details are not leaked');
    assert.equal(response.body.includes(validBody.access_token), false);
    assert.equal((await failing.embedded.store.listTasks({ limit: 10 })).tasks.length, 0);
  } finally {
    await failing.close();
  }
});

// ---- task routes ----

const VIEW_KEYS = ['task_id', 'status', 'project_url', 'command_list', 'task_metadata', 'created_at', 'started_at', 'finished_at', 'agent', 'attempts', 'callback', 'scan_results'];

test('GET /opencheck/:id and /tasks/:id answer the task view; unknown ids → 404', async () => {
  const submitted = await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: validBody });
  const taskId = json(submitted).task_id as string;
  for (const url of [`/opencheck/${taskId}`, `/tasks/${taskId}`]) {
    const response = await h.app.inject({ method: 'GET', url, headers: { authorization: `JWT ${token}` } });
    assert.equal(response.statusCode, 200, response.body);
    const view = json(response);
    for (const key of VIEW_KEYS) assert.ok(key in view, `${url}: ${key}`);
    assert.equal(view.task_id, taskId);
    assert.equal(view.status, 'queued');
    assert.equal(view.project_url, validBody.project_url);
    assert.deepEqual(view.command_list, validBody.commands);
    assert.deepEqual(view.task_metadata, validBody.task_metadata);
    assert.equal(view.started_at, null);
    assert.equal(view.finished_at, null);
    assert.equal(view.agent, null);
    assert.equal(view.attempts, 0);
    assert.equal(view.scan_results, null);
    assert.equal(view.command_versions, null, 'no results yet: no versions');
    const callback = view.callback as Record<string, unknown>;
    for (const key of ['status', 'attempts', 'last_error']) assert.ok(key in callback, key);
    assert.equal(callback.status, 'none');
    assert.equal(response.body.includes(validBody.access_token), false, 'the access token is never shown');
  }

  // Results appear once the task finishes.
  await h.embedded.store.startTask(taskId, 'agent-x');
  await h.embedded.store.finishTask(taskId, {
    status: 'succeeded',
    scanResults: { 'readme-checker': { readme_file: ['README.md'] }, 'osv-scanner': { error: 'not available' } },
    error: null,
    commandVersions: { 'readme-checker': 3, 'osv-scanner': null },
  });
  const finished = json(await h.app.inject({ method: 'GET', url: `/tasks/${taskId}`, headers: auth }));
  assert.equal(finished.status, 'succeeded');
  assert.equal(finished.agent, 'agent-x');
  assert.equal(finished.attempts, 1);
  assert.deepEqual(finished.scan_results, { 'readme-checker': { readme_file: ['README.md'] }, 'osv-scanner': { error: 'not available' } });
  // Beside each result, the version of the checker that produced it (null: it could not run).
  assert.deepEqual(finished.command_versions, { 'readme-checker': 3, 'osv-scanner': null });
  assert.deepEqual(json(await h.app.inject({ method: 'GET', url: `/opencheck/${taskId}`, headers: auth })).command_versions, finished.command_versions);
  assert.equal((finished.callback as Record<string, unknown>).status, 'pending');
  assert.equal(finished.reused_from, null, 'nothing reused');

  for (const url of ['/opencheck/does-not-exist', '/tasks/00000000-0000-4000-8000-000000000000']) {
    const response = await h.app.inject({ method: 'GET', url, headers: auth });
    assertErrorBody(response, 404, url);
  }
  const tooLong = await h.app.inject({ method: 'GET', url: `/tasks/${'x'.repeat(65)}`, headers: auth });
  assertErrorBody(tooLong, 400, 'overlong id');
});

test('a task that reused stored results says from which task, per command, as far as the caller may see it; "fresh" must be a boolean', async () => {
  const source = json(await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: validBody })).task_id as string;
  const taskId = json(await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: { ...validBody, fresh: true } })).task_id as string;
  await h.embedded.store.startTask(taskId, 'agent-x');
  await h.embedded.store.finishTask(taskId, {
    status: 'succeeded',
    scanResults: { 'readme-checker': { readme_file: ['README.md'] }, 'osv-scanner': { results: [] } },
    error: null,
    commandVersions: { 'readme-checker': 3, 'osv-scanner': 3 },
    // One result from the caller's own task, one from a task they cannot see (another tenant's, or gone).
    reusedFrom: { 'readme-checker': source, 'osv-scanner': 'someone-elses-task' },
  });
  const view = json(await h.app.inject({ method: 'GET', url: `/tasks/${taskId}`, headers: auth }));
  assert.deepEqual(view.reused_from, { 'readme-checker': source, 'osv-scanner': null });
  const bad = await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: { ...validBody, fresh: 'yes' } });
  assertErrorBody(bad, 400, 'fresh as a string');
});

test('a dead-lettered task shows every command with an error and a null version', async () => {
  const taskId = json(await h.app.inject({ method: 'POST', url: '/opencheck', headers: auth, payload: validBody })).task_id as string;
  await h.embedded.store.markDeadLettered(taskId, 'poison message');
  const view = json(await h.app.inject({ method: 'GET', url: `/tasks/${taskId}`, headers: auth }));
  assert.equal(view.status, 'dead_lettered');
  assert.deepEqual(view.command_versions, Object.fromEntries(validBody.commands.map((command) => [command, null])));
});

test('GET /tasks pages newest first with cursors, status and repository filters; bad parameters → 400', async () => {
  const fresh = await harness();
  try {
    await addUser(fresh.embedded.store, 'dave', 'dave-password-123', 'user');
    const headers = { authorization: `Bearer ${await fresh.tokens.issue(await idOf(fresh, 'dave'))}` };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fresh.app.inject({ method: 'POST', url: '/opencheck', headers, payload: { commands: ['readme-checker'], project_url: `https://github.com/acme/r${i}` } });
      ids.push(json(response).task_id as string);
    }
    await fresh.embedded.store.startTask(ids[2] as string, 'agent');

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const response = await fresh.app.inject({ method: 'GET', url: `/tasks${query}`, headers });
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response) as { tasks: Record<string, unknown>[]; next_cursor: string | null };
      assert.ok(body.tasks.length <= 2);
      for (const task of body.tasks) {
        assert.equal('scan_results' in task, false, 'lists leave the results out');
        assert.equal('command_versions' in task, false, 'and their versions');
      }
      seen.push(...body.tasks.map((t) => t.task_id as string));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...ids].reverse());

    const all = json(await fresh.app.inject({ method: 'GET', url: '/tasks', headers })) as { tasks: unknown[]; next_cursor: string | null };
    assert.equal(all.tasks.length, 5);
    assert.equal(all.next_cursor, null);

    const running = json(await fresh.app.inject({ method: 'GET', url: '/tasks?status=running', headers })) as { tasks: { task_id: string }[] };
    assert.deepEqual(running.tasks.map((t) => t.task_id), [ids[2]]);
    const queued = json(await fresh.app.inject({ method: 'GET', url: '/tasks?status=queued&limit=10', headers })) as { tasks: { task_id: string }[] };
    assert.equal(queued.tasks.length, 4);
    const byRepository = async (query: string): Promise<string[]> =>
      (json(await fresh.app.inject({ method: 'GET', url: `/tasks?${query}`, headers })) as { tasks: { task_id: string }[] }).tasks.map((t) => t.task_id);
    assert.deepEqual(await byRepository(`repository=${encodeURIComponent('https://github.com/acme/r3')}`), [ids[3]]);
    assert.deepEqual(await byRepository(`repository=${encodeURIComponent('https://github.com/acme/r2')}&status=running`), [ids[2]]);
    assert.deepEqual(await byRepository(`repository=${encodeURIComponent('https://github.com/acme/r3')}&status=running`), []);
    assert.deepEqual(await byRepository('repository=github.com%2Facme%2Fr3'), [], 'the exact URL, not a part of it');

    for (const query of ['limit=abc', 'limit=0', 'limit=-1', 'limit=1.5', 'limit=101', 'status=nope', 'status=', 'repository=', 'cursor=garbage', `cursor=${'x'.repeat(201)}`]) {
      const response = await fresh.app.inject({ method: 'GET', url: `/tasks?${query}`, headers });
      assertErrorBody(response, 400, query);
    }
  } finally {
    await fresh.close();
  }
});

// ---- system routes ----

test('GET /commands lists every upstream command with an available flag', async () => {
  const response = await h.app.inject({ method: 'GET', url: '/commands' });
  assert.equal(response.statusCode, 200);
  const { commands } = json(response) as { commands: { name: string; available: boolean; description: string }[] };
  assert.ok(commands.length >= 33, String(commands.length));
  for (const command of commands) {
    assert.equal(typeof command.name, 'string');
    assert.equal(typeof command.available, 'boolean', command.name);
    assert.equal(typeof command.description, 'string', command.name);
  }
  for (const name of ['osv-scanner', 'scancode', 'readme-checker', 'repo-country-organizations']) assert.ok(commands.some((c) => c.name === name), name);
  assert.equal(commands.find((c) => c.name === 'readme-checker')?.available, true);
});

test('/healthz, /readyz, /metrics, /openapi.json, /docs and unknown routes', async () => {
  const health = await h.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(health.statusCode, 200);
  assert.deepEqual(json(health), { status: 'ok' });

  const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200, ready.body);

  const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(String(metrics.headers['content-type']), /text\/plain/);
  for (const name of ['openchecker_http_requests_total', 'openchecker_tasks', 'openchecker_queue_messages', 'openchecker_checker_duration_seconds']) {
    assert.match(metrics.body, new RegExp(`^# TYPE ${name} `, 'm'), name);
  }
  assert.match(metrics.body, /openchecker_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]/);
  assert.match(metrics.body, /openchecker_tasks\{status="queued"\} \d+/);
  assert.match(metrics.body, /openchecker_queue_messages\{state="ready"\} \d+/);

  const openapi = await h.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(openapi.statusCode, 200);
  const spec = json(openapi) as { openapi: string; paths: Record<string, unknown> };
  assert.match(spec.openapi, /^3\./);
  for (const path of ['/opencheck', '/auth', '/test', '/tasks', '/healthz']) assert.ok(path in spec.paths, path);

  const docs = await h.app.inject({ method: 'GET', url: '/docs' });
  assert.ok([200, 301, 302].includes(docs.statusCode), String(docs.statusCode));
  if (docs.statusCode !== 200) {
    const target = await h.app.inject({ method: 'GET', url: new URL(String(docs.headers.location), 'http://localhost/docs').pathname });
    assert.equal(target.statusCode, 200);
  }

  for (const [method, url] of [['GET', '/nope'], ['POST', '/healthz'], ['DELETE', '/opencheck']] as const) {
    const response = await h.app.inject({ method, url });
    assert.equal(response.statusCode, 404, `${method} ${url}`);
    assert.equal(typeof json(response).error, 'string');
  }
});

test('GET /agents needs a token and reports agents and queue depth', async () => {
  assert.equal((await h.app.inject({ method: 'GET', url: '/agents' })).statusCode, 401);
  await h.embedded.store.registerAgent({ id: 'agent-api', hostname: 'h', pid: 1, version: '0.1.0', concurrency: 1 });
  const response = await h.app.inject({ method: 'GET', url: '/agents', headers: auth });
  assert.equal(response.statusCode, 200);
  const body = json(response) as { agents: { id: string }[]; queue: Record<string, number> };
  assert.ok(body.agents.some((a) => a.id === 'agent-api'));
  assert.deepEqual(Object.keys(body.queue).sort(), ['dead_letters', 'ready', 'unacked']);
});

test('/readyz answers 503 once the store is closed', async () => {
  const closing = await harness();
  try {
    assert.equal((await closing.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    await closing.embedded.store.close();
    const response = await closing.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.match(json(response).error as string, /not ready/);
    // Liveness does not depend on the store.
    assert.equal((await closing.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  } finally {
    await closing.close();
  }
});
