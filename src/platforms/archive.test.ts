import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipOf } from '../../test/fakes/platforms.js';
import { listRemoteZip, stripTopFolder } from './archive.js';
import { PlatformError } from './errors.js';

let server: Server;
let base = '';
const seen: Array<{ path: string; headers: IncomingMessage['headers'] }> = [];

before(async () => {
  const zip = await zipOf('demo-1.0', { 'CHANGELOG.md': 'x', 'src/a.js': 'y' });
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const port = (server.address() as AddressInfo).port;
    if (req.url === '/zip') res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
    else if (req.url === '/redirect') res.writeHead(302, { location: `http://localhost:${port}/zip` }).end();
    else if (req.url === '/same-origin-redirect') res.writeHead(302, { location: '/zip' }).end();
    else if (req.url === '/to-metadata') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (req.url === '/hang') res.writeHead(200, { 'content-type': 'application/zip' }).write('PK');
    else if (req.url === '/chunked') {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'application/zip' });
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else res.writeHead(404).end('Not Found');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const signal = new AbortController().signal;
const auth = { authorization: 'Bearer secret' };

void test('lists the entries of a zip, without directories', async () => {
  assert.deepEqual((await listRemoteZip(`${base}/zip`, { headers: auth, signal })).sort(), ['demo-1.0/CHANGELOG.md', 'demo-1.0/src/a.js']);
});

void test('credentials follow a redirect on the same origin only', async () => {
  seen.length = 0;
  await listRemoteZip(`${base}/same-origin-redirect`, { headers: auth, signal });
  await listRemoteZip(`${base}/redirect`, { headers: auth, signal });
  assert.deepEqual(
    seen.map((entry) => [entry.path, entry.headers.authorization ?? null]),
    [
      ['/same-origin-redirect', 'Bearer secret'],
      ['/zip', 'Bearer secret'],
      ['/redirect', 'Bearer secret'],
      ['/zip', null],
    ],
  );
});

void test('size cap while streaming, time limit, HTTP errors and non-zips are PlatformErrors', async () => {
  const fails = (message: RegExp) => (err: unknown) => err instanceof PlatformError && message.test(err.message);
  await assert.rejects(listRemoteZip(`${base}/chunked`, { headers: {}, signal, maxBytes: 1024 * 1024 }), fails(/^Release archive larger than 1 MiB; not checked$/));
  await assert.rejects(listRemoteZip(`${base}/hang`, { headers: {}, signal, timeoutMs: 300 }), fails(/^Download timeout/));
  await assert.rejects(listRemoteZip(`${base}/missing`, { headers: {}, signal }), fails(/^Failed to download release zip: 404$/));
  await assert.rejects(listRemoteZip(`${base}/chunked`, { headers: {}, signal }), fails(/^Invalid zip file$/));
  await assert.rejects(listRemoteZip('http://169.254.169.254/zip', { headers: {}, signal }), /not allowed/);
  // The same guard as every other user-chosen request: metadata host names, and redirects into blocked ranges.
  await assert.rejects(listRemoteZip('http://metadata.google.internal/zip', { headers: {}, signal }), /not allowed/);
  await assert.rejects(listRemoteZip(`${base}/to-metadata`, { headers: {}, signal }), /not allowed/);
});

void test('the top folder of a source archive is removed; mixed roots are kept', () => {
  assert.deepEqual(stripTopFolder(['demo-1.0/CHANGELOG.md', 'demo-1.0/src/a.js']), ['CHANGELOG.md', 'src/a.js']);
  assert.deepEqual(stripTopFolder(['a/x', 'b/y']), ['a/x', 'b/y']);
  assert.deepEqual(stripTopFolder(['README.md']), ['README.md']);
});
