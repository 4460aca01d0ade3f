import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkflowRun } from '../../platforms/index.js';
import { evaluateBuilds, isDefaultBranchBuild } from './evaluate.js';

const WINDOW = { branch: 'main', maxRuns: 100, days: 90, since: '2026-09-01' };
let next = 1;
const run = (conclusion: string | null, extra: Partial<WorkflowRun> = {}): WorkflowRun => ({
  id: next++,
  name: 'CI',
  path: '.github/workflows/ci.yml',
  headBranch: 'main',
  headSha: 'abc',
  event: 'push',
  status: 'completed',
  conclusion,
  createdAt: '2026-11-01T00:00:00Z',
  runAttempt: 1,
  htmlUrl: null,
  ...extra,
});

void test('which runs are builds of the default branch', () => {
  assert.ok(isDefaultBranchBuild(run('success'), 'main'));
  assert.ok(isDefaultBranchBuild(run('success', { event: 'schedule' }), 'main'));
  assert.ok(!isDefaultBranchBuild(run('success', { headBranch: 'feature' }), 'main'));
  assert.ok(!isDefaultBranchBuild(run('success', { event: 'pull_request' }), 'main'), 'a fork PR from its own main branch');
  assert.ok(!isDefaultBranchBuild(run('success', { path: 'dynamic/dependabot/dependabot-updates' }), 'main'));
});

void test('the rate counts success against failure, timed_out and startup_failure; other conclusions are set apart', () => {
  const result = evaluateBuilds(
    [
      run('success'),
      run('success'),
      run('failure'),
      run('timed_out', { name: 'Release', path: '.github/workflows/release.yml' }),
      run('success', { name: 'Release', path: '.github/workflows/release.yml' }),
      run('cancelled'),
      run('skipped'),
      run('success', { event: 'pull_request' }),
    ],
    WINDOW,
  );
  assert.deepEqual(result, {
    build_success_rate: 0.6,
    success_rate: 0.6,
    runs_considered: 5,
    window: { branch: 'main', max_runs: 100, days: 90, since: '2026-09-01' },
    by_workflow: [
      { name: 'CI', path: '.github/workflows/ci.yml', runs: 3, success: 2, failure: 1, success_rate: 0.6667 },
      { name: 'Release', path: '.github/workflows/release.yml', runs: 2, success: 1, failure: 1, success_rate: 0.5 },
    ],
    successes: 3,
    failures: 2,
    excluded_by_conclusion: { cancelled: 1, skipped: 1 },
    source: 'github-actions',
    excluded_not_default_branch_builds: 1,
  });
});

void test('nothing to measure: null with the reason, never 0', () => {
  const result = evaluateBuilds([run('cancelled')], WINDOW);
  assert.equal(result.build_success_rate, null);
  assert.equal(result.runs_considered, 0);
  assert.equal(result.reason, 'no completed build of main (success or failure) among the GitHub Actions runs since 2026-09-01');
});
