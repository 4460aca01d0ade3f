/**
 * changed-files-since-commit-detector: the files changed between the task's `commit_hash` and the checked-out
 * HEAD, as upstream's five lists of repository-relative paths. Unlike upstream, a commit that is not in the
 * history is an error, not five empty lists that read as "nothing changed".
 */
import { ExecError } from '../../lib/exec.js';
import type { RepoView } from '../../lib/repo/repo-view.js';
import { CheckerInputError, type CheckContext, type Checker } from '../types.js';
import { classify, isCommitId, parseNameStatus, quoteInput } from './diff.js';
import { meta } from './meta.js';

const GIT_TIMEOUT_MS = 5 * 60 * 1000;
/** A diff listing this large is refused rather than silently cut short by the output cap. */
const MAX_DIFF_BYTES = 64 * 1024 * 1024;

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const hash = ctx.task.commitHash;
    if (!hash) throw new CheckerInputError('No commit hash provided');
    if (!isCommitId(hash)) {
      throw new CheckerInputError(`commit_hash ${quoteInput(hash)} is not a commit id (4 to 64 hexadecimal digits)`);
    }
    const commit = await resolveCommit(ctx, hash);
    const output = await ctx.repo.git(
      // core.quotePath=false keeps non-ASCII names readable; -z already disables quoting of special characters.
      ['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '--no-ext-diff', '--end-of-options', `${commit}..HEAD`, '--'],
      { signal: ctx.signal, timeoutMs: GIT_TIMEOUT_MS, maxOutputBytes: MAX_DIFF_BYTES },
    );
    if (Buffer.byteLength(output) >= MAX_DIFF_BYTES) {
      throw new Error(`the list of changed files is larger than ${MAX_DIFF_BYTES / 1048576} MiB`);
    }
    return classify(parseNameStatus(output));
  },
};

/** The full id of the commit `hash` names; an unknown or ambiguous id is the caller's input problem. */
async function resolveCommit(ctx: CheckContext, hash: string): Promise<string> {
  try {
    const id = await ctx.repo.git(['rev-parse', '--verify', '--end-of-options', `${hash}^{commit}`], {
      signal: ctx.signal,
      timeoutMs: GIT_TIMEOUT_MS,
    });
    return id.trim();
  } catch (err) {
    if (!(err instanceof ExecError) || err.reason !== 'exit') throw err;
    // gitEnv() sets LANG=C, so git's messages are stable English.
    if (/\bis ambiguous\b/.test(err.stderrTail)) {
      throw new CheckerInputError(`commit ${hash} is ambiguous in the repository history; give more digits of the commit id`);
    }
    if (/Needed a single revision/.test(err.stderrTail)) {
      const hint = (await isShallow(ctx.repo, ctx.signal)) ? ' (the checkout is shallow)' : '';
      throw new CheckerInputError(`commit ${hash} was not found in the repository history${hint}`);
    }
    throw err;
  }
}

async function isShallow(repo: RepoView, signal: AbortSignal): Promise<boolean> {
  try {
    return (await repo.git(['rev-parse', '--is-shallow-repository'], { signal, timeoutMs: GIT_TIMEOUT_MS })).trim() === 'true';
  } catch {
    // Only a hint for the message; failing to compute it must not hide the real error.
    return false;
  }
}
