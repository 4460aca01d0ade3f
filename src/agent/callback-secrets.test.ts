/**
 * Credentials and idempotency of the callback POST: user-info in callback_url becomes Basic auth (never in the
 * request line), every attempt carries the same Idempotency-Key, and the stored URL is redacted once done.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/load.js';
import { silentLogger } from '../lib/log.js';
import { packageRoot } from '../lib/paths.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import { CallbackDispatcher, callbackTarget, signBody } from './callback.js';

interface Seen {
  requestLine: string;
  headers: IncomingHttpHeaders;
}

test('callbackTarget moves user-info to a Basic Authorization header and keeps the query', () => {
  assert.deepEqual(callbackTarget('https://hooks.test/cb?x=1'), { url: 'https://hooks.test/cb?x=1', headers: {} });
  const target = callbackTarget('https://comp%40ss:p%3Ass%40word@hooks.test:8443/cb?token=t1');
  assert.equal(target.url, 'https://hooks.test:8443/cb?token=t1');
  assert.equal(target.headers.authorization, `Basic ${Buffer.from('comp@ss:p:ss@word').toString('base64')}`);
  assert.equal(callbackTarget('http://onlyuser@[::1]:9/cb').headers.authorization, `Basic ${Buffer.from('onlyuser:').toString('base64')}`);
});

test('dispatcher: Basic auth from the callback URL, never in the request line; Idempotency-Key stable across retries', async () => {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ requestLine: `${req.method ?? ''} ${req.url ?? ''} HTTP/${req.httpVersion}`, headers: req.headers });
    req.resume();
    req.on('end', () => res.writeHead(seen.length === 1 ? 503 : 200).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'oc-callback-secrets-'));
  const store = new SqliteStore(openSqlite(join(dir, 'db.sqlite')));
  const config = loadConfig({
    // The receiver listens on loopback, which the hosted default refuses.
    env: { OPENCHECKER_CALLBACK_BACKOFF_INITIAL_S: '0', OPENCHECKER_CALLBACK_TIMEOUT_S: '2', OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'true' },
    cwd: dir,
  }).config;
  const dispatcher = new CallbackDispatcher({ store, config, log: silentLogger(), owner: 'test', pollMs: 10 });
  try {
    const callbackUrl = `http://compass:Pa55%40word@127.0.0.1:${port}/callback?token=abc`;
    await store.createTask({ taskId: 'cb-secret', projectUrl: 'https://forge.test/acme/demo', commandList: ['readme-checker'], taskMetadata: {}, commitHash: null, callbackUrl, submittedBy: null });
    await store.startTask('cb-secret', 'agent');
    await store.finishTask('cb-secret', { status: 'succeeded', scanResults: { 'readme-checker': {} }, error: null });
    dispatcher.start();
    const deadline = Date.now() + 5000;
    let task = await store.getTask('cb-secret');
    while (task?.callback.status === 'pending' && Date.now() < deadline) {
      await sleep(10);
      task = await store.getTask('cb-secret');
    }
    assert.equal(task?.callback.status, 'delivered');
    assert.equal(seen.length, 2, 'a 503, then the retry');
    seen.forEach((request, index) => {
      assert.equal(request.requestLine, 'POST /callback?token=abc HTTP/1.1', 'the URL without its user-info');
      assert.equal(request.headers.host, `127.0.0.1:${port}`);
      assert.equal(request.headers.authorization, `Basic ${Buffer.from('compass:Pa55@word').toString('base64')}`);
      assert.equal(request.headers['idempotency-key'], 'cb-secret', 'the same key on every attempt');
      assert.equal(request.headers['x-openchecker-delivery'], `cb-secret:${index + 1}`);
    });
    // Delivered: the stored URL keeps no credential.
    assert.equal(task?.callbackUrl, `http://***@127.0.0.1:${port}/callback?token=***`);
  } finally {
    await dispatcher.stop();
    await store.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the README's Node receiver accepts our signature and refuses a wrong secret, a changed body and an old timestamp", async () => {
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  const snippet = /\*\*Checking the signature\.\*\*[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(snippet, 'the README has the Node example');
  const module = (await import(`data:text/javascript,${encodeURIComponent(`${snippet}\nexport { verify };`)}`)) as {
    verify: (secret: string, timestamp: string, signature: string, rawBody: Buffer) => boolean;
  };
  const body = JSON.stringify({ task_id: 't', scan_results: { 'readme-checker': { readme_file: ['README.md'] } }, note: 'é' });
  const now = String(Math.floor(Date.now() / 1000));
  const signature = signBody('shared-secret', now, body);
  assert.equal(module.verify('shared-secret', now, signature, Buffer.from(body)), true);
  assert.equal(module.verify('other-secret', now, signature, Buffer.from(body)), false);
  assert.equal(module.verify('shared-secret', now, signature, Buffer.from(body.replace('README', 'READYOU'))), false);
  const old = String(Number(now) - 3600);
  assert.equal(module.verify('shared-secret', old, signBody('shared-secret', old, body), Buffer.from(body)), false);
});
