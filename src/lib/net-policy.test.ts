/**
 * The outbound-address policy, attacked as a user would: obfuscated loopback forms, IPv6 forms embedding a
 * refused IPv4 address, names resolving to private or metadata addresses, DNS rebinding. A refused connection
 * must never reach its target: loopback listeners stand in for internal services (the policy under test
 * refuses loopback), and a fake DNS lookup stands in for names of private addresses, which are never dialled.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { BlockedAddressError, safeRequest } from './http.js';
import { classifyAddress, embeddedIpv4, NetworkPolicy, type LookupFunction, type NetworkSettings } from './net-policy.js';

const HOSTED: NetworkSettings = { allow_loopback: false, allow_private: false, allow_hosts: '', allow_cidrs: '', allow_ssh_and_git_protocol: false };
const hosted = (extra: Partial<NetworkSettings> = {}, lookup?: LookupFunction): NetworkPolicy => new NetworkPolicy({ ...HOSTED, ...extra }, lookup);

/** A DNS that answers from a table, counting the questions. */
function fakeDns(table: Record<string, string[] | (() => string[])>): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup = ((hostname, _options, callback) => {
    asked.push(hostname);
    const entry = table[hostname];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as LookupFunction & { asked: string[] };
  lookup.asked = asked;
  return lookup;
}

describe('address classes', () => {
  const cases: Record<string, string> = {
    '8.8.8.8': 'public',
    '2606:4700::1111': 'public',
    '127.0.0.1': 'loopback',
    '127.255.255.254': 'loopback',
    '::1': 'loopback',
    '10.0.0.5': 'private',
    '172.16.0.1': 'private',
    '172.31.255.255': 'private',
    '192.168.1.1': 'private',
    '100.64.0.1': 'private',
    '100.127.255.255': 'private',
    'fc00::1': 'private',
    'fd12:3456::1': 'private',
    '169.254.169.254': 'never',
    '169.254.0.1': 'never',
    '100.100.100.200': 'never',
    'fd00:ec2::254': 'never',
    'fe80::1': 'never',
    'fe80::1%eth0': 'never',
    '0.0.0.0': 'never',
    '::': 'never',
    '224.0.0.1': 'never',
    'ff02::1': 'never',
    '255.255.255.255': 'never',
    '240.0.0.1': 'never',
    // IPv6 forms carrying an IPv4 address are as bad as the address they carry.
    '::ffff:127.0.0.1': 'loopback',
    '::ffff:7f00:1': 'loopback',
    '::ffff:10.0.0.5': 'private',
    '::ffff:169.254.169.254': 'never',
    '::127.0.0.1': 'loopback',
    '64:ff9b::127.0.0.1': 'loopback',
    '64:ff9b::a00:5': 'private',
    '64:ff9b::a9fe:a9fe': 'never',
    '64:ff9b::808:808': 'public',
    '2002:7f00:1::': 'loopback',
    '2002:a9fe:a9fe::1': 'never',
    '2002:808:808::1': 'public',
    // Teredo: server 127.0.0.1, client 10.0.0.5 XOR-ed.
    '2001:0:7f00:1::f5ff:fffa': 'loopback',
    'not an address': 'never',
  };
  for (const [address, expected] of Object.entries(cases)) {
    test(`${address} is ${expected}`, () => assert.equal(classifyAddress(address), expected));
  }

  test('embedded IPv4 addresses are read from every form', () => {
    assert.deepEqual(embeddedIpv4('::ffff:7f00:1'), ['127.0.0.1']);
    assert.deepEqual(embeddedIpv4('64:ff9b::10.0.0.5'), ['10.0.0.5']);
    assert.deepEqual(embeddedIpv4('2002:c0a8:101::'), ['192.168.1.1']);
    assert.deepEqual(embeddedIpv4('2001:0:4136:e378:8000:63bf:f5ff:fffa'), ['65.54.227.120', '10.0.0.5']);
    assert.deepEqual(embeddedIpv4('2606:4700::1111'), []);
  });
});

describe('policy settings', () => {
  test('hosted defaults refuse loopback and private; switches and allow-lists open them; never-allowed stays refused', async () => {
    assert.ok(hosted().refusal('x', '127.0.0.1'));
    assert.ok(hosted().refusal('x', '10.0.0.5'));
    assert.equal(hosted().refusal('x', '8.8.8.8'), null);
    assert.equal(hosted({ allow_loopback: true }).refusal('x', '127.0.0.1'), null);
    assert.ok(hosted({ allow_loopback: true }).refusal('x', '10.0.0.5'), 'loopback switch is not the private one');
    assert.equal(hosted({ allow_private: true }).refusal('x', '10.0.0.5'), null);
    assert.ok(hosted({ allow_private: true }).refusal('x', '127.0.0.1'), 'private switch is not the loopback one');
    const listed = hosted({ allow_cidrs: '10.20.0.0/16, fd12::/16 127.0.0.9', allow_hosts: 'git.corp, *.forge.example' });
    assert.equal(listed.refusal('x', '10.20.3.4'), null);
    assert.equal(listed.refusal('x', '::ffff:10.20.3.4'), null);
    assert.equal(listed.refusal('x', 'fd12::5'), null);
    assert.equal(listed.refusal('x', '127.0.0.9'), null);
    assert.ok(listed.refusal('x', '10.21.0.1'));
    assert.equal(listed.refusal('git.corp', '10.0.0.5'), null);
    assert.equal(listed.refusal('GIT.CORP.', '10.0.0.5'), null);
    assert.equal(listed.refusal('a.forge.example', '192.168.1.1'), null);
    assert.ok(listed.refusal('forge.example.evil', '192.168.1.1'));
    const everything = hosted({ allow_loopback: true, allow_private: true, allow_cidrs: '169.254.0.0/16', allow_hosts: 'metadata.google.internal' });
    assert.ok(everything.refusal('metadata.google.internal', '169.254.169.254'), 'link-local is never allowed');
    assert.throws(() => everything.assertHost('metadata.google.internal'), BlockedAddressError);
    assert.throws(() => hosted({ allow_cidrs: '10.0.0.0/99' }), /allow_cidrs/);
    assert.throws(() => hosted({ allow_cidrs: 'git.corp' }), /allow_cidrs/);
  });

  test('a name is refused when any address it resolves to is refused; metadata names are never looked up', async () => {
    const dns = fakeDns({ 'git.internal': ['10.0.0.5'], mixed: ['8.8.8.8', '127.0.0.1'], 'git.corp': ['10.0.0.5'] });
    const policy = hosted({ allow_hosts: 'git.corp' }, dns);
    await assert.rejects(policy.resolve('git.internal'), (err: unknown) => {
      assert.ok(err instanceof BlockedAddressError);
      assert.equal(err.message, 'requests to git.internal (10.0.0.5) are not allowed: a private address; allow it with [Network] allow_cidrs or allow_hosts');
      return true;
    });
    await assert.rejects(policy.resolve('mixed'), /mixed \(127\.0\.0\.1\).*loopback/);
    assert.deepEqual(await policy.resolve('git.corp'), [{ address: '10.0.0.5', family: 4 }]);
    for (const name of ['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'metadata', 'metadata.azure.internal']) {
      await assert.rejects(policy.resolve(name), /never reached/);
    }
    assert.deepEqual(dns.asked, ['git.internal', 'mixed', 'git.corp']);
  });
});

describe('requests under the hosted policy never reach loopback', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  before(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('internal secret');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // The WHATWG parser normalises the IPv4 forms; the policy reads the IPv6 ones; `localhost` is resolved.
  const forms = ['127.1', '2130706433', '0x7f000001', '0177.0.0.1', '127.000.000.001', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::1]', '[0:0:0:0:0:0:0:1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::1]', 'localhost'];
  for (const form of forms) {
    test(`http://${form}:<port>/ is refused before connecting`, async () => {
      const before = hits;
      await assert.rejects(safeRequest(`http://${form}:${port}/`, { timeoutMs: 3000, policy: hosted() }), (err: unknown) => {
        assert.ok(err instanceof BlockedAddressError, String(err));
        assert.match(err.message, /not allowed: a loopback address; allow it with \[Network\] allow_loopback/);
        return true;
      });
      assert.equal(hits, before, 'the listener was never reached');
    });
  }

  test('the same forms reach the listener when loopback is allowed (the refusal is the policy, not the form)', async () => {
    for (const form of ['127.1', '0x7f000001', 'localhost']) {
      const response = await safeRequest(`http://${form}:${port}/`, { timeoutMs: 3000, policy: hosted({ allow_loopback: true }) });
      assert.equal(response.body, 'internal secret');
    }
  });

  test('a redirect into loopback is refused at the hop', async () => {
    const dns = fakeDns({ 'public.test': ['127.0.0.2'] });
    const redirector = createServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/` }).end());
    redirector.listen(port, '127.0.0.2');
    await once(redirector, 'listening');
    try {
      const before = hits;
      // 127.0.0.2 stands in for a public server: allowed through allow_cidrs.
      await assert.rejects(safeRequest(`http://public.test:${port}/`, { timeoutMs: 3000, policy: hosted({ allow_cidrs: '127.0.0.2' }, dns) }), BlockedAddressError);
      assert.equal(hits, before);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });

  test('DNS rebinding: the address that was checked is the address connected to', async () => {
    // The first answer passes (127.0.0.2, allowed by CIDR), every later one points at the internal listener.
    let answers = 0;
    const dns = fakeDns({ 'rebind.test': () => (answers++ === 0 ? ['127.0.0.2'] : ['127.0.0.1']) });
    const decoy = createServer((_req, res) => res.end('the checked server'));
    decoy.listen(port, '127.0.0.2');
    await once(decoy, 'listening');
    try {
      const before = hits;
      const policy = hosted({ allow_cidrs: '127.0.0.2' }, dns);
      const response = await safeRequest(`http://rebind.test:${port}/`, { timeoutMs: 3000, policy });
      assert.equal(response.body, 'the checked server');
      assert.equal(dns.asked.length, 1, 'one lookup: checked and connected with the same answer');
      // A new connection (another pool) looks up again, and the rebound answer is refused.
      await assert.rejects(safeRequest(`http://rebind.test:${port}/`, { timeoutMs: 3000, policy: hosted({ allow_cidrs: '127.0.0.2' }, dns) }), BlockedAddressError);
      assert.equal(dns.asked.length, 2);
      assert.equal(hits, before, 'the internal listener was never reached');
    } finally {
      await new Promise<void>((resolve) => decoy.close(() => resolve()));
    }
  });

  test('names resolving to private and metadata addresses are refused without connecting', async () => {
    const dns = fakeDns({ 'corp.test': ['10.0.0.5'], 'cloud.test': ['169.254.169.254'], 'v6.test': ['fd00::5'] });
    const policy = hosted({}, dns);
    await assert.rejects(safeRequest('http://corp.test/', { timeoutMs: 3000, policy }), /corp\.test \(10\.0\.0\.5\) are not allowed: a private address/);
    await assert.rejects(safeRequest('http://cloud.test/', { timeoutMs: 3000, policy }), /never reached/);
    await assert.rejects(safeRequest('http://v6.test/', { timeoutMs: 3000, policy }), /private address/);
    await assert.rejects(safeRequest('http://169.254.169.254/latest/meta-data/', { timeoutMs: 3000, policy }), /never reached/);
    await assert.rejects(safeRequest('http://[fd00:ec2::254]/', { timeoutMs: 3000, policy }), /never reached/);
    await assert.rejects(safeRequest('http://100.100.100.200/', { timeoutMs: 3000, policy: hosted({ allow_private: true }) }), /never reached/);
  });
});
