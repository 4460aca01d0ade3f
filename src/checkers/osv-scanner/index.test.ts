import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { startFakeOsv, type FakeOsv } from '../../../test/fakes/osv.js';
import { startValidatingOsv } from '../../../test/fakes/osv-validating.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache, type SharedCache } from '../../lib/shared-cache.js';
import { FIXTURE_IDS, fixtureRecord } from '../../../test/support/osv-fixtures.js';
import type { OsvRange, OsvVulnerability } from '../../analysis/osv/types.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';

/** A second advisory for ansi-html under the CVE the GHSA aliases: the two must form one group. */
const ANSI_CVE: OsvVulnerability = {
  id: 'CVE-2021-23424',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['GHSA-whgm-jr23-g3j9'],
  affected: [{ package: { ecosystem: 'npm', name: 'ansi-html' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.8' }] }] }],
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
};
const RECORDS = [...FIXTURE_IDS.map(fixtureRecord), ANSI_CVE];

const lock = (packages: Record<string, { version: string; dev?: boolean }>): string =>
  JSON.stringify({
    name: 'demo',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'demo', version: '1.0.0', dependencies: Object.fromEntries(Object.entries(packages).map(([name, p]) => [name, p.version])) },
      ...Object.fromEntries(
        Object.entries(packages).map(([name, p]) => [
          `node_modules/${name}`,
          { version: p.version, resolved: `https://registry.example.test/${name}/-/${name}-${p.version}.tgz`, ...(p.dev ? { dev: true } : {}) },
        ]),
      ),
    },
  }, null, 2);

const YARN_V1 = `# yarn lockfile v1


ansi-html@0.0.7:
  version "0.0.7"
  resolved "https://registry.example.test/ansi-html/-/ansi-html-0.0.7.tgz"

has-flag@^4.0.0:
  version "4.0.0"
  resolved "https://registry.example.test/has-flag/-/has-flag-4.0.0.tgz"
`;

let osv: FakeOsv;
let repo: FixtureRepo;
let empty: FixtureRepo;

before(async () => {
  osv = await startFakeOsv(RECORDS);
  repo = await makeRepo({
    'package-lock.json': lock({ 'ansi-html': { version: '0.0.7' }, lodash: { version: '4.17.21' }, 'has-flag': { version: '4.0.0', dev: true } }),
    'web/yarn.lock': YARN_V1,
    'tools/package-lock.json': lock({ 'ansi-html': { version: '0.0.7', dev: true } }),
    'broken/package-lock.json': '{"lockfileVersion": 3, "packages": ',
    // Another project's lockfile, vendored: not this repository's dependencies.
    'node_modules/ansi-html/package-lock.json': lock({ 'ansi-html': { version: '0.0.7' } }),
    'src/index.js': 'export {};\n',
  });
  empty = await makeRepo({ 'README.md': '# nothing to scan\n' });
});
after(async () => {
  await osv.close();
  await repo.cleanup();
  await empty.cleanup();
});

async function scan(view: FixtureRepo, cache: SharedCache, env: Record<string, string> = { OPENCHECKER_OSV_API_URL: osv.url }): Promise<Json> {
  const results = await runCommands({
    commands: ['osv-scanner'],
    task: makeTask({ repoName: view.view.name }),
    repo: view.view,
    config: testConfig(env),
    configDir: tmpdir(),
    log: silentLogger(),
    cache,
  });
  return results['osv-scanner'] ?? null;
}

type Report = {
  results: { source: { path: string; type: string }; packages: { package: Record<string, string>; dependency_groups?: string[]; vulnerabilities: OsvVulnerability[]; groups: unknown[] }[] }[];
  errors?: { path: string; error: string }[];
};

test('reports vulnerable packages per lockfile in the OSV-Scanner JSON layout', async () => {
  const report = (await scan(repo, new MemoryCache())) as unknown as Report;
  assert.deepEqual(
    report.results.map((result) => result.source),
    [
      { path: 'demo/package-lock.json', type: 'lockfile' },
      { path: 'demo/tools/package-lock.json', type: 'lockfile' },
      { path: 'demo/web/yarn.lock', type: 'lockfile' },
    ],
  );
  const root = report.results[0]?.packages;
  assert.equal(root?.length, 1, 'only vulnerable packages are listed');
  assert.deepEqual(root?.[0]?.package, { name: 'ansi-html', version: '0.0.7', ecosystem: 'npm' });
  assert.deepEqual(root?.[0]?.vulnerabilities.map((v) => v.id).sort(), ['CVE-2021-23424', 'GHSA-whgm-jr23-g3j9']);
  assert.deepEqual(
    root?.[0]?.vulnerabilities.find((v) => v.id === 'GHSA-whgm-jr23-g3j9'),
    fixtureRecord('GHSA-whgm-jr23-g3j9'),
    'full OSV records',
  );
  assert.deepEqual(root?.[0]?.groups, [{ ids: ['GHSA-whgm-jr23-g3j9', 'CVE-2021-23424'], aliases: ['GHSA-whgm-jr23-g3j9', 'CVE-2021-23424'], max_severity: '9.8' }]);
  assert.deepEqual(report.results[1]?.packages[0]?.dependency_groups, ['dev']);
  assert.deepEqual(report.errors?.map((error) => error.path), ['demo/broken/package-lock.json']);
  assert.deepEqual((report as unknown as Record<string, unknown>).experimental_config, { licenses: { summary: false, allowlist: null } });
});

test('a second task sharing the cache makes no request', async () => {
  const cache = new MemoryCache();
  const first = await scan(repo, cache);
  const before = osv.requests.length;
  const second = await scan(repo, cache);
  assert.equal(osv.requests.length, before);
  assert.deepEqual(second, first);
});

test('offline mode gives the same report from a directory of records, without the API', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'oc-osv-db-'));
  try {
    for (const record of RECORDS) await writeFile(join(dir, `${record.id}.json`), JSON.stringify(record));
    const online = await scan(repo, new MemoryCache());
    const before = osv.requests.length;
    const offline = await scan(repo, new MemoryCache(), { OPENCHECKER_OSV_API_URL: 'http://127.0.0.1:9', OPENCHECKER_OSV_OFFLINE_DIR: dir });
    assert.equal(osv.requests.length, before);
    assert.deepEqual(offline, online);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('nothing to scan: the layout with no results', async () => {
  const before = osv.requests.length;
  assert.deepEqual(await scan(empty, new MemoryCache()), {
    results: [],
    experimental_config: { licenses: { summary: false, allowlist: null } },
    inventory: [],
    avg_vulnerability_fix_days: null,
    avg_vulnerability_fix_reason: 'no root manifest names a package of this project (package.json, Cargo.toml, pyproject.toml, go.mod, composer.json, pom.xml)',
  });
  assert.equal(osv.requests.length, before, 'no lockfile, no request');
});

test('OSV refusing one query (400 for the whole batch): the batch is split, the others answered, the refused one listed in errors', async () => {
  for (const style of ['indexed', 'plain'] as const) {
    const strict = await startValidatingOsv(RECORDS, { style, refuse: (query) => query.name === 'lodash' });
    try {
      const reference = (await scan(repo, new MemoryCache())) as unknown as Report;
      const report = (await scan(repo, new MemoryCache(), { OPENCHECKER_OSV_API_URL: strict.url })) as unknown as Report & { error?: string };
      assert.equal(report.error, undefined, style);
      assert.deepEqual(report.results, reference.results, `${style}: every other package answered as usual`);
      assert.deepEqual(report.errors, [
        { path: 'demo/broken/package-lock.json', error: reference.errors?.[0]?.error },
        { path: 'demo/package-lock.json', package: { name: 'lodash', version: '4.17.21', ecosystem: 'npm' }, error: 'OSV refused the query (HTTP 400): invalid query' },
      ]);
      assert.ok(strict.batches.filter((batch) => batch.refused).length >= 1, style);
    } finally {
      await strict.close();
    }
  }
});

test('OSV refusing everything (not one bad query) is still an error for this command', async () => {
  const strict = await startValidatingOsv(RECORDS, { style: 'plain', refuse: () => true });
  try {
    const many = await makeRepo({ 'package-lock.json': lock(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`pkg-${i}`, { version: '1.0.0' }]))) });
    try {
      const result = (await scan(many, new MemoryCache(), { OPENCHECKER_OSV_API_URL: strict.url })) as { error?: string };
      assert.match(result.error ?? '', /answered HTTP 400: invalid query \(more queries refused than 64 isolating requests could set aside\)/);
      assert.ok(strict.batches.length <= 1 + 64 + 2, `bounded: ${strict.batches.length} requests`);
    } finally {
      await many.cleanup();
    }
  } finally {
    await strict.close();
  }
});

