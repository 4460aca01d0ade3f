import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { startFakeDepsDev, type FakeDepsDev } from '../../../test/fakes/deps-dev.js';
import { startFakeRegistries, type FakeRegistries } from '../../../test/fakes/registries.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache, type SharedCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';

const PACKAGE_LOCK = JSON.stringify({
  name: 'demo',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'demo', version: '1.0.0', workspaces: ['packages/*'], dependencies: { lodash: '^4.17.20', 'no-license': '1.0.0', '@scope/tool': '2.0.0', 'ghost': '0.0.1' } },
    'packages/member': { name: 'member', version: '0.1.0', license: 'MIT' },
    'node_modules/member': { resolved: 'packages/member', link: true },
    'node_modules/lodash': { version: '4.17.20', resolved: 'https://registry.example.test/lodash/-/lodash-4.17.20.tgz', license: 'MIT' },
    'node_modules/no-license': { version: '1.0.0', resolved: 'https://registry.example.test/no-license/-/no-license-1.0.0.tgz' },
    'node_modules/@scope/tool': { version: '2.0.0', resolved: 'https://registry.example.test/@scope/tool/-/tool-2.0.0.tgz', dev: true },
    'node_modules/ghost': { version: '0.0.1', resolved: 'https://registry.example.test/ghost/-/ghost-0.0.1.tgz' },
  },
}, null, 2);

const YARN_V1 = `# yarn lockfile v1


lodash@^4.17.20:
  version "4.17.20"
  resolved "https://registry.example.test/lodash/-/lodash-4.17.20.tgz"

left-pad@1.3.0:
  version "1.3.0"
  resolved "https://registry.example.test/left-pad/-/left-pad-1.3.0.tgz"
`;

const COMPOSER_LOCK = JSON.stringify({
  'content-hash': '0123456789abcdef',
  packages: [
    { name: 'monolog/monolog', version: '3.5.0', type: 'library' },
    { name: 'psr/log', version: '3.0.0', type: 'library', license: ['MIT'] },
  ],
  'packages-dev': [],
}, null, 2);

let depsDev: FakeDepsDev;
let registries: FakeRegistries;
let repo: FixtureRepo;

before(async () => {
  depsDev = await startFakeDepsDev([
    { system: 'npm', name: 'no-license', version: '1.0.0', licenses: ['Apache-2.0'] },
    { system: 'npm', name: '@scope/tool', version: '2.0.0', licenses: ['MIT OR Apache-2.0'] },
    { system: 'npm', name: 'left-pad', version: '1.3.0', licenses: ['non-standard'] },
  ]);
  // ghost@0.0.1 is unknown to deps.dev but published on the registry; monolog has no deps.dev system.
  registries = await startFakeRegistries([
    { registry: 'npm', name: 'ghost', version: '0.0.1', fields: { license: 'BSD-2-Clause' } },
    { registry: 'packagist', name: 'monolog/monolog', version: '3.5.0' },
  ]);
  repo = await makeRepo({ 'package-lock.json': PACKAGE_LOCK, 'web/yarn.lock': YARN_V1, 'broken/package-lock.json': '{', 'php/composer.lock': COMPOSER_LOCK });
});
after(async () => {
  await depsDev.close();
  await registries.close();
  await repo.cleanup();
});

async function check(cache: SharedCache, env: Record<string, string> = {}): Promise<Record<string, Json>> {
  const results = await runCommands({
    commands: ['dependency-checker'],
    task: makeTask({ repoName: repo.view.name }),
    repo: repo.view,
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: depsDev.url, ...registries.env(), ...env }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache,
  });
  return results['dependency-checker'] as Record<string, Json>;
}

