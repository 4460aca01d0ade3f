import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeDepsDev, type FakeDepsDev } from '../../test/fakes/deps-dev.js';
import { testConfig } from '../../test/support/fixtures.js';
import type { ExtractionResult, PackageRecord } from '../dependencies/types.js';
import { MemoryCache } from '../lib/shared-cache.js';
import { DepsDevClient } from './deps-dev.js';
import { distinctPackages, resolveLicenses } from './licenses.js';

const FAST_RETRY = { attempts: 2, initialDelayMs: 5, maxDelayMs: 10 };
const signal = new AbortController().signal;

const pkg = (ecosystem: PackageRecord['ecosystem'], name: string, version: string, extra: Partial<PackageRecord> = {}): PackageRecord => ({
  name,
  version,
  ecosystem,
  purl: `pkg:${ecosystem.toLowerCase()}/${name}@${version}`,
  sourceFile: 'lock',
  ...extra,
});
const extraction = (...packages: PackageRecord[]): ExtractionResult => ({ file: 'lock', extractor: 'test', packages });

let depsDev: FakeDepsDev;
before(async () => {
  depsDev = await startFakeDepsDev([
    { system: 'maven', name: 'junit:junit', version: '4.12', licenses: ['EPL-1.0'] },
    { system: 'go', name: 'github.com/opencontainers/runc', version: 'v1.0.2', licenses: ['Apache-2.0'] },
    { system: 'pypi', name: 'aiohttp', version: '3.12.15', licenses: ['Apache-2.0 AND MIT'] },
    { system: 'cargo', name: 'openssl', version: '0.10.0', licenses: ['Apache-2.0'] },
  ]);
});
after(() => depsDev.close());

const client = (): DepsDevClient => new DepsDevClient({ apiUrl: depsDev.url, timeoutMs: 1000, concurrency: 4, cache: new MemoryCache(), cacheTtlMs: 60_000, retry: FAST_RETRY });

test('deps.dev systems, percent-encoded names and Go versions with their v', async () => {
  const c = client();
  assert.deepEqual(await c.licenses({ ecosystem: 'Maven', name: 'junit:junit', version: '4.12' }, signal), ['EPL-1.0']);
  assert.deepEqual(await c.licenses({ ecosystem: 'Go', name: 'github.com/opencontainers/runc', version: '1.0.2' }, signal), ['Apache-2.0']);
  assert.deepEqual(await c.licenses({ ecosystem: 'PyPI', name: 'aiohttp', version: '3.12.15' }, signal), ['Apache-2.0 AND MIT']);
  assert.deepEqual(await c.licenses({ ecosystem: 'crates.io', name: 'openssl', version: '0.10.0' }, signal), ['Apache-2.0']);
  assert.equal(await c.licenses({ ecosystem: 'crates.io', name: 'openssl', version: '9.9.9' }, signal), null);
  assert.equal(c.versionUrl({ ecosystem: 'Maven', name: 'junit:junit', version: '4.12' })?.endsWith('/v3/systems/maven/packages/junit%3Ajunit/versions/4.12'), true);
  assert.equal(c.versionUrl({ ecosystem: 'Packagist', name: 'a/b', version: '1.0' }), null, 'deps.dev does not cover Packagist');
});

test('duplicates across lockfiles collapse to one purl, keeping a license any file declares', () => {
  const plain = pkg('npm', 'x', '1.0.0');
  const licensed = pkg('npm', 'x', '1.0.0', { declaredLicense: 'ISC' });
  const member = pkg('npm', 'me', '0.0.0', { resolution: 'local' });
  assert.deepEqual(distinctPackages([extraction(plain, member), extraction(licensed)]), [{ ...plain, declaredLicense: 'ISC' }]);
});

test('an unreachable deps.dev fails fast: the first failure stops the other lookups', async () => {
  const packages = Array.from({ length: 40 }, (_, i) => pkg('npm', `p${i}`, '1.0.0'));
  const started = Date.now();
  const report = await resolveLicenses([extraction(...packages)], {
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: 'http://127.0.0.1:9', OPENCHECKER_DEPSDEV_CONCURRENCY: '1' }),
    cache: new MemoryCache(),
    signal,
    retry: FAST_RETRY,
  });
  assert.equal(report.packages.every((p) => p.licenses.length === 0), true);
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0] ?? '', /^deps\.dev lookup failed for 40 packages: 127\.0\.0\.1:9 failed after 2 attempts/);
  assert.ok(Date.now() - started < 5000);
});

test('one refused lookup (HTTP 400) does not stop the others', async () => {
  depsDev.inject(400);
  const report = await resolveLicenses([extraction(pkg('Maven', 'junit:junit', '4.12'), pkg('PyPI', 'aiohttp', '3.12.15'))], {
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: depsDev.url, OPENCHECKER_DEPSDEV_CONCURRENCY: '1' }),
    cache: new MemoryCache(),
    signal,
    retry: FAST_RETRY,
  });
  assert.equal(report.packages.filter((p) => p.licenses.length > 0).length, 1);
  assert.match(report.errors[0] ?? '', /for 1 package: .*HTTP 400/);
});
