/**
 * Limits on the size of a repository's tree, checked file by file while the tree is listed, so a "git bomb"
 * (a few objects whose trees reference the same subtree over and over, expanding to millions of paths) is
 * refused after at most `maxFiles` entries instead of being expanded in memory first.
 */

export interface RepoLimits {
  /** Most files listed. */
  readonly maxFiles: number;
  /** Most bytes the files add up to (the size of a checkout). */
  readonly maxTotalBytes: number;
  /** Most path segments of one file (`a/b/c.txt` is 3). */
  readonly maxDepth: number;
}

/**
 * Defaults a real large repository passes with room to spare: the Linux kernel has ~90k files, ~1.4 GiB
 * expanded and paths at most ~12 segments deep; 250k files, 4 GiB and 64 levels are 2.5-5x that, and still
 * bound an agent's memory (the file list of 250k paths is tens of MB) and the size of whole-tree results.
 */
export const DEFAULT_REPO_LIMITS: RepoLimits = { maxFiles: 250_000, maxTotalBytes: 4 * 1024 ** 3, maxDepth: 64 };

/** The repository is over one of the limits; the message starts with "repository too large:". */
export class RepoTooLargeError extends Error {
  constructor(detail: string) {
    super(`repository too large: ${detail}`);
    this.name = 'RepoTooLargeError';
  }
}

const mib = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)} MiB`;

/** Counts files as they are listed and throws RepoTooLargeError at the first one over a limit. */
export class TreeBudget {
  private files = 0;
  private bytes = 0;

  constructor(readonly limits: RepoLimits) {}

  /** Checks one more file of `size` bytes at `path` (`/`-separated). */
  add(path: string, size: number): void {
    this.files += 1;
    this.bytes += size;
    if (this.files > this.limits.maxFiles) {
      throw new RepoTooLargeError(`more than ${this.limits.maxFiles} files (limit [OpenCheck] repo_max_files)`);
    }
    if (this.bytes > this.limits.maxTotalBytes) {
      throw new RepoTooLargeError(`its files add up to more than ${mib(this.limits.maxTotalBytes)} (limit [OpenCheck] repo_max_total_mb)`);
    }
    this.checkDepth(path);
  }

  /** Checks the depth of a path (a file, or a folder about to be walked). */
  checkDepth(path: string): void {
    let depth = 1;
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) depth++;
    if (depth > this.limits.maxDepth) {
      throw new RepoTooLargeError(`paths nested more than ${this.limits.maxDepth} levels deep (limit [OpenCheck] repo_max_depth)`);
    }
  }
}
