/**
 * readme-checker: lists README files anywhere in the repository as `{"readme_file": ["<repo-name>/<path>", ...]}`
 * (an empty list when there are none), the shape OSS Compass's v2 metrics read. Upstream ran
 * `find dir -type f -name "README*"` and returned its stdout; `[OpenCheck] legacy_text_results` brings that
 * string (and `{}` for nothing found) back.
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
  run: (ctx) => findFiles(ctx.repo, 'readme_file', isReadme, ctx.config.OpenCheck.legacy_text_results),
};
