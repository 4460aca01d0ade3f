import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

const PR_TARGET = `name: pr
on:
  pull_request_target:
    types: [opened]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          ref: \${{ github.event.pull_request.head.sha }}
      - name: greet
        run: |
          echo "start"
          echo "\${{ github.event.pull_request.title }}"
          echo "\${{ github.sha }}"
      - uses: actions/github-script@v7
        with:
          script: |
            console.log("\${{ github.event.comment.body }}")
`;

const SAFE = `on:
  pull_request_target:
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.issue.title }}
      - run: echo "\${{ github.event.pull_request.number }} \${{ github.repository }}"
`;

const ENV_INDIRECT = `on: issues
env:
  TITLE: \${{ github.event.issue.title }}
jobs:
  triage:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ env.TITLE }}
`;

const WORKFLOW_RUN = `on:
  workflow_run:
    workflows: [ci]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.workflow_run.head_branch }}
`;

test('finds untrusted checkout and script injection with file lines', async () => {
  const repo = await makeRepo({
    '.github/workflows/pr.yml': PR_TARGET,
    '.github/workflows/safe.yaml': SAFE,
    '.gitcode/workflows/run.yml': WORKFLOW_RUN,
    '.gitee/workflows/env.yml': ENV_INDIRECT,
    '.github/workflows/nested/ignored.yml': PR_TARGET,
    'docs/workflow.yml': PR_TARGET,
  });
  try {
    type Pattern = { type: string; line: number; job: string; snippet: string; message: string };
    const result = (await checker.run(makeContext(repo.view))) as { workflow_file: string; dangerous_patterns: Pattern[]; beyond_scorecard: Pattern[] }[];
    assert.deepEqual(result.map((entry) => entry.workflow_file), [
      '.gitcode/workflows/run.yml',
      '.gitee/workflows/env.yml',
      '.github/workflows/pr.yml',
      '.github/workflows/safe.yaml',
    ]);
    const byFile = new Map(result.map((entry) => [entry.workflow_file, entry.dangerous_patterns]));
    const beyond = new Map(result.map((entry) => [entry.workflow_file, entry.beyond_scorecard]));
    const pr = byFile.get('.github/workflows/pr.yml') ?? [];
    assert.deepEqual(
      pr.map((p) => [p.type, p.line, p.job, p.snippet]),
      [
        ['untrusted_checkout', 12, 'build', '${{ github.event.pull_request.head.sha }}'],
        ['script_injection', 16, 'build', 'github.event.pull_request.title'],
      ],
    );
    assert.match(pr[0]?.message ?? '', /^Untrusted code checkout: .*pull_request_target/);
    assert.match(pr[1]?.message ?? '', /^Script injection: .*run: script/);
    // Version 2: what Scorecard does not count (github-script, env indirection) moves to beyond_scorecard, so
    // dangerous_patterns, which OSS Compass scores, holds Scorecard's findings only.
    const script = beyond.get('.github/workflows/pr.yml') ?? [];
    assert.deepEqual(script.map((p) => [p.type, p.line, p.snippet]), [['script_injection', 21, 'github.event.comment.body']]);
    assert.match(script[0]?.message ?? '', /github-script/);
    assert.deepEqual(byFile.get('.github/workflows/safe.yaml'), []);
    assert.deepEqual(beyond.get('.github/workflows/safe.yaml'), []);
    assert.deepEqual(byFile.get('.gitcode/workflows/run.yml')?.map((p) => [p.type, p.line]), [['untrusted_checkout', 10]]);
    assert.deepEqual(byFile.get('.gitee/workflows/env.yml'), []);
    const env = beyond.get('.gitee/workflows/env.yml') ?? [];
    assert.deepEqual(env.map((p) => [p.type, p.line, p.snippet]), [['script_injection', 8, 'env.TITLE']]);
    assert.match(env[0]?.message ?? '', /set from the untrusted context "github\.event\.issue\.title"/);
    assert.equal('scorecard' in (pr[0] ?? {}), false);
  } finally {
    await repo.cleanup();
  }
});

test('a malformed workflow is a per-file error, the others are still checked', async () => {
  const repo = await makeRepo({
    '.github/workflows/bad.yml': 'on: [push\njobs:\n  a: {',
    '.github/workflows/dup.yml': 'on: push\non: pull_request\n',
    '.github/workflows/list.yml': '- a\n- b\n',
    '.github/workflows/ok.yml': ENV_INDIRECT,
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as { workflow_file: string; error?: string; dangerous_patterns: unknown[]; beyond_scorecard: unknown[] }[];
    const byFile = new Map(result.map((entry) => [entry.workflow_file, entry]));
    assert.match(byFile.get('.github/workflows/bad.yml')?.error ?? '', /^invalid YAML at line \d+/);
    assert.match(byFile.get('.github/workflows/dup.yml')?.error ?? '', /unique/);
    assert.equal(byFile.get('.github/workflows/list.yml')?.error, 'a workflow must be a YAML mapping');
    assert.equal(byFile.get('.github/workflows/ok.yml')?.error, undefined);
    assert.equal(byFile.get('.github/workflows/ok.yml')?.dangerous_patterns.length, 0);
    assert.equal(byFile.get('.github/workflows/ok.yml')?.beyond_scorecard.length, 1);
  } finally {
    await repo.cleanup();
  }
});

test('no workflows gives []', async () => {
  const repo = await makeRepo({ 'README.md': '# x\n' });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), []);
  } finally {
    await repo.cleanup();
  }
});
