/**
 * git's own connections under the outbound-address policy: the clone goes through the policy's proxy (so a
 * refused address, a redirect into one and env proxies cannot get around it), ssh and git:// are refused in
 * the hosted mode, and git's raw error text (what the remote said) never reaches the result. Loopback
 * listeners stand in for internal services; names of private addresses come from a fake DNS and are never
 * dialled.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo, type FixtureRepo } from '../../test/support/fixtures.js';
import { startGatedGitServer, type GatedGitServer } from '../../test/support/servers.js';
import { startEgressProxy } from './git-egress.js';
import { describeGitFailure } from './git-errors.js';
import { CloneError, cloneRepository, type CloneOptions } from './git.js';
import { NetworkPolicy, type LookupFunction, type NetworkSettings } from './net-policy.js';

const HOSTED: NetworkSettings = { allow_loopback: false, allow_private: false, allow_hosts: '', allow_cidrs: '', allow_ssh_and_git_protocol: false };
const policy = (extra: Partial<NetworkSettings> = {}, lookup?: LookupFunction): NetworkPolicy => new NetworkPolicy({ ...HOSTED, ...extra }, lookup);
const fakeDns =
  (table: Record<string, string>): LookupFunction =>
  (hostname, _options, callback) => {
    const address = table[hostname];
    if (!address) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  };

describe('clones under the outbound-address policy', () => {
  let repo: FixtureRepo;
  let work: string;
  let git: GatedGitServer;
  let n = 0;
  const options = (url: string, network: NetworkPolicy): CloneOptions => ({
    url,
    dest: join(work, `clone-${n++}`),
    version: null,
    fullHistory: false,
    worktree: false,
    allowLocal: false,
    timeoutMs: 30_000,
    maxBytes: 64 * 1024 * 1024,
    policy: network,
  });
  const refused = (pattern: RegExp) => (err: unknown) => {
    assert.ok(err instanceof CloneError, String(err));
    assert.match(err.message, pattern);
    return true;
  };

  before(async () => {
    repo = await makeRepo({ 'README.md': '# x\n' }, { git: true, name: 'demo' });
    work = await mkdtemp(join(tmpdir(), 'oc-egress-'));
    const bare = join(work, 'served.git');
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    execFileSync('git', ['-C', bare, 'update-server-info']);
    git = await startGatedGitServer(bare);
    git.open();
  });
  after(async () => {
    await git.close();
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  test('an allowed address is cloned, through the proxy', async () => {
    await cloneRepository(options(git.url, policy({ allow_loopback: true })));
    assert.ok(git.requests.length > 0);
  });

  test('a loopback address is refused before git connects, with a short reason', async () => {
    const seen = git.requests.length;
    await assert.rejects(
      cloneRepository(options(git.url.replace('127.0.0.1', '0x7f000001'), policy())),
      refused(/^clone refused: requests to 127\.0\.0\.1 are not allowed: a loopback address; allow it with \[Network\] allow_loopback/),
    );
    assert.equal(git.requests.length, seen, 'the internal server was never reached');
  });

  test('names of private and metadata addresses are refused; ssh and git:// are refused in the hosted mode', async () => {
    const dns = fakeDns({ 'github.internal': '10.0.0.5', 'forge.test': '10.0.0.6' });
    await assert.rejects(cloneRepository(options('https://github.internal/acme/demo.git', policy({}, dns))), refused(/^clone refused: requests to github\.internal \(10\.0\.0\.5\) are not allowed: a private address; allow it with \[Network\] allow_cidrs/));
    await assert.rejects(cloneRepository(options('http://169.254.169.254/latest/meta-data/', policy())), refused(/never reached/));
    await assert.rejects(cloneRepository(options('http://metadata.google.internal/x.git', policy({ allow_private: true, allow_loopback: true }))), refused(/never reached/));
    for (const url of ['ssh://git@forge.test/acme/demo.git', 'git@forge.test:acme/demo.git', 'git://forge.test/acme/demo.git', 'git+ssh://forge.test:2222/demo']) {
      await assert.rejects(cloneRepository(options(url, policy({}, dns))), refused(/^clone refused: (ssh|git|git\+ssh) clones are not allowed here; use an https:\/\/ URL \(or set \[Network\] allow_ssh_and_git_protocol = true\)/), url);
    }
    // Allowed transports still have their host checked (never connecting: forge.test is 10.0.0.6).
    await assert.rejects(cloneRepository(options('ssh://git@forge.test:22/acme/demo.git', policy({ allow_ssh_and_git_protocol: true }, dns))), refused(/forge\.test \(10\.0\.0\.6\).*private/));
    await assert.rejects(cloneRepository(options('git://0x7f000001/demo.git', policy({ allow_ssh_and_git_protocol: true }))), refused(/127\.0\.0\.1.*loopback/));
  });

  test('a redirect into a refused address is refused at the hop; the internal server is never reached', async () => {
    // 127.0.0.2 stands in for an allowed (public) forge that redirects to the internal one on 127.0.0.1.
    const internal = new URL(git.url);
    const redirector = createServer((req, res) => res.writeHead(302, { location: `http://127.0.0.1:${internal.port}${req.url ?? '/'}` }).end());
    redirector.listen(0, '127.0.0.2');
    await once(redirector, 'listening');
    try {
      const seen = git.requests.length;
      const url = `http://forge.test:${(redirector.address() as AddressInfo).port}/repo.git`;
      await assert.rejects(cloneRepository(options(url, policy({ allow_cidrs: '127.0.0.2' }, fakeDns({ 'forge.test': '127.0.0.2' })))), refused(/^clone refused: requests to 127\.0\.0\.1 are not allowed: a loopback address/));
      assert.equal(git.requests.length, seen);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });

  test('proxy settings in the environment cannot route git around the policy', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { NO_PROXY: '*', no_proxy: '*', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '' });
    try {
      const seen = git.requests.length;
      // The host check passes (a name allowed by CIDR), the redirect does not: only the proxy can refuse it.
      const redirector = createServer((req, res) => res.writeHead(301, { location: `${git.url}${req.url ?? ''}` }).end());
      redirector.listen(0, '127.0.0.2');
      await once(redirector, 'listening');
      try {
        const url = `http://forge.test:${(redirector.address() as AddressInfo).port}/repo.git`;
        await assert.rejects(cloneRepository(options(url, policy({ allow_cidrs: '127.0.0.2' }, fakeDns({ 'forge.test': '127.0.0.2' })))), refused(/clone refused/));
      } finally {
        await new Promise<void>((resolve) => redirector.close(() => resolve()));
      }
      assert.equal(git.requests.length, seen);
    } finally {
      for (const key of ['NO_PROXY', 'no_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  test("git's error text never reaches the result: the remote's body and remote: lines are not echoed", async () => {
    const leaky = createServer((_req, res) => {
      // Looks like smart HTTP, but the body is an internal page: git would quote pieces of it.
      res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-advertisement' }).end('SECRET-INTERNAL-TOKEN=abc123\nremote: SECRET\n');
    });
    leaky.listen(0, '127.0.0.1');
    await once(leaky, 'listening');
    try {
      const url = `http://127.0.0.1:${(leaky.address() as AddressInfo).port}/repo.git`;
      await assert.rejects(cloneRepository(options(url, policy({ allow_loopback: true }))), (err: unknown) => {
        assert.ok(err instanceof CloneError, String(err));
        assert.doesNotMatch(err.message, /SECRET|abc123/);
        assert.match(err.message, /^git clone failed: /);
        return true;
      });
    } finally {
      await new Promise<void>((resolve) => leaky.close(() => resolve()));
    }
    assert.equal(describeGitFailure('fatal: protocol error: bad line length character: SECR'), 'the server did not answer as a git repository');
    assert.equal(describeGitFailure("remote: internal admin page\nfatal: repository 'http://x/' not found"), 'repository not found');
    assert.equal(describeGitFailure('fatal: unable to access ...: The requested URL returned error: 502'), 'the server answered HTTP 502');
    assert.equal(describeGitFailure("fatal: transport 'file' not allowed"), "transport 'file' not allowed");
    assert.equal(describeGitFailure('remote: whatever the server says'), 'git could not fetch the repository');
  });
});

describe('the egress proxy itself', () => {
  let target: ReturnType<typeof createTcpServer>;
  let port = 0;
  let accepted = 0;
  before(async () => {
    target = createTcpServer((socket) => {
      accepted++;
      socket.end('hello from the target');
    });
    target.listen(0, '127.0.0.1');
    await once(target, 'listening');
    port = (target.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => target.close(() => resolve())));

  /** Sends one CONNECT and returns everything the proxy answered. */
  async function tunnel(proxyUrl: string, authority: string, credentials = true): Promise<string> {
    const proxy = new URL(proxyUrl);
    const socket = connect(Number(proxy.port), '127.0.0.1');
    await once(socket, 'connect');
    const auth = credentials ? `Proxy-Authorization: Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}\r\n` : '';
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(socket, 'close');
    return Buffer.concat(chunks).toString();
  }

  test('CONNECT tunnels to an allowed address, refuses a loopback one without connecting, and wants its credential', async () => {
    const open = await startEgressProxy(policy({ allow_loopback: true }));
    try {
      assert.match(await tunnel(open.url, `127.0.0.1:${port}`), /^HTTP\/1\.1 200 Connection Established\r\n\r\nhello from the target$/);
      assert.equal(accepted, 1);
      assert.match(await tunnel(open.url, `127.0.0.1:${port}`, false), /^HTTP\/1\.1 407/);
    } finally {
      await open.close();
    }
    const strict = await startEgressProxy(policy());
    try {
      for (const authority of [`127.0.0.1:${port}`, `localhost:${port}`, `[::ffff:127.0.0.1]:${port}`, `2130706433:${port}`]) {
        assert.equal(await tunnel(strict.url, authority), 'HTTP/1.1 403 Forbidden\r\n\r\n', authority);
      }
      assert.equal(accepted, 1, 'no refused tunnel reached the target');
      assert.match(strict.refusal?.message ?? '', /loopback/);
    } finally {
      await strict.close();
    }
  });

  test('a refused port answers the same whether or not something listens there', async () => {
    const strict = await startEgressProxy(policy());
    try {
      const closed = createTcpServer();
      closed.listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      assert.equal(await tunnel(strict.url, `127.0.0.1:${port}`), await tunnel(strict.url, `127.0.0.1:${closedPort}`));
    } finally {
      await strict.close();
    }
  });
});

describe('the plain-HTTP path of the proxy', () => {
  let server: Server;
  before(async () => {
    server = createServer((_req, res) => res.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('forwards to allowed addresses only', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const [settings, expected] of [[{ allow_loopback: true }, 200], [{}, 403]] as const) {
      const proxy = await startEgressProxy(policy(settings));
      try {
        const url = new URL(proxy.url);
        // git sends plain-HTTP requests to a proxy in absolute form.
        const socket = connect(Number(url.port), '127.0.0.1');
        await once(socket, 'connect');
        socket.write(`GET http://127.0.0.1:${port}/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nProxy-Authorization: Basic ${Buffer.from(`${url.username}:${url.password}`).toString('base64')}\r\nConnection: close\r\n\r\n`);
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        await once(socket, 'close');
        assert.match(Buffer.concat(chunks).toString(), new RegExp(`^HTTP/1\\.1 ${expected} `));
      } finally {
        await proxy.close();
      }
    }
  });
});
