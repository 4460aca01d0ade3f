/**
 * OpenChecker's results for a realistic repository, read the way OSS Compass's v2 supply-chain metrics read them
 * (test/support/compass-v2.ts, a re-statement of compass-metrics-model's
 * `compass_metrics_v2/supply_chain_security_metrics_v2.py`). Every command runs as an agent runs it
 * (runCommands on one repository view), against local fakes of every outside service it calls (GitHub,
 * OSV, the package registries, a chat completions API), built from documented answers. The results go
 * through JSON, as the callback sends them.
 *
 * Target (issue 18): no metric crashes, and every metric whose inputs can be produced here is available and
 * right. Not producible here: the three that need the OpenHarmony OAT tool (a Java jar not shipped) and
 * test coverage (a SonarQube server and the SonarScanner CLI).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import spdxFull from 'spdx-license-list/full.js';
import { runCommands } from '../src/checkers/runner.js';
import type { Json } from '../src/lib/json.js';
import { silentLogger } from '../src/lib/log.js';
import { MemoryCache } from '../src/lib/shared-cache.js';
import type { OsvVulnerability } from '../src/analysis/osv/types.js';
import { startFakeChat, type FakeChat } from './fakes/chat.js';
import { startFakeOsv, type FakeOsv } from './fakes/osv.js';
import { startFakePlatform, type FakePlatform } from './fakes/platforms.js';
import { startFakeReachRegistries, type FakeReachRegistries } from './fakes/reachability.js';
import { readAll, type MetricReport } from './support/compass-v2.js';
import { makeRepo, makeTask, testConfig, type FixtureRepo } from './support/fixtures.js';

type JsonObject = { [key: string]: Json };

/** Every command the module reads (and the alias it falls back to). */
const COMMANDS = [
  'scancode',
  'readme-opensource-checker',
  'oat-scanner',
  'changed-files-since-commit-detector',
  'binary-checker',
  'osv-scanner',
  'release-checker',
  'security-policy-checker',
  'readme-checker',
  'build-doc-checker',
  'api-doc-checker',
  'maintainers-checker',
  'dependency-reachable-checker',
  'sonar-scanner',
  'build-checker',
  'ci-checker',
  'build-metadata-checker',
  'artifact-metadata-checker',
  'reproducible-build-checker',
  'lifecycle-doc-checker',
];

/** Metrics whose inputs need a tool or service that cannot run here. */
const NOT_PRODUCIBLE_HERE = new Set(['compliance_copyright_anti_tamper', 'compliance_snippet_reference', 'import_valid', 'ecology_test_coverage']);

const KEY = 'sk-test-compass';
const MODEL = 'gpt-4o-mini';
const MIT = (spdxFull.MIT?.licenseText as string).replace('<year> <copyright holders>', '2024 Acme');

const lockfile = JSON.stringify({
  name: 'acme-demo',
  version: '1.2.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'acme-demo', version: '1.2.0', dependencies: { lodash: '4.17.20', 'left-pad': '1.3.0', 'flatmap-stream': '0.1.1' } },
    'node_modules/lodash': { version: '4.17.20', resolved: 'https://registry.example/lodash/-/lodash-4.17.20.tgz' },
    'node_modules/left-pad': { version: '1.3.0', resolved: 'https://registry.example/left-pad/-/left-pad-1.3.0.tgz' },
    'node_modules/flatmap-stream': { version: '0.1.1', resolved: 'https://registry.example/flatmap-stream/-/flatmap-stream-0.1.1.tgz' },
  },
});

