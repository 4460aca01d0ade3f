/**
 * Hardened git: argument arrays only, no prompts, no hooks, no system or user config, no submodules, local
 * transports only when explicitly allowed, a time limit and a cap on how much a clone may write.
 */
import { readdir, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { ExecError, run } from './exec.js';
import { CloneRefusedError, openGitEgress, type GitEgress } from './git-egress.js';
import { describeGitFailure } from './git-errors.js';
import { BlockedAddressError, processNetworkPolicy, type NetworkPolicy } from './net-policy.js';
import { redact } from './redact.js';

/** Environment for every git process: never prompt, never read the host's git configuration. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    PATH: base.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: base.HOME ?? '/nonexistent',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'true',
    SSH_ASKPASS: 'true',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o ConnectTimeout=30',
    GIT_PROTOCOL_FROM_USER: '0',
  };
}

/** `-c` options given to every clone: hooks off, dangerous transports off. */
export function hardeningOptions(allowLocal: boolean): string[] {
  return [
    '-c', 'core.hooksPath=/dev/null',
    '-c', 'core.fsmonitor=false',
    '-c', `protocol.file.allow=${allowLocal ? 'always' : 'never'}`,
    '-c', 'protocol.ext.allow=never',
    '-c', 'submodule.recurse=false',
    '-c', 'advice.detachedHead=false',
  ];
}

export interface CloneOptions {
  url: string;
  dest: string;
  /** Tag, branch or commit to check out; null for the default branch. */
  version: string | null;
  /** Clone the whole history (needed to diff against an older commit or to check out a commit). */
  fullHistory: boolean;
  /**
   * Write the files (a worktree). Without one, the clone holds only git's object store and HEAD points at
   * `version`: readers go through the objects (GitRepoView), and nothing has to be written or deleted.
   */
  worktree: boolean;
  allowLocal: boolean;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  /**
   * Called once git's objects are in and the commit is known, before a single file is written: the place to
   * refuse the tree (e.g. RepoTooLargeError for a "git bomb" of a few objects expanding to millions of files).
   * Its error is thrown as it is.
   */
  inspect?: (dir: string) => Promise<void>;
  /** Which addresses git may connect to ([Network]); default: the process's policy. */
  policy?: NetworkPolicy;
}

export class CloneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloneError';
  }
}

/** Clones `url` into `dest` (which must not exist) with HEAD at `version` (checked out when `worktree`). */
export async function cloneRepository(options: CloneOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  const watcher = watchSize(options.dest, options.maxBytes);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  watcher.onExceeded(stop);
  const git = (args: string[]): Promise<{ stdout: string }> =>
    run('git', ['-C', options.dest, ...hardeningOptions(options.allowLocal), ...args], { env: gitEnv(), timeoutMs: remaining(), signal: controller.signal });
  // Every clone is made without a worktree first; the files are written (when asked) only after `inspect`.
  const finish = async (target: string, moveHead: boolean): Promise<void> => {
    const commit = (
      await git(['rev-parse', '--verify', '--end-of-options', `${target}^{commit}`]).catch((err: unknown) => {
        if (!(err instanceof ExecError && err.reason === 'exit')) throw err;
        // git "clones" anything that answers like a dumb HTTP server (any server answering 200) as an empty
        // repository: no commit at HEAD is a failed clone, never an empty scan.
        throw new CloneError(
          options.version === null
            ? 'git clone found no commits: the address is not a git repository, or the repository is empty'
            : `version "${target}" was not found in the repository (not a tag, branch or commit)`,
        );
      })
    ).stdout.trim();
    if (moveHead) await git(['update-ref', '--no-deref', 'HEAD', commit]);
    await options.inspect?.(options.dest);
    if (options.worktree) await git(['checkout', '--quiet', '--detach', commit, '--']);
    await enforceSizeCap(options);
  };
  let egress: GitEgress | null = null;
  try {
    // Checks the host (or refuses the transport) and routes git's HTTP(S) through the policy's proxy.
    egress = await openGitEgress(options.url, options.policy ?? processNetworkPolicy());
    const shallowFirst = !options.fullHistory;
    if (shallowFirst) {
      const branchArgs = options.version ? ['--branch', options.version] : [];
      let cloned = false;
      try {
        await gitClone(options, egress, ['--no-checkout', '--depth', '1', ...branchArgs], remaining(), controller.signal);
        cloned = true;
      } catch (err) {
        // `--branch` takes only tags and branches, and "dumb" HTTP servers cannot serve shallow clones: when
        // git itself refused, fall back to a full clone below. Time-outs, stops and the size cap are final.
        if (watcher.exceeded || controller.signal.aborted || !(err instanceof ExecError) || err.reason !== 'exit') {
          throw err;
        }
        if (!options.version && !/shallow/i.test(err.stderrTail)) throw err;
        await run('rm', ['-rf', '--', options.dest]);
      }
      // `--branch` put HEAD at the version already.
      if (cloned) return await finish('HEAD', false);
    }
    await gitClone(options, egress, ['--no-checkout'], remaining(), controller.signal);
    await finish(options.version ?? 'HEAD', options.version !== null);
  } catch (err) {
    throw cloneFailure(err, { sizeCapExceeded: watcher.exceeded, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, egress });
  } finally {
    watcher.stop();
    options.signal?.removeEventListener('abort', stop);
    await egress?.close();
  }
}

