/**
 * `openchecker check`: run commands once on a repository URL or a local folder, without a server. Progress goes
 * to stderr; the result is the upstream callback payload as JSON (or a table for people).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { getCheckerMeta, isKnownCommand, knownCommandNames } from '../checkers/metadata.js';
import type { Json } from '../checkers/types.js';
import type { Config } from '../config/schema.js';
import { errorMessage } from '../lib/errors.js';
import { gitCacheFromConfig } from '../lib/git-cache/index.js';
import { createLogger } from '../lib/log.js';
import type { ResultCache } from '../lib/result-cache/cache.js';
import { MemoryResultCacheStore } from '../lib/result-cache/memory.js';
import type { Store } from '../store/types.js';
import { resultCacheFromConfig } from '../tasks/result-cache.js';
import { folderRepoRef, parseRepoRef } from '../tasks/repo-ref.js';
import { runTask, type TaskSource } from '../tasks/run-task.js';
import { projectUrlProblem, refProblem } from '../tasks/validation.js';
import { UsageError, action, loadCliConfig } from './common.js';
import { openCheckStore } from './store.js';
import { formatTable } from './table.js';

interface CheckOptions {
  command: string[];
  format: 'json' | 'table';
  output?: string;
  config?: string;
  version?: string;
  commitHash?: string;
  quiet?: boolean;
  cache: boolean;
  fresh?: boolean;
  cacheFile?: string;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Run commands once on a repository URL or a local folder, without a server')
    .argument('<repository>', 'git URL (https://, ssh://, git@host:path) or a local folder')
    .option('-c, --command <name...>', 'commands to run (default: every available command that needs no network)')
    .option('--format <format>', 'json (the callback payload) or table', 'json')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option('--version <ref>', 'tag, branch or commit to check (task_metadata.version_number)')
    .option('--commit-hash <hash>', 'base commit for changed-files-since-commit-detector')
    .option('--config <file>', 'config.ini to read')
    .option('-q, --quiet', 'no progress output')
    .option('--no-cache', 'compute everything: no per-file facts or command results from (or into) the result cache')
    .option('--fresh', 'run every command even when a stored result of the same input could be reused (facts are still used)')
    .option('--cache-file <file>', 'SQLite file of the result cache (default: the user cache folder; with [Database] url, the deployment store)')
    .action(
      action(async (repository: string, options: CheckOptions) => {
        if (options.format !== 'json' && options.format !== 'table') throw new UsageError('--format must be json or table');
        const commands = options.command ?? defaultCommands();
        const unknown = commands.filter((c) => !isKnownCommand(c));
        if (unknown.length > 0) throw new UsageError(`unknown commands: ${unknown.join(', ')}. Valid commands: ${knownCommandNames().join(', ')}`);
        for (const [field, value] of [['--version', options.version], ['--commit-hash', options.commitHash]] as const) {
          const problem = value ? refProblem(field, value) : null;
          if (problem) throw new UsageError(problem);
        }
        const { config, configDir } = loadCliConfig(options.config, {}, 'laptop');
        const progress = (line: string): void => {
          if (!options.quiet) process.stderr.write(`${line}\n`);
        };
        const payload = await checkOnce(repository, commands, options, config, configDir, progress);
        const text = options.format === 'json' ? `${JSON.stringify(payload, null, 2)}\n` : formatTable(payload.scan_results);
        if (options.output) {
          await writeFile(options.output, text);
          progress(`wrote ${options.output}`);
        } else {
          process.stdout.write(text);
        }
      }),
    );
}

/** Without -c: the commands that are implemented and need no network, so a plain `check .` works offline. */
function defaultCommands(): string[] {
  return knownCommandNames().filter((name) => {
    const checker = getCheckerMeta(name);
    return checker && checker.requirements.network !== true && !checker.requirements.commitHash;
  });
}

