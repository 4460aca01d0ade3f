import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { makeContext, makeRepo, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import type { Json } from '../../lib/json.js';
import { checker } from './index.js';

type JsonObject = { [key: string]: Json };
type Result = Record<string, unknown> & { workflows: Array<Record<string, unknown>> };

const WORKFLOW = 'name: ci\non:\n  push:\n  pull_request:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n';

let github: FakePlatform;
let repo: FixtureRepo;
before(async () => {
  github = await startFakePlatform('github');
  repo = await makeRepo({
    '.github/workflows/ci.yml': WORKFLOW,
    '.github/workflows/broken.yml': 'on: [push\n',
    Jenkinsfile: "pipeline { stages { stage('Build') { steps { sh 'make' } } } }\n",
    '.workflow/notes.yml': 'just: notes\n',
    'README.md': '# demo\n',
  });
});
after(async () => {
  await github.close();
  await repo.cleanup();
});

/** GitHub's GraphQL answer for the last commits: PR 1 passed a GitHub Actions check, PR 2 a Jenkins status, PR 3 nothing. */
function history(): JsonObject {
  const rollup = (nodes: JsonObject[]): JsonObject => ({ commits: { nodes: [{ commit: { statusCheckRollup: { contexts: { nodes } } } }] } });
  const pull = (number: number, nodes: JsonObject[]): JsonObject => ({ number, merged: true, author: { login: 'dev' }, mergedBy: { login: 'lead' }, reviews: { nodes: [] }, ...rollup(nodes) });
  const commit = (oid: string, pr: JsonObject | null): JsonObject => ({ oid, message: 'm', committedDate: '2026-11-01T00:00:00Z', author: { user: { login: 'dev' } }, associatedPullRequests: { nodes: pr ? [pr] : [] } });
  return {
    data: {
      repository: {
        defaultBranchRef: {
          target: {
            history: {
              nodes: [
                commit('c1', pull(1, [{ __typename: 'CheckRun', name: 'build', conclusion: 'SUCCESS', checkSuite: { app: { slug: 'github-actions' } } }])),
                commit('c2', pull(2, [{ __typename: 'StatusContext', context: 'ci', state: 'SUCCESS', targetUrl: 'https://jenkins.example/job/demo/2' }])),
                commit('c3', pull(3, [{ __typename: 'CheckRun', name: 'build', conclusion: 'FAILURE', checkSuite: { app: { slug: 'github-actions' } } }])),
                commit('c4', null),
              ],
            },
          },
        },
      },
    },
  };
}

void test('configuration found: every file with its system, triggers and jobs; a broken one keeps its place', async () => {
  const result = (await checker.run(makeContext(repo.view))) as Result;
  assert.equal(result.ci_enabled, true);
  assert.equal(result.ci_config_present, true);
  assert.deepEqual(result.workflows, [
    { file: 'demo/.github/workflows/broken.yml', system: 'github-actions', triggers: [], jobs: [], error: result.workflows[0]?.error },
    { file: 'demo/.github/workflows/ci.yml', system: 'github-actions', triggers: ['push', 'pull_request'], jobs: ['build', 'lint'] },
    { file: 'demo/Jenkinsfile', system: 'jenkins', triggers: [], jobs: ['Build'] },
  ]);
  assert.match(String(result.workflows[0]?.error), /^invalid YAML/);
  assert.deepEqual(result.systems, ['github-actions', 'jenkins']);
  assert.equal(result.recent_runs_skipped, 'set [Github] access_key to check that CI ran on the recent merged pull requests (Scorecard CI-Tests)');
  assert.deepEqual(Object.keys(result).slice(0, 3), ['ci_enabled', 'ci_config_present', 'workflows'], 'the fields Compass reads come first');
});

void test('no CI configuration: false and an empty list, never {}', async (t) => {
  const bare = await makeRepo({ 'README.md': '# bare\n', 'docs/.travis.yml': 'language: go\n' });
  t.after(() => bare.cleanup());
  const result = (await checker.run(makeContext(bare.view, { task: { projectUrl: 'https://gitee.com/acme/bare' } }))) as Result;
  assert.deepEqual(result, {
    ci_enabled: false,
    ci_config_present: false,
    workflows: [],
    systems: [],
    recent_runs_skipped: "Gitee's API offers no CI results of commits or pull requests: only the configuration is read",
  });
});

void test('with a GitHub token: CI runs of the recent merged pull requests, decided as Scorecard CI-Tests', async () => {
  github.data.graphql = (query) => (query.includes('history(first: 30)') ? history() : { data: null, errors: [{ type: 'NOT_FOUND', message: 'unexpected' }] });
  const config = testConfig({ ...github.env(), OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  const result = (await checker.run(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }))) as Result;
  assert.deepEqual(result.recent_runs, {
    source: 'github',
    method: 'Scorecard CI-Tests: merged pull requests among the last 30 commits of the default branch whose head passed a CI check',
    merged_pull_requests: 3,
    tested_pull_requests: 2,
    ci_ran: true,
    pull_requests: [
      { number: 1, tested: true, evidence: 'github-actions' },
      { number: 2, tested: true, evidence: 'ci' },
      { number: 3, tested: false, evidence: null },
    ],
  });
  const graphql = github.requests.filter((request) => request.path === '/graphql');
  assert.equal(graphql.length, 1);
  assert.equal(graphql[0]?.headers.authorization, 'Bearer gh-token');
});

void test('CI seen running without configuration in the repository (external CI) still counts as enabled', async (t) => {
  const bare = await makeRepo({ 'README.md': '# external\n' });
  t.after(() => bare.cleanup());
  github.data.graphql = () => history();
  const config = testConfig({ ...github.env(), OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  const result = (await checker.run(makeContext(bare.view, { config, task: { projectUrl: github.projectUrl } }))) as Result;
  assert.deepEqual([result.ci_enabled, result.ci_config_present], [true, false]);
});

void test('an API failure takes only the run evidence away, with the reason', async () => {
  github.mode = 'unauthorized';
  try {
    const config = testConfig({ ...github.env(), OPENCHECKER_GITHUB_ACCESS_KEY: 'bad' });
    const result = (await checker.run(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }))) as Result;
    assert.equal(result.ci_enabled, true);
    assert.match(String(result.recent_runs_skipped), /^GitHub API: GitHub API refused the token \(401/);
  } finally {
    github.mode = 'ok';
  }
});

void test('declares a shallow checkout and network only with credentials', () => {
  assert.deepEqual(checker.requirements, { checkout: 'shallow', network: 'optional' });
});