test('every dependency as a purl, split by license: lockfile licenses first, deps.dev after, the registry last', async () => {
  const before = depsDev.requests.length;
  const registryBefore = registries.requests.length;
  const result = await check(new MemoryCache());
  assert.deepEqual(result.packages_all, [
    'pkg:composer/monolog/monolog@3.5.0',
    'pkg:composer/psr/log@3.0.0',
    'pkg:npm/%40scope/tool@2.0.0',
    'pkg:npm/ghost@0.0.1',
    'pkg:npm/left-pad@1.3.0',
    'pkg:npm/lodash@4.17.20',
    'pkg:npm/no-license@1.0.0',
  ]);
  assert.deepEqual(result.packages_with_license_detect, [
    'pkg:composer/monolog/monolog@3.5.0',
    'pkg:composer/psr/log@3.0.0',
    'pkg:npm/%40scope/tool@2.0.0',
    'pkg:npm/ghost@0.0.1',
    'pkg:npm/left-pad@1.3.0',
    'pkg:npm/lodash@4.17.20',
    'pkg:npm/no-license@1.0.0',
  ]);
  assert.deepEqual(result.packages_without_license_detect, []);
  const detail = result.packages_detail as { purl: string; licenses: string[]; license_source: string | null; dev?: boolean; source_file: string }[];
  assert.deepEqual(detail.find((p) => p.purl === 'pkg:npm/lodash@4.17.20'), {
    purl: 'pkg:npm/lodash@4.17.20', name: 'lodash', version: '4.17.20', ecosystem: 'npm', licenses: ['MIT'], license_source: 'lockfile', source_file: 'package-lock.json', direct: true, dev: false,
  });
  assert.deepEqual(detail.find((p) => p.purl === 'pkg:npm/%40scope/tool@2.0.0')?.licenses, ['MIT OR Apache-2.0']);
  assert.equal(detail.find((p) => p.purl === 'pkg:npm/%40scope/tool@2.0.0')?.license_source, 'deps.dev');
  assert.deepEqual(detail.find((p) => p.purl === 'pkg:npm/ghost@0.0.1')?.licenses, ['BSD-2-Clause']);
  assert.equal(detail.find((p) => p.purl === 'pkg:npm/ghost@0.0.1')?.license_source, 'registry');
  assert.deepEqual(detail.find((p) => p.purl === 'pkg:composer/monolog/monolog@3.5.0')?.licenses, ['MIT']);
  assert.equal(detail.find((p) => p.purl === 'pkg:composer/monolog/monolog@3.5.0')?.license_source, 'registry');
  assert.equal(detail.find((p) => p.purl === 'pkg:composer/psr/log@3.0.0')?.license_source, 'lockfile');
  // Only packages the lockfiles leave without a license are looked up, each once; lodash is never asked. The
  // registries only get what deps.dev did not answer (ghost) or cannot (Packagist).
  assert.deepEqual(depsDev.requests.slice(before).sort(), ['npm/@scope/tool/2.0.0', 'npm/ghost/0.0.1', 'npm/left-pad/1.3.0', 'npm/no-license/1.0.0']);
  assert.deepEqual(registries.requests.slice(registryBefore).sort(), ['npm /ghost/0.0.1', 'packagist /p2/monolog/monolog.json']);
  assert.equal((result.errors as string[]).length, 1);
  assert.match((result.errors as string[])[0] ?? '', /^demo\/broken\/package-lock\.json: /);
});

test('a second task sharing the cache asks deps.dev and the registries nothing (not-found answers included)', async () => {
  const cache = new MemoryCache();
  const first = await check(cache);
  const before = depsDev.requests.length;
  const registryBefore = registries.requests.length;
  assert.deepEqual(await check(cache), first);
  assert.equal(depsDev.requests.length, before);
  assert.equal(registries.requests.length, registryBefore);
});

test('with deps.dev and the registries disabled only lockfile licenses count, and nothing is requested', async () => {
  const before = depsDev.requests.length;
  const registryBefore = registries.requests.length;
  const result = await check(new MemoryCache(), { OPENCHECKER_DEPSDEV_ENABLED: 'false', OPENCHECKER_REGISTRIES_ENABLED: 'false' });
  assert.deepEqual(result.packages_with_license_detect, ['pkg:composer/psr/log@3.0.0', 'pkg:npm/lodash@4.17.20']);
  assert.equal(depsDev.requests.length, before);
  assert.equal(registries.requests.length, registryBefore);
});

test('a registry that fails is reported in errors; the packages count as without license', async () => {
  registries.inject('packagist', 500, 500, 500);
  const result = await check(new MemoryCache(), { OPENCHECKER_DEPSDEV_ENABLED: 'false' });
  assert.ok((result.packages_without_license_detect as string[]).includes('pkg:composer/monolog/monolog@3.5.0'));
  assert.ok((result.errors as string[]).some((error) => /^Packagist lookup failed for 1 package: Packagist failed \(HTTP 500/.test(error)));
});
