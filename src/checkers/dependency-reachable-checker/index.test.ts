import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeReachRegistries, type FakeReachRegistries } from '../../../test/fakes/reachability.js';
import { makeContext, makeRepo, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { checker } from './index.js';

type Result = Record<string, unknown> & { unreachable: Array<Record<string, unknown>> };

const PACKAGE_LOCK = JSON.stringify({
  name: 'demo',
  lockfileVersion: 3,
  packages: {
    '': { name: 'demo', dependencies: { 'left-pad': '1.3.0', gone: '1.0.0', '@acme/util': '2.0.0', 'pulled-back': '0.1.0' } },
    'node_modules/left-pad': { version: '1.3.0' },
    'node_modules/gone': { version: '1.0.0' },
    'node_modules/@acme/util': { version: '2.0.0' },
    'node_modules/pulled-back': { version: '0.1.0' },
    'node_modules/local-thing': { version: '0.0.1', resolved: 'file:../local-thing', link: true },
  },
});
const CARGO_LOCK = 'version = 3\n\n[[package]]\nname = "demo"\nversion = "0.1.0"\n\n[[package]]\nname = "serde"\nversion = "1.0.200"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "bad-crate"\nversion = "0.3.1"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n';
const REQUIREMENTS = 'requests==2.31.0\nbroken-wheel==1.0.0\nnever-was==0.0.1\nflask>=2\n';
const GO_MOD = 'module github.com/acme/demo\n\ngo 1.22\n\nrequire (\n\tgithub.com/BurntSushi/toml v1.3.2\n\tgithub.com/acme/vanished v0.1.0\n)\n';
const PUBSPEC_LOCK = 'packages:\n  http:\n    dependency: "direct main"\n    description:\n      name: http\n      url: "https://pub.dev"\n    source: hosted\n    version: "1.2.0"\nsdks:\n  dart: ">=3.0.0 <4.0.0"\n';
const MIX_LOCK = '%{\n  "jason": {:hex, :jason, "1.4.0", "abc", [:mix], [], "hexpm", "def"},\n}\n';

let registries: FakeReachRegistries;
let repo: FixtureRepo;
before(async () => {
  registries = await startFakeReachRegistries([
    { registry: 'npm', name: 'left-pad', versions: ['1.3.0'] },
    { registry: 'npm', name: '@acme/util', versions: ['2.0.0'] },
    { registry: 'npm', name: 'gone', versions: ['0.9.0'], unpublished: true },
    { registry: 'npm', name: 'pulled-back', versions: ['0.2.0'], unpublishedVersions: ['0.1.0'] },
    { registry: 'crates', name: 'serde', versions: ['1.0.200'] },
    { registry: 'crates', name: 'bad-crate', versions: [{ version: '0.3.1', yanked: true }] },
    { registry: 'pypi', name: 'requests', versions: ['2.31.0'] },
    { registry: 'pypi', name: 'broken-wheel', versions: [{ version: '1.0.0', yanked: true }] },
    { registry: 'go', name: 'github.com/BurntSushi/toml', versions: ['v1.3.2'] },
    { registry: 'pub', name: 'http', versions: [{ version: '1.2.0', retracted: true }] },
    { registry: 'hex', name: 'jason', versions: [{ version: '1.4.0', retired: { reason: 'security', message: 'use 1.4.1' } }] },
  ]);
  repo = await makeRepo({ 'package-lock.json': PACKAGE_LOCK, 'Cargo.lock': CARGO_LOCK, 'requirements.txt': REQUIREMENTS, 'go.mod': GO_MOD, 'pubspec.lock': PUBSPEC_LOCK, 'mix.lock': MIX_LOCK });
});
after(async () => {
  await registries.close();
  await repo.cleanup();
});

async function check(env: Record<string, string> = {}, configDir = tmpdir()): Promise<Result> {
  const config = testConfig({ ...registries.env(), ...env });
  return (await checker.run(makeContext(repo.view, { config, configDir, cache: new MemoryCache() }))) as Result;
}

void test('each registry says whether the version can still be fetched', async () => {
  const result = await check();
  const byPurl = Object.fromEntries(result.unreachable.map((entry) => [String(entry.purl), String(entry.reason)]));
  assert.deepEqual(byPurl, {
    'pkg:npm/gone@1.0.0': 'unpublished',
    'pkg:npm/pulled-back@0.1.0': 'unpublished',
    'pkg:cargo/bad-crate@0.3.1': 'yanked',
    'pkg:pypi/broken-wheel@1.0.0': 'yanked',
    'pkg:pypi/never-was@0.0.1': 'package_not_found',
    'pkg:golang/github.com/acme/vanished@v0.1.0': 'package_not_found',
    'pkg:pub/http@1.2.0': 'withdrawn',
    'pkg:hex/jason@1.4.0': 'withdrawn',
  });
  assert.deepEqual(result.unreachable_dependencies, result.unreachable, 'the same list under both names Compass reads');
  assert.equal(result.checked, 13);
  assert.equal(result.reachable, 5);
  assert.deepEqual(result.unknown, []);
  assert.equal((result.skipped as Record<string, number>).no_exact_version, 1, 'flask>=2 has no exact version');
  const jason = result.unreachable.find((entry) => entry.purl === 'pkg:hex/jason@1.4.0');
  assert.equal(jason?.detail, 'hex.pm retired jason 1.4.0 (security: use 1.4.1)');
  assert.equal(jason?.source_file, 'demo/mix.lock');
  assert.equal('oin_risk' in result, false, 'no table configured: no oin_risk at all');
  assert.deepEqual(Object.keys(result).slice(0, 3), ['unreachable_dependencies', 'unreachable', 'checked']);
});

void test('answers are cached: a second task asks nothing', async () => {
  const cache = new MemoryCache();
  const config = testConfig(registries.env());
  await checker.run(makeContext(repo.view, { config, cache }));
  const before = registries.requests.length;
  await checker.run(makeContext(repo.view, { config, cache }));
  assert.equal(registries.requests.length, before);
});

void test('a registry that is down leaves its packages unknown, not reachable', async () => {
  registries.fail.crates = 503;
  try {
    const result = await check();
    const unknown = result.unknown as Array<{ purl: string; reason: string }>;
    assert.deepEqual(unknown.map((entry) => entry.purl).sort(), ['pkg:cargo/bad-crate@0.3.1', 'pkg:cargo/serde@1.0.200']);
    assert.match(unknown[0]?.reason ?? '', /crates\.io/);
    assert.equal(result.checked, 11);
  } finally {
    delete registries.fail.crates;
  }
});

void test('every registry down: an error, never an empty list that reads as "all reachable"', async () => {
  for (const registry of ['npm', 'crates', 'pypi', 'go', 'pub', 'hex'] as const) registries.fail[registry] = 503;
  try {
    await assert.rejects(check(), /no dependency could be checked/);
  } finally {
    for (const registry of ['npm', 'crates', 'pypi', 'go', 'pub', 'hex'] as const) delete registries.fail[registry];
  }
});

void test('registries switched off: an error naming the setting', async () => {
  await assert.rejects(check({ OPENCHECKER_REGISTRIES_ENABLED: 'false' }), /\[Registries\] enabled = false/);
});

void test('with an OIN table: oin_risk from the share of dependencies it does not cover', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'oc-oin-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'oin.csv'), 'purl,note\npkg:npm/left-pad,core\npkg:cargo/serde,\n');
  const result = await check({ OPENCHECKER_SUPPLYCHAIN_OIN_TABLE_PATH: 'oin.csv' }, dir);
  assert.deepEqual(result.oin_risk, { level: 'high', risk: 0.8667, covered: 2, not_covered: 13, total: 15, table: 'oin.csv', covered_packages: ['pkg:cargo/serde@1.0.200', 'pkg:npm/left-pad@1.3.0'] });
  await writeFile(join(dir, 'bad.json'), '{"nothing": 1}');
  await assert.rejects(check({ OPENCHECKER_SUPPLYCHAIN_OIN_TABLE_PATH: 'bad.json' }, dir), /\[SupplyChain\] oin_table_path: cannot use bad\.json: expected a JSON list/);
  await assert.rejects(check({ OPENCHECKER_SUPPLYCHAIN_OIN_TABLE_PATH: 'missing.csv' }, dir), /cannot use missing\.csv/);
});

void test('no dependencies: empty lists and zero checked', async (t) => {
  const bare = await makeRepo({ 'README.md': '# none\n' });
  t.after(() => bare.cleanup());
  const result = (await checker.run(makeContext(bare.view, { config: testConfig(registries.env()) }))) as Result;
  assert.deepEqual(result, { unreachable_dependencies: [], unreachable: [], checked: 0, reachable: 0, unknown: [], skipped: {} });
});
