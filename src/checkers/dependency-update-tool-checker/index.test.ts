import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

async function runOn(files: Record<string, string>): Promise<unknown> {
  const repo = await makeRepo(files);
  try {
    return await checker.run(makeContext(repo.view));
  } finally {
    await repo.cleanup();
  }
}

void test('upstream example: .github/dependabot.yml', async () => {
  assert.deepEqual(await runOn({ '.github/dependabot.yml': 'version: 2\n', 'README.md': '' }), [
    {
      name: 'Dependabot',
      url: 'https://github.com/dependabot',
      desc: 'Automated dependency updates built into GitHub',
      files: [{ path: '.github/dependabot.yml', file_type: 'source', offset: 0 }],
    },
  ]);
});

void test('every tool at any depth, one entry per tool with all its files', async () => {
  const result = await runOn({
    '.github/renovate.json': '{}',
    '.gitlab/renovate.json5': '{}',
    'renovate.json': '{}',
    'services/api/.renovaterc': '{}',
    '.pyup.yml': 'update: all',
    '.config/.scala-steward.conf': 'updates.limit = 3',
    'sub/.github/Dependabot.YAML': 'version: 2',
  });
  assert.deepEqual(result, [
    {
      name: 'Dependabot',
      url: 'https://github.com/dependabot',
      desc: 'Automated dependency updates built into GitHub',
      files: [{ path: 'sub/.github/Dependabot.YAML', file_type: 'source', offset: 0 }],
    },
    {
      name: 'RenovateBot',
      url: 'https://github.com/renovatebot/renovate',
      desc: 'Automated dependency updates. Multi-platform and multi-language.',
      files: [
        { path: '.github/renovate.json', file_type: 'source', offset: 0 },
        { path: '.gitlab/renovate.json5', file_type: 'source', offset: 0 },
        { path: 'renovate.json', file_type: 'source', offset: 0 },
        { path: 'services/api/.renovaterc', file_type: 'source', offset: 0 },
      ],
    },
    {
      name: 'PyUp',
      url: 'https://pyup.io/',
      desc: 'Automated dependency updates for Python.',
      files: [{ path: '.pyup.yml', file_type: 'source', offset: 0 }],
    },
    {
      name: 'scala-steward',
      url: 'https://github.com/scala-steward-org/scala-steward',
      desc: 'Works with Maven, Mill, sbt, and Scala CLI.',
      files: [{ path: '.config/.scala-steward.conf', file_type: 'source', offset: 0 }],
    },
  ]);
});

void test('a "renovate" key in the root package.json counts as Renovate configuration', async () => {
  const result = await runOn({ 'package.json': JSON.stringify({ name: 'x', renovate: { extends: ['config:recommended'] } }) });
  assert.deepEqual(result, [
    {
      name: 'RenovateBot',
      url: 'https://github.com/renovatebot/renovate',
      desc: 'Automated dependency updates. Multi-platform and multi-language.',
      files: [{ path: 'package.json', file_type: 'source', offset: 0 }],
    },
  ]);
});

void test('nothing configured gives []', async () => {
  assert.deepEqual(await runOn({ 'package.json': JSON.stringify({ name: 'x' }), 'docs/renovate.md': '', 'dependabot.yml.orig': '' }), []);
});

void test('a malformed root package.json or a nested one with "renovate" is not Renovate configuration', async () => {
  assert.deepEqual(await runOn({ 'package.json': '{ "renovate": {', 'packages/a/package.json': JSON.stringify({ renovate: {} }) }), []);
});
