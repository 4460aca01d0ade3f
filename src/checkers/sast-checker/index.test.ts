import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

const CODEQL = `name: codeql
on: [push, pull_request]
jobs:
  analyze:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: github/codeql-action/init@v3
      - uses: github/codeql-action/analyze@v3
  semgrep:
    runs-on: ubuntu-latest
    container: semgrep/semgrep
    steps:
      - run: |
          echo scanning
          semgrep ci --sarif
      - uses: snyk/actions/node@master
      - uses: JetBrains/qodana-action@v2024.1
      - uses: hadolint/hadolint-action@v3.1.0
`;

test('finds the SAST tools Scorecard recognises, with lines; other analysers apart', async () => {
  const repo = await makeRepo({
    '.github/workflows/codeql.yml': CODEQL,
    '.github/workflows/plain.yml': 'on: push\njobs:\n  t:\n    steps:\n      - run: make test\n',
    '.github/workflows/bad.yml': 'on: push\n  x: [',
    'pom.xml': '<project><properties><sonar.host.url>https://sonar.example.test</sonar.host.url></properties></project>',
    'service/pom.xml': '<project></project>',
    'sonar-project.properties': 'sonar.projectKey=demo\n',
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as {
      sast_workflows: { file_path: string; type: string; tool_name: string; line: number; job: string }[];
      sonar_configs: { file_path: string; url: string; line: number }[];
      other_tools: { file_path: string; type: string; line?: number }[];
      errors: { file: string }[];
      score: number;
    };
    assert.deepEqual(
      result.sast_workflows.map((s) => [s.file_path, s.type, s.line, s.job]),
      [
        ['demo/.github/workflows/codeql.yml', 'codeql', 9, 'analyze'],
        ['demo/.github/workflows/codeql.yml', 'snyk', 17, 'semgrep'],
        ['demo/.github/workflows/codeql.yml', 'qodana', 18, 'semgrep'],
        ['demo/.github/workflows/codeql.yml', 'hadolint', 19, 'semgrep'],
      ],
    );
    // Scorecard reads Sonar only from pom.xml; semgrep and a sonar-project.properties are listed apart.
    assert.deepEqual(result.sonar_configs, [{ file_path: 'demo/pom.xml', type: 'sonar', url: 'https://sonar.example.test', tool_name: 'sonar', line: 1 }]);
    assert.deepEqual(result.other_tools.map((t) => [t.file_path, t.type, t.line ?? null]), [
      ['demo/.github/workflows/codeql.yml', 'semgrep', 16],
      ['demo/sonar-project.properties', 'sonar', null],
    ]);
    assert.deepEqual(result.errors.map((e) => e.file), ['demo/.github/workflows/bad.yml']);
    assert.equal(result.score, 10);
  } finally {
    await repo.cleanup();
  }
});

test('no SAST tool: empty lists and score 0', async () => {
  const repo = await makeRepo({ '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n' });
  try {
    assert.deepEqual(await checker.run(makeContext(repo.view)), { sast_workflows: [], sonar_configs: [], other_tools: [], errors: [], score: 0 });
  } finally {
    await repo.cleanup();
  }
});
