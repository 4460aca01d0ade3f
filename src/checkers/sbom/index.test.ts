import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import { startFakeDepsDev, type FakeDepsDev } from '../../../test/fakes/deps-dev.js';
import type { PackageRecord } from '../../analysis/dependencies/types.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';
import { buildSbom } from './build.js';

const PACKAGE_LOCK = JSON.stringify({
  name: 'demo',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'demo', version: '1.0.0', dependencies: { react: '^18.2.0', '@scope/tool': '2.0.0' }, devDependencies: { typescript: '^5.0.0' } },
    'node_modules/js-tokens': { version: '4.0.0', resolved: 'https://registry.example.test/js-tokens/-/js-tokens-4.0.0.tgz', license: 'MIT' },
    'node_modules/loose-envify': { version: '1.4.0', resolved: 'https://registry.example.test/loose-envify/-/loose-envify-1.4.0.tgz', license: 'MIT', dependencies: { 'js-tokens': '^3.0.0 || ^4.0.0' } },
    'node_modules/react': { version: '18.2.0', resolved: 'https://registry.example.test/react/-/react-18.2.0.tgz', license: 'MIT', dependencies: { 'loose-envify': '^1.1.0' } },
    'node_modules/@scope/tool': { version: '2.0.0', resolved: 'https://registry.example.test/@scope/tool/-/tool-2.0.0.tgz' },
    'node_modules/typescript': { version: '5.4.5', resolved: 'https://registry.example.test/typescript/-/typescript-5.4.5.tgz', license: 'Apache-2.0', dev: true },
  },
}, null, 2);

let depsDev: FakeDepsDev;
let repo: FixtureRepo;
let empty: FixtureRepo;
const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot5);

before(async () => {
  depsDev = await startFakeDepsDev([{ system: 'npm', name: '@scope/tool', version: '2.0.0', licenses: ['MIT OR Apache-2.0'] }]);
  repo = await makeRepo({ 'package-lock.json': PACKAGE_LOCK });
  empty = await makeRepo({ 'README.md': 'no dependencies\n' }, { name: 'bare' });
});
after(async () => {
  await depsDev.close();
  await repo.cleanup();
  await empty.cleanup();
});