test('a missing offline directory is an input error naming the setting', async () => {
  const result = (await scan(repo, new MemoryCache(), { OPENCHECKER_OSV_OFFLINE_DIR: join(tmpdir(), 'no-such-osv-db') })) as { error?: string };
  assert.match(result.error ?? '', /\[OSV\] offline_dir/);
});

test('lockfiles of other ecosystems: PyPI, Go, crates.io and Maven packages are asked with OSV spellings', async () => {
  const polyglot = await makeRepo({
    'requirements.txt': 'pandas==0.23.4\nflask>=1.0,<3\n',
    'go.mod': 'module example.com/demo\n\ngo 1.21\n\nrequire github.com/opencontainers/runc v1.0.2\n',
    'Cargo.lock': 'version = 3\n\n[[package]]\nname = "regex"\nversion = "1.5.4"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    'pom.xml':
      '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>b</artifactId><version>1</version>' +
      '<dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.12</version></dependency></dependencies></project>',
  }, { name: 'polyglot' });
  try {
    const before = osv.requests.length;
    const report = (await scan(polyglot, new MemoryCache())) as unknown as Report;
    const found = report.results.map((result) => [result.source.path, result.packages.map((p) => `${p.package.ecosystem}:${p.package.name}@${p.package.version}=${p.vulnerabilities.map((v) => v.id).join(',')}`)]);
    assert.deepEqual(found, [
      ['polyglot/Cargo.lock', ['crates.io:regex@1.5.4=RUSTSEC-2022-0013']],
      ['polyglot/go.mod', ['Go:github.com/opencontainers/runc@1.0.2=GO-2022-0274']],
      ['polyglot/pom.xml', ['Maven:junit:junit@4.12=GHSA-269g-pwp5-87pp']],
      ['polyglot/requirements.txt', ['PyPI:pandas@0.23.4=PYSEC-2020-73']],
    ]);
    const queries = osv.requests.slice(before).filter((r) => r.endpoint === 'querybatch').flatMap((r) => (r.body as { queries: { package: { name: string }; version: string }[] }).queries);
    assert.ok(queries.some((q) => q.package.name === 'github.com/opencontainers/runc' && q.version === '1.0.2'), 'Go versions without the v');
    assert.ok(!queries.some((q) => q.package.name === 'flask'), 'a range of several clauses pins no version: not asked');
  } finally {
    await polyglot.cleanup();
  }
});