const FILES: Record<string, string> = {
  LICENSE: MIT,
  'README.md': '# acme-demo\n\nParse settings strings.\n\n## Build\n\nRun `npm ci && npm run build`; the package is written to dist/.\n\n## API\n\n```js\nimport demo from "acme-demo";\ndemo.parse("a=1");\n```\n',
  'README.OpenSource': JSON.stringify([{ Name: 'left-pad', License: 'WTFPL', 'License File': 'LICENSE', 'Version Number': '1.3.0', Owner: 'acme', 'Upstream URL': 'https://github.com/left-pad/left-pad', Description: 'padding' }]),
  'SECURITY.md': '# Security\n\nReport vulnerabilities to security@acme.example; we answer within 3 days and disclose within 90 days.\n',
  MAINTAINERS: 'Alice <alice@acme.example>\n',
  'docs/lifecycle.md': '# Lifecycle\n\n| Version | Supported | End of life |\n|---|---|---|\n| 1.x | yes | 2027-12-31 |\n| 0.x | no | 2024-06-30 |\n',
  'package.json': JSON.stringify({ name: 'acme-demo', version: '1.2.0', license: 'MIT', repository: 'https://github.com/acme/demo', scripts: { build: 'tsc' } }),
  'package-lock.json': lockfile,
  '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n',
  Makefile: 'dist:\n\tSOURCE_DATE_EPOCH=$$(git log -1 --format=%ct) npm pack\n',
  '.nvmrc': '20.11.1\n',
  'src/index.js': '// Copyright (c) 2024 Acme\n// SPDX-License-Identifier: MIT\nexport function parse(text) {\n  return Object.fromEntries(text.split("&").map((pair) => pair.split("=")));\n}\n',
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let github: FakePlatform;
let osv: FakeOsv;
let registries: FakeReachRegistries;
let chat: FakeChat;
let repo: FixtureRepo;
let configDir: string;

before(async () => {
  const own: OsvVulnerability = {
    id: 'GHSA-acme-demo-0001',
    modified: '2024-06-01T00:00:00Z',
    published: '2024-05-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'npm', name: 'acme-demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }] }],
  };
  const lodash: OsvVulnerability = {
    id: 'GHSA-35jh-r3h4-6jhm',
    modified: '2024-01-01T00:00:00Z',
    published: '2021-02-15T00:00:00Z',
    aliases: ['CVE-2021-23337'],
    affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  };
  [github, osv, registries, chat, repo] = await Promise.all([
    startFakePlatform('github'),
    startFakeOsv([own, lodash]),
    startFakeReachRegistries([
      { registry: 'npm', name: 'lodash', versions: ['4.17.20', '4.17.21'] },
      { registry: 'npm', name: 'left-pad', versions: ['1.3.0'] },
      { registry: 'npm', name: 'flatmap-stream', versions: [], unpublishedVersions: ['0.1.1'] },
      { registry: 'npm', name: 'acme-demo', versions: [{ version: '1.1.0' }, { version: '1.2.0', published: '2024-05-08T00:00:00.000Z' }] },
    ]),
    // The model answers YES to the chunk that shows what each prompt asks about.
    startFakeChat({ apiKey: KEY, model: MODEL, judge: (content) => (/compilation/i.test(content) ? (content.includes('npm run build') ? 'YES' : 'NO') : content.includes('demo.parse(') ? 'YES' : 'NO') }),
    makeRepo(FILES),
  ]);
  configDir = await mkdtemp(join(tmpdir(), 'oc-compass-'));
  await writeFile(join(configDir, 'oin.json'), JSON.stringify(['pkg:npm/lodash']));

  // Releases: v1.2.0 with its tarball, checksums, provenance, an SBOM and a signed checksum list; v1.1.0 the
  // patched release of the advisory in the GitHub sample (opened 2024-02-20).
  const tarball = 'acme-demo 1.2.0 tarball';
  const assets: Record<string, string> = {
    'acme-demo-1.2.0.tgz': tarball,
    SHA256SUMS: `${sha256(tarball)}  acme-demo-1.2.0.tgz\n`,
    'acme-demo-1.2.0.tgz.intoto.jsonl': '{"payloadType":"application/vnd.in-toto+json"}\n',
    'acme-demo.cdx.json': '{"bomFormat":"CycloneDX"}',
    'SHA256SUMS.asc': '-----BEGIN PGP SIGNATURE-----\n',
  };
  const release = (tag: string, published: string, files: Record<string, string>): JsonObject => {
    for (const [name, body] of Object.entries(files)) github.data.assets[`${tag}/${name}`] = body;
    github.data.archives[tag] = { 'README.md': '# acme-demo\n', 'CHANGELOG.md': `## ${tag}\n- fixes\n` };
    return {
      tag_name: tag,
      name: tag,
      body: `## What's Changed\n* ${tag}`,
      draft: false,
      prerelease: false,
      created_at: published,
      published_at: published,
      zipball_url: `${github.url}/repos/acme/demo/zipball/${tag}`,
      assets: Object.entries(files).map(([name, body]) => ({ name, size: body.length, digest: `sha256:${sha256(body)}`, browser_download_url: `${github.origin}/acme/demo/releases/download/${tag}/${name}` })),
    };
  };
  github.data.releases = [release('v1.2.0', '2024-05-08T00:00:00Z', assets), release('v1.1.0', '2024-03-04T09:20:11Z', {})];
  github.data.repo = { ...github.data.repo, default_branch: 'master' };
  github.data.graphql = () => ({
    data: {
      repository: {
        defaultBranchRef: {
          target: {
            history: {
              nodes: [
                {
                  oid: 'c1',
                  message: 'fix',
                  committedDate: '2024-05-07T00:00:00Z',
                  author: { user: { login: 'alice' } },
                  associatedPullRequests: { nodes: [{ number: 7, merged: true, author: { login: 'bob' }, mergedBy: { login: 'alice' }, reviews: { nodes: [] }, commits: { nodes: [{ commit: { statusCheckRollup: { contexts: { nodes: [{ __typename: 'CheckRun', name: 'test', conclusion: 'SUCCESS', checkSuite: { app: { slug: 'github-actions' } } }] } } } }] } }] },
                },
              ],
            },
          },
        },
      },
    },
  });
});

