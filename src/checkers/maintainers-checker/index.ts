/**
 * maintainers-checker: lists files naming the people responsible for the project (MAINTAINERS, COMMITTERS,
 * OWNERS, CODEOWNERS, with any suffix, case-insensitive, any depth) as
 * `{"maintainers_file": ["<repo-name>/<path>", ...]}` (an empty list when there are none), the shape OSS
 * Compass's v2 metrics read. Upstream returned `find` output; `[OpenCheck] legacy_text_results` brings that
 * string (and `{}` for nothing found) back.
 */
import { findFiles } from '../shared/find-output.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

const PREFIXES = ['maintainers', 'committers', 'owners', 'codeowners'] as const;

/** Whether a file's lower-cased basename starts with one of the maintainer-file prefixes. */
export function isMaintainersFile(lowerName: string): boolean {
  return PREFIXES.some((prefix) => lowerName.startsWith(prefix));
}

export const checker: Checker = {
  ...meta,
  run: (ctx) => findFiles(ctx.repo, 'maintainers_file', isMaintainersFile, ctx.config.OpenCheck.legacy_text_results),
};
