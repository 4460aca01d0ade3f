/**
 * maintainers-checker: lists files naming the people responsible for the project (MAINTAINERS, COMMITTERS,
 * OWNERS, CODEOWNERS, with any suffix, case-insensitive, any depth). Upstream returned `find` output, so the
 * result is a string of newline-terminated `<repo-name>/<path>` lines, or `{}` when nothing matched.
 */
import type { Checker, Json } from '../types.js';

const PREFIXES = ['maintainers', 'committers', 'owners', 'codeowners'] as const;

/** Whether a file's lower-cased basename starts with one of the maintainer-file prefixes. */
export function isMaintainersFile(lowerName: string): boolean {
  return PREFIXES.some((prefix) => lowerName.startsWith(prefix));
}

/** Upstream's `find` output shape: newline-terminated lines, or `{}` when there are none. */
export function pathListResult(displayPaths: readonly string[]): Json {
  return displayPaths.length === 0 ? {} : displayPaths.map((path) => `${path}\n`).join('');
}

export const checker: Checker = {
  name: 'maintainers-checker',
  version: 1,
  description: 'Lists MAINTAINERS, COMMITTERS, OWNERS and CODEOWNERS files anywhere in the repository.',
  requirements: { checkout: 'shallow' },
  async run(ctx) {
    const files = await ctx.repo.files();
    return pathListResult(files.filter((file) => isMaintainersFile(file.lowerName)).map((file) => ctx.repo.displayPath(file.path)));
  },
};