after(async () => {
  await Promise.all([github.close(), osv.close(), registries.close(), chat.close(), repo.cleanup(), rm(configDir, { recursive: true, force: true })]);
});

async function scanResults(): Promise<Record<string, Json>> {
  const results = await runCommands({
    commands: COMMANDS,
    task: makeTask({ projectUrl: github.projectUrl, repoName: 'demo' }),
    repo: repo.view,
    config: testConfig({
      ...github.env(),
      ...registries.env(),
      OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token',
      OPENCHECKER_OSV_API_URL: osv.url,
      OPENCHECKER_CHATBOT_BASE_URL: `${chat.url}/v1`,
      OPENCHECKER_CHATBOT_API_KEY: KEY,
      OPENCHECKER_CHATBOT_MODEL_NAME: MODEL,
      OPENCHECKER_DEPSDEV_ENABLED: 'false',
      OPENCHECKER_SUPPLYCHAIN_OIN_TABLE_PATH: 'oin.json',
    }),
    configDir,
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  // As the callback carries them.
  return JSON.parse(JSON.stringify(results)) as Record<string, Json>;
}

const value = (report: MetricReport | undefined): unknown => (report && 'value' in report ? report.value : undefined);

void test('OSS Compass v2 supply-chain metrics on our results: none crashes, every producible one is available and right', async () => {
  const results = await scanResults();
  const report = readAll(results);
  const crashed = Object.entries(report).filter(([, entry]) => 'crash' in entry);
  assert.deepEqual(crashed, [], 'no metric crashes');
  const unavailable = Object.entries(report).filter(([name, entry]) => !entry.available && !NOT_PRODUCIBLE_HERE.has(name)).map(([name]) => name);
  assert.deepEqual(unavailable, [], `unavailable: ${unavailable.map((name) => `${name} (${JSON.stringify(results)})`).join('; ').slice(0, 2000)}`);

  // The values, metric by metric, against what the fixture holds.
  const expected: Record<string, unknown> = {
    compliance_license: 10, // MIT at the root, README.OpenSource valid
    compliance_license_compatibility: 10,
    compliance_copyright_statement: 10, // the one source file has its copyright line
    security_binary_artifact: 10,
    security_vulnerability: 9, // lodash 4.17.20: one advisory
    vulnerability_disclosure: 10,
    vulnerability_close_days: 14, // the sample advisory: opened 2024-02-20 08:00, published 2024-03-05 09:00
    ecology_readme: 10,
    ecology_build_doc: 10,
    ecology_interface_doc: 10,
    ecology_maintainer_doc: 10,
    dependency_reachable: false, // flatmap-stream 0.1.1 was unpublished
    patent_risk_oin: 'high', // only lodash of the three dependencies is in the OIN table
    trusted_build_success: 0.6667, // the sample runs: 2 successes, 1 failure, 1 cancelled
    ci_integration: 10,
    build_metadata_available: true,
    reproducible_build: true, // SHA256SUMS matches the tarball; SOURCE_DATE_EPOCH and a pinned Node
    sbom_in_release: true,
    security_package_sig: 10,
    lifecycle_release_note: 10,
    lifecycle_statement: 10,
    avg_vulnerability_fix_time: 7, // acme-demo's own advisory published 2024-05-01, 1.2.0 released 2024-05-08
    declared_license: 'MIT',
  };
  for (const [metric, wanted] of Object.entries(expected)) assert.deepEqual(value(report[metric]), wanted, metric);
  const unreachable = (report.dependency_reachable as unknown as { output: { dependency_unreachable_list: { purl: string; reason: string }[] } }).output.dependency_unreachable_list;
  assert.deepEqual(unreachable.map((entry) => [entry.purl, entry.reason]), [['pkg:npm/flatmap-stream@0.1.1', 'unpublished']]);
  // What cannot run here reports why instead of a number.
  assert.match(String((results['oat-scanner'] as { error: string }).error), /java|jar_path/i);
  assert.match(String((results['sonar-scanner'] as { error: string }).error), /SonarQube/);
});

void test('the reader reproduces Compass\'s failures: upstream\'s raw shapes crash it, a missing command is unavailable', () => {
  const report = readAll({
    'readme-checker': 'demo/README.md\n',
    'api-doc-checker': ['demo/docs/API.md'],
    'maintainers-checker': {},
    'build-checker': { error: 'no runs' },
  });
  assert.ok('crash' in (report.ecology_readme ?? {}), 'a newline-separated string cannot be dict()-ed');
  assert.ok('crash' in (report.ecology_interface_doc ?? {}), 'a bare list of paths cannot be dict()-ed');
  assert.equal(value(report.ecology_maintainer_doc), 0);
  assert.equal(report.trusted_build_success?.available, false, 'an error result has no rate');
  assert.equal(report.ci_integration?.available, true, 'no ci-checker result scores 0, not unavailable');
  assert.equal(value(report.ci_integration), 0);
  assert.equal(report.declared_license?.available, false);
});
