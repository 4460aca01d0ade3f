import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';
import { tokenPermissionsScore, type PermissionEntry } from '../../analysis/scorecard/token-permissions.js';

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

test('top-level and job-level permissions with their lines and levels', async () => {
  const repo = await makeRepo({ '.github/workflows/ci.yml': CI, '.github/workflows/bare.yml': BARE, '.github/workflows/broken.yml': 'jobs: [' });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as { num_workflows: number; score: number; token_permissions: PermissionEntry[] };
    assert.equal(result.num_workflows, 3);
    const rows = result.token_permissions.map((e) => [e.file_path, e.location_type, e.job_name ?? '', e.name, e.value, e.permission_level, e.line_number]);
    assert.deepEqual(rows, [
      ['.github/workflows/bare.yml', 'top', '', null, null, 'undeclared', 1],
      ['.github/workflows/bare.yml', 'job', 'test', null, null, 'undeclared', 3],
      ['.github/workflows/broken.yml', 'top', '', null, null, 'unknown', 1],
      ['.github/workflows/ci.yml', 'top', '', 'contents', 'read', 'read', 4],
      ['.github/workflows/ci.yml', 'top', '', 'pull-requests', 'write', 'write', 5],
      ['.github/workflows/ci.yml', 'job', 'build', null, null, 'undeclared', 7],
      ['.github/workflows/ci.yml', 'job', 'release', null, 'write-all', 'write', 12],
      ['.github/workflows/ci.yml', 'job', 'none', null, '{}', 'none', 17],
    ]);
    assert.match(result.token_permissions[2]?.error ?? '', /^invalid YAML/);
    // bare.yml: undeclared at the top and in its only job → Scorecard's minimum.
    assert.equal(result.score, 0);
  } finally {
    await repo.cleanup();
  }
});

test('Scorecard scoring of write scopes', () => {
  const entry = (location: 'top' | 'job', name: string | null, level: PermissionEntry['permission_level'], file = 'a.yml'): PermissionEntry => ({
    file_path: file,
    location_type: location,
    name,
    value: null,
    permission_level: level,
    line_number: 1,
  });
  assert.equal(tokenPermissionsScore([entry('top', 'contents', 'read'), entry('job', null, 'undeclared')]), 10);
  assert.equal(tokenPermissionsScore([entry('top', null, 'undeclared'), entry('job', 'contents', 'read')]), 9);
  assert.equal(tokenPermissionsScore([entry('top', 'contents', 'write')]), 0);
  assert.equal(tokenPermissionsScore([entry('job', 'contents', 'write')]), 10);
  assert.equal(tokenPermissionsScore([entry('job', 'security-events', 'write'), entry('job', 'statuses', 'write')]), 8);
  assert.equal(tokenPermissionsScore([entry('job', 'checks', 'write', 'a.yml'), entry('job', 'checks', 'write', 'b.yml')]), 9);
});

test('no workflows: score -1', async () => {
  const repo = await makeRepo({ 'a.txt': 'x' });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), { num_workflows: 0, token_permissions: [], score: -1 });
  } finally {
    await repo.cleanup();
  }
});

test('write scopes a job needs (CodeQL security-events, publishing packages) cost nothing, as in Scorecard', async () => {
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
    const result = (await checker.run(makeContext(repo.view))) as unknown as { score: number };
    // codeql.yml: security-events ignored. lint.yml: security-events -1, statuses -0.5 → 8.5 → 8.
    assert.equal(result.score, 8);
  } finally {
    await repo.cleanup();
  }
});
