/**
 * scorecard-score and the single-fact commands read the same fact functions: on one repository their facts
 * must agree (scores, files, tools), whichever runs first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import type { Json } from '../../lib/json.js';
import { loadChecker } from '../registry.js';

type JsonObject = { [key: string]: Json };
type ScorecardResult = { score: number; checks: { name: string; score: number; reason: string; details: string[] }[] };

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);

const CI = `on: [push, pull_request]
permissions: write-all
jobs:
  analyse:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: github/codeql-action/analyze@v3
      - run: semgrep ci
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`;

const PR_TARGET = `on: pull_request_target
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: echo "\${{ github.event.issue.title }}"
`;

const FIXTURE: Record<string, string | Buffer> = {
  '.github/SECURITY.md': '# Security\n\nReport issues at https://example.test/security or to security@example.test.\nWe disclose vulnerabilities within 90 days.\n',
  '.github/workflows/ci.yml': CI,
  '.github/workflows/pr.yml': PR_TARGET,
  '.github/dependabot.yml': 'version: 2\nupdates: []\n',
  'renovate.json': '{}\n',
  'sonar-project.properties': 'sonar.host.url=https://sonar.example.test\n',
  'bin/tool': ELF,
  'lib/native.so': ELF,
  'dist/bundle.zip': Buffer.from('504b0506000000000000000000000000000000000000', 'hex'),
  'assets/logo.png': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  'parse/parse_test.go': 'package parse\n\nimport "testing"\n\nfunc FuzzParse(f *testing.F) {\n\tf.Fuzz(func(t *testing.T, b []byte) {})\n}\n',
  'go.mod': 'module example.test/demo\n\ngo 1.22\n',
};

async function run(command: string, ctx: ReturnType<typeof makeContext>): Promise<Json> {
  const checker = await loadChecker(command);
  assert.ok(checker, command);
  return checker.run(ctx);
}

for (const order of ['commands first', 'scorecard first'] as const) {
  void test(`scorecard-score's local checks agree with the single-fact commands (${order})`, async () => {
    const repo = await makeRepo(FIXTURE);
    try {
      // One context, as one task's commands share one repository view and its memoised facts.
      const ctx = makeContext(repo.view);
      const commands = ['binary-checker', 'dangerous-workflow-checker', 'dependency-update-tool-checker', 'fuzzing-checker', 'packaging-checker', 'sast-checker', 'security-policy-checker', 'token-permissions-checker'];
      const results: Record<string, Json> = {};
      if (order === 'scorecard first') results['scorecard-score'] = await run('scorecard-score', ctx);
      for (const command of commands) results[command] = await run(command, ctx);
      if (order === 'commands first') results['scorecard-score'] = await run('scorecard-score', ctx);
      const scorecard = new Map((results['scorecard-score'] as unknown as ScorecardResult).checks.map((check) => [check.name, check]));
      const display = (path: string): string => repo.view.displayPath(path);

      // Security policy: same file, same score.
      const policy = results['security-policy-checker'] as JsonObject;
      assert.equal(policy.file, display('.github/SECURITY.md'));
      assert.equal(scorecard.get('Security-Policy')?.score, policy.score);
      assert.deepEqual(scorecard.get('Security-Policy')?.details, [`Info: security policy file detected: ${String(policy.file)}`]);

      // SAST: every tool the command reports is a detail line, and the scores agree. Semgrep and a
      // sonar-project.properties are not tools Scorecard counts: the command lists them apart (other_tools).
      const sast = results['sast-checker'] as { sast_workflows: { tool_name: string; file_path: string; line: number }[]; sonar_configs: { file_path: string; line: number }[]; other_tools: { tool_name: string }[]; score: number };
      assert.deepEqual(sast.sast_workflows.map((use) => use.tool_name), ['CodeQL']);
      assert.equal(sast.sonar_configs.length, 0);
      assert.deepEqual(sast.other_tools.map((use) => use.tool_name), ['Semgrep', 'SonarCloud/SonarQube']);
      assert.equal(scorecard.get('SAST')?.score, sast.score);
      assert.deepEqual(scorecard.get('SAST')?.details, [
        ...sast.sast_workflows.map((use) => `Info: SAST tool detected: ${use.tool_name}: ${use.file_path}:${use.line}`),
        ...sast.sonar_configs.map((config) => `Info: Sonar configuration detected: ${config.file_path}:${config.line}`),
      ]);

      // Binaries: Scorecard counts the executables and packaged code among the files binary-checker lists (not
      // the image, not a zip it does not know as packaged code).
      const binaries = results['binary-checker'] as { binary_file_list: string[]; binary_archive_list: string[] };
      assert.deepEqual(binaries, { binary_file_list: [display('assets/logo.png'), display('bin/tool'), display('lib/native.so')], binary_archive_list: [display('dist/bundle.zip')] });
      assert.deepEqual(scorecard.get('Binary-Artifacts')?.details, ['Warn: binary detected: bin/tool', 'Warn: binary detected: lib/native.so']);

      // Dependency-update tools: one detail line per file the command lists.
      const tools = results['dependency-update-tool-checker'] as { name: string; files: { path: string }[] }[];
      assert.deepEqual(tools.map((tool) => tool.name), ['Dependabot', 'RenovateBot']);
      assert.deepEqual(scorecard.get('Dependency-Update-Tool')?.details, tools.flatMap((tool) => tool.files.map((file) => `Info: detected update tool: ${tool.name}: ${file.path}`)));

      // Fuzzing: the tools found are the ones Scorecard names.
      const fuzzers = (results['fuzzing-checker'] as { tool: string; found: boolean; files: string[] }[]).filter((fuzzer) => fuzzer.found);
      assert.deepEqual(fuzzers.map((fuzzer) => fuzzer.tool), ['GO NATIVE']);
      assert.deepEqual(scorecard.get('Fuzzing')?.details, ['Info: GO NATIVE integration found: parse/parse_test.go']);
      assert.equal(scorecard.get('Fuzzing')?.score, 10);

      // Workflow facts: dangerous patterns, packaging and token permissions.
      const dangerous = (results['dangerous-workflow-checker'] as { dangerous_patterns: Json[] }[]).flatMap((entry) => entry.dangerous_patterns);
      assert.ok(dangerous.length > 0);
      assert.equal(scorecard.get('Dangerous-Workflow')?.details.length, dangerous.length);
      assert.equal(scorecard.get('Dangerous-Workflow')?.score, 0);
      const packaging = results['packaging-checker'] as { matched: boolean }[];
      assert.equal(scorecard.get('Packaging')?.score, packaging.some((entry) => entry.matched) ? 10 : -1);
      assert.equal(scorecard.get('Token-Permissions')?.score, (results['token-permissions-checker'] as JsonObject).score);
    } finally {
      await repo.cleanup();
    }
  });
}
