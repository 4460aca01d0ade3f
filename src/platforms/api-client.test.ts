import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakePlatform, type FakePlatform } from '../../test/fakes/platforms.js';
import { MemoryCache } from '../lib/shared-cache.js';
import { ApiClient, rateLimitWaitMs } from './api-client.js';
import { PlatformError } from './errors.js';
import { GitHubClient } from './github.js';
import { V5Client } from './v5.js';

let github: FakePlatform;
let gitee: FakePlatform;
let gitcode: FakePlatform;

before(async () => {
  [github, gitee, gitcode] = await Promise.all([startFakePlatform('github'), startFakePlatform('gitee'), startFakePlatform('gitcode')]);
});
after(() => Promise.all([github.close(), gitee.close(), gitcode.close()]));

function reset(fake: FakePlatform): void {
  fake.mode = 'ok';
  fake.token = null;
  fake.requireToken = false;
  fake.requests.length = 0;
}

const signal = new AbortController().signal;
function ghClient(options: { token?: string | null; cache?: MemoryCache; timeoutMs?: number; maxRateLimitWaitMs?: number } = {}): GitHubClient {
  return new GitHubClient({ platform: 'github', owner: github.owner, repo: github.repo }, { baseUrl: github.url, token: options.token ?? null, cache: options.cache ?? new MemoryCache(), signal, timeoutMs: options.timeoutMs, maxRateLimitWaitMs: options.maxRateLimitWaitMs });
}
function v5Client(fake: FakePlatform, token: string | null = null): V5Client {
  return new V5Client({ platform: fake.platform, owner: fake.owner, repo: fake.repo }, { baseUrl: fake.url, token, cache: new MemoryCache(), signal });
}
function manyReleases(fake: FakePlatform, count: number): void {
  const template = fake.data.releases[0] ?? {};
  fake.data.releases = Array.from({ length: count }, (_, index) => ({ ...template, id: index + 1, tag_name: `v${count - index}.0.0`, name: `release ${count - index}` }));
}
function rejectsWith(kind: PlatformError['kind'], message: RegExp): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof PlatformError, String(err));
    assert.equal(err.kind, kind);
    assert.match(err.message, message);
    return true;
  };
}

void test('GitHub lists follow the Link header to the last page', async () => {
  reset(github);
  manyReleases(github, 230);
  const releases = await ghClient().releases();
  assert.equal(releases.length, 230);
  assert.equal(releases[229]?.tag, 'v1.0.0');
  const pages = github.requests.filter((request) => request.path.endsWith('/releases'));
  assert.deepEqual(pages.map((request) => request.query.get('page')), ['1', '2', '3']);
  assert.ok(pages.every((request) => request.query.get('per_page') === '100'));
  assert.equal(pages[0]?.headers.accept, 'application/vnd.github+json');
});

void test('Gitee lists stop at total_page; GitCode lists stop at a short page', async () => {
  reset(gitee);
  manyReleases(gitee, 130);
  assert.equal((await v5Client(gitee).releases()).length, 130);
  assert.equal(gitee.requests.length, 2);
  reset(gitcode);
  manyReleases(gitcode, 100);
  assert.equal((await v5Client(gitcode).releases()).length, 100);
  // A full last page cannot be told from a middle one without headers: one more (empty) page is asked.
  assert.deepEqual(gitcode.requests.map((request) => request.query.get('page')), ['1', '2']);
});

void test('counts take one request: the rel="last" page number (GitHub) or total_count (Gitee)', async () => {
  reset(github);
  manyReleases(github, 57);
  assert.equal(await ghClient().count('releases'), 57);
  assert.equal(github.requests.length, 1);
  assert.equal(github.requests[0]?.query.get('per_page'), '1');
  reset(gitee);
  manyReleases(gitee, 57);
  assert.equal(await v5Client(gitee).api.count('repos/acme/demo/releases'), 57);
  // GitCode says neither: the list is read.
  reset(gitcode);
  manyReleases(gitcode, 57);
  assert.equal(await v5Client(gitcode).api.count('repos/acme/demo/releases'), 57);
  reset(gitcode);
  gitcode.mode = 'empty';
  assert.equal(await v5Client(gitcode).api.count('repos/acme/demo/releases'), 0);
  assert.equal(gitcode.requests.length, 1);
});

