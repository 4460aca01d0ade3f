/**
 * Upstream's shell-based file finders returned `find` stdout: newline-terminated paths, and `{}` when nothing
 * matched (empty stdout became `{}`). Consumers parse both shapes, so the finder checkers keep them.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import type { Json } from '../types.js';

export function findOutput(displayPaths: readonly string[]): Json {
  return displayPaths.length === 0 ? {} : displayPaths.map((path) => `${path}\n`).join('');
}

/**
 * The files whose lower-cased name `matches`, in upstream's `find` output shape (`<repo>/<path>` lines), sorted
 * by path because `files()` is (upstream's came in directory order).
 */
export async function findFiles(repo: RepoView, matches: (lowerName: string) => boolean): Promise<Json> {
  const files = await repo.files();
  return findOutput(files.filter((file) => matches(file.lowerName)).map((file) => repo.displayPath(file.path)));
}
