import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeReachRegistries, type FakeReachRegistries } from '../../../test/fakes/reachability.js';
import { testConfig } from '../../../test/support/fixtures.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import type { Ecosystem } from '../dependencies/types.js';
import { RegistryReachability, escapeModulePath } from './reachability.js';

let registries: FakeReachRegistries;
before(async () => {
  registries = await startFakeReachRegistries([
    { registry: 'packagist', name: 'acme/lib', versions: ['v1.2.0', 'dev-main'] },
    { registry: 'rubygems', name: 'rack', versions: ['3.0.0'] },
    { registry: 'nuget', name: 'Newtonsoft.Json', versions: ['13.0.3'] },
    { registry: 'maven', name: 'junit:junit', versions: ['4.13.2'] },
    { registry: 'cran', name: 'jsonlite', versions: ['1.8.8'] },
    { registry: 'crates', name: 'serde', versions: ['1.0.0'] },
  ]);
});
after(() => registries.close());

void test('package, version, or neither: each registry tells them apart', async () => {
  const reach = new RegistryReachability({ config: testConfig(registries.env()), cache: new MemoryCache() });
  const signal = new AbortController().signal;
  const cases: [Ecosystem, string, string, string][] = [
    ['Packagist', 'acme/lib', '1.2.0', 'ok'],
    ['Packagist', 'acme/lib', 'v9.0.0', 'version_not_found'],
    ['Packagist', 'acme/none', '1.0.0', 'package_not_found'],
    ['RubyGems', 'rack', '3.0.0', 'ok'],
    ['RubyGems', 'rack', '2.0.0', 'version_not_found'],
    ['RubyGems', 'nope', '1.0.0', 'package_not_found'],
    ['NuGet', 'Newtonsoft.Json', '13.0.3', 'ok'],
    ['NuGet', 'Newtonsoft.Json', '13.0.3.0', 'ok'],
    ['NuGet', 'Newtonsoft.Json', '1.0.0', 'version_not_found'],
    ['Maven', 'junit:junit', '4.13.2', 'ok'],
    ['Maven', 'junit:junit', '4.99', 'version_not_found'],
    ['Maven', 'org.none:none', '1.0', 'package_not_found'],
    ['CRAN', 'jsonlite', '1.8.8', 'ok'],
    ['CRAN', 'jsonlite', '0.1', 'version_not_found'],
    ['crates.io', 'serde', '2.0.0', 'version_not_found'],
    ['crates.io', 'serdo', '1.0.0', 'package_not_found'],
  ];
  for (const [ecosystem, name, version, status] of cases) assert.equal((await reach.check(ecosystem, name, version, signal)).status, status, `${ecosystem} ${name}@${version}`);
});

void test('a registry that fails is an error, and its other lookups fail at once', async () => {
  registries.fail.crates = 503;
  try {
    const reach = new RegistryReachability({ config: testConfig(registries.env()), cache: new MemoryCache(), retry: { maxRetries: 0, retryBaseMs: 1 } });
    const signal = new AbortController().signal;
    await assert.rejects(reach.check('crates.io', 'serde', '1.0.0', signal), /crates\.io/);
    const sent = registries.requests.length;
    await assert.rejects(reach.check('crates.io', 'other', '1.0.0', signal), /crates\.io/);
    assert.equal(registries.requests.length, sent);
  } finally {
    delete registries.fail.crates;
  }
});

void test('Go module paths are case-encoded', () => {
  assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
});
