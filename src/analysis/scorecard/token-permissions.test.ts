/**
 * Scorecard v5's Token-Permissions rules, one fixture workflow per behaviour. Each expected score is worked
 * out by hand from the rules (checks/raw/permissions.go, the three permission probes and
 * checks/evaluation/permissions.go in ossf/scorecard); the comment says which rule gives it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../workflows/parse.js';
import { evaluateTokenPermissions, permissionFacts, type PermissionLevel } from './token-permissions.js';

const RUN = `    runs-on: ubuntu-latest
    steps:
      - run: make
`;

/** A workflow with the given top-level `permissions:` text (or none) and jobs (id -> permissions text or null). */
function workflow(top: string | null, jobs: Record<string, string | null>, steps = RUN): string {
  const lines = ['on: push'];
  if (top !== null) lines.push(`permissions:${top}`);
  lines.push('jobs:');
  for (const [id, permissions] of Object.entries(jobs)) {
    lines.push(`  ${id}:`);
    if (permissions !== null) lines.push(`    permissions:${permissions}`);
    lines.push(steps.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

function score(files: Record<string, string>): number {
  const facts = Object.entries(files).map(([path, text]) => permissionFacts(parseWorkflow(path, 'github', text)));
  return evaluateTokenPermissions(facts).score;
}

const W = '.github/workflows/';

const SCORES: { name: string; files: Record<string, string>; score: number }[] = [
  { name: 'read-all at the top, job undeclared: nothing to take off', files: { [`${W}a.yml`]: workflow(' read-all', { build: null }) }, score: 10 },
  { name: 'no permissions anywhere: top and job undeclared give the minimum', files: { [`${W}a.yml`]: workflow(null, { build: null }) }, score: 0 },
  { name: 'top undeclared, every job declared: -0.5, truncated to 9', files: { [`${W}a.yml`]: workflow(null, { build: ' read-all', test: '\n      contents: read' }) }, score: 9 },
  { name: 'top undeclared, one job of the same file undeclared: minimum', files: { [`${W}a.yml`]: workflow(null, { build: ' read-all', test: null }) }, score: 0 },
  { name: 'write-all at the top, job undeclared: minimum', files: { [`${W}a.yml`]: workflow(' write-all', { build: null }) }, score: 0 },
  { name: 'write-all at the top, jobs read only: -0.5', files: { [`${W}a.yml`]: workflow(' write-all', { build: ' read-all' }) }, score: 9 },
  { name: 'write-all at the top, a job writes contents: minimum', files: { [`${W}a.yml`]: workflow(' write-all', { build: '\n      contents: write' }) }, score: 0 },
  {
    name: 'write-all at the top, the job writes a scope it needs (GitHub Pages contents): -0.5 only',
    files: { [`${W}a.yml`]: workflow(' write-all', { pages: '\n      contents: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: peaceiris/actions-gh-pages@v4\n') },
    score: 9,
  },
  {
    name: 'write-all at the top, a job write-all: the job probe passes over a scope-less write, so -0.5 only',
    files: { [`${W}a.yml`]: workflow(' write-all', { build: ' write-all' }) },
    score: 9,
  },
  { name: 'top-level statuses and checks writes: -0.5 each', files: { [`${W}a.yml`]: workflow('\n  statuses: write\n  checks: write\n  contents: read\n  issues: write', { build: null }) }, score: 9 },
  { name: 'top-level security-events and deployments writes: -1 each', files: { [`${W}a.yml`]: workflow('\n  security-events: write\n  deployments: write', { build: null }) }, score: 8 },
  { name: 'top-level contents write: -10', files: { [`${W}a.yml`]: workflow('\n  contents: write', { build: null }) }, score: 0 },
  { name: 'top-level packages write: -10', files: { [`${W}a.yml`]: workflow('\n  packages: write', { build: null }) }, score: 0 },
  { name: 'top-level actions write: -10', files: { [`${W}a.yml`]: workflow('\n  actions: write', { build: null }) }, score: 0 },
  { name: 'top-level write of a scope Scorecard does not weigh (pull-requests): nothing', files: { [`${W}a.yml`]: workflow('\n  contents: read\n  pull-requests: write', { build: null }) }, score: 10 },
  {
    name: 'job-level writes of weighed scopes are warned about but cost nothing',
    files: { [`${W}a.yml`]: workflow('\n  packages: read', { build: '\n      contents: write\n      packages: write\n      actions: write\n      security-events: write\n      statuses: write' }) },
    score: 10,
  },
  {
    name: 'two files: top read-all with an undeclared job, and top undeclared with a declared job: -0.5',
    files: { [`${W}a.yml`]: workflow(' read-all', { build: null }), [`${W}b.yml`]: workflow(null, { build: ' read-all' }) },
    score: 9,
  },
  {
    name: 'two files: one declared per job only, one with nothing declared: minimum',
    files: { [`${W}a.yml`]: workflow(null, { build: ' read-all' }), [`${W}b.yml`]: workflow(null, { build: null }) },
    score: 0,
  },
  {
    name: 'deductions add up over files: three undeclared tops with declared jobs give 8.5, truncated to 8',
    files: { [`${W}a.yml`]: workflow(null, { x: ' read-all' }), [`${W}b.yml`]: workflow(null, { x: ' read-all' }), [`${W}c.yml`]: workflow(null, { x: ' read-all' }) },
    score: 8,
  },
  {
    name: 'a job with an empty permissions key is "none", not undeclared: -0.5 for the top only',
    files: { [`${W}a.yml`]: workflow(null, { build: '' }) },
    score: 9,
  },
  { name: 'permissions: {} at the top: none', files: { [`${W}a.yml`]: workflow(' {}', { build: null }) }, score: 10 },
  { name: 'no workflow files: inconclusive', files: {}, score: -1 },
  { name: 'only a comment-only file, which Scorecard skips: inconclusive', files: { [`${W}a.yml`]: '# nothing here yet\n\n' }, score: -1 },
  {
    name: 'a workflow that is not YAML stops the check (runtime error): -1',
    files: { [`${W}a.yml`]: workflow(' read-all', { build: null }), [`${W}b.yml`]: 'jobs: [\n' },
    score: -1,
  },
];

for (const { name, files, score: expected } of SCORES) {
  void test(`score: ${name}`, () => {
    assert.equal(score(files), expected);
  });
}

/** Scorecard's level of each entry: [location, job, scope, level]. */
function levels(text: string): [string, string, string | null, PermissionLevel][] {
  return permissionFacts(parseWorkflow(`${W}a.yml`, 'github', text)).entries.map((e) => [e.location_type, e.job_name ?? '', e.name, e.permission_level]);
}

const LEVELS: { name: string; text: string; levels: [string, string, string | null, PermissionLevel][] }[] = [
  {
    name: 'scopes: write on a weighed scope is write, on another scope unknown; read and none as written',
    text: workflow('\n  contents: write\n  pull-requests: write\n  issues: read\n  packages: none', { build: null }),
    levels: [['top', '', 'contents', 'write'], ['top', '', 'pull-requests', 'unknown'], ['top', '', 'issues', 'read'], ['top', '', 'packages', 'none'], ['job', 'build', null, 'undeclared']],
  },
  {
    name: 'values are exact: `Read` is unknown, `WRITE` is a write',
    text: workflow('\n  contents: Read\n  statuses: WRITE', { build: null }),
    levels: [['top', '', 'contents', 'unknown'], ['top', '', 'statuses', 'write'], ['job', 'build', null, 'undeclared']],
  },
  {
    name: 'whole-token values: read-all is read, anything else a write; {} and an empty key are none',
    text: workflow(' read-all', { a: ' write-all', b: ' {}', c: '', d: ' read' }),
    levels: [['top', '', null, 'read'], ['job', 'a', null, 'write'], ['job', 'b', null, 'none'], ['job', 'c', null, 'none'], ['job', 'd', null, 'write']],
  },
  {
    name: 'CodeQL analysis: the job-level security-events write it needs is unknown; the top level gets no allowance',
    text: workflow('\n  security-events: write', { analyze: '\n      security-events: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/analyze@v3\n'),
    levels: [['top', '', 'security-events', 'write'], ['job', 'analyze', 'security-events', 'unknown']],
  },
  {
    name: 'SARIF uploads from the Scorecard action and hlint-scan also need security-events',
    text: workflow(' read-all', { scan: '\n      security-events: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: ossf/scorecard-action@v2\n      - uses: haskell-actions/hlint-scan@v1\n'),
    levels: [['top', '', null, 'read'], ['job', 'scan', 'security-events', 'unknown']],
  },
  {
    name: 'a lint job writing security-events without a SARIF upload: write',
    text: workflow(' read-all', { lint: '\n      security-events: write' }, '    runs-on: ubuntu-latest\n    steps:\n      # github/codeql-action/analyze is only mentioned here\n      - run: make lint\n'),
    levels: [['top', '', null, 'read'], ['job', 'lint', 'security-events', 'write']],
  },
  {
    name: 'GoReleaser with setup-go in the same job needs contents',
    text: workflow(' read-all', { release: '\n      contents: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5\n      - uses: goreleaser/goreleaser-action@v6\n'),
    levels: [['top', '', null, 'read'], ['job', 'release', 'contents', 'unknown']],
  },
  {
    name: 'Maven release:prepare across a line continuation needs contents',
    text: workflow(' read-all', { release: '\n      contents: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          mvn -B \\\n            release:prepare\n'),
    levels: [['top', '', null, 'read'], ['job', 'release', 'contents', 'unknown']],
  },
  {
    name: 'semantic-release run through npx needs contents and packages',
    text: workflow(' read-all', { release: '\n      contents: write\n      packages: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - run: npx semantic-release --branches main\n'),
    levels: [['top', '', null, 'read'], ['job', 'release', 'contents', 'unknown'], ['job', 'release', 'packages', 'unknown']],
  },
  {
    name: 'a publishing workflow needs packages',
    text: workflow(' read-all', { publish: '\n      packages: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n'),
    levels: [['top', '', null, 'read'], ['job', 'publish', 'packages', 'unknown']],
  },
  {
    name: 'any docker/build-push-action step counts as publishing for the allowance',
    text: workflow(' read-all', { image: '\n      packages: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n'),
    levels: [['top', '', null, 'read'], ['job', 'image', 'packages', 'unknown']],
  },
  {
    name: 'npm publishing needs setup-node with a registry-url: without it packages stays a write',
    text: workflow(' read-all', { a: '\n      packages: write' }, '    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n      - run: npm publish\n'),
    levels: [['top', '', null, 'read'], ['job', 'a', 'packages', 'write']],
  },
  {
    name: 'npm publishing with setup-node and a registry-url: packages is needed',
    text: workflow(' read-all', { a: '\n      packages: write' }, "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          registry-url: 'https://npm.example.test'\n      - run: npm publish\n"),
    levels: [['top', '', null, 'read'], ['job', 'a', 'packages', 'unknown']],
  },
];

for (const { name, text, levels: expected } of LEVELS) {
  void test(`levels: ${name}`, () => {
    assert.deepEqual(levels(text), expected);
  });
}

void test('setup-go and GoReleaser in different jobs are not a release job: contents stays a write', () => {
  const text = `on: push
permissions: read-all
jobs:
  setup:
    permissions:
      contents: write
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-go@v5
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: goreleaser/goreleaser-action@v6
`;
  assert.deepEqual(levels(text).find((entry) => entry[1] === 'setup'), ['job', 'setup', 'contents', 'write']);
});

void test('line numbers: job undeclared at the job key, top undeclared at line 1, scopes and values at their line', () => {
  const text = workflow(null, { build: null, test: '\n      checks: write' });
  const entries = permissionFacts(parseWorkflow(`${W}a.yml`, 'github', text)).entries;
  assert.deepEqual(entries.map((e) => e.line_number), [1, 3, 9]);
});

void test('details: warnings for what Scorecard warns about, in its order (job level first), with file:line', () => {
  const facts = [
    permissionFacts(parseWorkflow(`${W}a.yml`, 'github', workflow('\n  statuses: write\n  pull-requests: write', { build: '\n      deployments: write' }))),
    permissionFacts(parseWorkflow(`${W}b.yml`, 'github', workflow(null, { build: ' read-all' }))),
  ];
  const outcome = evaluateTokenPermissions(facts);
  assert.equal(outcome.score, 9);
  assert.equal(outcome.reason, 'detected GitHub workflow tokens with excessive permissions');
  assert.deepEqual(outcome.details, [
    `Warn: jobLevel 'deployments' permission set to 'write': ${W}a.yml:8`,
    `Info: found token with 'read' permissions: ${W}b.yml:4`,
    `Warn: topLevel 'statuses' permission set to 'write': ${W}a.yml:3`,
    `Warn: no topLevel permission defined: ${W}b.yml:1`,
  ]);
});

void test('a parse error names the file in the reason', () => {
  const outcome = evaluateTokenPermissions([permissionFacts(parseWorkflow(`${W}bad.yml`, 'github', 'jobs: [\n'))]);
  assert.equal(outcome.score, -1);
  assert.match(outcome.reason, /^could not parse \.github\/workflows\/bad\.yml: invalid YAML/);
});
