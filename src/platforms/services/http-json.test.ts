import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeService, type FakeService } from '../../../test/fakes/service-fake.js';
import { PlatformError } from '../errors.js';
import { retryWaitMs as retryAfterMs } from '../http.js';
import { errorDetail, ServiceClient } from './http-json.js';
import { npmConfiguredRegistry, encodePackageName } from './npm.js';
import { sonarBaseUrl } from './sonarqube.js';

let fake: FakeService;
let statuses: number[] = [];
before(async () => {
  fake = await startFakeService((request, reply) => {
    const status = statuses.shift() ?? 200;
    reply.json(status, status === 200 ? { ok: true, path: request.url } : { error: { message: `status ${status}` } });
  });
});
after(() => fake.close());

void test('Retry-After in seconds or as a date, retry-after-ms, and X-RateLimit-Reset when the quota is spent', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  assert.equal(retryAfterMs({ 'retry-after': '7' }, now), 7000);
  assert.equal(retryAfterMs({ 'retry-after': 'Wed, 25 Nov 2026 10:00:30 GMT' }, now), 30_000);
  assert.equal(retryAfterMs({ 'retry-after-ms': '120' }, now), 120);
  assert.equal(retryAfterMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 90) }, now), 90_000);
  assert.equal(retryAfterMs({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': String(now / 1000 + 90) }, now), null);
  assert.equal(retryAfterMs({}, now), null);
});

void test('error messages are taken from every common envelope', () => {
  assert.equal(errorDetail('{"error": {"message": "Incorrect API key", "code": "invalid_api_key"}}'), 'Incorrect API key');
  assert.equal(errorDetail('{"errors": [{"msg": "a"}, {"msg": "b"}]}'), 'a; b');
  assert.equal(errorDetail('{"error": "Not found"}'), 'Not found');
  assert.equal(errorDetail('{"message": "Bad credentials"}'), 'Bad credentials');
  assert.equal(errorDetail('"version not found: 9.9.9"'), 'version not found: 9.9.9');
  assert.equal(errorDetail('Retry later\n'), 'Retry later');
  assert.equal(errorDetail('<html>...</html>'), null);
  assert.equal(errorDetail('{}'), null);
});

void test('5xx is retried with backoff until it succeeds; 4xx is not retried', async () => {
  const client = new ServiceClient({ service: 'demo', baseUrl: `${fake.url}/api/`, timeoutMs: 2000, retryBaseMs: 10 });
  statuses = [503, 502];
  fake.requests.length = 0;
  const ok = await client.json('/things', { query: { q: 'a b' } });
  assert.deepEqual(ok.data, { ok: true, path: '/api/things?q=a+b' });
  assert.equal(fake.requests.length, 3);
  statuses = [400];
  await assert.rejects(client.json('x'), (err: unknown) => err instanceof PlatformError && err.kind === 'http' && err.message === 'demo answered HTTP 400 on /x: status 400');
  statuses = [503, 503, 503];
  await assert.rejects(client.json('x'), (err: unknown) => err instanceof PlatformError && err.kind === 'server' && err.status === 503);
  statuses = [];
});

void test('an aborted call stops at once with the caller\'s reason, not as a time-out', async () => {
  const client = new ServiceClient({ service: 'demo', baseUrl: fake.url, timeoutMs: 5000 });
  fake.mode = 'timeout';
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('the task was stopped')), 100);
  await assert.rejects(client.json('slow', { signal: controller.signal }), /the task was stopped/);
  fake.mode = 'ok';
});

void test('base URLs: only http(s); the npm setting from the environment; scoped names encoded; SonarQube host rules', async () => {
  assert.throws(() => new ServiceClient({ service: 'demo', baseUrl: 'ftp://x', timeoutMs: 1 }), /base URL must be http\(s\)/);
  assert.equal(await npmConfiguredRegistry({ npm_config_registry: 'https://registry.example.test/' }), 'https://registry.example.test/');
  assert.equal(encodePackageName('@scope/name'), '@scope%2Fname');
  assert.equal(sonarBaseUrl('https://sonar.example.test/', null), 'https://sonar.example.test');
  assert.equal(sonarBaseUrl('10.0.0.5', 9000), 'http://10.0.0.5:9000');
  assert.equal(sonarBaseUrl('10.0.0.5', null), 'http://10.0.0.5');
  assert.equal(sonarBaseUrl('localhost', 9000), 'http://localhost:9000');
  assert.equal(sonarBaseUrl('sonar.example.test', null), 'https://sonar.example.test');
  assert.equal(sonarBaseUrl('sonar.example.test', 443), 'https://sonar.example.test');
  assert.equal(sonarBaseUrl('sonar.example.test', 8443), 'https://sonar.example.test:8443');
});
