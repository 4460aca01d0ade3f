/**
 * readme-checker: lists README files anywhere in the repository. Upstream ran
 * `find dir -type f -name "README*"` and returned its stdout, so the result is a string of newline-terminated
 * `<repo-name>/<path>` lines; when nothing matched, upstream's empty stdout became `{}`, and consumers rely on
 * both shapes.
 */
import type { Checker, Json } from '../types.js';

/** Whether a file's lower-cased basename names a README (README.md, readme, ReadMe.zh-CN.txt, ...). */
export function isReadme(lowerName: string): boolean {
  return lowerName.startsWith('readme');
}

/** Upstream's `find` output shape: newline-terminated lines, or `{}` when there are none. */
export function pathListResult(displayPaths: readonly string[]): Json {
  return displayPaths.length === 0 ? {} : displayPaths.map((path) => `${path}\n`).join('');
}

export const checker: Checker = {
  name: 'readme-checker',
  version: 1,
  description: 'Lists README files anywhere in the repository (case-insensitive).',
  requirements: { checkout: 'shallow' },
  async run(ctx) {
    const files = await ctx.repo.files();
    // files() is sorted by path, so the output is deterministic (upstream's was in directory order).
    return pathListResult(files.filter((file) => isReadme(file.lowerName)).map((file) => ctx.repo.displayPath(file.path)));
  },
};
