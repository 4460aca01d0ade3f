import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';
import { pinnedDependenciesScore } from '../../analysis/scorecard/pinned-dependencies/evaluate.js';
import type { Dependency } from '../../analysis/scorecard/pinned-dependencies/types.js';

const SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const DIGEST = 'sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

const WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA}
      - uses: actions/setup-node@v4
      - uses: snyk/actions/node@master
      - uses: ./local-action
      - name: tools
        run: |
          echo start
          curl -sSL https://get.example.test/install.sh | bash
          go install golang.org/x/tools/cmd/goimports@latest
      - run: npm ci
  reuse:
    uses: acme/workflows/.github/workflows/ci.yml@${SHA}
`;

const DOCKERFILE = `# syntax=docker/dockerfile:1
ARG BASE=python:3.12-slim
FROM \${BASE} AS build
RUN pip install --no-cache-dir \\
      requests==2.31.0
FROM build AS test
FROM golang@${DIGEST} AS go
FROM scratch
COPY --from=build /app /app
FROM $UNSET
`;

const PACKAGE_JSON = `{
  "name": "demo",
  "dependencies": {
    "left-pad": "1.3.0",
    "lodash": "^4.17.21"
  },
  "devDependencies": {
    "local": "file:../local"
  }
}
`;

test('collects every dependency type with real lines', async () => {
  const repo = await makeRepo({
    '.github/workflows/ci.yml': WORKFLOW,
    '.github/workflows/broken.yml': 'on: [',
    Dockerfile: DOCKERFILE,
    'deploy/docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis@' + DIGEST + '\n',
    'requirements.txt': '# deps\nflask==3.0.0\nrequests>=2\nurllib3 \\\n    --hash=sha256:' + 'c'.repeat(64) + '\n-r other.txt\n',
    'package.json': PACKAGE_JSON,
    'web/package.json': '{"dependencies": {"react": "^18.0.0"}}',
    'web/package-lock.json': '{}',
    'scripts/setup.sh': '#!/bin/sh\nset -e\nwget -qO- https://x.example.test/s | sh\nnpm install -g yarn\n',
    'node_modules/x/package.json': '{"dependencies": {"y": "*"}}',
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as {
      analysis_results: { total_dependencies: number; pinned_count: number; by_type: Record<string, { pinned: number; total: number }>; actions: Record<string, { pinned: number; total: number }>; findings: { file: string; line: number; type: string; message: string }[] };
      dependencies: { name: string; version: string; dep_type: string; file_path: string; line_number: number; is_pinned: boolean; is_owned: boolean; lockfile?: string | null }[];
      errors: { file: string; error: string }[];
      score: number;
    };
    const rows = result.dependencies.map((d) => [d.file_path, d.line_number, d.dep_type, d.name, d.version, d.is_pinned]);
    assert.deepEqual(rows, [
      ['demo/.github/workflows/ci.yml', 6, 'Action', 'actions/checkout', SHA, true],
      ['demo/.github/workflows/ci.yml', 7, 'Action', 'actions/setup-node', 'v4', false],
      ['demo/.github/workflows/ci.yml', 8, 'Action', 'snyk/actions/node', 'master', false],
      ['demo/.github/workflows/ci.yml', 13, 'ScriptDownload', 'https://get.example.test/install.sh', '', false],
      ['demo/.github/workflows/ci.yml', 14, 'GoInstall', 'golang.org/x/tools/cmd/goimports', 'latest', false],
      ['demo/.github/workflows/ci.yml', 15, 'NpmInstall', '(package.json)', '', true],
      ['demo/.github/workflows/ci.yml', 17, 'Action', 'acme/workflows/.github/workflows/ci.yml', SHA, true],
      ['demo/Dockerfile', 3, 'Docker', 'python', '3.12-slim', false],
      ['demo/Dockerfile', 4, 'PipInstall', 'requests', '2.31.0', false],
      // Scorecard counts `FROM <stage>`: pinned only when that stage's image is.
      ['demo/Dockerfile', 6, 'Docker', 'build', '', false],
      ['demo/Dockerfile', 7, 'Docker', 'golang', DIGEST, true],
      ['demo/Dockerfile', 10, 'Docker', '$UNSET', '', false],
      ['demo/deploy/docker-compose.yml', 3, 'Docker', 'postgres', '16', false],
      ['demo/deploy/docker-compose.yml', 5, 'Docker', 'redis', DIGEST, true],
      ['demo/package.json', 4, 'NodeJS', 'left-pad', '1.3.0', true],
      ['demo/package.json', 5, 'NodeJS', 'lodash', '^4.17.21', false],
      ['demo/package.json', 8, 'NodeJS', 'local', 'file:../local', true],
      ['demo/requirements.txt', 2, 'PythonPip', 'flask', '3.0.0', true],
      ['demo/requirements.txt', 3, 'PythonPip', 'requests', '>=2', false],
      ['demo/requirements.txt', 4, 'PythonPip', 'urllib3', '', true],
      ['demo/scripts/setup.sh', 3, 'ScriptDownload', 'https://x.example.test/s', '', false],
      ['demo/scripts/setup.sh', 4, 'NpmInstall', 'yarn', '', false],
      ['demo/web/package.json', 1, 'NodeJS', 'react', '^18.0.0', true],
    ]);
    assert.equal(result.dependencies.find((d) => d.name === 'react')?.lockfile, 'demo/web/package-lock.json');
    assert.equal(result.dependencies.find((d) => d.name === 'lodash')?.lockfile, null);
    assert.deepEqual(result.analysis_results.actions, { owned: { pinned: 1, total: 2 }, third_party: { pinned: 1, total: 2 } });
    assert.deepEqual(result.analysis_results.by_type.Docker, { pinned: 2, total: 6 });
    assert.equal(result.analysis_results.total_dependencies, 23);
    assert.equal(result.analysis_results.pinned_count, 10);
    const setupNode = result.analysis_results.findings.find((f) => f.line === 7);
    assert.equal(setupNode?.message, 'owned Action not pinned by hash');
    assert.equal(result.analysis_results.findings.find((f) => f.line === 8)?.message, 'third-party Action not pinned by hash');
    assert.deepEqual(result.errors.map((e) => e.file), ['demo/.github/workflows/broken.yml']);
    assert.ok(result.score >= 0 && result.score < 10);
  } finally {
    await repo.cleanup();
  }
});

test('Scorecard weighting of actions and ecosystems', () => {
  const dep = (ecosystem: Dependency['ecosystem'], pinned: boolean, githubOwned = false): Dependency => ({
    name: 'x', version: '', type: 'Action', path: 'a', line: 1, pinned, owned: githubOwned, githubOwned, snippet: '', ecosystem,
  });
  assert.equal(pinnedDependenciesScore([]), -1);
  assert.equal(pinnedDependenciesScore([dep(null, false)]), -1);
  assert.equal(pinnedDependenciesScore([dep('githubAction', true, true), dep('githubAction', false)]), 2);
  assert.equal(pinnedDependenciesScore([dep('githubAction', false, true), dep('githubAction', true)]), 8);
  assert.equal(pinnedDependenciesScore([dep('githubAction', true), dep('containerImage', false)]), 5);
  assert.equal(pinnedDependenciesScore([dep('containerImage', true), dep('containerImage', true), dep('containerImage', false)]), 6);
});

test('commands in folded and single-line run: values get their file lines', async () => {
  const workflow = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: >
          echo one
          && echo two

          curl -s https://x.example.test/f | sh
      - run: "go install example.test/tool@latest"
`;
  const repo = await makeRepo({ '.github/workflows/a.yml': workflow });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as { dependencies: { dep_type: string; line_number: number }[] };
    assert.deepEqual(result.dependencies.map((d) => [d.dep_type, d.line_number]), [['ScriptDownload', 10], ['GoInstall', 11]]);
  } finally {
    await repo.cleanup();
  }
});