void test('ETags are reused across tasks through the shared cache; 304 answers give the cached body', async () => {
  reset(github);
  const cache = new MemoryCache();
  const first = await ghClient({ cache, token: 'tok-a' }).repository();
  const second = await ghClient({ cache, token: 'tok-a' }).repository();
  assert.deepEqual(second, first);
  assert.deepEqual(github.requests.map((request) => request.status), [200, 304]);
  assert.match(String(github.requests[1]?.headers['if-none-match']), /^W\/"/);
  // Another token may see other things: no shared answer.
  await ghClient({ cache, token: 'tok-b' }).repository();
  assert.equal(github.requests[2]?.headers['if-none-match'], undefined);
});

void test('a short rate limit (Retry-After: 1) is waited out, then the call succeeds', async () => {
  reset(github);
  github.mode = 'rate-limited-once';
  const started = performance.now();
  const repo = await ghClient().repository();
  assert.equal(repo.fullName, 'acme/demo');
  assert.ok(performance.now() - started >= 900, 'waited for Retry-After');
  assert.deepEqual(github.requests.map((request) => request.status), [403, 200]);
});

void test('a long rate limit fails at once, saying when it resets', async () => {
  reset(github);
  github.mode = 'rate-limited';
  const started = performance.now();
  await assert.rejects(ghClient().repository(), rejectsWith('rate_limited', /^GitHub API rate limit exceeded; it resets at \d{4}-\d\d-\d\dT.*\(in 6[01] min\), longer than the 60 s an agent waits; configure \[Github\] access_key/));
  assert.ok(performance.now() - started < 2000);
  reset(gitcode);
  gitcode.mode = 'rate-limited';
  await assert.rejects(v5Client(gitcode, 'tok').releases(), rejectsWith('rate_limited', /^GitCode API rate limit exceeded; it resets at .*longer than the 60 s/));
});

void test('401 and 404 name the platform and path, never the token', async () => {
  reset(gitee);
  gitee.token = 'right-token';
  await assert.rejects(v5Client(gitee, 'wrong-token').repository(), (err: unknown) => {
    assert.ok(err instanceof PlatformError && err.kind === 'unauthorized');
    assert.equal(err.message, 'Gitee API refused the token (401: 401 Unauthorized: Access token does not exist) on GET /api/v5/repos/acme/demo');
    assert.ok(!err.message.includes('wrong-token'));
    return true;
  });
  assert.equal(gitee.requests[0]?.query.get('access_token'), 'wrong-token');
  reset(github);
  github.mode = 'not-found';
  await assert.rejects(ghClient({ token: 'secret' }).releases(), rejectsWith('not_found', /^GitHub API: not found \(404\) on GET \/repos\/acme\/demo\/releases$/));
});

void test('GitCode gets the token as a Bearer header, Gitee as access_token', async () => {
  reset(gitcode);
  await v5Client(gitcode, 'gc-token').repository();
  assert.equal(gitcode.requests[0]?.headers.authorization, 'Bearer gc-token');
  assert.equal(gitcode.requests[0]?.query.get('access_token'), null);
});

void test('a hanging API times out; a broken body is reported as not JSON', async () => {
  reset(github);
  github.mode = 'timeout';
  await assert.rejects(ghClient({ timeoutMs: 300 }).repository(), rejectsWith('timeout', /^GitHub API did not answer GET \/repos\/acme\/demo within 0.3 s$/));
  github.mode = 'malformed';
  await assert.rejects(ghClient().releases(), rejectsWith('malformed', /^GitHub API answered GET \/repos\/acme\/demo\/releases with a body that is not JSON/));
});

void test('a Link to another host is not followed (no token leaves for it)', async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', link: '<https://elsewhere.example/page2>; rel="next"' }).end('[1]');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const client = new ApiClient({ label: 'GitHub', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: null, cache: new MemoryCache(), signal });
  await assert.rejects(client.list('items'), rejectsWith('malformed', /pointed to another host \(elsewhere\.example\)/));
  server.close();
});

void test('redirects are followed on the API origin only (the token stays home)', async () => {
  const seen: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.url === '/repos/old/name') res.writeHead(301, { location: '/repositories/42' }).end();
    else if (req.url === '/repositories/42') res.writeHead(200, { 'content-type': 'application/json' }).end('{"full_name":"new/name"}');
    else res.writeHead(302, { location: 'http://elsewhere.example/steal' }).end();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const client = new ApiClient({ label: 'GitHub', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: { header: ['authorization', 'Bearer t'] }, cache: new MemoryCache(), signal });
  assert.deepEqual((await client.request('repos/old/name')).data, { full_name: 'new/name' });
  await assert.rejects(client.request('away'), rejectsWith('malformed', /redirected GET \/away to another host \(elsewhere\.example\); not followed/));
  assert.deepEqual(seen, ['Bearer t', 'Bearer t', 'Bearer t']);
  server.close();
});

void test('a transient 503 is retried', async () => {
  let calls = 0;
  const server = createServer((req, res) => {
    calls++;
    if (calls === 1) res.writeHead(503, { 'content-type': 'text/html' }).end('<html>unavailable</html>');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const client = new ApiClient({ label: 'Gitee', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: null, cache: new MemoryCache(), signal });
  assert.deepEqual((await client.request('x')).data, { ok: true });
  assert.equal(calls, 2);
  server.close();
});

void test('rate-limit answers are recognised from the headers GitHub and GitCode send', () => {
  const now = 1_700_000_000_000;
  const response = (status: number, headers: Record<string, string>, body = '{}') => ({ status, headers, body, url: 'x' });
  assert.equal(rateLimitWaitMs(response(403, {}, '{"message":"Resource not accessible by integration"}'), 1, now), null);
  assert.equal(rateLimitWaitMs(response(404, { 'x-ratelimit-remaining': '0' }), 1, now), null);
  assert.deepEqual(rateLimitWaitMs(response(403, { 'retry-after': '60' }), 1, now), { waitMs: 60_000, resetAt: new Date(now + 60_000) });
  assert.deepEqual(rateLimitWaitMs(response(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }), 1, now), {
    waitMs: 31_000,
    resetAt: new Date(now + 30_000),
  });
  assert.equal(rateLimitWaitMs(response(403, {}, '{"message":"You have exceeded a secondary rate limit."}'), 1, now)?.waitMs, 60_000);
  assert.equal(rateLimitWaitMs(response(429, {}), 3, now)?.waitMs, 4000);
  assert.equal(rateLimitWaitMs(response(429, { 'retry-after': new Date(now + 5000).toUTCString() }), 1, now)?.waitMs, 5000);
});
