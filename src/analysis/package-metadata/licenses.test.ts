import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeDepsDev, type FakeDepsDev } from '../../../test/fakes/deps-dev.js';
import { startFakeRegistries, type FakeRegistries } from '../../../test/fakes/registries.js';
import { testConfig } from '../../../test/support/fixtures.js';
import type { ExtractionResult, PackageRecord } from '../dependencies/types.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { DepsDevClient } from './deps-dev.js';
import { distinctPackages, resolveLicenses, type LicensedPackage } from './licenses.js';

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
let registries: FakeRegistries;
before(async () => {
  registries = await startFakeRegistries([
    { registry: 'pypi', name: 'aiohttp', version: '3.12.15', fields: { license: 'MIT' } },
    { registry: 'pypi', name: 'only-on-pypi', version: '1.0.0', fields: { license_expression: 'BSD-2-Clause' } },
    { registry: 'packagist', name: 'monolog/monolog', version: '3.5.0' },
    { registry: 'cran', name: 'jsonlite', version: '1.8.7' },
    { registry: 'hex', name: 'jason', version: '1.4.1' },
  ]);
  depsDev = await startFakeDepsDev([
    { system: 'maven', name: 'junit:junit', version: '4.12', licenses: ['EPL-1.0'] },
    { system: 'go', name: 'github.com/opencontainers/runc', version: 'v1.0.2', licenses: ['Apache-2.0'] },
    { system: 'pypi', name: 'aiohttp', version: '3.12.15', licenses: ['Apache-2.0 AND MIT'] },
    { system: 'cargo', name: 'openssl', version: '0.10.0', licenses: ['Apache-2.0'] },
  ]);
});
after(async () => {
  await depsDev.close();
  await registries.close();
});

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
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: 'http://127.0.0.1:9', OPENCHECKER_DEPSDEV_CONCURRENCY: '1', OPENCHECKER_REGISTRIES_ENABLED: 'false' }),
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
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: depsDev.url, OPENCHECKER_DEPSDEV_CONCURRENCY: '1', OPENCHECKER_REGISTRIES_ENABLED: 'false' }),
    cache: new MemoryCache(),
    signal,
    retry: FAST_RETRY,
  });
  assert.equal(report.packages.filter((p) => p.licenses.length > 0).length, 1);
  assert.match(report.errors[0] ?? '', /for 1 package: .*HTTP 400/);
});

const resolveWith = (packages: PackageRecord[], env: Record<string, string> = {}, cache = new MemoryCache()): ReturnType<typeof resolveLicenses> =>
  resolveLicenses([extraction(...packages)], {
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: depsDev.url, ...registries.env(), ...env }),
    cache,
    signal,
    retry: FAST_RETRY,
  });

test('files, then deps.dev, then the registry when deps.dev gave nothing; registries alone where deps.dev has no system', async () => {
  const before = registries.requests.length;
  const report = await resolveWith([
    pkg('PyPI', 'aiohttp', '3.12.15'),
    pkg('PyPI', 'only-on-pypi', '1.0.0'),
    pkg('Packagist', 'monolog/monolog', '3.5.0'),
    pkg('CRAN', 'jsonlite', '1.8.7'),
    pkg('Hex', 'jason', '1.4.1'),
    pkg('Pub', 'unknown_everywhere', '1.0.0'),
    pkg('Go', 'example.test/mod', '1.0.0'),
    pkg('PyPI', 'declared', '1.0.0', { declaredLicense: 'ISC' }),
  ]);
  const by = (name: string): LicensedPackage | undefined => report.packages.find((p) => p.pkg.name === name);
  assert.deepEqual(by('aiohttp'), { pkg: by('aiohttp')?.pkg, licenses: ['Apache-2.0 AND MIT'], source: 'deps.dev' }, 'deps.dev answered: the registry is not asked');
  assert.deepEqual(by('only-on-pypi')?.licenses, ['BSD-2-Clause']);
  assert.equal(by('only-on-pypi')?.source, 'registry');
  assert.deepEqual(by('monolog/monolog')?.licenses, ['MIT']);
  assert.deepEqual(by('jsonlite')?.licenses, ['MIT']);
  assert.deepEqual(by('jason')?.licenses, ['Apache-2.0']);
  assert.deepEqual(by('unknown_everywhere'), { pkg: by('unknown_everywhere')?.pkg, licenses: [], source: null });
  assert.equal(by('example.test/mod')?.source, null);
  assert.equal(by('declared')?.source, 'lockfile');
  assert.deepEqual(report.errors, []);
  assert.deepEqual(registries.requests.slice(before).map((r) => r.split(' ')[0]).sort(), ['cran', 'hex', 'packagist', 'pub', 'pypi']);
});

test('a registry that is down: one error for its packages, its other lookups not sent, other registries unaffected', async () => {
  registries.inject('pypi', 503, 503);
  const before = registries.count('pypi');
  const report = await resolveWith(
    [pkg('PyPI', 'only-on-pypi', '1.0.0'), pkg('PyPI', 'other', '1.0.0'), pkg('PyPI', 'third', '1.0.0'), pkg('CRAN', 'jsonlite', '1.8.7')],
    { OPENCHECKER_DEPSDEV_ENABLED: 'false', OPENCHECKER_REGISTRIES_CONCURRENCY: '1' },
  );
  assert.equal(registries.count('pypi') - before, 2, 'two attempts for the first lookup, nothing for the others');
  assert.deepEqual(report.errors.length, 1);
  assert.match(report.errors[0] ?? '', /^PyPI lookup failed for 3 packages: PyPI failed \(HTTP 503/);
  assert.deepEqual(report.packages.find((p) => p.pkg.name === 'jsonlite')?.licenses, ['MIT']);
});

test('[Registries] enabled = false: no registry request', async () => {
  const before = registries.requests.length;
  const report = await resolveWith([pkg('Packagist', 'monolog/monolog', '3.5.0')], { OPENCHECKER_REGISTRIES_ENABLED: 'false' });
  assert.equal(report.packages[0]?.source, null);
  assert.equal(registries.requests.length, before);
});