async function checkOnce(
  repository: string,
  commands: string[],
  options: CheckOptions,
  config: ReturnType<typeof loadCliConfig>['config'],
  configDir: string,
  progress: (line: string) => void,
): Promise<{ command_list: string[]; project_url: string; task_metadata: Record<string, unknown>; scan_results: Record<string, Json> }> {
  const localDir = existsSync(repository) && statSync(repository).isDirectory() ? resolve(repository) : null;
  if (!localDir) {
    const problem = projectUrlProblem(repository, true);
    if (problem) throw new UsageError(problem.replace('project_url', 'the repository'));
  }
  const ref = localDir ? folderRepoRef(localDir) : parseRepoRef(repository);
  // A local folder is read in place (checkers never write); a URL, or a local repository at another version,
  // is cloned into a temporary workspace.
  const source: TaskSource = localDir && !options.version ? { folder: localDir } : { clone: ref };
  const metadata = options.version ? { version_number: options.version } : {};
  let workspace: string | null = null;
  let done = 0;
  const gitCache = gitCacheFromConfig(config);
  const results = await openResultCache(commands, options, config, progress);
  try {
    const run = await runTask({
      task: {
        taskId: randomUUID(),
        projectUrl: ref.projectUrl,
        repoName: ref.repoName,
        commitHash: options.commitHash ?? null,
        accessToken: null,
        versionNumber: options.version ?? null,
        metadata,
      },
      commands,
      source,
      makeWorkspace: async () => (workspace = await mkdtemp(join(tmpdir(), 'openchecker-check-'))),
      allowLocalRepos: true,
      resultCache: results?.cache ?? null,
      fresh: options.fresh === true,
      config,
      configDir,
      // A URL (or a local repository at another version) is fetched into the git cache; a folder is read in place.
      ...(gitCache && 'clone' in source ? { gitCache } : {}),
      log: createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr),
      onCloneStart: () => progress(`cloning ${repository}${options.version ? ` at ${options.version}` : ''} ...`),
      onCloned: (seconds, how) => progress(how === 'clone-uncached' ? `cloned in ${seconds.toFixed(1)} s` : `repository ready in ${seconds.toFixed(1)} s (git cache: ${how})`),
      onCommandDone: (command, outcome, seconds) => {
        done += 1;
        progress(`[${done}/${commands.length}] ${command}: ${outcome} (${seconds.toFixed(2)} s)`);
      },
    });
    // The only failure of a whole run is the clone's, which here ends the command.
    if (run.error) throw new Error(run.error);
    const reused = Object.keys(run.reusedFrom ?? {});
    if (reused.length > 0) progress(`reused stored results of ${reused.join(', ')} (same input; --fresh runs them)`);
    return { command_list: commands, project_url: ref.projectUrl, task_metadata: metadata, scan_results: run.scanResults };
  } finally {
    if (workspace) await rm(workspace, { recursive: true, force: true });
    await results?.store.close();
  }
}

/**
 * The result cache of a one-shot check ([Cache] enabled, not --no-cache): a store that cannot be opened (a
 * read-only home folder) leaves a cache for this run only, with a note.
 */
async function openResultCache(commands: readonly string[], options: CheckOptions, config: Config, progress: (line: string) => void): Promise<{ cache: ResultCache; store: Store | { close(): Promise<void> } } | null> {
  if (!options.cache || !config.Cache.enabled) return null;
  // Commands that read no files (platform APIs only) have nothing to cache: no store is opened for them.
  if (!commands.some((command) => (getCheckerMeta(command)?.requirements.checkout ?? 'none') !== 'none')) return null;
  try {
    const store = await openCheckStore(config, options.cacheFile);
    const cache = resultCacheFromConfig(store.resultCache, config);
    return cache ? { cache, store } : null;
  } catch (err) {
    progress(`result cache unavailable (${errorMessage(err)}); caching for this run only`);
    const cache = resultCacheFromConfig(new MemoryResultCacheStore(), config);
    return cache ? { cache, store: { close: async () => undefined } } : null;
  }
}
