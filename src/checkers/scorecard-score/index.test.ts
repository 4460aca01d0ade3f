import { test } from 'node:test';
import assert from 'node:assert/strict';
import spdxFull from 'spdx-license-list/full.js';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

type Result = { score: number; checks: { name: string; score: number; reason: string; details: string[] }[] };

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);

const RELEASE = `on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      - uses: pypa/gh-action-pypi-publish@release/v1
      - uses: github/codeql-action/analyze@v3
`;

const PR_TARGET = `on: pull_request_target
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;

test('scores the local checks by Scorecard rules and aggregates with risk weights', async () => {
  const repo = await makeRepo({
    LICENSE: spdxFull.MIT?.licenseText.replace('<year>', '2024').replace('<copyright holders>', 'Acme') ?? '',
    'SECURITY.md': '# Security\n\nReport vulnerabilities to security@example.test. We disclose fixes within 90 days.\n',
    '.github/dependabot.yml': 'version: 2\nupdates: []\n',
    '.github/workflows/release.yml': RELEASE,
    'bin/tool': ELF,
    'assets/logo.png': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    'src/main.go': 'package main\n\nfunc main() {}\n',
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as Result;
    const score = new Map(result.checks.map((c) => [c.name, c]));
    assert.deepEqual(result.checks.map((c) => c.name), [...result.checks.map((c) => c.name)].sort());
    assert.equal(score.get('Binary-Artifacts')?.score, 9);
    assert.deepEqual(score.get('Binary-Artifacts')?.details, ['Warn: binary detected: bin/tool']);
    assert.equal(score.get('Dangerous-Workflow')?.score, 10);
    assert.equal(score.get('Dependency-Update-Tool')?.score, 10);
    assert.equal(score.get('Fuzzing')?.score, 0);
    assert.equal(score.get('License')?.score, 10);
    assert.equal(score.get('Packaging')?.score, 10);
    // actions/checkout pinned (owned), pypa and codeql-action unpinned: owned 1/2 → weight 2, third-party 0/1 → 8.
    assert.equal(score.get('Pinned-Dependencies')?.score, 1);
    assert.equal(score.get('SAST')?.score, 10);
    assert.equal(score.get('Token-Permissions')?.score, 10);
    assert.equal(score.get('Security-Policy')?.score, 10);
    assert.equal(score.get('Code-Review')?.score, -1);
    assert.equal(score.get('Code-Review')?.reason, 'needs the GitHub API: set [Github] access_key');
    // Critical 10: DW 10. High 7.5: BA 9, DUT 10, TP 10. Medium 5: Fuzzing 0, Packaging 10, PD 1, SAST 10, SP 10.
    // Low 2.5: License 10. (100 + 7.5*29 + 5*31 + 25) / (10 + 22.5 + 25 + 2.5) = 497.5 / 60 = 8.29…
    assert.equal(result.score, 8.3);
  } finally {
    await repo.cleanup();
  }
});

test('dangerous workflow scores 0; a repository with nothing to judge gets -1 where Scorecard is inconclusive', async () => {
  const repo = await makeRepo({ '.github/workflows/pr.yml': PR_TARGET });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as Result;
    const score = new Map(result.checks.map((c) => [c.name, c]));
    assert.equal(score.get('Dangerous-Workflow')?.score, 0);
    assert.match(score.get('Dangerous-Workflow')?.details[0] ?? '', /script injection.*\.github\/workflows\/pr\.yml:6/);
    assert.equal(score.get('Packaging')?.score, -1);
    assert.equal(score.get('Pinned-Dependencies')?.score, -1);
    assert.equal(score.get('License')?.score, 0);
    assert.equal(score.get('Token-Permissions')?.score, 0);
  } finally {
    await repo.cleanup();
  }
});
