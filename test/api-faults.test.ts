/**
 * Two attacks on the API's edge (issue 14, "Smaller faults"): JSON nested deep enough to overflow the stack
 * (task_metadata 5,000 levels deep answered 500), and connections that send their headers or body one byte at
 * a time (held for ever). The first through inject(); the second on a real socket on 127.0.0.1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/app.js';
import { createTokenService } from '../src/api/tokens.js';
import { loadConfig } from '../src/config/load.js';
import { MAX_JSON_DEPTH } from '../src/lib/json-depth.js';
import { silentLogger } from '../src/lib/log.js';
import { Metrics } from '../src/lib/metrics.js';
import { EmbeddedBackend } from '../src/tasks/backend.js';
import { addUser } from '../src/users/passwords.js';

const USER = { username: 'alice', password: 'correct-horse-battery' };

interface Harness {
  app: FastifyInstance;
  close(): Promise<void>;
}

async function harness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-api-faults-'));
  const config = loadConfig({ env, cwd: dir }).config;
  const backend = new EmbeddedBackend(join(dir, 'openchecker.db'));
  await addUser(backend.store, USER.username, USER.password, 'admin');
  const tokens = createTokenService('api-faults-secret-0123456789abcdef', config.JWT.expires_minutes);
  const app = await buildApp({ backend, config, log: silentLogger(), metrics: new Metrics(), tokens });
  return {
    app,
    close: async () => {
      await app.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('JSON bodies nested deeper than the cap are a 400 before anything parses them', () => {
  let h: Harness;
  let auth: { authorization: string };

  before(async () => {
    h = await harness();
    const response = await h.app.inject({ method: 'POST', url: '/auth', payload: USER });
    auth = { authorization: `Bearer ${(JSON.parse(response.body) as { access_token: string }).access_token}` };
  });
  after(() => h.close());

  const submission = (metadata: string): string => `{"commands":["readme-checker"],"project_url":"https://github.com/acme/demo","task_metadata":${metadata}}`;

  test('task_metadata 5,000 and 100,000 levels deep (a 500 before) and one level past the cap: 400 with the reason', async () => {
    for (const depth of [MAX_JSON_DEPTH, 5_000, 100_000]) {
      const response = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { ...auth, 'content-type': 'application/json' }, payload: submission(nested(depth)) });
      assert.equal(response.statusCode, 400, `depth ${depth}: ${response.body.slice(0, 200)}`);
      const body = JSON.parse(response.body) as { error: string; code: string; details: unknown[] };
      assert.equal(body.error, `The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels`);
      assert.equal(body.code, 'OC_ERR_API_VALIDATION');
      assert.deepEqual(body.details, [{ field: 'body', message: body.error }]);
    }
  });

  test('every route that takes a body is covered, authenticated or not', async () => {
    const deep = `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    for (const [url, headers] of [
      ['/auth', {}],
      ['/opencheck', {}],
      ['/opencheck', auth],
      ['/queue/dead-letters/requeue', auth],
      ['/test', auth],
    ] as const) {
      const response = await h.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, payload: deep });
      assert.equal(response.statusCode, 400, `${url}: ${response.body.slice(0, 200)}`);
      assert.match(response.body, /deeper than 32 levels/, url);
    }
  });

  test('bodies up to the cap, and everything the default parser did, are unchanged', async () => {
    // 32 levels in all: the body is one, task_metadata and what it holds the other 31.
    const atCap = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { ...auth, 'content-type': 'application/json' }, payload: submission(nested(MAX_JSON_DEPTH - 1)) });
    assert.equal(atCap.statusCode, 200, atCap.body);
    const strings = await h.app.inject({ method: 'POST', url: '/opencheck', headers: { ...auth, 'content-type': 'application/json' }, payload: submission(JSON.stringify({ note: '[[[[{{{{'.repeat(1000) })) });
    assert.equal(strings.statusCode, 200, 'brackets inside strings do not count');
    const proto = await h.app.inject({ method: 'POST', url: '/auth', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true},"username":"a","password":"b"}' });
    assert.equal(proto.statusCode, 400, 'prototype poisoning is still refused');
    const bad = await h.app.inject({ method: 'POST', url: '/auth', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not valid JSON/);
    const big = await h.app.inject({ method: 'POST', url: '/auth', headers: { 'content-type': 'application/json' }, payload: `{"x":"${'a'.repeat(1024 * 1024)}"}` });
    assert.equal(big.statusCode, 413);
    const login = await h.app.inject({ method: 'POST', url: '/auth', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: JSON.stringify(USER) });
    assert.equal(login.statusCode, 200);
  });
});

/** Resolves with how long after `started` the server closed the socket, and what it answered. */
function whenClosed(socket: Socket, started: number): Promise<{ ms: number; answer: string }> {
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  return new Promise((resolve) => {
    socket.on('close', () => resolve({ ms: performance.now() - started, answer }));
    socket.on('error', () => undefined);
  });
}

/** Writes `text` one byte every `everyMs` until the socket closes or the text runs out. */
function dribble(socket: Socket, text: string, everyMs: number): NodeJS.Timeout {
  let i = 0;
  const timer = setInterval(() => {
    if (i >= text.length || socket.destroyed) return clearInterval(timer);
    socket.write(text[i++] ?? '');
  }, everyMs);
  return timer;
}

describe('slow clients are cut off within the [API] time limits', () => {
  let h: Harness;
  let port: number;

  before(async () => {
    h = await harness({ OPENCHECKER_API_HEADERS_TIMEOUT_S: '1', OPENCHECKER_API_REQUEST_TIMEOUT_S: '2', OPENCHECKER_API_IDLE_TIMEOUT_S: '3' });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    port = (h.app.server.address() as { port: number }).port;
  });
  after(() => h.close());

  const open = async (): Promise<Socket> => {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  };

  test('headers sent a byte every 200 ms: closed with 408 after the 1 s header limit', async () => {
    const socket = await open();
    const started = performance.now();
    const closed = whenClosed(socket, started);
    const timer = dribble(socket, `POST /auth HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(200)}\r\n\r\n`, 200);
    const { ms, answer } = await closed;
    clearInterval(timer);
    // Node checks the limits once a second: closed between the limit and the limit plus a check (and slack).
    assert.ok(ms >= 900 && ms < 3500, `closed after ${Math.round(ms)} ms`);
    assert.match(answer, /^HTTP\/1\.1 408/);
  });

  test('a body sent a byte a second: closed with 408 after the 2 s request limit', async () => {
    const socket = await open();
    const started = performance.now();
    const closed = whenClosed(socket, started);
    socket.write(`POST /auth HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const timer = dribble(socket, `{"username":"${'a'.repeat(980)}"}`, 1000);
    const { ms, answer } = await closed;
    clearInterval(timer);
    assert.ok(ms >= 1900 && ms < 4500, `closed after ${Math.round(ms)} ms`);
    assert.match(answer, /^HTTP\/1\.1 408/);
  });

  test('a connection that sends nothing is closed after the 3 s idle limit at the latest', async () => {
    const socket = await open();
    const { ms } = await whenClosed(socket, performance.now());
    assert.ok(ms < 4500, `closed after ${Math.round(ms)} ms`);
  });

  test('an ordinary request on the same server is answered', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(response.status, 200);
  });
});
