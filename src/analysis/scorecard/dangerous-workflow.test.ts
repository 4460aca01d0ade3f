import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUntrustedCheckoutRef, isUntrustedContext, normalizeContextExpression } from '../workflows/expressions.js';
import { parseWorkflow } from '../workflows/parse.js';
import { makeRepo } from '../../../test/support/fixtures.js';
import { findDangerousPatterns } from './dangerous-workflow.js';
import { LOCAL_CHECKS } from './local-checks.js';
import type { ScorecardInput } from './types.js';

/** Expressions (the text between `${{` and `}}`) and whether Scorecard v5 reads them as untrusted. */
const CONTEXTS: [string, boolean][] = [
  ['github.action', false],
  ['github.head_ref', true],
  [' github.head_ref ', true],
  ['github.event.issue.title', true],
  ['github.event.issue.body', true],
  ['github.event.pull_request.body', true],
  ['github.event.pull_request.number', false],
  ['github.event.pull_request.head.ref', true],
  ['github.event.pull_request.head.label', true],
  ['github.event.pull_request.head.repo.default_branch', true],
  ['github.event.pull_request.head.sha', false],
  ['github.event.comment.body', true],
  ['github.event.review.body', true],
  ['github.event.review_comment.body', true],
  ['github.event.discussion.title', true],
  ['github.event.discussion.body', true],
  ['github.event.pages[0].page_name', true],
  ['github.event.commits[0].message', true],
  ['github.event.commits[0].id', false],
  ['github.event.commits[2].author.name', true],
  ['github.event.commits[2].author.email', true],
  ['github.event.commits[1].committer.name', true],
  ['github.event.head_commit.message', true],
  ['github.event.head_commit.author.email', true],
  ['github.event.head_commit.committer.email', true],
  ['github.event.pull_request.organization.blocked_user.name', true],
  ['github.event.fork.forkee.full_name', true],
  ['github.event.fork.forkee.id', false],
  ['github.event.workflow_run.head_branch', true],
  ['github.event.workflow_run.display_title', true],
  ['github.event.workflow_run.pull_requests[0].head.ref', true],
  ['github.event.workflow_run.id', false],
  // toJSON of the whole context or event serialises every untrusted field
  ['toJSON(github.event)', true],
  ['toJSON(github)', true],
  ['TOJSON(github.event)', true],
  ['toJSON( github.event )', true],
  ['toJSON(github.event.pull_request)', false],
  ['toJSON(github.event.pull_request.title)', true],
  ['toJSON(github.repository)', false],
  ['fromJSON(github.event.issue.title)', true],
  ["format('{0} x', github.event.issue.title)", true],
  ["format('{0}', github.event.issue.number)", false],
  ['github.event.issue.title || github.sha', true],
  // letter case and index spelling (GitHub reads them the same way)
  ['GitHub.Event.Issue.Title', true],
  ["github.event['issue']['title']", true],
  ['github["event"].issue["body"]', true],
  ["github['head_ref']", true],
  ["github.event['issue']['number']", false],
  // not a context read: a string that merely mentions the name has no `github.event.`
  ["'issue.title'", false],
];

for (const [expr, expected] of CONTEXTS) {
  test(`untrusted context: ${expr} -> ${expected}`, () => {
    assert.equal(isUntrustedContext(expr), expected);
  });
}

test('gitcode/gitee contexts read as github.', () => {
  assert.equal(isUntrustedContext('gitcode.event.issue.title', 'gitcode'), true);
  assert.equal(isUntrustedContext('gitee.head_ref', 'gitee'), true);
  assert.equal(isUntrustedContext('gitcode.event.issue.title', 'github'), false);
  assert.equal(normalizeContextExpression("Gitee.Event['issue'].Title", 'gitee'), 'github.event.issue.title');
});

test('untrusted checkout refs: pull_request or workflow_run, any spelling', () => {
  assert.equal(isUntrustedCheckoutRef('${{ github.event.pull_request.head.sha }}'), true);
  assert.equal(isUntrustedCheckoutRef("${{ github.event['pull_request'].head.sha }}"), true);
  assert.equal(isUntrustedCheckoutRef('${{ github.event.workflow_run.head_sha }}'), true);
  assert.equal(isUntrustedCheckoutRef('refs/pull/${{ github.event.number }}/merge'), false);
  assert.equal(isUntrustedCheckoutRef('${{ github.head_ref }}'), false);
  assert.equal(isUntrustedCheckoutRef('${{ github.sha }}'), false);
});

function patterns(yaml: string): [string, number, string, boolean][] {
  return findDangerousPatterns(parseWorkflow('.github/workflows/w.yml', 'github', yaml)).map((p) => [p.type, p.line, p.snippet, p.scorecard]);
}

