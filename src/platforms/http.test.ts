import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformError, statusKind } from './errors.js';
import {
  MAX_RETRY_AFTER_MS,
  NO_JITTER,
  backoffDelayMs,
  isTransient,
  parseJsonBody,
  parseRetryAfter,
  retryWaitMs,
  send,
  withRetries,
  type TransportWording,
} from './http.js';

let server: Server;
let base = '';
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // accepts and never answers
    if (req.url === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      return; // the rest never comes
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const wording: TransportWording = {
  timeout: (ms) => `demo did not answer within ${ms} ms`,
  network: (detail) => `could not reach demo: ${detail}`,
};

void test('Retry-After as delta-seconds or an HTTP date; never negative, capped, null when unreadable', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 7 ', now), 7000);
  assert.equal(parseRetryAfter(new Date(now + 30_000).toUTCString(), now), 30_000);
  assert.equal(parseRetryAfter(new Date(now - 30_000).toUTCString(), now), 0);
  assert.equal(parseRetryAfter(['5', '9'], now), 5000);
  assert.equal(parseRetryAfter('99999999999', now), MAX_RETRY_AFTER_MS, 'an absurd ask is capped');
  assert.equal(parseRetryAfter(new Date(now + 365 * 24 * 3600 * 1000).toUTCString(), now), MAX_RETRY_AFTER_MS);
  for (const unreadable of [undefined, null, '', '   ', 'soon', []]) assert.equal(parseRetryAfter(unreadable, now), null, String(unreadable));
});

void test('retryWaitMs: retry-after-ms first, then Retry-After, then X-RateLimit-Reset only when the quota is spent', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  assert.equal(retryWaitMs({ 'retry-after-ms': '250', 'retry-after': '9' }, now), 250);
  assert.equal(retryWaitMs({ 'retry-after-ms': 'x', 'retry-after': '9' }, now), 9000);
  assert.equal(retryWaitMs({ 'retry-after': 'soon', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 60) }, now), 60_000);
  assert.equal(retryWaitMs({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(now / 1000 + 60) }, now), null);
  assert.equal(retryWaitMs({}, now), null);
});

void test('backoff doubles from the first delay, stays under the cap, and jitters within its range', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000 };
  assert.deepEqual([1, 2, 3, 4, 5, 60].map((retry) => backoffDelayMs({ ...policy, jitter: NO_JITTER }, retry)), [100, 200, 400, 800, 1000, 1000]);
  assert.equal(backoffDelayMs(policy, 3, () => 0), 200, 'equal jitter by default: half the delay at least');
  assert.equal(backoffDelayMs(policy, 3, () => 0.999999), 400);
  assert.equal(backoffDelayMs({ ...policy, jitter: [0.5, 1.5] }, 4, () => 0.999999), 1000, 'never above the cap, jitter included');
  assert.equal(backoffDelayMs({ initialDelayMs: 0, maxDelayMs: 1000 }, 2000), 0);
  for (let i = 0; i < 100; i++) {
    const delay = backoffDelayMs({ ...policy, jitter: [0.5, 1.5] }, 2);
    assert.ok(delay >= 100 && delay <= 300, String(delay));
  }
});

void test('withRetries: counts attempts, waits as the server asks or backs off, and ends with the last or a worded error', async () => {
  const policy = { attempts: 3, initialDelayMs: 1, maxDelayMs: 50, jitter: NO_JITTER };
  const waits: number[] = [];
  const answer = await withRetries(policy, async (n) => (n < 3 ? { retry: new Error(`try ${n}`), waitMs: n === 1 ? 20 : null } : { done: n }), {
    onRetry: (_n, _err, delayMs) => waits.push(delayMs),
  });
  assert.equal(answer, 3);
  assert.deepEqual(waits, [20, 2], 'the server\'s ask first, then the backoff of the second retry');

  let calls = 0;
  await assert.rejects(
    withRetries(policy, async () => {
      calls++;
      return { retry: new PlatformError('server', 'HTTP 503', 503), waitMs: 10_000 };
    }, { exhausted: (err, attempts) => new Error(`gave up after ${attempts}: ${err.message}`) }),
    /^Error: gave up after 3: HTTP 503$/,
  );
  assert.equal(calls, 3);
  await assert.rejects(withRetries(policy, async () => { throw new Error('not worth another try'); }), /not worth another try/);
});

void test('withRetries stops at once when the caller aborts, with the caller\'s reason, even while waiting', async () => {
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(new Error('the task was stopped')), 30);
  await assert.rejects(
    withRetries({ attempts: 5, initialDelayMs: 10_000, maxDelayMs: 10_000 }, async () => ({ retry: new Error('503') }), { signal: controller.signal }),
    /the task was stopped/,
  );
  assert.ok(Date.now() - started < 2000);
});

void test('send: a hang or a stalled body is a timeout in the client\'s words', async () => {
  assert.equal((await send(`${base}/ok`, { timeoutMs: 2000 }, wording)).body, '{"ok":true}');
  for (const path of ['/hang', '/slow-body']) {
    const started = Date.now();
    await assert.rejects(send(`${base}${path}`, { timeoutMs: 200 }, wording), (err: unknown) => {
      assert.ok(err instanceof PlatformError && err.kind === 'timeout' && err.status === null, String(err));
      assert.equal(err.message, 'demo did not answer within 200 ms');
      return true;
    });
    assert.ok(Date.now() - started < 1100, `${path} took ${Date.now() - started} ms`);
  }
});

void test('send: a refused connection is a network error naming the code; a blocked address is not retried', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await new Promise((resolve) => closed.once('listening', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(send(`http://127.0.0.1:${port}/`, { timeoutMs: 2000 }, wording), (err: unknown) => {
    assert.ok(err instanceof PlatformError && err.kind === 'network' && isTransient(err), String(err));
    assert.equal(err.message, 'could not reach demo: ECONNREFUSED');
    return true;
  });
  await assert.rejects(send('http://169.254.169.254/latest', { timeoutMs: 2000 }, { ...wording, blocked: (message) => `demo: ${message}` }), (err: unknown) => {
    assert.equal(isTransient(err), false);
    assert.ok(err instanceof PlatformError && err.kind === 'blocked', String(err));
    assert.match(err.message, /^demo: requests to 169\.254\.169\.254 are not allowed/);
    return true;
  });
});

void test('send: the caller\'s abort passes its own reason, not a time-out', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('shutting down')), 50);
  await assert.rejects(send(`${base}/hang`, { timeoutMs: 5000, signal: controller.signal }, wording), (err: unknown) => {
    assert.ok(!(err instanceof PlatformError));
    assert.match(String(err), /shutting down/);
    return true;
  });
});

void test('error kinds by status; JSON bodies with a size cap', () => {
  assert.deepEqual([401, 403, 404, 429, 500, 503, 400, 409].map(statusKind), ['unauthorized', 'forbidden', 'not_found', 'rate_limited', 'server', 'server', 'http', 'http']);
  assert.deepEqual(parseJsonBody('{"a":[1]}'), { ok: true, value: { a: [1] } });
  assert.deepEqual(parseJsonBody('{"a":'), { ok: false, problem: 'not_json' });
  assert.deepEqual(parseJsonBody('"ü"', 3), { ok: false, problem: 'too_large' }, 'bytes, not characters');
  assert.deepEqual(parseJsonBody('"ü"', 4), { ok: true, value: 'ü' });
});
