/**
 * Scorecard's SAST detection, one table row per behaviour: the actions it recognises (CodeQL, Snyk, Pysa,
 * Qodana, Hadolint), how references are compared, and Sonar in pom.xml. Fixtures are our own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../workflows/parse.js';
import { actionName, findOtherSastUses, findSastUses, pomSonarHost } from './sast.js';

function steps(list: string): string {
  return `on: push\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n${list}`;
}

const CASES: { name: string; uses: string; type: string | null }[] = [
  { name: 'CodeQL analyze', uses: 'github/codeql-action/analyze@v3', type: 'codeql' },
  { name: 'not: CodeQL init alone', uses: 'github/codeql-action/init@v3', type: null },
  { name: 'not: CodeQL upload-sarif', uses: 'github/codeql-action/upload-sarif@v3', type: null },
  { name: 'CodeQL pinned by SHA', uses: 'github/codeql-action/analyze@0123456789abcdef0123456789abcdef01234567', type: 'codeql' },
  { name: 'Snyk sub-action', uses: 'snyk/actions/node@master', type: 'snyk' },
  { name: 'not: Snyk without a sub-action', uses: 'snyk/actions@master', type: null },
  { name: 'Pysa', uses: 'facebook/pysa-action@v1', type: 'pysa' },
  { name: 'Qodana', uses: 'JetBrains/qodana-action@v2024.1', type: 'qodana' },
  { name: 'not: Qodana in lower case (case-sensitive)', uses: 'jetbrains/qodana-action@v2024.1', type: null },
  { name: 'Hadolint', uses: 'hadolint/hadolint-action@v3.1.0', type: 'hadolint' },
  { name: 'not: a fork of CodeQL under another owner', uses: 'someone/codeql-action/analyze@v3', type: null },
  { name: 'not: Semgrep (not a Scorecard tool)', uses: 'returntocorp/semgrep-action@v1', type: null },
  { name: 'not: Checkov (not a Scorecard tool)', uses: 'bridgecrewio/checkov-action@v12', type: null },
];

for (const c of CASES) {
  void test(`sast: ${c.name}`, () => {
    const uses = findSastUses(parseWorkflow('.github/workflows/scan.yml', 'github', steps(`      - uses: actions/checkout@v4\n      - uses: ${c.uses}\n`)));
    assert.deepEqual(uses.map((use) => use.type), c.type ? [c.type] : []);
    if (c.type) assert.equal(uses[0]?.line, 7);
  });
}

test('sast: run scripts never count for Scorecard, but are listed as other tools', () => {
  const workflow = parseWorkflow('.github/workflows/scan.yml', 'github', steps('      - run: semgrep ci\n      - run: codeql database analyze db\n'));
  assert.deepEqual(findSastUses(workflow), []);
  assert.deepEqual(findOtherSastUses(workflow).map((use) => [use.type, use.line]), [['semgrep', 6], ['codeql', 7]]);
});

test('sast: each matching step is a finding', () => {
  const workflow = parseWorkflow('.github/workflows/scan.yml', 'github', steps('      - uses: github/codeql-action/analyze@v3\n        with:\n          category: a\n      - uses: github/codeql-action/analyze@v3\n'));
  assert.deepEqual(findSastUses(workflow).map((use) => use.line), [6, 9]);
});

test('actionName drops actions:// and cuts at the first @', () => {
  assert.equal(actionName('actions://github/codeql-action/analyze@v3'), 'github/codeql-action/analyze');
  assert.equal(actionName(' snyk/actions/node '), 'snyk/actions/node');
});

test('pomSonarHost: a non-empty sonar.host.url and its line', () => {
  assert.deepEqual(pomSonarHost('<project>\n  <properties>\n    <sonar.host.url>https://sonar.example.test</sonar.host.url>\n</properties></project>'), { url: 'https://sonar.example.test', line: 3 });
  assert.deepEqual(pomSonarHost('<sonar.host.url>\n  https://sonar.example.test\n</sonar.host.url>'), { url: 'https://sonar.example.test', line: 1 });
  assert.equal(pomSonarHost('<sonar.host.url></sonar.host.url>'), null);
  assert.equal(pomSonarHost('<sonar.projectKey>demo</sonar.projectKey>'), null);
});
