/**
 * The one task pipeline, shared by the agent and `openchecker check`: from the commands' declared requirements
 * decide whether and how to clone, clone into a workspace, open the right view of the files, run the commands
 * and close the view. Requirements are read from the checkers' metadata, never from their code.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { getCheckerMeta } from '../checkers/metadata.js';
import { runCommands, type CommandOutcome } from '../checkers/runner.js';
import type { Json, TaskInfo } from '../checkers/types.js';
import type { Config } from '../config/schema.js';
import { errorMessage } from '../lib/errors.js';
import { CloneError, cloneRepository } from '../lib/git.js';
import { attachCommit, GitCacheUnavailableError, type AcquireHow, type GitCacheLease, type GitRepoCache } from '../lib/git-cache/index.js';
import type { Logger } from '../lib/log.js';
import { networkPolicyFor } from '../lib/net-policy.js';
import { GitRepoView } from '../lib/repo/git-repo-view.js';
import { RepoTooLargeError } from '../lib/repo/limits.js';
import { FsRepoView, type RepoView, type RepoViewOptions } from '../lib/repo/repo-view.js';
import type { ResultCache } from '../lib/result-cache/cache.js';
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
  /**
   * The per-repository git cache: with it, a repository is fetched into (or read from) the cache instead of
   * cloned, and the task's workspace gets a small git folder over the cache's objects (./attach.ts in
   * src/lib/git-cache). A cache that cannot serve the task falls back to a clone.
   */
  readonly gitCache?: GitRepoCache;
  /**
   * The shared result cache: per-file facts for the views the task opens, and stored results of commands that
   * declare `cache` (reused for the same input, marked in `reusedFrom`). Null or absent: nothing is cached.
   */
  readonly resultCache?: ResultCache | null;
  /** Run every command even when a stored result could be reused (a submission's `"fresh": true`). */
  readonly fresh?: boolean;
  readonly onCloneStart?: () => void;
  /** The repository is in: how (a plain clone, or the git cache's clone, fetch, reuse or mirror) and how long it took. */
  readonly onCloned?: (seconds: number, how: AcquireHow | 'clone-uncached') => void;
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
  /** Commands whose stored result was reused, with the task that computed it (absent when none was). */
  readonly reusedFrom?: Record<string, string>;
  /** How the repository's objects were obtained (absent when no files were needed or the clone failed). */
  readonly fetch?: { readonly how: AcquireHow | 'clone-uncached'; readonly seconds: number };
}

export async function runTask(options: RunTaskOptions): Promise<TaskRun> {
  const { task, source, config } = options;
  const commands = [...new Set(options.commands)];
  const commandVersions = Object.fromEntries(commands.map((command) => [command, getCheckerMeta(command)?.version ?? null]));
  const plan = clonePlan(commands);
  const viewOptions: RepoViewOptions = { ...repoViewOptions(config), resultCache: options.resultCache ?? null };
  const failAll = (reason: string): TaskRun => ({
    status: 'failed',
    error: reason,
    scanResults: Object.fromEntries(commands.map((command) => [command, { error: reason }])),
    commandVersions,
  });
  let repo: RepoView | null = null;
  const reusedFrom: Record<string, string> = {};
  let lease: GitCacheLease | null = null;
  let fetch: TaskRun['fetch'];
  try {
    if ('folder' in source) {
      // Read in place: checkers never write.
      repo = new FsRepoView(source.folder, task.repoName, viewOptions);
    } else if (plan.needed) {
      const checkout = join(await options.makeWorkspace(), task.repoName);
      options.onCloneStart?.();
      const started = performance.now();
      const cloneOptions = {
        url: source.clone.cloneUrl,
        version: task.versionNumber,
        fullHistory: plan.fullHistory,
        allowLocal: options.allowLocalRepos,
        policy: networkPolicyFor(config.Network),
        timeoutMs: config.OpenCheck.clone_timeout_s * 1000,
        maxBytes: config.OpenCheck.clone_max_size_mb * 1024 * 1024,
        signal: options.signal,
      };
      // A worktree is written only for a tree within the limits (a "git bomb" never reaches the disk).
      const inspect = plan.worktree ? (dir: string) => listWithin(new GitRepoView(dir, task.repoName, 'HEAD', viewOptions)) : undefined;
      let how: AcquireHow | 'clone-uncached' = 'clone-uncached';
      try {
        const cached = options.gitCache ? await fromGitCache(options.gitCache, cloneOptions, checkout, plan.worktree, inspect, options.log) : null;
        if (cached) {
          lease = cached;
          how = cached.how;
        } else {
          await cloneRepository({ ...cloneOptions, dest: checkout, worktree: plan.worktree, inspect });
        }
      } catch (err) {
        if (err instanceof RepoTooLargeError) return failAll(err.message);
        return failAll(err instanceof CloneError ? err.message : `clone failed: ${errorMessage(err)}`);
      }
      const seconds = (performance.now() - started) / 1000;
      fetch = { how, seconds };
      options.onCloned?.(seconds, how);
      // A checkout's blob ids come from git's listing of HEAD, not from hashing every file again.
      repo = plan.worktree ? new FsRepoView(checkout, task.repoName, { ...viewOptions, gitRev: 'HEAD' }) : new GitRepoView(checkout, task.repoName, 'HEAD', viewOptions);
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
      resultCache: options.resultCache ?? null,
      fresh: options.fresh === true,
      onReused: (command, fromTaskId) => (reusedFrom[command] = fromTaskId),
    });
    return { status: 'succeeded', scanResults, error: null, commandVersions, ...(Object.keys(reusedFrom).length > 0 ? { reusedFrom } : {}), ...(fetch ? { fetch } : {}) };
  } finally {
    await repo?.close();
    await options.resultCache?.flushCounts();
    options.resultCache?.pruneIfDue();
    await lease?.release();
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

/**
 * The task's repository from the git cache, attached at `checkout`; null when the cache cannot serve it (then
 * the caller clones, as without a cache). What the remote refuses, the size cap and `inspect` fail as a
 * clone's would.
 */
async function fromGitCache(
  gitCache: GitRepoCache,
  clone: Parameters<GitRepoCache['acquire']>[0],
  checkout: string,
  worktree: boolean,
  inspect: ((dir: string) => Promise<void>) | undefined,
  log: Logger,
): Promise<GitCacheLease | null> {
  let lease: GitCacheLease;
  try {
    lease = await gitCache.acquire(clone);
  } catch (err) {
    if (!(err instanceof GitCacheUnavailableError)) throw err;
    log.warn({ reason: err.message }, 'git cache unavailable for this task; cloning without it');
    return null;
  }
  try {
    await attachCommit(lease, checkout, { worktree, inspect, timeoutMs: clone.timeoutMs, maxBytes: clone.maxBytes, signal: clone.signal });
    return lease;
  } catch (err) {
    await lease.release();
    if (err instanceof RepoTooLargeError || err instanceof CloneError || clone.signal?.aborted) throw err;
    log.warn({ reason: errorMessage(err) }, 'could not attach the cached repository; cloning without the cache');
    await rm(checkout, { recursive: true, force: true });
    return null;
  }
}

async function listWithin(view: RepoView): Promise<void> {
  try {
    await view.files();
  } finally {
    await view.close();
  }
}
