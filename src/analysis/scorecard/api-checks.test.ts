import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { platformSample, startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { runOnFake } from '../../../test/fakes/run-platform-command.js';
import { makeRepo, type FixtureRepo } from '../../../test/support/fixtures.js';
import type { Json } from '../../lib/json.js';
import type { Release } from '../../platforms/index.js';
import {
  API_CHECKS,
  evaluateBestPractices,
  evaluateBranchProtection,
  evaluateCiTests,
  evaluateCodeReview,
  evaluateContributors,
  evaluateMaintained,
  evaluateSignedReleases,
  evaluateWebhooks,
  mergedPullRequestCi,
  parseHistory,
  type ChangesetFacts,
  type PullRequestFacts,
} from './api-checks.js';

type JsonObject = { [key: string]: Json };

const pr = (number: number, extra: Partial<PullRequestFacts> = {}): PullRequestFacts => ({ number, merged: true, author: 'dev', mergedBy: 'lead', reviews: [], checks: [], ...extra });
const changeset = (sha: string, extra: Partial<ChangesetFacts> = {}): ChangesetFacts => ({ sha, message: 'change', author: 'dev', committedDate: new Date().toISOString(), pr: null, ...extra });

void test('Code-Review: approvals by someone else, or Gerrit/Phabricator trailers; bots are left out', () => {
  const result = evaluateCodeReview([
    changeset('a', { pr: pr(1, { reviews: [{ state: 'APPROVED', author: 'reviewer' }] }) }),
    changeset('b', { pr: pr(2, { reviews: [{ state: 'APPROVED', author: 'dev' }, { state: 'COMMENTED', author: 'x' }] }) }),
    changeset('c', { message: 'fix\n\nReviewed-on: https://review.example/123' }),
    changeset('d', { author: 'dependabot[bot]' }),
  ]);
  assert.deepEqual(result, { score: 6, reason: 'found 1 unreviewed changesets out of 3 -- score normalized to 6', details: ['Warn: no reviews found for pull request #2'] });
  assert.equal(evaluateCodeReview([]).score, -1);
  assert.equal(evaluateCodeReview([changeset('a', { pr: pr(1, { reviews: [{ state: 'APPROVED', author: 'r' }] }) })]).reason, 'all changesets reviewed');
});

void test('CI-Tests: merged PRs whose head passed a recognised CI check', () => {
  const result = evaluateCiTests([
    changeset('a', { pr: pr(1, { checks: [{ kind: 'check-run', name: 'build', app: 'github-actions', conclusion: 'success' }] }) }),
    changeset('b', { pr: pr(2, { checks: [{ kind: 'status', name: 'continuous-integration/jenkins/pr-merge', app: null, conclusion: 'success' }] }) }),
    changeset('c', { pr: pr(3, { checks: [{ kind: 'check-run', name: 'build', app: 'github-actions', conclusion: 'failure' }] }) }),
    changeset('c2', { pr: pr(3) }),
    changeset('d', { pr: pr(4, { merged: false }) }),
  ]);
  assert.deepEqual(result, { score: 6, reason: '2 out of 3 merged PRs checked by a CI test -- score normalized to 6', details: ['Warn: merged PR #3 without CI test'] });
  assert.deepEqual(evaluateCiTests([changeset('x')]), { score: -1, reason: 'no pull request found', details: [] });
});

void test('CI-Tests as Scorecard v5 decides: a status counts by its target URL too; one PR counted once', () => {
  const outcomes = mergedPullRequestCi([
    changeset('a', { pr: pr(1, { checks: [{ kind: 'status', name: 'ci', app: null, conclusion: 'success', targetUrl: 'https://dev.azure.com/x/_build/results?buildId=1&view=vstfs:///Build/Build/1' }] }) }),
    changeset('a2', { pr: pr(1) }),
    changeset('b', { pr: pr(2, { checks: [{ kind: 'status', name: 'Cirrus CI', app: null, conclusion: 'success' }] }) }),
    changeset('c', { pr: pr(3, { checks: [{ kind: 'check-run', name: 'x', app: 'cirrus-ci', conclusion: 'success' }, { kind: 'status', name: 'ci/woodpecker/pr', app: null, conclusion: 'pending' }] }) }),
  ]);
  assert.deepEqual(outcomes, [
    { number: 1, tested: true, evidence: 'ci' },
    // Scorecard lists "Cirrus CI" with capitals and compares it with a lower-cased context: it never matches.
    { number: 2, tested: false, evidence: null },
    { number: 3, tested: true, evidence: 'cirrus-ci' },
  ]);
});

void test('Maintained: activity in the last 90 days, 12 for the full score; archived and new projects score 0', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const days = (n: number): string => new Date(now.getTime() - n * 86_400_000).toISOString();
  const base = { archived: false, createdAt: days(1000), commitDates: [days(1), days(20), days(50), days(89), days(120)], maintainerIssueActivity: 3 };
  assert.deepEqual(evaluateMaintained(base, now), { score: 5, reason: '4 commit(s) and 3 issue activity found in the last 90 days -- score normalized to 5', details: [] });
  assert.equal(evaluateMaintained({ ...base, maintainerIssueActivity: 30 }, now).score, 10);
  assert.equal(evaluateMaintained({ ...base, archived: true }, now).reason, 'project is archived');
  assert.equal(evaluateMaintained({ ...base, createdAt: days(10) }, now).score, 0);
});

