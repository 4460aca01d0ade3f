import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

const NPM = `on:
  release:
    types: [published]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          registry-url: https://registry.example.test
      - run: |
          npm ci
          npm publish --provenance
`;

// Scorecard counts docker/build-push-action whether or not it pushes.
const DOCKER_NO_PUSH = `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          push: false
`;

const DOCKER_PUSH = `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          push: \${{ github.event_name != 'pull_request' }}
`;

// Maven deploy needs setup-java in the same job (Scorecard's matcher): split across jobs it does not count.
const SPLIT_MAVEN = `on: push
jobs:
  setup:
    steps:
      - uses: actions/setup-java@v4
  deploy:
    steps:
      - run: mvn deploy
`;

const PYPI = `on: push
jobs:
  release:
    steps:
      - uses: actions/checkout@v4
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

test('publishing jobs per workflow with tool and line', async () => {
  const repo = await makeRepo({
    '.github/workflows/npm.yml': NPM,
    '.github/workflows/docker-build.yml': DOCKER_NO_PUSH,
    '.github/workflows/docker-push.yml': DOCKER_PUSH,
    '.github/workflows/maven.yml': SPLIT_MAVEN,
    '.gitee/workflows/pypi.yaml': PYPI,
    '.github/workflows/bad.yml': '{',
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as { matched: boolean; file_path: string; line_number: number; tool: string | null; job: string | null; error?: string }[];
    assert.deepEqual(
      result.map((r) => [r.file_path, r.matched, r.line_number, r.tool, r.job]),
      [
        ['demo/.gitee/workflows/pypi.yaml', true, 6, 'pypi', 'release'],
        ['demo/.github/workflows/bad.yml', false, 0, null, null],
        ['demo/.github/workflows/docker-build.yml', true, 6, 'docker', 'image'],
        ['demo/.github/workflows/docker-push.yml', true, 6, 'docker', 'image'],
        ['demo/.github/workflows/maven.yml', false, 0, null, null],
        // npm counts only when publishing to the public npm registry (Scorecard's exact registry-url).
        ['demo/.github/workflows/npm.yml', false, 0, null, null],
      ],
    );
    assert.match(result[1]?.error ?? '', /^invalid YAML/);
  } finally {
    await repo.cleanup();
  }
});
