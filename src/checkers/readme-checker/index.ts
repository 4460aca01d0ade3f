/**
 * readme-checker: lists README files anywhere in the repository. Upstream ran
 * `find dir -type f -name "README*"` and returned its stdout, so the result is a string of newline-terminated
 * `<repo-name>/<path>` lines; when nothing matched, upstream's empty stdout became `{}`, and consumers rely on
 * both shapes.
 */
import { findOutput } from '../find-output.js';
import type { Checker } from '../types.js';

/** Whether a file's lower-cased basename names a README (README.md, readme, ReadMe.zh-CN.txt, ...). */
export function isReadme(lowerName: string): boolean {
  return lowerName.startsWith('readme');
}


export const checker: Checker = {
  name: 'readme-checker',
  version: 1,
  description: 'Lists README files anywhere in the repository (case-insensitive).',
  requirements: { checkout: 'shallow' },
  async run(ctx) {
    const files = await ctx.repo.files();
    // files() is sorted by path, so the output is deterministic (upstream's was in directory order).
    return findOutput(files.filter((file) => isReadme(file.lowerName)).map((file) => ctx.repo.displayPath(file.path)));
  },
};