void test('Signed-Releases: provenance 10, signature 8, nothing 0, over the last five releases', () => {
  const release = (tag: string, assets: string[], draft = false): Release => ({ tag, name: tag, body: '', draft, prerelease: false, createdAt: null, publishedAt: null, archiveUrl: null, assets: assets.map((name) => ({ name, downloadUrl: null, size: null })) });
  const result = evaluateSignedReleases([release('v4', ['a.tar.gz', 'a.intoto.jsonl']), release('v3', ['a.tar.gz', 'a.tar.gz.asc']), release('v2', ['a.tar.gz']), release('v1-draft', ['x.sig'], true)]);
  assert.equal(result.score, 6); // (10 + 8 + 0) / 3
  assert.ok(result.details.includes('Warn: release artifact v2 not signed'));
  assert.equal(evaluateSignedReleases([]).score, -1);
});

void test('Webhooks, Contributors and CII-Best-Practices scores', () => {
  assert.deepEqual(evaluateWebhooks(platformSample<JsonObject[]>('github', 'repos.hooks.list.200.json')), {
    score: 5,
    reason: '1 out of 2 webhook(s) are not protected by a secret -- score normalized to 5',
    details: ['Warn: no secret configured for webhook 12345678'],
  });
  assert.equal(evaluateWebhooks([]).score, 10);
  assert.equal(evaluateContributors(['acme', 'globex', 'acme']).score, 6);
  assert.equal(evaluateContributors(['a', 'b', 'c', 'd']).score, 10);
  assert.deepEqual([null, 'in_progress', 'passing', 'silver', 'gold'].map((level) => evaluateBestPractices(level).score), [0, 2, 5, 7, 10]);
});

void test("Branch-Protection: Scorecard's tiers on GitHub's protection object", () => {
  const sample = platformSample<JsonObject>('github', 'repos.branches.protection.get.200.json');
  // Tier 1 (no force push, no deletion), tier 2 (1 approval, strict), tier 3 (status checks); tier 4 needs 2 approvals.
  assert.equal(evaluateBranchProtection('main', sample).score, 8);
  const reviews = sample.required_pull_request_reviews as JsonObject;
  const maximal = { ...sample, required_pull_request_reviews: { ...reviews, required_approving_review_count: 2, require_code_owner_reviews: true } };
  assert.equal(evaluateBranchProtection('main', maximal).score, 10);
  assert.equal(evaluateBranchProtection('main', { ...sample, allow_force_pushes: { enabled: true } }).score, 1);
  assert.equal(evaluateBranchProtection('main', null).score, 0);
});

void test('the GraphQL history answer is read into changesets', () => {
  const changesets = parseHistory(historyAnswer().data as JsonObject);
  assert.equal(changesets.length, 3);
  assert.deepEqual(changesets[0]?.pr?.checks, [{ kind: 'check-run', name: 'test', app: 'github-actions', conclusion: 'success' }]);
  assert.equal(changesets[2]?.pr, null);
});