const WORKFLOWS: { name: string; yaml: string; expected: [string, number, string, boolean][] }[] = [
  {
    name: "toJSON(github.event) piped to jq (Scorecard's tojson fixture)",
    yaml: "on:\n  pull_request_target:\njobs:\n  log:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo '${{ toJSON(github.event) }}' | jq\n",
    expected: [['script_injection', 7, 'toJSON(github.event)', true]],
  },
  {
    name: 'index spelling in a multi-line script',
    yaml: "on: [issues]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n    - run: |\n        echo first\n        if [[ ! ${{ github.event['issue']['title'] }} =~ x ]]; then exit 1; fi\n",
    expected: [['script_injection', 8, "github.event['issue']['title']", true]],
  },
  {
    // An expression broken over lines is not in the file verbatim (block indentation): its line is the script's.
    name: 'whitespace and a line break inside ${{ }}',
    yaml: 'on: issues\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "${{\n            github.event.issue.body\n          }}"\n',
    expected: [['script_injection', 6, 'github.event.issue.body', true]],
  },
  {
    name: 'format() and fromJSON() wrapping an untrusted field',
    yaml: "on: issue_comment\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ format('{0}!', github.event.comment.body) }}\n      - run: echo ${{ fromJSON(github.event.comment.body) }}\n",
    expected: [
      ['script_injection', 6, "format('{0}!', github.event.comment.body)", true],
      ['script_injection', 7, 'fromJSON(github.event.comment.body)', true],
    ],
  },
  {
    name: 'github.head_ref in a run script',
    yaml: 'on: pull_request\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push origin ${{ github.head_ref }}\n',
    expected: [['script_injection', 6, 'github.head_ref', true]],
  },
  {
    name: 'committer name of a pushed commit',
    yaml: 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.committer.name }}"\n',
    expected: [['script_injection', 6, 'github.event.head_commit.committer.name', true]],
  },
  {
    name: 'an unterminated expression does not hide the next step',
    yaml: 'on: [pull_request]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n    - run: |\n        echo "prefix ${{ github.actor "\n    - run: |\n        title="${{ github.event.issue.title }}"\n',
    expected: [['script_injection', 9, 'github.event.issue.title', true]],
  },
  {
    name: 'safe: untrusted values through env, trusted expressions inline',
    yaml: 'on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$TITLE ${{ github.event.pull_request.number }} ${{ toJSON(github.repository) }}"\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n',
    expected: [],
  },
  {
    name: 'env indirection and github-script are found but not counted by Scorecard',
    yaml: "on: issues\nenv:\n  T: ${{ github.event.issue.title }}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ env.T }}\n      - uses: actions/github-script@v7\n        with:\n          script: console.log('${{ github.event.issue.body }}')\n",
    expected: [
      ['script_injection', 8, 'env.T', false],
      ['script_injection', 11, 'github.event.issue.body', false],
    ],
  },
  {
    name: 'untrusted checkout: letter case of the action and index spelling of the ref',
    yaml: "on:\n  pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n    - uses: actions/Checkout@v2\n      with:\n        ref: ${{ github.event['pull_request'].head.sha }}\n    - run: npm install\n",
    expected: [['untrusted_checkout', 9, "${{ github.event['pull_request'].head.sha }}", true]],
  },
  {
    name: 'untrusted checkout under workflow_run',
    yaml: 'on:\n  workflow_run:\n    workflows: [ci]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n',
    expected: [['untrusted_checkout', 10, '${{ github.event.workflow_run.head_sha }}', true]],
  },
  {
    name: 'checkout of github.head_ref: found, not counted by Scorecard',
    yaml: 'on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.head_ref }}\n',
    expected: [['untrusted_checkout', 8, '${{ github.head_ref }}', false]],
  },
  {
    name: 'checkout of the PR under pull_request (no secrets): safe',
    yaml: 'on: pull_request\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n',
    expected: [],
  },
  {
    name: 'checkout without ref under pull_request_target (the base branch): safe',
    yaml: 'on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    expected: [],
  },
];

for (const { name, yaml, expected } of WORKFLOWS) {
  test(`dangerous workflow: ${name}`, () => {
    assert.deepEqual(patterns(yaml), expected);
  });
}

async function scorecardDangerousWorkflow(files: Record<string, string>): Promise<{ score: number; reason: string; details: string[] }> {
  const check = LOCAL_CHECKS.find((c) => c.name === 'Dangerous-Workflow');
  assert.ok(check);
  const repo = await makeRepo(files);
  try {
    return await check.run({ repo: repo.view, signal: new AbortController().signal } as unknown as ScorecardInput);
  } finally {
    await repo.cleanup();
  }
}

const INJECTION = "on: issues\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo '${{ toJSON(github.event) }}'\n";
const ENV_ONLY = 'on: issues\nenv:\n  T: ${{ github.event.issue.title }}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ env.T }}\n';

test('Scorecard Dangerous-Workflow: 0 with a pattern Scorecard counts, with its detail line', async () => {
  const outcome = await scorecardDangerousWorkflow({ '.github/workflows/a.yml': INJECTION });
  assert.equal(outcome.score, 0);
  assert.deepEqual(outcome.details, ["Warn: script injection with untrusted input 'toJSON(github.event)': .github/workflows/a.yml:6"]);
});

test('Scorecard Dangerous-Workflow: patterns Scorecard does not count leave 10', async () => {
  const outcome = await scorecardDangerousWorkflow({ '.github/workflows/a.yml': ENV_ONLY });
  assert.equal(outcome.score, 10);
  assert.deepEqual(outcome.details, []);
});

test('Scorecard Dangerous-Workflow: comment-only files do not count; none left is inconclusive', async () => {
  const outcome = await scorecardDangerousWorkflow({ '.github/workflows/a.yml': '# nothing yet\n\n# TODO\n' });
  assert.equal(outcome.score, -1);
  assert.equal(outcome.reason, 'no workflows found');
});

test('Scorecard Dangerous-Workflow: a workflow that is not YAML makes the check fail (-1), as Scorecard errors', async () => {
  const outcome = await scorecardDangerousWorkflow({ '.github/workflows/a.yml': INJECTION, '.github/workflows/b.yml': 'on: [push\njobs:\n  a: {' });
  assert.equal(outcome.score, -1);
  assert.match(outcome.reason, /^could not parse \.github\/workflows\/b\.yml: invalid YAML/);
});
