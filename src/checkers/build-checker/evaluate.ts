/**
 * The build success rate from GitHub Actions runs (pure). A run is a build of the default branch when it ran on
 * that branch for anything but a pull request (a pull request's `head_branch` is its contributor's branch, which
 * may share the default branch's name in a fork) and is not a Dependabot update job. Its outcome counts when it
 * is one: `success` succeeded; `failure`, `timed_out` and `startup_failure` failed. `cancelled`, `skipped`,
 * `neutral`, `action_required` and `stale` say nothing about whether the code builds, so they are reported
 * apart and left out of the rate.
 */
import type { Json } from '../types.js';
import type { WorkflowRun } from '../../platforms/index.js';

const SUCCEEDED = new Set(['success']);
const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

export interface BuildWindow {
  readonly branch: string;
  readonly maxRuns: number;
  readonly days: number;
  readonly since: string;
}

interface Tally {
  name: string;
  path: string | null;
  success: number;
  failure: number;
}

/** 0..1 with four decimals. */
const rate = (success: number, total: number): number | null => (total === 0 ? null : Math.round((success / total) * 10_000) / 10_000);

export function isDefaultBranchBuild(run: WorkflowRun, branch: string): boolean {
  return run.headBranch === branch && !PULL_REQUEST_EVENTS.has(run.event) && !(run.path ?? '').startsWith('dynamic/dependabot');
}

export function evaluateBuilds(runs: readonly WorkflowRun[], window: BuildWindow): { [key: string]: Json } {
  const byWorkflow = new Map<string, Tally>();
  const excluded: Record<string, number> = {};
  let success = 0;
  let failure = 0;
  let otherBranches = 0;
  for (const run of runs) {
    if (!isDefaultBranchBuild(run, window.branch)) {
      otherBranches++;
      continue;
    }
    const conclusion = run.conclusion ?? 'none';
    const ok = SUCCEEDED.has(conclusion);
    if (!ok && !FAILED.has(conclusion)) {
      excluded[conclusion] = (excluded[conclusion] ?? 0) + 1;
      continue;
    }
    const key = run.path ?? run.name;
    const tally = byWorkflow.get(key) ?? { name: run.name, path: run.path, success: 0, failure: 0 };
    if (ok) {
      tally.success++;
      success++;
    } else {
      tally.failure++;
      failure++;
    }
    byWorkflow.set(key, tally);
  }
  const considered = success + failure;
  const overall = rate(success, considered);
  const result: { [key: string]: Json } = {
    build_success_rate: overall,
    success_rate: overall,
    runs_considered: considered,
    window: { branch: window.branch, max_runs: window.maxRuns, days: window.days, since: window.since },
    by_workflow: [...byWorkflow.values()]
      .sort((a, b) => b.success + b.failure - (a.success + a.failure) || (a.name < b.name ? -1 : 1))
      .map((tally) => ({ name: tally.name, path: tally.path, runs: tally.success + tally.failure, success: tally.success, failure: tally.failure, success_rate: rate(tally.success, tally.success + tally.failure) })),
    successes: success,
    failures: failure,
    excluded_by_conclusion: excluded,
    source: 'github-actions',
  };
  if (otherBranches > 0) result.excluded_not_default_branch_builds = otherBranches;
  if (overall === null) result.reason = `no completed build of ${window.branch} (success or failure) among the GitHub Actions runs since ${window.since}`;
  return result;
}
