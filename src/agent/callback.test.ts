import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/load.js';
import { silentLogger } from '../lib/log.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import type { TaskRecord } from '../store/types.js';
import { parseRetryAfter as retryAfterMs } from '../platforms/http.js';
import { CallbackDispatcher, backoffDelay, callbackBody, callbackPayload, signBody } from './callback.js';

test('backoffDelay doubles from the initial delay, is capped, and jitters within [base/2, base]', () => {
  const policy = { maxAttempts: 10, initialMs: 1000, maxMs: 8000 };
  const bases = [1000, 2000, 4000, 8000, 8000, 8000];
  bases.forEach((base, index) => {
    const attempt = index + 1;
    assert.equal(backoffDelay(policy, attempt, () => 0), base / 2, `attempt ${attempt} low`);
    assert.equal(backoffDelay(policy, attempt, () => 0.999999), base, `attempt ${attempt} high`);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(policy, attempt);
      assert.ok(delay >= base / 2 && delay <= base, `attempt ${attempt}: ${delay}`);
    }
  });
  assert.equal(backoffDelay({ maxAttempts: 3, initialMs: 0, maxMs: 300_000 }, 4), 0);
  assert.equal(backoffDelay(policy, 60, () => 0.5), 6000, 'huge attempt numbers stay capped');
});

test('retryAfterMs reads seconds and HTTP dates', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  assert.equal(retryAfterMs('120', now), 120_000);
  assert.equal(retryAfterMs(' 0 ', now), 0);
  assert.equal(retryAfterMs(new Date(now + 30_000).toUTCString(), now), 30_000);
  assert.equal(retryAfterMs(new Date(now - 30_000).toUTCString(), now), 0, 'a date in the past means now');
  assert.equal(retryAfterMs(['5', '9'], now), 5000);
  assert.equal(retryAfterMs(undefined, now), null);
  assert.equal(retryAfterMs('', now), null);
  assert.equal(retryAfterMs('soon', now), null);
  assert.ok((retryAfterMs('-5', now) ?? 0) >= 0, 'never a negative delay');
});

test('signBody is sha256=HMAC-SHA256(secret, "<timestamp>.<body>") in hex', () => {
  const body = JSON.stringify({ a: 1, é: 'ü' });
  const expected = createHmac('sha256', 'k3y').update(`1700000000.${body}`, 'utf8').digest('hex');
  assert.equal(signBody('k3y', '1700000000', body), `sha256=${expected}`);
  assert.notEqual(signBody('k3y', '1700000001', body), `sha256=${expected}`);
  assert.notEqual(signBody('other', '1700000000', body), `sha256=${expected}`);
});

function taskRecord(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    seq: 1,
    taskId: 'task-1',
    status: 'succeeded',
    projectUrl: 'https://github.com/acme/demo',
    commandList: ['readme-checker', 'osv-scanner'],
    taskMetadata: { version_number: 'None', nested: { list: [1, 'two', null, { deep: true }] }, 'odd key': '✓' },
    commitHash: null,
    callbackUrl: 'https://compass.example/cb',
    submittedBy: 'alice',
    ownerId: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: '2025-01-01T00:00:01.000Z',
    finishedAt: '2025-01-01T00:00:02.000Z',
    agent: 'agent-1',
    attempts: 1,
    error: null,
    scanResults: { 'readme-checker': { readme_file: ['README.md'] }, 'osv-scanner': { error: 'not available' } },
    commandVersions: { 'readme-checker': 1, 'osv-scanner': null },
    reusedFrom: null,
    resultsPurgedAt: null,
    callback: { status: 'pending', attempts: 0, lastError: null, deliveredAt: null, nextAttemptAt: null },
    ...overrides,
  };
}

