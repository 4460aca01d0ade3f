/**
 * maintainers-checker: lists files naming the people responsible for the project (MAINTAINERS, COMMITTERS,
 * OWNERS, CODEOWNERS, with any suffix, case-insensitive, any depth). Upstream returned `find` output, so the
 * result is a string of newline-terminated `<repo-name>/<path>` lines, or `{}` when nothing matched.
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
  run: (ctx) => findFiles(ctx.repo, isMaintainersFile),
};
