import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';
import type { PermissionEntry } from '../../analysis/scorecard/token-permissions.js';

const CI = `name: ci
on: push
permissions:
  contents: read
  pull-requests: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  release:
    permissions: write-all
    runs-on: ubuntu-latest
    steps:
      - run: make release
  none:
    permissions: {}
    runs-on: ubuntu-latest
    steps: []
`;

const BARE = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`;

test('top-level and job-level permissions with their lines and Scorecard levels', async () => {
  const repo = await makeRepo({ '.github/workflows/ci.yml': CI, '.github/workflows/bare.yml': BARE });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as { num_workflows: number; score: number; token_permissions: (PermissionEntry & { locatio_type: string })[] };
    assert.equal(result.num_workflows, 2);
    const rows = result.token_permissions.map((e) => [e.file_path, e.location_type, e.job_name ?? '', e.name, e.value, e.permission_level, e.line_number]);
    assert.deepEqual(rows, [
      ['.github/workflows/bare.yml', 'top', '', null, null, 'undeclared', 1],
      ['.github/workflows/bare.yml', 'job', 'test', null, null, 'undeclared', 3],
      ['.github/workflows/ci.yml', 'top', '', 'contents', 'read', 'read', 4],
      // Scorecard does not weigh pull-requests: its write is "unknown" to it.
      ['.github/workflows/ci.yml', 'top', '', 'pull-requests', 'write', 'unknown', 5],
      ['.github/workflows/ci.yml', 'job', 'build', null, null, 'undeclared', 7],
      ['.github/workflows/ci.yml', 'job', 'release', null, 'write-all', 'write', 12],
      ['.github/workflows/ci.yml', 'job', 'none', null, '{}', 'none', 17],
    ]);
    // Compass reads the location under its own spelling.
    assert.ok(result.token_permissions.every((e) => e.locatio_type === e.location_type));
    // bare.yml: undeclared at the top and in its only job → Scorecard's minimum.
    assert.equal(result.score, 0);
  } finally {
    await repo.cleanup();
  }
});

test('a workflow that is not YAML: its entry carries the error, and the score is -1 as the Scorecard check fails', async () => {
  const repo = await makeRepo({ '.github/workflows/ci.yml': CI, '.github/workflows/broken.yml': 'jobs: [' });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as { score: number; token_permissions: PermissionEntry[] };
    const broken = result.token_permissions.find((e) => e.file_path === '.github/workflows/broken.yml');
    assert.equal(broken?.permission_level, 'unknown');
    assert.match(broken?.error ?? '', /^invalid YAML/);
    assert.equal(result.score, -1);
  } finally {
    await repo.cleanup();
  }
});

test('no workflows: score -1', async () => {
  const repo = await makeRepo({ 'a.txt': 'x' });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), { num_workflows: 0, token_permissions: [], score: -1 });
  } finally {
    await repo.cleanup();
  }
});

test('write scopes a job needs (CodeQL security-events) are not writes; job-level writes cost nothing in Scorecard v5', async () => {
  const codeql = `on: push
permissions: read-all
jobs:
  analyze:
    permissions:
      security-events: write
    steps:
      - uses: github/codeql-action/analyze@v3
`;
  const lint = `on: push
permissions: read-all
jobs:
  lint:
    permissions:
      security-events: write
      statuses: write
    steps:
      - run: make lint
`;
  const repo = await makeRepo({ '.github/workflows/codeql.yml': codeql, '.github/workflows/lint.yml': lint });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as { score: number; token_permissions: PermissionEntry[] };
    const levels = result.token_permissions.filter((e) => e.location_type === 'job').map((e) => [e.file_path, e.name, e.permission_level]);
    assert.deepEqual(levels, [
      ['.github/workflows/codeql.yml', 'security-events', 'unknown'],
      ['.github/workflows/lint.yml', 'security-events', 'write'],
      ['.github/workflows/lint.yml', 'statuses', 'write'],
    ]);
    assert.equal(result.score, 10);
  } finally {
    await repo.cleanup();
  }
});