test('callbackPayload has the upstream keys first, echoes task_metadata exactly, and adds task_id and status', () => {
  const task = taskRecord({ projectUrl: 'https://github.com/acme/demo.git' });
  const payload = callbackPayload(task);
  assert.deepEqual(Object.keys(payload).slice(0, 4), ['command_list', 'project_url', 'task_metadata', 'scan_results']);
  assert.deepEqual(payload.command_list, task.commandList);
  assert.equal(payload.project_url, 'https://github.com/acme/demo', 'one trailing .git removed');
  assert.equal(callbackPayload(taskRecord({ projectUrl: 'https://github.com/acme/foo.github.io' })).project_url, 'https://github.com/acme/foo.github.io');
  assert.equal(JSON.stringify(payload.task_metadata), JSON.stringify(task.taskMetadata));
  assert.deepEqual(payload.scan_results, task.scanResults);
  assert.equal('command_versions' in payload, false, 'checker versions stay out of the callback (the contract fixes its shape)');
  assert.equal(payload.task_id, 'task-1');
  assert.equal(payload.status, 'succeeded');
  assert.equal(JSON.stringify(payload).includes('alice'), false, 'the submitter is not sent');
  assert.deepEqual(callbackPayload(taskRecord({ scanResults: null })).scan_results, {}, 'no results: an empty object');
});

test('callbackBody keeps the body under the cap by replacing the largest results with an error naming the task', () => {
  const big = 'x'.repeat(600_000);
  const task = taskRecord({ scanResults: { scancode: { files: [big, big] }, 'binary-checker': { files: [big] }, 'readme-checker': 'demo/README.md\n' } });
  assert.equal(callbackBody(task, 10 * 1024 * 1024), JSON.stringify(callbackPayload(task)), 'under the cap: the body as it always was');
  const body = callbackBody(task, 1024 * 1024);
  assert.ok(body !== null && Buffer.byteLength(body) <= 1024 * 1024);
  const results = (JSON.parse(body) as { scan_results: Record<string, unknown> }).scan_results;
  assert.match((results.scancode as { error: string }).error, /^result too large for the callback: 1200\d+ bytes \(limit \[Callback\] max_body_mb\); read it with GET \/opencheck\/task-1$/);
  assert.deepEqual(results['binary-checker'], { files: [big] }, 'only as many results as needed are replaced');
  assert.equal(results['readme-checker'], 'demo/README.md\n');
  assert.equal(callbackBody(task, 100), null, 'not even the results\' errors fit');
});