test('offline mode evaluates GIT ranges where no history is needed: open ranges and pinned event commits', async () => {
  const INTRO = '0f0e0d0c0b0a09080706050403020100ffeeddcc';
  const FIX = 'b9d4fe8c1f0e2a3d4c5b6a79880716253445f6e7';
  const gitRecord = (id: string, name: string, events: OsvRange['events']): OsvVulnerability => ({
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'Packagist', name }, ranges: [{ type: 'GIT', repo: `https://example.test/${name}`, events }] }],
  });
  const pkg = (name: string, version: string, reference: string): Record<string, unknown> => ({
    name,
    version,
    source: { type: 'git', url: `https://example.test/${name}.git`, reference },
    dist: { type: 'zip', url: `https://example.test/${name}.zip`, reference },
  });
  const composer = await makeRepo({
    'composer.lock': JSON.stringify({
      packages: [pkg('acme/open', '1.0.0', FIX), pkg('acme/pinned', '2.0.0', INTRO), pkg('acme/fixed', '2.1.0', FIX)],
      'packages-dev': [],
    }),
  }, { name: 'php' });
  const dir = await mkdtemp(join(tmpdir(), 'oc-osv-git-'));
  try {
    const records = [
      gitRecord('OSV-GIT-OPEN', 'acme/open', [{ introduced: '0' }]),
      gitRecord('OSV-GIT-PINNED', 'acme/pinned', [{ introduced: INTRO }, { fixed: FIX }]),
      gitRecord('OSV-GIT-FIXED', 'acme/fixed', [{ introduced: INTRO }, { fixed: FIX }]),
    ];
    for (const record of records) await writeFile(join(dir, `${record.id}.json`), JSON.stringify(record));
    const report = (await scan(composer, new MemoryCache(), { OPENCHECKER_OSV_OFFLINE_DIR: dir })) as unknown as Report;
    const found = report.results.flatMap((result) => result.packages.map((p) => [p.package.name, p.vulnerabilities.map((v) => v.id)]));
    assert.deepEqual(found, [['acme/open', ['OSV-GIT-OPEN']], ['acme/pinned', ['OSV-GIT-PINNED']]]);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await composer.cleanup();
  }
});

