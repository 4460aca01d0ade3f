/**
 * `openchecker check`: run commands once on a repository URL or a local folder, without a server. Progress goes
 * to stderr; the result is the upstream callback payload as JSON (or a table for people).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { getCheckerMeta, isKnownCommand, knownCommandNames } from '../checkers/metadata.js';
import { GitRepoView } from '../lib/repo/git-repo-view.js';
import { FsRepoView, type RepoView } from '../lib/repo/repo-view.js';
import { runCommands } from '../checkers/runner.js';
import type { Json } from '../checkers/types.js';
import { cloneRepository } from '../lib/git.js';
import { createLogger } from '../lib/log.js';
import { normaliseProjectUrl, projectUrlProblem, refProblem, repoNameFromUrl } from '../tasks/validation.js';
import { UsageError, action, loadCliConfig } from './common.js';
import { formatTable } from './table.js';

interface CheckOptions {
  command: string[];
  format: 'json' | 'table';
  output?: string;
  config?: string;
  version?: string;
  commitHash?: string;
  quiet?: boolean;
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
        const { config, configDir } = loadCliConfig(options.config);
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
  const projectUrl = localDir ?? normaliseProjectUrl(repository);
  const repoName = localDir ? basename(localDir) : repoNameFromUrl(repository);
  const needs = commands.map((name) => getCheckerMeta(name)?.requirements.checkout ?? 'none');
  const needsWorktree = commands.some((name) => getCheckerMeta(name)?.requirements.worktree === true);
  let workspace: string | null = null;
  let repo: RepoView | null = localDir ? new FsRepoView(localDir, repoName) : null;
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  try {
    // A local folder is read in place (checkers never write); a URL, or a local repository at another
    // version, is cloned into a temporary workspace.
    if (needs.some((need) => need !== 'none') && (!localDir || options.version)) {
      workspace = await mkdtemp(join(tmpdir(), 'openchecker-check-'));
      const root = join(workspace, repoName);
      progress(`cloning ${repository}${options.version ? ` at ${options.version}` : ''} ...`);
      const started = Date.now();
      await cloneRepository({
        url: localDir ?? repository,
        dest: root,
        version: options.version ?? null,
        fullHistory: needs.includes('full'),
        worktree: needsWorktree,
        allowLocal: true,
        timeoutMs: config.OpenCheck.clone_timeout_s * 1000,
        maxBytes: config.OpenCheck.clone_max_size_mb * 1024 * 1024,
      });
      progress(`cloned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      repo = needsWorktree ? new FsRepoView(root, repoName) : new GitRepoView(root, repoName);
    }
    let done = 0;
    const results = await runCommands({
      commands,
      task: {
        taskId: randomUUID(),
        projectUrl,
        repoName,
        commitHash: options.commitHash ?? null,
        accessToken: null,
        versionNumber: options.version ?? null,
        metadata: options.version ? { version_number: options.version } : {},
      },
      repo,
      config,
      configDir,
      log,
      onCommandDone: (command, outcome, seconds) => {
        done += 1;
        progress(`[${done}/${commands.length}] ${command}: ${outcome} (${seconds.toFixed(2)} s)`);
      },
    });
    return {
      command_list: commands,
      project_url: projectUrl,
      task_metadata: options.version ? { version_number: options.version } : {},
      scan_results: results,
    };
  } finally {
    await repo?.close();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  }
}
