/**
 * A task's own view of a cached commit: a small git folder in the task's workspace whose objects are the
 * cache's (`objects/info/alternates`, nothing copied) and whose HEAD is the commit, detached. Everything that
 * reads a clone (GitRepoView, a checker's `git diff <commit>..HEAD`, `--is-shallow-repository`) works on it
 * unchanged, and concurrent tasks at other commits of the same cache never share a HEAD or an index. Files are
 * written only for a worktree, after `inspect` accepted the tree, as in cloneRepository.
 *
 * Like `git clone --shared`, without a transport: nothing is read from a URL, so no local-clone permission is
 * needed, and the lease's pin keeps the cache's objects in place while the task runs.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../exec.js';
import { gitEnv, hardeningOptions, sizeCapError, treeSize } from '../git.js';
import type { GitCacheLease } from './cache.js';

export interface AttachOptions {
  /** Write the commit's files into `dest` (after `inspect`). */
  readonly worktree: boolean;
  /** Called once HEAD is the commit and before any file is written; its error is thrown as it is. */
  readonly inspect?: (dir: string) => Promise<void>;
  readonly timeoutMs: number;
  /** The clone size cap, applied to the written files. */
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

/** Makes `dest` (which must not exist or be empty) a repository at the lease's commit. */
export async function attachCommit(lease: GitCacheLease, dest: string, options: AttachOptions): Promise<void> {
  const git = (args: string[]): Promise<unknown> =>
    run('git', ['-C', dest, ...hardeningOptions(false), ...args], { env: gitEnv(), timeoutMs: options.timeoutMs, signal: options.signal });
  await run('git', [...hardeningOptions(false), 'init', '--quiet', '--template=', dest], { env: gitEnv(), timeoutMs: options.timeoutMs, signal: options.signal });
  const dotGit = join(dest, '.git');
  await writeFile(join(dotGit, 'objects', 'info', 'alternates'), `${join(lease.gitDir, 'objects')}\n`);
  // The commits whose parents the cache does not have: without them git would look for missing history.
  if (lease.shallow) await copyFile(join(lease.gitDir, 'shallow'), join(dotGit, 'shallow')).catch(() => undefined);
  await git(['update-ref', '--no-deref', 'HEAD', lease.commit]);
  await options.inspect?.(dest);
  if (!options.worktree) return;
  await git(['checkout', '--quiet', '--detach', lease.commit, '--']);
  if ((await treeSize(dest)) > options.maxBytes) throw sizeCapError(options.maxBytes);
}