test('source-repository formats beyond the registries: SwiftURL and Hackage packages are asked, pods and runtimes OSV has no ecosystem for are not', async () => {
  const strict = await startValidatingOsv(RECORDS, { style: 'indexed' });
  const apps = await makeRepo({
    'Package.resolved': JSON.stringify({ pins: [{ identity: 'swift-nio', kind: 'remoteSourceControl', location: 'https://github.com/apple/swift-nio.git', state: { revision: 'fc63f0cf4e55a4597407a9fc95b16a2bc44b4982', version: '2.64.0' } }], version: 2 }),
    'cabal.project.freeze': 'constraints: any.aeson ==2.2.1.0\n',
    'ios/Podfile.lock': 'PODS:\n  - Alamofire (5.8.1)\n',
    '.tool-versions': 'nodejs 20.11.0\n',
    'go.work': 'go 1.22.1\n\nuse ./api\n',
  }, { name: 'apps' });
  try {
    const report = (await scan(apps, new MemoryCache(), { OPENCHECKER_OSV_API_URL: strict.url })) as unknown as Report;
    assert.equal(report.errors, undefined, 'no query refused');
    const asked = strict.inner.requests.filter((r) => r.endpoint === 'querybatch').flatMap((r) => (r.body as { queries: { package: { ecosystem: string; name: string }; version: string }[] }).queries);
    assert.deepEqual(asked.map((q) => `${q.package.ecosystem}:${q.package.name}@${q.version}`).sort(), ['Go:stdlib@1.22.1', 'Hackage:aeson@2.2.1.0', 'SwiftURL:github.com/apple/swift-nio@2.64.0']);
  } finally {
    await apps.cleanup();
    await strict.close();
  }
});

test('avg_vulnerability_fix_days: OSV records of the project\'s own package, published → first fixed release (registry date)', async () => {
  const own: OsvVulnerability[] = [
    { id: 'GHSA-own1-0000-0000', modified: '2024-03-01T00:00:00Z', published: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'crates.io', name: 'demo-crate' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }] }] },
    { id: 'RUSTSEC-2024-0001', modified: '2024-03-01T00:00:00Z', published: '2024-02-01T00:00:00Z', affected: [{ package: { ecosystem: 'crates.io', name: 'demo-crate' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.1.0' }, { fixed: '1.1.2' }] }] }] },
  ];
  const ownOsv = await startFakeOsv(own);
  const { startFakeReachRegistries } = await import('../../../test/fakes/reachability.js');
  const registries = await startFakeReachRegistries([
    { registry: 'crates', name: 'demo-crate', versions: [{ version: '1.0.1', published: '2024-01-11T12:00:00.000000+00:00' }, { version: '1.1.2', published: '2024-01-30T00:00:00.000000+00:00' }] },
  ]);
  const crate = await makeRepo({ 'Cargo.toml': '[package]\nname = "demo-crate"\nversion = "1.1.2"\n' });
  try {
    const report = (await scan(crate, new MemoryCache(), { OPENCHECKER_OSV_API_URL: ownOsv.url, ...registries.env() })) as Record<string, unknown>;
    assert.deepEqual(report.project_packages, ['crates.io:demo-crate']);
    // 1.0.1 came 10.5 days after the first record; 1.1.2 was out before the second was published (0 days).
    assert.deepEqual((report.vulnerability_fix_times as Array<{ id: string; days: number }>).map((time) => [time.id, time.days]), [['GHSA-own1-0000-0000', 10.5], ['RUSTSEC-2024-0001', 0]]);
    assert.equal(report.avg_vulnerability_fix_days, 5.3);
    assert.equal(ownOsv.count('query'), 1);
  } finally {
    await Promise.all([ownOsv.close(), registries.close(), crate.cleanup()]);
  }
});

test('avg_vulnerability_fix_days: no record of the project is null with the reason, never 0; OSV down does not fail the scan', async () => {
  const named = await makeRepo({ 'package.json': '{"name": "demo-lib", "version": "1.0.0"}' });
  try {
    const report = (await scan(named, new MemoryCache())) as Record<string, unknown>;
    assert.deepEqual([report.avg_vulnerability_fix_days, report.avg_vulnerability_fix_reason], [null, 'OSV has no record of npm:demo-lib']);
    osv.inject('query', 503, 503, 503, 503);
    const down = (await scan(named, new MemoryCache())) as Record<string, unknown>;
    assert.equal(down.avg_vulnerability_fix_days, null);
    assert.match(String(down.avg_vulnerability_fix_reason), /^OSV: /);
    assert.deepEqual(down.results, []);
  } finally {
    await named.cleanup();
  }
});
