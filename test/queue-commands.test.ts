/**
 * Every implemented command through the real queue: `openchecker up` as a child process, a task submitted over
 * HTTP, the agent cloning a fixture repository and running the command, the result read back from the API.
 * External services are local fakes built from their real responses (OSV, deps.dev, GitHub), configured by
 * base URL exactly as a deployment points at the real ones.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureRecord } from './support/osv-fixtures.js';
import { startFakeDepsDev, type FakeDepsDev } from './fakes/deps-dev.js';
import { startFakeOsv, type FakeOsv } from './fakes/osv.js';
import { startFakePlatform, type FakePlatform } from './fakes/platforms.js';
import { startFakeReachRegistries, type FakeReachRegistries } from './fakes/reachability.js';
import { makeRepo, type FixtureRepo } from './support/fixtures.js';
import { TEST_USER, startUp, waitFor, type UpProcess } from './support/servers.js';

const WORKFLOW = `name: ci
on: [pull_request_target]
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: github/codeql-action/analyze@v3
`;

const LOCKFILE = JSON.stringify({
  name: 'demo',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'demo', version: '1.0.0', license: 'MIT', dependencies: { 'ansi-html': '0.0.7' } },
    'node_modules/ansi-html': { version: '0.0.7', resolved: 'https://registry.example.test/ansi-html/-/ansi-html-0.0.7.tgz', license: 'Apache-2.0' },
  },
});

let up: UpProcess;
let repo: FixtureRepo;
let work: string;
let osv: FakeOsv;
let depsDev: FakeDepsDev;
let github: FakePlatform;
let registries: FakeReachRegistries;
let token: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'oc-queue-commands-'));
  repo = await makeRepo(
    {
      'README.md': '# demo\n\nBuild with `npm run build`.\n',
      LICENSE: 'MIT License\n\nCopyright (c) 2024 Demo\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n',
      'package.json': JSON.stringify({ name: 'demo', version: '1.0.0', license: 'MIT', dependencies: { 'ansi-html': '0.0.7' } }),
      'package-lock.json': LOCKFILE,
      'src/index.js': '// SPDX-License-Identifier: MIT\nconsole.log("hello");\n',
      'src/util.py': 'def f():\n    return 1\n',
      '.github/workflows/ci.yml': WORKFLOW,
      'Dockerfile': 'FROM node:20\nRUN curl -sSL https://get.example.test/install.sh | sh\n',
      'SECURITY.md': '# Security\n\nReport vulnerabilities to security@example.test.\n',
      'docs/support.md': '# Supported versions\n\n1.x is supported until 2027-12-31; 0.x reached end of life on 2024-06-30.\n',
    },
    { git: true, name: 'demo' },
  );
  [osv, depsDev, github, registries] = await Promise.all([
    startFakeOsv([fixtureRecord('GHSA-whgm-jr23-g3j9')]),
    startFakeDepsDev([{ system: 'npm', name: 'ansi-html', version: '0.0.7', licenses: ['Apache-2.0'] }]),
    startFakePlatform('github', { owner: 'acme', repo: 'demo' }),
    startFakeReachRegistries([{ registry: 'npm', name: 'ansi-html', versions: ['0.0.7'] }]),
  ]);
  up = await startUp({
    dataDir: join(work, 'data'),
    cwd: work,
    agents: 1,
    env: { OPENCHECKER_OSV_API_URL: osv.url, OPENCHECKER_DEPSDEV_API_URL: depsDev.url, ...github.env(), ...registries.env() },
  });
  const auth = await fetch(`${up.url}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEST_USER) });
  token = ((await auth.json()) as { access_token: string }).access_token;
});

after(async () => {
  await up?.stop();
  await Promise.all([osv?.close(), depsDev?.close(), github?.close(), registries?.close()]);
  await repo?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

async function runThroughQueue(projectUrl: string, commands: string[]): Promise<Record<string, Record<string, unknown>>> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const response = await fetch(`${up.url}/opencheck`, { method: 'POST', headers, body: JSON.stringify({ commands, project_url: projectUrl }) });
  assert.equal(response.status, 200, await response.clone().text());
  const { task_id: taskId } = (await response.json()) as { task_id: string };
  const task = await waitFor(
    async () => (await (await fetch(`${up.url}/tasks/${taskId}`, { headers })).json()) as { status: string; scan_results: Record<string, Record<string, unknown>> | null },
    (view) => view.status === 'succeeded' || view.status === 'failed',
    150_000,
    `task ${taskId}`,
  );
  assert.equal(task.status, 'succeeded');
  return task.scan_results ?? {};
}

function noError(results: Record<string, unknown>, command: string): Record<string, unknown> {
  const result = results[command] as Record<string, unknown> | undefined;
  assert.ok(result !== undefined, `${command} has a result`);
  assert.ok(typeof result !== 'object' || result === null || !('error' in result), `${command}: ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

test('local and supply-chain commands run through the queue with their result shapes', { timeout: 200_000 }, async () => {
  const commands = [
    'dangerous-workflow-checker',
    'token-permissions-checker',
    'pinned-dependencies-checker',
    'packaging-checker',
    'sast-checker',
    'fuzzing-checker',
    'languages-detector',
    'code-count',
    'license-detector',
    'scancode',
    'scorecard-score',
    'osv-scanner',
    'dependency-checker',
    'sbom',
  ];
  const results = await runThroughQueue(repo.dir, commands);
  for (const command of commands) noError(results, command);
  assert.ok(JSON.stringify(results['dangerous-workflow-checker']).includes('ci.yml'));
  assert.equal(typeof noError(results, 'code-count').code_count, 'number');
  const languages = noError(results, 'languages-detector');
  assert.ok('JavaScript' in languages && typeof (languages.JavaScript as { percentage: unknown }).percentage === 'string');
  assert.ok(JSON.stringify(results['license-detector']).includes('MIT'));
  assert.ok(JSON.stringify(results.scancode).includes('demo/LICENSE'));
  assert.equal(typeof noError(results, 'scorecard-score').score, 'number');
  assert.ok(JSON.stringify(results['osv-scanner']).includes('GHSA-whgm-jr23-g3j9'), 'the vulnerable package is found');
  assert.ok(JSON.stringify(results['dependency-checker']).includes('pkg:npm/ansi-html@0.0.7'));
  assert.equal((results.sbom as { bomFormat?: string }).bomFormat, 'CycloneDX');
  assert.ok(osv.count('querybatch') >= 1, 'the OSV base URL setting was used');
});

test('platform commands run through the queue without a clone, against the configured API base URL', { timeout: 200_000 }, async () => {
  const results = await runThroughQueue(github.projectUrl, ['release-checker', 'criticality-score']);
  noError(results, 'release-checker');
  assert.equal(typeof noError(results, 'criticality-score').criticality_score, 'number');
  assert.ok(github.requests.length > 0, 'the fake GitHub API answered');
});

test('the OSS Compass v2 supply-chain commands run through the queue with the fields Compass reads', { timeout: 200_000 }, async () => {
  const local = await runThroughQueue(repo.dir, ['ci-checker', 'lifecycle-doc-checker', 'build-metadata-checker', 'artifact-metadata-checker', 'reproducible-build-checker', 'dependency-reachable-checker']);
  const ci = noError(local, 'ci-checker');
  assert.deepEqual([ci.ci_enabled, ci.ci_config_present], [true, true]);
  assert.deepEqual([noError(local, 'lifecycle-doc-checker').has_eol, noError(local, 'lifecycle-doc-checker').eol_declared], [true, true]);
  // A local folder has no releases: the manifest decides (package.json names no repository or build here).
  assert.equal(noError(local, 'build-metadata-checker').metadata_available, false);
  assert.deepEqual(local['artifact-metadata-checker'], local['build-metadata-checker']);
  const reproducible = noError(local, 'reproducible-build-checker');
  assert.deepEqual([reproducible.reproducible, reproducible.checksum_match], [false, null]);
  const reachable = noError(local, 'dependency-reachable-checker');
  assert.deepEqual([reachable.unreachable, reachable.checked], [[], 1]);
  const platform = await runThroughQueue(github.projectUrl, ['build-checker']);
  assert.equal(typeof noError(platform, 'build-checker').build_success_rate, 'number');
});