// ---- CallbackDispatcher against a real HTTP receiver on 127.0.0.1 ----

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function receiver(respond: (count: number, req: Received, res: ServerResponse) => void): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      respond(received.length, entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/callback`, received };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

interface Harness {
  store: SqliteStore;
  dispatcher: CallbackDispatcher;
  cleanup: () => Promise<void>;
}

async function harness(callbackUrl: string, env: Record<string, string> = {}): Promise<Harness & { taskId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-callback-'));
  const config = loadConfig({
    // The receivers listen on loopback, which the hosted default refuses.
    env: { OPENCHECKER_CALLBACK_BACKOFF_INITIAL_S: '0', OPENCHECKER_CALLBACK_TIMEOUT_S: '2', OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'true', ...env },
    cwd: dir,
  }).config;
  const store = new SqliteStore(openSqlite(join(dir, 'db.sqlite')));
  const task = await store.createTask({
    taskId: 'cb-task',
    projectUrl: 'https://github.com/acme/demo',
    commandList: ['readme-checker'],
    taskMetadata: { version_number: 'None', compass: { id: 7 } },
    commitHash: null,
    callbackUrl,
    submittedBy: null,
  });
  await store.startTask(task.taskId, 'agent');
  await store.finishTask(task.taskId, { status: 'succeeded', scanResults: { 'readme-checker': { readme_file: ['README.md'] } }, error: null });
  const dispatcher = new CallbackDispatcher({ store, config, log: silentLogger(), owner: 'test', pollMs: 10 });
  return {
    store,
    dispatcher,
    taskId: task.taskId,
    cleanup: async () => {
      await dispatcher.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForCallback(store: SqliteStore, taskId: string, done: (task: TaskRecord) => boolean): Promise<TaskRecord> {
  const deadline = Date.now() + 4000;
  for (;;) {
    const task = await store.getTask(taskId);
    if (task && done(task)) return task;
    if (Date.now() > deadline) throw new Error(`callback still ${JSON.stringify(task?.callback)}`);
    await sleep(10);
  }
}

test('dispatcher: HTTP 500 twice, then 200 → delivered after 3 attempts, payload as the contract says', async () => {
  const rx = await receiver((count, _req, res) => {
    res.writeHead(count <= 2 ? 500 : 200).end('ok');
  });
  const h = await harness(rx.url);
  try {
    h.dispatcher.start();
    const task = await waitForCallback(h.store, h.taskId, (t) => t.callback.status !== 'pending');
    assert.equal(task.callback.status, 'delivered');
    assert.equal(task.callback.attempts, 3);
    assert.equal(task.callback.lastError, null);
    assert.ok(task.callback.deliveredAt);
    assert.equal(rx.received.length, 3);
    const last = rx.received[2] as Received;
    assert.equal(last.headers['content-type'], 'application/json');
    assert.equal(last.headers['x-openchecker-task-id'], h.taskId);
    assert.equal(last.headers['x-openchecker-signature'], undefined, 'no secret: no signature');
    const payload = JSON.parse(last.body) as Record<string, unknown>;
    assert.deepEqual(payload.command_list, ['readme-checker']);
    assert.equal(payload.project_url, 'https://github.com/acme/demo');
    assert.deepEqual(payload.task_metadata, { version_number: 'None', compass: { id: 7 } });
    assert.deepEqual(payload.scan_results, { 'readme-checker': { readme_file: ['README.md'] } });
    assert.equal(payload.task_id, h.taskId);
    assert.equal(payload.status, 'succeeded');
  } finally {
    await h.cleanup();
    await closeServer(rx.server);
  }
});

test('dispatcher: HTTP 400 fails at once, without retries', async () => {
  const rx = await receiver((_count, _req, res) => {
    res.writeHead(400).end('bad');
  });
  const h = await harness(rx.url);
  try {
    h.dispatcher.start();
    const task = await waitForCallback(h.store, h.taskId, (t) => t.callback.status !== 'pending');
    assert.equal(task.callback.status, 'failed');
    assert.equal(task.callback.attempts, 1);
    assert.match(task.callback.lastError ?? '', /HTTP 400/);
    await sleep(50);
    assert.equal(rx.received.length, 1);
  } finally {
    await h.cleanup();
    await closeServer(rx.server);
  }
});

test('dispatcher: receiver down → failed after max_attempts', async () => {
  // A port that was just free: nothing listens there.
  const rx = await receiver((_count, _req, res) => res.end());
  const url = rx.url;
  await closeServer(rx.server);
  const h = await harness(url, { OPENCHECKER_CALLBACK_MAX_ATTEMPTS: '3' });
  try {
    h.dispatcher.start();
    const task = await waitForCallback(h.store, h.taskId, (t) => t.callback.status !== 'pending');
    assert.equal(task.callback.status, 'failed');
    assert.equal(task.callback.attempts, 3);
    assert.match(task.callback.lastError ?? '', /gave up after 3 attempts/);
    assert.match(task.callback.lastError ?? '', /ECONNREFUSED|connect/i);
  } finally {
    await h.cleanup();
  }
});

test('dispatcher: with hmac_secret set, the receiver can verify the signature of the exact body', async () => {
  const secret = 'callback-shared-secret';
  const verdicts: boolean[] = [];
  const rx = await receiver((_count, req, res) => {
    const timestamp = String(req.headers['x-openchecker-timestamp'] ?? '');
    const signature = String(req.headers['x-openchecker-signature'] ?? '');
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${req.body}`).digest('hex')}`);
    const ok = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), expected);
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 60;
    verdicts.push(ok && fresh);
    res.writeHead(ok ? 204 : 401).end();
  });
  const h = await harness(rx.url, { OPENCHECKER_CALLBACK_HMAC_SECRET: secret });
  try {
    h.dispatcher.start();
    const task = await waitForCallback(h.store, h.taskId, (t) => t.callback.status !== 'pending');
    assert.deepEqual(verdicts, [true]);
    assert.equal(task.callback.status, 'delivered');
  } finally {
    await h.cleanup();
    await closeServer(rx.server);
  }
});

test('dispatcher: 429 with Retry-After schedules the next attempt no earlier than asked', async () => {
  const rx = await receiver((_count, _req, res) => {
    res.writeHead(429, { 'retry-after': '120' }).end();
  });
  const h = await harness(rx.url);
  try {
    const before = Date.now();
    h.dispatcher.start();
    const task = await waitForCallback(h.store, h.taskId, (t) => t.callback.attempts >= 1);
    assert.equal(task.callback.status, 'pending');
    assert.match(task.callback.lastError ?? '', /HTTP 429/);
    const next = Date.parse(task.callback.nextAttemptAt ?? '');
    assert.ok(next >= before + 119_000, `next attempt at ${task.callback.nextAttemptAt}`);
    assert.ok(next <= Date.now() + 121_000);
    await sleep(60);
    assert.equal(rx.received.length, 1, 'not retried before Retry-After');
  } finally {
    await h.cleanup();
    await closeServer(rx.server);
  }
});

test('dispatcher: kick() does nothing before start(), delivers at once after it, and stop() ends the loop', async () => {
  const rx = await receiver((_count, _req, res) => res.writeHead(200).end());
  const h = await harness(rx.url);
  try {
    h.dispatcher.kick(); // not started: must not schedule anything (it would keep the process alive)
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await h.store.getTask(h.taskId))?.callback.status, 'pending');
    h.dispatcher.start();
    h.dispatcher.kick();
    await waitForCallback(h.store, h.taskId, (t) => t.callback.status === 'delivered');
    await h.dispatcher.stop();
    h.dispatcher.kick(); // ignored after stop
  } finally {
    await h.cleanup();
    await closeServer(rx.server);
  }
});

test('dispatcher: a callback to a refused address fails at once, never reaches it, and reads the same whether or not a port listens', async () => {
  // The hosted default: loopback refused. The receiver stands in for an internal service.
  const rx = await receiver((_count, _req, res) => res.end('internal'));
  const closed = await receiver((_count, _req, res) => res.end());
  const closedUrl = closed.url;
  await closeServer(closed.server);
  const errors: string[] = [];
  try {
    for (const url of [rx.url, closedUrl, rx.url.replace('127.0.0.1', '[::ffff:127.0.0.1]'), rx.url.replace('127.0.0.1', '2130706433')]) {
      const h = await harness(url, { OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'false' });
      try {
        h.dispatcher.start();
        const task = await waitForCallback(h.store, h.taskId, (t) => t.callback.status !== 'pending');
        assert.equal(task.callback.status, 'failed');
        assert.equal(task.callback.attempts, 1, 'a refused address is not retried');
        errors.push(task.callback.lastError ?? '');
      } finally {
        await h.cleanup();
      }
    }
    assert.equal(rx.received.length, 0, 'the internal service was never reached');
    assert.match(errors[0] ?? '', /^callback refused: requests to 127\.0\.0\.1 are not allowed: a loopback address; allow it with \[Network\] allow_loopback/);
    assert.equal(errors[0], errors[1], 'one answer for an open and a closed port');
    for (const error of errors) assert.match(error, /^callback refused: .* a loopback address/);
  } finally {
    await closeServer(rx.server);
  }
});