function historyAnswer(): JsonObject {
  const commit = (oid: string, login: string, pull: JsonObject | null): JsonObject => ({
    oid,
    message: 'change',
    committedDate: new Date(Date.now() - 86_400_000).toISOString(),
    author: { user: { login } },
    associatedPullRequests: { nodes: pull ? [pull] : [] },
  });
  const pull = (number: number, approver: string | null, ci: boolean): JsonObject => ({
    number,
    merged: true,
    author: { login: 'dev' },
    mergedBy: { login: 'lead' },
    reviews: { nodes: approver ? [{ state: 'APPROVED', author: { login: approver } }] : [] },
    commits: { nodes: [{ commit: { statusCheckRollup: ci ? { contexts: { nodes: [{ __typename: 'CheckRun', name: 'test', conclusion: 'SUCCESS', checkSuite: { app: { slug: 'github-actions' } } }] } } : null } }] },
  });
  return { data: { repository: { defaultBranchRef: { target: { history: { nodes: [commit('c1', 'dev', pull(1, 'lead', true)), commit('c2', 'dev', pull(2, null, false)), commit('c3', 'dev', null)] } } } } } };
}

let github: FakePlatform;
let repo: FixtureRepo;
before(async () => {
  github = await startFakePlatform('github');
  repo = await makeRepo({ 'README.md': '# demo\n', LICENSE: 'MIT License\n' });
  github.data.repo = { ...github.data.repo, default_branch: 'main' };
  github.data.protection.main = platformSample<JsonObject>('github', 'repos.branches.protection.get.200.json');
  github.data.contributors = [
    { login: 'alice', id: 1, type: 'User', contributions: 40 },
    { login: 'bob', id: 2, type: 'User', contributions: 9 },
    { login: 'drive-by', id: 3, type: 'User', contributions: 1 },
  ];
  github.data.users = { alice: { login: 'alice', company: '@Acme', organizations: ['acme'] }, bob: { login: 'bob', company: 'Globex' } };
  github.data.graphql = (query) => (query.includes('history(first: 30)') ? historyAnswer() : { data: null, errors: [{ type: 'NOT_FOUND', message: 'unexpected query' }] });
});
after(async () => {
  await github.close();
  await repo.cleanup();
});

async function scorecard(env: Record<string, string>): Promise<Map<string, { score: number; reason: string }>> {
  const result = (await runOnFake(github, ['scorecard-score'], { env: { OPENCHECKER_BESTPRACTICES_API_URL: 'http://127.0.0.1:9', ...env }, repo: repo.view }))['scorecard-score'] as {
    checks: { name: string; score: number; reason: string }[];
  };
  return new Map(result.checks.map((check) => [check.name, check]));
}

void test('scorecard-score end to end: with a token the API checks score from the GitHub API', async () => {
  github.requests.length = 0;
  const checks = await scorecard({ OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  const scores = Object.fromEntries(API_CHECKS.filter((check) => check.name !== 'CII-Best-Practices').map((check) => [check.name, checks.get(check.name)?.score]));
  assert.deepEqual(scores, { 'Branch-Protection': 8, 'CI-Tests': 5, 'Code-Review': 3, Contributors: 6, Maintained: 2, 'Signed-Releases': 5, Webhooks: 5 });
  assert.match(checks.get('CII-Best-Practices')?.reason ?? '', /^OpenSSF Best Practices API: /);
  // The commit history came from one GraphQL query shared by Code-Review, CI-Tests and Maintained.
  assert.equal(github.requests.filter((request) => request.path === '/graphql' && request.body.includes('history(first: 30)')).length, 1);
});

void test('without a token, or on an API failure, the API checks are inconclusive with the reason', async () => {
  const checks = await scorecard({});
  assert.deepEqual(checks.get('Code-Review'), { name: 'Code-Review', score: -1, reason: 'needs the GitHub API: set [Github] access_key', details: [] });
  github.mode = 'rate-limited';
  const limited = await scorecard({ OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
  assert.match(limited.get('Branch-Protection')?.reason ?? '', /^GitHub API: GitHub API rate limit exceeded/);
  assert.equal(limited.get('Binary-Artifacts')?.score, 10, 'the local checks still run');
  github.mode = 'ok';
});
