import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { makeContext, testConfig } from '../../../test/support/fixtures.js';
import { FsRepoView } from '../../lib/repo/repo-view.js';
import { CheckerInputError } from '../types.js';
import { checker, checkUrl } from './index.js';

let server: Server;
let base = '';
const methods: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok') methods.push(req.method ?? '');
    const redirect = /^\/redirect\/(\d+)$/.exec(path);
    if (redirect) {
      const left = Number(redirect[1]);
      res.writeHead(302, { location: left > 1 ? `/redirect/${left - 1}` : '/ok' }).end();
    } else if (path === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>demo</html>');
    } else if (path === '/head-refused') {
      if (req.method === 'HEAD') res.writeHead(405).end();
      else res.writeHead(200).end('fine');
    } else if (path === '/no-content') {
      res.writeHead(204).end();
    } else if (path === '/broken') {
      res.writeHead(500).end('oops');
    } else if (path === '/loop') {
      res.writeHead(301, { location: '/loop' }).end();
    } else if (path === '/no-location') {
      res.writeHead(302).end();
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/big') {
      // Far more than the checker reads; it must stop early and still answer.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent >= 200) res.end();
        else res.once('drain', pump);
      };
      pump();
    } else if (path === '/hang') {
      // Accepts the request and never answers.
    } else if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      // ...and never finishes the body.
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function inputError(pattern: RegExp): (err: unknown) => boolean {
  return (err) => err instanceof CheckerInputError && pattern.test(err.message);
}

void test('a page that answers 200 is accessible, fetched with GET', async () => {
  methods.length = 0;
  assert.deepEqual(await checkUrl(`${base}/ok`), { status_code: 200, is_accessible: true });
  assert.deepEqual(methods, ['GET']);
  assert.deepEqual(await checkUrl(`${base}/head-refused`), { status_code: 200, is_accessible: true });
  assert.deepEqual(await checkUrl(`${base}/no-content`), { status_code: 204, is_accessible: true });
});

void test('404 and 500 are answers, not errors: reported as not accessible', async () => {
  assert.deepEqual(await checkUrl(`${base}/missing`), { status_code: 404, is_accessible: false });
  assert.deepEqual(await checkUrl(`${base}/broken`), { status_code: 500, is_accessible: false });
});

void test('redirects are followed up to 5 hops; a longer chain or a loop is an error', async () => {
  assert.deepEqual(await checkUrl(`${base}/redirect/4`), { status_code: 200, is_accessible: true });
  await assert.rejects(checkUrl(`${base}/redirect/6`), /too many redirects: 127\.0\.0\.1:\d+ still redirected after 5 hops/);
  await assert.rejects(checkUrl(`${base}/loop`), /too many redirects/);
  await assert.rejects(checkUrl(`${base}/redirect/2`, { maxRedirects: 1 }), /after 1 hops/);
});

void test('a redirect without a Location is the final answer', async () => {
  assert.deepEqual(await checkUrl(`${base}/no-location`), { status_code: 302, is_accessible: false });
});

void test('a large body is cut short, not downloaded', async () => {
  const started = performance.now();
  assert.deepEqual(await checkUrl(`${base}/big`), { status_code: 200, is_accessible: true });
  assert.ok(performance.now() - started < 5000);
});

void test('a server that never answers times out with a clear message', async () => {
  await assert.rejects(checkUrl(`${base}/hang`, { timeoutMs: 300 }), /request to 127\.0\.0\.1:\d+ timed out after 300 ms/);
});

void test('a body that never ends times out too', async () => {
  await assert.rejects(checkUrl(`${base}/slow-body`, { timeoutMs: 300 }), /timed out after 300 ms/);
});

void test('a closed port is "could not reach host: ECONNREFUSED"', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(checkUrl(`http://127.0.0.1:${port}/`), { message: `could not reach 127.0.0.1:${port}: ECONNREFUSED` });
});

void test('link-local and cloud metadata addresses are refused, also when reached by a redirect', async () => {
  await assert.rejects(checkUrl('http://169.254.169.254/latest/meta-data/'), inputError(/169\.254\.169\.254.*not allowed/));
  await assert.rejects(checkUrl('http://metadata.google.internal/'), inputError(/not allowed/));
  await assert.rejects(checkUrl('http://[::ffff:169.254.169.254]/'), inputError(/not allowed/));
  await assert.rejects(checkUrl(`${base}/to-metadata`), inputError(/169\.254\.169\.254.*not allowed/));
});

void test('non-http(s) project URLs are input errors naming the scheme', async () => {
  await assert.rejects(checkUrl('git@github.com:acme/demo.git'), inputError(/^url-checker needs an http\(s\) project URL, got ssh \(git@host:path\)$/));
  await assert.rejects(checkUrl('ssh://git@github.com/acme/demo'), inputError(/got ssh$/));
  await assert.rejects(checkUrl('/srv/repos/demo'), inputError(/got a local path$/));
  await assert.rejects(checkUrl('ftp://example.org/demo'), inputError(/got ftp$/));
});

void test('the checker reads the task URL, needs no checkout and declares network use', async () => {
  assert.deepEqual(checker.requirements, { checkout: 'none', network: true });
  const ctx = makeContext(new FsRepoView(tmpdir(), 'demo'), { task: { projectUrl: `${base}/redirect/1` } });
  assert.deepEqual(await checker.run(ctx), { status_code: 200, is_accessible: true });
});

void test('an aborted command stops the request', async () => {
  const controller = new AbortController();
  const ctx = makeContext(new FsRepoView(tmpdir(), 'demo'), { task: { projectUrl: `${base}/hang` }, signal: controller.signal });
  const run = checker.run(ctx);
  setTimeout(() => controller.abort(new Error('url-checker timed out after 1 s')), 50);
  await assert.rejects(run);
});

void test('under the hosted policy, loopback in any spelling is refused before connecting: no status code to probe ports with', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const port = new URL(base).port;
  const hits = methods.length;
  const answers: string[] = [];
  for (const url of [`${base}/ok`, `http://127.0.0.1:${closedPort}/ok`, `http://127.1:${port}/ok`, `http://0x7f000001:${port}/ok`, `http://0177.0.0.1:${port}/ok`, `http://2130706433:${port}/ok`, `http://[::ffff:127.0.0.1]:${port}/ok`, `http://localhost:${port}/ok`]) {
    const ctx = makeContext(new FsRepoView(tmpdir(), 'demo'), { task: { projectUrl: url }, config: testConfig({ OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'false' }) });
    await assert.rejects(checker.run(ctx), (err: unknown) => {
      assert.ok(err instanceof CheckerInputError, String(err));
      assert.match(err.message, /not allowed: a loopback address/);
      answers.push(err.message);
      return true;
    });
  }
  assert.equal(methods.length, hits, 'the server was never reached');
  assert.equal(answers[0], answers[1], 'an open and a closed port answer alike');
});
