/**
 * Where a security policy may live, and which one counts when there are several. Matching is
 * case-insensitive (`SECURITY.md`, `Security.md`, `security.md`): upstream's case-sensitive glob only knew
 * all-lower and all-upper names, so the usual `SECURITY.md` was never found.
 */
import type { RepoFile } from '../../../lib/repo/repo-view.js';

/**
 * Folders searched, in order of preference. GitHub reads `.github/` before the root and `docs/`; the other
 * platforms' folders (GitLab, Gitee, GitCode) are searched at the same rank. Scorecard's list is the root,
 * `.github/`, `docs/` and `doc/`.
 */
export const POLICY_DIRECTORIES: readonly string[] = ['.github', '.gitlab', '.gitee', '.gitcode', '', 'docs', 'doc'];

/** File names, in order of preference: Scorecard's four formats, then plain text and no extension. */
export const POLICY_FILE_NAMES: readonly string[] = [
  'security.md',
  'security.markdown',
  'security.adoc',
  'security.rst',
  'security.txt',
  'security',
];

/** Every candidate path (lower-case), most preferred first. */
export function policyCandidatePaths(): string[] {
  return POLICY_DIRECTORIES.flatMap((dir) => POLICY_FILE_NAMES.map((name) => (dir ? `${dir}/${name}` : name)));
}

/**
 * The policy to analyse among the files found (given in order of preference): the first non-empty one, as
 * Scorecard keeps looking past an empty file; an empty one only if that is all there is.
 */
export function choosePolicyFile(found: readonly RepoFile[]): RepoFile | undefined {
  return found.find((file) => file.size > 0) ?? found[0];
}
