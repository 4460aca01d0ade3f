/**
 * readme-checker: lists README files anywhere in the repository. Upstream ran
 * `find dir -type f -name "README*"` and returned its stdout, so the result is a string of newline-terminated
 * `<repo-name>/<path>` lines; when nothing matched, upstream's empty stdout became `{}`, and consumers rely on
 * both shapes.
 */
import { findFiles } from '../shared/find-output.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

/** Whether a file's lower-cased basename names a README (README.md, readme, ReadMe.zh-CN.txt, ...). */
export function isReadme(lowerName: string): boolean {
  return lowerName.startsWith('readme');
}

export const checker: Checker = {
  ...meta,
  run: (ctx) => findFiles(ctx.repo, isReadme),
};
