/**
 * The one task pipeline, shared by the agent and `openchecker check`: from the commands' declared requirements
 * decide whether and how to clone, clone into a workspace, open the right view of the files, run the commands
 * and close the view. Requirements are read from the checkers' metadata, never from their code.
 */
import { join } from 'node:path';
import { getCheckerMeta } from '../checkers/metadata.js';
import { runCommands, type CommandOutcome } from '../checkers/runner.js';
import type { Json, TaskInfo } from '../checkers/types.js';
import type { Config } from '../config/schema.js';
import { errorMessage } from '../lib/errors.js';
import { CloneError, cloneRepository } from '../lib/git.js';
import type { Logger } from '../lib/log.js';
import { networkPolicyFor } from '../lib/net-policy.js';
import { GitRepoView } from '../lib/repo/git-repo-view.js';
import { RepoTooLargeError } from '../lib/repo/limits.js';
import { FsRepoView, type RepoView, type RepoViewOptions } from '../lib/repo/repo-view.js';
import type { SharedCache } from '../lib/shared-cache.js';
import type { RepoRef } from './repo-ref.js';

/** How much of the repository the commands need. */
export interface ClonePlan {
  /** Some command reads files (`checkout` other than `none`). */
  readonly needed: boolean;
  /** Some command reads history (`checkout: 'full'`). */
  readonly fullHistory: boolean;
  /** Some command runs a program on real files (`requirements.worktree`); the others read git's objects. */
  readonly worktree: boolean;
}

export function clonePlan(commands: readonly string[]): ClonePlan {
  const requirements = commands.map((name) => getCheckerMeta(name)?.requirements);
  const checkouts = requirements.map((r) => r?.checkout ?? 'none');
  return {
    needed: checkouts.some((checkout) => checkout !== 'none'),
    fullHistory: checkouts.includes('full'),
    worktree: requirements.some((r) => r?.worktree === true),
  };
}

/** Where the files come from: a repository cloned when a command needs files, or a folder read in place. */
export type TaskSource = { readonly clone: RepoRef } | { readonly folder: string };

export interface RunTaskOptions {
  readonly task: TaskInfo;
  readonly commands: readonly string[];
  readonly source: TaskSource;
  /** Makes the empty folder to clone into; called only when a clone is needed. The caller removes it. */
  readonly makeWorkspace: () => Promise<string>;
  readonly allowLocalRepos: boolean;
  readonly config: Config;
  readonly configDir: string;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  readonly cache?: SharedCache;
  readonly onCloneStart?: () => void;
  readonly onCloned?: (seconds: number) => void;
  readonly onCommandDone?: (command: string, outcome: CommandOutcome, seconds: number) => void;
}

export interface TaskRun {
  /** `failed` only when the repository could not be cloned; a command's own failure is its `{"error"}` result. */
  readonly status: 'succeeded' | 'failed';
  readonly scanResults: Record<string, Json>;
  /** Why the task failed, or null. */
  readonly error: string | null;
  /** The checker version of each command (from its metadata); null for a command this version does not have. */
  readonly commandVersions: Record<string, number | null>;
}

export async function runTask(options: RunTaskOptions): Promise<TaskRun> {
  const { task, source, config } = options;
  const commands = [...new Set(options.commands)];
  const commandVersions = Object.fromEntries(commands.map((command) => [command, getCheckerMeta(command)?.version ?? null]));
  const plan = clonePlan(commands);
  const viewOptions = repoViewOptions(config);
  const failAll = (reason: string): TaskRun => ({
    status: 'failed',
    error: reason,
    scanResults: Object.fromEntries(commands.map((command) => [command, { error: reason }])),
    commandVersions,
  });
  let repo: RepoView | null = null;
  try {
    if ('folder' in source) {
      // Read in place: checkers never write.
      repo = new FsRepoView(source.folder, task.repoName, viewOptions);
    } else if (plan.needed) {
      const checkout = join(await options.makeWorkspace(), task.repoName);
      options.onCloneStart?.();
      const started = performance.now();
      try {
        await cloneRepository({
          url: source.clone.cloneUrl,
          dest: checkout,
          version: task.versionNumber,
          fullHistory: plan.fullHistory,
          worktree: plan.worktree,
          allowLocal: options.allowLocalRepos,
          policy: networkPolicyFor(config.Network),
          timeoutMs: config.OpenCheck.clone_timeout_s * 1000,
          maxBytes: config.OpenCheck.clone_max_size_mb * 1024 * 1024,
          signal: options.signal,
          // A worktree is written only for a tree within the limits (a "git bomb" never reaches the disk).
          inspect: plan.worktree ? (dir) => listWithin(new GitRepoView(dir, task.repoName, 'HEAD', viewOptions)) : undefined,
        });
      } catch (err) {
        if (err instanceof RepoTooLargeError) return failAll(err.message);
        return failAll(err instanceof CloneError ? err.message : `clone failed: ${errorMessage(err)}`);
      }
      options.onCloned?.((performance.now() - started) / 1000);
      repo = plan.worktree ? new FsRepoView(checkout, task.repoName, viewOptions) : new GitRepoView(checkout, task.repoName, 'HEAD', viewOptions);
    }
    if (repo) {
      // The tree is listed (and checked against the limits) once, before any checker loads: a repository
      // over a limit fails the task with "repository too large: ..." for every command, as a failed clone does.
      try {
        await repo.files();
      } catch (err) {
        if (err instanceof RepoTooLargeError) return failAll(err.message);
        // Any other listing failure is each command's own `{"error"}`, as before.
      }
    }
    const scanResults = await runCommands({
      commands,
      task,
      repo,
      config,
      configDir: options.configDir,
      log: options.log,
      signal: options.signal,
      cache: options.cache,
      onCommandDone: options.onCommandDone,
    });
    return { status: 'succeeded', scanResults, error: null, commandVersions };
  } finally {
    await repo?.close();
  }
}

/** The repository limits and git time limit of the configuration, for every view a task opens. */
export function repoViewOptions(config: Config): RepoViewOptions {
  const open = config.OpenCheck;
  return {
    limits: { maxFiles: open.repo_max_files, maxTotalBytes: open.repo_max_total_mb * 1024 * 1024, maxDepth: open.repo_max_depth },
    gitTimeoutMs: open.git_timeout_s * 1000,
  };
}

async function listWithin(view: RepoView): Promise<void> {
  try {
    await view.files();
  } finally {
    await view.close();
  }
}
