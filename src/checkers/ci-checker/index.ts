/**
 * ci-checker: does the project use CI? The CI configuration files of 20 systems (GitHub Actions, Gitee and
 * GitCode workflows, Gitee Go, GitLab CI, Jenkins, Travis CI, CircleCI, Azure Pipelines, AppVeyor, Drone,
 * Buildkite, Tekton, Zuul, Prow, OpenHarmony CI, Woodpecker, Cirrus CI, Semaphore, Bitbucket Pipelines), each
 * with its triggers and jobs; and, when `[Github] access_key` is set, whether CI really ran on the recent
 * merged pull requests, decided as Scorecard's CI-Tests check decides it. The fields are those OSS Compass's v2
 * `ci_integration` reads (`ci_enabled`, `workflows`, `ci_config_present`).
 */
import { loadWorkflows } from '../../analysis/workflows/load.js';
import { defaultBranchChangesets, mergedPullRequestCi } from '../../analysis/scorecard/api-checks.js';
import { PLATFORM_LABEL, PlatformError, gitHubClient, tryParseRepoUrl, type RepoRef } from '../../platforms/index.js';
import type { CheckContext, Checker, Json } from '../types.js';
import { describeCiFile, isOpenHarmonyCiFile, looksLike, systemAt, type CiSystem } from './detect.js';
import { meta } from './meta.js';

/** CI files described at most (a monorepo with hundreds of Jenkinsfiles is still "uses CI"). */
const MAX_FILES = 200;

interface CiFile {
  file: string;
  system: CiSystem;
  triggers: string[];
  jobs: string[];
  error?: string;
}

const WORKFLOW_SYSTEM: Record<string, CiSystem> = { github: 'github-actions', gitee: 'gitee-workflows', gitcode: 'gitcode-workflows' };

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const ref = tryParseRepoUrl(ctx.task.projectUrl);
    const workflows = await ciFiles(ctx, ref);
    const runs = await recentRuns(ctx, ref);
    const configPresent = workflows.files.length > 0;
    const result: { [key: string]: Json } = {
      ci_enabled: configPresent || (typeof runs === 'object' && runs.tested_pull_requests > 0),
      ci_config_present: configPresent,
      workflows: workflows.files.map((entry) => ({ ...entry })),
      systems: [...new Set(workflows.files.map((entry) => entry.system))],
    };
    if (workflows.unread > 0) result.workflows_not_read = workflows.unread;
    if (typeof runs === 'string') result.recent_runs_skipped = runs;
    else result.recent_runs = runs;
    return result;
  },
};


/** The CI files, described; past MAX_FILES the remaining candidates are only counted. */
async function ciFiles(ctx: CheckContext, ref: RepoRef | null): Promise<{ files: CiFile[]; unread: number }> {
  const found: CiFile[] = [];
  let unread = 0;
  // Workflow-format files (.github/.gitee/.gitcode workflows) come from the parse other checkers share.
  for (const workflow of await loadWorkflows(ctx.repo)) {
    const entry: CiFile = { file: ctx.repo.displayPath(workflow.path), system: WORKFLOW_SYSTEM[workflow.platform] ?? 'github-actions', triggers: [...workflow.triggers], jobs: workflow.jobs.map((job) => job.id) };
    if (workflow.error) entry.error = workflow.error;
    found.push(entry);
  }
  for (const file of await ctx.repo.files()) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const located = isOpenHarmonyCiFile(file.path, ref?.owner ?? null) ? { system: 'openharmony-ci' as const, needsContent: false } : systemAt(file.path);
    if (!located || located.system === 'github-actions' || located.system === 'gitee-workflows' || located.system === 'gitcode-workflows') continue;
    if (found.length >= MAX_FILES) {
      unread++;
      continue;
    }
    if (await ctx.repo.isBinary(file.path)) continue;
    const content = await ctx.repo.readText(file.path);
    if (located.needsContent && !looksLike(located.system, content)) continue;
    const described = describeCiFile(located.system, file.path, content);
    const entry: CiFile = { file: ctx.repo.displayPath(file.path), system: located.system, triggers: [...described.triggers], jobs: [...described.jobs] };
    if (described.error) entry.error = described.error;
    found.push(entry);
  }
  return { files: found, unread };
}

interface RecentRuns {
  [key: string]: Json;
  source: string;
  method: string;
  merged_pull_requests: number;
  tested_pull_requests: number;
  ci_ran: boolean;
  pull_requests: Json[];
}

/** CI results of the recent merged pull requests (GitHub, with a token), or why they were not read. */
async function recentRuns(ctx: CheckContext, ref: RepoRef | null): Promise<RecentRuns | string> {
  if (ref === null) return 'not a GitHub, Gitee or GitCode project: CI runs are not read';
  if (ref.platform !== 'github') return `${PLATFORM_LABEL[ref.platform]}'s API offers no CI results of commits or pull requests: only the configuration is read`;
  if (!ctx.config.Github.access_key) return 'set [Github] access_key to check that CI ran on the recent merged pull requests (Scorecard CI-Tests)';
  try {
    const client = gitHubClient(ref, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
    const outcomes = mergedPullRequestCi(await defaultBranchChangesets(client));
    const tested = outcomes.filter((pr) => pr.tested).length;
    return {
      source: 'github',
      method: 'Scorecard CI-Tests: merged pull requests among the last 30 commits of the default branch whose head passed a CI check',
      merged_pull_requests: outcomes.length,
      tested_pull_requests: tested,
      ci_ran: tested > 0,
      pull_requests: outcomes.map((pr) => ({ number: pr.number, tested: pr.tested, evidence: pr.evidence })),
    };
  } catch (err) {
    // The files still answer the question; the API's failure only takes the run evidence away.
    if (err instanceof PlatformError) return `GitHub API: ${err.message}`;
    throw err;
  }
}
