/**
 * Pure parts of changed-files-since-commit-detector: validating the commit id and turning
 * `git diff --name-status -z` output into upstream's five lists.
 */

/** An abbreviated or full SHA-1/SHA-256 object id. Anything else (a leading "-" in particular) is refused. */
const COMMIT_ID = /^[0-9a-f]{4,64}$/i;

export function isCommitId(value: string): boolean {
  return COMMIT_ID.test(value);
}

/** The value for an error message: user input, so bounded in length and quoted. */
export function quoteInput(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export interface DiffEntry {
  /** The status letter: A, C, D, M, R, T, U, X or B. */
  readonly status: string;
  /** The path after the change (the new name of a rename or copy; the removed path of a deletion). */
  readonly path: string;
}

/**
 * Parses `git diff --name-status -z`: `<status>\0<path>\0`, or `<R|C><score>\0<old>\0<new>\0` for renames and
 * copies. NUL separation means no quoting or escaping of any path. Output that breaks this grammar is a
 * broken tool, not an input problem, so it throws a plain Error.
 */
export function parseNameStatus(output: string): DiffEntry[] {
  const tokens = output.split('\0');
  if (tokens.at(-1) === '') tokens.pop();
  const entries: DiffEntry[] = [];
  let i = 0;
  while (i < tokens.length) {
    const status = (tokens[i] ?? '').charAt(0);
    const twoPaths = status === 'R' || status === 'C';
    const path = tokens[i + (twoPaths ? 2 : 1)];
    if (!/^[ACDMRTUXB]$/.test(status) || path === undefined || path === '') {
      throw new Error(`unexpected git diff --name-status output near entry ${entries.length + 1}`);
    }
    entries.push({ status, path });
    i += twoPaths ? 3 : 2;
  }
  return entries;
}

export type ChangedFiles = {
  changed_files: string[];
  new_files: string[];
  rename_files: string[];
  deleted_files: string[];
  modified_files: string[];
};

/**
 * Upstream ran `git diff --name-only --diff-filter=<F>` five times, for F = ACDMRTUXB (every status), A, R, D
 * and M; `--name-only` prints the same path (the new name for renames) in the same order as one
 * `--name-status` listing, so one diff gives all five lists.
 */
export function classify(entries: readonly DiffEntry[]): ChangedFiles {
  const only = (status: string): string[] => entries.filter((entry) => entry.status === status).map((entry) => entry.path);
  return {
    changed_files: entries.map((entry) => entry.path),
    new_files: only('A'),
    rename_files: only('R'),
    deleted_files: only('D'),
    modified_files: only('M'),
  };
}