export interface CloneFailureContext {
  /** The size watcher stopped git. */
  readonly sizeCapExceeded: boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly egress: GitEgress | null;
}

/**
 * The error a failed clone (or a git cache's fetch, src/lib/git-cache/) is reported with: a CloneError in fixed
 * words for what git or the policy refused, the error itself for anything else.
 */
export function cloneFailure(err: unknown, context: CloneFailureContext): unknown {
  if (context.sizeCapExceeded) return sizeCapError(context.maxBytes);
  // A refused address or transport: the policy's short reason, never git's text about it.
  if (err instanceof BlockedAddressError || err instanceof CloneRefusedError) return new CloneError(`clone refused: ${err.message}`);
  if (context.egress?.refusal && err instanceof ExecError && err.reason === 'exit') return new CloneError(`clone refused: ${context.egress.refusal.message}`);
  if (err instanceof ExecError) {
    if (err.reason === 'timeout') return new CloneError(`git clone timed out after ${Math.round(context.timeoutMs / 1000)} s`);
    if (err.reason === 'aborted') return new CloneError('git clone was stopped');
    return new CloneError(`git clone failed: ${summariseGitError(err.stderrTail)}`);
  }
  return err;
}

export function sizeCapError(maxBytes: number): CloneError {
  return new CloneError(`the repository is larger than the clone size cap of ${Math.round(maxBytes / 1048576)} MiB`);
}

/** The watcher samples once a second; a clone faster than that is measured once when it is done. */
async function enforceSizeCap(options: CloneOptions): Promise<void> {
  if ((await treeSize(options.dest)) > options.maxBytes) throw sizeCapError(options.maxBytes);
}

async function gitClone(options: CloneOptions, egress: GitEgress, extra: string[], timeoutMs: number, signal: AbortSignal): Promise<void> {
  await run(
    'git',
    [
      ...hardeningOptions(options.allowLocal),
      ...egress.gitOptions,
      'clone',
      '--quiet',
      '--no-recurse-submodules',
      '--template=',
      ...extra,
      '--',
      options.url,
      options.dest,
    ],
    { env: gitEnv(), timeoutMs, signal },
  );
}

/**
 * Why git failed, in fixed words (./git-errors.ts): git's own lines carry what the remote said, which must not
 * reach the results.
 */
function summariseGitError(stderr: string): string {
  return redact(describeGitFailure(stderr));
}

export interface SizeWatcher {
  readonly exceeded: boolean;
  onExceeded(listener: () => void): void;
  stop(): void;
}

/** Polls the size of a directory tree and reports when it passes `maxBytes`. */
export function watchSize(dir: string, maxBytes: number): SizeWatcher {
  let exceeded = false;
  let stopped = false;
  let listener: (() => void) | null = null;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    const size = await treeSize(dir).catch(() => 0);
    if (size > maxBytes && !exceeded) {
      exceeded = true;
      listener?.();
    }
    if (!stopped) timer = setTimeout(() => void tick(), 1000);
  };
  // Most clones finish within a second; only longer ones pay for walking the tree to measure it.
  let timer = setTimeout(() => void tick(), 1000);
  return {
    get exceeded() {
      return exceeded;
    },
    onExceeded(fn) {
      listener = fn;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export async function treeSize(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await treeSize(path);
    else total += (await lstat(path)).size;
  }
  return total;
}