async function sbom(fixture: FixtureRepo): Promise<Record<string, Json>> {
  const results = await runCommands({
    commands: ['sbom'],
    task: makeTask({ repoName: fixture.view.name, projectUrl: `https://github.com/acme/${fixture.view.name}`, commitHash: 'a'.repeat(40) }),
    repo: fixture.view,
    config: testConfig({ OPENCHECKER_DEPSDEV_API_URL: depsDev.url }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results.sbom as Record<string, Json>;
}

interface Component {
  name: string;
  group?: string;
  version: string;
  purl: string;
  'bom-ref': string;
  scope?: string;
  licenses?: unknown[];
}

test('a schema-valid CycloneDX 1.5 SBOM with purls, licenses and the lockfile graph', async () => {
  const bom = await sbom(repo);
  assert.equal(await validator.validate(JSON.stringify(bom)), null, 'valid against the CycloneDX 1.5 JSON schema');
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.5');
  const metadata = bom.metadata as { component: { name: string; version: string; 'bom-ref': string; externalReferences: unknown[] }; tools: unknown };
  assert.equal(metadata.component.name, 'demo');
  assert.equal(metadata.component.version, 'a'.repeat(40));
  assert.deepEqual(metadata.component.externalReferences, [{ type: 'vcs', url: 'https://github.com/acme/demo' }]);
  const components = bom.components as unknown as Component[];
  assert.deepEqual(components.map((c) => c.purl), [
    'pkg:npm/%40scope/tool@2.0.0',
    'pkg:npm/js-tokens@4.0.0',
    'pkg:npm/loose-envify@1.4.0',
    'pkg:npm/react@18.2.0',
    'pkg:npm/typescript@5.4.5',
  ]);
  const tool = components.find((c) => c.name === 'tool');
  assert.equal(tool?.group, '@scope');
  assert.deepEqual(tool?.licenses, [{ expression: 'MIT OR Apache-2.0' }], 'from deps.dev');
  assert.deepEqual(components.find((c) => c.name === 'react')?.licenses, [{ license: { id: 'MIT' } }], 'from the lockfile');
  assert.equal(components.find((c) => c.name === 'typescript')?.scope, 'excluded', 'development only');
  const graph = new Map((bom.dependencies as { ref: string; dependsOn?: string[] }[]).map((d) => [d.ref, d.dependsOn ?? []]));
  assert.deepEqual(graph.get(metadata.component['bom-ref']), ['pkg:npm/%40scope/tool@2.0.0', 'pkg:npm/react@18.2.0', 'pkg:npm/typescript@5.4.5']);
  assert.deepEqual(graph.get('pkg:npm/react@18.2.0'), ['pkg:npm/loose-envify@1.4.0']);
  assert.deepEqual(graph.get('pkg:npm/loose-envify@1.4.0'), ['pkg:npm/js-tokens@4.0.0']);
});

test('a repository without lockfiles still gets a valid SBOM, with no components', async () => {
  const bom = await sbom(empty);
  assert.equal(await validator.validate(JSON.stringify(bom)), null);
  assert.equal((bom.metadata as { component: { name: string } }).component.name, 'bare');
  assert.deepEqual(bom.components, []);
});

test('licenses CycloneDX cannot take as they are: several expressions, unknown names; graph roots without direct flags', async () => {
  const pkg = (name: string, dependsOn: string[] = []): PackageRecord => ({ name, version: '1.0.0', ecosystem: 'PyPI', purl: `pkg:pypi/${name}@1.0.0`, sourceFile: 'poetry.lock', dependsOn });
  const a = pkg('a', ['pkg:pypi/b@1.0.0']);
  const b = pkg('b');
  const c = pkg('c');
  const bom = buildSbom({
    repoName: 'py',
    projectUrl: '/local/path',
    version: null,
    toolVersion: '0.0.0',
    packages: [
      { pkg: a, licenses: ['MIT OR Apache-2.0', 'BSD-3-Clause'], source: 'deps.dev' },
      { pkg: b, licenses: ['non-standard', 'Some Custom License'], source: 'deps.dev' },
      { pkg: c, licenses: [], source: null },
    ],
    extractions: [{ file: 'poetry.lock', extractor: 'poetry-lock', packages: [a, b, c] }],
    serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    timestamp: new Date('2024-01-01T00:00:00Z'),
  });
  assert.equal(await validator.validate(JSON.stringify(bom)), null);
  const components = bom.components as Component[];
  assert.deepEqual(components[0]?.licenses, [{ expression: '(MIT OR Apache-2.0) AND (BSD-3-Clause)' }]);
  assert.deepEqual(components[1]?.licenses, [{ license: { name: 'non-standard' } }, { license: { name: 'Some Custom License' } }]);
  const graph = new Map((bom.dependencies as { ref: string; dependsOn?: string[] }[]).map((d) => [d.ref, d.dependsOn ?? []]));
  // No direct flags in the lockfile: the packages nothing depends on (a, and c which has no edges) are the roots.
  assert.deepEqual(graph.get('openchecker:repository:py'), ['pkg:pypi/a@1.0.0', 'pkg:pypi/c@1.0.0']);
});

test('source-repository formats beyond the lockfiles of package registries: pods, Swift packages, JSR, Hackage, runtimes, vcpkg ports', async () => {
  const polyglot = await makeRepo({
    'ios/Podfile.lock': 'PODS:\n  - Alamofire (5.8.1)\n  - GoogleUtilities/Environment (7.12.0)\n\nDEPENDENCIES:\n  - Alamofire\n  - GoogleUtilities/Environment\n\nCOCOAPODS: 1.14.3\n',
    'Package.resolved': JSON.stringify({ pins: [{ identity: 'swift-nio', kind: 'remoteSourceControl', location: 'https://github.com/apple/swift-nio.git', state: { revision: 'fc63f0cf4e55a4597407a9fc95b16a2bc44b4982', version: '2.64.0' } }, { identity: 'lint', kind: 'remoteSourceControl', location: 'https://github.com/realm/SwiftLint', state: { branch: 'main', revision: '7595ad3fafc1a31086dc40ba01fd898bf6b42d5f' } }], version: 2 }),
    'deno.lock': JSON.stringify({ version: '4', specifiers: { 'jsr:@std/path@1': '1.0.8' }, jsr: { '@std/path@1.0.8': { integrity: 'x' } }, workspace: { dependencies: ['jsr:@std/path@1'] } }),
    'cabal.project.freeze': 'constraints: any.aeson ==2.2.1.0,\n             any.text ==2.0.2\n',
    '.tool-versions': 'nodejs 20.11.0\n',
    'vcpkg.json': JSON.stringify({ dependencies: ['fmt'], overrides: [{ name: 'fmt', version: '10.2.1' }] }),
  }, { name: 'apps' });
  try {
    const bom = await sbom(polyglot);
    assert.equal(await validator.validate(JSON.stringify(bom)), null, 'valid against the CycloneDX 1.5 JSON schema');
    assert.deepEqual((bom.components as unknown as Component[]).map((c) => c.purl).sort(), [
      'pkg:asdf/nodejs@20.11.0',
      'pkg:cocoapods/Alamofire@5.8.1',
      'pkg:cocoapods/GoogleUtilities@7.12.0#Environment',
      'pkg:generic/github.com%2Frealm%2FSwiftLint',
      'pkg:hackage/aeson@2.2.1.0',
      'pkg:hackage/text@2.0.2',
      'pkg:jsr/%40std/path@1.0.8',
      'pkg:swift/github.com/apple/swift-nio@2.64.0',
      'pkg:vcpkg/fmt@10.2.1',
    ]);
  } finally {
    await polyglot.cleanup();
  }
});
